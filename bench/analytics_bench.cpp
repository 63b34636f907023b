// KAM's analytics engine against DuckDB on the same data. Both sides build the data from
// the same integer formulas (h below, the macro in duckdb/suite.mjs), run the same suite
// (indicators, overdue, pyramid, ABC, RFM, spend tiers, purchase pattern) for 2024, and
// must produce the same classes: each side prints per-class checksums, compared here.
//
// Usage: analytics_bench ACCOUNTS ORDERS INVOICES [DUCKDB_SUITE_DIR]

#include <sys/resource.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "analytics/analysis.hpp"
#include "analytics/live_analysis.hpp"

namespace {

using namespace kam;
using namespace kam::analytics;

constexpr int32_t kFrom = 19723, kTo = 20088;  // 2024-01-01 .. 2024-12-31
constexpr int32_t kD0 = 19358;                 // 2023-01-01
constexpr int64_t kM = 1'000'000'007;

int64_t h(int64_t x, int64_t s) {
  const int64_t a = (x * 2654435761LL + s * 1013904223LL) % 4294967296LL;
  const int64_t b = (a * 1103515245LL + 12345) % 4294967296LL;
  return b ^ (b >> 16);
}

Dataset generate(int64_t accounts, int64_t orders, int64_t invoices) {
  DatasetBuilder b;
  std::vector<int64_t> mult(static_cast<size_t>(accounts));
  for (int64_t i = 0; i < accounts; ++i) {
    const int64_t imp = h(i, 21) % 1000;
    const Importance importance = imp == 0   ? Importance::kNational
                                  : imp == 1 ? Importance::kProvincial
                                  : imp < 4  ? Importance::kMunicipal
                                  : imp < 8  ? Importance::kCounty
                                             : Importance::kNone;
    b.add_account(i + 1, importance, std::nullopt, "", false);
    const int64_t m = h(i, 20);
    mult[static_cast<size_t>(i)] = m % 1000 == 0 ? 100 : m % 20 == 0 ? 10 : 1;
  }
  b.set_product_lines(8);
  for (int64_t j = 0; j < orders; ++j) {
    const int64_t account = h(j, 1) % accounts;
    const int64_t amount = (1000 + h(j, 3) % 100000) * 100 * mult[static_cast<size_t>(account)];
    b.add_order(account + 1, Day{static_cast<int32_t>(kD0 + h(j, 2) % 730)}, amount,
                amount * (h(j, 4) % 50) / 100, static_cast<int16_t>(h(j, 5) % 8));
  }
  for (int64_t k = 0; k < invoices; ++k) {
    const int64_t account = h(k, 6) % accounts;
    const auto day = static_cast<int32_t>(kD0 + h(k, 7) % 730);
    const auto due = static_cast<int32_t>(day + 30 * (1 + h(k, 8) % 3));
    const int64_t amount = (100 + h(k, 9) % 100000) * 100;
    b.add_invoice(account + 1, k, Day{day}, Day{due}, amount);
    if (h(k, 10) % 5 != 0) {
      b.add_payment(account + 1, k, Day{static_cast<int32_t>(due + h(k, 11) % 150 - 30)},
                    h(k, 12) % 4 == 0 ? amount / 2 : amount);
    }
  }
  return b.finish();
}

// The one-minute load average, or -1 where /proc does not give it: the timings below are
// wall-clock times on a shared machine, to be read against it.
double load_average() {
  double load = -1;
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load) != 1) load = -1;
    std::fclose(f);
  }
  return load;
}

// CPU seconds the process has used, on all its threads: beside the wall-clock time of a step,
// what the step cost whatever else the machine was running.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// The median of five.
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The process's peak resident set so far.
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int64_t checksum(size_t n, auto&& term) {
  int64_t sum = 0;
  for (size_t a = 0; a < n; ++a)
    sum = (sum + term(a)) % kM;
  return sum;
}

// Real time (立即响应): batches of 1,000 new orders for random accounts on the period's last
// day, each followed by every class being current again. Prints the median latency.
void measure_live(Dataset data, const Period& period, const RuleSet& rules) {
  LiveAnalysis live(std::move(data), period, rules);
  std::printf("real time: load average %.2f on %u cores before the batches\n", load_average(),
              std::thread::hardware_concurrency());
  const auto accounts = static_cast<int64_t>(live.data().accounts.size());
  std::vector<double> latencies, cpu;
  for (int batch = 0; batch < 5; ++batch) {
    std::vector<NewOrder> orders;
    for (int64_t k = 0; k < 1000; ++k) {
      const int64_t j = 90'000'000 + batch * 1000 + k;
      orders.push_back({h(j, 1) % accounts + 1, period.to, (1000 + h(j, 3) % 100000) * 100, 0, 0});
    }
    const auto t = std::chrono::steady_clock::now();
    const double c = cpu_seconds();
    if (!live.add_orders(orders)) std::abort();
    latencies.push_back(seconds_since(t));
    cpu.push_back(cpu_seconds() - c);
  }
  std::sort(latencies.begin(), latencies.end());
  std::printf(
      "real time: append 1,000 orders -> every class current again: median %.3f s (min %.3f, max "
      "%.3f, 5 batches; bound 0.2 s: %s); CPU time median %.3f s\n",
      latencies[2], latencies.front(), latencies.back(), latencies[2] < 0.2 ? "met" : "NOT met",
      median(cpu));

  // What the server's resident analysis does after a write: the changed accounts' rows read
  // again (here: each account's rows as held, plus one new order) replace theirs. Against a
  // full analysis of the same data in the same run.
  std::vector<double> replaced, replaced_cpu;
  for (int batch = 0; batch < 5; ++batch) {
    const Dataset& held = live.data();
    std::vector<int64_t> ids;
    for (int64_t k = 0; k < 1000; ++k)
      ids.push_back(h(95'000'000 + batch * 1000 + k, 1) % accounts + 1);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    AccountRows rows;
    rows.changed = ids;
    DatasetBuilder b;
    for (const int64_t id : ids) {
      b.add_account(id, held.accounts.importance[static_cast<size_t>(id - 1)], std::nullopt, "",
                    false);
      rows.parent_ids.push_back(std::nullopt);
    }
    b.set_product_lines(held.product_lines);
    for (const int64_t id : ids) {
      const auto a = static_cast<size_t>(id - 1);
      const auto& o = held.orders;
      for (uint32_t r = o.offset[a]; r < o.offset[a + 1]; ++r)
        b.add_order(id, Day{o.day[r]}, o.amount[r], o.margin[r], o.product_line[r]);
      b.add_order(id, period.to, 500'000, 100'000, 0);
      const auto& inv = held.invoices;
      for (uint32_t r = inv.offset[a]; r < inv.offset[a + 1]; ++r)
        b.add_invoice(id, inv.key[r], Day{inv.invoice_day[r]}, Day{inv.due_day[r]}, inv.amount[r]);
      const auto& pay = held.payments;
      for (uint32_t r = pay.offset[a]; r < pay.offset[a + 1]; ++r) {
        std::optional<int64_t> key;
        if (pay.invoice[r] >= 0) key = inv.key[static_cast<size_t>(pay.invoice[r])];
        b.add_payment(id, key, Day{pay.day[r]}, pay.amount[r]);
      }
    }
    rows.data = b.finish();
    const auto t = std::chrono::steady_clock::now();
    const double c = cpu_seconds();
    if (!live.replace_accounts(rows)) std::abort();
    replaced.push_back(seconds_since(t));
    replaced_cpu.push_back(cpu_seconds() - c);
  }
  std::sort(replaced.begin(), replaced.end());
  const auto t = std::chrono::steady_clock::now();
  const Analysis full = analyze(live.data(), period, rules);
  const double whole = seconds_since(t);
  std::printf(
      "real time: 1,000 changed accounts replaced -> every class current again: median %.3f s "
      "(min %.3f, max %.3f, 5 batches; bound 0.2 s: %s; CPU time median %.3f s); a full "
      "analysis of the same data %.3f s; ratio full / replaced %.1f\n",
      replaced[2], replaced.front(), replaced.back(), replaced[2] < 0.2 ? "met" : "NOT met",
      median(replaced_cpu), whole, whole / replaced[2]);
  std::printf("real time: load average %.2f after the batches\n", load_average());
  const Analysis& kept = live.analysis();
  const bool same =
      full.ranking.order == kept.ranking.order && full.ranking.rank == kept.ranking.rank &&
      full.pyramid == kept.pyramid && full.card_tier == kept.card_tier && full.abc == kept.abc &&
      full.rfm.r == kept.rfm.r && full.rfm.f == kept.rfm.f && full.rfm.m == kept.rfm.m &&
      full.rfm.segment == kept.rfm.segment && full.spend.tier == kept.spend.tier &&
      full.pareto_revenue.curve == kept.pareto_revenue.curve &&
      full.pareto_profit.curve == kept.pareto_profit.curve &&
      full.pareto_revenue.customers_for_80 == kept.pareto_revenue.customers_for_80 &&
      full.questions.narrow_buyers == kept.questions.narrow_buyers &&
      full.questions.big_repeat_complainers == kept.questions.big_repeat_complainers &&
      full.questions.consult_first == kept.questions.consult_first &&
      full.questions.previous_top == kept.questions.previous_top &&
      full.questions.cost_exceeds_margin.size() == kept.questions.cost_exceeds_margin.size();
  if (!same) {
    std::fprintf(stderr, "the replaced analysis differs from a full one\n");
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: analytics_bench ACCOUNTS ORDERS INVOICES [DUCKDB_SUITE_DIR]\n";
    return 2;
  }
  const int64_t accounts = std::stoll(argv[1]), orders = std::stoll(argv[2]),
                invoices = std::stoll(argv[3]);
  const RuleSet rules = default_rules();
  const Period period{Day{kFrom}, Day{kTo}};

  auto t = std::chrono::steady_clock::now();
  Dataset data = generate(accounts, orders, invoices);
  const double load = seconds_since(t);
  const double built_peak_mib =
      peak_rss_mib();  // building the columns needs more than holding them

  // The suite three times; each step reports its median (the machine is shared).
  std::map<std::string, std::vector<double>> runs;
  Indicators x;
  Ranking ranking;
  std::vector<int8_t> pyramid, cards;
  std::vector<char> abc;
  Rfm rfm;
  SpendTiers tiers;
  for (int run = 0; run < 3; ++run) {
    // Release the previous run's results first: peak memory is one run's.
    x = {}, ranking = {}, pyramid = {}, cards = {}, abc = {}, rfm = {}, tiers = {};
    t = std::chrono::steady_clock::now();
    x = compute_indicators(data, period, rules);
    runs["indicators"].push_back(seconds_since(t));  // includes overdue balances and patterns
    t = std::chrono::steady_clock::now();
    ranking = rank_accounts(data, x, ValueMeasure::kRevenue);
    pyramid = rank_levels(ranking, rules.pyramid);
    cards = rank_levels(ranking, rules.card_tiers);
    runs["pyramid"].push_back(seconds_since(t));
    t = std::chrono::steady_clock::now();
    abc = abc_classes(ranking, rules.abc_a_bp, rules.abc_b_bp);
    runs["abc"].push_back(seconds_since(t));
    t = std::chrono::steady_clock::now();
    rfm = rfm_scores(data, x, rules.rfm_high_score);
    runs["rfm"].push_back(seconds_since(t));
    t = std::chrono::steady_clock::now();
    tiers = spend_tiers(data, x, rules);
    runs["tiers"].push_back(seconds_since(t));
  }
  std::map<std::string, double> kam;
  for (auto& [step, times] : runs) {
    std::sort(times.begin(), times.end());
    kam[step] = times[1];
  }

  const double peak_mib = peak_rss_mib();
  const double column_mib = static_cast<double>(data.column_bytes()) / (1024.0 * 1024.0);

  const size_t n = data.accounts.size();
  std::map<std::string, int64_t> checks;
  checks["ranked"] = static_cast<int64_t>(ranking.order.size());
  checks["revenue"] =
      checksum(n, [&](size_t a) { return x.bought(a) ? ((x.revenue[a] % kM) + kM) % kM : 0; });
  checks["pyramid"] =
      checksum(n, [&](size_t a) { return pyramid[a] < 0 ? 0 : int64_t(a + 1) * (pyramid[a] + 2); });
  checks["card"] =
      checksum(n, [&](size_t a) { return cards[a] < 0 ? 0 : int64_t(a + 1) * (cards[a] + 2); });
  checks["abc"] =
      checksum(n, [&](size_t a) { return abc[a] == 0 ? 0 : int64_t(a + 1) * (abc[a] - 'A' + 2); });
  checks["rfm"] = checksum(n, [&](size_t a) {
    return rfm.r[a] == 0 ? 0 : int64_t(a + 1) * (rfm.r[a] * 100 + rfm.f[a] * 10 + rfm.m[a]);
  });
  checks["tiers"] = checksum(n, [&](size_t a) { return int64_t(a + 1) * (tiers.tier[a] + 2); });
  checks["pattern"] =
      checksum(n, [&](size_t a) { return int64_t(a + 1) * static_cast<int>(x.pattern[a]); });
  checks["lines"] = checksum(
      n, [&](size_t a) { return x.orders[a] > 0 ? int64_t(a + 1) * x.product_lines[a] : 0; });

  double kam_total = 0;
  for (const auto& [step, s] : kam)
    kam_total += s;
  std::printf("data: %lld accounts, %lld orders, %lld invoices, %zu payments; analysis year 2024\n",
              static_cast<long long>(accounts), static_cast<long long>(orders),
              static_cast<long long>(invoices), data.payments.day.size());
  std::printf(
      "KAM: built columns in %.2f s (peak so far %.0f MiB); peak memory %.0f MiB = %.2f x raw "
      "column bytes (%.0f MiB; bound 2 x: %s)\n",
      load, built_peak_mib, peak_mib, peak_mib / column_mib, column_mib,
      peak_mib <= 2 * column_mib ? "met" : "NOT met");

  if (argc < 5) {
    for (const auto& [step, s] : kam)
      std::printf("  %-11s %8.3f s\n", step.c_str(), s);
    std::printf("  %-11s %8.3f s\n", "total", kam_total);
    measure_live(std::move(data), period, rules);
    return 0;
  }
  const std::string command =
      "node " + std::string(argv[4]) + "/suite.mjs " + argv[1] + " " + argv[2] + " " + argv[3];
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    output.append(buffer, got);
  if (pclose(pipe) != 0) {
    std::cerr << "DuckDB suite failed: " << output << '\n';
    return 1;
  }
  const auto duck = boost::json::parse(output).as_object();
  const auto& timing = duck.at("timings").as_object();
  auto duck_time = [&](const char* step) {
    return timing.contains(step) ? timing.at(step).to_number<double>() : 0.0;
  };
  // DuckDB's overdue and pattern queries are separate steps; KAM computes both in its
  // indicator pass, so they are compared together.
  const std::map<std::string, double> duck_steps{
      {"indicators", duck_time("indicators") + duck_time("overdue") + duck_time("pattern")},
      {"pyramid", duck_time("pyramid")},
      {"abc", duck_time("abc")},
      {"rfm", duck_time("rfm")},
      {"tiers", duck_time("tiers")}};
  double duck_total = 0;
  std::printf("DuckDB: loaded in %.2f s\n", duck_time("load"));
  std::printf("  median of 3 runs per step\n  %-11s %10s %10s %9s\n", "step", "KAM s", "DuckDB s",
              "speed-up");
  for (const auto& [step, s] : kam) {
    const double d = duck_steps.at(step);
    duck_total += d;
    std::printf("  %-11s %10.3f %10.3f %8.1fx\n", step.c_str(), s, d, d / s);
  }
  std::printf("  %-11s %10.3f %10.3f %8.1fx\n", "total", kam_total, duck_total,
              duck_total / kam_total);

  bool same = true;
  const auto& duck_checks = duck.at("checks").as_object();
  for (const auto& [name, value] : checks) {
    const auto theirs = static_cast<int64_t>(duck_checks.at(name).to_number<double>());
    if (theirs != value) {
      std::printf("  MISMATCH %s: KAM %lld, DuckDB %lld\n", name.c_str(),
                  static_cast<long long>(value), static_cast<long long>(theirs));
      same = false;
    }
  }
  std::printf("classes: %s\n",
              same ? "identical in KAM and DuckDB (pyramid, card, ABC, RFM, tiers, pattern, lines)"
                   : "DIFFERENT");
  measure_live(std::move(data), period, rules);
  return same ? 0 : 1;
}
