#include "server/api_routes.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "server/problem.hpp"
#include "server/record_json.hpp"
#include "store/entity_dispatch.hpp"
#include "store/migrator.hpp"
#include "store/record_fields.hpp"

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

// The signed-in user, as the audit trail names them.
store::Actor actor_of(const RequestContext& ctx) {
  return {ctx.principal->login, ctx.principal->user_id};
}

boost::json::object principal_json(const Principal& p) {
  return {{"id", p.user_id},
          {"login", p.login},
          {"display_name", p.display_name},
          {"role", std::string(code_of(p.role))},
          {"csrf_token", p.csrf_token}};
}

// Sets the record's fields from a JSON object: strings, numbers and booleans are read as
// the field's text form (money "1234.50", dates "2024-05-01"); null empties an optional
// field. Every problem is reported at once, each naming its field.
template <class T>
Status apply_json(T& record, std::string_view body) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(body, ec);
  if (ec) return Error::invalid("body", "is not valid JSON: " + ec.message());
  if (!value.is_object()) return Error::invalid("body", "must be a JSON object of fields");
  std::vector<std::pair<std::string, std::string>> assignments;
  std::vector<FieldError> problems;
  for (const auto& [key, v] : value.as_object()) {
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
  auto set = store::set_fields(record, assignments);
  if (!set) problems.insert(problems.end(), set.error().fields.begin(), set.error().fields.end());
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return Status::success();
}

// The version an If-Match header names ("3" or W/"3"), or an error.
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
Response record_response(const T& record, const Request& request,
                         http::status status = http::status::ok) {
  Response res = json_response(boost::json::serialize(record_to_json(record)), request, status);
  res.set(http::field::etag, "\"" + std::to_string(record.meta.version) + "\"");
  return res;
}

}  // namespace

void add_api_routes(Router& router, StorePool& pool, Authenticator& auth) {
  router.set_authenticator([&auth](const Request& request) { return auth.authenticate(request); });

  router.add(
      http::verb::post, "/api/login",
      [&auth](const RequestContext& ctx) -> Result<Response> {
        boost::system::error_code ec;
        const auto body = boost::json::parse(ctx.request.body(), ec);
        if (ec || !body.is_object() || !body.as_object().contains("login") ||
            !body.as_object().contains("password") || !body.at("login").is_string() ||
            !body.at("password").is_string()) {
          return Error::invalid("body", "must be {\"login\": \"...\", \"password\": \"...\"}");
        }
        auto session = auth.login(std::string_view(body.at("login").as_string()),
                                  std::string_view(body.at("password").as_string()));
        if (!session) return session.error();
        Response res =
            json_response(boost::json::serialize(principal_json(session->principal)), ctx.request);
        res.set(http::field::set_cookie, auth.session_cookie(session->session_token));
        return res;
      },
      Access::kPublic);

  router.add(http::verb::post, "/api/logout",
             [&auth](const RequestContext& ctx) -> Result<Response> {
               if (const auto token = Authenticator::session_token(ctx.request); !token.empty()) {
                 KAM_RETURN_IF_ERROR(auth.logout(token));
               }
               Response res = json_response("{}", ctx.request);
               res.set(http::field::set_cookie, auth.expired_cookie());
               return res;
             });

  router.add(
      http::verb::post, "/api/me/password", [&auth](const RequestContext& ctx) -> Result<Response> {
        boost::system::error_code ec;
        const auto body = boost::json::parse(ctx.request.body(), ec);
        if (ec || !body.is_object() || !body.as_object().contains("current_password") ||
            !body.as_object().contains("new_password") ||
            !body.at("current_password").is_string() || !body.at("new_password").is_string()) {
          return Error::invalid(
              "body", "must be {\"current_password\": \"...\", \"new_password\": \"...\"}");
        }
        const auto session = Authenticator::session_token(ctx.request);
        KAM_RETURN_IF_ERROR(auth.change_password(
            ctx.principal->user_id, std::string_view(body.at("current_password").as_string()),
            std::string_view(body.at("new_password").as_string()), session));
        return json_response("{}", ctx.request);
      });

  router.add(
      http::verb::get, "/api/me/tokens", [&auth](const RequestContext& ctx) -> Result<Response> {
        auto tokens = auth.api_tokens(ctx.principal->user_id);
        if (!tokens) return tokens.error();
        boost::json::array items;
        for (const auto& t : *tokens) {
          items.push_back({{"id", t.id},
                           {"name", t.name},
                           {"created_at", t.created_at},
                           {"revoked_at", t.revoked_at ? boost::json::value(*t.revoked_at)
                                                       : boost::json::value(nullptr)}});
        }
        return json_response(
            boost::json::serialize(boost::json::object{{"items", std::move(items)}}), ctx.request);
      });

  router.add(http::verb::post, "/api/me/tokens",
             [&auth](const RequestContext& ctx) -> Result<Response> {
               boost::system::error_code ec;
               const auto body = boost::json::parse(ctx.request.body(), ec);
               if (ec || !body.is_object() || !body.as_object().contains("name") ||
                   !body.at("name").is_string()) {
                 return Error::invalid("body", "must be {\"name\": \"what the token is for\"}");
               }
               auto created = auth.create_api_token(ctx.principal->user_id,
                                                    std::string_view(body.at("name").as_string()));
               if (!created) return created.error();
               // The only time the token is shown: only its digest is stored.
               return json_response(
                   boost::json::serialize(boost::json::object{{"id", created->first.id},
                                                              {"name", created->first.name},
                                                              {"token", created->second}}),
                   ctx.request, http::status::created);
             });

  router.add(http::verb::delete_, "/api/me/tokens/{id}",
             [&auth](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               KAM_RETURN_IF_ERROR(auth.revoke_api_token(ctx.principal->user_id, *id));
               Response res{http::status::no_content, ctx.request.version()};
               res.keep_alive(ctx.request.keep_alive());
               return res;
             });

  router.add(http::verb::get, "/api/me", [](const RequestContext& ctx) -> Result<Response> {
    return json_response(boost::json::serialize(principal_json(*ctx.principal)), ctx.request);
  });

  router.add(
      http::verb::get, "/api/health",
      [&pool](const RequestContext& ctx) -> Result<Response> {
        auto store = pool.acquire();
        auto version = store::schema_version(store->connection());
        if (!version) return version.error();
        return json_response(boost::json::serialize(boost::json::object{
                                 {"status", "ok"}, {"schema_version", *version}}),
                             ctx.request);
      },
      Access::kPublic);

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
               return store::with_entity(ctx.path.at("entity"),
                                         [&]<class T>(std::type_identity<T>) -> Result<Response> {
                                           auto store = pool.acquire();
                                           auto record = store->repository<T>().get(*id);
                                           if (!record) return record.error();
                                           return record_response(*record, ctx.request);
                                         });
             });

  router.add(http::verb::post, "/api/{entity}",
             [&pool](const RequestContext& ctx) -> Result<Response> {
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     T record{};
                     KAM_RETURN_IF_ERROR(apply_json(record, ctx.request.body()));
                     auto store = pool.acquire();
                     auto id = store->repository<T>().create(record, actor_of(ctx));
                     if (!id) return id.error();
                     Response res = record_response(record, ctx.request, http::status::created);
                     res.set(http::field::location,
                             "/api/" + ctx.path.at("entity") + "/" + std::to_string(*id));
                     return res;
                   });
             });

  // Changes the fields in the body, if the record is still at the If-Match version: a stale
  // write gets 412 and overwrites nothing.
  router.add(http::verb::patch, "/api/{entity}/{id}",
             [&pool](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               auto expected = if_match_version(ctx.request);
               if (!expected)
                 return problem(http::status::precondition_required, expected.error().describe(),
                                ctx.request);
               return store::with_entity(
                   ctx.path.at("entity"), [&]<class T>(std::type_identity<T>) -> Result<Response> {
                     auto store = pool.acquire();
                     auto repo = store->repository<T>();
                     auto record = repo.get(*id);
                     if (!record) return record.error();
                     const auto stale = [&] {
                       return problem(http::status::precondition_failed,
                                      "the record changed since version " +
                                          std::to_string(*expected) + "; reload it and retry",
                                      ctx.request);
                     };
                     if (record->meta.version != *expected) return stale();
                     KAM_RETURN_IF_ERROR(apply_json(*record, ctx.request.body()));
                     if (auto s = repo.update(*record, actor_of(ctx)); !s) {
                       if (s.error().code == ErrorCode::kConflict) return stale();
                       return s.error();
                     }
                     return record_response(*record, ctx.request);
                   });
             });

  router.add(
      http::verb::delete_, "/api/{entity}/{id}",
      [&pool](const RequestContext& ctx) -> Result<Response> {
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
              auto store = pool.acquire();
              KAM_RETURN_IF_ERROR(store->repository<T>().remove(*id, actor_of(ctx), expected));
              Response res{http::status::no_content, ctx.request.version()};
              res.keep_alive(ctx.request.keep_alive());
              return res;
            });
      });

  router.add(http::verb::post, "/api/{entity}/{id}/restore",
             [&pool](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               return store::with_entity(ctx.path.at("entity"),
                                         [&]<class T>(std::type_identity<T>) -> Result<Response> {
                                           auto store = pool.acquire();
                                           auto repo = store->repository<T>();
                                           KAM_RETURN_IF_ERROR(repo.restore(*id, actor_of(ctx)));
                                           auto record = repo.get(*id);
                                           if (!record) return record.error();
                                           return record_response(*record, ctx.request);
                                         });
             });
}

}  // namespace kam::server
