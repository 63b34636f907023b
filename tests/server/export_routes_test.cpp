// Downloads over the real server: list exports as CSV, XLSX and vCard, a contact's vCard, the
// analysis workbook, and the calendar feed at its secret URL.

#include <algorithm>

#include "io/csv_reader.hpp"
#include "io/xlsx_reader.hpp"
#include "server/server_fixture.hpp"
#include "store/repository.hpp"

namespace kam::server::testing {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The rows of a CSV export, header first; the BOM is checked and removed.
std::vector<std::vector<std::string>> csv_rows(const std::string& body) {
  std::vector<std::vector<std::string>> rows;
  EXPECT_TRUE(std::string_view(body).starts_with(kBom)) << "no byte-order mark";
  const std::string_view text = std::string_view(body).substr(kBom.size());
  io::CsvReader reader(text);
  io::CsvRecord record;
  while (true) {
    auto more = reader.next(record);
    EXPECT_TRUE(more) << more.error().describe();
    if (!more || !*more) break;
    rows.emplace_back(record.fields.begin(), record.fields.end());
  }
  return rows;
}

size_t column_of(const std::vector<std::string>& header, const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? header.size() : static_cast<size_t>(it - header.begin());
}

bool contains(const std::vector<std::string>& header, const std::string& name) {
  return column_of(header, name) < header.size();
}

// A vCard's or iCalendar's content lines with folding undone.
std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (!line.empty() && line.front() == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    start = end + 2;
  }
  return lines;
}

// The value of the first property named `name` ("FN", "TEL"), parameters ignored.
std::string property(const std::vector<std::string>& lines, const std::string& name) {
  for (const auto& line : lines) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string head = line.substr(0, colon);
    if (head == name || head.starts_with(name + ";")) return line.substr(colon + 1);
  }
  return "";
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

class ExportRoutesTest : public ServerFixture {
 protected:
  int64_t list_total(const Client& client, const std::string& entity,
                     const std::string& query = "") const {
    return client.get_json("/api/" + entity + "?limit=1" + query).at("total").as_int64();
  }

  int64_t add_contract(const std::string& account, Day end) const {
    auto store = pool_->acquire();
    Contract c;
    c.account_id = account_.at(account);
    c.contract_no = "HT-" + account;
    c.title = "年度框架协议";
    c.start_date = Day::from_ymd(2023, 7, 1);
    c.end_date = end;
    c.value = Money::yuan(120'000);
    auto id = store->repository<Contract>().create(c, {"test", std::nullopt});
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
};

TEST_F(ExportRoutesTest, CsvIsUtf8WithBomAndHoldsWhatTheListShows) {
  const Client rep = sign_in("am_east1");
  const auto res = rep.get("/api/contacts/export?format=csv");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::content_type], "text/csv; charset=utf-8");
  EXPECT_EQ(res[http::field::content_disposition],
            "attachment; filename=\"contacts-2024-06-01.csv\"");
  const auto rows = csv_rows(res.body());
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0][0], "id");
  EXPECT_TRUE(contains(rows[0], "name"));
  EXPECT_FALSE(contains(rows[0], "search_key"));
  EXPECT_EQ(static_cast<int64_t>(rows.size() - 1), list_total(rep, "contacts"));
  std::set<std::string> names;
  for (size_t i = 1; i < rows.size(); ++i)
    names.insert(rows[i][column_of(rows[0], "name")]);
  EXPECT_EQ(names, (std::set<std::string>{"联系人east1", "联系人pooled"}));
}

// References are written by natural key, so the file links the same records in another
// database: a contact's account by name, an account's owner by login and its parent by name,
// a parent the reader may not see left empty, as the reader may not learn of it.
TEST_F(ExportRoutesTest, ReferencesAreNaturalKeysOfWhatTheReaderMaySee) {
  {
    auto store = pool_->acquire();
    auto repo = store->repository<Account>();
    auto account = repo.get(account_.at("east1"));
    ASSERT_TRUE(account);
    account->parent_id = account_.at("west");
    ASSERT_TRUE(repo.update(*account, {"test", std::nullopt}));
  }
  const auto east1_row = [&](const std::string& login, const std::string& entity,
                             const std::string& column) {
    const auto res = sign_in(login).get("/api/" + entity + "/export?format=csv");
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    const auto rows = csv_rows(res.body());
    for (size_t i = 1; i < rows.size(); ++i) {
      const bool of_east1 = entity == "accounts"
                                ? rows[i][column_of(rows[0], "name")] == "测试east1有限公司"
                                : rows[i][column_of(rows[0], "name")] == "联系人east1";
      if (of_east1) return rows[i].at(column_of(rows[0], column));
    }
    ADD_FAILURE() << "no row of east1 in " << entity;
    return std::string();
  };
  EXPECT_EQ(east1_row("am_east1", "contacts", "account_id"), "测试east1有限公司");
  EXPECT_EQ(east1_row("am_east1", "accounts", "owner_id"), "am_east1");
  EXPECT_EQ(east1_row("am_east1", "accounts", "parent_id"), "");
  EXPECT_EQ(east1_row("director", "accounts", "parent_id"), "测试west有限公司");
}

TEST_F(ExportRoutesTest, CsvQuotesWhatNeedsItAndDisarmsFormulas) {
  {
    auto store = pool_->acquire();
    auto repo = store->repository<Account>();
    auto account = repo.get(account_.at("east1"));
    ASSERT_TRUE(account);
    account->notes = "大客户, \"重点\"\n第二行";
    account->address = "=HYPERLINK(\"http://example.com\")";
    account->short_name = "+86 571 8888 0000";
    ASSERT_TRUE(repo.update(*account, {"test", std::nullopt}));
  }
  const auto res = sign_in("am_east1").get("/api/accounts/export?where=name~east1");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_NE(res.body().find("\"大客户, \"\"重点\"\"\n第二行\""), std::string::npos) << res.body();
  const auto rows = csv_rows(res.body());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][column_of(rows[0], "notes")], "大客户, \"重点\"\n第二行");
  EXPECT_EQ(rows[1][column_of(rows[0], "address")], "'=HYPERLINK(\"http://example.com\")");
  EXPECT_EQ(rows[1][column_of(rows[0], "short_name")], "+86 571 8888 0000");
}

TEST_F(ExportRoutesTest, XlsxReadsBackWithMoneyDatesAndEveryRecordOfTheList) {
  const Client director = sign_in("director");
  const auto res = director.get("/api/orders/export?format=xlsx&sort=amount&desc=true");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::content_type],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(res[http::field::content_disposition],
            "attachment; filename=\"orders-2024-06-01.xlsx\"");
  auto book = io::XlsxWorkbook::open(res.body());
  ASSERT_TRUE(book) << book.error().describe();
  ASSERT_EQ(book->sheets().size(), 1u);
  EXPECT_EQ(book->sheets()[0].name, "orders");
  auto rows = book->read_sheet(0);
  ASSERT_TRUE(rows) << rows.error().describe();
  ASSERT_EQ(static_cast<int64_t>(rows->size() - 1), list_total(director, "orders"));
  std::vector<std::string> header;
  for (const auto& cell : (*rows)[0].cells)
    header.push_back(std::get<std::string>(cell));
  ASSERT_TRUE(contains(header, "gross_margin"));
  const auto& first = (*rows)[1].cells;
  EXPECT_EQ(std::get<double>(first[column_of(header, "amount")]), 14'000.0);  // the largest
  EXPECT_EQ(std::get<double>(first[column_of(header, "gross_margin")]), 2'000.0);
  EXPECT_EQ(std::get<Day>(first[column_of(header, "order_date")]), Day::from_ymd(2024, 5, 1));
  EXPECT_EQ(std::get<std::string>(first[column_of(header, "order_no")]), "SO-pooled");
}

TEST_F(ExportRoutesTest, ExportsReadEveryPageNotJustTheFirst) {
  {
    auto store = pool_->acquire();
    std::vector<Contact> many(2'100);
    for (size_t i = 0; i < many.size(); ++i) {
      many[i].account_id = account_.at("east1");
      many[i].name = "批量联系人" + std::to_string(i);
    }
    ASSERT_TRUE(store->repository<Contact>().create_many(many, {"test", std::nullopt}));
  }
  const Client rep = sign_in("am_east1");
  const auto csv = csv_rows(rep.get("/api/contacts/export?format=csv&sort=name").body());
  EXPECT_EQ(csv.size() - 1, 2'102u);
  std::set<std::string> ids;
  for (size_t i = 1; i < csv.size(); ++i)
    ids.insert(csv[i][0]);
  EXPECT_EQ(ids.size(), 2'102u) << "a record was written twice";
  auto book = io::XlsxWorkbook::open(rep.get("/api/contacts/export?format=xlsx").body());
  ASSERT_TRUE(book);
  EXPECT_EQ(book->read_sheet(0)->size() - 1, 2'102u);
}

TEST_F(ExportRoutesTest, AnExportHoldsOnlyWhatItsUserMaySee) {
  const Client west = sign_in("am_west");
  const auto east = csv_rows(west.get("/api/accounts/export?where=name~east").body());
  EXPECT_EQ(east.size(), 1u) << "am_west exported east's accounts";
  const auto all = csv_rows(west.get("/api/orders/export").body());
  std::set<std::string> orders;
  for (size_t i = 1; i < all.size(); ++i)
    orders.insert(all[i][column_of(all[0], "order_no")]);
  EXPECT_EQ(orders, (std::set<std::string>{"SO-west", "SO-pooled"}));
  auto book = io::XlsxWorkbook::open(west.get("/api/contacts/export?format=xlsx").body());
  ASSERT_TRUE(book);
  EXPECT_EQ(static_cast<int64_t>(book->read_sheet(0)->size() - 1), list_total(west, "contacts"));
  const auto cards = west.get("/api/contacts/export?format=vcf").body();
  EXPECT_EQ(occurrences(cards, "BEGIN:VCARD"), 2u);
  EXPECT_EQ(cards.find("联系人east1"), std::string::npos);
}

TEST_F(ExportRoutesTest, FinancialFieldsAreLeftOutForRolesThatMayNotSeeThem) {
  const Client rep = sign_in("am_east1");
  const auto csv = csv_rows(rep.get("/api/orders/export").body());
  ASSERT_FALSE(csv.empty());
  EXPECT_TRUE(contains(csv[0], "amount"));
  EXPECT_FALSE(contains(csv[0], "gross_margin"));
  auto book = io::XlsxWorkbook::open(rep.get("/api/orders/export?format=xlsx").body());
  ASSERT_TRUE(book);
  const auto rows = book->read_sheet(0);
  ASSERT_TRUE(rows && !rows->empty());
  for (const auto& cell : (*rows)[0].cells)
    EXPECT_NE(std::get<std::string>(cell), "gross_margin");
  // Which records come out, or their order, would reveal the hidden values.
  EXPECT_EQ(rep.get("/api/orders/export?where=gross_margin%3E1000").result(),
            http::status::forbidden);
  EXPECT_EQ(rep.get("/api/orders/export?sort=gross_margin").result(), http::status::forbidden);
}

TEST_F(ExportRoutesTest, BadParametersAreRefusedNamingThem) {
  const Client rep = sign_in("am_east1");
  const auto pdf = rep.get("/api/accounts/export?format=pdf");
  EXPECT_EQ(pdf.result(), http::status::bad_request);
  EXPECT_NE(pdf.body().find("\"field\":\"format\""), std::string::npos) << pdf.body();
  const auto vcf = rep.get("/api/orders/export?format=vcf");
  EXPECT_EQ(vcf.result(), http::status::bad_request);
  EXPECT_NE(vcf.body().find("\"field\":\"format\""), std::string::npos) << vcf.body();
  const auto paged = rep.get("/api/accounts/export?limit=10");
  EXPECT_EQ(paged.result(), http::status::bad_request);
  EXPECT_NE(paged.body().find("\"field\":\"limit\""), std::string::npos) << paged.body();
  EXPECT_EQ(rep.get("/api/widgets/export").result(), http::status::bad_request);
  EXPECT_EQ(rep.get("/api/accounts/export?where=nonsense%3D1").result(), http::status::bad_request);
}

TEST_F(ExportRoutesTest, AContactsVCardParsesBackToItsNameAndPhone) {
  const int64_t id = child_.at("east1").at("contacts");
  {
    auto store = pool_->acquire();
    auto repo = store->repository<Contact>();
    auto contact = repo.get(id);
    ASSERT_TRUE(contact);
    contact->mobile = "13812345678";
    contact->title = "采购部经理";
    ASSERT_TRUE(repo.update(*contact, {"test", std::nullopt}));
  }
  const std::string target = "/api/contacts/" + std::to_string(id) + "/vcard";
  const auto res = sign_in("am_east1").get(target);
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::content_type], "text/vcard; charset=utf-8");
  EXPECT_NE(std::string(res[http::field::content_disposition]).find(".vcf"), std::string::npos);
  const auto lines = content_lines(res.body());
  EXPECT_EQ(property(lines, "BEGIN"), "VCARD");
  EXPECT_EQ(property(lines, "VERSION"), "4.0");
  EXPECT_EQ(property(lines, "FN"), "联系人east1");
  EXPECT_NE(property(lines, "TEL").find("13812345678"), std::string::npos) << res.body();
  EXPECT_EQ(property(lines, "ORG"), "测试east1有限公司");
  EXPECT_EQ(sign_in("am_west").get(target).result(), http::status::not_found);
}

TEST_F(ExportRoutesTest, TheAnalysisWorkbookHasItsSheetsAndAParetoChart) {
  const Client director = sign_in("director");
  const auto res = director.get("/api/analysis/workbook.xlsx?period=2024-01-01..2024-12-31");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(res[http::field::content_disposition],
            "attachment; filename=\"analysis-2024-01-01-2024-12-31.xlsx\"");
  EXPECT_NE(res.body().find("xl/charts/chart1.xml"), std::string::npos) << "no chart part";
  auto book = io::XlsxWorkbook::open(res.body());
  ASSERT_TRUE(book) << book.error().describe();
  std::vector<std::string> names;
  for (const auto& sheet : book->sheets())
    names.push_back(sheet.name);
  EXPECT_EQ(names, (std::vector<std::string>{"概要 Summary", "金字塔 Pyramid", "ABC",
                                             "消费层级 Spend tiers", "帕累托 Pareto"}));
  const auto summary = book->read_sheet("概要 Summary");
  ASSERT_TRUE(summary);
  EXPECT_EQ(std::get<Day>((*summary)[2].cells[1]), Day::from_ymd(2024, 1, 1));
  const auto pareto = book->read_sheet("帕累托 Pareto");
  ASSERT_TRUE(pareto);
  ASSERT_EQ(pareto->size(), 101u);
  EXPECT_NEAR(std::get<double>(pareto->back().cells[2]), 1.0, 1e-9);
  const auto pyramid = book->read_sheet("金字塔 Pyramid");
  ASSERT_TRUE(pyramid);
  double accounts = 0;
  for (size_t i = 1; i < pyramid->size(); ++i)
    accounts += std::get<double>((*pyramid)[i].cells[2]);
  EXPECT_EQ(accounts, 4.0);
  EXPECT_EQ(sign_in("am_east1").get("/api/analysis/workbook.xlsx").result(),
            http::status::forbidden);
  EXPECT_EQ(director.get("/api/analysis/workbook.xlsx?year=2024").result(),
            http::status::bad_request);
}

// Tasks are in their owner's feed at their due time until they are marked done.
TEST_F(ExportRoutesTest, TheCalendarFeedHoldsTheUsersOpenTasksAtTheirDueTime) {
  const Client rep = sign_in("am_east1");
  const auto add_task = [&](const Client& client, const std::string& account,
                            const std::string& title, const std::string& due_at) {
    const auto res = client.post(
        "/api/tasks",
        boost::json::serialize(boost::json::object{
            {"account_id", account_.at(account)}, {"title", title}, {"due_at", due_at}}));
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return boost::json::parse(res.body()).as_object();
  };
  const auto call_back = add_task(rep, "east1", "回电确认报价", "2024-06-03T10:30:00+08:00");
  const auto done = add_task(rep, "east1", "寄送样品", "2024-06-04T09:00:00Z");
  const auto patched =
      rep.send(http::verb::patch, "/api/tasks/" + std::to_string(done.at("id").as_int64()),
               boost::json::serialize(boost::json::object{{"done", true}}), "\"1\"");
  ASSERT_EQ(patched.result(), http::status::ok) << patched.body();
  const auto others = add_task(sign_in("am_east2"), "east2", "拜访采购部", "2024-06-03T09:00:00Z");

  const auto created = rep.send(http::verb::post, "/api/me/calendar-feed");
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const Client calendar_app(server_->port(), "", "");
  const auto feed =
      calendar_app.get(std::string(boost::json::parse(created.body()).at("url").as_string()));
  ASSERT_EQ(feed.result(), http::status::ok) << feed.body();
  const auto lines = content_lines(feed.body());
  const auto at = std::find(lines.begin(), lines.end(),
                            "UID:task-" + std::to_string(call_back.at("id").as_int64()) + "@kam");
  ASSERT_NE(at, lines.end()) << feed.body();
  const std::vector<std::string> event(at, std::find(at, lines.end(), "END:VEVENT"));
  EXPECT_EQ(property(event, "DTSTART"), "20240603T023000Z");
  EXPECT_EQ(property(event, "SUMMARY").find("待办"), 0u) << property(event, "SUMMARY");
  EXPECT_NE(property(event, "SUMMARY").find("回电确认报价"), std::string::npos);
  for (const auto& absent : {done, others}) {
    EXPECT_EQ(feed.body().find("UID:task-" + std::to_string(absent.at("id").as_int64()) + "@kam"),
              std::string::npos)
        << absent.at("title").as_string();
  }
}

TEST_F(ExportRoutesTest, TheCalendarFeedServesItsUsersEventsToAnyoneWithTheUrl) {
  const int64_t east1_contract = add_contract("east1", Day::from_ymd(2024, 12, 31));
  add_contract("west", Day::from_ymd(2024, 12, 31));
  const Client rep = sign_in("am_east1");
  const auto created = rep.send(http::verb::post, "/api/me/calendar-feed");
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const std::string url(boost::json::parse(created.body()).at("url").as_string());
  ASSERT_TRUE(url.starts_with("/api/calendar/") && url.ends_with(".ics")) << url;

  const Client calendar_app(server_->port(), "", "");
  const auto feed = calendar_app.get(url);
  ASSERT_EQ(feed.result(), http::status::ok) << feed.body();
  EXPECT_EQ(feed[http::field::content_type], "text/calendar; charset=utf-8");
  const auto lines = content_lines(feed.body());
  EXPECT_EQ(property(lines, "BEGIN"), "VCALENDAR");
  const std::string& body = feed.body();
  auto has_uid = [&](const std::string& uid) {
    return std::find(lines.begin(), lines.end(), "UID:" + uid) != lines.end();
  };
  EXPECT_TRUE(has_uid("activity-" + std::to_string(child_.at("east1").at("activities")) + "@kam"))
      << body;
  EXPECT_TRUE(has_uid("alert-" + std::to_string(child_.at("east1").at("alerts")) + "@kam"));
  EXPECT_TRUE(has_uid("contract-" + std::to_string(east1_contract) + "-expiry@kam"));
  EXPECT_EQ(occurrences(body, "BEGIN:VEVENT"), 3u) << "only am_east1's events";
  EXPECT_NE(body.find("DTSTART;VALUE=DATE:20240605"), std::string::npos) << body;
  EXPECT_NE(body.find("DTSTART:20240608T090000Z"), std::string::npos) << body;

  // Another user's feed has their events, not these.
  const Client west = sign_in("am_west");
  const auto west_created = west.send(http::verb::post, "/api/me/calendar-feed");
  ASSERT_EQ(west_created.result(), http::status::created);
  const auto west_feed =
      calendar_app.get(std::string(boost::json::parse(west_created.body()).at("url").as_string()));
  ASSERT_EQ(west_feed.result(), http::status::ok);
  EXPECT_FALSE(content_lines(west_feed.body()).empty());
  EXPECT_EQ(west_feed.body().find("activity-" +
                                  std::to_string(child_.at("east1").at("activities")) + "@kam"),
            std::string::npos);
  EXPECT_EQ(occurrences(west_feed.body(), "BEGIN:VEVENT"), 3u);
}

TEST_F(ExportRoutesTest, ARevokedReplacedOrMadeUpFeedUrlIsNotFound) {
  const Client rep = sign_in("am_east1");
  const Client calendar_app(server_->port(), "", "");
  auto url_of = [](const Response& res) {
    return std::string(boost::json::parse(res.body()).at("url").as_string());
  };
  const std::string first = url_of(rep.send(http::verb::post, "/api/me/calendar-feed"));
  ASSERT_EQ(calendar_app.get(first).result(), http::status::ok);
  const std::string second = url_of(rep.send(http::verb::post, "/api/me/calendar-feed"));
  EXPECT_NE(first, second);
  EXPECT_EQ(calendar_app.get(first).result(), http::status::not_found) << "replaced";
  EXPECT_EQ(calendar_app.get(second).result(), http::status::ok);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feeds"), 1);
  // One wrong character of the secret is as good as none.
  std::string tampered = second;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(calendar_app.get(tampered).result(), http::status::not_found);
  // Only a digest of the secret is stored.
  const std::string token = second.substr(14, second.size() - 14 - 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feeds WHERE verifier_hash LIKE '%" +
                  token.substr(16) + "%'"),
            0);

  ASSERT_EQ(rep.send(http::verb::delete_, "/api/me/calendar-feed").result(),
            http::status::no_content);
  EXPECT_EQ(calendar_app.get(second).result(), http::status::not_found);
  EXPECT_EQ(rep.send(http::verb::delete_, "/api/me/calendar-feed").result(),
            http::status::not_found);
  EXPECT_EQ(calendar_app.get("/api/calendar/nonsense.ics").result(), http::status::not_found);
  EXPECT_EQ(calendar_app.get("/api/calendar/" + token).result(), http::status::not_found);
  // Making a feed needs a sign-in.
  EXPECT_EQ(calendar_app.send(http::verb::post, "/api/me/calendar-feed").result(),
            http::status::unauthorized);
}

}  // namespace
}  // namespace kam::server::testing
