#include "app/customer_summary.hpp"

#include "analytics/customer_base.hpp"

namespace kam::app {

Result<store::CustomerSummary> customer_summary(store::Connection& connection,
                                                const analytics::Dataset& data, Day as_of,
                                                size_t top_n) {
  auto summary = store::account_and_contact_counts(connection);
  if (!summary) return summary.error();
  const auto figures = analytics::customer_base_figures(data, as_of, top_n);
  summary->orders = figures.orders;
  summary->total_revenue = Money{figures.total_revenue};
  for (const auto& y : figures.by_year) {
    summary->by_year.push_back(
        {y.year, y.orders, Money{y.revenue}, Money{y.gross_margin}, Money{y.returns}});
  }
  summary->top_fifth_share = figures.top_fifth_share;
  summary->overdue_invoices = figures.overdue_invoices;
  summary->overdue_amount = Money{figures.overdue_amount};
  std::vector<int64_t> ids;
  for (const uint32_t a : figures.top)
    ids.push_back(data.accounts.id[a]);
  auto top = store::account_names_and_cities(connection, ids);
  if (!top) return top.error();
  const double total = static_cast<double>(figures.total_revenue);
  for (size_t i = 0; i < top->size(); ++i) {
    auto& t = (*top)[i];
    t.revenue = Money{figures.top_revenue[i]};
    t.share = total > 0 ? static_cast<double>(t.revenue.fen) / total : 0;
  }
  summary->top = std::move(*top);
  return summary;
}

}  // namespace kam::app
