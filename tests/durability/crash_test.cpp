// Nothing acknowledged is lost: a client writes through a real `kam serve` while the server
// is killed with SIGKILL at random moments (and, on PostgreSQL, the database server is
// stopped with `pg_ctl stop -m immediate`), many times over. Afterwards every acknowledged
// write is in the database, no import is half-applied, and the database's own integrity
// checks pass. Bounded: a few thousand writes in under a minute per database.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "store/driver.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kImportRows = 10;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

// `kam --db LOCATION serve` as a child process on a port of its choosing.
class ServerProcess {
 public:
  ServerProcess(std::string location, fs::path dir) : location_(std::move(location)), dir_(dir) {}
  ~ServerProcess() { kill_now(); }

  // Starts the server and waits until it says where it listens; false on failure.
  bool start() {
    const fs::path out = dir_ / ("serve-" + std::to_string(++starts_) + ".out");
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen(out.c_str(), "w", stdout);
      std::freopen((dir_ / "serve.err").c_str(), "a", stderr);
      ::execl(KAM_BINARY, KAM_BINARY, "--db", location_.c_str(), "serve", "--port", "0",
              "--address", "127.0.0.1", "--threads", "2", static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    for (int i = 0; i < 300; ++i) {
      const std::string text = slurp(out);
      if (const auto at = text.find("first start: sign in as admin with password ");
          at != std::string::npos) {
        std::istringstream words(text.substr(at + 44));
        words >> admin_password_;
      }
      if (const auto at = text.find("on http://127.0.0.1:"); at != std::string::npos) {
        port_ = static_cast<uint16_t>(std::stoi(text.substr(at + 20)));
        return true;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return false;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  void kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

  uint16_t port() const { return port_; }
  const std::string& admin_password() const { return admin_password_; }

 private:
  std::string location_;
  fs::path dir_;
  pid_t pid_ = 0;
  int starts_ = 0;
  uint16_t port_ = 0;
  std::string admin_password_;
};

struct Reply {
  bool answered = false;  // false: the connection failed before a whole response arrived
  unsigned status = 0;
  std::string body;
  std::string set_cookie;
};

// One request on a fresh connection, with a deadline; network failures are values.
Reply send(uint16_t port, http::verb method, const std::string& target, const std::string& body,
           const std::string& cookie = "", const std::string& csrf = "") {
  Reply reply;
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(10s);
  beast::error_code ec;
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return reply;
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "localhost");
  req.set(http::field::content_type, "application/json");
  if (!cookie.empty()) req.set(http::field::cookie, cookie);
  if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req, ec);
  if (ec) return reply;
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res, ec);
  if (ec) return reply;
  reply.answered = true;
  reply.status = res.result_int();
  reply.body = res.body();
  reply.set_cookie = std::string(res[http::field::set_cookie]);
  return reply;
}

std::string base64(const std::string& text) {
  std::string out(beast::detail::base64::encoded_size(text.size()), '\0');
  out.resize(beast::detail::base64::encode(out.data(), text.data(), text.size()));
  return out;
}

// What the client was told: the accounts whose creation was acknowledged (id -> name) and
// the imports that were.
struct Ledger {
  std::map<int64_t, std::string> accounts;
  std::set<int> imports;
  int attempts = 0;
  int failed = 0;  // no answer, or an error status: not acknowledged, may or may not exist
  // How many of each were acknowledged, for the killing thread to read while the writer runs.
  std::atomic<int> accounts_acknowledged = 0, imports_acknowledged = 0;
};

// Writes until `stop` is set: a single account, then an import of kImportRows accounts.
void write_until(uint16_t port, const std::string& cookie, const std::string& csrf, int& next,
                 std::atomic<bool>& stop, Ledger& ledger) {
  while (!stop.load()) {
    const int n = next++;
    ++ledger.attempts;
    if (n % 2 == 0) {
      const std::string name = "耐久测试客户" + std::to_string(n) + "有限公司";
      const Reply r =
          send(port, http::verb::post, "/api/accounts",
               boost::json::serialize(boost::json::object{{"name", name}}), cookie, csrf);
      if (r.answered && r.status == 201) {
        ledger.accounts[boost::json::parse(r.body).at("id").as_int64()] = name;
        ++ledger.accounts_acknowledged;
        continue;
      }
    } else {
      std::string csv = "客户名称\n";
      for (int row = 0; row < kImportRows; ++row)
        csv += "导入批次" + std::to_string(n) + "第" + std::to_string(row) + "行有限公司\n";
      const Reply r = send(port, http::verb::post, "/api/imports",
                           boost::json::serialize(boost::json::object{{"entity", "accounts"},
                                                                      {"file_name", "batch.csv"},
                                                                      {"file_base64", base64(csv)},
                                                                      {"mode", "all_or_nothing"}}),
                           cookie, csrf);
      if (r.answered && r.status == 200) {
        // An import that writes nothing answers 200 too, with its problems: only one that
        // says it wrote every row counts as acknowledged.
        const auto report = boost::json::parse(r.body);
        EXPECT_EQ(report.at("imported").as_int64(), kImportRows) << r.body;
        if (report.at("written").as_bool()) {
          ledger.imports.insert(n);
          ++ledger.imports_acknowledged;
        }
        continue;
      }
    }
    ++ledger.failed;
    std::this_thread::sleep_for(10ms);  // the server or the database is down
  }
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kam_crash_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!url_file_.empty())
      std::system((cluster_ + " stop '" + url_file_.string() + "' >/dev/null").c_str());
    fs::remove_all(dir_);
  }

  // A private PostgreSQL cluster with fsync on (the shared test cluster runs without it).
  std::string start_postgres() {
    url_file_ = dir_ / "postgres.url";
    if (std::system((cluster_ + " start '" + url_file_.string() + "' >/dev/null").c_str()) != 0)
      return "";
    std::ifstream in(url_file_);
    std::string url;
    std::getline(in, url);
    return url;
  }

  void restart_postgres_immediately() {
    ASSERT_EQ(std::system((cluster_ + " restart '" + url_file_.string() + "' immediate").c_str()),
              0);
  }

  void run(const std::string& location, bool postgres);

  fs::path dir_;
  fs::path url_file_;
  const std::string cluster_ = std::string(KAM_SOURCE_DIR) + "/tests/postgres/cluster";
};

void CrashTest::run(const std::string& location, bool postgres) {
  ServerProcess server(location, dir_);
  ASSERT_TRUE(server.start()) << slurp(dir_ / "serve.err");
  ASSERT_FALSE(server.admin_password().empty());
  const Reply login = send(server.port(), http::verb::post, "/api/login",
                           boost::json::serialize(boost::json::object{
                               {"login", "admin"}, {"password", server.admin_password()}}));
  ASSERT_EQ(login.status, 200u) << login.body;
  // The session is in the database: it outlives every crash below.
  const std::string cookie = login.set_cookie.substr(0, login.set_cookie.find(';'));
  const std::string csrf(boost::json::parse(login.body).at("csrf_token").as_string());

  std::mt19937 random(20261124);
  Ledger ledger;
  int next = 0;
  constexpr int kCycles = 16;
  constexpr int kAccountsPerCycle = 4, kImportsPerCycle = 2;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    std::atomic<bool> stop = false;
    const int accounts_before = ledger.accounts_acknowledged,
              imports_before = ledger.imports_acknowledged;
    std::thread writer([&] { write_until(server.port(), cookie, csrf, next, stop, ledger); });
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + random() % 350));
    // However slow the machine, each cycle kills after some writes were acknowledged, so that
    // every crash has acknowledged writes before it to lose.
    while (ledger.accounts_acknowledged < accounts_before + kAccountsPerCycle ||
           ledger.imports_acknowledged < imports_before + kImportsPerCycle)
      std::this_thread::sleep_for(10ms);
    const bool database_crash = postgres && cycle % 3 == 2;
    if (database_crash) {
      // The database dies under the server, which stays up and must report the failures.
      restart_postgres_immediately();
      std::this_thread::sleep_for(100ms);
    } else {
      server.kill_now();
    }
    stop = true;
    writer.join();
    if (!database_crash) {
      ASSERT_TRUE(server.start()) << slurp(dir_ / "serve.err");
    }
  }
  // A last window with nothing killed, so that the run ends on acknowledged writes.
  {
    std::atomic<bool> stop = false;
    std::thread writer([&] { write_until(server.port(), cookie, csrf, next, stop, ledger); });
    std::this_thread::sleep_for(300ms);
    stop = true;
    writer.join();
  }
  server.stop();

  std::cout << "[ crash    ] " << kCycles << " crashes, " << ledger.attempts << " writes, "
            << ledger.accounts.size() << " accounts and " << ledger.imports.size()
            << " imports acknowledged, " << ledger.failed << " refused or cut off\n";

  auto db = kam::store::open_database(location);
  ASSERT_TRUE(db) << db.error().describe();
  std::map<int64_t, std::string> stored;
  ASSERT_TRUE((*db)->query("SELECT id, name FROM accounts", {}, [&](const kam::store::Row& row) {
    stored[row.get_int(0)] = row.get_text(1);
    return true;
  }));
  for (const auto& [id, name] : ledger.accounts) {
    const auto it = stored.find(id);
    ASSERT_NE(it, stored.end()) << "acknowledged account " << id << " (" << name << ") is lost";
    EXPECT_EQ(it->second, name);
  }
  // Every import is all there or not there at all, and an acknowledged one is all there.
  std::map<int, int> rows_of_import;
  for (const auto& [id, name] : stored) {
    if (name.starts_with("导入批次"))
      ++rows_of_import[std::stoi(name.substr(std::string("导入批次").size()))];
  }
  for (const auto& [batch, rows] : rows_of_import)
    EXPECT_EQ(rows, kImportRows) << "import " << batch << " is half-applied";
  for (const int batch : ledger.imports)
    EXPECT_EQ(rows_of_import[batch], kImportRows) << "acknowledged import " << batch << " is lost";
  // A record and its audit trail are written together: each single account has its
  // creation entry, and each import present its one bulk entry.
  auto unaudited = kam::store::query_int(
      **db,
      "SELECT COUNT(*) FROM accounts a WHERE a.name LIKE '耐久测试%' AND NOT EXISTS (SELECT 1 "
      "FROM audit_log l WHERE l.entity = 'account' AND l.entity_id = a.id)");
  ASSERT_TRUE(unaudited);
  EXPECT_EQ(*unaudited, 0);
  auto bulk_entries = kam::store::query_int(
      **db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'account' AND action = 'bulk_create'");
  ASSERT_TRUE(bulk_entries);
  EXPECT_EQ(*bulk_entries, static_cast<int64_t>(rows_of_import.size()));

  if (!postgres) {
    std::string verdict;
    ASSERT_TRUE((*db)->query("PRAGMA integrity_check", {}, [&](const kam::store::Row& row) {
      verdict = row.get_text(0);
      return false;
    }));
    EXPECT_EQ(verdict, "ok");
    EXPECT_EQ(*kam::store::query_int(**db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
  } else {
    // amcheck: every B-tree index agrees with itself and with its table's heap.
    ASSERT_TRUE((*db)->execute("CREATE EXTENSION IF NOT EXISTS amcheck"));
    auto indexes = kam::store::query_int(
        **db,
        "SELECT COUNT(bt_index_parent_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON "
        "c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON "
        "n.oid = c.relnamespace WHERE am.amname = 'btree' AND n.nspname = 'public'");
    ASSERT_TRUE(indexes) << indexes.error().describe();
    EXPECT_GT(*indexes, 10);
    auto corrupt = kam::store::query_int(
        **db,
        "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, "
        "LATERAL verify_heapam(c.oid) WHERE c.relkind = 'r' AND n.nspname = 'public'");
    ASSERT_TRUE(corrupt) << corrupt.error().describe();
    EXPECT_EQ(*corrupt, 0);
  }
}

TEST_F(CrashTest, SqliteKeepsEveryAcknowledgedWriteThroughKills) {
  run((dir_ / "crash.db").string(), false);
}

TEST_F(CrashTest, PostgresKeepsEveryAcknowledgedWriteThroughKillsAndImmediateStops) {
  const std::string url = start_postgres();
  ASSERT_FALSE(url.empty()) << "the PostgreSQL cluster did not start";
  run(url, true);
}

}  // namespace
