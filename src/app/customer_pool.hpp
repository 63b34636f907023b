#pragma once

// The customer pool (公海): accounts without follow-up return to it by their pyramid level.

#include "app/analysis_service.hpp"
#include "store/account_ownership.hpp"
#include "store/store.hpp"

namespace kam::app {

// Releases into the pool every owned account without a follow-up for longer than the pool
// policy allows for its pyramid level (classified over the last twelve months). The daily
// run of the server's maintenance and POST /api/pool/sweep, which pass their resident analysis;
// without one the dataset is read for this run.
Result<store::SweepResult> sweep_customer_pool(store::Store& store, const store::Actor& actor,
                                               AnalysisService* resident = nullptr);

}  // namespace kam::app
