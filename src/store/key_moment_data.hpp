#pragma once

#include "analytics/analysis.hpp"
#include "analytics/dataset.hpp"
#include "analytics/key_moments.hpp"
#include "core/date.hpp"
#include "store/driver.hpp"

namespace kam::store {

// The key-moment engine's columns as of `today`, for the customers: live accounts that are
// active or dormant (a prospect has no anniversary or spend to watch; a lost account is
// the churn report's business). `data` is the loaded dataset and `analysis` an analysis of
// it, whose customer pyramid gives each account's tier for the contact cadence.
//
// - customer_since: the first order, else the first contract's start, else the day the
//   account was created.
// - last_contact: the last activity with the account on or before today.
// - receivables: invoices with money outstanding today, after the payments that name them
//   (a payment naming no invoice cannot say which invoice it settles and is left out).
// - spend: net of returns, per whole month, from the account's first order month (or the
//   window's start) to the month before today's; months without orders count as 0.
// - contracted_monthly_fen: each active contract's value spread evenly over its days, for
//   the days of last month it covers.
Result<analytics::KeyMomentInputs> load_key_moment_inputs(Connection& connection,
                                                          const analytics::Dataset& data,
                                                          const analytics::Analysis& analysis,
                                                          const analytics::KeyMomentRules& rules,
                                                          Day today);

}  // namespace kam::store
