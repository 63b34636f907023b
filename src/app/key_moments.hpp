#pragma once

// Raising today's key moments (关键时刻): the daily run of the server's maintenance, POST
// /api/alerts/refresh and `kam alerts`.

#include "app/analysis_service.hpp"
#include "store/alert_store.hpp"

namespace kam::app {

// Classifies the accounts over the twelve months to `today`, reads the key-moment rules and
// inputs, runs the engine and stores its alerts (store::store_alerts: new moments added, open
// ones no longer found removed, what users did with the others kept). With `resident` (the
// server's), the classes are the resident analysis's; without (`kam alerts`), the dataset is
// read for this run.
Result<store::AlertRefresh> refresh_alerts(store::Connection& connection, Day today, Timestamp now,
                                           AnalysisService* resident = nullptr);

}  // namespace kam::app
