#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_context.hpp"
#include "cli/output.hpp"

namespace kam::cli {

// Each command writes its result to `out` and returns what went wrong, if anything.

Status run_init(const CommandContext& ctx, std::ostream& out);

// Whole databases (database_commands.cpp).
Status run_checksums(const CommandContext& ctx, Format format, std::ostream& out);
Status run_backup(const CommandContext& ctx, const std::string& file, std::ostream& out);
Status run_restore_backup(const CommandContext& ctx, const std::string& file, std::ostream& out);
Status run_migrate_store(const CommandContext& ctx, const std::string& from, const std::string& to,
                         std::ostream& out);

struct DemoArgs {
  int64_t accounts = 1000;
  int years = 3;
  uint64_t seed = 42;
  std::string end;  // YYYY-MM-DD; empty = today
};
Status run_demo(const CommandContext& ctx, const DemoArgs& args, std::ostream& out);

struct SummaryArgs {
  std::string as_of;  // empty = today
  size_t top = 10;
  Format format = Format::kTable;
};
Status run_summary(const CommandContext& ctx, const SummaryArgs& args, std::ostream& out);

struct ListArgs {
  std::string entity;
  std::vector<std::string> where;
  std::string sort = "id";
  bool descending = false;
  size_t limit = 50;
  std::string after;
  std::string deleted = "exclude";
  std::string columns;  // comma-separated, "all", or empty for the entity's defaults
  bool count = false;
  Format format = Format::kTable;
};
Status run_list(const CommandContext& ctx, const ListArgs& args, std::ostream& out);

Status run_show(const CommandContext& ctx, const std::string& entity, int64_t id,
                std::ostream& out);
Status run_history(const CommandContext& ctx, const std::string& entity, int64_t id, Format format,
                   std::ostream& out);

struct UpdateArgs {
  std::string entity;
  int64_t id = 0;
  std::vector<std::string> assignments;  // field=value
  int64_t version = 0;                   // 0: the current version
};
Status run_update(const CommandContext& ctx, const UpdateArgs& args, std::ostream& out);
Status run_delete(const CommandContext& ctx, const std::string& entity, int64_t id, int64_t version,
                  std::ostream& out);
Status run_restore(const CommandContext& ctx, const std::string& entity, int64_t id,
                   std::ostream& out);

struct AnalyzeArgs {
  std::string period;  // FROM..TO; empty = the 12 months to today
  std::string by = "revenue";
  Format format = Format::kTable;
  int64_t account = 0;  // explain this account instead of the summary
  int threads = 0;      // 0 = one per core
  bool record = false;  // store tier downgrades and restorations as class events
};
Status run_analyze(const CommandContext& ctx, const AnalyzeArgs& args, std::ostream& out);
Status run_rules_show(const CommandContext& ctx, std::ostream& out);
Status run_rules_set(const CommandContext& ctx, const std::string& json_text, std::ostream& out);

struct OppListArgs {
  std::string stage;
  int64_t owner = 0;
  int64_t account = 0;
  std::vector<std::string> where;
  size_t limit = 50;
  std::string after;
  Format format = Format::kTable;
};
Status run_opp_list(const CommandContext& ctx, const OppListArgs& args, std::ostream& out);
// The record, its stage history, its buying centre's attitudes and SOP progress.
Status run_opp_show(const CommandContext& ctx, int64_t id, std::ostream& out);

struct OppMoveArgs {
  int64_t id = 0;
  std::string stage;
  std::string reason;   // why it was won or lost
  int64_t version = 0;  // 0: the current version
};
// Moves to a stage of its pipeline; won and lost close it today (unless closed_on is set).
Status run_opp_move(const CommandContext& ctx, const OppMoveArgs& args, std::ostream& out);

struct ForecastArgs {
  std::string by = "month";
  std::string period;  // empty: this month and the 11 after it
  std::string pipeline = "default";
  bool snapshot = false;  // keep the forecast by month for accuracy tracking
  bool accuracy = false;  // compare the last snapshot before the period with its wins
  Format format = Format::kTable;
};
Status run_forecast(const CommandContext& ctx, const ForecastArgs& args, std::ostream& out);

struct FunnelArgs {
  std::string by = "all";
  std::string period;  // cohort of creation; empty: 12 months to today
  std::string pipeline = "default";
  Format format = Format::kTable;
};
Status run_funnel(const CommandContext& ctx, const FunnelArgs& args, std::ostream& out);

struct ScoreArgs {
  int64_t account = 0;
  std::string card = "credit_rating";
  std::string period;   // FROM..TO
  std::string quarter;  // 2025Q4; with neither, the last complete quarter
  bool explain = false;
  Format format = Format::kTable;
};
// Scores an account on a card: computed indicators of the period, manual inputs in force at
// its end; with explain, every indicator's value, rule, points and the missing ones.
Status run_score(const CommandContext& ctx, const ScoreArgs& args, std::ostream& out);

struct RateArgs {
  std::string quarter;
  std::string card = "credit_rating";
  int64_t account = 0;   // 0 = every account
  bool replace = false;  // re-rate a quarter already rated
  Format format = Format::kTable;
};
// The quarterly rating: stores every account's score and grade, prints the distribution.
Status run_rate(const CommandContext& ctx, const RateArgs& args, std::ostream& out);

struct RatingsArgs {
  int64_t account = 0;
  std::string card;  // empty = every card
  Format format = Format::kTable;
};
Status run_ratings(const CommandContext& ctx, const RatingsArgs& args, std::ostream& out);
Status run_scorecard_show(const CommandContext& ctx, const std::string& code, std::ostream& out);
Status run_scorecard_set(const CommandContext& ctx, const std::string& code,
                         const std::string& json_text, std::ostream& out);

struct InputArgs {
  int64_t account = 0;
  std::string indicator;
  std::string value;  // as a person types it: 95.5 (%), 1.5, 1,234.56 (yuan), a code
  std::string card;   // empty = serves every card
  std::string as_of;  // YYYY-MM-DD; empty = today
  std::string note;
};
// Records a manual input (who and when are kept; a newer entry supersedes).
Status run_input(const CommandContext& ctx, const InputArgs& args, std::ostream& out);
// The account's manual inputs as entered, newest first.
Status run_inputs(const CommandContext& ctx, int64_t account, Format format, std::ostream& out);

struct ClvArgs {
  std::string as_of;            // calibration end, YYYY-MM-DD; empty = today
  std::string model = "bgnbd";  // bgnbd or paretonbd
  std::string unit = "weeks";   // days, weeks or months: the purchase model's time unit
  int horizon_months = 12;
  std::string discount = "10";  // percent a year
  std::string margin;           // percent; empty = the gross margin of the orders
  size_t top = 20;
  Format format = Format::kTable;
};
// Fits the lifetime-value models, scores and stores every account, prints the top ones.
Status run_clv(const CommandContext& ctx, const ClvArgs& args, std::ostream& out);
// Lost accounts by churn reason against the reference distribution, with the churn cost.
Status run_churn(const CommandContext& ctx, Format format, std::ostream& out);

struct AlertsArgs {
  int64_t owner = 0;    // 0 = every owner
  int64_t account = 0;  // 0 = every account
  std::string kind;
  bool all = false;         // also snoozed and dismissed alerts
  bool no_refresh = false;  // list what is stored without running the engine first
  size_t limit = 200;
  Format format = Format::kTable;
};
// Runs the key-moment engine for today (unless told not to) and lists the alerts.
Status run_alerts(const CommandContext& ctx, const AlertsArgs& args, std::ostream& out);
// action: snooze (until YYYY-MM-DD), dismiss or reopen.
Status run_alert_action(const CommandContext& ctx, const std::string& action, int64_t id,
                        const std::string& until, std::ostream& out);

struct ImportArgs {
  std::string entity;        // accounts, contacts, orders, invoices, payments, activities,
                             // opportunities, or online-retail
  std::string file;          // "-" = standard input
  std::string mapping;       // a saved mapping (JSON); empty = guessed from the headers
  std::string save_mapping;  // where to save the mapping used
  bool dry_run = false;
  bool skip_bad_rows = false;
  std::string duplicates = "reject";  // reject, skip or merge
  std::string encoding;               // CSV: utf-8, gbk, gb18030; empty = detect
  std::string sheet;                  // XLSX: empty = the first visible sheet
  std::string format;                 // csv or xlsx; empty = from the file
};
Status run_import(const CommandContext& ctx, const ImportArgs& args, std::ostream& out);

struct ExportArgs {
  std::string entity;  // a record type, or "analysis" for the analysis workbook
  std::vector<std::string> where;
  std::string sort = "id";
  bool descending = false;
  std::string format;  // csv, xlsx or vcf; empty = by the output's extension, else csv
  std::string output;
  std::string period;  // the analysis's FROM..TO; empty = the 12 months to today
  std::string by;      // the analysis's ranking: revenue or profit; empty = as the rules say
};
// Writes every matching record (or the analysis workbook) to args.output.
Status run_export(const CommandContext& ctx, const ExportArgs& args, std::ostream& out);

}  // namespace kam::cli
