#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "server/http_types.hpp"

namespace kam::server {

// What a handler sees: the request and its decoded path and query parameters.
struct RequestContext {
  const Request& request;
  const PathParams& path;
  const QueryParams& query;
};

using Handler = std::function<Result<Response>(const RequestContext&)>;

// Maps METHOD + path pattern ("/api/accounts/{id}") to handlers. A handler's Error becomes
// a problem+json response; an unknown path is 404, a known path with another method 405.
class Router {
 public:
  void add(http::verb method, std::string pattern, Handler handler);
  Response dispatch(const Request& request) const;

  struct Route {
    http::verb method;
    std::string pattern;
  };
  std::vector<Route> routes() const;

 private:
  struct Entry {
    http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Entry> entries_;
};

}  // namespace kam::server
