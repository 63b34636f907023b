// The generic record resources: GET/POST /api/{entity}, GET/PATCH/DELETE /api/{entity}/{id},
// POST /api/{entity}/{id}/restore, GET /api/{entity}/{id}/history. Every request is
// decided by AccessControl before anything is read out or written.

#include <algorithm>
#include <charconv>

#include "app/order_writes.hpp"
#include "app/record_writes.hpp"
#include "server/account_class_params.hpp"
#include "server/api_support.hpp"
#include "server/list_params.hpp"
#include "server/opportunity_funnel_params.hpp"
#include "server/problem.hpp"
#include "server/record_json.hpp"
#include "server/report_cache.hpp"
#include "server/route_groups.hpp"
#include "store/entity_dispatch.hpp"
#include "store/record_fields.hpp"

namespace kam::server {
namespace {

template <class T>
constexpr std::string_view table_of() {
  return store::EntityTraits<T>::table;
}

// The record's JSON, without the financial fields for roles that may not see them.
template <class T>
void append_visible_json(std::string& out, const T& record, const AccessControl& access) {
  const bool financial = access.permissions().financial;
  append_record_json(out, record, [&](std::string_view field) {
    return !financial && access.policy().is_financial(table_of<T>(), field);
  });
}

// Sets the record's fields from a JSON object (app::assign_fields): strings, numbers and
// booleans are read as the field's text form (money "1234.50", dates "2024-05-01"); null
// empties an optional field. Every problem is reported at once, each naming its field.
template <class T>
Status apply_json(T& record, const boost::json::object& body, const AccessControl& access) {
  app::FieldAssignments assignments;
  std::vector<FieldError> problems;
  for (const auto& [key, v] : body) {
    if (!access.permissions().financial && access.policy().is_financial(table_of<T>(), key)) {
      return Error::forbidden("your role may not set " + std::string(key));
    }
    if (v.is_string()) {
      assignments.emplace_back(key, std::string(v.as_string()));
    } else if (v.is_int64()) {
      assignments.emplace_back(key, std::to_string(v.as_int64()));
    } else if (v.is_bool()) {
      assignments.emplace_back(key, v.as_bool() ? "true" : "false");
    } else if (v.is_null()) {
      assignments.emplace_back(key, "");
    } else {
      problems.push_back(
          {std::string(key),
           "must be a string, a whole number, true/false or null (money as a string)"});
    }
  }
  auto set = app::assign_fields(record, assignments);
  if (!set) problems.insert(problems.end(), set.error().fields.begin(), set.error().fields.end());
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return Status::success();
}

// The column naming the record a record hangs from, whose write access writing it needs:
// its account, or for a buying-centre member or SOP check its opportunity. Empty for records
// that hang from none (accounts, users, teams, products).
template <class T>
constexpr std::string_view parent_column() {
  if constexpr (requires(T record) { record.account_id; }) {
    return "account_id";
  } else if constexpr (requires(T record) { record.opportunity_id; }) {
    return "opportunity_id";
  } else {
    return "";
  }
}

// One value of one of a record's reference columns (store::EntityTraits<T>::references).
struct ReferenceValue {
  std::string_view column;
  std::string_view table;
  int64_t id = 0;
};

// The references `record` makes that `before` does not: all of them for a new record
// (`before` null), the changed ones for a change. Empty references are left out.
template <class T>
std::vector<ReferenceValue> new_references(const T& record, const std::type_identity_t<T>* before) {
  const auto text_of = [](const std::vector<store::FieldText>& fields, std::string_view column) {
    for (const auto& [name, text] : fields)
      if (name == column) return text;
    return std::optional<std::string>();
  };
  const auto after = store::field_texts(record);
  const auto earlier = before ? store::field_texts(*before) : std::vector<store::FieldText>();
  std::vector<ReferenceValue> out;
  for (const auto& ref : store::EntityTraits<T>::references) {
    const auto text = text_of(after, ref.column);
    if (!text || (before && text_of(earlier, ref.column) == text)) continue;
    int64_t id = 0;
    std::from_chars(text->data(), text->data() + text->size(), id);
    out.push_back({ref.column, ref.table, id});
  }
  return out;
}

// Every reference new in `record` (see new_references) is one the writer may make: the
// parent one whose records they may change, any other one AccessControl::may_reference
// allows. A parent they may not see and any other refused reference get the answer of a
// reference to nothing (unknown_reference), so that no answer tells whether a record exists.
template <class T>
Status check_references(store::Connection& db, const AccessControl& access, const T& record,
                        const std::type_identity_t<T>* before) {
  for (const auto& ref : new_references(record, before)) {
    if (ref.id <= 0) continue;  // validation names a missing or malformed id
    if (ref.column == parent_column<T>()) {
      auto s = access.check(db, ref.table, ref.id, Intent::kWrite);
      if (!s && s.error().code == ErrorCode::kNotFound)
        return unknown_reference(ref.column, ref.table);
      KAM_RETURN_IF_ERROR(s);
      continue;
    }
    auto allowed = access.may_reference(db, ref.table, ref.id);
    if (!allowed) return allowed.error();
    if (!*allowed) return unknown_reference(ref.column, ref.table);
  }
  return Status::success();
}

// Account-level rules beyond "may write this record": owners change through handover or
// the pool unless the role sees beyond its own accounts.
Status check_account_write(const Account& before, const Account& after,
                           const AccessControl& access) {
  if (access.permissions().visibility != Visibility::kOwn) return Status::success();
  if (before.owner_id != after.owner_id || before.team_id != after.team_id) {
    return Error::forbidden(
        "account managers change owners through handover or the customer pool, not by editing "
        "owner_id or team_id");
  }
  return Status::success();
}

// The If-Match version ("3" or W/"3"), or an error.
Result<int64_t> if_match_version(const Request& request) {
  const auto header = request[http::field::if_match];
  if (header.empty())
    return Error::invalid("If-Match", "is required: send the ETag you read, e.g. If-Match: \"3\"");
  std::string_view v = header;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return parse_id(std::string(v), "If-Match");
}

template <class T>
Response record_response(const T& record, const AccessControl& access, const Request& request,
                         http::status status = http::status::ok) {
  std::string body;
  append_visible_json(body, record, access);
  Response res = json_response(std::move(body), request, status);
  res.set(http::field::etag, "\"" + std::to_string(record.meta.version) + "\"");
  return res;
}

// An order's lines, in the record's JSON as "lines": [...]. A role kept from an order's
// amount, or from a line's unit price or amount (the access policy's financial fields), is
// kept from the lines' prices and amounts as well.
void append_order_lines(std::string& out, const std::vector<OrderLine>& lines,
                        const AccessControl& access) {
  const bool financial = access.permissions().financial;
  const auto policy_hides = [&](std::string_view table, std::string_view field) {
    return !financial && access.policy().is_financial(table, field);
  };
  const bool money_hidden = policy_hides("orders", "amount");
  out.pop_back();  // the record's closing brace
  out += ",\"lines\":[";
  for (const auto& line : lines) {
    if (out.back() != '[') out += ',';
    append_record_json(out, line, [&](std::string_view field) {
      if (field != "unit_price" && field != "amount") return false;
      return money_hidden || policy_hides("order_lines", field);
    });
  }
  out += "]}";
}

Response order_response(const Order& order, const std::vector<OrderLine>& lines,
                        const AccessControl& access, const Request& request,
                        http::status status = http::status::ok) {
  std::string body;
  append_visible_json(body, order, access);
  append_order_lines(body, lines, access);
  Response res = json_response(std::move(body), request, status);
  res.set(http::field::etag, "\"" + std::to_string(order.meta.version) + "\"");
  return res;
}

// Takes an order's "lines" out of `body`: absent, or a list of objects whose values are read
// as apply_json reads a record's (each problem named lines[i].field). A role kept from the
// order's amount may not write lines, which set it.
Result<app::OrderLinesWrite> take_order_lines(boost::json::object& body,
                                              const AccessControl& access) {
  app::OrderLinesWrite out;
  out.amount_stated = body.contains("amount");
  out.product_line_stated = body.contains("product_line_id");
  auto it = body.find("lines");
  if (it == body.end()) return out;
  const boost::json::value value = it->value();
  body.erase(it);
  if (!value.is_array()) return Error::invalid("lines", "must be a list of order lines");
  if (!access.permissions().financial && access.policy().is_financial("orders", "amount"))
    return Error::forbidden("your role may not set lines");
  std::vector<FieldError> problems;
  std::vector<app::OrderLineInput> lines;
  const auto& items = value.as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "lines[" + std::to_string(i) + "]";
    auto& line = lines.emplace_back();
    if (!items[i].is_object()) {
      problems.push_back({prefix, "must be an object of fields"});
      continue;
    }
    for (const auto& [key, v] : items[i].as_object()) {
      if (v.is_string()) {
        line.emplace_back(key, std::string(v.as_string()));
      } else if (v.is_int64()) {
        line.emplace_back(key, std::to_string(v.as_int64()));
      } else if (v.is_null()) {
        line.emplace_back(key, "");
      } else {
        problems.push_back({prefix + "." + std::string(key),
                            "must be a string, a whole number or null (money as a string)"});
      }
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  out.lines = std::move(lines);
  return out;
}

// A list's total, reused while the data version holds: the next pages of a list, and the same
// list opened again, do not count again (a province of 170,000 accounts takes about 10 ms to
// count). The key holds the scope, so each user's visibility is counted apart.
template <class T>
Result<int64_t> total_of(ReportCache& totals, store::Store& store, const store::ListQuery& query) {
  auto version = ReportCache::version_of(store.connection());
  if (!version) return version.error();
  const std::string key = *version + " " + store::count_identity(table_of<T>(), query);
  if (auto kept = totals.find(key)) return std::stoll(*kept);
  auto total = store.repository<T>().count(query);
  if (!total) return total.error();
  totals.keep(key, std::to_string(*total));
  return total;
}

}  // namespace

void add_record_routes(Router& router, ApiServices& api) {
  auto totals = std::make_shared<ReportCache>();
  router.add(
      http::verb::get, "/api/{entity}",
      [&api, totals](const RequestContext& ctx) -> Result<Response> {
        // Accounts also take the classes of the resident analysis (account_class_params),
        // opportunities the stage a funnel figure counts (opportunity_funnel_params).
        const bool accounts = ctx.path.at("entity") == "accounts";
        const bool opportunities = ctx.path.at("entity") == "opportunities";
        ClassParams classes;
        FunnelParams funnel;
        auto params = parse_list_params(ctx.query, /*paged=*/true,
                                        accounts        ? class_params(classes)
                                        : opportunities ? funnel_params(funnel)
                                                        : ExtraParam(),
                                        accounts        ? kClassParamNames
                                        : opportunities ? kFunnelParamNames
                                                        : std::string_view());
        if (!params) return params.error();
        store::ListQuery* query = &params->query;
        return store::with_entity(
            ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
              auto store = api.pool.acquire();
              RequestAccess access(api, store->connection(), ctx);
              KAM_RETURN_IF_ERROR(check_query_fields(table_of<T>(), *query, *access));
              query->scope = access->scope(table_of<T>(), Intent::kRead);
              query->search = params->search;
              if (accounts)
                KAM_RETURN_IF_ERROR(
                    narrow_to_grades(store->connection(), *access, classes, *query));
              if (opportunities)
                KAM_RETURN_IF_ERROR(
                    narrow_to_funnel_stage(api, store->connection(), funnel, *query));
              std::optional<int64_t> known_total;
              if (classes.wanted()) {
                auto narrowed = narrow_to_classes(api, store->connection(), classes, *query);
                if (!narrowed) return narrowed.error();
                known_total = *narrowed;
              }
              auto repo = store->repository<T>();
              // Accounts may also be ordered by a class or a grade, which SQL does not hold.
              std::optional<app::OrderedPage> ordered;
              if constexpr (std::is_same_v<T, Account>) {
                auto o = ordered_accounts(api, *store, *access, classes, *query);
                if (!o) return o.error();
                ordered = std::move(*o);
              }
              auto page = ordered ? Result<store::Page<T>>(store::Page<T>{}) : repo.list(*query);
              if (!page) return page.error();
              if (ordered && !ordered->ids.empty()) {
                store::ListQuery rows = *query;
                rows.among = ordered->ids;
                std::sort(rows.among->begin(), rows.among->end());
                rows.sort = "id";
                rows.descending = false;
                rows.after.clear();
                rows.limit = ordered->ids.size();
                auto read = repo.list(rows);
                if (!read) return read.error();
                auto& items = read->items;  // ascending by id
                for (const int64_t id : ordered->ids) {
                  const auto it = std::lower_bound(
                      items.begin(), items.end(), id,
                      [](const T& record, int64_t v) { return record.meta.id < v; });
                  if (it != items.end() && it->meta.id == id) page->items.push_back(std::move(*it));
                }
              }
              if (ordered) page->next_cursor = ordered->next_cursor;
              auto total = ordered       ? Result<int64_t>(ordered->total)
                           : known_total ? Result<int64_t>(*known_total)
                                         : total_of<T>(*totals, *store, *query);
              if (!total) return total.error();
              std::vector<std::string> items;
              std::vector<int64_t> ids;
              for (const auto& record : page->items) {
                append_visible_json(items.emplace_back(), record, *access);
                ids.push_back(record.meta.id);
              }
              KAM_RETURN_IF_ERROR(append_classes(api, store->connection(), classes, ids, items));
              KAM_RETURN_IF_ERROR(append_grades(store->connection(), *access, classes, ids, items));
              KAM_RETURN_IF_ERROR(
                  append_relationship_stages(api, store->connection(), classes, ids, items));
              std::string body = "{\"items\":[";
              for (const auto& item : items) {
                if (body.back() != '[') body += ',';
                body += item;
              }
              body += "],\"total\":" + std::to_string(*total) + ",\"next_cursor\":";
              if (page->next_cursor.empty()) {
                body += "null";
              } else {
                append_json_string(body, page->next_cursor);
              }
              body += '}';
              return json_response(std::move(body), ctx.request);
            });
      },
      // Long: a list narrowed by class, or showing classes, reads the resident analysis, which
      // may first have to load the whole dataset for its period; a search of one or two
      // characters scans. Neither may hold up the other connections of an event loop.
      Access::kSignedIn, Work::kLong);

  router.add(http::verb::get, "/api/{entity}/{id}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     auto store = api.pool.acquire();
                     RequestAccess access(api, store->connection(), ctx);
                     // The access check and the read in one query: the
                     // hottest route.
                     auto record = store->repository<T>().get_within(
                         *id, access->scope(table_of<T>(), Intent::kRead));
                     if (!record) return record.error();
                     if constexpr (std::is_same_v<T, Order>) {
                       auto lines = app::order_lines(*store, *id);
                       if (!lines) return lines.error();
                       return order_response(*record, *lines, *access, ctx.request);
                     }
                     return record_response(*record, *access, ctx.request);
                   });
             });

  router.add(
      http::verb::post, "/api/{entity}", [&api](const RequestContext& ctx) -> Result<Response> {
        auto body = json_object_body(ctx.request, "a JSON object of fields");
        if (!body) return body.error();
        return store::with_entity(
            ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
              auto store = api.pool.acquire();
              RequestAccess access(api, store->connection(), ctx);
              const RolePermissions& perms = access->permissions();
              if (!perms.write ||
                  (!AccessControl::belongs_to_account(table_of<T>()) && !perms.administer)) {
                return Error::forbidden("your role may not create " + std::string(table_of<T>()));
              }
              T record{};
              [[maybe_unused]] app::OrderLinesWrite order_lines;
              if constexpr (std::is_same_v<T, Order>) {
                auto taken = take_order_lines(*body, *access);
                if (!taken) return taken.error();
                order_lines = std::move(*taken);
              }
              if constexpr (std::is_same_v<T, Account>) {
                // A new account is its creator's unless they say otherwise.
                record.owner_id = ctx.principal->user_id;
                record.team_id = ctx.principal->team_id;
              }
              KAM_RETURN_IF_ERROR(apply_json(record, *body, *access));
              if constexpr (std::is_same_v<T, Account>) {
                if (record.owner_id != ctx.principal->user_id &&
                    perms.visibility == Visibility::kOwn) {
                  return Error::forbidden("account managers create accounts they own");
                }
              }
              KAM_RETURN_IF_ERROR(
                  check_references(store->connection(), *access, record, /*before=*/nullptr));
              Result<int64_t> id = 0;
              Response res;
              if constexpr (std::is_same_v<T, Order>) {
                std::vector<OrderLine> lines;
                id = app::create_order(*store, record, order_lines, actor_of(ctx), &lines);
                if (!id) return id.error();
                res = order_response(record, lines, *access, ctx.request, http::status::created);
              } else {
                id = app::create_record(*store, record, actor_of(ctx));
                if (!id) return id.error();
                res = record_response(record, *access, ctx.request, http::status::created);
              }
              res.set(http::field::location,
                      "/api/" + std::string(table_of<T>()) + "/" + std::to_string(*id));
              return res;
            });
      });

  // Changes the fields in the body, if the record is still at the If-Match version: a stale
  // write gets 412 and overwrites nothing.
  router.add(
      http::verb::patch, "/api/{entity}/{id}",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto body = json_object_body(ctx.request, "a JSON object of the fields to change");
        if (!body) return body.error();
        return store::with_entity(
            ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
              auto store = api.pool.acquire();
              RequestAccess access(api, store->connection(), ctx);
              KAM_RETURN_IF_ERROR(
                  access->check(store->connection(), table_of<T>(), *id, Intent::kWrite));
              auto expected = if_match_version(ctx.request);
              if (!expected)
                return problem(http::status::precondition_required, expected.error(), ctx.request);
              auto repo = store->repository<T>();
              auto record = repo.get(*id);
              if (!record) return record.error();
              const auto stale = [&] {
                return problem(http::status::precondition_failed,
                               "the record changed since version " + std::to_string(*expected) +
                                   "; reload it and retry",
                               ctx.request);
              };
              if (record->meta.version != *expected) return stale();
              const T before = *record;
              [[maybe_unused]] app::OrderLinesWrite order_lines;
              if constexpr (std::is_same_v<T, Order>) {
                auto taken = take_order_lines(*body, *access);
                if (!taken) return taken.error();
                order_lines = std::move(*taken);
              }
              KAM_RETURN_IF_ERROR(apply_json(*record, *body, *access));
              if constexpr (std::is_same_v<T, Account>) {
                KAM_RETURN_IF_ERROR(check_account_write(before, *record, *access));
              }
              KAM_RETURN_IF_ERROR(check_references(store->connection(), *access, *record, &before));
              [[maybe_unused]] std::vector<OrderLine> lines;
              Status written = Status::success();
              if constexpr (std::is_same_v<T, Order>) {
                written = app::update_order(*store, *record, order_lines, actor_of(ctx), &lines);
              } else {
                written = app::update_record(*store, *record, actor_of(ctx));
              }
              if (auto s = written; !s) {
                // A conflict is either a concurrent write (412) or a duplicate value
                // such as a credit code (409): the stored version tells which.
                if (s.error().code == ErrorCode::kConflict) {
                  auto current = repo.get(*id);
                  if (current && current->meta.version != *expected) return stale();
                }
                return s.error();
              }
              if constexpr (std::is_same_v<T, Order>)
                return order_response(*record, lines, *access, ctx.request);
              return record_response(*record, *access, ctx.request);
            });
      });

  router.add(
      http::verb::delete_, "/api/{entity}/{id}",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        int64_t expected = 0;  // If-Match is optional for a soft delete, checked when given
        if (!ctx.request[http::field::if_match].empty()) {
          auto v = if_match_version(ctx.request);
          if (!v) return v.error();
          expected = *v;
        }
        return store::with_entity(
            ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
              auto store = api.pool.acquire();
              RequestAccess access(api, store->connection(), ctx);
              KAM_RETURN_IF_ERROR(
                  access->check(store->connection(), table_of<T>(), *id, Intent::kWrite));
              KAM_RETURN_IF_ERROR(app::delete_record<T>(*store, *id, actor_of(ctx), expected));
              return no_content(ctx.request);
            });
      });

  router.add(http::verb::post, "/api/{entity}/{id}/restore",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     auto store = api.pool.acquire();
                     RequestAccess access(api, store->connection(), ctx);
                     // A record that hangs from an account (a contact, an order …) comes
                     // back for whoever may change that account, so that a deletion can be
                     // undone where it was made; accounts and reference data only for
                     // administrators.
                     const bool of_an_account = AccessControl::belongs_to_account(table_of<T>()) &&
                                                table_of<T>() != "accounts";
                     if (of_an_account && !access->permissions().administer) {
                       KAM_RETURN_IF_ERROR(access->check(store->connection(), table_of<T>(), *id,
                                                         Intent::kWrite, true));
                     } else {
                       KAM_RETURN_IF_ERROR(require_administrator(*access));
                     }
                     auto repo = store->repository<T>();
                     KAM_RETURN_IF_ERROR(app::restore_record<T>(*store, *id, actor_of(ctx)));
                     auto record = repo.get(*id);
                     if (!record) return record.error();
                     return record_response(*record, *access, ctx.request);
                   });
             });

  // The record's audit trail, oldest first: who changed which field when, old → new.
  router.add(http::verb::get, "/api/{entity}/{id}/history",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     auto store = api.pool.acquire();
                     RequestAccess access(api, store->connection(), ctx);
                     KAM_RETURN_IF_ERROR(access->check(store->connection(), table_of<T>(), *id,
                                                       Intent::kRead, true));
                     auto trail = store::audit_history(store->connection(),
                                                       store::EntityTraits<T>::entity, *id);
                     if (!trail) return trail.error();
                     boost::json::array items;
                     for (const auto& e : *trail) {
                       const bool hidden = !access->permissions().financial && e.field &&
                                           access->policy().is_financial(table_of<T>(), *e.field);
                       items.push_back(audit_entry_json(e, hidden));
                     }
                     return json_body_response(boost::json::object{{"items", std::move(items)}},
                                               ctx.request);
                   });
             });
}

}  // namespace kam::server
