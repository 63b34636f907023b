#pragma once

// What the route files share: the services a handler reaches, and small helpers for ids,
// JSON bodies and responses.

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>

#include "app/account_order.hpp"
#include "app/analysis_service.hpp"
#include "app/relationship_stages.hpp"
#include "server/access_control.hpp"
#include "server/authenticator.hpp"
#include "server/router.hpp"
#include "server/store_pool.hpp"
#include "store/audit_log.hpp"

namespace kam::server {

struct ApiServices {
  StorePool& pool;
  Authenticator& auth;
  PolicyCache& policies;
  const Clock& clock;
  // The instance's resident analysis, shared by every route that shows a class.
  std::shared_ptr<app::AnalysisService> analysis = std::make_shared<app::AnalysisService>();
  // The account list's relationship stages, kept per data version (computed from `analysis`).
  std::shared_ptr<app::RelationshipStageCache> stages =
      std::make_shared<app::RelationshipStageCache>();
  // The live accounts in each order the account list sorts by, kept per data version.
  std::shared_ptr<app::AccountOrderCache> orders = std::make_shared<app::AccountOrderCache>();
};

// null where there is no value.
template <class T>
boost::json::value optional_json(const std::optional<T>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

Result<int64_t> parse_id(const std::string& text, const char* field);

// The body as a JSON object, or an error naming the body; `shape` shows what is expected.
Result<boost::json::object> json_object_body(const Request& request, std::string_view shape);

// Typed members of a request body, each error naming the member.
Result<int64_t> required_id(const boost::json::object& body, const char* key);
Result<std::string> required_string(const boost::json::object& body, const char* key);
std::optional<std::string> optional_string(const boost::json::object& body, const char* key);

// The signed-in user, as the audit trail names them.
store::Actor actor_of(const RequestContext& ctx);
Viewer viewer_of(const RequestContext& ctx);

// The access decisions for this request: the current policy applied to its user.
class RequestAccess {
 public:
  RequestAccess(ApiServices& services, store::Connection& db, const RequestContext& ctx)
      : policy_(services.policies.current(db)),
        control_(*policy_, viewer_of(ctx), services.clock.now()) {}
  const AccessControl& operator*() const { return control_; }
  const AccessControl* operator->() const { return &control_; }

 private:
  std::shared_ptr<const AccessPolicy> policy_;
  AccessControl control_;
};

// Refuses unless the user's role administers KAM.
Status require_administrator(const AccessControl& access);

Response json_body_response(const boost::json::value& body, const Request& request,
                            http::status status = http::status::ok);
Response no_content(const Request& request);

}  // namespace kam::server
