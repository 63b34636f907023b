#pragma once

#include "server/authenticator.hpp"
#include "server/router.hpp"
#include "server/store_pool.hpp"

namespace kam::server {

// Registers the JSON API on `router`:
//   GET /api/health                 liveness and schema version (public)
//   POST /api/login                 {"login", "password"} → session cookie + CSRF token (public)
//   POST /api/logout, GET /api/me   end the session; who am I
// Every other route needs a session cookie (and X-CSRF-Token on changes) or an API token.
//   GET /api/{entity}               list: where=field<op>value (repeatable), sort, desc,
//                                   limit, after (cursor), deleted=exclude|include|only
//   GET /api/{entity}/{id}          one record, with its version as ETag
//   POST /api/{entity}              create from a JSON object of fields → 201
//   PATCH /api/{entity}/{id}        change fields; If-Match required (428 without, 412 stale)
//   DELETE /api/{entity}/{id}       soft delete (If-Match checked when given) → 204
//   POST /api/{entity}/{id}/restore undo a soft delete
// Every write goes through the audited repositories.
// The pool and the authenticator must outlive the router.
void add_api_routes(Router& router, StorePool& pool, Authenticator& auth);

}  // namespace kam::server
