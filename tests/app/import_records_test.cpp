// Importing tables into a store (app/import_records), from files as io reads them: problems
// named by line, column, value and reason; all or nothing, or the good rows only; references
// looked up as sheets write them; duplicates. And the Online Retail log (io/online_retail).

#include "app/import_records.hpp"

#include <gtest/gtest.h>

#include "io/online_retail.hpp"
#include "io/table_source.hpp"
#include "io/xlsx_writer.hpp"
#include "store/audit_log.hpp"
#include "support/test_database.hpp"

namespace kam::app {
namespace {

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(kam::testing::test_database(":memory:"), clock_);
    ASSERT_TRUE(opened) << opened.error().describe();
    store_ = std::move(*opened);
  }

  ImportReport run(ImportEntity entity, std::string text, bool dry_run = false,
                   ImportMode mode = ImportMode::kAllOrNothing,
                   DuplicatePolicy duplicates = DuplicatePolicy::kReject) {
    auto table = io::open_table(std::move(text), {});
    EXPECT_TRUE(table) << table.error().describe();
    ImportOptions options;
    options.mapping = guess_mapping(entity, (*table)->headers());
    options.dry_run = dry_run;
    options.mode = mode;
    options.duplicates = duplicates;
    options.batch_rows = 2;  // several batches even in small files
    auto report = import_table(*store_, **table, options);
    EXPECT_TRUE(report) << report.error().describe();
    return report ? *report : ImportReport{};
  }

  int64_t count(const std::string& table) {
    return store::query_int(store_->connection(),
                            "SELECT COUNT(*) FROM " + table + " WHERE deleted_at IS NULL")
        .value();
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  std::unique_ptr<store::Store> store_;
};

// Line 4 holds a quoted note across two lines, so the bad row after it is on line 6.
const char* kAccounts =
    "客户名称,统一社会信用代码,省份,员工人数,备注\n"
    "北京星河科技有限公司,91110000600037341L,北京,120,\n"
    "上海东方贸易有限公司,,上海,30,\n"
    "广州南方机械有限公司,,广东,300,\"两行\n备注\"\n"
    "深圳海信电子有限公司,,广东,很多,\n";

TEST_F(ImporterTest, AllOrNothingWritesNothingWhenARowIsBad) {
  const ImportReport report = run(ImportEntity::kAccounts, kAccounts);
  EXPECT_EQ(report.rows, 4u);
  EXPECT_EQ(report.rejected, 1u);
  EXPECT_FALSE(report.written);
  EXPECT_EQ(report.imported, 0u);
  ASSERT_EQ(report.problems.size(), 1u);
  const ImportProblem& p = report.problems[0];
  EXPECT_EQ(p.line, 6u);
  EXPECT_EQ(p.column, "员工人数");
  EXPECT_EQ(p.field, "employees");
  EXPECT_EQ(p.value, "很多");
  EXPECT_NE(p.reason.find("whole number"), std::string::npos) << p.reason;
  EXPECT_EQ(count("accounts"), 0) << "batches written before the bad row are rolled back";
}

// A NUL in a cell is a rejected row, reported by its line, never text in the database (a NUL
// in a name once damaged the search index); a malformed byte refuses the file, naming its line.
TEST_F(ImporterTest, NulInACellIsARejectedRowAndAMalformedByteRefusesTheFile) {
  const std::string header = "客户名称,省份\n";
  const std::string nul_row("上海东方\0贸易有限公司,上海\n", 39);
  const ImportReport report =
      run(ImportEntity::kAccounts,
          header + "北京星河科技有限公司,北京\n" + nul_row + "深圳海信电子有限公司,广东\n");
  EXPECT_EQ(report.rows, 3u);
  EXPECT_EQ(report.rejected, 1u);
  EXPECT_FALSE(report.written);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].line, 3u);
  EXPECT_EQ(report.problems[0].field, "name");
  EXPECT_NE(report.problems[0].reason.find("U+0000"), std::string::npos)
      << report.problems[0].reason;
  EXPECT_EQ(count("accounts"), 0);

  auto malformed =
      io::open_table(header + "北京星河科技有限公司,北京\n广州南方\xff机械有限公司,广东\n", {});
  ASSERT_FALSE(malformed);
  EXPECT_NE(malformed.error().describe().find("line 3"), std::string::npos)
      << malformed.error().describe();
}

TEST_F(ImporterTest, DryRunReportsAndSkipModeImportsTheGoodRows) {
  const ImportReport dry = run(ImportEntity::kAccounts, kAccounts, /*dry_run=*/true);
  EXPECT_EQ(dry.imported, 3u);
  EXPECT_EQ(dry.rejected, 1u);
  EXPECT_EQ(count("accounts"), 0);

  const ImportReport report =
      run(ImportEntity::kAccounts, kAccounts, false, ImportMode::kSkipBadRows);
  EXPECT_TRUE(report.written);
  EXPECT_EQ(report.imported, 3u);
  EXPECT_EQ(count("accounts"), 3);
  store::AuditQuery query;
  query.entity = "account";
  const auto audit = store::audit_search(store_->connection(), query);
  ASSERT_TRUE(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->front().action, "bulk_create");
  EXPECT_EQ(audit->front().actor, "import");
}

TEST_F(ImporterTest, DuplicatesByCreditCodeAndNormalisedNameAreRejectedSkippedOrMerged) {
  ASSERT_TRUE(run(ImportEntity::kAccounts, kAccounts, false, ImportMode::kSkipBadRows).written);
  // The same company again (full-width letters, a space), and the first one's credit code.
  const std::string again =
      "客户名称,统一社会信用代码,城市,员工人数\n"
      "上海东方贸易 有限公司,,浦东,31\n"
      "北京新名字有限公司,91110000600037341L,海淀,\n"
      "上海东方贸易有限公司,,,\n";
  const ImportReport rejected = run(ImportEntity::kAccounts, again, true);
  ASSERT_EQ(rejected.problems.size(), 3u);
  EXPECT_EQ(rejected.problems[0].field, "name");
  EXPECT_NE(rejected.problems[0].reason.find("duplicates account"), std::string::npos);
  EXPECT_EQ(rejected.problems[1].field, "credit_code");

  const ImportReport merged = run(ImportEntity::kAccounts, again, false, ImportMode::kAllOrNothing,
                                  DuplicatePolicy::kMerge);
  EXPECT_EQ(merged.merged, 3u);
  EXPECT_EQ(merged.imported, 0u);
  EXPECT_TRUE(merged.written);
  const auto shanghai = store_->repository<Account>().get(2);
  ASSERT_TRUE(shanghai);
  EXPECT_EQ(shanghai->city, "浦东") << "an empty field is filled";
  EXPECT_EQ(shanghai->employees, 30) << "what the account holds stays";
  auto trail = store::audit_history(store_->connection(), "account", 2);
  ASSERT_TRUE(trail);
  EXPECT_EQ(trail->back().field, "city");
  EXPECT_EQ(count("accounts"), 3);
}

TEST_F(ImporterTest, ReferencesAreFoundAsSheetsWriteThemAndDatesInTheirUsualForms) {
  ASSERT_TRUE(run(ImportEntity::kAccounts, kAccounts, false, ImportMode::kSkipBadRows).written);
  const std::string orders =
      "订单号,客户名称,下单日期,金额,毛利\n"
      "SO-1,北京星河科技有限公司,2024/1/5,\"1,234.50\",200\n"
      "SO-2,91110000600037341L,2024年2月29日,800,100\n"
      "SO-3,上海东方贸易有限公司,2024-03-01,500,50\n"
      "SO-4,无此客户,2024-03-02,500,50\n"
      "SO-1,上海东方贸易有限公司,2024-03-03,500,50\n"
      "SO-6,上海东方贸易有限公司,2024/2/30,500,50\n";
  const ImportReport report = run(ImportEntity::kOrders, orders, false, ImportMode::kSkipBadRows);
  EXPECT_EQ(report.imported, 3u);
  ASSERT_EQ(report.problems.size(), 3u);
  EXPECT_EQ(report.problems[0].line, 5u);
  EXPECT_EQ(report.problems[0].column, "客户名称");
  EXPECT_EQ(report.problems[0].value, "无此客户");
  EXPECT_EQ(report.problems[1].line, 6u);
  // Written with the first batch (two rows per batch here), so found in the database.
  EXPECT_EQ(report.problems[1].reason, "duplicates order 1");
  EXPECT_EQ(report.problems[2].field, "order_date");
  const auto first = store_->repository<Order>().get(1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->account_id, 1);
  EXPECT_EQ(first->order_date, *parse_date("2024-01-05"));
  EXPECT_EQ(first->amount, Money::yuan(1234) + Money{50});
  EXPECT_EQ(store_->repository<Order>().get(2)->account_id, 1) << "found by credit code";

  // A contact by the name of its account, in an XLSX sheet.
  io::XlsxSheet sheet{"联系人", {{"客户名称"}, {"姓名"}, {"手机"}, {"生日"}}, {}, {}, {}};
  sheet.rows.push_back({std::string("广州南方机械有限公司"), std::string("李明"),
                        std::string("13800138000"), *parse_date("1980-02-29")});
  auto bytes = io::write_xlsx_bytes({sheet});
  ASSERT_TRUE(bytes);
  const ImportReport contacts = run(ImportEntity::kContacts, *bytes);
  EXPECT_EQ(contacts.imported, 1u)
      << (contacts.problems.empty() ? "" : contacts.problems[0].reason);
  const auto li = store_->repository<Contact>().get(1);
  ASSERT_TRUE(li);
  EXPECT_EQ(li->account_id, 3);
  EXPECT_EQ(li->birthday, *parse_date("1980-02-29"));
}

TEST_F(ImporterTest, OnlineRetailLinesBecomeAccountsOrdersAndReturns) {
  const std::string log =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
      "536365,85123A,HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
      "536365,71053,LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"
      "536366,22633,\"HAND WARMER, UNION JACK\",6,2010-12-01 08:28:00,1.85,13047.0,France\n"
      "536367,22632,NO CUSTOMER,1,2010-12-01 08:30:00,9.99,,United Kingdom\n"
      "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,17850.0,United Kingdom\n";
  auto imported = io::import_online_retail(*store_, log, store::Actor{"import", std::nullopt});
  ASSERT_TRUE(imported) << imported.error().describe();
  EXPECT_EQ(imported->lines, 5u);
  EXPECT_EQ(imported->lines_without_customer, 1u);
  EXPECT_EQ(imported->accounts, 2u);
  EXPECT_EQ(imported->orders, 2u);
  EXPECT_EQ(imported->returns, 1u);
  EXPECT_EQ(imported->revenue, Money{3564 + 1110});  // 6 × (2.55 + 3.39), 6 × 1.85
  EXPECT_EQ(imported->returned, Money{2750});
  EXPECT_EQ(count("accounts"), 2);

  const std::string broken =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
      "536365,85123A,HOLDER,six,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n";
  auto refused = io::import_online_retail(*store_, broken, store::Actor{});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().describe().find("line 2"), std::string::npos)
      << refused.error().describe();
  EXPECT_EQ(count("orders"), 2) << "nothing of the broken file was written";
}

}  // namespace
}  // namespace kam::app
