#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/column_codec.hpp"
#include "store/driver.hpp"
#include "store/entity_mapping.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// Create, read, update, list, soft-delete and restore for one kind of record, with every
// change audited in the same transaction. Generic over the records in entity_mapping.hpp.
// Holds references to the connection and clock, which must outlive it.
template <class T>
class Repository {
  using Traits = EntityTraits<T>;

 public:
  Repository(Connection& connection, const Clock& clock) : connection_(connection), clock_(clock) {}

  // Validates, checks references, inserts, and audits every non-empty field. Sets
  // record.meta (id, version 1, times) and returns the new id.
  Result<int64_t> create(T& record, const Actor& actor);

  // Inserts many validated records in one transaction with one bulk_create audit row, for
  // loads (demo data, imports) where a per-field trail would outweigh the data. References
  // are enforced by the database's foreign keys. Sets each record's meta.
  Status create_many(std::span<T> records, const Actor& actor);

  Result<T> get(int64_t id, DeletedRecords deleted = DeletedRecords::kExclude);

  // The live record if `scope` (an access condition; none: every record) admits it, in one
  // query. Not found otherwise: a record the caller may not see is reported as one that does
  // not exist.
  Result<T> get_within(int64_t id, const std::optional<TrustedCondition>& scope);

  // Writes `record` if record.meta.version is still the stored version (else kConflict:
  // someone changed it since it was read). Audits each changed field; a write that changes
  // nothing is not a new version.
  Status update(T& record, const Actor& actor);

  // Soft delete: hidden from lists, kept with its trail. expected_version 0 skips the check.
  Status remove(int64_t id, const Actor& actor, int64_t expected_version = 0);
  Status restore(int64_t id, const Actor& actor);

  Result<Page<T>> list(const ListQuery& query);
  Result<int64_t> count(const ListQuery& query);
  // The ids, ascending, of every row `query` matches over all pages.
  Result<std::vector<int64_t>> ids(const ListQuery& query);

  // Every match of `query` from its first page on, a page of `page_size` at a time, each
  // record handed to `f` (a Status per record: the first failure stops the walk). For
  // exports and feeds that need all of a list, not a page. The default page is large enough
  // that a million rows take a thousand queries, small enough to stay a few megabytes.
  template <class F>
  Status for_each(ListQuery query, F&& f, size_t page_size = 1000) {
    query.limit = page_size;
    query.after.clear();
    while (true) {
      auto page = list(query);
      if (!page) return page.error();
      for (const auto& record : page->items)
        KAM_RETURN_IF_ERROR(f(record));
      if (page->next_cursor.empty()) return Status::success();
      query.after = std::move(page->next_cursor);
    }
  }

  // The fields lists can filter and sort on: the common ones and the record's columns.
  static const std::vector<FieldSpec>& fields();

 private:
  static constexpr size_t kColumnCount = std::tuple_size_v<decltype(Traits::columns)>;
  static constexpr int kMetaColumns = 5;  // id, version, created_at, updated_at, deleted_at

  static const std::string& select_columns();
  Status decode(const Row& row, T& record) const;
  // "SELECT <columns> FROM <table> WHERE id = $1", and with " AND deleted_at IS NULL".
  static const std::string& select_by_id();
  static const std::string& select_live_by_id();
  // The record with `id` that `sql` selects (select_by_id() and conditions; params[0] = id).
  Result<T> get_by(int64_t id, const std::string& sql, std::span<const SqlValue> params);
  std::vector<SqlValue> column_values(const T& record) const;
  Status check_references(const T& record, const T* before);
  Status set_deleted(int64_t id, const Actor& actor, int64_t expected_version, bool deleted);
  Result<int64_t> insert(T& record, Timestamp now);
  Status insert_rows(std::span<T> records, int64_t first_id, Timestamp now);
  AuditEntry audit_entry(const Actor& actor, Timestamp now, std::string action) const;

  Connection& connection_;
  const Clock& clock_;
};

// ---------------------------------------------------------------------------------------
// Implementation

namespace detail {

// A record type whose writes have a consequence in another table (an opportunity's stage
// history), done by EntityTraits<T>::after_write inside the write's transaction.
template <class T>
concept HasAfterWrite = requires(Connection& c, const T* before, const T& after, Timestamp now,
                                 const Actor& actor) {
  { EntityTraits<T>::after_write(c, before, after, now, actor) } -> std::same_as<Status>;
};

// ... and one that does the same for the new records of a bulk load in one write.
template <class T>
concept HasAfterCreateMany = requires(Connection& c, std::span<const T> created, Timestamp now,
                                      const Actor& actor) {
  { EntityTraits<T>::after_create_many(c, created, now, actor) } -> std::same_as<Status>;
};

template <class M>
inline constexpr bool is_optional = false;
template <class M>
inline constexpr bool is_optional<std::optional<M>> = true;

template <class Tuple, class F>
void for_each_column(const Tuple& columns, F&& f) {
  std::apply([&](const auto&... column) { (f(column), ...); }, columns);
}

template <class M>
Result<SqlValue> parse_as(std::string_view text, std::string_view field) {
  M value{};
  if (auto s = from_text(text, field, value); !s) return s.error();
  return to_sql(value);
}

template <class M>
constexpr bool is_text_type =
    std::is_same_v<M, std::string> || std::is_same_v<M, std::optional<std::string>>;

inline std::string join_names(const std::vector<std::string_view>& names,
                              std::string_view suffix = "") {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
    out += suffix;
  }
  return out;
}

}  // namespace detail

template <class T>
const std::vector<FieldSpec>& Repository<T>::fields() {
  static const std::vector<FieldSpec> specs = [] {
    std::vector<FieldSpec> out{{"id", false, &detail::parse_as<int64_t>, false},
                               {"version", false, &detail::parse_as<int64_t>, false},
                               {"created_at", false, &detail::parse_as<Timestamp>, false},
                               {"updated_at", false, &detail::parse_as<Timestamp>, false},
                               {"deleted_at", false, &detail::parse_as<Timestamp>, true}};
    detail::for_each_column(Traits::columns, [&](const auto& column) {
      using M = std::remove_cvref_t<decltype(std::declval<T>().*(column.member))>;
      out.push_back(
          {column.name, detail::is_text_type<M>, &detail::parse_as<M>, detail::is_optional<M>});
    });
    return out;
  }();
  return specs;
}

template <class T>
const std::string& Repository<T>::select_columns() {
  static const std::string columns = [] {
    std::vector<std::string_view> names;
    for (const auto& f : fields())
      names.push_back(f.name);
    return detail::join_names(names);
  }();
  return columns;
}

template <class T>
Status Repository<T>::decode(const Row& row, T& record) const {
  record.meta.id = row.get_int(0);
  record.meta.version = row.get_int(1);
  KAM_RETURN_IF_ERROR(from_sql(row, 2, record.meta.created_at));
  KAM_RETURN_IF_ERROR(from_sql(row, 3, record.meta.updated_at));
  KAM_RETURN_IF_ERROR(from_sql(row, 4, record.meta.deleted_at));
  int index = kMetaColumns;
  Status status;
  detail::for_each_column(Traits::columns, [&](const auto& column) {
    if (status) status = from_sql(row, index, record.*(column.member));
    ++index;
  });
  return status;
}

template <class T>
std::vector<SqlValue> Repository<T>::column_values(const T& record) const {
  std::vector<SqlValue> values;
  values.reserve(kColumnCount + 4);
  detail::for_each_column(Traits::columns, [&](const auto& column) {
    values.push_back(to_sql(record.*(column.member)));
  });
  return values;
}

template <class T>
AuditEntry Repository<T>::audit_entry(const Actor& actor, Timestamp now, std::string action) const {
  AuditEntry e;
  e.at = now;
  e.actor = actor.name;
  e.user_id = actor.user_id;
  e.entity = std::string(Traits::entity);
  e.action = std::move(action);
  return e;
}

template <class T>
Status Repository<T>::check_references(const T& record, const T* before) {
  Status status;
  detail::for_each_column(Traits::columns, [&](const auto& column) {
    if (!status) return;
    for (const auto& ref : Traits::references) {
      if (ref.column != column.name) continue;
      const SqlValue value = to_sql(record.*(column.member));
      if (is_null(value)) continue;
      if (before != nullptr && to_sql(before->*(column.member)) == value) continue;  // unchanged
      const std::string sql = "SELECT COUNT(*) FROM " + std::string(ref.table) +
                              " WHERE id = $1 AND deleted_at IS NULL";
      auto found = query_int(connection_, sql, std::span<const SqlValue>(&value, 1));
      if (!found) {
        status = found.error();
      } else if (*found == 0) {
        status = Error::invalid(std::string(column.name),
                                "refers to " + std::string(ref.table) + " id " +
                                    std::to_string(std::get<int64_t>(value)) +
                                    ", which does not exist or is deleted");
      }
    }
  });
  return status;
}

template <class T>
Result<int64_t> Repository<T>::insert(T& record, Timestamp now) {
  static const std::string sql = [] {
    std::vector<std::string_view> names;
    detail::for_each_column(Traits::columns,
                            [&](const auto& column) { names.push_back(column.name); });
    std::string placeholders;
    for (size_t i = 1; i <= names.size() + 3; ++i)
      placeholders += (i > 1 ? ", $" : "$") + std::to_string(i);
    return "INSERT INTO " + std::string(Traits::table) + " (" + detail::join_names(names) +
           ", version, created_at, updated_at) VALUES (" + placeholders + ")";
  }();
  record.meta.version = 1;
  record.meta.created_at = record.meta.updated_at = now;
  record.meta.deleted_at.reset();
  auto values = column_values(record);
  values.push_back(int64_t{1});
  values.push_back(to_sql(now));
  values.push_back(to_sql(now));
  auto id = connection_.insert(sql, values);
  if (!id) return id.error();
  record.meta.id = *id;
  return id;
}

template <class T>
Status Repository<T>::insert_rows(std::span<T> records, int64_t first_id, Timestamp now) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    detail::for_each_column(Traits::columns,
                            [&](const auto& column) { out.emplace_back(column.name); });
    for (const char* meta : {"id", "version", "created_at", "updated_at"})
      out.emplace_back(meta);
    return out;
  }();
  // Sized up front and filled in place: no reallocation moves the values built so far.
  std::vector<SqlValue> values(records.size() * names.size());
  const std::string stamp = to_string(now);
  size_t at = 0;
  for (size_t r = 0; r < records.size(); ++r) {
    T& record = records[r];
    record.meta.id = first_id + static_cast<int64_t>(r);
    record.meta.version = 1;
    record.meta.created_at = record.meta.updated_at = now;
    record.meta.deleted_at.reset();
    detail::for_each_column(Traits::columns, [&](const auto& column) {
      values[at++] = to_sql(record.*(column.member));
    });
    values[at++].template emplace<int64_t>(record.meta.id);
    values[at++].template emplace<int64_t>(1);
    values[at++].template emplace<std::string>(stamp);
    values[at++].template emplace<std::string>(stamp);
  }
  return connection_.insert_rows(Traits::table, names, values);
}

template <class T>
Result<int64_t> Repository<T>::create(T& record, const Actor& actor) {
  KAM_RETURN_IF_ERROR(validate(record));
  Transaction tx(connection_);
  KAM_RETURN_IF_ERROR(tx.started());
  KAM_RETURN_IF_ERROR(check_references(record, nullptr));
  const Timestamp now = clock_.now();
  auto id = insert(record, now);
  if (!id) return id.error();
  // The audit rows of every field set, in one statement: a round trip per field was most of
  // the time a record's creation took on PostgreSQL.
  std::vector<AuditEntry> entries;
  detail::for_each_column(Traits::columns, [&](const auto& column) {
    if (!column.audited) return;
    auto text = to_text(record.*(column.member));
    if (!text) return;
    AuditEntry& e = entries.emplace_back(audit_entry(actor, now, "create"));
    e.entity_id = *id;
    e.field = std::string(column.name);
    e.new_value = std::move(text);
  });
  KAM_RETURN_IF_ERROR(append_audits(connection_, entries));
  if constexpr (detail::HasAfterWrite<T>) {
    KAM_RETURN_IF_ERROR(Traits::after_write(connection_, nullptr, record, now, actor));
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return id;
}

template <class T>
Status Repository<T>::create_many(std::span<T> records, const Actor& actor) {
  if (records.empty()) return Status::success();
  for (size_t i = 0; i < records.size(); ++i) {
    if (auto s = validate(records[i]); !s) {
      Error e = s.error();
      e.message = "record " + std::to_string(i + 1) + " of the batch is invalid";
      for (auto& f : e.fields)
        f.message = "record " + std::to_string(i + 1) + ": " + f.message;
      return e;
    }
  }
  Transaction tx(connection_);
  KAM_RETURN_IF_ERROR(tx.started());
  const Timestamp now = clock_.now();
  auto first_id = connection_.reserve_ids(Traits::table, static_cast<int64_t>(records.size()));
  if (!first_id) return first_id.error();
  // Many rows per statement (SQLite) or one COPY (PostgreSQL): per-statement overhead
  // dominates single-row inserts.
  KAM_RETURN_IF_ERROR(insert_rows(records, *first_id, now));
  if constexpr (detail::HasAfterCreateMany<T>) {
    KAM_RETURN_IF_ERROR(
        Traits::after_create_many(connection_, std::span<const T>(records), now, actor));
  } else if constexpr (detail::HasAfterWrite<T>) {
    for (const T& record : records)
      KAM_RETURN_IF_ERROR(Traits::after_write(connection_, nullptr, record, now, actor));
  }
  AuditEntry e = audit_entry(actor, now, "bulk_create");
  e.new_value = std::to_string(records.size()) + " records, ids " +
                std::to_string(records.front().meta.id) + ".." +
                std::to_string(records.back().meta.id);
  KAM_RETURN_IF_ERROR(append_audit(connection_, e));
  return tx.commit();
}

template <class T>
const std::string& Repository<T>::select_by_id() {
  static const std::string sql =
      "SELECT " + select_columns() + " FROM " + std::string(Traits::table) + " WHERE id = $1";
  return sql;
}

template <class T>
const std::string& Repository<T>::select_live_by_id() {
  static const std::string sql = select_by_id() + " AND deleted_at IS NULL";
  return sql;
}

template <class T>
Result<T> Repository<T>::get(int64_t id, DeletedRecords deleted) {
  const SqlValue params[] = {id};
  return get_by(id, deleted == DeletedRecords::kExclude ? select_live_by_id() : select_by_id(),
                params);
}

template <class T>
Result<T> Repository<T>::get_within(int64_t id, const std::optional<TrustedCondition>& scope) {
  if (!scope) {
    const SqlValue params[] = {id};
    return get_by(id, select_live_by_id(), params);
  }
  std::vector<SqlValue> params{id};
  const std::string sql = select_live_by_id() + " AND (" + bind_trusted(*scope, params) + ")";
  return get_by(id, sql, params);
}

template <class T>
Result<T> Repository<T>::get_by(int64_t id, const std::string& sql,
                                std::span<const SqlValue> params) {
  std::optional<T> found;
  Status decoded;
  KAM_RETURN_IF_ERROR(connection_.query(sql, params, [&](const Row& row) {
    found.emplace();
    decoded = decode(row, *found);
    return false;
  }));
  KAM_RETURN_IF_ERROR(decoded);
  if (!found)
    return Error::not_found(std::string(Traits::entity) + " " + std::to_string(id) +
                            " does not exist");
  return std::move(*found);
}

template <class T>
Status Repository<T>::update(T& record, const Actor& actor) {
  KAM_RETURN_IF_ERROR(validate(record));
  Transaction tx(connection_);
  KAM_RETURN_IF_ERROR(tx.started());
  auto current = get(record.meta.id, DeletedRecords::kInclude);
  if (!current) return current.error();
  const std::string what = std::string(Traits::entity) + " " + std::to_string(record.meta.id);
  if (current->meta.deleted_at)
    return Error::conflict(what + " is deleted; restore it before changing it");
  if (current->meta.version != record.meta.version) {
    return Error::conflict(what + " was changed by someone else (now version " +
                           std::to_string(current->meta.version) + ", yours " +
                           std::to_string(record.meta.version) + "); reload and retry");
  }
  const Timestamp now = clock_.now();
  std::vector<AuditEntry> changes;
  detail::for_each_column(Traits::columns, [&](const auto& column) {
    auto before = to_text((*current).*(column.member));
    auto after = to_text(record.*(column.member));
    if (before == after || !column.audited) return;
    AuditEntry e = audit_entry(actor, now, "update");
    e.entity_id = record.meta.id;
    e.field = std::string(column.name);
    e.old_value = std::move(before);
    e.new_value = std::move(after);
    changes.push_back(std::move(e));
  });
  if (changes.empty()) return Status::success();
  KAM_RETURN_IF_ERROR(check_references(record, &*current));

  static const std::string sql = [] {
    std::string sets;
    int n = 0;
    detail::for_each_column(Traits::columns, [&](const auto& column) {
      sets += (n > 0 ? ", " : "") + std::string(column.name) + " = $" + std::to_string(n + 1);
      ++n;
    });
    return "UPDATE " + std::string(Traits::table) + " SET " + sets +
           ", version = version + 1, updated_at = $" + std::to_string(n + 1) + " WHERE id = $" +
           std::to_string(n + 2) + " AND version = $" + std::to_string(n + 3) +
           " AND deleted_at IS NULL";
  }();
  auto values = column_values(record);
  values.push_back(to_sql(now));
  values.push_back(record.meta.id);
  values.push_back(record.meta.version);
  auto changed = connection_.execute(sql, values);
  if (!changed) return changed.error();
  if (*changed != 1)
    return Error::conflict(what + " was changed by someone else; reload and retry");
  KAM_RETURN_IF_ERROR(append_audits(connection_, changes));
  if constexpr (detail::HasAfterWrite<T>) {
    KAM_RETURN_IF_ERROR(Traits::after_write(connection_, &*current, record, now, actor));
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  record.meta.version += 1;
  record.meta.updated_at = now;
  return Status::success();
}

template <class T>
Status Repository<T>::set_deleted(int64_t id, const Actor& actor, int64_t expected_version,
                                  bool deleted) {
  Transaction tx(connection_);
  KAM_RETURN_IF_ERROR(tx.started());
  auto current = get(id, DeletedRecords::kInclude);
  if (!current) return current.error();
  const std::string what = std::string(Traits::entity) + " " + std::to_string(id);
  if (current->meta.deleted_at.has_value() == deleted) {
    return Error::conflict(what + (deleted ? " is already deleted" : " is not deleted"));
  }
  if (expected_version != 0 && current->meta.version != expected_version) {
    return Error::conflict(what + " was changed by someone else; reload and retry");
  }
  const Timestamp now = clock_.now();
  const std::string sql =
      "UPDATE " + std::string(Traits::table) +
      " SET deleted_at = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4";
  const SqlValue params[] = {deleted ? to_sql(now) : SqlValue{}, to_sql(now), id,
                             current->meta.version};
  auto changed = connection_.execute(sql, params);
  if (!changed) return changed.error();
  if (*changed != 1)
    return Error::conflict(what + " was changed by someone else; reload and retry");
  AuditEntry e = audit_entry(actor, now, deleted ? "delete" : "restore");
  e.entity_id = id;
  e.field = "deleted_at";
  e.old_value = to_text(current->meta.deleted_at);
  if (deleted) e.new_value = to_string(now);
  KAM_RETURN_IF_ERROR(append_audit(connection_, e));
  return tx.commit();
}

template <class T>
Status Repository<T>::remove(int64_t id, const Actor& actor, int64_t expected_version) {
  return set_deleted(id, actor, expected_version, true);
}

template <class T>
Status Repository<T>::restore(int64_t id, const Actor& actor) {
  return set_deleted(id, actor, 0, false);
}

template <class T>
Result<Page<T>> Repository<T>::list(const ListQuery& query) {
  auto built =
      build_list_query(connection_.dialect(), select_columns(), Traits::table, fields(), query);
  if (!built) return built.error();
  Page<T> page;
  Status decoded;
  KAM_RETURN_IF_ERROR(connection_.query(built->sql, built->params, [&](const Row& row) {
    T record{};
    decoded = decode(row, record);
    if (!decoded) return false;
    page.items.push_back(std::move(record));
    return true;
  }));
  KAM_RETURN_IF_ERROR(decoded);
  if (page.items.size() > query.limit) {
    page.items.resize(query.limit);
    const T& last = page.items.back();
    Cursor cursor{query.sort, query.descending, SqlValue{}, last.meta.id};
    // Re-read the sort value of the last row through the same field table the query used.
    const auto& specs = fields();
    size_t index = 0;
    while (specs[index].name != query.sort)
      ++index;
    if (index < kMetaColumns) {
      const SqlValue meta[] = {last.meta.id, last.meta.version, to_sql(last.meta.created_at),
                               to_sql(last.meta.updated_at), to_sql(last.meta.deleted_at)};
      cursor.value = meta[index];
    } else {
      size_t column_index = kMetaColumns;
      detail::for_each_column(Traits::columns, [&](const auto& column) {
        if (column_index++ == index) cursor.value = to_sql(last.*(column.member));
      });
    }
    page.next_cursor = encode_cursor(cursor);
  }
  return page;
}

template <class T>
Result<int64_t> Repository<T>::count(const ListQuery& query) {
  auto built = build_count_query(connection_.dialect(), Traits::table, fields(), query);
  if (!built) return built.error();
  return query_int(connection_, built->sql, built->params);
}

template <class T>
Result<std::vector<int64_t>> Repository<T>::ids(const ListQuery& query) {
  auto built = build_ids_query(connection_.dialect(), Traits::table, fields(), query);
  if (!built) return built.error();
  std::vector<int64_t> out;
  KAM_RETURN_IF_ERROR(connection_.query(built->sql, built->params, [&](const Row& row) {
    out.push_back(row.get_int(0));
    return true;
  }));
  return out;
}

// Each record type's repository is compiled once, in repository_instances_*.cpp, instead of in
// every file that uses it: with 21 record types that was most of the compile time of the
// record routes and commands, each building all of them.
#define KAM_EXTERN_REPOSITORY(T) extern template class Repository<T>;
KAM_FOR_EACH_RECORD_TYPE(KAM_EXTERN_REPOSITORY)
#undef KAM_EXTERN_REPOSITORY

}  // namespace kam::store
