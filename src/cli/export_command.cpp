// `kam export`: records as CSV, XLSX or vCard, or the analysis workbook, written to a file.
// The same files the server's downloads are (io/record_export, io/analysis_workbook); the
// command line reads the whole database, so nothing is scoped or hidden.

#include <fstream>

#include "analytics/period.hpp"
#include "app/analysis_run.hpp"
#include "cli/commands.hpp"
#include "io/analysis_workbook.hpp"
#include "io/record_export.hpp"
#include "io/xlsx_writer.hpp"

namespace kam::cli {
namespace {

// The format named by --format, else by the output's extension, else CSV.
Result<io::ExportFormat> format_of(const ExportArgs& args) {
  if (!args.format.empty()) return io::parse_export_format(args.format);
  const auto dot = args.output.rfind('.');
  if (dot != std::string::npos) {
    auto by_extension = io::parse_export_format(args.output.substr(dot + 1));
    if (by_extension) return by_extension;
  }
  return io::ExportFormat::kCsv;
}

Status write_file(const std::string& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return Error::invalid("output", "cannot write " + path);
  return Status::success();
}

Status export_analysis(const CommandContext& ctx, const ExportArgs& args, std::ostream& out) {
  if (!args.where.empty())
    return Error::invalid("where", "filters records; the analysis covers every account");
  auto format = format_of(args);
  if (!format) return format.error();
  if (*format != io::ExportFormat::kXlsx)
    return Error::invalid("format", "the analysis is written as xlsx");
  auto period = analytics::parse_period(args.period, ctx.clock.today());
  if (!period) return period.error();
  app::AnalysisOptions options;
  if (args.by == "revenue") {
    options.rank_by = analytics::ValueMeasure::kRevenue;
  } else if (args.by == "profit") {
    options.rank_by = analytics::ValueMeasure::kProfit;
  } else if (!args.by.empty()) {
    return Error::invalid("by", "must be revenue or profit");
  }
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto run = app::analyse((*store)->connection(), *period, options);
  if (!run) return run.error();
  const auto sheets = io::analysis_workbook(run->analysis);
  KAM_RETURN_IF_ERROR(io::write_xlsx_file(sheets, args.output));
  out << "wrote the analysis of " << to_string(period->from) << ".." << to_string(period->to)
      << " (" << sheets.size() << " sheets) to " << args.output << '\n';
  return Status::success();
}

}  // namespace

Status run_export(const CommandContext& ctx, const ExportArgs& args, std::ostream& out) {
  if (args.entity == "analysis") return export_analysis(ctx, args, out);
  if (!args.period.empty())
    return Error::invalid("period", "applies to `kam export analysis` only");
  if (!args.by.empty()) return Error::invalid("by", "applies to `kam export analysis` only");
  io::ExportRequest request;
  request.entity = args.entity;
  auto format = format_of(args);
  if (!format) return format.error();
  request.format = *format;
  std::vector<FieldError> problems;
  for (const auto& expression : args.where) {
    auto filter = store::parse_filter(expression);
    if (filter) {
      request.query.filters.push_back(std::move(*filter));
    } else {
      problems.push_back({"where", filter.error().fields.front().message});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  request.query.sort = args.sort;
  request.query.descending = args.descending;
  request.today = ctx.clock.today();
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto file = io::export_records(**store, request);
  if (!file) return file.error();
  KAM_RETURN_IF_ERROR(write_file(args.output, file->bytes));
  out << "wrote " << file->records << " records to " << args.output << '\n';
  return Status::success();
}

}  // namespace kam::cli
