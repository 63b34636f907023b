#include "server/server_fixture.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "server/crypto.hpp"
#include "store/alert_store.hpp"
#include "support/test_database.hpp"

namespace kam::server::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

ServerConfig loopback_config() {
  ServerConfig config;
  config.port = 0;
  config.threads = 2;
  config.shutdown_grace = std::chrono::seconds(5);
  return config;
}

}  // namespace

LoopbackServer::LoopbackServer(const Router& router) : server_(loopback_config(), router) {
  listening_ = server_.listen().ok();
  if (listening_) thread_ = std::thread([this] { server_.run(); });
}

LoopbackServer::~LoopbackServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

Response Client::send(http::verb method, const std::string& target, const std::string& body,
                      const std::string& if_match) const {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  Request req{method, target, 11};
  req.set(http::field::host, "localhost");
  if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
  if (!csrf_.empty()) req.set("X-CSRF-Token", csrf_);
  if (!if_match.empty()) req.set(http::field::if_match, if_match);
  for (const auto& [name, value] : headers_)
    req.insert(name, value);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  Response res;
  http::read(stream, buffer, res);
  return res;
}

boost::json::value Client::get_json(const std::string& target) const {
  const auto res = get(target);
  EXPECT_EQ(res.result(), http::status::ok) << target << ": " << res.body();
  boost::system::error_code ec;
  auto value = boost::json::parse(res.body(), ec);
  return ec ? boost::json::value() : value;
}

void ServerFixture::SetUp() {
  location_ = kam::testing::test_database(file_.location());
  auto pool = StorePool::open(location_, clock_, 2);
  ASSERT_TRUE(pool) << pool.error().describe();
  pool_ = std::move(*pool);
  ASSERT_TRUE(sodium_ready());
  auth_ = std::make_unique<Authenticator>(*pool_, clock_, auth_config_);
  auto password = auth_->ensure_admin();
  ASSERT_TRUE(password);
  admin_password_ = *password;
  {
    auto store = pool_->acquire();
    const store::Actor setup{"setup", std::nullopt};
    for (const char* name : {"east", "west"}) {
      Team t;
      t.name = name;
      auto id = store->repository<Team>().create(t, setup);
      ASSERT_TRUE(id);
      team_[name] = *id;
    }
    const std::pair<const char*, std::pair<UserRole, const char*>> people[] = {
        {"director", {UserRole::kSalesDirector, nullptr}},
        {"manager_east", {UserRole::kSalesManager, "east"}},
        {"am_east1", {UserRole::kAccountManager, "east"}},
        {"am_east2", {UserRole::kAccountManager, "east"}},
        {"am_west", {UserRole::kAccountManager, "west"}},
        {"analyst", {UserRole::kAnalyst, nullptr}},
    };
    for (const auto& [login, role_team] : people) {
      User u;
      u.login = login;
      u.display_name = login;
      u.role = role_team.first;
      if (role_team.second) u.team_id = team_[role_team.second];
      auto id = store->repository<User>().create(u, setup);
      ASSERT_TRUE(id) << id.error().describe();
      user_[login] = *id;
    }
    const std::pair<const char*, const char*> accounts[] = {
        {"east1", "am_east1"}, {"east2", "am_east2"}, {"west", "am_west"}, {"pooled", nullptr}};
    int n = 0;
    std::vector<analytics::Alert> alerts;
    for (const auto& [name, owner] : accounts) {
      Account a;
      a.name = std::string("测试") + name + "有限公司";
      if (owner) {
        a.owner_id = user_[owner];
        a.team_id =
            std::string(owner).find("east") != std::string::npos ? team_["east"] : team_["west"];
        a.owned_since = clock_.now();
      }
      auto id = store->repository<Account>().create(a, setup);
      ASSERT_TRUE(id) << id.error().describe();
      account_[name] = *id;
      auto& child = child_[name];
      Contact c;
      c.account_id = *id;
      c.name = std::string("联系人") + name;
      child["contacts"] = *store->repository<Contact>().create(c, setup);
      Order o;
      o.account_id = *id;
      o.order_no = std::string("SO-") + name;
      o.order_date = Day::from_ymd(2024, 5, 1);
      o.amount = Money::yuan(10'000 + 1'000 * ++n);
      o.gross_margin = Money::yuan(2'000);
      child["orders"] = *store->repository<Order>().create(o, setup);
      Activity v;
      v.account_id = *id;
      v.user_id = owner ? user_[owner] : user_["director"];
      v.occurred_at = Timestamp{clock_.now().seconds + 7 * 86'400};  // planned next week
      v.minutes = 60;
      child["activities"] = *store->repository<Activity>().create(v, setup);
      Opportunity deal;
      deal.account_id = *id;
      deal.name = std::string("项目") + name;
      deal.amount = Money::yuan(500'000);
      deal.expected_close = Day::from_ymd(2024, 9, 30);
      deal.owner_id = a.owner_id;
      deal.team_id = a.team_id;
      child["opportunities"] = *store->repository<Opportunity>().create(deal, setup);
      BuyingCenterMember member;
      member.opportunity_id = child["opportunities"];
      member.contact_id = child["contacts"];
      member.roles = "decider";
      child["buying_center"] = *store->repository<BuyingCenterMember>().create(member, setup);
      VisitReport visit;
      visit.account_id = *id;
      visit.opportunity_id = child["opportunities"];
      visit.visit_date = Day::from_ymd(2024, 6, 1);
      visit.goal = "确认需求";
      child["visit_reports"] = *store->repository<VisitReport>().create(visit, setup);
      SopCheck check;
      check.opportunity_id = child["opportunities"];
      check.step = "customer_info";
      check.done_on = Day::from_ymd(2024, 6, 1);
      child["sop_checks"] = *store->repository<SopCheck>().create(check, setup);
      // A key-moment alert: its contact's birthday next week.
      analytics::Alert birthday;
      birthday.kind = analytics::AlertKind::kBirthday;
      birthday.account_id = *id;
      birthday.owner_id = a.owner_id.value_or(0);
      birthday.contact_id = child["contacts"];
      birthday.due = Day::from_ymd(2024, 6, 5);
      birthday.raised = Day::from_ymd(2024, 5, 29);
      birthday.key = "birthday:contact:" + std::to_string(child["contacts"]) + ":2024";
      birthday.text = c.name;
      birthday.figures = {{"days_left", 4}};
      alerts.push_back(std::move(birthday));
    }
    ASSERT_TRUE(store::store_alerts(store->connection(), alerts, clock_.now()));
    for (const auto& [name, id] : account_) {
      child_[name]["alerts"] = *store::query_int(
          store->connection(), "SELECT id FROM alerts WHERE account_id = " + std::to_string(id));
    }
  }
  for (const auto& [login, id] : user_)
    ASSERT_TRUE(auth_->set_password(id, kPassword));
  api_ = std::make_unique<ApiServices>(ApiServices{*pool_, *auth_, policies_, clock_});
  add_api_routes(router_, *api_);
  server_ = std::make_unique<LoopbackServer>(router_);
  ASSERT_TRUE(server_->listening());
}

void ServerFixture::TearDown() {
  server_.reset();
  router_ = Router();  // its caches compute in a thread that borrows from the pool
  api_.reset();        // so does its resident analysis
  pool_.reset();
}

Response ServerFixture::sign_in_response(const std::string& login,
                                         const std::string& password) const {
  return sign_in_response(anonymous(), login, password);
}

Response ServerFixture::sign_in_response(const Client& client, const std::string& login,
                                         const std::string& password) const {
  return client.send(
      http::verb::post, "/api/login",
      boost::json::serialize(boost::json::object{{"login", login}, {"password", password}}));
}

Client ServerFixture::sign_in(const std::string& login) const {
  const auto res = sign_in_response(login, login == "admin" ? admin_password_ : kPassword);
  EXPECT_EQ(res.result(), http::status::ok) << res.body();
  const std::string set_cookie(res[http::field::set_cookie]);
  boost::system::error_code ec;
  const auto body = boost::json::parse(res.body(), ec);
  return Client(server_->port(), set_cookie.substr(0, set_cookie.find(';')),
                ec ? "" : std::string(body.at("csrf_token").as_string()));
}

int64_t ServerFixture::count(const std::string& sql) const {
  auto store = pool_->acquire();
  auto n = store::query_int(store->connection(), sql);
  EXPECT_TRUE(n) << sql;
  return n ? *n : -1;
}

}  // namespace kam::server::testing
