// The rules of a write hold on every way in: the HTTP API, the `kam` command and the importer
// refuse the same invalid writes with the same field errors (src/app/record_writes.hpp), and
// none of them writes anything when they do.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/import_records.hpp"
#include "app/record_writes.hpp"
#include "io/table_source.hpp"
#include "server/api_routes.hpp"
#include "server/crypto.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam {
namespace {

namespace http = server::http;
using FieldErrors = std::map<std::string, std::string>;  // field → message

class SameRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::test_database(file_.location());
    auto pool = server::StorePool::open(location_, clock_, 2);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    ASSERT_TRUE(server::sodium_ready());
    auth_ = std::make_unique<server::Authenticator>(*pool_, clock_);
    ASSERT_TRUE(auth_->ensure_admin());
    api_ = std::make_unique<server::ApiServices>(
        server::ApiServices{*pool_, *auth_, policies_, clock_});
    server::add_api_routes(router_, *api_);
    auto store = pool_->acquire();
    auto admin =
        store::query_int(store->connection(), "SELECT id FROM users WHERE login = 'admin'");
    ASSERT_TRUE(admin);
    auto token = auth_->create_api_token(*admin, "same rules");
    ASSERT_TRUE(token) << token.error().describe();
    token_ = token->second;
    const store::Actor setup{"setup", std::nullopt};
    for (const char* name : {"甲公司", "乙公司"}) {
      Account a;
      a.name = name;
      auto id = store->repository<Account>().create(a, setup);
      ASSERT_TRUE(id) << id.error().describe();
      accounts_.push_back(*id);
      Opportunity o;
      o.account_id = *id;
      o.name = std::string(name) + "项目";
      o.amount = Money::yuan(1000);
      o.expected_close = Day::from_ymd(2024, 9, 30);
      opportunities_.push_back(*store->repository<Opportunity>().create(o, setup));
    }
    Contact c;
    c.account_id = accounts_[0];
    c.name = "张三";
    contact_ = *store->repository<Contact>().create(c, setup);
    VisitReport v;
    v.account_id = accounts_[0];
    v.opportunity_id = opportunities_[0];
    v.visit_date = Day::from_ymd(2024, 6, 1);
    v.goal = "确认需求";
    visit_ = *store->repository<VisitReport>().create(v, setup);
  }

  void TearDown() override {
    router_ = server::Router();
    api_.reset();
    auth_.reset();
    pool_.reset();
  }

  // The field errors of a refused API request; none if it was not refused with 400.
  FieldErrors api(http::verb method, const std::string& target, const std::string& body) {
    server::Request req{method, target, 11};
    req.set(http::field::host, "localhost");
    req.set(http::field::authorization, "Bearer " + token_);
    req.set(http::field::if_match, "\"1\"");
    req.body() = body;
    req.prepare_payload();
    const server::Response res = router_.dispatch(req);
    FieldErrors out;
    if (res.result() != http::status::bad_request) {
      ADD_FAILURE() << target << " answered " << res.result_int() << ": " << res.body();
      return out;
    }
    const auto problem = boost::json::parse(res.body());
    for (const auto& e : problem.at("errors").as_array())
      out[std::string(e.at("field").as_string())] = std::string(e.at("message").as_string());
    return out;
  }

  // The field errors `kam --db <the test's database> <args>` printed ("  field: message"
  // lines); it must have failed.
  FieldErrors cli(const std::string& args) {
    const auto err_path = std::filesystem::temp_directory_path() /
                          ("kam_same_rules_" + std::to_string(::getpid()) + ".txt");
    const std::string command = std::string(KAM_BINARY) + " --db '" + location_ + "' " + args +
                                " >/dev/null 2>'" + err_path.string() + "' </dev/null";
    const int status = std::system(command.c_str());
    EXPECT_NE(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0) << args << " succeeded";
    std::ifstream err(err_path);
    FieldErrors out;
    for (std::string line; std::getline(err, line);) {
      if (!line.starts_with("  ")) continue;
      const size_t colon = line.find(": ");
      if (colon != std::string::npos) out[line.substr(2, colon - 2)] = line.substr(colon + 2);
    }
    std::filesystem::remove(err_path);
    return out;
  }

  // The field errors the importer reported for a CSV of contacts, all-or-nothing.
  FieldErrors import_contacts(const std::string& csv) {
    auto store = pool_->acquire();
    auto table = io::open_table(csv, {});
    EXPECT_TRUE(table) << table.error().describe();
    app::ImportOptions options;
    options.mapping = app::guess_mapping(app::ImportEntity::kContacts, (*table)->headers());
    auto report = app::import_table(*store, **table, options);
    EXPECT_TRUE(report) << report.error().describe();
    FieldErrors out;
    for (const auto& p : report->problems)
      out[p.field] = p.reason;
    EXPECT_FALSE(report->written);
    return out;
  }

  int64_t count(const std::string& sql) {
    auto store = pool_->acquire();
    return *store::query_int(store->connection(), sql);
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  testing::TemporaryDatabaseFile file_{"kam_same_rules"};
  std::string location_;
  std::unique_ptr<server::StorePool> pool_;
  std::unique_ptr<server::Authenticator> auth_;
  server::PolicyCache policies_;
  std::unique_ptr<server::ApiServices> api_;
  server::Router router_;
  std::string token_;
  std::vector<int64_t> accounts_, opportunities_;
  int64_t contact_ = 0, visit_ = 0;
};

TEST_F(SameRulesTest, AControlCharacterInANameIsRefusedAlikeByTheApiTheCliAndTheImporter) {
  const std::string message = "contains the control character U+0007 at character 2";
  const FieldErrors expected{{"name", message}};
  EXPECT_EQ(api(http::verb::patch, "/api/contacts/" + std::to_string(contact_),
                R"({"name": "张\u0007三"})"),
            expected);
  EXPECT_EQ(
      cli("update contact " + std::to_string(contact_) + " --set \"name=$(printf '张\\a三')\""),
      expected);
  EXPECT_EQ(import_contacts("客户,姓名\n甲公司,张\a三\n"), expected);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts"), 1);
  EXPECT_EQ(count("SELECT version FROM contacts"), 1);
}

TEST_F(SameRulesTest, AFieldKamKeepsIsRefusedAlikeByTheApiAndTheCli) {
  const FieldErrors expected{{"search_key", std::string(app::kKeptFieldMessage)}};
  const std::string account = std::to_string(accounts_[0]);
  EXPECT_EQ(api(http::verb::patch, "/api/accounts/" + account, R"({"search_key": "x"})"), expected);
  EXPECT_EQ(cli("update account " + account + " --set search_key=x"), expected);
  const FieldErrors pooled{{"pooled_at", std::string(app::kKeptFieldMessage)}};
  EXPECT_EQ(api(http::verb::patch, "/api/accounts/" + account,
                R"({"pooled_at": "2024-01-01T00:00:00Z"})"),
            pooled);
  EXPECT_EQ(cli("update account " + account + " --set pooled_at=2024-01-01T00:00:00Z"), pooled);
  EXPECT_EQ(count("SELECT MAX(version) FROM accounts"), 1);
}

// `kam update` wrote a visit report's opportunity of another account: the rule lived in the
// HTTP route alone.
TEST_F(SameRulesTest, AVisitReportsOpportunityOfAnotherAccountIsRefusedAlikeByTheApiAndTheCli) {
  const FieldErrors expected{{"opportunity_id", "is an opportunity of another account"}};
  const std::string other = std::to_string(opportunities_[1]);
  EXPECT_EQ(api(http::verb::patch, "/api/visit_reports/" + std::to_string(visit_),
                R"({"opportunity_id": )" + other + "}"),
            expected);
  EXPECT_EQ(cli("update visit_report " + std::to_string(visit_) + " --set opportunity_id=" + other),
            expected);
  EXPECT_EQ(count("SELECT opportunity_id FROM visit_reports"), opportunities_[0]);
}

// A task is about its own account's contact and opportunity, and its done time is KAM's, on
// every way in (src/app/record_writes.hpp).
TEST_F(SameRulesTest,
       ATasksOpportunityOfAnotherAccountAndItsDoneTimeAreRefusedAlikeByTheApiAndTheCli) {
  auto store = pool_->acquire();
  Task task;
  task.account_id = accounts_[0];
  task.owner_id = count("SELECT id FROM users WHERE login = 'admin'");
  task.title = "回电确认报价";
  task.due_at = *parse_timestamp("2024-06-03T10:00:00Z");
  const std::string id =
      std::to_string(*store->repository<Task>().create(task, {"setup", std::nullopt}));
  const std::string other = std::to_string(opportunities_[1]);
  const FieldErrors expected{{"opportunity_id", "is an opportunity of another account"}};
  EXPECT_EQ(api(http::verb::patch, "/api/tasks/" + id, R"({"opportunity_id": )" + other + "}"),
            expected);
  EXPECT_EQ(cli("update task " + id + " --set opportunity_id=" + other), expected);
  const FieldErrors kept{{"done_at", std::string(app::kKeptFieldMessage)}};
  EXPECT_EQ(api(http::verb::patch, "/api/tasks/" + id, R"({"done_at": "2024-05-01T09:00:00Z"})"),
            kept);
  EXPECT_EQ(cli("update task " + id + " --set done_at=2024-05-01T09:00:00Z"), kept);
  EXPECT_EQ(count("SELECT version FROM tasks"), 1);
}

// A payment pays an invoice of the paying account, whoever records it: the resident analysis
// reads an account's money by its own rows.
TEST_F(SameRulesTest, APaymentOfAnotherAccountsInvoiceIsRefusedAlikeByTheApiAndTheCli) {
  auto store = pool_->acquire();
  Invoice invoice;
  invoice.account_id = accounts_[1];
  invoice.invoice_no = "FP-OTHER";
  invoice.invoice_date = Day::from_ymd(2024, 5, 1);
  invoice.due_date = Day::from_ymd(2024, 5, 31);
  invoice.amount = Money::yuan(500);
  const int64_t other = *store->repository<Invoice>().create(invoice, {"setup", std::nullopt});
  const FieldErrors expected{{"invoice_id", "is an invoice of another account"}};
  EXPECT_EQ(api(http::verb::post, "/api/payments",
                R"({"account_id": )" + std::to_string(accounts_[0]) + R"(, "invoice_id": )" +
                    std::to_string(other) + R"(, "paid_date": "2024-06-01", "amount": "500.00"})"),
            expected);
  Payment own;
  own.account_id = accounts_[1];
  own.invoice_id = other;
  own.paid_date = Day::from_ymd(2024, 6, 1);
  own.amount = Money::yuan(100);
  const int64_t paid = *store->repository<Payment>().create(own, {"setup", std::nullopt});
  EXPECT_EQ(cli("update payment " + std::to_string(paid) +
                " --set account_id=" + std::to_string(accounts_[0])),
            expected);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments"), 1);
}

// An instalment of the receivable plan is on its contract's account, and a payment settles an
// instalment of the paying account, on every way in (src/app/record_writes.hpp).
TEST_F(SameRulesTest,
       AnInstalmentOfAnotherAccountsContractAndItsPaymentAreRefusedAlikeByTheApiAndTheCli) {
  auto store = pool_->acquire();
  const store::Actor setup{"setup", std::nullopt};
  Contract contract;
  contract.account_id = accounts_[1];
  contract.contract_no = "HT-OTHER";
  contract.title = "年度供货";
  contract.start_date = Day::from_ymd(2024, 5, 1);
  contract.end_date = Day::from_ymd(2025, 4, 30);
  contract.value = Money::yuan(3000);
  const int64_t other_contract = *store->repository<Contract>().create(contract, setup);
  const FieldErrors foreign_contract{{"contract_id", "is a contract of another account"}};
  EXPECT_EQ(api(http::verb::post, "/api/receivable_instalments",
                R"({"account_id": )" + std::to_string(accounts_[0]) + R"(, "contract_id": )" +
                    std::to_string(other_contract) +
                    R"(, "due_date": "2024-07-01", "amount": "1000.00"})"),
            foreign_contract);
  ReceivableInstalment instalment;
  instalment.account_id = accounts_[1];
  instalment.contract_id = other_contract;
  instalment.due_date = Day::from_ymd(2024, 7, 1);
  instalment.amount = Money::yuan(1000);
  const int64_t other = *store->repository<ReceivableInstalment>().create(instalment, setup);
  EXPECT_EQ(cli("update receivable_instalment " + std::to_string(other) +
                " --set account_id=" + std::to_string(accounts_[0])),
            foreign_contract);

  const FieldErrors foreign_instalment{{"instalment_id", "is an instalment of another account"}};
  EXPECT_EQ(api(http::verb::post, "/api/payments",
                R"({"account_id": )" + std::to_string(accounts_[0]) + R"(, "instalment_id": )" +
                    std::to_string(other) + R"(, "paid_date": "2024-06-01", "amount": "500.00"})"),
            foreign_instalment);
  Payment own;
  own.account_id = accounts_[0];
  own.paid_date = Day::from_ymd(2024, 6, 1);
  own.amount = Money::yuan(100);
  const int64_t paid = *store->repository<Payment>().create(own, setup);
  EXPECT_EQ(cli("update payment " + std::to_string(paid) +
                " --set instalment_id=" + std::to_string(other)),
            foreign_instalment);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments WHERE instalment_id IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT account_id FROM receivable_instalments"), accounts_[1]);
}

// An invoice bills an order of the invoiced account, whoever records it: the rule held for
// payments and returns, while an invoice could name another account's order.
TEST_F(SameRulesTest, AnInvoiceOfAnotherAccountsOrderIsRefusedAlikeByTheApiAndTheCli) {
  auto store = pool_->acquire();
  const store::Actor setup{"setup", std::nullopt};
  Order order;
  order.account_id = accounts_[1];
  order.order_no = "DD-OTHER";
  order.order_date = Day::from_ymd(2024, 5, 1);
  order.amount = Money::yuan(500);
  const int64_t other = *store->repository<Order>().create(order, setup);
  const FieldErrors expected{{"order_id", "is an order of another account"}};
  EXPECT_EQ(api(http::verb::post, "/api/invoices",
                R"({"account_id": )" + std::to_string(accounts_[0]) + R"(, "order_id": )" +
                    std::to_string(other) +
                    R"(, "invoice_no": "FP-1", "invoice_date": "2024-05-02", )"
                    R"("due_date": "2024-06-01", "amount": "500.00"})"),
            expected);
  Invoice own;
  own.account_id = accounts_[1];
  own.order_id = other;
  own.invoice_no = "FP-OWN";
  own.invoice_date = Day::from_ymd(2024, 5, 2);
  own.due_date = Day::from_ymd(2024, 6, 1);
  own.amount = Money::yuan(500);
  const int64_t billed = *store->repository<Invoice>().create(own, setup);
  EXPECT_EQ(cli("update invoice " + std::to_string(billed) +
                " --set account_id=" + std::to_string(accounts_[0])),
            expected);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invoices"), 1);
  EXPECT_EQ(count("SELECT account_id FROM invoices"), accounts_[1]);
}

// An account imported without an owner is in the customer pool, as one created in the browser
// is: the pool's timestamp was set by the HTTP route alone.
TEST_F(SameRulesTest, AnAccountWithoutAnOwnerIsInThePoolHoweverItIsCreated) {
  auto store = pool_->acquire();
  auto table = io::open_table(std::string("客户名称,省份\n丙公司,浙江\n"), {});
  ASSERT_TRUE(table);
  app::ImportOptions options;
  options.mapping = app::guess_mapping(app::ImportEntity::kAccounts, (*table)->headers());
  auto report = app::import_table(*store, **table, options);
  ASSERT_TRUE(report && report->written) << (report ? "" : report.error().describe());
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE name = '丙公司' AND owner_id IS NULL AND "
                  "pooled_at = '2024-06-01T09:00:00Z' AND owned_since IS NULL"),
            1);
}

}  // namespace
}  // namespace kam
