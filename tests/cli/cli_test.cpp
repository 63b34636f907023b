// Runs the `kam` binary as a user would, on a database file in a temporary directory.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "analytics/customer_base.hpp"
#include "io/xlsx_reader.hpp"
#include "store/dataset_loader.hpp"
#include "store/driver.hpp"
#include "support/libreoffice.hpp"

namespace {

struct CommandRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class KamCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("kam_cli_test_" + std::to_string(::getpid())));
    std::filesystem::create_directories(*dir_);
    const CommandRun demo = kam("demo --accounts 300 --years 3 --seed 5 --end 2024-12-31");
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  // Runs `kam --db <test db> <args>`; arguments are passed through the shell as written.
  static CommandRun kam(const std::string& args, const std::string& db = "test.db") {
    const auto err_path = *dir_ / "stderr.txt";
    const std::string command = std::string(KAM_BINARY) + " --db '" + (*dir_ / db).string() + "' " +
                                args + " 2>'" + err_path.string() + "' </dev/null";
    CommandRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      run.out.append(buffer, n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(err_path);
    run.err.assign(std::istreambuf_iterator<char>(err), {});
    return run;
  }

  static std::filesystem::path* dir_;
};
std::filesystem::path* KamCli::dir_ = nullptr;

TEST_F(KamCli, InitCreatesTheSchema) {
  const CommandRun r = kam("init", "fresh.db");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema version "), std::string::npos) << r.out;
  EXPECT_EQ(kam("init", "fresh.db").exit_code, 0);  // idempotent
}

TEST_F(KamCli, SummaryShowsCountsRevenueByYearAndTopTen) {
  const CommandRun table = kam("summary --as-of 2024-12-31");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const char* expected :
       {"客户 accounts", "Top 10 accounts", "Top 20% of accounts", "Overdue receivables"}) {
    EXPECT_NE(table.out.find(expected), std::string::npos) << expected << "\n" << table.out;
  }

  // The figures, against the same ones computed independently from the analysis's columns.
  const CommandRun json = kam("summary --as-of 2024-12-31 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  std::istringstream lines(json.out);
  std::string counts_line, years_line;
  std::getline(lines, counts_line), std::getline(lines, years_line);
  auto db = kam::store::open_database((*dir_ / "test.db").string());
  ASSERT_TRUE(db) << db.error().describe();
  auto data = kam::store::load_dataset(**db);
  ASSERT_TRUE(data) << data.error().describe();
  const auto figures =
      kam::analytics::customer_base_figures(*data, *kam::parse_date("2024-12-31"), 10);
  std::map<std::string, std::string> counts;
  const boost::json::value counts_json = boost::json::parse(counts_line);
  for (const auto& row : counts_json.as_array())
    counts[std::string(row.at("item").as_string())] = row.at("count").as_string();
  EXPECT_EQ(counts.at("客户 accounts"), std::to_string(data->accounts.size()));
  EXPECT_EQ(counts.at("订单 orders"), std::to_string(figures.orders));
  const boost::json::value years_json = boost::json::parse(years_line);
  const auto& years = years_json.as_array();
  ASSERT_EQ(years.size(), figures.by_year.size()) << years_line;
  ASSERT_EQ(years.size(), 3u);  // the demo's three years
  for (size_t i = 0; i < years.size(); ++i) {
    const auto& y = figures.by_year[i];
    EXPECT_EQ(years[i].at("year").as_string(), std::to_string(y.year));
    EXPECT_EQ(years[i].at("orders").as_string(), std::to_string(y.orders));
    EXPECT_EQ(years[i].at("revenue").as_string(), kam::format_money(kam::Money{y.revenue}));
  }
}

TEST_F(KamCli, DemoIsQuietWhenNotOnATerminalAndRefusesToRunTwice) {
  const CommandRun again = kam("demo --accounts 10");
  EXPECT_EQ(again.exit_code, 4);
  EXPECT_NE(again.err.find("already has 300 accounts"), std::string::npos) << again.err;
  const CommandRun fresh = kam("demo --accounts 20 --end 2024-06-30", "quiet.db");
  EXPECT_EQ(fresh.exit_code, 0);
  EXPECT_EQ(fresh.err, "");  // no progress meter in a pipe
}

TEST_F(KamCli, ListsAsJsonWithPagingCursor) {
  const CommandRun r = kam("list accounts --limit 5 --sort name --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = boost::json::parse(r.out).as_array();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_TRUE(rows[0].as_object().contains("name"));
  const auto cursor_at = r.err.find("--after ");
  ASSERT_NE(cursor_at, std::string::npos) << r.err;
  std::string cursor = r.err.substr(cursor_at + 8);
  cursor = cursor.substr(0, cursor.find('\n'));
  const CommandRun next =
      kam("list accounts --limit 5 --sort name --format json --after " + cursor);
  ASSERT_EQ(next.exit_code, 0) << next.err;
  const auto more = boost::json::parse(next.out).as_array();
  ASSERT_EQ(more.size(), 5u);
  EXPECT_LE(std::string(rows[4].at("name").as_string()),
            std::string(more[0].at("name").as_string()));
}

TEST_F(KamCli, FiltersAndCountsAndCsv) {
  const CommandRun all = kam("list accounts --count");
  ASSERT_EQ(all.exit_code, 0);
  EXPECT_EQ(std::stoi(all.out), 300);
  const CommandRun big = kam("list orders --where 'amount>=100000' --count");
  ASSERT_EQ(big.exit_code, 0) << big.err;
  EXPECT_LT(std::stoi(big.out), std::stoi(kam("list orders --count").out));
  const CommandRun csv = kam("list contacts --account 1 --format csv --columns id,name,title");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find("\r\n")), "id,name,title");
}

TEST_F(KamCli, BadInputNamesTheFieldAndExitsTwo) {
  const CommandRun unknown = kam("list accounts --where 'revenue>1'");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("revenue: is not a field here"), std::string::npos) << unknown.err;
  const CommandRun bad_entity = kam("list customers");
  EXPECT_EQ(bad_entity.exit_code, 2);
  EXPECT_NE(bad_entity.err.find("entity"), std::string::npos);
  const CommandRun bad_code =
      kam("update account 2 --set credit_code=91330100799655058X --set email=x");
  EXPECT_EQ(bad_code.exit_code, 2);
  EXPECT_NE(bad_code.err.find("credit_code: check character is X, expected B"), std::string::npos)
      << bad_code.err;
  EXPECT_NE(bad_code.err.find("email: is not a field that can be set"), std::string::npos)
      << bad_code.err;
  EXPECT_EQ(kam("show account 999999").exit_code, 3);
}

TEST_F(KamCli, ShowAccountIsA360View) {
  const CommandRun r = kam("show account 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected : {"客户 #3", "统一社会信用代码", "联系人 Contacts", "└ ",
                               "Revenue by year", "应收 Receivables", "Audit:"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
}

TEST_F(KamCli, UpdatesAreAuditedVersionedAndRecoverable) {
  const CommandRun update = kam("update account 4 --set city=宁波市 --set 'notes=重点跟进'");
  ASSERT_EQ(update.exit_code, 0) << update.err;
  EXPECT_NE(update.out.find("version 2"), std::string::npos) << update.out;
  const CommandRun stale = kam("update account 4 --set city=温州市 --version 1");
  EXPECT_EQ(stale.exit_code, 4);
  EXPECT_NE(stale.err.find("changed by someone else"), std::string::npos) << stale.err;

  const CommandRun history = kam("history account 4 --format json");
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto trail = boost::json::parse(history.out).as_array();
  ASSERT_GE(trail.size(), 2u);
  bool saw_city = false;
  for (const auto& row : trail) {
    const auto& o = row.as_object();
    if (o.at("field") == "city" && o.at("action") == "update") {
      saw_city = true;
      EXPECT_EQ(o.at("new"), "宁波市");
      EXPECT_TRUE(o.at("old").is_string());
      EXPECT_NE(std::string(o.at("actor").as_string()).find("cli:"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_city);

  ASSERT_EQ(kam("delete account 4").exit_code, 0);
  EXPECT_EQ(kam("show account 4").exit_code, 0);  // still visible by id, marked deleted
  EXPECT_EQ(std::stoi(kam("list accounts --deleted only --count").out), 1);
  EXPECT_EQ(kam("update account 4 --set city=温州市").exit_code, 3);  // hidden from changes
  ASSERT_EQ(kam("restore account 4").exit_code, 0);
  EXPECT_EQ(std::stoi(kam("list accounts --deleted only --count").out), 0);
}

TEST_F(KamCli, AnalyzeClassifiesExplainsAndRecordsEvents) {
  const CommandRun table = kam("analyze --period 2024-01-01..2024-12-31");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const char* expected :
       {"客户金字塔", "ABC", "消费分级", "RFM", "帕累托 Pareto", "rule set default v0"}) {
    EXPECT_NE(table.out.find(expected), std::string::npos) << expected << "\n" << table.out;
  }
  const CommandRun json = kam("analyze --period 2024-01-01..2024-12-31 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto o = boost::json::parse(json.out).as_object();
  EXPECT_EQ(o.at("rules").at("version").as_int64(), 0);
  EXPECT_GT(o.at("ranked_accounts").as_int64(), 100);

  const CommandRun why = kam("analyze --period 2024-01-01..2024-12-31 --account 3");
  ASSERT_EQ(why.exit_code, 0) << why.err;
  EXPECT_NE(why.out.find("spend tier 消费分级"), std::string::npos) << why.out;

  const CommandRun first = kam("analyze --period 2024-01-01..2024-12-31 --record");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Tier events recorded: "), std::string::npos);
  const CommandRun again = kam("analyze --period 2024-01-01..2024-12-31 --record");
  EXPECT_NE(again.out.find("Tier events recorded: 0"), std::string::npos) << again.out;

  EXPECT_EQ(kam("analyze --period 2024-12-31..2024-01-01").exit_code, 2);
  EXPECT_EQ(kam("analyze --by margin").exit_code, 2);
}

TEST_F(KamCli, RulesAreVersionedAndValidated) {
  const CommandRun shown = kam("rules", "rules.db");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  std::string edited = shown.out;
  edited.replace(edited.find("\"abc_a_bp\":8000"), 15, "\"abc_a_bp\":7000");
  const auto good = *dir_ / "good.json";
  std::ofstream(good) << edited;
  const CommandRun set = kam("rules --set '" + good.string() + "'", "rules.db");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("version 1"), std::string::npos) << set.out;
  EXPECT_NE(kam("rules", "rules.db").out.find("\"abc_a_bp\":7000"), std::string::npos);

  const auto bad = *dir_ / "bad.json";
  std::ofstream(bad) << R"({"pyramid": [{"code": "vip", "share_bp": 100}]})";
  const CommandRun refused = kam("rules --set '" + bad.string() + "'", "rules.db");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("pyramid: shares add up to 100 bp"), std::string::npos) << refused.err;
}

}  // namespace

TEST_F(KamCli, OpportunitiesMoveThroughThePipelineWithHistory) {
  const CommandRun open =
      kam("opp list --where 'closed_on=null' --stage G --limit 1 --format json");
  ASSERT_EQ(open.exit_code, 0) << open.err;
  const auto rows = boost::json::parse(open.out).as_array();
  ASSERT_EQ(rows.size(), 1u) << "the demo has open opportunities at G";
  const std::string id = std::string(rows[0].at("id").as_string());

  const CommandRun bad = kam("opp move " + id + " Q");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("stage"), std::string::npos) << bad.err;

  const CommandRun won = kam("opp move " + id + " S --reason 方案最优");
  ASSERT_EQ(won.exit_code, 0) << won.err;
  EXPECT_NE(won.out.find("G → S 赢单 (100%)"), std::string::npos) << won.out;
  const CommandRun shown = kam("opp show " + id);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("S 赢单"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("方案最优"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("SOP "), std::string::npos) << shown.out;
}

TEST_F(KamCli, ForecastAndFunnelReportThePipeline) {
  const CommandRun forecast =
      kam("forecast --by all --period 2022-01-01..2026-12-31 --format json");
  ASSERT_EQ(forecast.exit_code, 0) << forecast.err;
  const auto rows = boost::json::parse(forecast.out).as_array();
  ASSERT_EQ(rows.size(), 2u) << "the one group and the total";
  EXPECT_EQ(rows[0].at("weighted"), rows[1].at("weighted"));
  EXPECT_GT(std::stoll(std::string(rows[1].at("won").as_string())), 0);

  // The demo keeps the month-end snapshots a running server would have kept for its last 13
  // months: 2024's accuracy reads the one of 2023-12-31; before them there is none.
  const CommandRun kept = kam("forecast --accuracy --period 2024-01-01..2024-12-31");
  EXPECT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(kept.out.find("2023-12-31T18:00:00Z"), std::string::npos) << kept.out;
  const CommandRun none = kam("forecast --accuracy --period 2021-01-01..2021-12-31");
  EXPECT_EQ(none.exit_code, 3) << "no snapshot was kept: " << none.out;
  EXPECT_NE(none.err.find("--snapshot"), std::string::npos) << none.err;

  const CommandRun funnel = kam("funnel --period 2022-01-01..2024-12-31 --format json");
  ASSERT_EQ(funnel.exit_code, 0) << funnel.err;
  const auto levels = boost::json::parse(funnel.out).as_array();
  ASSERT_EQ(levels.size(), 5u) << "leads, contacts, proposals, negotiations, wins";
  EXPECT_EQ(levels[0].at("stage"), "G");
  EXPECT_GE(std::stoll(std::string(levels[0].at("reached").as_string())),
            std::stoll(std::string(levels[4].at("reached").as_string())));
  EXPECT_EQ(kam("funnel --by week").exit_code, 2);
}

TEST_F(KamCli, ScoreExplainShowsEveryIndicatorAndTheMissingInputs) {
  // The customer-value card has inputs the demo never enters (industry growth, the wallet).
  const CommandRun value = kam("score 1 --card customer_value --quarter 2024Q4 --explain");
  ASSERT_EQ(value.exit_code, 0) << value.err;
  for (const char* expected : {"revenue", "industry_growth", "missing inputs", "wallet_headroom",
                               "missing: not counted", "kam input 1"}) {
    EXPECT_NE(value.out.find(expected), std::string::npos) << expected << "\n" << value.out;
  }
  const CommandRun json = kam("score 1 --quarter 2024Q4 --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto doc = boost::json::parse(json.out).as_object();
  EXPECT_EQ(doc.at("period"), "2024Q4");
  const auto& score = doc.at("score").as_object();
  EXPECT_EQ(score.at("card_code"), "credit_rating");
  EXPECT_EQ(score.at("indicators").as_array().size(), 20u);
  const CommandRun both = kam("score 1 --quarter 2024Q4 --period 2024-01-01..2024-03-31");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("period:"), std::string::npos) << both.err;
}

TEST_F(KamCli, RateStoresTheQuarterAndRefusesToRerateWithoutReplace) {
  const CommandRun rate = kam("rate --quarter 2024Q3");
  ASSERT_EQ(rate.exit_code, 0) << rate.err;
  EXPECT_NE(rate.out.find("rated 300 accounts on credit_rating"), std::string::npos) << rate.out;
  for (const char* grade : {"AAA", "AA", "B", "withheld"})
    EXPECT_NE(rate.out.find(grade), std::string::npos) << grade << "\n" << rate.out;

  const CommandRun history = kam("ratings 2 --format json");
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto rows = boost::json::parse(history.out).as_array();
  ASSERT_GE(rows.size(), 1u);
  bool found = false;
  for (const auto& row : rows)
    found = found || (row.at("period") == "2024Q3" && row.at("card") == "credit_rating");
  EXPECT_TRUE(found) << history.out;

  const CommandRun again = kam("rate --quarter 2024Q3");
  EXPECT_EQ(again.exit_code, 4);
  EXPECT_NE(again.err.find("--replace"), std::string::npos) << again.err;
  const CommandRun one = kam("rate --quarter 2024Q3 --account 2 --replace");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("rated 1 accounts"), std::string::npos) << one.out;
}

TEST_F(KamCli, AnInvalidQuarterNamesTheField) {
  const CommandRun rate = kam("rate --quarter 2024Q5");
  EXPECT_EQ(rate.exit_code, 2);
  EXPECT_NE(rate.err.find("quarter: '2024Q5' is not a quarter"), std::string::npos) << rate.err;
  const CommandRun score = kam("score 1 --quarter 24-4");
  EXPECT_EQ(score.exit_code, 2);
  EXPECT_NE(score.err.find("quarter:"), std::string::npos) << score.err;
}

TEST_F(KamCli, ManualInputsAreRecordedWithWhoAndWhen) {
  const CommandRun input = kam("input 3 current_ratio 1.75 --as-of 2024-12-31 --note 年报");
  ASSERT_EQ(input.exit_code, 0) << input.err;
  EXPECT_NE(input.out.find("current_ratio = 1.75"), std::string::npos) << input.out;
  const CommandRun listed = kam("inputs 3 --format json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto rows = boost::json::parse(listed.out).as_array();
  ASSERT_GE(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("value"), "1.75");
  EXPECT_EQ(rows[0].at("note"), "年报");
  EXPECT_NE(std::string(rows[0].at("entered_by").as_string()).find("cli:"), std::string::npos);
  const CommandRun computed = kam("input 3 on_time_payment_rate 95");
  EXPECT_EQ(computed.exit_code, 2);
  EXPECT_NE(computed.err.find("indicator:"), std::string::npos) << computed.err;
  const CommandRun rating = kam("input 3 management_quality 9");
  EXPECT_EQ(rating.exit_code, 2);
  EXPECT_NE(rating.err.find("value:"), std::string::npos) << rating.err;
}

TEST_F(KamCli, ScorecardsAreVersionedAndValidated) {
  const CommandRun shown = kam("scorecard show prospect");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto card = boost::json::parse(shown.out).as_object();
  EXPECT_EQ(card.at("code"), "prospect");
  card["name_en"] = "Prospect scoring, edited";
  const auto path = *dir_ / "prospect.json";
  std::ofstream(path) << boost::json::serialize(card);
  const CommandRun set = kam("scorecard set prospect '" + path.string() + "'");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("version 1"), std::string::npos) << set.out;
  EXPECT_NE(kam("scorecard show prospect").out.find("Prospect scoring, edited"), std::string::npos);
  const CommandRun wrong = kam("scorecard set credit_rating '" + path.string() + "'");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("code:"), std::string::npos) << wrong.err;
}

TEST_F(KamCli, ClvFitsScoresAndStoresEveryBuyingAccount) {
  const CommandRun clv = kam("clv --as-of 2024-12-31 --top 3 --format json");
  ASSERT_EQ(clv.exit_code, 0) << clv.err;
  const auto top = boost::json::parse(clv.out).as_array();
  ASSERT_EQ(top.size(), 3u);
  EXPECT_NE(std::string(top[0].at("p_alive").as_string()).find('%'), std::string::npos);
  EXPECT_FALSE(top[0].at("level").as_string().empty());
  // Every account that bought by the day has its stored result in the run.
  {
    auto db = kam::store::open_database((*dir_ / "test.db").string());
    ASSERT_TRUE(db) << db.error().describe();
    auto stored = kam::store::query_int(
        **db, "SELECT COUNT(*) FROM clv_results WHERE run_id = (SELECT MAX(id) FROM clv_runs)");
    auto buyers = kam::store::query_int(
        **db,
        "SELECT COUNT(DISTINCT o.account_id) FROM orders o JOIN accounts a ON a.id = "
        "o.account_id WHERE o.deleted_at IS NULL AND a.deleted_at IS NULL AND o.order_date <= "
        "'2024-12-31'");
    ASSERT_TRUE(stored && buyers);
    EXPECT_GT(*buyers, 100);
    EXPECT_EQ(*stored, *buyers);
  }

  const CommandRun days = kam("clv --as-of 2024-12-31 --model paretonbd --unit days --top 1");
  ASSERT_EQ(days.exit_code, 0) << days.err;
  EXPECT_NE(days.out.find("paretonbd-gg/1, orders to 2024-12-31 in days"), std::string::npos)
      << days.out;
  EXPECT_NE(days.out.find("\"pareto_nbd\""), std::string::npos) << days.out;

  const CommandRun horizon = kam("clv --horizon 0");
  EXPECT_EQ(horizon.exit_code, 2);
  EXPECT_NE(horizon.err.find("horizon_months"), std::string::npos) << horizon.err;
  const CommandRun unit = kam("clv --unit fortnights");
  EXPECT_EQ(unit.exit_code, 2);
  EXPECT_NE(unit.err.find("unit"), std::string::npos) << unit.err;
}

TEST_F(KamCli, AlertsAreStoredOncePerMomentAndDismissalsAreAudited) {
  const CommandRun first = kam("alerts --limit 5");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_NE(first.out.find(" found, "), std::string::npos) << first.out;
  const CommandRun second = kam("alerts --limit 5");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(" found, 0 new"), std::string::npos) << second.out;

  const CommandRun listed = kam("alerts --no-refresh --limit 1 --format json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto rows = boost::json::parse(listed.out).as_array();
  ASSERT_EQ(rows.size(), 1u) << "the demo has overdue receivables at least";
  const std::string id(rows[0].at("id").as_string());
  const CommandRun dismissed = kam("alert dismiss " + id);
  ASSERT_EQ(dismissed.exit_code, 0) << dismissed.err;
  const CommandRun after = kam("alerts --no-refresh --limit 1 --format json");
  EXPECT_NE(boost::json::parse(after.out).as_array().at(0).at("id").as_string(), id);
  const CommandRun history = kam("history alert " + id + " --format json");
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("dismissed"), std::string::npos) << history.out;

  const CommandRun early = kam("alert snooze " + id + " --until 2000-01-01");
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_NE(early.err.find("until"), std::string::npos) << early.err;
}

TEST_F(KamCli, ChurnComparesLostAccountsWithTheReference) {
  const CommandRun churn = kam("churn --format json");
  ASSERT_EQ(churn.exit_code, 0) << churn.err;
  const auto rows = boost::json::parse(churn.out).as_array();
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[6].at("reason"), "indifference");
  EXPECT_EQ(rows[6].at("reference"), "68.00%");
}

TEST_F(KamCli, ExportWritesTheRecordsOfAListAndTheAnalysisWorkbook) {
  const std::string xlsx = (*dir_ / "active.xlsx").string();
  const CommandRun r =
      kam("export accounts --where status=active --sort name --output '" + xlsx + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int count = std::stoi(kam("list accounts --where status=active --count").out);
  EXPECT_NE(r.out.find("wrote " + std::to_string(count) + " records"), std::string::npos) << r.out;
  auto book = kam::io::XlsxWorkbook::open_file(xlsx);
  ASSERT_TRUE(book) << book.error().describe();
  ASSERT_EQ(book->sheets().size(), 1u);
  EXPECT_EQ(book->sheets()[0].name, "accounts");
  auto rows = book->read_sheet(0);
  ASSERT_TRUE(rows) << rows.error().describe();
  EXPECT_EQ(static_cast<int>(rows->size()) - 1, count);
  EXPECT_EQ(std::get<std::string>((*rows)[0].cells[0]), "id");

  const std::string csv = (*dir_ / "contacts.csv").string();
  ASSERT_EQ(kam("export contacts --where account_id=1 --output '" + csv + "'").exit_code, 0);
  std::ifstream in(csv, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text.substr(0, 5), "\xEF\xBB\xBFid");
  const std::string cards = (*dir_ / "contacts.vcf").string();
  const CommandRun vcf = kam("export contacts --where account_id=1 --output '" + cards + "'");
  ASSERT_EQ(vcf.exit_code, 0) << vcf.err;
  std::ifstream vin(cards, std::ios::binary);
  const std::string vtext((std::istreambuf_iterator<char>(vin)), {});
  EXPECT_EQ(vtext.substr(0, 11), "BEGIN:VCARD");

  const std::string analysis = (*dir_ / "analysis.xlsx").string();
  const CommandRun a =
      kam("export analysis --period 2024-01-01..2024-12-31 --output '" + analysis + "'");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto workbook = kam::io::XlsxWorkbook::open_file(analysis);
  ASSERT_TRUE(workbook) << workbook.error().describe();
  ASSERT_EQ(workbook->sheets().size(), 5u);
  EXPECT_EQ(workbook->sheets()[4].name, "帕累托 Pareto");
  EXPECT_EQ(workbook->read_sheet(4)->size(), 101u);
  // Ranked by profit when asked, whatever the rules rank by; the summary says which.
  const auto ranked_by = [](const std::string& path) {
    auto book = kam::io::XlsxWorkbook::open_file(path);
    EXPECT_TRUE(book) << book.error().describe();
    if (!book) return std::string();
    auto summary = book->read_sheet("概要 Summary");
    EXPECT_TRUE(summary);
    if (!summary) return std::string();
    for (const auto& row : *summary)
      if (row.cells.size() > 1 && std::get<std::string>(row.cells[0]) == "ranked by")
        return std::get<std::string>(row.cells[1]);
    return std::string("(no 'ranked by' row)");
  };
  EXPECT_EQ(ranked_by(analysis), "revenue");
  const std::string by_profit = (*dir_ / "by-profit.xlsx").string();
  const CommandRun p = kam(
      "export analysis --period 2024-01-01..2024-12-31 --by profit --output '" + by_profit + "'");
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_EQ(ranked_by(by_profit), "profit");
  const CommandRun bad_by = kam("export analysis --by margin --output '" + by_profit + "'");
  EXPECT_EQ(bad_by.exit_code, 2);
  EXPECT_NE(bad_by.err.find("by"), std::string::npos) << bad_by.err;
  EXPECT_EQ(kam("export accounts --by profit --output x.csv").exit_code, 2);

  const CommandRun bad = kam("export accounts --format pdf --output x.pdf");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("format"), std::string::npos) << bad.err;
  EXPECT_EQ(kam("export orders --format vcf --output x.vcf").exit_code, 2);
}

// The workbook's shares are the ones `kam analyze` prints, each of the net revenue of the
// ranked accounts: a VIP buying 15,000 and five customers below the VIP threshold buying
// 5,000 each make the spend tiers 37.5% of the revenue (not 100% of the tiered revenue).
TEST_F(KamCli, AnalysisWorkbookSharesAreTheSharesKamAnalyzePrints) {
  ASSERT_EQ(kam("init", "shares.db").exit_code, 0);
  const auto accounts = *dir_ / "shares_accounts.csv";
  const auto orders = *dir_ / "shares_orders.csv";
  {
    std::ofstream a(accounts), o(orders);
    a << "name\n";
    o << "order_no,Customer,order_date,amount\n";
    const char* names[] = {"甲公司", "乙公司", "丙公司", "丁公司", "戊公司", "己公司"};
    for (int i = 0; i < 6; ++i) {
      a << names[i] << "\n";
      o << "SO-" << i << "," << names[i] << ",2024-03-05," << (i == 0 ? 15000 : 5000) << "\n";
    }
  }
  ASSERT_EQ(kam("import accounts '" + accounts.string() + "'", "shares.db").exit_code, 0);
  ASSERT_EQ(kam("import orders '" + orders.string() + "'", "shares.db").exit_code, 0);

  const CommandRun printed =
      kam("analyze --period 2024-01-01..2024-12-31 --format csv", "shares.db");
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  // Sections in order (pyramid, ABC, spend tiers, ...), each under a header line: the share
  // is the last field of each row.
  std::vector<std::vector<std::string>> sections;
  std::istringstream lines(printed.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.ends_with('\r')) line.pop_back();  // CSV rows end in CRLF
    if (line.starts_with("class,")) {
      sections.emplace_back();
    } else if (!sections.empty() && !line.empty()) {
      sections.back().push_back(line.substr(line.rfind(',') + 1));
    }
  }
  ASSERT_GE(sections.size(), 3u) << printed.out;
  EXPECT_EQ(sections[2].back(), "37.5%") << printed.out;  // the VIP tier

  const std::string path = (*dir_ / "shares.xlsx").string();
  const CommandRun written =
      kam("export analysis --period 2024-01-01..2024-12-31 --output '" + path + "'", "shares.db");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  auto book = kam::io::XlsxWorkbook::open_file(path);
  ASSERT_TRUE(book) << book.error().describe();
  const char* sheets[] = {"金字塔 Pyramid", "ABC", "消费层级 Spend tiers"};
  for (size_t k = 0; k < 3; ++k) {
    auto rows = book->read_sheet(sheets[k]);
    ASSERT_TRUE(rows) << sheets[k];
    ASSERT_EQ(rows->size(), sections[k].size() + 1) << sheets[k];
    EXPECT_EQ(std::get<std::string>((*rows)[0].cells.at(4)), "share of net revenue");
    for (size_t r = 0; r < sections[k].size(); ++r) {
      char shown[16];
      std::snprintf(shown, sizeof shown, "%.1f%%",
                    std::get<double>((*rows)[r + 1].cells.at(4)) * 100);
      EXPECT_EQ(shown, sections[k][r]) << sheets[k] << " row " << r + 1;
    }
  }
  auto summary = book->read_sheet("概要 Summary");
  ASSERT_TRUE(summary);
  bool named = false;
  for (const auto& row : *summary) {
    if (std::get<std::string>(row.cells.at(0)) != "net revenue of ranked customers") continue;
    named = true;
    EXPECT_DOUBLE_EQ(std::get<double>(row.cells.at(1)), 40000.0);
  }
  EXPECT_TRUE(named) << "the summary names no share base";
}

// Money as fen, from the text `kam analyze` prints ("1,234.50") or a number LibreOffice wrote
// ("1234.5").
int64_t fen_of(std::string text) {
  std::erase(text, ',');
  return std::llround(std::stod(text) * 100);
}

// A share LibreOffice wrote as a percentage ("37.5%").
double share_of(std::string text) {
  EXPECT_TRUE(text.ends_with('%')) << text;
  if (text.ends_with('%')) text.pop_back();
  return std::stod(text) / 100;
}

// Every figure of the analysis workbook, as LibreOffice Calc reads it, is the one `kam analyze
// --format json` gives for the same database and period: the accounts and value of every
// pyramid level, ABC class and spend tier, every share (of the net revenue of the ranked
// accounts), the summary's counts and totals and the Pareto count.
TEST_F(KamCli, AnalysisWorkbookInLibreOfficeHasEveryFigureKamAnalyzeGives) {
  const std::string soffice = kam::testing::find_soffice();
  KAM_REQUIRE_INPUT(!soffice.empty(), "soffice (LibreOffice) is not on PATH on this machine");
  const std::string period = "2024-01-01..2024-12-31";
  const CommandRun json = kam("analyze --period " + period + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto analysis = boost::json::parse(json.out).as_object();

  const auto dir = kam::testing::soffice_directory();
  const auto book = dir / "analysis.xlsx";
  const CommandRun written =
      kam("export analysis --period " + period + " --output '" + book.string() + "'");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  ASSERT_TRUE(kam::testing::soffice_convert(soffice, dir, book, kam::testing::kEverySheetAsCsv))
      << "see " << (dir / "soffice.log");
  const auto sheet = [&](const std::string& name) {
    const auto path = dir / ("analysis-" + name + ".csv");
    EXPECT_TRUE(std::filesystem::exists(path)) << path << "; see " << (dir / "soffice.log");
    return kam::testing::csv_rows(kam::testing::read_file_bytes(path));
  };

  // The net revenue every share is of: the revenue of the pyramid's levels, which every
  // ranked account is in.
  int64_t net = 0;
  for (const auto& level : analysis.at("客户金字塔 Customer pyramid").as_array())
    net += fen_of(std::string(level.at("value").as_string()));
  ASSERT_GT(net, 0);

  const std::pair<const char*, const char*> classes[] = {
      {"金字塔 Pyramid", "客户金字塔 Customer pyramid"},
      {"ABC", "ABC 分类 ABC classes"},
      {"消费层级 Spend tiers", "消费分级 Spend tiers"}};
  size_t figures = 0;
  for (const auto& [sheet_name, section] : classes) {
    const auto rows = sheet(sheet_name);
    const auto& expected = analysis.at(section).as_array();
    ASSERT_EQ(rows.size(), expected.size() + 1) << sheet_name;
    EXPECT_EQ(rows[0], (std::vector<std::string>{"class", "名称", "accounts", "value",
                                                 "share of net revenue"}))
        << sheet_name;
    for (size_t r = 0; r < expected.size(); ++r) {
      const auto& row = rows[r + 1];
      const auto& want = expected[r].as_object();
      ASSERT_EQ(row.size(), 5u) << sheet_name << " row " << r + 1;
      // `kam analyze` names a class "名称 code" (ABC: the code alone).
      const std::string name(want.at("class").as_string());
      EXPECT_TRUE(name == row[0] || name == row[1] + " " + row[0])
          << sheet_name << " row " << r + 1 << ": " << name << " vs " << row[0];
      EXPECT_EQ(std::stoll(row[2]), want.at("accounts").as_int64()) << sheet_name << " " << name;
      const int64_t value = fen_of(std::string(want.at("value").as_string()));
      EXPECT_EQ(fen_of(row[3]), value) << sheet_name << " " << name;
      EXPECT_NEAR(share_of(row[4]), static_cast<double>(value) / static_cast<double>(net), 1e-12)
          << sheet_name << " " << name;
      figures += 3;
    }
  }
  EXPECT_GE(figures, 3u * (4 + 3 + 4));

  std::map<std::string, std::string> summary;
  for (const auto& row : sheet("概要 Summary"))
    if (row.size() == 2) summary[row[0]] = row[1];
  EXPECT_EQ(summary["period"], period);
  EXPECT_EQ(summary["from"], "2024-01-01");
  EXPECT_EQ(summary["to"], "2024-12-31");
  EXPECT_EQ(summary["rule version"], std::to_string(analysis.at("rules").at("version").as_int64()));
  EXPECT_EQ(summary["ranked by"], analysis.at("rules").at("rank_by").as_string());
  EXPECT_EQ(summary["ranked customers"], std::to_string(analysis.at("ranked_accounts").as_int64()));
  EXPECT_EQ(fen_of(summary["net revenue of ranked customers"]), net);
  const auto& pareto = analysis.at("pareto_revenue").as_object();
  EXPECT_EQ(summary["customers for 80% of net revenue"],
            std::to_string(pareto.at("customers_for_80_percent").as_int64()));
  EXPECT_NEAR(share_of(summary["share of customers for 80%"]),
              pareto.at("customer_share_for_80_percent").as_double(), 1e-12);

  // The curve: 100 steps whose shares add up to the running total, which ends at the whole
  // net revenue and first reaches 80% where the summary's count of customers says.
  const auto curve = sheet("帕累托 Pareto");
  ASSERT_EQ(curve.size(), 101u);
  double running = 0;
  for (size_t i = 1; i < curve.size(); ++i) {
    ASSERT_EQ(curve[i].size(), 3u) << "Pareto row " << i;
    EXPECT_EQ(curve[i][0], std::to_string(i) + "%");
    running += share_of(curve[i][1]);
    EXPECT_NEAR(share_of(curve[i][2]), running, 1e-9) << "Pareto row " << i;
  }
  EXPECT_NEAR(share_of(curve.back()[2]), 1.0, 1e-9);
  std::filesystem::remove_all(dir);
}

// A backup taken from the demo database and restored over a copy that changed since gives
// back every table as it was; the test database itself is left as the other tests expect.
TEST_F(KamCli, BackupAndRestoreGiveBackEveryTable) {
  const auto backup = (*dir_ / "backup.db").string();
  const CommandRun taken = kam("backup '" + backup + "'");
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_NE(taken.out.find("integrity check ok"), std::string::npos) << taken.out;
  EXPECT_EQ(kam("backup '" + backup + "'").exit_code, 4);  // never overwrites

  const CommandRun original = kam("checksums");
  ASSERT_EQ(original.exit_code, 0) << original.err;
  ASSERT_EQ(kam("restore --backup '" + backup + "'", "copy.db").exit_code, 0);
  ASSERT_EQ(kam("update account 7 --set city=变更后", "copy.db").exit_code, 0);
  const CommandRun changed = kam("checksums", "copy.db");
  EXPECT_NE(changed.out, original.out);
  EXPECT_NE(changed.out.find("accounts"), std::string::npos);

  const CommandRun restored = kam("restore --backup '" + backup + "'", "copy.db");
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(kam("checksums", "copy.db").out, original.out);

  const CommandRun not_a_database = kam("restore --backup /dev/null", "copy.db");
  EXPECT_NE(not_a_database.exit_code, 0);
  EXPECT_EQ(kam("checksums", "copy.db").out, original.out);   // left as it was
  EXPECT_NE(kam("restore account", "copy.db").exit_code, 0);  // ENTITY ID, or --backup
}
