// `kam import ENTITY FILE`: a CSV or XLSX sheet into KAM, dry run first, every problem named
// by line, column, value and reason; and `kam import online-retail FILE` for the UCI log.

#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>

#include "app/column_mapping.hpp"
#include "app/import_records.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "io/online_retail.hpp"
#include "io/table_source.hpp"

namespace kam::cli {
namespace {

Result<std::string> read_file(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid("file", "cannot open '" + path + "'");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error::io("reading '" + path + "' failed");
  return bytes;
}

void print_mapping(const app::ColumnMapping& mapping, std::ostream& out) {
  TextTable table;
  table.columns = {"column", "header", "field"};
  table.right_aligned = {true, false, false};
  for (const auto& c : mapping.columns)
    table.rows.push_back(
        {std::to_string(c.column + 1), c.header,
         c.field ? std::optional(*c.field) : std::optional<std::string>("(not imported)")});
  print(out, table, Format::kTable);
}

Status run_online_retail(const CommandContext& ctx, const std::string& bytes, std::ostream& out) {
  auto text = io::decode_to_utf8(bytes, io::Encoding::kUtf8);
  if (!text) return text.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto imported = io::import_online_retail(**store, text->utf8, ctx.actor());
  if (!imported) return imported.error();
  const auto& r = *imported;
  out << r.lines << " lines: " << r.accounts << " accounts, " << r.orders << " orders ("
      << format_money(r.revenue) << "), " << r.returns << " returns (" << format_money(r.returned)
      << "); " << r.lines_without_customer << " lines without a customer and "
      << r.invoices_not_positive << " invoices adding up to nothing or less not imported\n";
  return Status::success();
}

}  // namespace

Status run_import(const CommandContext& ctx, const ImportArgs& args, std::ostream& out) {
  auto bytes = read_file(args.file);
  if (!bytes) return bytes.error();
  if (args.entity == "online-retail") return run_online_retail(ctx, *bytes, out);

  auto entity = app::parse_entity(args.entity, "entity");
  if (!entity) return entity.error();
  io::TableOptions table_options;
  table_options.format = args.format;
  table_options.sheet = args.sheet;
  if (!args.encoding.empty()) {
    auto encoding = io::parse_encoding(args.encoding, "encoding");
    if (!encoding) return encoding.error();
    table_options.encoding = *encoding;
  }
  auto table = io::open_table(std::move(*bytes), table_options);
  if (!table) return table.error();

  app::ImportOptions options;
  if (!args.mapping.empty()) {
    auto text = read_file(args.mapping);
    if (!text) return text.error();
    auto mapping = app::mapping_from_json(*text);
    if (!mapping) return mapping.error();
    if (mapping->entity != *entity)
      return Error::invalid("mapping", "is for " + std::string(app::entity_name(mapping->entity)) +
                                           ", not " + args.entity);
    options.mapping = std::move(*mapping);
  } else {
    options.mapping = app::guess_mapping(*entity, (*table)->headers());
  }
  for (const auto& c : options.mapping.columns) {
    if (c.column >= (*table)->headers().size())
      return Error::invalid("mapping", "names column " + std::to_string(c.column + 1) +
                                           " but the file has " +
                                           std::to_string((*table)->headers().size()));
  }
  KAM_RETURN_IF_ERROR(app::validate_mapping(options.mapping));
  if (!args.save_mapping.empty()) {
    std::ofstream saved(args.save_mapping);
    saved << app::mapping_to_json(options.mapping) << '\n';
    if (!saved) return Error::io("cannot write '" + args.save_mapping + "'");
  }
  out << (*table)->description() << ", " << app::entity_name(*entity) << ":\n";
  print_mapping(options.mapping, out);

  options.dry_run = args.dry_run;
  options.mode =
      args.skip_bad_rows ? app::ImportMode::kSkipBadRows : app::ImportMode::kAllOrNothing;
  if (args.duplicates == "skip") {
    options.duplicates = app::DuplicatePolicy::kSkip;
  } else if (args.duplicates == "merge") {
    options.duplicates = app::DuplicatePolicy::kMerge;
  } else if (args.duplicates != "reject") {
    return Error::invalid("duplicates", "must be reject, skip or merge");
  }
  options.actor = ctx.actor();
  const auto total = (*table)->size_hint();
  ProgressMeter meter(total ? static_cast<int64_t>(*total) : 0, "rows");
  options.on_progress = [&](const app::ImportProgress& p) {
    meter.update(static_cast<int64_t>(p.rows_read), static_cast<int64_t>(p.rows_read));
  };
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto report = app::import_table(**store, **table, options);
  meter.finish();
  if (!report) return report.error();

  const auto& r = *report;
  out << "\n"
      << r.rows << " rows" << (args.dry_run ? " (dry run: nothing written)" : "") << ": "
      << r.imported << (args.dry_run || !r.written ? " importable" : " imported") << ", "
      << r.merged << " merged, " << r.duplicates_skipped << " duplicates skipped, " << r.rejected
      << " rejected";
  if (r.seconds > 0)
    out << "; " << static_cast<int64_t>(static_cast<double>(r.rows) / r.seconds) << " rows/s";
  out << "\n";
  if (!r.problems.empty()) {
    TextTable problems;
    problems.columns = {"line", "column", "field", "value", "problem"};
    problems.right_aligned = {true, false, false, false, false};
    for (const auto& p : r.problems)
      problems.rows.push_back({std::to_string(p.line), p.column, p.field, p.value, p.reason});
    print(out, problems, Format::kTable);
    if (r.problem_count > r.problems.size())
      out << "... and " << r.problem_count - r.problems.size() << " more problems\n";
  }
  if (r.rejected > 0 && !r.written) {
    return Error::invalid("file", std::to_string(r.rejected) +
                                      " rows have problems; nothing was written" +
                                      (args.dry_run ? "" : " (--skip-bad-rows imports the rest)"));
  }
  return Status::success();
}

}  // namespace kam::cli
