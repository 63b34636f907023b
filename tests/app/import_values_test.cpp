// The values of imported rows (app/import_records): numbers and money as people type them in
// CSV and text cells, numbers and dates of XLSX cells as a spreadsheet stores them, KAM's own
// exports imported again, LibreOffice's workbooks, and every problem of a row reported at once.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

#include "app/import_records.hpp"
#include "io/record_export.hpp"
#include "io/table_source.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "support/libreoffice.hpp"
#include "support/test_database.hpp"

namespace kam::app {
namespace {

namespace fs = std::filesystem;

class ImportValuesTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = open_store(); }

  std::unique_ptr<store::Store> open_store() {
    auto opened = store::Store::open(kam::testing::test_database(":memory:"), clock_);
    EXPECT_TRUE(opened) << opened.error().describe();
    return opened ? std::move(*opened) : nullptr;
  }

  ImportReport run(ImportEntity entity, std::string bytes, store::Store* store = nullptr) {
    auto table = io::open_table(std::move(bytes), {});
    EXPECT_TRUE(table) << table.error().describe();
    if (!table) return {};
    ImportOptions options;
    options.mapping = guess_mapping(entity, (*table)->headers());
    options.mode = ImportMode::kSkipBadRows;
    auto report = import_table(store ? *store : *store_, **table, options);
    EXPECT_TRUE(report) << report.error().describe();
    return report ? *report : ImportReport{};
  }

  static std::string problems_of(const ImportReport& report) {
    std::string all;
    for (const auto& p : report.problems)
      all += "line " + std::to_string(p.line) + " " + p.field + " '" + p.value + "': " + p.reason +
             "\n";
    return all;
  }

  // Two accounts the orders below belong to.
  void add_accounts() {
    const ImportReport accounts = run(ImportEntity::kAccounts,
                                      "客户名称,统一社会信用代码\n"
                                      "北京星河科技有限公司,91110000600037341L\n"
                                      "Acme Trading Co,\n");
    ASSERT_EQ(accounts.imported, 2u) << problems_of(accounts);
  }

  Order order(int64_t id) {
    auto found = store_->repository<Order>().get(id);
    EXPECT_TRUE(found) << "order " << id;
    return found ? *found : Order{};
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  std::unique_ptr<store::Store> store_;
};

TEST_F(ImportValuesTest, MoneyAsPeopleTypeItInCsv) {
  add_accounts();
  // ￥1,234.50; (1,234.50) as accountants write a loss; full-width １２３４; 元; spaces; +.
  const ImportReport report = run(ImportEntity::kOrders,
                                  "订单号,客户名称,下单日期,金额,毛利\n"
                                  "SO-1,Acme Trading Co,2024-03-05,\"\xEF\xBF\xA5"
                                  "1,234.50\","
                                  "\"(1,234.50)\"\n"
                                  "SO-2,Acme Trading Co,2024-03-05,"
                                  "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94,"
                                  "\xEF\xBC\x95\xEF\xBC\x90\xEF\xBC\x8E\xEF\xBC\x95\n"
                                  "SO-3,Acme Trading Co,2024-03-05, 800\xE5\x85\x83 ,+20\n"
                                  "SO-4,Acme Trading Co,2024-03-05 14:30:00,\"1,000,000\",0\n");
  ASSERT_EQ(report.imported, 4u) << problems_of(report);
  EXPECT_EQ(order(1).amount, Money{123450});
  EXPECT_EQ(order(1).gross_margin, Money{-123450});
  EXPECT_EQ(order(2).amount, Money{123400});
  EXPECT_EQ(order(2).gross_margin, Money{5050});
  EXPECT_EQ(order(3).amount, Money{80000});
  EXPECT_EQ(order(3).gross_margin, Money{2000});
  EXPECT_EQ(order(4).amount, Money::yuan(1'000'000));
  EXPECT_EQ(order(4).order_date, Day::from_ymd(2024, 3, 5))
      << "a date and time in a column of dates is its day";
}

// Chinese Excel saves "CSV" in GBK, where ￥ is A3 A4 and the full-width digits A3 B0..B9.
TEST_F(ImportValuesTest, MoneyInAGbkCsvWithTheFullWidthYuanSign) {
  add_accounts();
  const ImportReport report = run(ImportEntity::kOrders,
                                  "order_no,Customer,order_date,amount,gross_margin\n"
                                  "SO-1,Acme Trading Co,2024-03-05,\"\xA3\xA4"
                                  "1,234.50\","
                                  "\xA3\xB1\xA3\xB2\xA3\xB3\xA3\xB4\n");
  ASSERT_EQ(report.imported, 1u) << problems_of(report);
  EXPECT_EQ(order(1).amount, Money{123450});
  EXPECT_EQ(order(1).gross_margin, Money{123400});
}

TEST_F(ImportValuesTest, WhatIsNoNumberIsRefusedNamingTheField) {
  add_accounts();
  const ImportReport report = run(ImportEntity::kAccounts,
                                  "客户名称,员工人数,注册资本\n"
                                  "甲公司,\"1,200\",100000\n"
                                  "乙公司,12abc,1\n"
                                  "丙公司,12,\"1,23,4\"\n"
                                  "丁公司,12,1.2.3\n"
                                  "戊公司,12,1E+05\n");
  EXPECT_EQ(report.imported, 1u) << problems_of(report);
  ASSERT_EQ(report.problems.size(), 4u) << problems_of(report);
  EXPECT_EQ(report.problems[0].line, 3u);
  EXPECT_EQ(report.problems[0].column, "员工人数");
  EXPECT_EQ(report.problems[0].field, "employees");
  EXPECT_EQ(report.problems[0].value, "12abc");
  EXPECT_NE(report.problems[0].reason.find("'12abc' is not a number"), std::string::npos)
      << report.problems[0].reason;
  EXPECT_EQ(report.problems[1].field, "registered_capital");
  EXPECT_NE(report.problems[1].reason.find("thousands separators"), std::string::npos);
  EXPECT_NE(report.problems[2].reason.find("two decimal points"), std::string::npos);
  EXPECT_NE(report.problems[3].reason.find("scientific notation"), std::string::npos);
  auto first = store_->repository<Account>().get(3);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->employees, 1200);
  EXPECT_EQ(first->registered_capital, Money::yuan(100000));
}

TEST_F(ImportValuesTest, ARowReportsEveryProblemAtOnce) {
  add_accounts();
  // Line 2: no order number (required) and an amount that is no number. Line 3: a customer
  // no one knows, a date that is no date, and a margin that is no number.
  const ImportReport orders = run(ImportEntity::kOrders,
                                  "订单号,客户名称,下单日期,金额,毛利\n"
                                  ",Acme Trading Co,2024-03-05,12abc,50\n"
                                  "SO-2,无此客户,2024-02-30,100,x\n");
  EXPECT_EQ(orders.rejected, 2u);
  ASSERT_EQ(orders.problems.size(), 5u) << problems_of(orders);
  EXPECT_EQ(orders.problems[0].line, 2u);
  EXPECT_EQ(orders.problems[0].field, "amount");
  EXPECT_EQ(orders.problems[1].line, 2u);
  EXPECT_EQ(orders.problems[1].field, "order_no");
  EXPECT_EQ(orders.problems[1].column, "订单号");
  EXPECT_EQ(orders.problems[1].reason, "is required");
  // The margin of line 2 is not compared with an amount that did not parse.
  for (size_t i = 2; i < 5; ++i)
    EXPECT_EQ(orders.problems[i].line, 3u);
  EXPECT_EQ(orders.problems[2].field, "account_id");
  EXPECT_EQ(orders.problems[3].field, "order_date");
  EXPECT_EQ(orders.problems[4].field, "gross_margin");

  // A date that did not parse and an amount that breaks a rule: both.
  const ImportReport invoices = run(ImportEntity::kInvoices,
                                    "发票号,客户名称,开票日期,到期日,金额\n"
                                    "INV-1,Acme Trading Co,someday,2024-01-01,-5\n");
  ASSERT_EQ(invoices.problems.size(), 2u) << problems_of(invoices);
  EXPECT_EQ(invoices.problems[0].field, "invoice_date");
  EXPECT_EQ(invoices.problems[1].field, "amount");
  EXPECT_EQ(invoices.problems[1].value, "-5");
  EXPECT_NE(invoices.problems[1].reason.find("must not be negative"), std::string::npos);

  // A status that is no status says nothing of whether a churn reason may be given; the
  // employees that are no number are reported with it.
  const ImportReport accounts = run(ImportEntity::kAccounts,
                                    "客户名称,客户状态,流失原因,员工人数\n"
                                    "丙公司,gone,cheaper_elsewhere,many\n"
                                    "丁公司,active,cheaper_elsewhere,10\n");
  ASSERT_EQ(accounts.problems.size(), 3u) << problems_of(accounts);
  EXPECT_EQ(accounts.problems[0].field, "status");
  EXPECT_EQ(accounts.problems[1].field, "employees");
  EXPECT_EQ(accounts.problems[2].line, 3u);
  EXPECT_EQ(accounts.problems[2].field, "churn_reason");
  EXPECT_EQ(accounts.problems[2].value, "cheaper_elsewhere");
}

// `kam export accounts --output x.xlsx` writes money as numbers; a registered capital of
// 1,000,000.00 is the double 1e6, which the importer once read as "1e+06" and refused.
TEST_F(ImportValuesTest, ExportedAccountsImportAgainEveryRow) {
  const std::vector<std::pair<std::string, int64_t>> accounts = {
      {"北京星河科技有限公司", 100'000'000},    // 1,000,000.00
      {"上海东方贸易有限公司", 30'000'000},     // 300,000.00
      {"广州南方机械有限公司", 5'000'000'000},  // 50,000,000.00
      {"深圳海信电子有限公司", 123'456'789},    // 1,234,567.89
      {"杭州西湖茶业有限公司", 30},             // 0.30
  };
  for (const auto& [name, capital] : accounts) {
    Account account;
    account.name = name;
    account.registered_capital = Money{capital};
    account.annual_revenue = Money{capital * 3};
    account.employees = 100000;
    account.lost_on = Day::from_ymd(2024, 3, 5);
    account.status = AccountStatus::kLost;
    account.churn_reason = ChurnReason::kCheaperElsewhere;
    ASSERT_TRUE(store_->repository<Account>().create(account, store::Actor{"test", std::nullopt}));
  }
  io::ExportRequest request;
  request.entity = "accounts";
  request.format = io::ExportFormat::kXlsx;
  request.today = Day::from_ymd(2024, 6, 1);
  auto exported = io::export_records(*store_, request);
  ASSERT_TRUE(exported) << exported.error().describe();
  ASSERT_EQ(exported->records, accounts.size());

  auto fresh = open_store();
  ASSERT_NE(fresh, nullptr);
  const ImportReport report = run(ImportEntity::kAccounts, exported->bytes, fresh.get());
  EXPECT_EQ(report.rows, accounts.size());
  EXPECT_EQ(report.rejected, 0u) << problems_of(report);
  ASSERT_EQ(report.imported, accounts.size()) << problems_of(report);
  for (int64_t id = 1; id <= static_cast<int64_t>(accounts.size()); ++id) {
    auto account = fresh->repository<Account>().get(id);
    ASSERT_TRUE(account) << id;
    const auto& [name, capital] = accounts[static_cast<size_t>(id - 1)];
    EXPECT_EQ(account->name, name);
    EXPECT_EQ(account->registered_capital, Money{capital}) << name;
    EXPECT_EQ(account->annual_revenue, Money{capital * 3}) << name;
    EXPECT_EQ(account->employees, 100000);
    EXPECT_EQ(account->lost_on, Day::from_ymd(2024, 3, 5));
    EXPECT_EQ(account->churn_reason, ChurnReason::kCheaperElsewhere);
  }
}

// Exported contacts and orders import again into a fresh database, after the accounts (and
// product lines) they refer to, as the same records field by field: contacts found by
// account and name, orders by number. The exports refer to accounts, product lines and
// managers by their natural keys, so the org chart (reports_to_id, a contact of the same
// file) comes back too.
TEST_F(ImportValuesTest, ExportedContactsAndOrdersImportAgainAsTheSameRecords) {
  const store::Actor actor{"test", std::nullopt};
  const auto add_line = [&](store::Store& store) {
    ProductLine line;
    line.code = "PUMP";
    line.name = "水泵";
    auto id = store.repository<ProductLine>().create(line, actor);
    EXPECT_TRUE(id) << id.error().describe();
  };
  add_line(*store_);
  for (const char* name : {"北京星河科技有限公司", "Acme Trading Co"}) {
    Account account;
    account.name = name;
    ASSERT_TRUE(store_->repository<Account>().create(account, actor));
  }
  Contact boss;
  boss.account_id = 1;
  boss.name = "王建国";
  boss.title = "总经理";
  boss.department = "总经办";
  boss.mobile = "13800138000";
  boss.phone = "010-62345678";
  boss.email = "wang@xinghe.example.cn";
  boss.wechat = "wjg_1970";
  boss.birthday = Day::from_ymd(1970, 2, 28);
  boss.hometown = "山东济南";
  boss.preferences = "喝茶, \"龙井\"; 不喝酒";
  boss.form_family = "已婚，一子";
  boss.form_occupation = "20 年机械行业";
  boss.form_recreation = "钓鱼";
  boss.form_message = "=1+1 is not a formula";
  auto boss_id = store_->repository<Contact>().create(boss, actor);
  ASSERT_TRUE(boss_id) << boss_id.error().describe();
  Contact buyer;
  buyer.account_id = 1;
  buyer.name = "李娜";
  buyer.title = "采购经理";
  buyer.mobile = "+86 139 0000 0000";
  buyer.birthday = Day::from_ymd(1988, 12, 31);
  buyer.reports_to_id = *boss_id;
  ASSERT_TRUE(store_->repository<Contact>().create(buyer, actor));
  Contact other;
  other.account_id = 2;
  other.name = "John Smith";
  other.email = "john@acme.example.com";
  ASSERT_TRUE(store_->repository<Contact>().create(other, actor));

  const std::vector<std::tuple<const char*, int64_t, Day, int64_t, int64_t, Channel, bool>> orders =
      {
          {"SO-2024-0001", 1, Day::from_ymd(2024, 1, 2), 123'456'789, 23'456'789, Channel::kField,
           true},
          {"SO-2024-0002", 1, Day::from_ymd(2024, 12, 31), 30, -10, Channel::kOnline, false},
          {"0003", 2, Day::from_ymd(2023, 2, 28), 100'000'000, 0, Channel::kStore, true},
      };
  for (const auto& [no, account, day, amount, margin, channel, with_line] : orders) {
    Order order;
    order.order_no = no;
    order.account_id = account;
    order.order_date = day;
    order.amount = Money{amount};
    order.gross_margin = Money{margin};
    order.channel = channel;
    if (with_line) order.product_line_id = 1;
    auto id = store_->repository<Order>().create(order, actor);
    ASSERT_TRUE(id) << id.error().describe();
  }

  const auto exported = [&](const char* entity) {
    io::ExportRequest request;
    request.entity = entity;
    request.format = io::ExportFormat::kXlsx;
    request.today = Day::from_ymd(2024, 6, 1);
    auto file = io::export_records(*store_, request);
    EXPECT_TRUE(file) << entity << ": " << file.error().describe();
    return file ? file->bytes : std::string();
  };
  auto fresh = open_store();
  ASSERT_NE(fresh, nullptr);
  add_line(*fresh);
  const ImportReport accounts = run(ImportEntity::kAccounts, exported("accounts"), fresh.get());
  ASSERT_EQ(accounts.imported, 2u) << problems_of(accounts);
  const ImportReport contacts = run(ImportEntity::kContacts, exported("contacts"), fresh.get());
  EXPECT_EQ(contacts.rejected, 0u) << problems_of(contacts);
  ASSERT_EQ(contacts.imported, 3u) << problems_of(contacts);
  const ImportReport imported_orders = run(ImportEntity::kOrders, exported("orders"), fresh.get());
  EXPECT_EQ(imported_orders.rejected, 0u) << problems_of(imported_orders);
  ASSERT_EQ(imported_orders.imported, orders.size()) << problems_of(imported_orders);

  // Natural keys: an account by name, a contact by its account's name and its name, an
  // order by number.
  const auto account_names = [](store::Store& store) {
    std::map<int64_t, std::string> names;
    EXPECT_TRUE(store.repository<Account>().for_each({}, [&](const Account& a) -> Status {
      names[a.meta.id] = a.name;
      return Status::success();
    }));
    return names;
  };
  const auto contacts_of = [&](store::Store& store) {
    const auto names = account_names(store);
    std::map<std::pair<std::string, std::string>, Contact> out;
    EXPECT_TRUE(store.repository<Contact>().for_each({}, [&](const Contact& c) -> Status {
      out[{names.at(c.account_id), c.name}] = c;
      return Status::success();
    }));
    return out;
  };
  const auto before = contacts_of(*store_);
  const auto after = contacts_of(*fresh);
  ASSERT_EQ(after.size(), before.size());
  const auto names_before = account_names(*store_);
  const auto names_after = account_names(*fresh);
  for (const auto& [key, was] : before) {
    ASSERT_TRUE(after.contains(key)) << key.first << " / " << key.second;
    const Contact& is = after.at(key);
    const std::string who = key.first + " / " + key.second;
    EXPECT_EQ(is.title, was.title) << who;
    EXPECT_EQ(is.department, was.department) << who;
    EXPECT_EQ(is.mobile, was.mobile) << who;
    EXPECT_EQ(is.phone, was.phone) << who;
    EXPECT_EQ(is.email, was.email) << who;
    EXPECT_EQ(is.wechat, was.wechat) << who;
    EXPECT_EQ(is.birthday, was.birthday) << who;
    EXPECT_EQ(is.hometown, was.hometown) << who;
    EXPECT_EQ(is.preferences, was.preferences) << who;
    EXPECT_EQ(is.form_family, was.form_family) << who;
    EXPECT_EQ(is.form_occupation, was.form_occupation) << who;
    EXPECT_EQ(is.form_recreation, was.form_recreation) << who;
    EXPECT_EQ(is.form_message, was.form_message) << who;
    EXPECT_EQ(is.search_key, was.search_key) << who;
    EXPECT_EQ(is.reports_to_id, was.reports_to_id) << who;
  }

  std::map<std::string, Order> orders_after;
  ASSERT_TRUE(fresh->repository<Order>().for_each({}, [&](const Order& o) -> Status {
    orders_after[o.order_no] = o;
    return Status::success();
  }));
  ASSERT_EQ(orders_after.size(), orders.size());
  ASSERT_TRUE(store_->repository<Order>().for_each({}, [&](const Order& was) -> Status {
    const auto found = orders_after.find(was.order_no);
    EXPECT_NE(found, orders_after.end()) << was.order_no;
    if (found == orders_after.end()) return Status::success();
    const Order& is = found->second;
    EXPECT_EQ(names_after.at(is.account_id), names_before.at(was.account_id)) << was.order_no;
    EXPECT_EQ(is.order_date, was.order_date) << was.order_no;
    EXPECT_EQ(is.amount, was.amount) << was.order_no;
    EXPECT_EQ(is.gross_margin, was.gross_margin) << was.order_no;
    EXPECT_EQ(is.product_line_id, was.product_line_id) << was.order_no;
    EXPECT_EQ(is.channel, was.channel) << was.order_no;
    EXPECT_EQ(is.owner_id, was.owner_id) << was.order_no;
    return Status::success();
  }));
}

// A file exported from one database links the same records when imported into another whose
// ids differ: there the accounts were made in another order after one more, and the product
// lines likewise, so every id of the first database names another record (or none) in the
// second. Contacts, orders and invoices land on the account with the same credit code or
// name, the product line with the same name, the order with the same number and the manager
// with the same name, never on what has the first database's id.
TEST_F(ImportValuesTest, ExportsImportIntoAnotherDatabaseLinkingTheSameRecords) {
  const store::Actor actor{"test", std::nullopt};
  const auto add = [&](store::Store& store, const char* name, const char* credit_code) {
    Account account;
    account.name = name;
    if (credit_code) account.credit_code = credit_code;
    auto id = store.repository<Account>().create(account, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  };
  const auto add_line = [&](store::Store& store, const char* code, const char* name) {
    ProductLine line;
    line.code = code;
    line.name = name;
    auto id = store.repository<ProductLine>().create(line, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  };
  // The first database: 星河 (with a credit code) is account 1, Acme 2, 东方 3.
  const int64_t xinghe = add(*store_, "北京星河科技有限公司", "91110000600037341L");
  const int64_t acme = add(*store_, "Acme Trading Co", nullptr);
  const int64_t dongfang = add(*store_, "上海东方贸易有限公司", nullptr);
  const int64_t pump = add_line(*store_, "PUMP", "水泵");
  const auto add_contact = [&](int64_t account, const char* name, std::optional<int64_t> manager) {
    Contact contact;
    contact.account_id = account;
    contact.name = name;
    contact.reports_to_id = manager;
    auto id = store_->repository<Contact>().create(contact, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  };
  const int64_t wang = add_contact(xinghe, "王建国", std::nullopt);
  add_contact(xinghe, "李娜", wang);
  add_contact(acme, "John Smith", std::nullopt);
  add_contact(dongfang, "陈静", std::nullopt);
  const auto add_order = [&](int64_t account, const char* no, std::optional<int64_t> line) {
    Order order;
    order.account_id = account;
    order.order_no = no;
    order.order_date = Day::from_ymd(2024, 3, 1);
    order.amount = Money{100'000};
    order.product_line_id = line;
    auto id = store_->repository<Order>().create(order, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  };
  const int64_t first_order = add_order(xinghe, "SO-1", pump);
  add_order(acme, "SO-2", std::nullopt);
  add_order(dongfang, "SO-3", pump);
  Invoice invoice;
  invoice.account_id = xinghe;
  invoice.order_id = first_order;
  invoice.invoice_no = "INV-1";
  invoice.invoice_date = Day::from_ymd(2024, 3, 2);
  invoice.due_date = Day::from_ymd(2024, 4, 1);
  invoice.amount = Money{100'000};
  ASSERT_TRUE(store_->repository<Invoice>().create(invoice, actor));

  const auto exported = [&](const char* entity, io::ExportFormat format) {
    io::ExportRequest request;
    request.entity = entity;
    request.format = format;
    request.today = Day::from_ymd(2024, 6, 1);
    auto file = io::export_records(*store_, request);
    EXPECT_TRUE(file) << entity << ": " << file.error().describe();
    return file ? file->bytes : std::string();
  };
  // The reference columns hold the natural keys, not ids.
  const std::string orders_csv = exported("orders", io::ExportFormat::kCsv);
  EXPECT_NE(orders_csv.find(",91110000600037341L,SO-1,"), std::string::npos) << orders_csv;
  EXPECT_NE(orders_csv.find(",Acme Trading Co,SO-2,"), std::string::npos) << orders_csv;
  EXPECT_NE(orders_csv.find(",水泵,"), std::string::npos) << orders_csv;

  // The second database: one more account first, then the three in another order; one more
  // product line first.
  auto other = open_store();
  ASSERT_NE(other, nullptr);
  add(*other, "杭州西湖茶业有限公司", nullptr);
  add(*other, "上海东方贸易有限公司", nullptr);
  add(*other, "Acme Trading Co", nullptr);
  add(*other, "北京星河科技有限公司", "91110000600037341L");
  add_line(*other, "VALVE", "阀门");
  add_line(*other, "PUMP", "水泵");

  const ImportReport contacts =
      run(ImportEntity::kContacts, exported("contacts", io::ExportFormat::kXlsx), other.get());
  EXPECT_EQ(contacts.rejected, 0u) << problems_of(contacts);
  EXPECT_EQ(contacts.imported, 4u) << problems_of(contacts);
  const ImportReport orders =
      run(ImportEntity::kOrders, exported("orders", io::ExportFormat::kXlsx), other.get());
  EXPECT_EQ(orders.rejected, 0u) << problems_of(orders);
  EXPECT_EQ(orders.imported, 3u) << problems_of(orders);
  const ImportReport invoices =
      run(ImportEntity::kInvoices, exported("invoices", io::ExportFormat::kCsv), other.get());
  EXPECT_EQ(invoices.rejected, 0u) << problems_of(invoices);
  EXPECT_EQ(invoices.imported, 1u) << problems_of(invoices);

  const auto names_of = [](store::Store& store) {
    std::map<int64_t, std::string> names;
    EXPECT_TRUE(store.repository<Account>().for_each({}, [&](const Account& a) -> Status {
      names[a.meta.id] = a.name;
      return Status::success();
    }));
    return names;
  };
  const auto names_before = names_of(*store_);
  const auto names_after = names_of(*other);
  // Contacts: (account name, contact name) → the manager's name.
  const auto org_chart = [](store::Store& store, const std::map<int64_t, std::string>& accounts) {
    std::map<int64_t, std::string> contact_names;
    std::vector<Contact> all;
    EXPECT_TRUE(store.repository<Contact>().for_each({}, [&](const Contact& c) -> Status {
      contact_names[c.meta.id] = c.name;
      all.push_back(c);
      return Status::success();
    }));
    std::map<std::pair<std::string, std::string>, std::string> chart;
    for (const Contact& c : all)
      chart[{accounts.at(c.account_id), c.name}] =
          c.reports_to_id ? contact_names.at(*c.reports_to_id) : "-";
    return chart;
  };
  const auto chart_before = org_chart(*store_, names_before);
  EXPECT_EQ(chart_before.at({"北京星河科技有限公司", "李娜"}), "王建国");
  EXPECT_EQ(org_chart(*other, names_after), chart_before);

  std::map<std::string, Order> orders_after;
  ASSERT_TRUE(other->repository<Order>().for_each({}, [&](const Order& o) -> Status {
    orders_after[o.order_no] = o;
    return Status::success();
  }));
  ASSERT_EQ(orders_after.size(), 3u);
  ASSERT_TRUE(store_->repository<Order>().for_each({}, [&](const Order& was) -> Status {
    const Order& is = orders_after.at(was.order_no);
    EXPECT_EQ(names_after.at(is.account_id), names_before.at(was.account_id)) << was.order_no;
    EXPECT_NE(is.account_id, was.account_id) << was.order_no << ": the ids differ by design";
    EXPECT_EQ(is.product_line_id.has_value(), was.product_line_id.has_value()) << was.order_no;
    if (is.product_line_id) {
      auto line = other->repository<ProductLine>().get(*is.product_line_id);
      EXPECT_TRUE(line) << was.order_no;
      if (line) {
        EXPECT_EQ(line->name, "水泵") << was.order_no;
      }
    }
    return Status::success();
  }));
  std::vector<Invoice> invoices_after;
  ASSERT_TRUE(other->repository<Invoice>().for_each({}, [&](const Invoice& i) -> Status {
    invoices_after.push_back(i);
    return Status::success();
  }));
  ASSERT_EQ(invoices_after.size(), 1u);
  EXPECT_EQ(names_after.at(invoices_after[0].account_id), "北京星河科技有限公司");
  ASSERT_TRUE(invoices_after[0].order_id);
  EXPECT_EQ(*invoices_after[0].order_id, orders_after.at("SO-1").meta.id);
}

// A reference of digits that is the id of one record and the natural key of another (an
// account named "1" while account 1 is another; an order numbered "1" while order 1 is
// another) names neither: the row is refused by line, naming the field and both records.
// Digits that name one record either way, or only one, are taken.
TEST_F(ImportValuesTest, DigitsThatAreOneRecordsIdAndAnothersKeyAreRefused) {
  const store::Actor actor{"test", std::nullopt};
  for (const char* name : {"Acme Trading Co", "1", "7"}) {  // ids 1, 2, 3
    Account account;
    account.name = name;
    ASSERT_TRUE(store_->repository<Account>().create(account, actor));
  }
  const ImportReport contacts = run(ImportEntity::kContacts,
                                    "客户名称,姓名\n"
                                    "1,张三\n"  // id 1 is Acme, the account named 1 is 2
                                    "2,李四\n"  // id 2 only: the account named 1
                                    "7,王五\n"  // the account named 7 only (no id 7)
                                    "Acme Trading Co,赵六\n");
  EXPECT_EQ(contacts.imported, 3u) << problems_of(contacts);
  ASSERT_EQ(contacts.rejected, 1u) << problems_of(contacts);
  ASSERT_EQ(contacts.problems.size(), 1u);
  const ImportProblem& p = contacts.problems[0];
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.field, "account_id");
  EXPECT_EQ(p.column, "客户名称");
  EXPECT_EQ(p.value, "1");
  EXPECT_EQ(p.reason,
            "names account id 1 and the account named 1 (id 2), not the same record; write the "
            "credit code or the name of the one meant");
  std::map<std::string, int64_t> account_of;
  ASSERT_TRUE(store_->repository<Contact>().for_each({}, [&](const Contact& c) -> Status {
    account_of[c.name] = c.account_id;
    return Status::success();
  }));
  EXPECT_FALSE(account_of.contains("张三"));
  EXPECT_EQ(account_of.at("李四"), 2);
  EXPECT_EQ(account_of.at("王五"), 3);
  EXPECT_EQ(account_of.at("赵六"), 1);

  // Orders 1 and 2; order 2 is numbered "1".
  for (const char* no : {"SO-1", "1"}) {
    Order order;
    order.account_id = 1;
    order.order_no = no;
    order.order_date = Day::from_ymd(2024, 3, 1);
    order.amount = Money{100'000};
    ASSERT_TRUE(store_->repository<Order>().create(order, actor));
  }
  const ImportReport invoices = run(ImportEntity::kInvoices,
                                    "客户名称,订单号,发票号,开票日期,到期日,金额\n"
                                    "Acme Trading Co,1,INV-1,2024-03-02,2024-04-01,1000\n"
                                    "Acme Trading Co,SO-1,INV-2,2024-03-02,2024-04-01,1000\n");
  EXPECT_EQ(invoices.imported, 1u) << problems_of(invoices);
  ASSERT_EQ(invoices.problems.size(), 1u) << problems_of(invoices);
  EXPECT_EQ(invoices.problems[0].line, 2u);
  EXPECT_EQ(invoices.problems[0].field, "order_id");
  EXPECT_EQ(invoices.problems[0].reason,
            "names order id 1 and the order numbered 1 (id 2), not the same record; write the "
            "number of the one meant");
}

// A contact whose manager is another row of the same file, before or after it, or a chain of
// them, is imported with that manager, in the same transaction; a manager no row and no
// record is stays a problem of its line. A dry run says the same without writing.
TEST_F(ImportValuesTest, ManagersInTheSameFileAreFound) {
  add_accounts();
  const std::string file =
      "客户名称,姓名,职务,上级\n"
      "Acme Trading Co,李四,经理,王五\n"  // the manager comes later
      "Acme Trading Co,王五,总经理,\n"
      "Acme Trading Co,赵六,专员,李四\n"        // a chain: 赵六 → 李四 → 王五
      "北京星河科技有限公司,孙七,专员,王五\n";  // 王五 is of another account
  const auto import = [&](bool dry_run) {
    auto table = io::open_table(file, {});
    EXPECT_TRUE(table) << table.error().describe();
    ImportOptions options;
    options.mapping = guess_mapping(ImportEntity::kContacts, (*table)->headers());
    options.dry_run = dry_run;
    auto report = import_table(*store_, **table, options);
    EXPECT_TRUE(report) << report.error().describe();
    return report ? *report : ImportReport{};
  };
  const ImportReport dry = import(true);
  EXPECT_EQ(dry.imported, 3u) << problems_of(dry);
  ASSERT_EQ(dry.problems.size(), 1u) << problems_of(dry);
  EXPECT_EQ(dry.problems[0].line, 5u);
  EXPECT_EQ(dry.problems[0].field, "reports_to_id");
  EXPECT_EQ(dry.problems[0].reason, "no contacts record is '王五'");

  // All or nothing: the refused row keeps the others out.
  const ImportReport refused = import(false);
  EXPECT_FALSE(refused.written);
  EXPECT_EQ(problems_of(refused), problems_of(dry));
  const auto none = store_->repository<Contact>().count({});
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);

  const ImportReport skipping = run(ImportEntity::kContacts, file);
  EXPECT_EQ(skipping.imported, 3u) << problems_of(skipping);
  EXPECT_EQ(problems_of(skipping), problems_of(dry));
  std::map<std::string, Contact> by_name;
  ASSERT_TRUE(store_->repository<Contact>().for_each({}, [&](const Contact& c) -> Status {
    by_name[c.name] = c;
    return Status::success();
  }));
  ASSERT_EQ(by_name.size(), 3u);
  EXPECT_FALSE(by_name.at("王五").reports_to_id);
  EXPECT_EQ(by_name.at("李四").reports_to_id, by_name.at("王五").meta.id);
  EXPECT_EQ(by_name.at("赵六").reports_to_id, by_name.at("李四").meta.id);
}

// `kam export accounts --output x.xlsx` (and the HTTP export) writes dates as dates and
// instants (created_at, pooled_at, ...) as dates with a time of day in China Standard Time:
// numbers a spreadsheet shows, sorts and computes with, which the importer, taking a time
// without a zone as China Standard Time, reads back as the same instants. So does a copy
// LibreOffice Calc saved again.
TEST_F(ImportValuesTest, ExportedDatesAndInstantsAreSpreadsheetDatesThatImportAsTheSame) {
  // 01:30 China Standard Time on the next day, and the first hours of a new year there.
  const Timestamp first = *parse_timestamp("2024-05-31T17:30:00Z");
  const Timestamp second = *parse_timestamp("2024-12-31T23:59:59Z");
  for (const auto& [name, pooled] :
       {std::pair{"北京星河科技有限公司", first}, std::pair{"Acme Trading Co", second}}) {
    Account account;
    account.name = name;
    account.pooled_at = pooled;
    account.lost_on = Day::from_ymd(2024, 3, 5);
    account.status = AccountStatus::kLost;
    ASSERT_TRUE(store_->repository<Account>().create(account, store::Actor{"test", std::nullopt}));
  }
  io::ExportRequest request;
  request.entity = "accounts";
  request.format = io::ExportFormat::kXlsx;
  request.today = Day::from_ymd(2024, 6, 1);
  auto exported = io::export_records(*store_, request);
  ASSERT_TRUE(exported) << exported.error().describe();

  auto book = io::XlsxWorkbook::open(exported->bytes);
  ASSERT_TRUE(book) << book.error().describe();
  auto rows = book->read_sheet(0);
  ASSERT_TRUE(rows) << rows.error().describe();
  ASSERT_EQ(rows->size(), 3u);
  std::map<std::string, size_t> column;
  for (size_t c = 0; c < (*rows)[0].cells.size(); ++c)
    column[std::get<std::string>((*rows)[0].cells[c])] = c;
  const auto& row = (*rows)[1].cells;
  EXPECT_EQ(std::get<Day>(row.at(column.at("lost_on"))), Day::from_ymd(2024, 3, 5));
  ASSERT_TRUE(std::holds_alternative<io::LocalDateTime>(row.at(column.at("pooled_at"))));
  EXPECT_EQ(std::get<io::LocalDateTime>(row.at(column.at("pooled_at"))),
            (io::LocalDateTime{Day::from_ymd(2024, 6, 1), 1 * 3600 + 30 * 60}));
  // Created when the clock said 09:00 UTC: 17:00 in Beijing.
  ASSERT_TRUE(std::holds_alternative<io::LocalDateTime>(row.at(column.at("created_at"))));
  EXPECT_EQ(std::get<io::LocalDateTime>(row.at(column.at("created_at"))),
            (io::LocalDateTime{Day::from_ymd(2024, 6, 1), 17 * 3600}));

  const auto imports_the_same = [&](const std::string& bytes, const char* what) {
    auto fresh = open_store();
    ASSERT_NE(fresh, nullptr);
    const ImportReport report = run(ImportEntity::kAccounts, bytes, fresh.get());
    ASSERT_EQ(report.imported, 2u) << what << "\n" << problems_of(report);
    auto a = fresh->repository<Account>().get(1);
    auto b = fresh->repository<Account>().get(2);
    ASSERT_TRUE(a && b) << what;
    EXPECT_EQ(a->pooled_at, first) << what;
    EXPECT_EQ(b->pooled_at, second) << what;
    EXPECT_EQ(a->lost_on, Day::from_ymd(2024, 3, 5)) << what;
  };
  imports_the_same(exported->bytes, "as exported");

  const std::string soffice = kam::testing::find_soffice();
  KAM_REQUIRE_INPUT(!soffice.empty(), "soffice (LibreOffice) is not on PATH on this machine");
  const fs::path dir = kam::testing::soffice_directory();
  fs::create_directories(dir / "exported");
  {
    std::ofstream out(dir / "exported" / "accounts.xlsx", std::ios::binary);
    out << exported->bytes;
  }
  // As LibreOffice Calc shows the cells: dates and date-times, not text it would left-align.
  ASSERT_TRUE(kam::testing::soffice_convert(soffice, dir, dir / "exported" / "accounts.xlsx",
                                            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,"
                                            "false,true,true,false,false"))
      << "see " << (dir / "soffice.log");
  const std::string shown = kam::testing::read_file_bytes(dir / "accounts.csv");
  EXPECT_NE(shown.find(",2024-06-01 01:30:00"), std::string::npos) << shown;
  EXPECT_NE(shown.find(",2025-01-01 07:59:59"), std::string::npos) << shown;
  EXPECT_NE(shown.find(",2024-03-05"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("T17:30:00Z"), std::string::npos) << shown;
  // Saved again by Calc, the workbook still imports as the same values.
  ASSERT_TRUE(
      kam::testing::soffice_convert(soffice, dir, dir / "exported" / "accounts.xlsx", "xlsx"))
      << "see " << (dir / "soffice.log");
  const std::string resaved = kam::testing::read_file_bytes(dir / "accounts.xlsx");
  ASSERT_TRUE(resaved.starts_with("PK")) << "soffice wrote no accounts.xlsx";
  imports_the_same(resaved, "saved again by LibreOffice Calc");
  fs::remove_all(dir);
}

// LibreOffice Calc turns a CSV into a workbook as a person's "Save As" would: the numbers and
// dates become typed cells, which the importer reads back as the text the CSV had.
TEST_F(ImportValuesTest, WorkbookLibreOfficeConvertedFromCsvImports) {
  const std::string soffice = kam::testing::find_soffice();
  KAM_REQUIRE_INPUT(!soffice.empty(), "soffice (LibreOffice) is not on PATH on this machine");
  add_accounts();
  // A directory of the test's own, with a private profile, so that runs in parallel and a
  // desktop LibreOffice do not share one.
  const fs::path dir = fs::path(::testing::TempDir()) /
                       ("kam_soffice_" + std::to_string(::getpid()) + "_" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream csv(dir / "orders.csv", std::ios::binary);
    csv << "order_no,Customer,order_date,amount,gross_margin\n"
           "SO-1,Acme Trading Co,2024-03-05,100000,1234.5\n"
           "SO-2,Acme Trading Co,2024-12-31,1000000,0.3\n"
           "SO-3,Acme Trading Co,2023-01-02,50000000,-1234.56\n";
  }
  const std::string command =
      "HOME='" + dir.string() + "' '" + soffice + "' -env:UserInstallation=file://" + dir.string() +
      "/profile --headless --convert-to xlsx --outdir '" + dir.string() + "' '" +
      (dir / "orders.csv").string() + "' > '" + (dir / "soffice.log").string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(dir / "orders.xlsx", std::ios::binary);
  ASSERT_TRUE(in) << "soffice wrote no orders.xlsx; see " << (dir / "soffice.log");
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_TRUE(bytes.starts_with("PK")) << "not an XLSX (zip) file";

  const ImportReport report = run(ImportEntity::kOrders, std::move(bytes));
  ASSERT_EQ(report.imported, 3u) << problems_of(report);
  EXPECT_EQ(order(1).order_date, Day::from_ymd(2024, 3, 5));
  EXPECT_EQ(order(1).amount, Money::yuan(100000));
  EXPECT_EQ(order(1).gross_margin, Money{123450});
  EXPECT_EQ(order(2).order_date, Day::from_ymd(2024, 12, 31));
  EXPECT_EQ(order(2).amount, Money::yuan(1000000));
  EXPECT_EQ(order(2).gross_margin, Money{30});
  EXPECT_EQ(order(3).order_date, Day::from_ymd(2023, 1, 2));
  EXPECT_EQ(order(3).amount, Money::yuan(50000000));
  EXPECT_EQ(order(3).gross_margin, Money{-123456});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kam::app
