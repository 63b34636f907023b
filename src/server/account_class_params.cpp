#include "server/account_class_params.hpp"

#include "analytics/period.hpp"
#include "server/record_json.hpp"

namespace kam::server {
namespace {

Result<analytics::Period> period_of(const ApiServices& api, const ClassParams& params) {
  return analytics::parse_period(params.period, api.clock.today());
}

}  // namespace

ExtraParam class_params(ClassParams& into) {
  return
      [&into](const std::string& key, const std::string& value, std::vector<FieldError>& problems) {
        if (auto kind = app::class_kind_named(key)) {
          into.filters.push_back({*kind, value});
        } else if (key == "period") {
          into.period = value;
        } else if (key == "with") {
          if (value == "classes") {
            into.with_classes = true;
          } else {
            problems.push_back({"with", "must be classes"});
          }
        } else {
          return false;
        }
        return true;
      };
}

Result<std::optional<int64_t>> narrow_to_classes(ApiServices& api, store::Connection& connection,
                                                 const ClassParams& params,
                                                 store::ListQuery& query) {
  if (params.filters.empty()) return std::optional<int64_t>();
  auto period = period_of(api, params);
  if (!period) return period.error();
  auto ids = app::accounts_in_classes(*api.analysis, connection, *period, params.filters);
  if (!ids) return ids.error();
  return app::narrow_to_accounts(query, std::move(*ids));
}

Status append_classes(ApiServices& api, store::Connection& connection, const ClassParams& params,
                      const std::vector<int64_t>& ids, std::vector<std::string>& items) {
  if (!params.with_classes) return Status::success();
  auto period = period_of(api, params);
  if (!period) return period.error();
  auto classes = app::classes_of(*api.analysis, connection, *period, ids);
  if (!classes) return classes.error();
  for (size_t i = 0; i < items.size() && i < classes->size(); ++i) {
    std::string& item = items[i];
    item.pop_back();  // its closing brace
    item += ",\"classes\":{";
    for (const app::ClassKind kind : app::kClassKinds) {
      if (item.back() != '{') item += ',';
      append_json_string(item, app::class_kind_name(kind));
      item += ':';
      const std::string& code = (*classes)[i].codes[static_cast<size_t>(kind)];
      if (code.empty()) {
        item += "null";
      } else {
        append_json_string(item, code);
      }
    }
    item += "}}";
  }
  return Status::success();
}

}  // namespace kam::server
