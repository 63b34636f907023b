// The analysis's columns saved between starts: read back as written, read only by the
// database and state they were written for, and a damaged file refused, never read past.

#include "store/dataset_snapshot.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <thread>

#include "analytics/analysis.hpp"
#include "demo/generator.hpp"
#include "store/analysis_changes.hpp"
#include "store/dataset_loader.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

void expect_same(const analytics::Dataset& a, const analytics::Dataset& b) {
  EXPECT_EQ(a.accounts.id, b.accounts.id);
  EXPECT_EQ(a.accounts.importance, b.accounts.importance);
  EXPECT_EQ(a.accounts.parent, b.accounts.parent);
  EXPECT_EQ(a.accounts.province, b.accounts.province);
  EXPECT_EQ(a.accounts.provinces, b.accounts.provinces);
  EXPECT_EQ(a.accounts.government, b.accounts.government);
  EXPECT_EQ(a.product_lines, b.product_lines);
  EXPECT_EQ(a.orders.offset, b.orders.offset);
  EXPECT_EQ(a.orders.day, b.orders.day);
  EXPECT_EQ(a.orders.amount, b.orders.amount);
  EXPECT_EQ(a.orders.margin, b.orders.margin);
  EXPECT_EQ(a.orders.product_line, b.orders.product_line);
  EXPECT_EQ(a.returns.offset, b.returns.offset);
  EXPECT_EQ(a.returns.day, b.returns.day);
  EXPECT_EQ(a.returns.amount, b.returns.amount);
  EXPECT_EQ(a.returns.margin, b.returns.margin);
  EXPECT_EQ(a.invoices.offset, b.invoices.offset);
  EXPECT_EQ(a.invoices.key, b.invoices.key);
  EXPECT_EQ(a.invoices.invoice_day, b.invoices.invoice_day);
  EXPECT_EQ(a.invoices.due_day, b.invoices.due_day);
  EXPECT_EQ(a.invoices.amount, b.invoices.amount);
  EXPECT_EQ(a.payments.offset, b.payments.offset);
  EXPECT_EQ(a.payments.day, b.payments.day);
  EXPECT_EQ(a.payments.amount, b.payments.amount);
  EXPECT_EQ(a.payments.invoice_day, b.payments.invoice_day);
  EXPECT_EQ(a.payments.invoice, b.payments.invoice);
  EXPECT_EQ(a.activities.offset, b.activities.offset);
  EXPECT_EQ(a.activities.day, b.activities.day);
  EXPECT_EQ(a.activities.minutes, b.activities.minutes);
  EXPECT_EQ(a.feedback.offset, b.feedback.offset);
  EXPECT_EQ(a.feedback.day, b.feedback.day);
  EXPECT_EQ(a.feedback.kind, b.feedback.kind);
}

class DatasetSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::DemoOptions o;
    o.accounts = 120;
    o.years = 2;
    o.seed = 5;
    o.end = *parse_date("2024-12-31");
    ASSERT_TRUE(demo::generate_demo(*db_.store, o));
    auto data = load_dataset(db_.db());
    ASSERT_TRUE(data) << data.error().describe();
    data_ = std::move(*data);
    ASSERT_GT(data_.orders.day.size(), 100u);
    ASSERT_GT(data_.payments.day.size(), 10u);
    ASSERT_GT(data_.feedback.day.size(), 0u);
    std::filesystem::remove(path_);
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Writes the columns as of the newest change; returns the stamp.
  SnapshotStamp save() {
    auto through = latest_analysis_change(db_.db());
    if (!through) throw std::runtime_error(through.error().describe());
    auto stamp = new_snapshot_stamp(db_.db(), *through);
    if (!stamp) throw std::runtime_error(stamp.error().describe());
    if (auto written = write_dataset_snapshot(path_, *stamp, data_); !written)
      throw std::runtime_error(written.error().describe());
    return *stamp;
  }

  std::string bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  void put(const std::string& content) const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
  }

  TestStore db_;
  analytics::Dataset data_;
  const std::string path_ = (std::filesystem::temp_directory_path() /
                             ("dataset_snapshot_" + std::to_string(::getpid()) + ".columns"))
                                .string();
};

TEST_F(DatasetSnapshotTest, TheColumnsReadBackAreTheColumnsWritten) {
  const auto stamp = save();
  EXPECT_EQ(std::filesystem::status(path_).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::string refused;
  auto read = read_dataset_snapshot(db_.db(), path_, &refused);
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_TRUE(*read) << refused;
  EXPECT_EQ((*read)->through, stamp.through);
  expect_same((*read)->data, data_);
}

TEST_F(DatasetSnapshotTest, AFileIsReadOnlyForTheDatabaseAndTheStateItWasWrittenFrom) {
  std::string refused;
  auto none = read_dataset_snapshot(db_.db(), path_, &refused);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  EXPECT_NE(refused.find("no such file"), std::string::npos) << refused;

  save();
  // Another database (the same schema): its stamps do not name this file.
  TestStore other;
  auto elsewhere = read_dataset_snapshot(other.db(), path_, &refused);
  ASSERT_TRUE(elsewhere);
  EXPECT_FALSE(*elsewhere);
  EXPECT_NE(refused.find("not written from this database"), std::string::npos) << refused;

  // This database restored from a backup taken before the file was written: its stamp is not
  // there either.
  ASSERT_TRUE(db_.db().execute("DELETE FROM analysis_snapshots"));
  auto restored = read_dataset_snapshot(db_.db(), path_, &refused);
  ASSERT_TRUE(restored);
  EXPECT_FALSE(*restored);

  // Written for another schema version (an older kam's file after a migration).
  auto stamp = save();
  stamp.schema_version += 1;
  ASSERT_TRUE(write_dataset_snapshot(path_, stamp, data_));
  auto migrated = read_dataset_snapshot(db_.db(), path_, &refused);
  ASSERT_TRUE(migrated);
  EXPECT_FALSE(*migrated);
  EXPECT_NE(refused.find("schema"), std::string::npos) << refused;

  // The newest few stamps are kept: a file older than them is not read.
  const auto first = save();
  for (int i = 0; i < 8; ++i)
    ASSERT_TRUE(new_snapshot_stamp(db_.db(), first.through));
  ASSERT_TRUE(write_dataset_snapshot(path_, first, data_));
  auto aged = read_dataset_snapshot(db_.db(), path_, &refused);
  ASSERT_TRUE(aged);
  EXPECT_FALSE(*aged);
}

// Two instances keeping one file may write it at once: whichever rename comes last, the file
// is one of theirs, whole.
TEST_F(DatasetSnapshotTest, TwoWritersOfOneFileLeaveOneWholeFile) {
  for (int round = 0; round < 5; ++round) {
    auto through = latest_analysis_change(db_.db());
    ASSERT_TRUE(through);
    auto first = new_snapshot_stamp(db_.db(), *through);
    auto second = new_snapshot_stamp(db_.db(), *through);
    ASSERT_TRUE(first && second);
    Status a, b;
    {
      std::jthread one([&] { a = write_dataset_snapshot(path_, *first, data_); });
      std::jthread other([&] { b = write_dataset_snapshot(path_, *second, data_); });
    }
    ASSERT_TRUE(a) << a.error().describe();
    ASSERT_TRUE(b) << b.error().describe();
    std::string refused;
    auto read = read_dataset_snapshot(db_.db(), path_, &refused);
    ASSERT_TRUE(read);
    ASSERT_TRUE(*read) << refused;
    expect_same((*read)->data, data_);
  }
}

TEST_F(DatasetSnapshotTest, ADamagedFileIsRefusedAndNeverReadPast) {
  save();
  const std::string whole = bytes();
  auto refused_as = [&](const std::string& content) {
    put(content);
    std::string why;
    auto read = read_dataset_snapshot(db_.db(), path_, &why);
    if (!read) throw std::runtime_error(read.error().describe());
    return *read ? std::string() : why;
  };
  ASSERT_EQ(refused_as(whole), "");

  // Cut short anywhere, or with bytes after the end.
  std::mt19937_64 random(42);
  for (int i = 0; i < 60; ++i) {
    const size_t length = random() % whole.size();
    EXPECT_NE(refused_as(whole.substr(0, length)), "") << "cut to " << length;
  }
  EXPECT_NE(refused_as(whole + "x"), "");

  // One byte changed anywhere: refused, or columns the engine reads without going astray
  // (the sanitizer build would stop at a read past a column).
  const auto rules = analytics::default_rules();
  const analytics::Period year{Day::from_ymd(2024, 1, 1), Day::from_ymd(2024, 12, 31)};
  int refused = 0, analysed = 0;
  for (int i = 0; i < 400; ++i) {
    std::string damaged = whole;
    const size_t at = random() % damaged.size();
    damaged[at] = static_cast<char>(damaged[at] ^ static_cast<char>(1 + random() % 255));
    put(damaged);
    auto read = read_dataset_snapshot(db_.db(), path_);
    ASSERT_TRUE(read);
    if (!*read) {
      ++refused;
      continue;
    }
    const auto an = analytics::analyze((*read)->data, year, rules, 1);
    EXPECT_EQ(an.pyramid.size(), (*read)->data.accounts.size());
    ++analysed;
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(analysed, 0);  // most of a file is amounts and days, any of which may be changed
}

TEST_F(DatasetSnapshotTest, ColumnsTheEngineCouldNotReadAreRefusedWhateverWroteThem) {
  const std::vector<std::pair<const char*, std::function<void(analytics::Dataset&)>>> damages{
      {"account ids", [](auto& d) { std::swap(d.accounts.id[0], d.accounts.id[1]); }},
      {"province", [](auto& d) { d.accounts.province[3] = uint16_t(d.accounts.provinces.size()); }},
      {"headquarters", [](auto& d) { d.accounts.parent[2] = int32_t(d.accounts.size()); }},
      {"orders", [](auto& d) { d.orders.offset[5] = d.orders.offset[6] + 1; }},
      {"orders", [](auto& d) { d.orders.offset.back() += 1; }},
      {"orders", [](auto& d) { d.orders.product_line[0] = int16_t(d.product_lines); }},
      {"orders", [](auto& d) { d.orders.amount.pop_back(); }},
      {"orders", [](auto& d) { d.orders.amount[0] = INT64_MAX; }},
      {"payments", [](auto& d) { d.payments.invoice[0] = int64_t(d.invoices.key.size()); }},
      {"invoices", [](auto& d) { d.invoices.due_day[0] = INT32_MIN; }},
      {"feedback", [](auto& d) { d.feedback.offset.pop_back(); }},
  };
  // An account with two orders on different days, whose days are then swapped.
  size_t two = 0;
  while (two < data_.accounts.size() &&
         !(data_.orders.offset[two + 1] - data_.orders.offset[two] >= 2 &&
           data_.orders.day[data_.orders.offset[two]] <
               data_.orders.day[data_.orders.offset[two] + 1]))
    ++two;
  ASSERT_LT(two, data_.accounts.size());
  const auto unsorted = [two](analytics::Dataset& d) {
    std::swap(d.orders.day[d.orders.offset[two]], d.orders.day[d.orders.offset[two] + 1]);
  };
  auto all = damages;
  all.emplace_back("orders", unsorted);
  for (const auto& [named, damage] : all) {
    analytics::Dataset damaged = data_;
    damage(damaged);
    ASSERT_TRUE(write_dataset_snapshot(path_, save(), damaged));
    std::string refused;
    auto read = read_dataset_snapshot(db_.db(), path_, &refused);
    ASSERT_TRUE(read);
    EXPECT_FALSE(*read) << named;
    EXPECT_NE(refused.find(named), std::string::npos) << refused;
  }
}

}  // namespace
}  // namespace kam::store
