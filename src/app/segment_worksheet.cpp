#include "app/segment_worksheet.hpp"

#include <algorithm>

#include "analytics/segment_worksheet.hpp"
#include "app/analysis_service.hpp"
#include "core/product.hpp"
#include "store/dataset_loader.hpp"
#include "store/summary_report.hpp"

namespace kam::app {

Result<SegmentWorksheet> segment_worksheet(AnalysisService& analysis, store::Connection& connection,
                                           const analytics::Period& period, size_t limit) {
  // The dataset codes a line by its position in id order (store/dataset_loader.hpp).
  auto lines = store::dataset_product_lines(connection);
  if (!lines) return lines.error();
  SegmentWorksheet out;
  KAM_RETURN_IF_ERROR(analysis.read(connection, period, [&](const ResidentAnalysis& resident) {
    out.rule_version = resident.analysis.rules.version;
    const auto& ids = resident.data.accounts.id;
    const auto named = [&](const std::vector<analytics::SegmentCustomer>& customers) {
      std::vector<SegmentAccount> accounts;
      for (const auto& c : customers)
        accounts.push_back(
            {ids[c.account], "", c.revenue, c.margin, c.cost_to_serve, c.net_margin});
      return accounts;
    };
    for (const auto& s : analytics::segment_worksheet(resident.data, resident.analysis, limit)) {
      const auto index = static_cast<size_t>(s.product_line);
      if (index >= lines->size() || (*lines)[index].deleted) continue;
      const auto& line = (*lines)[index];
      out.segments.push_back({line.id, line.version, line.code, line.name, line.segment_action,
                              s.customers, s.revenue, s.margin, s.cost_to_serve, s.net_margin,
                              s.losing, named(s.best), named(s.worst)});
    }
  }));
  // Lines added after the analysis was loaded have no customers in it yet.
  for (const auto& line : *lines) {
    if (line.deleted) continue;
    const bool shown =
        std::any_of(out.segments.begin(), out.segments.end(),
                    [&](const SegmentRow& s) { return s.product_line_id == line.id; });
    if (!shown)
      out.segments.push_back({line.id,
                              line.version,
                              line.code,
                              line.name,
                              line.segment_action,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              {},
                              {}});
  }
  std::sort(out.segments.begin(), out.segments.end(),
            [](const SegmentRow& a, const SegmentRow& b) { return a.code < b.code; });
  // Names from the database, once for every account named above.
  std::vector<int64_t> ids;
  for (const auto& s : out.segments) {
    for (const auto& a : s.best)
      ids.push_back(a.id);
    for (const auto& a : s.worst)
      ids.push_back(a.id);
  }
  auto names = store::account_names_and_cities(connection, ids);
  if (!names) return names.error();
  size_t next = 0;
  for (auto& s : out.segments) {
    for (auto& a : s.best)
      a.name = (*names)[next++].name;
    for (auto& a : s.worst)
      a.name = (*names)[next++].name;
  }
  return out;
}

Result<int64_t> set_segment_action(store::Store& store, int64_t product_line_id,
                                   const std::string& next_action, int64_t version,
                                   const store::Actor& actor) {
  auto lines = store.repository<ProductLine>();
  auto line = lines.get(product_line_id);
  if (!line) return line.error();
  line->meta.version = version;
  const bool blank = next_action.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank)
    line->segment_action.reset();
  else
    line->segment_action = next_action;
  auto saved = lines.update(*line, actor);
  if (!saved) {
    Error error = saved.error();
    // The record's validation names the column; the worksheet calls it the next action.
    for (auto& field : error.fields)
      if (field.field == "segment_action") field.field = "next_action";
    return error;
  }
  return line->meta.version;  // update() moved it on, unless nothing changed
}

}  // namespace kam::app
