#include "server/account_class_params.hpp"

#include "analytics/churn.hpp"
#include "analytics/period.hpp"
#include "server/record_json.hpp"
#include "store/account_grades.hpp"
#include "store/scorecard_store.hpp"

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
        } else if (key == "churn_level") {
          into.churn_level = value;
        } else if (key == "credit_grade") {
          into.credit_grade = value;
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

Status narrow_to_grades(store::Connection& connection, const AccessControl& access,
                        const ClassParams& params, store::ListQuery& query) {
  if (!params.churn_level.empty()) {
    const auto level = enum_from_text<analytics::ChurnLevel>(params.churn_level);
    if (!level || code_of(*level) != params.churn_level)
      return Error::invalid("churn_level", "'" + params.churn_level + "' is no churn level, " +
                                               enum_choices<analytics::ChurnLevel>());
    store::add_condition(query.scope, store::churn_level_is(params.churn_level));
  }
  if (!params.credit_grade.empty()) {
    if (!access.permissions().financial)
      return Error::forbidden("credit_grade: credit grades are financial figures");
    auto card = store::load_card(connection, store::kCreditCard);
    if (!card) return card.error();
    if (!card->grade(params.credit_grade)) {
      std::string codes;
      for (const auto& g : card->grades)
        codes += (codes.empty() ? "" : ", ") + g.code;
      return Error::invalid("credit_grade",
                            "'" + params.credit_grade + "' is no credit grade; grades: " + codes);
    }
    store::add_condition(
        query.scope, store::credit_grade_is(std::string(store::kCreditCard), params.credit_grade));
  }
  return Status::success();
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
