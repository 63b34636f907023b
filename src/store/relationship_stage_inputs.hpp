#pragma once

// What the relationship stage of every account reads from the database besides its orders and
// activities' days (which the resident analysis holds): each account's wallet estimate for a
// year, the people met on both sides in a span of days, and the stage set by hand. One
// aggregate each for all accounts, each equal to what the plan page reads for one account
// (store/account_plan_store.hpp's wallet_estimates and plan_facts, current_stage_override in
// store/scorecard_store.hpp). Every list is ascending by account id and holds only the
// accounts that have one; deleted accounts may be among them (the caller keeps the live ones).

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct AccountWallet {
  int64_t account_id = 0;
  Money total;  // Σ of the live estimates of the year
};

struct AccountPeopleMet {
  int64_t account_id = 0;
  int32_t customer_contacts = 0;  // their people met in live activities in [from, to]
  int32_t our_staff = 0;          // our users who held those activities
};

struct AccountStageOverride {
  int64_t account_id = 0;
  std::string stage;  // the override in force (removed ones are left out)
};

struct StageInputs {
  std::vector<AccountWallet> wallets;
  std::vector<AccountPeopleMet> people;
  std::vector<AccountStageOverride> overrides;
};

// The wallets of `year`, the people met from `from` to the end of day `to`, and the overrides
// in force, of every account.
Result<StageInputs> stage_inputs(Connection& connection, int32_t year, Day from, Day to);

}  // namespace kam::store
