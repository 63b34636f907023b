#pragma once

// Raising today's key moments (关键时刻): the daily run of the server's maintenance, POST
// /api/alerts/refresh and `kam alerts`.

#include "store/alert_store.hpp"

namespace kam::app {

// Classifies the accounts over the twelve months to `today`, reads the key-moment rules and
// inputs, runs the engine and stores its alerts (store::store_alerts: new moments added, open
// ones no longer found removed, what users did with the others kept).
Result<store::AlertRefresh> refresh_alerts(store::Connection& connection, Day today, Timestamp now);

}  // namespace kam::app
