#include "store/account_ownership.hpp"

#include <boost/json.hpp>

#include "store/rule_set_store.hpp"
#include "store/webhook_outbox.hpp"

namespace kam::store {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;

Result<std::vector<int64_t>> ids_of(Connection& c, const std::string& sql,
                                    std::span<const SqlValue> params) {
  std::vector<int64_t> ids;
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    ids.push_back(row.get_int(0));
    return true;
  }));
  return ids;
}

std::string event_payload(std::string_view event, int64_t account_id, const Actor& actor,
                          Timestamp now, boost::json::object extra) {
  extra["event"] = event;
  extra["account_id"] = account_id;
  extra["by"] = actor.name;
  extra["at"] = to_string(now);
  return boost::json::serialize(extra);
}

Result<User> active_user(Store& store, int64_t user_id, const char* field) {
  auto user = store.repository<User>().get(user_id);
  if (!user) return Error::invalid(field, "user " + std::to_string(user_id) + " does not exist");
  if (!user->active) return Error::invalid(field, "user " + user->login + " is inactive");
  return user;
}

// The account's new owner, inside the caller's transaction; counts what moved.
Status transfer(Store& store, Account& account, const User& to, const Actor& actor, Timestamp now,
                HandoverResult& result) {
  const std::optional<int64_t> from = account.owner_id;
  account.owner_id = to.meta.id;
  account.team_id = to.team_id;
  account.owned_since = now;
  account.pooled_at.reset();
  KAM_RETURN_IF_ERROR(store.repository<Account>().update(account, actor));
  ++result.accounts;

  // Planned activities (dated after now) are open tasks: they follow the account.
  const SqlValue activity_params[] = {account.meta.id, to_string(now), to.meta.id};
  auto planned = ids_of(store.connection(),
                        "SELECT id FROM activities WHERE account_id = $1 AND occurred_at > $2 AND "
                        "user_id <> $3 AND deleted_at IS NULL",
                        activity_params);
  if (!planned) return planned.error();
  auto activities = store.repository<Activity>();
  for (int64_t id : *planned) {
    auto activity = activities.get(id);
    if (!activity) return activity.error();
    activity->user_id = to.meta.id;
    KAM_RETURN_IF_ERROR(activities.update(*activity, actor));
    ++result.open_activities;
  }
  const SqlValue contract_params[] = {account.meta.id, to.meta.id};
  auto open = ids_of(store.connection(),
                     "SELECT id FROM contracts WHERE account_id = $1 AND status IN ('draft', "
                     "'active') AND (owner_id IS NULL OR owner_id <> $2) AND deleted_at IS NULL",
                     contract_params);
  if (!open) return open.error();
  auto contracts = store.repository<Contract>();
  for (int64_t id : *open) {
    auto contract = contracts.get(id);
    if (!contract) return contract.error();
    contract->owner_id = to.meta.id;
    KAM_RETURN_IF_ERROR(contracts.update(*contract, actor));
    ++result.open_contracts;
  }
  const SqlValue opportunity_params[] = {account.meta.id, to.meta.id};
  auto open_opportunities =
      ids_of(store.connection(),
             "SELECT id FROM opportunities WHERE account_id = $1 AND closed_on IS NULL AND "
             "(owner_id IS NULL OR owner_id <> $2) AND deleted_at IS NULL",
             opportunity_params);
  if (!open_opportunities) return open_opportunities.error();
  auto opportunities = store.repository<Opportunity>();
  for (int64_t id : *open_opportunities) {
    auto opportunity = opportunities.get(id);
    if (!opportunity) return opportunity.error();
    opportunity->owner_id = to.meta.id;
    opportunity->team_id = to.team_id;
    KAM_RETURN_IF_ERROR(opportunities.update(*opportunity, actor));
    ++result.open_opportunities;
  }
  if (from) {
    // The former owner's unfinished tasks are the account's work, not theirs to keep; a task a
    // colleague holds for the account (a manager's review, a specialist's call) stays with them.
    const SqlValue task_params[] = {account.meta.id, *from};
    auto open_tasks = ids_of(store.connection(),
                             "SELECT id FROM tasks WHERE account_id = $1 AND owner_id = $2 AND "
                             "done = 0 AND deleted_at IS NULL",
                             task_params);
    if (!open_tasks) return open_tasks.error();
    auto tasks = store.repository<Task>();
    for (int64_t id : *open_tasks) {
      auto task = tasks.get(id);
      if (!task) return task.error();
      task->owner_id = to.meta.id;
      KAM_RETURN_IF_ERROR(tasks.update(*task, actor));
      ++result.open_tasks;
    }
  }
  boost::json::object extra{{"to_user_id", to.meta.id}};
  extra["from_user_id"] = from ? boost::json::value(*from) : boost::json::value(nullptr);
  return enqueue_event(store.connection(), "account.handed_over",
                       event_payload("account.handed_over", account.meta.id, actor, now, extra),
                       now);
}

}  // namespace

Result<HandoverResult> hand_over(Store& store, int64_t account_id, int64_t to_user_id,
                                 const Actor& actor) {
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto to = active_user(store, to_user_id, "to_user_id");
  if (!to) return to.error();
  auto account = store.repository<Account>().get(account_id);
  if (!account) return account.error();
  if (account->owner_id == to_user_id) {
    return Error::invalid("to_user_id", "already owns account " + std::to_string(account_id));
  }
  HandoverResult result;
  KAM_RETURN_IF_ERROR(transfer(store, *account, *to, actor, store.clock().now(), result));
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

Result<HandoverResult> hand_over_all(Store& store, int64_t from_user_id, int64_t to_user_id,
                                     const Actor& actor) {
  if (from_user_id == to_user_id) {
    return Error::invalid("to_user_id", "must differ from from_user_id");
  }
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto to = active_user(store, to_user_id, "to_user_id");
  if (!to) return to.error();
  if (auto from = store.repository<User>().get(from_user_id); !from) {
    return Error::invalid("from_user_id",
                          "user " + std::to_string(from_user_id) + " does not exist");
  }
  const SqlValue params[] = {from_user_id};
  auto owned = ids_of(store.connection(),
                      "SELECT id FROM accounts WHERE owner_id = $1 AND deleted_at IS NULL ORDER "
                      "BY id",
                      params);
  if (!owned) return owned.error();
  HandoverResult result;
  const Timestamp now = store.clock().now();
  for (int64_t id : *owned) {
    auto account = store.repository<Account>().get(id);
    if (!account) return account.error();
    KAM_RETURN_IF_ERROR(transfer(store, *account, *to, actor, now, result));
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

PoolPolicy default_pool_policy() {
  PoolPolicy p;
  // VIP accounts never drop into the pool by themselves: a director decides.
  p.idle_days_by_tier = {{"vip", 0}, {"major", 180}, {"ordinary", 90}, {"small", 60}, {"none", 30}};
  p.max_accounts_per_owner = 500;
  p.reclaim_cooldown_days = 30;
  return p;
}

std::string to_json(const PoolPolicy& p) {
  boost::json::object tiers;
  for (const auto& [tier, days] : p.idle_days_by_tier)
    tiers[tier] = days;
  return boost::json::serialize(
      boost::json::object{{"version", p.version},
                          {"idle_days_by_tier", std::move(tiers)},
                          {"max_accounts_per_owner", p.max_accounts_per_owner},
                          {"reclaim_cooldown_days", p.reclaim_cooldown_days}});
}

Result<PoolPolicy> pool_policy_from_json(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(text, ec);
  if (ec) return Error::invalid("body", "is not valid JSON: " + ec.message());
  if (!doc.is_object()) return Error::invalid("body", "must be a JSON object");
  PoolPolicy p = default_pool_policy();
  std::vector<FieldError> problems;
  auto days = [&](const boost::json::value& v, const std::string& field, int64_t& out) {
    if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 3650) {
      problems.push_back({field, "must be a whole number of days from 0 to 3650"});
    } else {
      out = v.as_int64();
    }
  };
  for (const auto& [key, value] : doc.as_object()) {
    if (key == "version") continue;
    if (key == "idle_days_by_tier") {
      if (!value.is_object()) {
        problems.push_back({"idle_days_by_tier", "must map tier codes to days"});
        continue;
      }
      for (const auto& [tier, v] : value.as_object())
        days(v, "idle_days_by_tier." + std::string(tier), p.idle_days_by_tier[std::string(tier)]);
    } else if (key == "max_accounts_per_owner") {
      if (!value.is_int64() || value.as_int64() < 0) {
        problems.push_back({"max_accounts_per_owner", "must be a whole number, 0 for no limit"});
      } else {
        p.max_accounts_per_owner = value.as_int64();
      }
    } else if (key == "reclaim_cooldown_days") {
      days(value, "reclaim_cooldown_days", p.reclaim_cooldown_days);
    } else {
      problems.push_back({std::string(key),
                          "is not a setting; use idle_days_by_tier, max_accounts_per_owner, "
                          "reclaim_cooldown_days"});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return p;
}

Result<PoolPolicy> load_pool_policy(Connection& c) {
  auto stored = load_document(c, kPoolPolicyDocument);
  if (!stored) return stored.error();
  if (!*stored) return default_pool_policy();
  auto policy = pool_policy_from_json((*stored)->body);
  if (!policy) return Error::io("the stored pool policy is invalid: " + policy.error().describe());
  policy->version = (*stored)->version;
  return policy;
}

Status release_to_pool(Store& store, int64_t account_id, std::string_view reason,
                       const Actor& actor) {
  if (reason.empty())
    return Error::invalid("reason", "is required: say why the account is released");
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto account = store.repository<Account>().get(account_id);
  if (!account) return account.error();
  if (!account->owner_id) {
    return Error::conflict("account " + std::to_string(account_id) + " is already in the pool");
  }
  const int64_t former_owner = *account->owner_id;
  const Timestamp now = store.clock().now();
  account->owner_id.reset();
  account->owned_since.reset();
  account->pooled_at = now;
  KAM_RETURN_IF_ERROR(store.repository<Account>().update(*account, actor));
  const SqlValue params[] = {account_id, former_owner, std::string(reason), to_string(now)};
  auto id = store.connection().insert(
      "INSERT INTO pool_releases (account_id, user_id, reason, released_at) VALUES ($1, $2, $3, "
      "$4)",
      params);
  if (!id) return id.error();
  KAM_RETURN_IF_ERROR(enqueue_event(
      store.connection(), "account.released",
      event_payload("account.released", account_id, actor, now,
                    {{"from_user_id", former_owner}, {"reason", std::string(reason)}}),
      now));
  return tx.commit();
}

Status claim_from_pool(Store& store, int64_t account_id, int64_t user_id, const PoolPolicy& policy,
                       const Actor& actor) {
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  // Claims by one rep take turns, so that two at once through different server instances
  // cannot both pass the limit below: the no-op update locks the rep's row until commit in
  // PostgreSQL (SQLite's write transaction already excludes every other writer).
  const SqlValue rep[] = {user_id};
  KAM_RETURN_IF_ERROR(
      store.connection().execute("UPDATE users SET version = version WHERE id = $1", rep));
  auto user = active_user(store, user_id, "user_id");
  if (!user) return user.error();
  auto account = store.repository<Account>().get(account_id);
  if (!account) return account.error();
  if (account->owner_id) {
    return Error::conflict("account " + std::to_string(account_id) +
                           " is not in the pool: it has an owner");
  }
  const Timestamp now = store.clock().now();
  if (policy.max_accounts_per_owner > 0) {
    const SqlValue params[] = {user_id};
    auto owned = query_int(
        store.connection(),
        "SELECT COUNT(*) FROM accounts WHERE owner_id = $1 AND deleted_at IS NULL", params);
    if (!owned) return owned.error();
    if (*owned >= policy.max_accounts_per_owner) {
      return Error::conflict("you already own " + std::to_string(*owned) +
                             " accounts, the most the pool policy allows");
    }
  }
  if (policy.reclaim_cooldown_days > 0) {
    const Timestamp since{now.seconds - policy.reclaim_cooldown_days * kSecondsPerDay};
    const SqlValue params[] = {account_id, user_id, to_string(since)};
    auto recent =
        query_int(store.connection(),
                  "SELECT COUNT(*) FROM pool_releases WHERE account_id = $1 AND user_id = "
                  "$2 AND released_at > $3",
                  params);
    if (!recent) return recent.error();
    if (*recent > 0) {
      return Error::conflict("you released this account less than " +
                             std::to_string(policy.reclaim_cooldown_days) +
                             " days ago; another rep may claim it first");
    }
  }
  account->owner_id = user_id;
  account->team_id = user->team_id;
  account->owned_since = now;
  account->pooled_at.reset();
  KAM_RETURN_IF_ERROR(store.repository<Account>().update(*account, actor));
  KAM_RETURN_IF_ERROR(enqueue_event(
      store.connection(), "account.claimed",
      event_payload("account.claimed", account_id, actor, now, {{"user_id", user_id}}), now));
  return tx.commit();
}

Result<SweepResult> sweep_pool(Store& store, const PoolPolicy& policy,
                               const std::map<int64_t, std::string>& tier_of, const Actor& actor) {
  const Timestamp now = store.clock().now();
  struct Candidate {
    int64_t id;
    int64_t idle_days;
  };
  std::vector<Candidate> idle;
  const SqlValue params[] = {to_string(now)};
  // The last follow-up: the latest past activity, else when the owner took the account.
  KAM_RETURN_IF_ERROR(store.connection().query(
      "SELECT a.id, COALESCE((SELECT MAX(occurred_at) FROM activities v WHERE v.account_id = a.id "
      "AND v.deleted_at IS NULL AND v.occurred_at <= $1), a.owned_since, a.created_at), "
      "a.owned_since FROM accounts a WHERE a.owner_id IS NOT NULL AND a.deleted_at IS NULL",
      params, [&](const Row& row) {
        Timestamp last = parse_timestamp(row.get_text(1)).value_or(now);
        if (!row.is_null(2)) {
          // A claim is a fresh start, even if the previous owner's last visit is older.
          last = std::max(last, parse_timestamp(row.get_text(2)).value_or(now));
        }
        idle.push_back({row.get_int(0), (now.seconds - last.seconds) / kSecondsPerDay});
        return true;
      }));
  SweepResult result;
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  for (const auto& c : idle) {
    const auto tier = tier_of.find(c.id);
    const std::string& code = tier == tier_of.end() ? std::string("none") : tier->second;
    const auto limit = policy.idle_days_by_tier.find(code);
    if (limit == policy.idle_days_by_tier.end() || limit->second == 0) continue;
    if (c.idle_days < limit->second) continue;
    KAM_RETURN_IF_ERROR(release_to_pool(store, c.id,
                                        "no follow-up for " + std::to_string(c.idle_days) +
                                            " days (" + code + " tier limit " +
                                            std::to_string(limit->second) + ")",
                                        actor));
    result.released.push_back(c.id);
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

Result<int64_t> add_member(Store& store, AccountMember& m, const Actor& actor) {
  std::vector<FieldError> problems;
  if (m.user_id.has_value() == m.team_id.has_value())
    problems.push_back({"user_id", "give either user_id or team_id"});
  if (m.access != "read" && m.access != "write")
    problems.push_back({"access", "must be read or write"});
  const Timestamp now = store.clock().now();
  if (m.expires_at && *m.expires_at <= now)
    problems.push_back({"expires_at", "must be in the future"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  if (auto account = store.repository<Account>().get(m.account_id); !account)
    return account.error();
  if (m.user_id) {
    if (auto u = active_user(store, *m.user_id, "user_id"); !u) return u.error();
  } else if (auto t = store.repository<Team>().get(*m.team_id); !t) {
    return Error::invalid("team_id", "team " + std::to_string(*m.team_id) + " does not exist");
  }
  m.created_at = now;
  m.created_by = actor.name;
  const SqlValue params[] = {m.account_id,
                             m.user_id ? SqlValue(*m.user_id) : SqlValue(),
                             m.team_id ? SqlValue(*m.team_id) : SqlValue(),
                             m.access,
                             m.expires_at ? SqlValue(to_string(*m.expires_at)) : SqlValue(),
                             to_string(now),
                             actor.name};
  auto id = store.connection().insert(
      "INSERT INTO account_members (account_id, user_id, team_id, access, expires_at, created_at, "
      "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      params);
  if (!id) return id.error();
  m.id = *id;
  AuditEntry e{
      0,
      now,
      actor.name,
      actor.user_id,
      "account",
      m.account_id,
      "share",
      "member",
      std::nullopt,
      (m.user_id ? "user " + std::to_string(*m.user_id) : "team " + std::to_string(*m.team_id)) +
          " " + m.access + (m.expires_at ? " until " + to_string(*m.expires_at) : std::string())};
  KAM_RETURN_IF_ERROR(append_audit(store.connection(), e));
  KAM_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Result<std::vector<AccountMember>> members_of(Connection& c, int64_t account_id) {
  std::vector<AccountMember> out;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, account_id, user_id, team_id, access, expires_at, created_at, created_by FROM "
      "account_members WHERE account_id = $1 ORDER BY id",
      params, [&](const Row& row) {
        AccountMember m;
        m.id = row.get_int(0);
        m.account_id = row.get_int(1);
        if (!row.is_null(2)) m.user_id = row.get_int(2);
        if (!row.is_null(3)) m.team_id = row.get_int(3);
        m.access = row.get_text(4);
        if (!row.is_null(5)) m.expires_at = parse_timestamp(row.get_text(5)).value_or(Timestamp{});
        m.created_at = parse_timestamp(row.get_text(6)).value_or(Timestamp{});
        m.created_by = row.get_text(7);
        out.push_back(std::move(m));
        return true;
      }));
  return out;
}

Status remove_member(Store& store, int64_t account_id, int64_t member_id, const Actor& actor) {
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto members = members_of(store.connection(), account_id);
  if (!members) return members.error();
  const AccountMember* found = nullptr;
  for (const auto& m : *members)
    if (m.id == member_id) found = &m;
  if (found == nullptr) {
    return Error::not_found("account " + std::to_string(account_id) + " has no member " +
                            std::to_string(member_id));
  }
  const SqlValue params[] = {member_id};
  if (auto done = store.connection().execute("DELETE FROM account_members WHERE id = $1", params);
      !done) {
    return done.error();
  }
  AuditEntry e{0,
               store.clock().now(),
               actor.name,
               actor.user_id,
               "account",
               account_id,
               "unshare",
               "member",
               (found->user_id ? "user " + std::to_string(*found->user_id)
                               : "team " + std::to_string(*found->team_id)) +
                   " " + found->access,
               std::nullopt};
  KAM_RETURN_IF_ERROR(append_audit(store.connection(), e));
  return tx.commit();
}

}  // namespace kam::store
