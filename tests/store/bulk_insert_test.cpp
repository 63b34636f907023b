// Connection::insert_rows, the path of bulk loads: multi-row INSERTs on SQLite, COPY on
// PostgreSQL. Whatever bytes a text holds must come back as they went in.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/deferred_references.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

const Actor kLoader{"import", std::nullopt};

// Texts that the COPY text format must escape or that look like its own syntax.
std::vector<std::string> hostile_texts() {
  std::vector<std::string> out{
      "tab\there",
      "line\nfeed",
      "carriage\rreturn\r\n",
      "back\\slash \\\\ double",
      "\\N",  // COPY's NULL, as text
      "\\.",  // COPY's end of data, as text
      "\\",
      "ends with a backslash\\",
      "\\t\\n\\r\\b\\f\\v\\x41\\101",  // escapes COPY would decode, written out
      "'single' \"double\" `back` quotes; DROP TABLE accounts; --",
      "中国移动通信集团有限公司\t第二列\n第二行",
      "emoji 🙂 and ½ and \u00e9",
      "",
      " leading and trailing spaces ",
  };
  std::string controls;
  for (int c = 1; c < 0x20; ++c)
    controls += static_cast<char>(c);
  controls += '\x7f';
  out.push_back(controls);
  std::string long_text;
  while (long_text.size() < 300'000)
    long_text += "很长的备注\t含制表符\\和反斜杠\n";
  out.push_back(long_text);
  return out;
}

TEST(BulkInsert, TextsNullsAndNumbersComeBackExactly) {
  TestStore t;
  const auto texts = hostile_texts();
  const std::vector<std::string> columns{"id",         "name",       "address",
                                         "notes",      "employees",  "status",
                                         "created_at", "updated_at", "registered_capital"};
  // More rows than one statement (SQLite) or one chunk sent (PostgreSQL) holds.
  const size_t rows = 3 * texts.size() + 70;
  Transaction tx(t.db());
  ASSERT_TRUE(tx.started());
  auto first = t.db().reserve_ids("accounts", static_cast<int64_t>(rows));
  ASSERT_TRUE(first) << first.error().describe();
  std::vector<SqlValue> values;
  for (size_t r = 0; r < rows; ++r) {
    const std::string& text = texts[r % texts.size()];
    values.emplace_back(*first + static_cast<int64_t>(r));
    values.emplace_back("客户 " + std::to_string(r) + " \\ \" '");
    if (r % 3 == 0) {
      values.emplace_back();
    } else {
      values.emplace_back(text);
    }
    values.emplace_back(text);
    if (r % 2 == 0) {
      values.emplace_back();
    } else {
      values.emplace_back(int64_t{-9'000'000'000'000} + static_cast<int64_t>(r));
    }
    values.emplace_back("active");
    values.emplace_back("2024-06-01T09:00:00Z");
    values.emplace_back("2024-06-01T09:00:00Z");
    values.emplace_back(int64_t{9'223'372'036'854'775'807});
  }
  ASSERT_TRUE(t.db().insert_rows("accounts", columns, values));
  ASSERT_TRUE(tx.commit());

  size_t r = 0;
  ASSERT_TRUE(t.db().query(
      "SELECT id, name, address, notes, employees, registered_capital FROM accounts ORDER BY id",
      {}, [&](const Row& row) {
        const std::string& text = texts[r % texts.size()];
        EXPECT_EQ(row.get_int(0), *first + static_cast<int64_t>(r));
        EXPECT_EQ(row.get_text(1), "客户 " + std::to_string(r) + " \\ \" '");
        if (r % 3 == 0) {
          EXPECT_TRUE(row.is_null(2)) << "row " << r;
        } else {
          EXPECT_FALSE(row.is_null(2)) << "row " << r;  // the empty text is not NULL
          EXPECT_EQ(row.get_text(2), text) << "row " << r;
        }
        EXPECT_EQ(row.get_text(3), text) << "row " << r;
        if (r % 2 == 0) {
          EXPECT_TRUE(row.is_null(4));
        } else {
          EXPECT_EQ(row.get_int(4), int64_t{-9'000'000'000'000} + static_cast<int64_t>(r));
        }
        EXPECT_EQ(row.get_int(5), int64_t{9'223'372'036'854'775'807});
        ++r;
        return true;
      }));
  EXPECT_EQ(r, rows);
}

TEST(BulkInsert, ARefusedRowLeavesNothingOfTheLoad) {
  TestStore t;
  const std::vector<std::string> columns{"name", "status", "created_at", "updated_at", "owner_id"};
  std::vector<SqlValue> values;
  for (int r = 0; r < 100; ++r) {
    values.emplace_back("客户" + std::to_string(r));
    values.emplace_back("active");
    values.emplace_back("2024-06-01T09:00:00Z");
    values.emplace_back("2024-06-01T09:00:00Z");
    if (r == 77) {
      values.emplace_back(int64_t{999});  // no user 999
    } else {
      values.emplace_back();
    }
  }
  {
    Transaction tx(t.db());
    ASSERT_TRUE(tx.started());
    auto done = t.db().insert_rows("accounts", columns, values);
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, ErrorCode::kInvalid);
  }
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 0);
  // The connection takes the next statement as usual.
  values[77 * 5 + 4] = SqlValue{};
  ASSERT_TRUE(t.db().insert_rows("accounts", columns, values));
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 100);
}

// A load that makes its foreign keys after the rows (the demo on PostgreSQL) still refuses a
// row naming a record that does not exist: the key's validation at the end fails, and with it
// the whole load, and the database keeps its foreign keys. On SQLite the row is refused as it
// is written.
TEST(BulkInsert, ALoadWithItsReferencesCheckedAtTheEndRefusesADanglingOne) {
  TestStore t;
  const std::vector<std::string> columns{"name", "status", "created_at", "updated_at", "owner_id"};
  std::vector<SqlValue> values;
  for (int r = 0; r < 100; ++r) {
    values.emplace_back("客户" + std::to_string(r));
    values.emplace_back("active");
    values.emplace_back("2024-06-01T09:00:00Z");
    values.emplace_back("2024-06-01T09:00:00Z");
    if (r == 41) {
      values.emplace_back(int64_t{999});  // no user 999
    } else {
      values.emplace_back();
    }
  }
  const std::string foreign_keys =
      "SELECT COUNT(*) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
      "WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace";
  const bool postgres = t.db().dialect() == Dialect::kPostgres;
  const int64_t keys_before = postgres ? *query_int(t.db(), foreign_keys) : 0;
  {
    Transaction tx(t.db());
    ASSERT_TRUE(tx.started());
    auto deferred = DeferredReferences::defer(t.db());
    ASSERT_TRUE(deferred) << deferred.error().describe();
    auto written = t.db().insert_rows("accounts", columns, values);
    Status restored = Status::success();
    if (postgres) {
      EXPECT_GT(deferred->pending(), 80u);                 // the schema's foreign keys and indexes
      ASSERT_TRUE(written) << written.error().describe();  // nothing checks the row yet
      restored = deferred->restore(t.db());
    } else {
      EXPECT_EQ(deferred->pending(), 0u);
      restored = written;
    }
    ASSERT_FALSE(restored);
    EXPECT_EQ(restored.error().code, ErrorCode::kInvalid);
    ASSERT_EQ(restored.error().fields.size(), 1u);
    EXPECT_EQ(restored.error().fields[0].message, "refers to a record that does not exist");
  }
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 0);
  if (postgres) {
    EXPECT_EQ(*query_int(t.db(), foreign_keys), keys_before);
    EXPECT_GT(keys_before, 80);
    // The key is enforced row by row again.
    std::vector<SqlValue> one(values.begin() + 41 * 5, values.begin() + 42 * 5);
    auto refused = t.db().insert_rows("accounts", columns, one);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  }
}

// On SQLite a load widens the connection's page cache while it writes and then sets the one
// the connection had again.
TEST(BulkInsert, ASqliteLoadHasAWiderPageCacheUntilItIsRestored) {
  TestStore t;
  if (t.db().dialect() != Dialect::kSqlite) GTEST_SKIP() << "SQLite's page cache";
  ASSERT_TRUE(t.db().execute_script("PRAGMA cache_size = -12345"));
  auto deferred = DeferredReferences::defer(t.db());
  ASSERT_TRUE(deferred) << deferred.error().describe();
  EXPECT_LE(*query_int(t.db(), "PRAGMA cache_size"), -(64 << 10));  // KiB, negated
  ASSERT_TRUE(deferred->restore(t.db()));
  EXPECT_EQ(*query_int(t.db(), "PRAGMA cache_size"), -12345);
}

TEST(BulkInsert, PostgresRefusesANulByteNamingTheColumn) {
  TestStore t;
  if (t.db().dialect() != Dialect::kPostgres) GTEST_SKIP() << "a PostgreSQL limit";
  const std::vector<std::string> columns{"name", "status", "created_at", "updated_at", "notes"};
  const SqlValue values[] = {std::string("甲"), std::string("active"),
                             std::string("2024-06-01T09:00:00Z"),
                             std::string("2024-06-01T09:00:00Z"), std::string("a\0b", 3)};
  auto done = t.db().insert_rows("accounts", columns, values);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::kInvalid);
  ASSERT_FALSE(done.error().fields.empty());
  EXPECT_EQ(done.error().fields[0].field, "notes");
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 0);
}

// Through the repository, as the importer and the demo write: validated records with the
// texts their fields allow, ids reserved up front, one bulk_create audit row.
TEST(BulkInsert, CreateManyRoundTripsHostileTextAndAuditsOnce) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  std::vector<Account> batch;
  std::vector<std::string> notes;
  for (const auto& text : hostile_texts()) {
    std::string note = text;
    for (auto& ch : note)  // multiline text allows tab, LF and CR, no other controls
      if ((static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
          ch == '\x7f')
        ch = '?';
    if (note.size() > 3000) {  // notes hold 4,000 characters at most
      note.clear();
      while (note.size() < 2900)
        note += "很长的备注\t含制表符\\和反斜杠\n";
    }
    notes.push_back(note);
  }
  for (size_t i = 0; i < notes.size(); ++i) {
    Account a = make_account("客户\\" + std::to_string(i) + " 'q' \"qq\" \\N");
    a.notes = notes[i];
    a.address = "杭州市\t西湖区 \\ 文三路" + std::to_string(i);
    batch.push_back(a);
  }
  ASSERT_TRUE(accounts.create_many(batch, kLoader));
  for (size_t i = 0; i < batch.size(); ++i) {
    auto back = accounts.get(batch[i].meta.id);
    ASSERT_TRUE(back) << back.error().describe();
    EXPECT_EQ(back->name, batch[i].name);
    EXPECT_EQ(back->notes, notes[i]) << "record " << i;
    EXPECT_EQ(back->address, batch[i].address);
    EXPECT_EQ(back->meta.version, 1);
  }
  EXPECT_EQ(batch.back().meta.id - batch.front().meta.id, static_cast<int64_t>(batch.size()) - 1);
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'bulk_create'"), 1);
  // New rows after a bulk load continue after its ids.
  Account later = make_account("后来的客户");
  auto id = accounts.create(later, kLoader);
  ASSERT_TRUE(id) << id.error().describe();
  EXPECT_GT(*id, batch.back().meta.id);
}

}  // namespace
}  // namespace kam::store
