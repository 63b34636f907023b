#include <chrono>
#include <filesystem>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "demo/generator.hpp"

namespace kam::cli {

Status run_demo(const CommandContext& ctx, const DemoArgs& args, std::ostream& out) {
  demo::DemoOptions options;
  options.accounts = args.accounts;
  options.years = args.years;
  options.seed = args.seed;
  options.end = ctx.clock.today();
  if (!args.end.empty()) {
    auto end = parse_date(args.end, "end");
    if (!end) return end.error();
    options.end = *end;
  }
  auto store = ctx.open_store();
  if (!store) return store.error();

  const auto started = std::chrono::steady_clock::now();
  ProgressMeter meter(options.accounts, "accounts");
  auto counts = demo::generate_demo(**store, options,
                                    [&](int64_t done, int64_t rows) { meter.update(done, rows); });
  meter.finish();
  if (!counts) return counts.error();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  store->reset();  // closing checkpoints the WAL, so the file size below is the database's

  out << "demo data written to " << store::printable_location(ctx.db_path) << " (seed "
      << options.seed << ", " << options.years << " years to " << to_string(options.end) << ")\n";
  out << "  accounts " << counts->accounts << ", contacts " << counts->contacts << ", orders "
      << counts->orders << ", returns " << counts->returns << ", invoices " << counts->invoices
      << ", payments " << counts->payments << ",\n  activities " << counts->activities
      << ", feedback " << counts->feedback << ", tasks " << counts->tasks << ", sales targets "
      << counts->sales_targets << ",\n  contracts " << counts->contracts << ", users "
      << counts->users << ", teams " << counts->teams << ",\n  opportunities "
      << counts->opportunities << " (stage changes " << counts->stage_changes
      << ", buying-centre members " << counts->buying_center << ", visit reports "
      << counts->visit_reports << ", SOP checks " << counts->sop_checks << ")\n  key-account plans "
      << counts->plans << " (objectives " << counts->plan_objectives << ", actions "
      << counts->plan_actions << ", reviews " << counts->plan_reviews
      << "), forecast snapshot rows " << counts->forecast_snapshots << "\n";
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(ctx.db_path, ec);
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %lld rows in %.1f s (%.0f rows/s)",
                static_cast<long long>(counts->rows()), seconds,
                static_cast<double>(counts->rows()) / std::max(seconds, 1e-9));
  out << buf;
  if (!ec) out << ", database " << (bytes + (1 << 19)) / (1 << 20) << " MiB";
  out << '\n';
  return Status::success();
}

}  // namespace kam::cli
