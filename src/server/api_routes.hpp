#pragma once

#include "server/api_support.hpp"

namespace kam::server {

// Registers the JSON API on `router` (docs/api.md lists every route; GET /api/openapi.json
// serves the OpenAPI document). Only /api/health, /api/login and /api/openapi.json are
// public; every other route needs a session cookie (and X-CSRF-Token on changes) or an API
// token, and is decided by the access policy. The services must outlive the router.
void add_api_routes(Router& router, ApiServices& api);

}  // namespace kam::server
