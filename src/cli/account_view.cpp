// `kam show account ID`: the account's profile, its people as an org chart, revenue by
// year, receivables, feedback and how much of its history the audit trail holds.

#include <functional>
#include <map>
#include <ostream>

#include "cli/commands.hpp"
#include "core/industry.hpp"
#include "store/class_events.hpp"
#include "store/summary_report.hpp"

namespace kam::cli {
namespace {

template <class E>
std::string label(const std::optional<E>& value) {
  return value ? std::string(label_of(*value).zh) : "";
}

void line(std::ostream& out, std::string_view name, const std::string& value) {
  if (!value.empty()) out << "  " << name << ": " << value << '\n';
}

}  // namespace

Status show_account(store::Store& store, int64_t id, std::ostream& out) {
  auto account = store.repository<Account>().get(id, store::DeletedRecords::kInclude);
  if (!account) return account.error();
  const Account& a = *account;
  const Day today = store.clock().today();
  auto overview = store::account_overview(store.connection(), id, today);
  if (!overview) return overview.error();

  out << "客户 #" << a.meta.id << "  " << a.name << (a.meta.deleted_at ? "  [已删除 deleted]" : "")
      << '\n';
  line(out, "简称", a.short_name.value_or(""));
  line(out, "统一社会信用代码", a.credit_code.value_or(""));
  if (a.industry_code) {
    const Industry* d = IndustryTable::instance().division_of(*a.industry_code);
    line(out, "行业", *a.industry_code + (d ? " " + d->name_zh : ""));
  }
  line(out, "性质", label(a.ownership));
  line(out, "地区", a.province.value_or("") + " " + a.city.value_or(""));
  line(out, "地址", a.address.value_or(""));
  line(out, "员工数", a.employees ? std::to_string(*a.employees) : "");
  line(out, "注册资本", a.registered_capital ? format_money(*a.registered_capital) : "");
  line(out, "上市", a.listed ? "是" : "否");
  line(out, "来源", label(a.source));
  line(out, "状态", std::string(label_of(a.status).zh));
  if (a.importance != Importance::kNone)
    line(out, "重要客户级别", std::string(label_of(a.importance).zh));
  if (a.owner_id) {
    auto owner = store.repository<User>().get(*a.owner_id, store::DeletedRecords::kInclude);
    line(out, "客户经理",
         owner ? owner->display_name + " (#" + std::to_string(*a.owner_id) + ")"
               : "#" + std::to_string(*a.owner_id));
  }
  if (a.parent_id) {
    auto parent = store.repository<Account>().get(*a.parent_id, store::DeletedRecords::kInclude);
    line(out, "上级单位", parent ? parent->name + " (#" + std::to_string(*a.parent_id) + ")" : "");
  }
  if (overview->branches > 0) line(out, "下属分支机构", std::to_string(overview->branches));

  // Contacts as an org chart: each person under whom they report.
  store::ListQuery q;
  q.filters = {{"account_id", store::FilterOp::kEq, std::to_string(id)}};
  q.limit = 1000;
  auto contacts = store.repository<Contact>().list(q);
  if (!contacts) return contacts.error();
  out << "\n联系人 Contacts (" << contacts->items.size() << ")\n";
  std::map<std::optional<int64_t>, std::vector<const Contact*>> reports;
  std::map<int64_t, bool> present;
  for (const auto& c : contacts->items)
    present[c.meta.id] = true;
  for (const auto& c : contacts->items) {
    // Someone whose manager is not listed (deleted, other account) is shown at the top.
    const auto boss =
        c.reports_to_id && present.count(*c.reports_to_id) ? c.reports_to_id : std::nullopt;
    reports[boss].push_back(&c);
  }
  std::function<void(std::optional<int64_t>, int)> draw = [&](std::optional<int64_t> boss,
                                                              int depth) {
    for (const Contact* c : reports[boss]) {
      out << "  " << std::string(static_cast<size_t>(depth) * 4, ' ') << (depth ? "└ " : "")
          << c->name << "  " << c->title.value_or("")
          << (c->department ? " · " + *c->department : "") << "  " << c->mobile.value_or("")
          << "  #" << c->meta.id << '\n';
      draw(c->meta.id, depth + 1);
    }
  };
  draw(std::nullopt, 0);

  out << "\n交易 Revenue by year\n";
  for (const auto& y : overview->by_year) {
    out << "  " << y.year << "  订单 " << y.orders << "  金额 " << format_money(y.revenue)
        << "  毛利 " << format_money(y.gross_margin) << '\n';
  }
  if (overview->by_year.empty()) out << "  (无订单 no orders)\n";

  out << "\n应收 Receivables\n";
  out << "  未结发票 " << overview->open_invoices << "  未收金额 "
      << format_money(overview->open_amount) << "  逾期 " << format_money(overview->overdue_amount);
  if (overview->max_days_overdue > 0) out << "  最长逾期 " << overview->max_days_overdue << " 天";
  out << '\n';

  out << "\n往来 Interactions\n";
  out << "  活动 " << overview->activities
      << (overview->last_activity ? "  最近 " + *overview->last_activity : "") << "  投诉 "
      << overview->complaints << "  表扬 " << overview->praise << "  建议 " << overview->suggestions
      << '\n';
  auto events = store::class_events_of(store.connection(), id);
  if (!events) return events.error();
  if (!events->empty()) {
    out << "\n分级事件 Tier events\n";
    for (const auto& e : *events) {
      out << "  " << to_string(e.as_of) << "  "
          << (e.kind == "overdue_downgrade" ? "逾期降级 downgraded" : "恢复 restored") << "  "
          << e.from_tier.value_or("none") << " → " << e.to_tier.value_or("none") << "  ("
          << e.days_overdue << " days overdue, rules " << e.rule_set << " v" << e.rule_version
          << ")\n";
    }
  }
  out << "\n审计 Audit: " << overview->audit_entries << " entries (kam history account " << id
      << ")\n";
  return Status::success();
}

}  // namespace kam::cli
