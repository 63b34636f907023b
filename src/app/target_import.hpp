#pragma once

// Sales targets from a spreadsheet (业绩目标导入): the plan a director or manager keeps in
// Excel, one target per row, set as the form sets each one (app/sales_targets.hpp) and all or
// nothing.
//
// Columns, found by their header in either language (case and spaces ignored):
//   scope   对象类型 — person or team: user/person/人员/个人, team/团队
//   name    对象     — a person's login or display name; a team's name
//   period  周期     — 2026-11, 2026-Q4 (or 2026Q4), 2026
//   metric  指标     — its code (revenue …) or its name in Chinese or English
//   value   目标值   — yuan for money (1,200,000.00), a whole number for counts
// A target of the same person or team, period and metric that already exists is changed to
// the file's value (the file is the plan), audited as every change is.

#include <cstdint>
#include <string>
#include <vector>

#include "app/sales_targets.hpp"
#include "core/text_table.hpp"

namespace kam::app::targets {

struct TargetImportProblem {
  uint64_t line = 0;   // 0: the file as a whole (a column missing)
  std::string field;   // scope, name, period, metric or value
  std::string value;   // the cell as the file has it
  std::string reason;  // the message, as the form's refusal would say it
};

struct TargetImportReport {
  uint64_t rows = 0;
  uint64_t added = 0;                         // new targets (would be, on a dry run)
  uint64_t changed = 0;                       // existing targets given the file's value
  std::vector<TargetImportProblem> problems;  // in file order
  bool written = false;
};

// Reads every row of `table` and, when no row has a problem and `dry_run` is false, sets
// every target in one transaction. Any problem (a missing column, an unknown person or team,
// one outside the viewer's team, a bad period, metric or value, the same target twice) is
// reported by line and nothing is written. Forbidden when the viewer may not set targets.
// Errors are the database's or the file's reading (a malformed line); the file's problems are
// in the report.
Result<TargetImportReport> import_targets(store::Store& store, const TargetViewer& viewer,
                                          TableSource& table, bool dry_run,
                                          const store::Actor& actor);

}  // namespace kam::app::targets
