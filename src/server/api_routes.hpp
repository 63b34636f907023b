#pragma once

#include "server/router.hpp"
#include "server/store_pool.hpp"

namespace kam::server {

// Registers the JSON API on `router`:
//   GET /api/health                 liveness and schema version
//   GET /api/{entity}               list: where=field<op>value (repeatable), sort, desc,
//                                   limit, after (cursor), deleted=exclude|include|only
//   GET /api/{entity}/{id}          one record, with its version as ETag
// The pool must outlive the router.
void add_api_routes(Router& router, StorePool& pool);

}  // namespace kam::server
