// Imports over HTTP, for the web UI's import wizard: upload a file to see its columns and the
// guessed mapping, then run the import (dry run first) with the mapping the user corrected.
// The file travels base64-encoded in a JSON body. An import writes records of any account,
// so it needs a role that sees every account and may write (sales directors,
// administrators). While a request runs, its progress (rows read, rows per second, time
// left) can be polled from another connection under the id the client chose for it.

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <mutex>

#include "app/column_mapping.hpp"
#include "app/import_records.hpp"
#include "io/table_source.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "server/uploaded_file.hpp"

namespace kam::server {
namespace {

namespace json = boost::json;
using json::array;
using json::object;
using json::value;

// Progress of the imports running or recently finished, by the client's id for them.
class ImportProgressBoard {
 public:
  void update(const std::string& id, int64_t user, const app::ImportProgress& p, bool done) {
    std::lock_guard lock(mutex_);
    Entry& e = entries_[id];
    e.user = user;
    e.progress = p;
    e.done = done;
    e.touched = std::chrono::steady_clock::now();
    if (entries_.size() > kKept) forget_oldest();
  }

  // The entry, if it exists and belongs to `user`.
  std::optional<std::pair<app::ImportProgress, bool>> find(const std::string& id,
                                                           int64_t user) const {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(id);
    if (it == entries_.end() || it->second.user != user) return std::nullopt;
    return std::pair{it->second.progress, it->second.done};
  }

 private:
  static constexpr size_t kKept = 200;
  struct Entry {
    int64_t user = 0;
    app::ImportProgress progress;
    bool done = false;
    std::chrono::steady_clock::time_point touched;
  };
  void forget_oldest() {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
      if (it->second.touched < oldest->second.touched) oldest = it;
    entries_.erase(oldest);
  }

  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

Status require_importer(const AccessControl& access) {
  const RolePermissions& p = access.permissions();
  if (p.visibility != Visibility::kAll || !p.write)
    return Error::forbidden(
        "imports write records of any account: a role that sees and may "
        "change every account (sales director, administrator) runs them");
  return Status::success();
}

std::string string_member(const object& body, const char* key) {
  const value* v = body.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// What a table needs from the body: entity, format, encoding, sheet, and the file.
struct TableRequest {
  app::ImportEntity entity = app::ImportEntity::kAccounts;
  std::unique_ptr<TableSource> table;
};

Result<TableRequest> open_request_table(const object& body,
                                        std::initializer_list<std::string_view> other_keys) {
  for (const auto& member : body) {
    const std::string_view key = member.key();
    bool known = key == "entity" || key == "file_base64" || key == "file_name" || key == "format" ||
                 key == "encoding" || key == "sheet";
    for (auto other : other_keys)
      known = known || key == other;
    if (!known) return Error::invalid(std::string(key), "is not a field here");
    if (key != "mapping" && key != "dry_run" && !member.value().is_string())
      return Error::invalid(std::string(key), "must be a string");
  }
  TableRequest out;
  auto entity = app::parse_entity(string_member(body, "entity"), "entity");
  if (!entity) return entity.error();
  out.entity = *entity;
  auto bytes = base64_file(body);
  if (!bytes) return bytes.error();
  io::TableOptions options;
  options.format = string_member(body, "format");
  options.sheet = string_member(body, "sheet");
  const std::string encoding = string_member(body, "encoding");
  if (!encoding.empty()) {
    auto parsed = io::parse_encoding(encoding, "encoding");
    if (!parsed) return parsed.error();
    options.encoding = *parsed;
  }
  auto table = io::open_table(std::move(*bytes), options);
  if (!table) return table.error();
  out.table = std::move(*table);
  return out;
}

value mapping_json(const app::ColumnMapping& mapping) {
  return json::parse(app::mapping_to_json(mapping));
}

// The report, each line's reason in the language the request prefers.
object report_json(const app::ImportReport& r, const Request& request) {
  array problems;
  for (const auto& p : r.problems) {
    const RenderedMessage reason = render_message(p.reason, request);
    object problem{{"line", p.line},
                   {"column", p.column},
                   {"field", p.field},
                   {"value", p.value},
                   {"reason", reason.text}};
    if (!reason.code.empty()) problem["code"] = reason.code;
    problems.push_back(std::move(problem));
  }
  return {{"rows", r.rows},
          {"imported", r.imported},
          {"merged", r.merged},
          {"duplicates_skipped", r.duplicates_skipped},
          {"rejected", r.rejected},
          {"problem_count", r.problem_count},
          {"problems", std::move(problems)},
          {"written", r.written},
          {"seconds", r.seconds}};
}

object progress_json(const app::ImportProgress& p, bool done) {
  const double rate = p.seconds > 0 ? static_cast<double>(p.rows_read) / p.seconds : 0;
  object out{{"done", done},
             {"rows_read", p.rows_read},
             {"rows_total", p.rows_total ? value(*p.rows_total) : value(nullptr)},
             {"seconds", p.seconds},
             {"rows_per_second", rate}};
  out["eta_seconds"] = p.rows_total && rate > 0 && *p.rows_total >= p.rows_read
                           ? value(static_cast<double>(*p.rows_total - p.rows_read) / rate)
                           : value(nullptr);
  return out;
}

}  // namespace

void add_import_routes(Router& router, ApiServices& api) {
  auto board = std::make_shared<ImportProgressBoard>();

  router.add(
      http::verb::post, "/api/imports/preview",
      [&api](const RequestContext& ctx) -> Result<Response> {
        {
          auto store = api.pool.acquire();
          RequestAccess access(api, store->connection(), ctx);
          KAM_RETURN_IF_ERROR(require_importer(*access));
        }
        auto body = json_object_body(ctx.request,
                                     R"({"entity": "accounts", "file_base64": "...", "encoding": )"
                                     R"("gbk", "sheet": "Sheet1"})");
        if (!body) return body.error();
        auto request = open_request_table(*body, {});
        if (!request) return request.error();
        TableSource& table = *request->table;
        array headers, rows, fields;
        for (const auto& h : table.headers())
          headers.emplace_back(h);
        TableRow row;
        for (int n = 0; n < 10; ++n) {
          auto more = table.next(row);
          if (!more) return more.error();
          if (!*more) break;
          array cells;
          for (const auto& c : row.cells)
            cells.emplace_back(c);
          rows.push_back(object{{"line", row.line}, {"cells", std::move(cells)}});
        }
        for (auto f : app::importable_fields(request->entity))
          fields.emplace_back(f);
        return json_body_response(
            object{{"description", table.description()},
                   {"headers", std::move(headers)},
                   {"sample", std::move(rows)},
                   {"fields", std::move(fields)},
                   {"mapping", mapping_json(app::guess_mapping(request->entity, table.headers()))}},
            ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::post, "/api/imports",
      [&api, board](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        {
          RequestAccess access(api, store->connection(), ctx);
          KAM_RETURN_IF_ERROR(require_importer(*access));
        }
        auto body = json_object_body(
            ctx.request, R"({"entity": "accounts", "file_base64": "...", "mapping": {...}, )"
                         R"("dry_run": true, "mode": "all_or_nothing", "duplicates": "reject", )"
                         R"("progress_id": "a-client-chosen-id"})");
        if (!body) return body.error();
        auto request =
            open_request_table(*body, {"mapping", "dry_run", "mode", "duplicates", "progress_id"});
        if (!request) return request.error();
        app::ImportOptions options;
        if (const value* m = body->if_contains("mapping"); m && !m->is_null()) {
          auto mapping = app::mapping_from_json(json::serialize(*m));
          if (!mapping) return mapping.error();
          if (mapping->entity != request->entity)
            return Error::invalid("mapping", "is for another entity than the import's");
          options.mapping = std::move(*mapping);
        } else {
          options.mapping = app::guess_mapping(request->entity, request->table->headers());
        }
        for (const auto& c : options.mapping.columns) {
          if (c.column >= request->table->headers().size())
            return Error::invalid("mapping", "names column " + std::to_string(c.column + 1) +
                                                 " but the file has " +
                                                 std::to_string(request->table->headers().size()));
        }
        KAM_RETURN_IF_ERROR(app::validate_mapping(options.mapping));
        if (const value* d = body->if_contains("dry_run")) {
          if (!d->is_bool()) return Error::invalid("dry_run", "must be true or false");
          options.dry_run = d->as_bool();
        }
        const std::string mode = string_member(*body, "mode");
        if (mode == "skip_bad_rows") {
          options.mode = app::ImportMode::kSkipBadRows;
        } else if (!mode.empty() && mode != "all_or_nothing") {
          return Error::invalid("mode", "must be all_or_nothing or skip_bad_rows");
        }
        const std::string duplicates = string_member(*body, "duplicates");
        if (duplicates == "skip") {
          options.duplicates = app::DuplicatePolicy::kSkip;
        } else if (duplicates == "merge") {
          options.duplicates = app::DuplicatePolicy::kMerge;
        } else if (!duplicates.empty() && duplicates != "reject") {
          return Error::invalid("duplicates", "must be reject, skip or merge");
        }
        options.actor = actor_of(ctx);
        const std::string progress_id = string_member(*body, "progress_id");
        const int64_t user = viewer_of(ctx).user_id;
        if (!progress_id.empty()) {
          options.on_progress = [&board = *board, progress_id, user](const app::ImportProgress& p) {
            board.update(progress_id, user, p, false);
          };
        }
        auto report = app::import_table(*store, *request->table, options);
        if (!report) return report.error();
        if (!progress_id.empty())
          board->update(progress_id, user, {report->rows, report->rows, report->seconds}, true);
        object out = report_json(*report, ctx.request);
        out["mapping"] = mapping_json(options.mapping);
        out["dry_run"] = options.dry_run;
        return json_body_response(std::move(out), ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  router.add(http::verb::get, "/api/imports/progress/{progress_id}",
             [&api, board](const RequestContext& ctx) -> Result<Response> {
               // An id no import of this user has reported under yet (the upload is still
               // arriving) reads as not started: a client polls from the moment it sends.
               auto found = board->find(ctx.path.at("progress_id"), viewer_of(ctx).user_id);
               object body = found ? progress_json(found->first, found->second)
                                   : progress_json(app::ImportProgress{}, false);
               body["started"] = found.has_value();
               return json_body_response(std::move(body), ctx.request);
             });
}

}  // namespace kam::server
