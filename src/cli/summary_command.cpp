#include <ostream>

#include "cli/commands.hpp"
#include "core/text.hpp"
#include "store/summary_report.hpp"

namespace kam::cli {
namespace {

std::string format_percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

}  // namespace

Status run_summary(const CommandContext& ctx, const SummaryArgs& args, std::ostream& out) {
  Day as_of = ctx.clock.today();
  if (!args.as_of.empty()) {
    auto day = parse_date(args.as_of, "as-of");
    if (!day) return day.error();
    as_of = *day;
  }
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto s = store::customer_summary((*store)->connection(), as_of, args.top);
  if (!s) return s.error();

  TextTable counts;
  counts.columns = {"item", "count"};
  counts.right_aligned = {false, true};
  const std::pair<const char*, int64_t> rows[] = {
      {"客户 accounts", s->accounts},
      {"  活跃 active", s->active_accounts},
      {"  集团总部 group HQs", s->group_headquarters},
      {"联系人 contacts", s->contacts},
      {"订单 orders", s->orders},
      {"发票 invoices", s->invoices},
      {"收款 payments", s->payments},
      {"活动 activities", s->activities},
      {"投诉 complaints", s->complaints},
      {"合同 contracts", s->contracts},
      {"用户 users", s->users},
      {"团队 teams", s->teams},
  };
  for (const auto& [name, n] : rows)
    counts.rows.push_back({name, std::to_string(n)});

  TextTable years;
  years.columns = {"year", "orders", "revenue", "gross_margin", "returns"};
  years.right_aligned = {false, true, true, true, true};
  for (const auto& y : s->by_year) {
    years.rows.push_back({std::to_string(y.year), std::to_string(y.orders), format_money(y.revenue),
                          format_money(y.gross_margin), format_money(y.returns)});
  }

  TextTable top;
  top.columns = {"rank", "id", "account", "city", "revenue", "share"};
  top.right_aligned = {true, true, false, false, true, true};
  for (size_t i = 0; i < s->top.size(); ++i) {
    const auto& t = s->top[i];
    top.rows.push_back({std::to_string(i + 1), std::to_string(t.id), t.name, t.city,
                        format_money(t.revenue), format_percent(t.share)});
  }

  if (args.format != Format::kTable) {
    // Machine formats: one table per section, in order.
    print(out, counts, args.format);
    print(out, years, args.format);
    print(out, top, args.format);
    return Status::success();
  }
  out << "KAM 客户概况 Customer summary (as of " << to_string(as_of) << ")\n\n";
  print_table(out, counts);
  out << "\n按年收入 Revenue by year (CNY)\n";
  print_table(out, years);
  out << "\n总收入 Total revenue: " << format_money(s->total_revenue) << " CNY\n";
  out << "前 20% 客户贡献收入 Top 20% of accounts: " << format_percent(s->top_fifth_share)
      << " of revenue\n";
  out << "逾期应收 Overdue receivables: " << s->overdue_invoices << " invoices, "
      << format_money(s->overdue_amount) << " CNY\n";
  out << "\n前 " << s->top.size() << " 大客户 Top " << s->top.size() << " accounts by revenue\n";
  print_table(out, top);
  return Status::success();
}

}  // namespace kam::cli
