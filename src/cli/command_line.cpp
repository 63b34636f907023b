#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/serve_command.hpp"
#include "store/entity_dispatch.hpp"

namespace {

using kam::cli::Format;

const std::map<std::string, Format> kFormats{
    {"table", Format::kTable}, {"json", Format::kJson}, {"csv", Format::kCsv}};

}  // namespace

namespace kam::cli {

int run_command_line(int argc, char** argv) {
  CLI::App app{"kam — key-account management (大客户管理系统)"};
  app.require_subcommand(1);
  app.fallthrough();  // `kam --db x list ...` and `kam list ... --db x` both work
  kam::cli::CommandContext ctx;
  app.add_option("--db", ctx.db_path,
                 "database: a SQLite file (or sqlite:PATH) or postgresql://user@host:port/db")
      ->envname("KAM_DB")
      ->capture_default_str();

  kam::Status status;
  auto* init = app.add_subcommand("init", "create the database or bring its schema up to date");
  init->callback([&] { status = kam::cli::run_init(ctx, std::cout); });

  std::string backup_file;
  auto* backup = app.add_subcommand(
      "backup", "write a consistent copy of the database to FILE while it is in use");
  backup->add_option("file", backup_file, "the backup file (a SQLite database, or pg_dump's)")
      ->required();
  backup->callback([&] { status = kam::cli::run_backup(ctx, backup_file, std::cout); });

  Format checksums_format = Format::kTable;
  auto* checksums = app.add_subcommand(
      "checksums", "every table's row count and checksum, to compare two databases");
  checksums->add_option("--format", checksums_format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  checksums->callback([&] { status = kam::cli::run_checksums(ctx, checksums_format, std::cout); });

  std::string migrate_from, migrate_to;
  auto* migrate = app.add_subcommand(
      "migrate-store",
      "copy a whole database to another (e.g. SQLite to PostgreSQL), verified by checksums");
  migrate->add_option("--from", migrate_from, "source: sqlite:PATH or postgresql://...")
      ->required();
  migrate->add_option("--to", migrate_to, "target, with no accounts yet: postgresql://...")
      ->required();
  migrate->callback(
      [&] { status = kam::cli::run_migrate_store(ctx, migrate_from, migrate_to, std::cout); });

  kam::cli::DemoArgs demo;
  auto* demo_cmd =
      app.add_subcommand("demo", "fill an empty database with a realistic demo customer base");
  demo_cmd->add_option("--accounts", demo.accounts, "number of customer accounts")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
  demo_cmd->add_option("--years", demo.years, "years of history")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  demo_cmd
      ->add_option("--seed", demo.seed,
                   "random seed; the same seed and end date give the same data")
      ->capture_default_str();
  demo_cmd->add_option("--end", demo.end, "last day of the history, YYYY-MM-DD (default: today)");
  demo_cmd->callback([&] { status = kam::cli::run_demo(ctx, demo, std::cout); });

  kam::cli::SummaryArgs summary;
  auto* summary_cmd =
      app.add_subcommand("summary", "customer summary: counts, revenue by year, top accounts");
  summary_cmd->add_option("--as-of", summary.as_of,
                          "date for overdue receivables, YYYY-MM-DD (default: today)");
  summary_cmd->add_option("--top", summary.top, "how many top accounts")->capture_default_str();
  summary_cmd->add_option("--format", summary.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  summary_cmd->callback([&] { status = kam::cli::run_summary(ctx, summary, std::cout); });

  kam::cli::ListArgs list;
  auto* list_cmd = app.add_subcommand("list", "list records with filters, sorting and paging");
  list_cmd
      ->add_option("entity", list.entity,
                   std::string("one of: ") + std::string(kam::store::kEntityNames))
      ->required();
  list_cmd->add_option("-w,--where", list.where,
                       "filter field<op>value, op one of = != < <= > >= ~ (contains); repeatable");
  list_cmd->add_option("--sort", list.sort, "field to sort by (ties by id, empty values last)")
      ->capture_default_str();
  list_cmd->add_flag("--desc", list.descending, "sort descending");
  list_cmd->add_option("--limit", list.limit, "rows per page")->capture_default_str();
  list_cmd->add_option("--after", list.after, "cursor printed by the previous page");
  list_cmd->add_option("--deleted", list.deleted, "exclude, include or only soft-deleted records")
      ->capture_default_str();
  list_cmd->add_option("--columns", list.columns, "comma-separated fields, or all");
  list_cmd->add_flag("--count", list.count, "print only how many records match");
  list_cmd->add_option("--format", list.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  // Shorthands for the filters people use most.
  std::string owner, account, city, industry, name;
  list_cmd->add_option("--owner", owner, "owner (account manager) user id");
  list_cmd->add_option("--account", account, "account id (contacts, orders, ...)");
  list_cmd->add_option("--city", city, "city, e.g. 杭州市");
  list_cmd->add_option("--industry", industry, "GB/T 4754 industry code");
  list_cmd->add_option("--name", name, "name contains");
  list_cmd->callback([&] {
    if (!owner.empty()) list.where.push_back("owner_id=" + owner);
    if (!account.empty()) list.where.push_back("account_id=" + account);
    if (!city.empty()) list.where.push_back("city=" + city);
    if (!industry.empty()) list.where.push_back("industry_code=" + industry);
    if (!name.empty()) list.where.push_back("name~" + name);
    status = kam::cli::run_list(ctx, list, std::cout);
  });

  std::string entity;
  int64_t id = 0;
  int64_t version = 0;
  Format history_format = Format::kTable;
  auto* show = app.add_subcommand("show", "show one record (accounts in a 360° view)");
  show->add_option("entity", entity, "record type, e.g. account")->required();
  show->add_option("id", id, "record id")->required();
  show->callback([&] { status = kam::cli::run_show(ctx, entity, id, std::cout); });

  auto* history =
      app.add_subcommand("history", "a record's audit trail: who changed what, when, old -> new");
  history->add_option("entity", entity)->required();
  history->add_option("id", id)->required();
  history->add_option("--format", history_format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  history->callback(
      [&] { status = kam::cli::run_history(ctx, entity, id, history_format, std::cout); });

  kam::cli::UpdateArgs update;
  auto* update_cmd = app.add_subcommand("update", "change fields of a record (audited)");
  update_cmd->add_option("entity", update.entity)->required();
  update_cmd->add_option("id", update.id)->required();
  update_cmd->add_option("--set", update.assignments, "field=value; repeatable")->required();
  update_cmd->add_option("--version", update.version,
                         "fail unless the record is still at this version");
  update_cmd->callback([&] { status = kam::cli::run_update(ctx, update, std::cout); });

  auto* del = app.add_subcommand("delete", "soft-delete a record (kept, audited, restorable)");
  del->add_option("entity", entity)->required();
  del->add_option("id", id)->required();
  del->add_option("--version", version, "fail unless the record is still at this version");
  del->callback([&] { status = kam::cli::run_delete(ctx, entity, id, version, std::cout); });

  std::string restore_file;
  auto* restore = app.add_subcommand(
      "restore",
      "bring back a soft-deleted record (ENTITY ID), or a whole database (--backup FILE)");
  auto* restore_entity = restore->add_option("entity", entity);
  auto* restore_id = restore->add_option("id", id);
  restore
      ->add_option("--backup", restore_file,
                   "replace the database's contents by this backup from kam backup")
      ->excludes(restore_entity)
      ->excludes(restore_id);
  restore->callback([&] {
    if (!restore_file.empty()) {
      status = kam::cli::run_restore_backup(ctx, restore_file, std::cout);
    } else if (entity.empty() || id == 0) {
      status = kam::Error::invalid("entity", "give ENTITY ID, or --backup FILE");
    } else {
      status = kam::cli::run_restore(ctx, entity, id, std::cout);
    }
  });

  kam::cli::AnalyzeArgs analyze;
  auto* analyze_cmd =
      app.add_subcommand("analyze", "pyramid, ABC, Pareto, tiers, RFM and the saved questions");
  analyze_cmd->add_option("--period", analyze.period,
                          "FROM..TO, e.g. 2025-01-01..2025-12-31 (default: 12 months to today)");
  analyze_cmd->add_option("--by", analyze.by, "rank by revenue or profit")->capture_default_str();
  analyze_cmd->add_option("--format", analyze.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  analyze_cmd->add_option("--account", analyze.account,
                          "explain why this account is classified as it is");
  analyze_cmd->add_option("--threads", analyze.threads, "worker threads (default: one per core)");
  analyze_cmd->add_flag("--record", analyze.record,
                        "record overdue downgrades and restorations since the last recorded run");
  analyze_cmd->callback([&] { status = kam::cli::run_analyze(ctx, analyze, std::cout); });

  std::string rules_file;
  auto* rules =
      app.add_subcommand("rules", "print the classification rules as JSON, or store a new version");
  rules->add_option("--set", rules_file, "JSON file (as printed) to store as the next version")
      ->check(CLI::ExistingFile);
  rules->callback([&] {
    if (rules_file.empty()) {
      status = kam::cli::run_rules_show(ctx, std::cout);
      return;
    }
    std::ifstream in(rules_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    status = kam::cli::run_rules_set(ctx, text, std::cout);
  });

  auto* opp = app.add_subcommand("opp", "opportunities: list, show, move across stages");
  opp->require_subcommand(1);
  kam::cli::OppListArgs opp_list;
  auto* opp_list_cmd = opp->add_subcommand("list", "opportunities by expected close");
  opp_list_cmd->add_option("--stage", opp_list.stage, "stage code, e.g. C");
  opp_list_cmd->add_option("--owner", opp_list.owner, "owner user id");
  opp_list_cmd->add_option("--account", opp_list.account, "account id");
  opp_list_cmd->add_option("-w,--where", opp_list.where, "further filters, as for `kam list`");
  opp_list_cmd->add_option("--limit", opp_list.limit, "rows per page")->capture_default_str();
  opp_list_cmd->add_option("--after", opp_list.after, "cursor printed by the previous page");
  opp_list_cmd->add_option("--format", opp_list.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  opp_list_cmd->callback([&] { status = kam::cli::run_opp_list(ctx, opp_list, std::cout); });
  auto* opp_show =
      opp->add_subcommand("show", "an opportunity with its stage and attitude history");
  opp_show->add_option("id", id, "opportunity id")->required();
  opp_show->callback([&] { status = kam::cli::run_opp_show(ctx, id, std::cout); });
  kam::cli::OppMoveArgs move;
  auto* opp_move = opp->add_subcommand("move", "move an opportunity to a stage (audited, dated)");
  opp_move->add_option("id", move.id, "opportunity id")->required();
  opp_move->add_option("stage", move.stage, "stage code, e.g. B, S (won) or L (lost)")->required();
  opp_move->add_option("--reason", move.reason, "why it was won or lost");
  opp_move->add_option("--version", move.version, "fail unless still at this version");
  opp_move->callback([&] { status = kam::cli::run_opp_move(ctx, move, std::cout); });

  kam::cli::ForecastArgs forecast;
  auto* forecast_cmd =
      app.add_subcommand("forecast", "weighted forecast: amount x win probability, by close month");
  forecast_cmd->add_option("--by", forecast.by, "month, owner, team, account or all")
      ->capture_default_str();
  forecast_cmd->add_option("--period", forecast.period,
                           "close dates FROM..TO (default: this month and the next 11)");
  forecast_cmd->add_option("--pipeline", forecast.pipeline, "pipeline name")->capture_default_str();
  forecast_cmd->add_flag("--snapshot", forecast.snapshot,
                         "keep this forecast (by month) to measure its accuracy later");
  forecast_cmd->add_flag("--accuracy", forecast.accuracy,
                         "compare the snapshot kept before the period (default: the last 12 "
                         "whole months) with what was won");
  forecast_cmd->add_option("--format", forecast.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  forecast_cmd->callback([&] { status = kam::cli::run_forecast(ctx, forecast, std::cout); });

  kam::cli::FunnelArgs funnel;
  auto* funnel_cmd = app.add_subcommand(
      "funnel", "funnel diagnosis against 1250:125:25:5:1, the leaking stage, days per stage");
  funnel_cmd->add_option("--by", funnel.by, "all, owner, team or month")->capture_default_str();
  funnel_cmd->add_option("--period", funnel.period,
                         "opportunities created FROM..TO (default: 12 months to today)");
  funnel_cmd->add_option("--pipeline", funnel.pipeline, "pipeline name")->capture_default_str();
  funnel_cmd->add_option("--format", funnel.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  funnel_cmd->callback([&] { status = kam::cli::run_funnel(ctx, funnel, std::cout); });

  kam::cli::ScoreArgs score;
  auto* score_cmd =
      app.add_subcommand("score", "score an account on a scorecard, with --explain per indicator");
  score_cmd->add_option("account", score.account, "account id")->required();
  score_cmd->add_option("--card", score.card, "scorecard code")->capture_default_str();
  score_cmd->add_option("--period", score.period, "FROM..TO (ISO dates)");
  score_cmd->add_option("--quarter", score.quarter,
                        "a quarter, e.g. 2025Q4 (default: the last complete quarter)");
  score_cmd->add_flag("--explain", score.explain,
                      "each indicator's value, rule, points and max; the missing ones");
  score_cmd->add_option("--format", score.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  score_cmd->callback([&] { status = kam::cli::run_score(ctx, score, std::cout); });

  kam::cli::RateArgs rate;
  auto* rate_cmd = app.add_subcommand(
      "rate", "quarterly rating: score every account on a card, store it, show the grades");
  rate_cmd->add_option("--quarter", rate.quarter, "the quarter rated, e.g. 2025Q4")->required();
  rate_cmd->add_option("--card", rate.card, "scorecard code")->capture_default_str();
  rate_cmd->add_option("--account", rate.account, "rate this account only");
  rate_cmd->add_flag("--replace", rate.replace, "re-rate a quarter already rated, replacing it");
  rate_cmd->add_option("--format", rate.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  rate_cmd->callback([&] { status = kam::cli::run_rate(ctx, rate, std::cout); });

  kam::cli::RatingsArgs ratings;
  auto* ratings_cmd = app.add_subcommand("ratings", "an account's rating history");
  ratings_cmd->add_option("account", ratings.account, "account id")->required();
  ratings_cmd->add_option("--card", ratings.card, "only this scorecard");
  ratings_cmd->add_option("--format", ratings.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  ratings_cmd->callback([&] { status = kam::cli::run_ratings(ctx, ratings, std::cout); });

  kam::cli::ImportArgs import_args;
  auto* import_cmd = app.add_subcommand(
      "import", "import a CSV or XLSX sheet: every problem named by line, nothing half-written");
  import_cmd
      ->add_option("entity", import_args.entity,
                   "accounts, contacts, orders, invoices, payments, activities, opportunities, "
                   "or online-retail (the UCI Online Retail log)")
      ->required();
  import_cmd->add_option("file", import_args.file, "CSV or XLSX file, - for standard input")
      ->required();
  import_cmd->add_option("--mapping", import_args.mapping, "a saved column mapping (JSON)");
  import_cmd->add_option("--save-mapping", import_args.save_mapping,
                         "save the mapping used, to edit and reuse");
  import_cmd->add_flag("--dry-run", import_args.dry_run, "check every row, write nothing");
  import_cmd->add_flag("--skip-bad-rows", import_args.skip_bad_rows,
                       "import the good rows, report the bad (default: all or nothing)");
  import_cmd->add_option("--duplicates", import_args.duplicates, "reject (default), skip or merge");
  import_cmd->add_option("--encoding", import_args.encoding,
                         "CSV: utf-8, gbk or gb18030 (default: detect)");
  import_cmd->add_option("--sheet", import_args.sheet, "XLSX: the sheet (default: the first)");
  import_cmd->add_option("--format", import_args.format, "csv or xlsx (default: from the file)");
  import_cmd->callback([&] { status = kam::cli::run_import(ctx, import_args, std::cout); });

  kam::cli::ClvArgs clv;
  auto* clv_cmd = app.add_subcommand(
      "clv",
      "fit the lifetime-value models, score and store every account (docs/lifetime_value.md)");
  clv_cmd->add_option("--as-of", clv.as_of, "calibration end, YYYY-MM-DD (default today)");
  clv_cmd->add_option("--model", clv.model, "bgnbd (default) or paretonbd");
  clv_cmd->add_option("--unit", clv.unit, "the purchase model's time unit: days, weeks, months");
  clv_cmd->add_option("--horizon", clv.horizon_months, "horizon in months (default 12)");
  clv_cmd->add_option("--discount", clv.discount, "annual discount rate in percent (default 10)");
  clv_cmd->add_option("--margin", clv.margin, "margin in percent (default: the orders' own)");
  clv_cmd->add_option("--top", clv.top, "accounts to print, highest value first");
  clv_cmd->add_option("--format", clv.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  clv_cmd->callback([&] { status = kam::cli::run_clv(ctx, clv, std::cout); });

  Format churn_format = Format::kTable;
  auto* churn_cmd =
      app.add_subcommand("churn", "lost accounts by churn reason against the reference");
  churn_cmd->add_option("--format", churn_format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  churn_cmd->callback([&] { status = kam::cli::run_churn(ctx, churn_format, std::cout); });

  kam::cli::AlertsArgs alerts;
  auto* alerts_cmd = app.add_subcommand("alerts", "key-moment alerts (docs/key-moments.md)");
  alerts_cmd->add_option("--owner", alerts.owner, "only this owner's (user id)");
  alerts_cmd->add_option("--account", alerts.account, "only this account's");
  alerts_cmd->add_option("--kind", alerts.kind, "only this kind, e.g. birthday");
  alerts_cmd->add_flag("--all", alerts.all, "also snoozed and dismissed alerts");
  alerts_cmd->add_flag("--no-refresh", alerts.no_refresh, "list without running the engine");
  alerts_cmd->add_option("--limit", alerts.limit, "at most this many");
  alerts_cmd->add_option("--format", alerts.format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  alerts_cmd->callback([&] { status = kam::cli::run_alerts(ctx, alerts, std::cout); });

  std::string alert_action, alert_until;
  int64_t alert_id = 0;
  auto* alert_cmd = app.add_subcommand("alert", "snooze, dismiss or reopen an alert (audited)");
  alert_cmd->add_option("action", alert_action, "snooze, dismiss or reopen")
      ->required()
      ->check(CLI::IsMember({"snooze", "dismiss", "reopen"}));
  alert_cmd->add_option("id", alert_id, "alert id")->required();
  alert_cmd->add_option("--until", alert_until, "snooze until YYYY-MM-DD");
  alert_cmd->callback([&] {
    status = kam::cli::run_alert_action(ctx, alert_action, alert_id, alert_until, std::cout);
  });

  auto* scorecard = app.add_subcommand("scorecard", "print a scorecard or store a new version");
  scorecard->require_subcommand(1);
  std::string scorecard_code, scorecard_file;
  auto* scorecard_show = scorecard->add_subcommand("show", "print the card as JSON");
  scorecard_show->add_option("code", scorecard_code, "card code, e.g. credit_rating")->required();
  scorecard_show->callback(
      [&] { status = kam::cli::run_scorecard_show(ctx, scorecard_code, std::cout); });
  auto* scorecard_set =
      scorecard->add_subcommand("set", "validate a JSON card and store it as the next version");
  scorecard_set->add_option("code", scorecard_code, "card code")->required();
  scorecard_set->add_option("file", scorecard_file, "JSON file (as printed by show)")
      ->required()
      ->check(CLI::ExistingFile);
  scorecard_set->callback([&] {
    std::ifstream in(scorecard_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    status = kam::cli::run_scorecard_set(ctx, scorecard_code, text, std::cout);
  });

  kam::cli::InputArgs input;
  auto* input_cmd =
      app.add_subcommand("input", "record a manual scorecard input (who and when are kept)");
  input_cmd->add_option("account", input.account, "account id")->required();
  input_cmd->add_option("indicator", input.indicator, "indicator code, e.g. current_ratio")
      ->required();
  input_cmd->add_option("value", input.value, "95.5 (%), 1.5, 1234.56 (yuan), 4, or a code")
      ->required();
  input_cmd->add_option("--card", input.card, "for this card only (default: every card)");
  input_cmd->add_option("--as-of", input.as_of, "the day the value describes (default: today)");
  input_cmd->add_option("--note", input.note, "where the value comes from");
  input_cmd->callback([&] { status = kam::cli::run_input(ctx, input, std::cout); });
  int64_t inputs_account = 0;
  Format inputs_format = Format::kTable;
  auto* inputs_cmd = app.add_subcommand("inputs", "an account's manual inputs as entered");
  inputs_cmd->add_option("account", inputs_account, "account id")->required();
  inputs_cmd->add_option("--format", inputs_format, "table, json or csv")
      ->transform(CLI::CheckedTransformer(kFormats));
  inputs_cmd->callback(
      [&] { status = kam::cli::run_inputs(ctx, inputs_account, inputs_format, std::cout); });

  kam::cli::ExportArgs export_args;
  auto* export_cmd = app.add_subcommand(
      "export", "write records (csv, xlsx, vcf) or the analysis workbook (xlsx) to a file");
  export_cmd
      ->add_option(
          "entity", export_args.entity,
          std::string("one of: ") + std::string(kam::store::kEntityNames) + "; or analysis")
      ->required();
  export_cmd->add_option("-w,--where", export_args.where,
                         "filter as for `kam list`, e.g. city=杭州市; repeatable");
  export_cmd->add_option("--sort", export_args.sort, "field to sort by")->capture_default_str();
  export_cmd->add_flag("--desc", export_args.descending, "sort descending");
  export_cmd->add_option("--format", export_args.format,
                         "csv, xlsx or vcf (contacts); default: the output's extension, else csv");
  export_cmd->add_option("-o,--output", export_args.output, "the file to write")->required();
  export_cmd->add_option("--period", export_args.period,
                         "analysis: FROM..TO (default: 12 months to today)");
  export_cmd->add_option("--by", export_args.by,
                         "analysis: rank by revenue or profit (default: as the rules say)");
  export_cmd->callback([&] { status = kam::cli::run_export(ctx, export_args, std::cout); });

  kam::server::ServerConfig serve_config;
  auto* serve = app.add_subcommand("serve", "serve the HTTP/JSON API");
  // Each setting from a flag, else the environment (KAM_PORT=8080), else a config file
  // (`kam serve --config kam.toml`, lines such as `port = 8080`), else its default.
  serve->set_config("--config", "", "read settings from this TOML/INI file");
  serve->add_option("--address", serve_config.address, "address to listen on")
      ->envname("KAM_ADDRESS")
      ->capture_default_str();
  serve->add_option("--port", serve_config.port, "port (0 = any free port)")
      ->envname("KAM_PORT")
      ->capture_default_str();
  serve->add_option("--threads", serve_config.threads, "worker threads (default: one per core)")
      ->envname("KAM_THREADS");
  serve->add_option("--body-limit", serve_config.body_limit, "largest request body in bytes")
      ->envname("KAM_BODY_LIMIT")
      ->capture_default_str();
  serve->add_option("--upload-limit", serve_config.upload_limit, "largest file upload in bytes")
      ->envname("KAM_UPLOAD_LIMIT")
      ->capture_default_str();
  serve
      ->add_option("--web-root", serve_config.static_dir,
                   "serve the web UI's files from this directory (a development build, "
                   "web/dist) instead of the ones built into kam")
      ->envname("KAM_WEB_ROOT");
  serve
      ->add_flag("--secure-cookies", serve_config.secure_cookies,
                 "mark session cookies Secure (behind a TLS proxy)")
      ->envname("KAM_SECURE_COOKIES");
  serve
      ->add_option("--trusted-proxies", serve_config.trusted_proxies,
                   "reverse proxies in front of KAM that append the client's address to "
                   "X-Forwarded-For (1 behind one nginx); only if KAM cannot be reached but "
                   "through them")
      ->envname("KAM_TRUSTED_PROXIES")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  serve
      ->add_option("--columns-file", serve_config.columns_file,
                   "keep the analysis's columns in this file between starts, so that the "
                   "dashboard answers seconds after a start (default: beside a SQLite database, "
                   "its name and .columns; none for PostgreSQL unless given); none: keep none")
      ->envname("KAM_COLUMNS_FILE");
  serve->add_flag("--demo-logins", serve_config.demo_logins,
                  "give the demo users one random password and list them (kam demo data only)");
  serve->callback([&] { status = kam::cli::run_serve(ctx, serve_config); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kam::cli::kExitInvalid;
  }
  return status ? kam::cli::kExitOk : kam::cli::report(status.error());
}

}  // namespace kam::cli
