#include "server/api_routes.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "server/problem.hpp"
#include "server/record_json.hpp"
#include "store/entity_dispatch.hpp"
#include "store/migrator.hpp"

namespace kam::server {
namespace {

Result<int64_t> parse_id(const std::string& text, const char* field) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Error::invalid(field, "must be a positive whole number");
  }
  return id;
}

// Builds a ListQuery from query parameters; unknown parameters are errors naming them.
Result<store::ListQuery> list_query(const QueryParams& params) {
  store::ListQuery q;
  std::vector<FieldError> problems;
  for (const auto& [key, value] : params) {
    if (key == "where") {
      auto filter = store::parse_filter(value);
      if (filter) {
        q.filters.push_back(std::move(*filter));
      } else {
        problems.push_back({"where", filter.error().fields.front().message});
      }
    } else if (key == "sort") {
      q.sort = value;
    } else if (key == "desc") {
      q.descending = value == "true" || value == "1";
    } else if (key == "limit") {
      auto limit = parse_id(value, "limit");
      if (limit) {
        q.limit = static_cast<size_t>(*limit);
      } else {
        problems.push_back(limit.error().fields.front());
      }
    } else if (key == "after") {
      q.after = value;
    } else if (key == "deleted") {
      if (value == "include") {
        q.deleted = store::DeletedRecords::kInclude;
      } else if (value == "only") {
        q.deleted = store::DeletedRecords::kOnly;
      } else if (value != "exclude") {
        problems.push_back({"deleted", "must be exclude, include or only"});
      }
    } else {
      problems.push_back(
          {key, "is not a query parameter here; use where, sort, desc, limit, after, deleted"});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return q;
}

}  // namespace

void add_api_routes(Router& router, StorePool& pool) {
  router.add(http::verb::get, "/api/health",
             [&pool](const RequestContext& ctx) -> Result<Response> {
               auto store = pool.acquire();
               auto version = store::schema_version(store->connection());
               if (!version) return version.error();
               return json_response(boost::json::serialize(boost::json::object{
                                        {"status", "ok"}, {"schema_version", *version}}),
                                    ctx.request);
             });

  router.add(http::verb::get, "/api/{entity}",
             [&pool](const RequestContext& ctx) -> Result<Response> {
               auto query = list_query(ctx.query);
               if (!query) return query.error();
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     auto store = pool.acquire();
                     auto page = store->repository<T>().list(*query);
                     if (!page) return page.error();
                     boost::json::array items;
                     for (const auto& record : page->items)
                       items.push_back(record_to_json(record));
                     boost::json::object body{{"items", std::move(items)}};
                     body["next_cursor"] = page->next_cursor.empty()
                                               ? boost::json::value(nullptr)
                                               : boost::json::value(page->next_cursor);
                     return json_response(boost::json::serialize(body), ctx.request);
                   });
             });

  router.add(http::verb::get, "/api/{entity}/{id}",
             [&pool](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     auto store = pool.acquire();
                     auto record = store->repository<T>().get(*id);
                     if (!record) return record.error();
                     Response res = json_response(boost::json::serialize(record_to_json(*record)),
                                                  ctx.request);
                     res.set(http::field::etag, "\"" + std::to_string(record->meta.version) + "\"");
                     return res;
                   });
             });
}

}  // namespace kam::server
