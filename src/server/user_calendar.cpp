#include "server/user_calendar.hpp"

#include <boost/json.hpp>
#include <unordered_map>

#include "store/alert_store.hpp"
#include "store/owner_conditions.hpp"
#include "store/repository.hpp"

namespace kam::server {
namespace {

// A call or visit logged without its length, and a task's due time, still need an end in a
// calendar.
constexpr int64_t kDefaultMinutes = 30;
// More alerts than anyone reads; the feed is not the place to page through them.
constexpr size_t kMaxAlerts = 10'000;

// Names and addresses of the accounts events refer to, read once each.
class AccountNames {
 public:
  explicit AccountNames(store::Store& store) : repo_(store.repository<Account>()) {}
  Result<const Account*> get(int64_t id) {
    auto it = accounts_.find(id);
    if (it == accounts_.end()) {
      auto account = repo_.get(id, store::DeletedRecords::kInclude);
      if (!account) return account.error();
      it = accounts_.emplace(id, std::move(*account)).first;
    }
    return &it->second;
  }

 private:
  store::Repository<Account> repo_;
  std::unordered_map<int64_t, Account> accounts_;
};

store::Filter filter(std::string field, store::FilterOp op, std::string value) {
  return {std::move(field), op, std::move(value)};
}

std::string joined(std::initializer_list<std::string_view> parts, std::string_view separator) {
  std::string out;
  for (const auto part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

Status add_activities(store::Store& store, const AccessControl& access, const User& user, Day from,
                      Day to, AccountNames& accounts, io::Calendar& calendar) {
  store::ListQuery q;
  q.sort = "occurred_at";
  q.filters = {filter("user_id", store::FilterOp::kEq, std::to_string(user.meta.id)),
               filter("occurred_at", store::FilterOp::kGe, to_string(from)),
               filter("occurred_at", store::FilterOp::kLt, to_string(to + 1))};
  q.scope = access.scope("activities", Intent::kRead);
  return store.repository<Activity>().for_each(q, [&](const Activity& a) -> Status {
    auto account = accounts.get(a.account_id);
    if (!account) return account.error();
    const int64_t minutes = a.minutes > 0 ? a.minutes : kDefaultMinutes;
    io::CalendarEvent event;
    event.uid = "activity-" + std::to_string(a.meta.id) + "@kam";
    event.summary = joined({label_of(a.kind).zh, (*account)->name, a.subject.value_or("")}, " · ");
    event.description = joined({a.notes.value_or(""), a.outcome.value_or("")}, "\n");
    event.location = (*account)->address.value_or("");
    event.when = io::TimedSpan{a.occurred_at, Timestamp{a.occurred_at.seconds + minutes * 60}};
    calendar.events.push_back(std::move(event));
    return Status::success();
  });
}

// The user's open tasks due in the window, each at its due time: what is to be done by then.
// A task marked done leaves the feed, as it leaves the dashboard's list.
Status add_tasks(store::Store& store, const AccessControl& access, const User& user, Day from,
                 Day to, AccountNames& accounts, io::Calendar& calendar) {
  store::ListQuery q;
  q.sort = "due_at";
  q.filters = {filter("owner_id", store::FilterOp::kEq, std::to_string(user.meta.id)),
               filter("done", store::FilterOp::kEq, "false"),
               filter("due_at", store::FilterOp::kGe, to_string(from)),
               filter("due_at", store::FilterOp::kLt, to_string(to + 1))};
  q.scope = access.scope("tasks", Intent::kRead);
  return store.repository<Task>().for_each(q, [&](const Task& t) -> Status {
    auto account = accounts.get(t.account_id);
    if (!account) return account.error();
    io::CalendarEvent event;
    event.uid = "task-" + std::to_string(t.meta.id) + "@kam";
    event.summary = joined({"待办", (*account)->name, t.title}, " · ");
    event.description = t.notes.value_or("");
    event.location = (*account)->address.value_or("");
    event.when = io::TimedSpan{t.due_at, Timestamp{t.due_at.seconds + kDefaultMinutes * 60}};
    calendar.events.push_back(std::move(event));
    return Status::success();
  });
}

// The alert's own words: its Chinese text, else its plain text.
std::string alert_text(const store::StoredAlert& alert, std::string_view key) {
  boost::system::error_code ec;
  const auto detail = boost::json::parse(alert.detail, ec);
  if (ec || !detail.is_object()) return "";
  const auto* text = detail.as_object().if_contains(key);
  return text && text->is_string() ? std::string(text->as_string()) : "";
}

Status add_alerts(store::Store& store, const AccessControl& access, const User& user, Day from,
                  Day to, io::Calendar& calendar) {
  store::AlertQuery q;
  q.today = from;
  q.owner_id = user.meta.id;
  q.all_states = true;  // a snoozed birthday is still a birthday
  q.scope = access.scope("alerts", Intent::kRead);
  q.limit = kMaxAlerts;
  auto alerts = store::list_alerts(store.connection(), q);
  if (!alerts) return alerts.error();
  for (const auto& alert : *alerts) {
    if (alert.state == "dismissed" || alert.due < from || alert.due > to) continue;
    std::string zh = alert_text(alert, "zh");
    if (zh.empty()) zh = alert_text(alert, "text");
    io::CalendarEvent event;
    event.uid = "alert-" + std::to_string(alert.id) + "@kam";
    event.summary = joined({label_of(alert.kind).zh, alert.account_name}, " · ");
    event.description = joined({zh, alert_text(alert, "en")}, "\n");
    event.when = io::AllDaySpan{alert.due, 1};
    calendar.events.push_back(std::move(event));
  }
  return Status::success();
}

Status add_contract_expiries(store::Store& store, const AccessControl& access, const User& user,
                             Day from, Day to, AccountNames& accounts, io::Calendar& calendar) {
  store::ListQuery q;
  q.sort = "end_date";
  q.filters = {filter("end_date", store::FilterOp::kGe, to_string(from)),
               filter("end_date", store::FilterOp::kLe, to_string(to)),
               filter("status", store::FilterOp::kNe, "draft"),
               filter("status", store::FilterOp::kNe, "terminated")};
  q.scope = access.scope("contracts", Intent::kRead);
  store::add_condition(q.scope, store::of_accounts_owned_by(user.meta.id));
  return store.repository<Contract>().for_each(q, [&](const Contract& c) -> Status {
    auto account = accounts.get(c.account_id);
    if (!account) return account.error();
    io::CalendarEvent event;
    event.uid = "contract-" + std::to_string(c.meta.id) + "-expiry@kam";
    event.summary = joined({"合同到期", (*account)->name, c.contract_no}, " · ");
    const bool value_visible =
        access.permissions().financial || !access.policy().is_financial("contracts", "value");
    event.description =
        value_visible ? joined({c.title, "合同金额 " + format_money(c.value)}, "\n") : c.title;
    event.when = io::AllDaySpan{c.end_date, 1};
    calendar.events.push_back(std::move(event));
    return Status::success();
  });
}

}  // namespace

Result<io::Calendar> user_calendar(store::Store& store, const AccessControl& access,
                                   const User& user, Day from, Day to) {
  io::Calendar calendar;
  calendar.name = "KAM · " + user.display_name;
  AccountNames accounts(store);
  KAM_RETURN_IF_ERROR(add_activities(store, access, user, from, to, accounts, calendar));
  KAM_RETURN_IF_ERROR(add_tasks(store, access, user, from, to, accounts, calendar));
  KAM_RETURN_IF_ERROR(add_alerts(store, access, user, from, to, calendar));
  KAM_RETURN_IF_ERROR(add_contract_expiries(store, access, user, from, to, accounts, calendar));
  return calendar;
}

}  // namespace kam::server
