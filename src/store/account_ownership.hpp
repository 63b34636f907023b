#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace kam::store {

// The company owns the customer: these operations move accounts between account managers
// and the customer pool (公海). Each runs in one transaction and audits every record it
// changes, so that it is all done or not at all, and can be traced and reversed.

struct HandoverResult {
  int64_t accounts = 0;
  int64_t open_activities = 0;  // planned visits and calls, now the new owner's
  int64_t open_contracts = 0;   // draft and active contracts
  int64_t open_opportunities = 0;
  int64_t open_tasks = 0;  // the former owner's unfinished tasks (待办) for the account
};

// Gives account `account_id` to `to_user_id` (and to that user's team), with its open
// opportunities, planned activities, open contracts and the former owner's unfinished tasks
// (tasks a colleague holds stay theirs). Contacts and history follow the account.
Result<HandoverResult> hand_over(Store& store, int64_t account_id, int64_t to_user_id,
                                 const Actor& actor);
// Every account `from_user_id` owns, e.g. when a rep leaves.
Result<HandoverResult> hand_over_all(Store& store, int64_t from_user_id, int64_t to_user_id,
                                     const Actor& actor);

// When accounts return to the pool and how reps may claim them. Data an administrator
// changes (GET/PUT /api/settings/pool), versioned.
struct PoolPolicy {
  int64_t version = 0;
  // Days without a follow-up (an activity) after which an owned account returns to the
  // pool, by customer-pyramid level code; 0 = never. "none" is for accounts that bought
  // nothing in the period.
  std::map<std::string, int64_t> idle_days_by_tier;
  int64_t max_accounts_per_owner = 0;  // a claim beyond this is refused; 0 = no limit
  int64_t reclaim_cooldown_days = 0;   // before a rep may re-claim an account they released
};
PoolPolicy default_pool_policy();
std::string to_json(const PoolPolicy& policy);
Result<PoolPolicy> pool_policy_from_json(std::string_view json);
inline constexpr std::string_view kPoolPolicyDocument = "pool-policy";
Result<PoolPolicy> load_pool_policy(Connection& connection);

// The owner gives the account back to the pool, saying why.
Status release_to_pool(Store& store, int64_t account_id, std::string_view reason,
                       const Actor& actor);
// A rep takes a pool account, within the policy's limits.
Status claim_from_pool(Store& store, int64_t account_id, int64_t user_id, const PoolPolicy& policy,
                       const Actor& actor);

// Returns owned accounts without a follow-up for their tier's idle days to the pool.
// `tier_of` maps account ids to their pyramid level code (missing: "none").
struct SweepResult {
  std::vector<int64_t> released;
};
Result<SweepResult> sweep_pool(Store& store, const PoolPolicy& policy,
                               const std::map<int64_t, std::string>& tier_of, const Actor& actor);

// Sharing an account with a colleague or a team (per-record team members).
struct AccountMember {
  int64_t id = 0;
  int64_t account_id = 0;
  std::optional<int64_t> user_id;
  std::optional<int64_t> team_id;
  std::string access = "read";  // read | write
  std::optional<Timestamp> expires_at;
  Timestamp created_at;
  std::string created_by;
};
Result<int64_t> add_member(Store& store, AccountMember& member, const Actor& actor);
Status remove_member(Store& store, int64_t account_id, int64_t member_id, const Actor& actor);
Result<std::vector<AccountMember>> members_of(Connection& connection, int64_t account_id);

}  // namespace kam::store
