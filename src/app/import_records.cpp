#include "app/import_records.hpp"

#include <chrono>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "app/header_normalization.hpp"
#include "app/record_writes.hpp"
#include "store/entity_dispatch.hpp"
#include "store/import_lookup.hpp"
#include "store/record_fields.hpp"

namespace kam::app {
namespace {

using store::Connection;
using store::EntityTraits;

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

// What went wrong, in the words of the error's first field problem.
std::string reason_of(const Error& e) {
  return e.fields.empty() ? e.message : e.fields.front().message;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Reads an unsigned number at `at`, advancing it; nullopt when there is none.
std::optional<int> number_at(std::string_view s, size_t& at, size_t max_digits) {
  size_t start = at;
  int value = 0;
  while (at < s.size() && at - start < max_digits && s[at] >= '0' && s[at] <= '9')
    value = value * 10 + (s[at++] - '0');
  if (at == start) return std::nullopt;
  return value;
}

bool skip(std::string_view s, size_t& at, std::string_view token) {
  if (s.substr(at).starts_with(token)) {
    at += token.size();
    return true;
  }
  return false;
}

// Dates as sheets write them — 2024/1/5, 2024-1-5, 2024.1.5, 2024年1月5日 — optionally with
// a time of day (10:30 or 10:30:00) — as ISO 8601: "2024-01-05", or "2024-01-05T10:30:00+08:00"
// (a time without a zone is China Standard Time, where KAM's sheets come from). nullopt when
// the text is not such a date.
std::optional<std::string> iso_date(std::string_view text) {
  size_t at = 0;
  auto year = number_at(text, at, 4);
  if (!year || at != 4) return std::nullopt;
  if (!(skip(text, at, "-") || skip(text, at, "/") || skip(text, at, ".") || skip(text, at, "年")))
    return std::nullopt;
  auto month = number_at(text, at, 2);
  if (!month) return std::nullopt;
  if (!(skip(text, at, "-") || skip(text, at, "/") || skip(text, at, ".") || skip(text, at, "月")))
    return std::nullopt;
  auto day = number_at(text, at, 2);
  if (!day) return std::nullopt;
  skip(text, at, "日");
  if (!is_valid_ymd(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)))
    return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *year, *month, *day);
  if (at == text.size()) return std::string(buf);
  if (!(skip(text, at, " ") || skip(text, at, "T"))) return std::nullopt;
  auto hour = number_at(text, at, 2);
  if (!hour || !skip(text, at, ":")) return std::nullopt;
  auto minute = number_at(text, at, 2);
  int second = 0;
  if (!minute) return std::nullopt;
  if (skip(text, at, ":")) {
    auto s = number_at(text, at, 2);
    if (!s) return std::nullopt;
    second = *s;
  }
  if (at != text.size() || *hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  char full[64];
  std::snprintf(full, sizeof full, "%sT%02d:%02d:%02d+08:00", buf, *hour, *minute, second);
  return std::string(full);
}

// Sets `field` from a date as sheets write it (iso_date), when `text` is one: a date and time
// too into a field of dates alone, as its day, since a cell styled as a date and time shows
// the day the row is about. Returns the text that was set.
template <class T>
std::optional<std::string> set_as_date(T& record, const std::string& field, std::string_view text) {
  auto iso = iso_date(text);
  if (!iso) return std::nullopt;
  if (store::set_field(record, field, *iso)) return iso;
  if (iso->size() > 10 && store::set_field(record, field, iso->substr(0, 10)))
    return iso->substr(0, 10);
  return std::nullopt;
}

// Whether a validation problem concerns a field whose cell did not parse: the field itself,
// or, for a rule comparing fields (due_date with invoice_date, gross_margin with amount), one
// its message names. Such a field holds no value yet, so the rule says nothing about the row.
bool concerns_any(const FieldError& problem, const std::unordered_set<std::string>& fields) {
  if (fields.contains(problem.field)) return true;
  const auto is_name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  };
  const std::string_view message = problem.message;
  for (const auto& field : fields) {
    if (field.empty()) continue;
    for (size_t at = message.find(field); at != std::string_view::npos;
         at = message.find(field, at + 1)) {
      const size_t end = at + field.size();
      if ((at == 0 || !is_name_char(message[at - 1])) &&
          (end == message.size() || !is_name_char(message[end])))
        return true;
    }
  }
  return false;
}

// Looks up what a sheet writes in a reference column: an id, or a natural key of the table.
class Resolver {
 public:
  explicit Resolver(Connection& c) : c_(c) {}

  // The id `text` names in `table`; `account_id` narrows contacts to the row's account. Text
  // of digits is an id when a live record has it (KAM writes ids without leading zeros) and a
  // natural key when one holds it; when it is both, of two different records, it names
  // neither: the row is refused rather than linked to the wrong one.
  Result<int64_t> resolve(std::string_view table, std::string_view text,
                          std::optional<int64_t> account_id) {
    std::optional<int64_t> by_id;
    if (all_digits(text) && text.size() <= 18 && text.front() != '0') {
      const int64_t id = std::stoll(std::string(text));
      auto exists = exists_(table, id);
      if (!exists) return exists.error();
      if (*exists) by_id = id;
    }
    if (table == "contacts" && !account_id) {
      if (by_id) return *by_id;
      return Error::invalid("",
                            "a contact is found by name within the row's "
                            "account: give the account too");
    }
    std::string kind = "named";
    auto by_key = find_key(table, text, account_id, &kind);
    if (!by_key) return by_key.error();
    const std::optional<int64_t> key = *by_key;
    if (by_id && key && *key != *by_id) {
      const std::string one = singular(table);
      const std::string t(text);
      return Error::invalid("", "names " + one + " id " + t + " and " +
                                    (*key < 0 ? "more than one " + one + " " + kind + " " + t
                                              : "the " + one + " " + kind + " " + t + " (id " +
                                                    std::to_string(*key) + ")") +
                                    ", not the same record; write the " + what_names(table) +
                                    " of the one meant");
    }
    if (by_id) return *by_id;
    if (key && *key < 0)
      return Error::invalid("", "names more than one record of " + std::string(table) +
                                    "; use the id" +
                                    (table == "accounts" ? " or the credit code" : ""));
    if (key) return *key;
    return Error::not_found("no " + std::string(table) + " record is '" + std::string(text) + "'");
  }

  // Forgets what was read of `table`, so that records written since are found.
  void forget(std::string_view table) {
    keys_.erase(std::string(table));
    ids_.erase(std::string(table));
  }

 private:
  // The record holding `text` as a natural key (-1 when several do), with how it names it
  // ("named", "numbered", "with credit code") in `kind`.
  Result<std::optional<int64_t>> find_key(std::string_view table, std::string_view text,
                                          std::optional<int64_t> account_id, std::string* kind) {
    KAM_RETURN_IF_ERROR(load(table));
    if (table == "orders" || table == "invoices") {
      *kind = "numbered";
      return find(table, std::string(text));
    }
    if (table == "contacts" || table == "opportunities") {
      if (!account_id) return std::optional<int64_t>{};
      return find(table, std::to_string(*account_id) + "\x1f" + std::string(text));
    }
    const bool normalised = table == "accounts" || table == "teams" || table == "product_lines";
    std::optional<int64_t> id =
        find(table, normalised ? normalize_header(text) : std::string(text));
    if (!id && table == "accounts") {
      id = find(table, upper(text));  // a credit code
      if (id) *kind = "with credit code";
    }
    if (table == "users") *kind = "with login or name";
    if (table == "product_lines") *kind = "named or coded";
    return id;
  }

  static std::string singular(std::string_view table) {
    if (table == "opportunities") return "opportunity";
    if (table == "product_lines") return "product line";
    std::string one(table);
    if (!one.empty() && one.back() == 's') one.pop_back();
    return one;
  }

  // What names a record of `table` beyond doubt, for the advice of an ambiguity.
  static std::string what_names(std::string_view table) {
    if (table == "accounts") return "credit code or the name";
    if (table == "orders" || table == "invoices") return "number";
    if (table == "users") return "login";
    if (table == "product_lines") return "code or the name";
    return "name";
  }

 private:
  static std::string upper(std::string_view text) {
    std::string out(text);
    for (char& ch : out)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return out;
  }

  std::optional<int64_t> find(std::string_view table, const std::string& key) const {
    const auto t = keys_.find(std::string(table));
    if (t == keys_.end()) return std::nullopt;
    const auto k = t->second.find(key);
    if (k == t->second.end()) return std::nullopt;
    return k->second;
  }

  // Whether `table` has a live record `id`; the ids are read once per table, since a file
  // names the same few accounts on many rows.
  Result<bool> exists_(std::string_view table, int64_t id) {
    auto [it, added] = ids_.try_emplace(std::string(table));
    if (added) {
      auto ids = store::live_record_ids(c_, table);
      if (!ids) return ids.error();
      it->second = std::move(*ids);
    }
    return it->second.contains(id);
  }

  // Every live record's natural keys; a key two records share maps to -1 (ambiguous).
  Status load(std::string_view table) {
    auto [it, added] = keys_.try_emplace(std::string(table));
    if (!added) return Status::success();
    auto& keys = it->second;
    auto put = [&](std::string key, int64_t id) {
      if (key.empty()) return;
      auto [k, fresh] = keys.try_emplace(std::move(key), id);
      if (!fresh && k->second != id) k->second = -1;
    };
    auto records = store::live_record_names(c_, table);
    if (!records) return records.error();
    const bool normalised = table == "accounts" || table == "teams" || table == "product_lines";
    for (const store::RecordNames& r : *records) {
      if (r.account_id) {  // contacts and opportunities: by name within their account
        put(std::to_string(*r.account_id) + "\x1f" + r.name, r.id);
        continue;
      }
      put(normalised ? normalize_header(r.name) : r.name, r.id);
      if (r.other_name)
        put(table == "product_lines" ? normalize_header(*r.other_name) : *r.other_name, r.id);
    }
    return Status::success();
  }

  Connection& c_;
  std::unordered_map<std::string, std::unordered_map<std::string, int64_t>> keys_;
  std::unordered_map<std::string, std::unordered_set<int64_t>> ids_;
};

// The natural keys a record must not share with another (credit code and normalised name for
// accounts, the number for orders and invoices), as (field, key) pairs.
template <class T>
std::vector<std::pair<std::string_view, std::string>> unique_keys(const T& record) {
  if constexpr (std::is_same_v<T, Account>) {
    std::vector<std::pair<std::string_view, std::string>> keys;
    if (record.credit_code) keys.emplace_back("credit_code", *record.credit_code);
    keys.emplace_back("name", normalize_header(record.name));
    return keys;
  } else if constexpr (std::is_same_v<T, Order>) {
    return {{"order_no", record.order_no}};
  } else if constexpr (std::is_same_v<T, Invoice>) {
    return {{"invoice_no", record.invoice_no}};
  } else {
    (void)record;
    return {};
  }
}

// The live records already holding each key: key → id.
template <class T>
Result<std::unordered_map<std::string, int64_t>> existing_keys(
    Connection& c, std::string_view field, const std::vector<std::string>& keys) {
  if (field != "name") return store::live_records_holding(c, EntityTraits<T>::table, field, keys);
  // Names are compared normalised, which SQL cannot do: every name is read once.
  auto names = store::live_names(c, EntityTraits<T>::table);
  if (!names) return names.error();
  std::unordered_map<std::string, int64_t> found;
  for (const auto& [id, name] : *names)
    found.emplace(normalize_header(name), id);
  return found;
}

template <class T>
bool is_reference(std::string_view field, std::string_view* table) {
  for (const auto& r : EntityTraits<T>::references) {
    if (r.column == field) {
      *table = r.table;
      return true;
    }
  }
  return false;
}

// A contact's manager (reports_to_id) named by a name no contact of the row's account has
// yet: perhaps a row of the same file, looked for once the file's other rows are written.
struct PendingManager {
  std::string header;
  std::string text;
  std::string reason;  // why it was not found, for when it never is
};

// One row turned into a record, or its problems.
template <class T>
struct ParsedRow {
  uint64_t line = 0;
  T record;
  std::vector<std::pair<std::string, std::string>> set;  // (field, text) as assigned
  std::optional<PendingManager> manager;
};

template <class T>
class EntityImport {
 public:
  EntityImport(store::Store& store, TableSource& table, const ImportOptions& options)
      : store_(store), table_(table), options_(options), resolver_(store.connection()) {
    for (const auto& a : options.mapping.columns) {
      if (a.field) header_of_[*a.field] = a.header;
    }
  }

  Result<ImportReport> run() {
    const auto started = std::chrono::steady_clock::now();
    auto seconds = [&] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    // All or nothing: one transaction over every batch, committed only when no row failed.
    std::optional<store::Transaction> whole;
    if (!options_.dry_run && options_.mode == ImportMode::kAllOrNothing) {
      whole.emplace(store_.connection());
      KAM_RETURN_IF_ERROR(whole->started());
    }
    TableRow row;
    std::vector<ParsedRow<T>> batch;
    for (;;) {
      auto more = table_.next(row);
      if (!more) {
        // A malformed file (an unclosed quote) ends the import: nothing after it is readable.
        problem(ImportProblem{0, "", "", "", more.error().describe()});
        ++report_.rejected;
        break;
      }
      if (!*more) break;
      ++report_.rows;
      if (auto parsed = parse(row)) {
        if (parsed->manager) {
          waiting_.push_back(std::move(*parsed));
        } else {
          batch.push_back(std::move(*parsed));
        }
      }
      if (batch.size() >= options_.batch_rows) {
        KAM_RETURN_IF_ERROR(flush(batch));
        if (options_.on_progress)
          options_.on_progress({report_.rows, table_.size_hint(), seconds()});
      }
    }
    KAM_RETURN_IF_ERROR(flush(batch));
    KAM_RETURN_IF_ERROR(settle_managers());
    if (whole) {
      if (report_.rejected == 0 && (report_.imported > 0 || report_.merged > 0)) {
        KAM_RETURN_IF_ERROR(whole->commit());
        report_.written = true;
      }
      // Otherwise the transaction rolls back as it goes out of scope: nothing was written.
    }
    if (options_.dry_run) report_.written = false;
    if (whole && !report_.written) {
      // Nothing committed: what would have been imported was not.
      report_.imported = 0;
      report_.merged = 0;
    }
    report_.seconds = seconds();
    if (options_.on_progress) options_.on_progress({report_.rows, report_.rows, report_.seconds});
    return report_;
  }

 private:
  void problem(ImportProblem p) {
    ++report_.problem_count;
    if (report_.problems.size() < options_.max_problems) report_.problems.push_back(std::move(p));
  }

  std::string header(const std::string& field) const {
    const auto it = header_of_.find(field);
    return it == header_of_.end() ? "" : it->second;
  }

  std::string value_of(const ParsedRow<T>& parsed, const std::string& field) const {
    for (const auto& [f, text] : parsed.set)
      if (f == field) return text;
    return "";
  }

  std::optional<ParsedRow<T>> parse(const TableRow& row) {
    ParsedRow<T> parsed;
    parsed.line = row.line;
    if constexpr (std::is_same_v<T, Account>) parsed.record.status = AccountStatus::kActive;
    std::vector<ImportProblem> problems;
    // The account first: a contact named in a later column is found within it.
    std::optional<int64_t> account;
    std::vector<const ColumnAssignment*> order;
    for (const auto& a : options_.mapping.columns)
      if (a.field && *a.field == "account_id") order.push_back(&a);
    for (const auto& a : options_.mapping.columns)
      if (a.field && *a.field != "account_id") order.push_back(&a);
    for (const ColumnAssignment* a : order) {
      if (a->column >= row.cells.size()) continue;
      const std::string_view text = trim(row.cells[a->column]);
      if (text.empty()) continue;
      const std::string& field = *a->field;
      std::string value(text);
      std::string_view table;
      if (is_reference<T>(field, &table)) {
        auto id = resolver_.resolve(table, text, account);
        if (!id) {
          if constexpr (std::is_same_v<T, Contact>) {
            if (field == "reports_to_id" && account && id.error().code == ErrorCode::kNotFound) {
              parsed.manager = PendingManager{a->header, std::string(text), reason_of(id.error())};
              continue;
            }
          }
          problems.push_back(
              {row.line, a->header, field, std::string(text), reason_of(id.error())});
          continue;
        }
        if (field == "account_id") account = *id;
        value = std::to_string(*id);
      }
      Status set = store::set_field(parsed.record, field, value);
      if (!set) {
        if (auto iso = set_as_date(parsed.record, field, text)) {
          parsed.set.emplace_back(field, *iso);
          continue;
        }
        for (const auto& f : set.error().fields)
          problems.push_back({row.line, a->header, field, std::string(text), f.message});
        if (set.error().fields.empty())
          problems.push_back({row.line, a->header, field, std::string(text), set.error().message});
        continue;
      }
      parsed.set.emplace_back(field, value);
    }
    // Every problem of the row at once: the record is validated even when some cells did not
    // parse, so that fixing those does not reveal the next round.
    std::unordered_set<std::string> unparsed;
    for (const auto& p : problems)
      unparsed.insert(p.field);
    if (Status valid = validate(parsed.record); !valid) {
      for (const auto& f : valid.error().fields) {
        if (!concerns_any(f, unparsed))
          problems.push_back(
              {row.line, header(f.field), f.field, value_of(parsed, f.field), f.message});
      }
    }
    // The rules across records compare the row's references, meaningless while one is missing.
    if (problems.empty()) {
      if (Status rules = check_cross_record_rules(store_, parsed.record); !rules) {
        for (const auto& f : rules.error().fields)
          problems.push_back(
              {row.line, header(f.field), f.field, value_of(parsed, f.field), f.message});
      }
    }
    if (problems.empty()) return parsed;
    ++report_.rejected;
    for (auto& p : problems)
      problem(std::move(p));
    return std::nullopt;
  }

  // Finds duplicates among the batch (against the database and earlier rows), then writes
  // what is new and merges what the policy says to merge.
  Status flush(std::vector<ParsedRow<T>>& batch) {
    if (batch.empty()) return Status::success();
    // The database's holders of this batch's keys, by field.
    std::unordered_map<std::string, std::vector<std::string>> keys_by_field;
    for (const auto& parsed : batch)
      for (auto& [field, key] : unique_keys(parsed.record))
        keys_by_field[std::string(field)].push_back(key);
    std::unordered_map<std::string, std::unordered_map<std::string, int64_t>> existing;
    for (const auto& [field, keys] : keys_by_field) {
      if (field == "name") {
        if (!names_loaded_) {
          auto names = existing_keys<T>(store_.connection(), field, keys);
          if (!names) return names.error();
          existing_names_ = std::move(*names);
          names_loaded_ = true;
        }
        continue;
      }
      auto found = existing_keys<T>(store_.connection(), field, keys);
      if (!found) return found.error();
      existing[field] = std::move(*found);
    }
    // Row by row, so that a key two rows of one batch share is caught at the second.
    std::vector<std::optional<int64_t>> duplicate_of(batch.size());  // existing id, or 0 = file
    std::vector<std::string> field_of(batch.size());
    std::vector<uint64_t> first_line(batch.size(), 0);
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto keys = unique_keys(batch[i].record);
      for (const auto& [f, key] : keys) {
        const std::string field(f);
        const auto& holders = field == "name" ? existing_names_ : existing[field];
        if (auto it = holders.find(key); it != holders.end()) {
          duplicate_of[i] = it->second;
        } else if (auto s = seen_[field].find(key); s != seen_[field].end()) {
          duplicate_of[i] = 0;
          first_line[i] = s->second;
        } else {
          continue;
        }
        field_of[i] = field;
        break;
      }
      if (!duplicate_of[i]) {
        for (const auto& [f, key] : keys)
          seen_[std::string(f)].emplace(key, batch[i].line);
      }
    }
    std::vector<T> fresh;
    std::vector<size_t> merge;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!duplicate_of[i]) {
        if constexpr (std::is_same_v<T, Contact>)
          ++file_contacts_[contact_key(batch[i].record.account_id, batch[i].record.name)];
        fresh.push_back(std::move(batch[i].record));
        continue;
      }
      const bool in_file = *duplicate_of[i] == 0;
      const std::string what = in_file ? "duplicates line " + std::to_string(first_line[i])
                                       : "duplicates " + std::string(EntityTraits<T>::entity) +
                                             " " + std::to_string(*duplicate_of[i]);
      if (options_.duplicates == DuplicatePolicy::kReject ||
          (options_.duplicates == DuplicatePolicy::kMerge && !std::is_same_v<T, Account>)) {
        ++report_.rejected;
        problem({batch[i].line, header(field_of[i]), field_of[i], value_of(batch[i], field_of[i]),
                 what});
      } else if (options_.duplicates == DuplicatePolicy::kMerge && !in_file) {
        merge.push_back(i);
      } else {
        ++report_.duplicates_skipped;
      }
    }
    const bool write =
        !options_.dry_run && (options_.mode == ImportMode::kSkipBadRows || report_.rejected == 0);
    if (write && !fresh.empty()) {
      for (T& record : fresh)
        apply_new_record_defaults(record, store_.clock().now(), options_.actor);
      KAM_RETURN_IF_ERROR(apply_rule_defaults(store_, std::span<T>(fresh)));
      KAM_RETURN_IF_ERROR(store_.repository<T>().create_many(std::span<T>(fresh), options_.actor));
      if (options_.mode == ImportMode::kSkipBadRows) report_.written = true;
    }
    report_.imported += fresh.size();
    for (size_t i : merge) {
      if (write) KAM_RETURN_IF_ERROR(merge_into(*duplicate_of[i], batch[i]));
      ++report_.merged;
      if (write && options_.mode == ImportMode::kSkipBadRows) report_.written = true;
    }
    batch.clear();
    return Status::success();
  }

  static std::string contact_key(int64_t account_id, std::string_view name) {
    return std::to_string(account_id) + "\x1f" + std::string(name);
  }

  // Rows whose manager is another row of the file: once that row is taken, in the same
  // transaction as the rest (or, with --skip-bad-rows, in one more batch), they are resolved
  // and taken too, a level of the org chart per round; what names no row stays refused.
  Status settle_managers() {
    if constexpr (std::is_same_v<T, Contact>) {
      while (!waiting_.empty()) {
        const bool written = !options_.dry_run &&
                             (options_.mode == ImportMode::kSkipBadRows || report_.rejected == 0);
        if (written) resolver_.forget("contacts");
        std::vector<ParsedRow<T>> ready;
        std::vector<ParsedRow<T>> still;
        for (auto& parsed : waiting_) {
          const PendingManager& m = *parsed.manager;
          const auto in_file = file_contacts_.find(contact_key(parsed.record.account_id, m.text));
          if (in_file == file_contacts_.end()) {
            still.push_back(std::move(parsed));
            continue;
          }
          std::optional<std::string> refused;
          if (in_file->second > 1) {
            refused = "names more than one record of contacts; use the id";
          } else if (written) {
            auto id = resolver_.resolve("contacts", m.text, parsed.record.account_id);
            if (!id) {
              refused = reason_of(id.error());
            } else {
              parsed.record.reports_to_id = *id;
              parsed.set.emplace_back("reports_to_id", std::to_string(*id));
              if (Status rules = check_cross_record_rules(store_, parsed.record); !rules) {
                ++report_.rejected;
                for (const auto& f : rules.error().fields)
                  problem({parsed.line, header(f.field), f.field, value_of(parsed, f.field),
                           f.message});
                continue;
              }
            }
          }
          if (refused) {
            ++report_.rejected;
            problem({parsed.line, m.header, "reports_to_id", m.text, *refused});
            continue;
          }
          ready.push_back(std::move(parsed));
        }
        waiting_ = std::move(still);
        if (ready.empty()) break;
        KAM_RETURN_IF_ERROR(flush(ready));
      }
      for (const auto& parsed : waiting_) {
        ++report_.rejected;
        problem({parsed.line, parsed.manager->header, "reports_to_id", parsed.manager->text,
                 parsed.manager->reason});
      }
      waiting_.clear();
    }
    return Status::success();
  }

  // The file's values fill the existing record's empty fields; what it already holds stays.
  Status merge_into(int64_t id, const ParsedRow<T>& parsed) {
    auto repo = store_.repository<T>();
    auto existing = repo.get(id);
    if (!existing) return existing.error();
    const auto current = store::field_texts(*existing);
    bool changed = false;
    for (const auto& [field, text] : parsed.set) {
      for (const auto& [name, value] : current) {
        if (name != field || (value && !value->empty())) continue;
        if (store::set_field(*existing, field, text)) changed = true;
      }
    }
    if (!changed) return Status::success();
    return repo.update(*existing, options_.actor);
  }

  store::Store& store_;
  TableSource& table_;
  const ImportOptions& options_;
  Resolver resolver_;
  ImportReport report_;
  std::unordered_map<std::string, std::string> header_of_;  // field → the file's header
  // Keys of rows already taken, by field, with their line.
  std::unordered_map<std::string, std::unordered_map<std::string, uint64_t>> seen_;
  // Accounts' normalised names, read once: SQL cannot compare them normalised.
  std::unordered_map<std::string, int64_t> existing_names_;
  bool names_loaded_ = false;
  // Contacts: rows waiting for their manager, and the rows taken, by account and name.
  std::vector<ParsedRow<T>> waiting_;
  std::unordered_map<std::string, size_t> file_contacts_;
};

template <class T>
Result<ImportReport> run_import(store::Store& store, TableSource& table,
                                const ImportOptions& options) {
  return EntityImport<T>(store, table, options).run();
}

}  // namespace

Result<ImportReport> import_table(store::Store& store, TableSource& table,
                                  const ImportOptions& options) {
  if (options.batch_rows == 0) return Error::invalid("batch_rows", "must be at least 1");
  switch (options.mapping.entity) {
    case ImportEntity::kAccounts:
      return run_import<Account>(store, table, options);
    case ImportEntity::kContacts:
      return run_import<Contact>(store, table, options);
    case ImportEntity::kOrders:
      return run_import<Order>(store, table, options);
    case ImportEntity::kInvoices:
      return run_import<Invoice>(store, table, options);
    case ImportEntity::kPayments:
      return run_import<Payment>(store, table, options);
    case ImportEntity::kActivities:
      return run_import<Activity>(store, table, options);
    case ImportEntity::kOpportunities:
      return run_import<Opportunity>(store, table, options);
  }
  return Error::internal("unknown import entity");
}

}  // namespace kam::app
