#include "store/dataset_snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <memory>
#include <random>
#include <span>
#include <type_traits>

#include "core/enums.hpp"
#include "store/migrator.hpp"

namespace kam::store {
namespace {

// Bump when the Dataset's columns, or what load_dataset puts in them, change: a file of
// another format is not read.
constexpr uint32_t kFormat = 1;
constexpr std::array<char, 8> kMagic{'K', 'A', 'M', 'C', 'O', 'L', 'S', '\n'};
constexpr uint32_t kByteOrder = 0x01020304;
// Stamps kept in the database: one per instance keeping a file of its own, with room to spare.
constexpr int kStampsKept = 8;
// An enumeration's codes, 0 to this less one (its values are its labels' positions).
template <class Enum>
constexpr unsigned kCodes = EnumInfo<Enum>::labels.size();

// A column added to the Dataset changes its size: write it below, read it, check it, and
// bump kFormat.
static_assert(sizeof(analytics::Dataset) ==
                  sizeof(analytics::AccountColumns) + 8 + sizeof(analytics::OrderColumns) +
                      sizeof(analytics::ReturnColumns) + sizeof(analytics::InvoiceColumns) +
                      sizeof(analytics::PaymentColumns) + sizeof(analytics::ActivityColumns) +
                      sizeof(analytics::FeedbackColumns),
              "a Dataset member was added or removed: save and read it here, bump kFormat");
static_assert(sizeof(analytics::AccountColumns) == 4 * sizeof(std::vector<int64_t>) +
                                                       sizeof(std::vector<std::string>) +
                                                       sizeof(std::vector<bool>));
static_assert(sizeof(analytics::OrderColumns) == 5 * sizeof(std::vector<int64_t>));
static_assert(sizeof(analytics::ReturnColumns) == 4 * sizeof(std::vector<int64_t>));
static_assert(sizeof(analytics::InvoiceColumns) == 5 * sizeof(std::vector<int64_t>));
static_assert(sizeof(analytics::PaymentColumns) == 5 * sizeof(std::vector<int64_t>));
static_assert(sizeof(analytics::ActivityColumns) == 3 * sizeof(std::vector<int64_t>));
static_assert(sizeof(analytics::FeedbackColumns) == 3 * sizeof(std::vector<int64_t>));

struct Header {
  std::array<char, 8> magic = kMagic;
  uint32_t format = kFormat;
  uint32_t byte_order = kByteOrder;
  int64_t schema_version = 0;
  std::array<char, 32> stamp{};  // hex
  int64_t through = 0;
  int64_t product_lines = 0;
};
static_assert(std::is_trivially_copyable_v<Header>);

// Days and amounts as the database's validated values can hold them (core/date.cpp,
// core/money.cpp): a file outside them was not written from one.
const int32_t kFirstDay = Day::from_ymd(1, 1, 1).value;
const int32_t kLastDay = Day::from_ymd(9999, 12, 31).value;
constexpr int64_t kMaxFen = 90'000'000'000'000'000;

std::string random_stamp() {
  std::random_device device;
  std::string out;
  constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 4; ++i) {
    uint32_t word = device();
    for (int k = 0; k < 8; ++k, word >>= 4)
      out.push_back(kHex[word & 15]);
  }
  return out;
}

class FileWriter {
 public:
  explicit FileWriter(std::FILE* file) : file_(file) {}

  template <class T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  template <class T>
  void column(const std::vector<T>& v) {
    value(static_cast<uint64_t>(v.size()));
    bytes(v.data(), v.size() * sizeof(T));
  }
  // Enumerations and flags as one byte each.
  template <class T>
  void codes(const std::vector<T>& v) {
    std::vector<uint8_t> out(v.size());
    std::transform(v.begin(), v.end(), out.begin(),
                   [](const T& x) { return static_cast<uint8_t>(x); });
    column(out);
  }
  void strings(const std::vector<std::string>& v) {
    value(static_cast<uint64_t>(v.size()));
    for (const auto& s : v) {
      value(static_cast<uint64_t>(s.size()));
      bytes(s.data(), s.size());
    }
  }
  bool ok() const { return ok_; }

 private:
  void bytes(const void* p, size_t n) {
    if (ok_ && n > 0 && std::fwrite(p, 1, n, file_) != n) ok_ = false;
  }
  std::FILE* file_;
  bool ok_ = true;
};

// Reads what FileWriter wrote; a length longer than what is left of the file fails before
// anything is allocated for it.
class FileReader {
 public:
  FileReader(std::FILE* file, uint64_t size) : file_(file), left_(size) {}

  template <class T>
  bool value(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    return bytes(&v, sizeof v);
  }
  template <class T>
  bool column(std::vector<T>& v) {
    uint64_t n = 0;
    if (!value(n) || n > left_ / sizeof(T)) return fail();
    v.resize(n);
    return bytes(v.data(), n * sizeof(T));
  }
  // One byte per value, each below `limit`.
  template <class T>
  bool codes(std::vector<T>& v, unsigned limit) {
    std::vector<uint8_t> in;
    if (!column(in)) return false;
    if (std::any_of(in.begin(), in.end(), [limit](uint8_t c) { return c >= limit; })) return fail();
    v.resize(in.size());
    std::transform(in.begin(), in.end(), v.begin(), [](uint8_t c) { return static_cast<T>(c); });
    return true;
  }
  bool strings(std::vector<std::string>& v) {
    uint64_t n = 0;
    if (!value(n) || n > left_ / sizeof(uint64_t)) return fail();
    v.resize(n);
    for (auto& s : v) {
      uint64_t length = 0;
      if (!value(length) || length > left_) return fail();
      s.resize(length);
      if (!bytes(s.data(), length)) return false;
    }
    return true;
  }
  bool at_end() const { return left_ == 0; }

 private:
  bool bytes(void* p, uint64_t n) {
    if (n > left_ || (n > 0 && std::fread(p, 1, n, file_) != n)) return fail();
    left_ -= n;
    return true;
  }
  bool fail() {
    left_ = 0;
    return false;
  }
  std::FILE* file_;
  uint64_t left_;
};

void write_columns(FileWriter& w, const analytics::Dataset& d) {
  const auto& a = d.accounts;
  w.column(a.id);
  w.codes(a.importance);
  w.column(a.parent);
  w.column(a.province);
  w.strings(a.provinces);
  w.codes(a.government);
  w.column(d.orders.offset);
  w.column(d.orders.day);
  w.column(d.orders.amount);
  w.column(d.orders.margin);
  w.column(d.orders.product_line);
  w.column(d.returns.offset);
  w.column(d.returns.day);
  w.column(d.returns.amount);
  w.column(d.returns.margin);
  w.column(d.invoices.offset);
  w.column(d.invoices.key);
  w.column(d.invoices.invoice_day);
  w.column(d.invoices.due_day);
  w.column(d.invoices.amount);
  w.column(d.payments.offset);
  w.column(d.payments.day);
  w.column(d.payments.amount);
  w.column(d.payments.invoice_day);
  w.column(d.payments.invoice);
  w.column(d.activities.offset);
  w.column(d.activities.day);
  w.column(d.activities.minutes);
  w.column(d.feedback.offset);
  w.column(d.feedback.day);
  w.codes(d.feedback.kind);
}

bool read_columns(FileReader& r, analytics::Dataset& d) {
  auto& a = d.accounts;
  return r.column(a.id) && r.codes(a.importance, kCodes<Importance>) && r.column(a.parent) &&
         r.column(a.province) && r.strings(a.provinces) && r.codes(a.government, 2) &&
         r.column(d.orders.offset) && r.column(d.orders.day) && r.column(d.orders.amount) &&
         r.column(d.orders.margin) && r.column(d.orders.product_line) &&
         r.column(d.returns.offset) && r.column(d.returns.day) && r.column(d.returns.amount) &&
         r.column(d.returns.margin) && r.column(d.invoices.offset) && r.column(d.invoices.key) &&
         r.column(d.invoices.invoice_day) && r.column(d.invoices.due_day) &&
         r.column(d.invoices.amount) && r.column(d.payments.offset) && r.column(d.payments.day) &&
         r.column(d.payments.amount) && r.column(d.payments.invoice_day) &&
         r.column(d.payments.invoice) && r.column(d.activities.offset) &&
         r.column(d.activities.day) && r.column(d.activities.minutes) &&
         r.column(d.feedback.offset) && r.column(d.feedback.day) &&
         r.codes(d.feedback.kind, kCodes<FeedbackKind>);
}

bool is_day(int32_t day) {
  return day >= kFirstDay && day <= kLastDay;
}
bool is_amount(int64_t fen) {
  return fen >= -kMaxFen && fen <= kMaxFen;
}

// A fact table grouped by account as the engine reads it: `offset` has one entry per account
// and one more, starts at 0, never decreases and ends at the rows every column holds; each
// account's rows are in day order.
bool grouped(const std::vector<uint32_t>& offset, const std::vector<int32_t>& day, size_t accounts,
             std::initializer_list<size_t> other_columns) {
  if (offset.size() != accounts + 1 || offset.front() != 0 || offset.back() != day.size())
    return false;
  for (size_t rows : other_columns)
    if (rows != day.size()) return false;
  if (!std::all_of(day.begin(), day.end(), is_day)) return false;
  // Non-decreasing and ending at the rows: every offset is within them.
  if (std::adjacent_find(offset.begin(), offset.end(), std::greater<>()) != offset.end())
    return false;
  for (size_t k = 0; k < accounts; ++k)
    if (!std::is_sorted(day.begin() + offset[k], day.begin() + offset[k + 1])) return false;
  return true;
}

bool all_amounts(const std::vector<int64_t>& v) {
  return std::all_of(v.begin(), v.end(), is_amount);
}

// What the engine assumes of a Dataset (analytics/dataset.hpp), checked; empty when it holds.
std::string problem_in(const analytics::Dataset& d) {
  const auto& a = d.accounts;
  const size_t n = a.id.size();
  if (a.importance.size() != n || a.parent.size() != n || a.province.size() != n ||
      a.government.size() != n)
    return "the account columns differ in length";
  if (n > static_cast<size_t>(INT32_MAX)) return "too many accounts";
  if (std::adjacent_find(a.id.begin(), a.id.end(), std::greater_equal<>()) != a.id.end())
    return "the account ids are not ascending";
  if (a.provinces.size() > UINT16_MAX + size_t{1} ||
      std::any_of(a.province.begin(), a.province.end(),
                  [&](uint16_t p) { return p >= a.provinces.size(); }))
    return "a province is out of range";
  if (std::any_of(a.parent.begin(), a.parent.end(),
                  [n](int32_t p) { return p < -1 || p >= static_cast<int64_t>(n); }))
    return "a group headquarters is out of range";
  if (d.product_lines < 0 || d.product_lines > INT16_MAX) return "the product line count";
  const auto& o = d.orders;
  if (!grouped(o.offset, o.day, n, {o.amount.size(), o.margin.size(), o.product_line.size()}) ||
      !all_amounts(o.amount) || !all_amounts(o.margin) ||
      std::any_of(o.product_line.begin(), o.product_line.end(),
                  [&](int16_t p) { return p < -1 || p >= d.product_lines; }))
    return "the orders";
  const auto& r = d.returns;
  if (!grouped(r.offset, r.day, n, {r.amount.size(), r.margin.size()}) || !all_amounts(r.amount) ||
      !all_amounts(r.margin))
    return "the returns";
  const auto& i = d.invoices;
  if (!grouped(i.offset, i.invoice_day, n, {i.key.size(), i.due_day.size(), i.amount.size()}) ||
      !std::all_of(i.due_day.begin(), i.due_day.end(), is_day) || !all_amounts(i.amount))
    return "the invoices";
  const auto& p = d.payments;
  const auto invoices = static_cast<int64_t>(i.key.size());
  if (!grouped(p.offset, p.day, n, {p.amount.size(), p.invoice_day.size(), p.invoice.size()}) ||
      !all_amounts(p.amount) || !std::all_of(p.invoice_day.begin(), p.invoice_day.end(), is_day) ||
      std::any_of(p.invoice.begin(), p.invoice.end(),
                  [invoices](int64_t k) { return k < -1 || k >= invoices; }))
    return "the payments";
  const auto& v = d.activities;
  if (!grouped(v.offset, v.day, n, {v.minutes.size()}) ||
      std::any_of(v.minutes.begin(), v.minutes.end(), [](int32_t m) { return m < 0; }))
    return "the activities";
  if (!grouped(d.feedback.offset, d.feedback.day, n, {d.feedback.kind.size()}))
    return "the feedback";
  return {};
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

Result<SnapshotStamp> new_snapshot_stamp(Connection& c, int64_t through) {
  auto schema = schema_version(c);
  if (!schema) return schema.error();
  SnapshotStamp out{random_stamp(), *schema, through};
  const SqlValue row[] = {out.stamp, through};
  auto recorded = c.execute("INSERT INTO analysis_snapshots (stamp, through) VALUES ($1, $2)", row);
  if (!recorded) return recorded.error();
  const SqlValue kept[] = {int64_t{kStampsKept}};
  auto pruned = c.execute(
      "DELETE FROM analysis_snapshots WHERE id NOT IN (SELECT id FROM analysis_snapshots "
      "ORDER BY id DESC LIMIT $1)",
      kept);
  if (!pruned) return pruned.error();
  return out;
}

Status write_dataset_snapshot(const std::string& path, const SnapshotStamp& stamp,
                              const analytics::Dataset& data) {
  Header header;
  header.schema_version = stamp.schema_version;
  if (stamp.stamp.size() != header.stamp.size()) return Error::internal("a stamp of 32 digits");
  std::copy(stamp.stamp.begin(), stamp.stamp.end(), header.stamp.begin());
  header.through = stamp.through;
  header.product_lines = data.product_lines;
  // Named by the stamp: two instances keeping one file never write into each other's.
  const std::string temporary = path + ".writing-" + stamp.stamp;
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error::io("cannot write " + temporary + ": " + std::strerror(errno));
  File file(::fdopen(fd, "wb"));
  if (!file) {
    ::close(fd);
    return Error::io("cannot write " + temporary);
  }
  FileWriter w(file.get());
  w.value(header);
  write_columns(w, data);
  // Durable before it is renamed: a crash leaves the old file or the whole new one.
  const bool written = w.ok() && std::fflush(file.get()) == 0 && ::fsync(fd) == 0;
  file.reset();
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(temporary.c_str());
    return Error::io("cannot write " + path + ": " + why);
  }
  return Status::success();
}

Result<std::optional<DatasetSnapshot>> read_dataset_snapshot(Connection& c, const std::string& path,
                                                             std::string* refused) {
  auto refuse = [&](std::string why) -> Result<std::optional<DatasetSnapshot>> {
    if (refused) *refused = path + ": " + std::move(why);
    return std::optional<DatasetSnapshot>{};
  };
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) return refuse("no such file");
  struct stat status {};
  if (::fstat(::fileno(file.get()), &status) != 0 || !S_ISREG(status.st_mode))
    return refuse("not a file");
  FileReader r(file.get(), static_cast<uint64_t>(status.st_size));
  Header header;
  if (!r.value(header) || header.magic != kMagic) return refuse("not a file of saved columns");
  if (header.format != kFormat || header.byte_order != kByteOrder)
    return refuse("written by another version of kam");
  auto schema = schema_version(c);
  if (!schema) return schema.error();
  if (header.schema_version != *schema) return refuse("written for another schema version");
  const std::string stamp(header.stamp.begin(), header.stamp.end());
  const SqlValue params[] = {stamp};
  std::optional<int64_t> through;
  KAM_RETURN_IF_ERROR(c.query("SELECT through FROM analysis_snapshots WHERE stamp = $1", params,
                              [&](const Row& row) {
                                through = row.get_int(0);
                                return false;
                              }));
  if (!through || *through != header.through)
    return refuse("not written from this database as it stands");
  DatasetSnapshot out;
  out.through = header.through;
  if (header.product_lines < 0 || header.product_lines > INT16_MAX)
    return refuse("damaged (product lines)");
  out.data.product_lines = static_cast<int>(header.product_lines);
  if (!read_columns(r, out.data) || !r.at_end()) return refuse("damaged (its lengths)");
  if (auto problem = problem_in(out.data); !problem.empty())
    return refuse("damaged (" + problem + ")");
  return std::optional<DatasetSnapshot>(std::move(out));
}

std::string default_snapshot_path(std::string_view location) {
  if (is_postgres_location(location)) return {};
  const std::string file = sqlite_file(location);
  if (file.empty() || file == ":memory:" || file.starts_with("file:")) return {};
  return file + ".columns";
}

}  // namespace kam::store
