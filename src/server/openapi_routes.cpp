// GET /api/openapi.json: the OpenAPI 3.1 document of the API (src/server/openapi.json,
// compiled into the binary). Public, so that tools can read it before signing in.
// tests/server/openapi_test.cpp checks that it names exactly the routes the router serves.

#include <span>

#include "core/embedded_file.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"

namespace kam::server {

// Defined by the kam_embed call in src/server/CMakeLists.txt.
std::span<const EmbeddedFile> openapi_document_files();

void add_openapi_route(Router& router) {
  router.add(
      http::verb::get, "/api/openapi.json",
      [](const RequestContext& ctx) -> Result<Response> {
        const auto files = openapi_document_files();
        if (files.empty()) return Error::internal("the OpenAPI document is not built in");
        Response res = json_response(std::string(files.front().content), ctx.request);
        res.set(http::field::cache_control, "no-cache");
        return res;
      },
      Access::kPublic);
}

}  // namespace kam::server
