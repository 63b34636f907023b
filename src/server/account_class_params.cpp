#include "server/account_class_params.hpp"

#include <algorithm>
#include <iterator>

#include "analytics/churn.hpp"
#include "analytics/period.hpp"
#include "app/relationship_stages.hpp"
#include "server/record_json.hpp"
#include "store/account_grades.hpp"
#include "store/scorecard_store.hpp"

namespace kam::server {
namespace {

Result<analytics::Period> period_of(const ApiServices& api, const ClassParams& params) {
  return analytics::parse_period(params.period, api.clock.today());
}

// The lifetime value is a financial figure where the access policy lists it as one.
bool may_see_clv(const AccessControl& access) {
  return access.permissions().financial || !access.policy().is_financial("clv_results", "clv");
}

Status narrow_to_clv(const AccessControl& access, const ClassParams& params,
                     store::ListQuery& query) {
  if (!params.clv_min_fen && !params.clv_max_fen) return Status::success();
  if (!may_see_clv(access))
    return Error::forbidden("clv_min, clv_max: lifetime values are financial figures");
  store::add_condition(query.scope, store::clv_within(params.clv_min_fen, params.clv_max_fen));
  return Status::success();
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
        } else if (key == "clv_min" || key == "clv_max") {
          auto money = parse_money(value, key);
          if (!money) {
            problems.push_back(money.error().fields.empty()
                                   ? FieldError{key, "must be an amount in yuan"}
                                   : money.error().fields.front());
          } else {
            (key == "clv_min" ? into.clv_min_fen : into.clv_max_fen) = money->fen;
          }
        } else if (key == "relationship_stage") {
          into.relationship_stage = value;
          if (value.empty()) problems.push_back({"relationship_stage", "must not be empty"});
        } else if (key == "with") {
          if (value == "classes") {
            into.with_classes = true;
          } else if (value == "grades") {
            into.with_grades = true;
          } else if (value == "relationship_stage") {
            into.with_relationship_stage = true;
          } else {
            problems.push_back({"with", "must be classes, grades or relationship_stage"});
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
  if (params.filters.empty() && params.relationship_stage.empty() && params.credit_grade.empty() &&
      params.churn_level.empty())
    return std::optional<int64_t>();
  auto period = period_of(api, params);
  if (!period) return period.error();
  std::optional<std::vector<int64_t>> ids;
  const auto narrow = [&ids](std::vector<int64_t> more) {  // both ascending
    if (!ids) {
      ids = std::move(more);
      return;
    }
    std::vector<int64_t> both;
    std::set_intersection(ids->begin(), ids->end(), more.begin(), more.end(),
                          std::back_inserter(both));
    *ids = std::move(both);
  };
  if (!params.relationship_stage.empty()) {
    auto stages = api.stages->stages(*api.analysis, connection, *period, api.clock.today());
    if (!stages) return stages.error();
    auto in_stage = app::accounts_in_stage(**stages, params.relationship_stage);
    if (!in_stage) return in_stage.error();
    narrow(std::move(*in_stage));
  }
  if (!params.filters.empty()) {
    auto in_classes = app::accounts_in_classes(*api.analysis, connection, *period, params.filters);
    if (!in_classes) return in_classes.error();
    narrow(std::move(*in_classes));
  }
  if (!params.churn_level.empty()) {
    auto of_level = api.orders->accounts_of_churn_level(
        *api.analysis, *api.stages, connection, *period, api.clock.today(), params.churn_level);
    if (!of_level) return of_level.error();
    narrow(std::move(*of_level));
  }
  if (!params.credit_grade.empty()) {
    // The accounts kept in credit-grade order: on a million accounts the database's reading
    // of every account's newest rating took 0.75 s a request.
    auto graded = api.orders->accounts(*api.analysis, *api.stages, connection, *period,
                                       api.clock.today(), app::AccountOrder::kCreditGrade);
    if (!graded) return graded.error();
    const auto& codes = (*graded)->key_codes;
    const auto it = std::find(codes.begin(), codes.end(), params.credit_grade);
    narrow(it == codes.end() ? std::vector<int64_t>()
                             : app::accounts_keyed(**graded, it - codes.begin()));
  }
  return app::narrow_to_accounts(query, std::move(*ids));
}

Status narrow_to_grades(store::Connection& connection, const AccessControl& access,
                        const ClassParams& params, store::ListQuery& query) {
  if (!params.churn_level.empty()) {
    const auto level = enum_from_text<analytics::ChurnLevel>(params.churn_level);
    if (!level || code_of(*level) != params.churn_level)
      return Error::invalid("churn_level", "'" + params.churn_level + "' is no churn level, " +
                                               enum_choices<analytics::ChurnLevel>());
  }
  KAM_RETURN_IF_ERROR(narrow_to_clv(access, params, query));
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
  }
  return Status::success();
}
Result<std::optional<app::OrderedPage>> ordered_accounts(ApiServices& api, store::Store& store,
                                                         const AccessControl& access,
                                                         const ClassParams& params,
                                                         const store::ListQuery& query) {
  const auto order = app::account_order_named(query.sort);
  if (!order) return std::optional<app::OrderedPage>();
  if (*order == app::AccountOrder::kCreditGrade && !access.permissions().financial)
    return Error::forbidden("sort: credit grades are financial figures");
  if (*order == app::AccountOrder::kClv && !may_see_clv(access))
    return Error::forbidden("sort: lifetime values are financial figures");
  if (query.limit == 0 || query.limit > 10000)
    return Error::invalid("limit", "must be between 1 and 10000");
  auto period = period_of(api, params);
  if (!period) return period.error();
  auto ordered = api.orders->accounts(*api.analysis, *api.stages, store.connection(), *period,
                                      api.clock.today(), *order);
  if (!ordered) return ordered.error();
  // Every live account, or a class's own when nothing else narrows them: a walk of the kept
  // order. Otherwise the accounts the query matches, from the database: live ones walked the
  // same way, deleted ones too put in order by their keys.
  Result<app::OrderedPage> page = app::OrderedPage();
  if (store::only_among(query)) {
    page = app::ordered_page(**ordered, query.among ? &*query.among : nullptr, query);
  } else {
    auto matched = store.repository<Account>().ids(query);
    if (!matched) return matched.error();
    page = query.deleted == store::DeletedRecords::kExclude
               ? app::ordered_page(**ordered, &*matched, query)
               : app::ordered_page_of(**ordered, *matched, query);
  }
  if (!page) return page.error();
  return std::optional<app::OrderedPage>(std::move(*page));
}

Status append_grades(store::Connection& connection, const AccessControl& access,
                     const ClassParams& params, const std::vector<int64_t>& ids,
                     std::vector<std::string>& items) {
  if (!params.with_grades) return Status::success();
  std::vector<int64_t> ascending = ids;
  std::sort(ascending.begin(), ascending.end());
  auto grades = store::grades_of(connection, std::string(store::kCreditCard), &ascending);
  if (!grades) return grades.error();
  const bool financial = access.permissions().financial;
  const bool clv = may_see_clv(access);
  for (size_t i = 0; i < items.size() && i < ids.size(); ++i) {
    const auto it = std::lower_bound(
        grades->begin(), grades->end(), ids[i],
        [](const store::AccountGrade& g, int64_t id) { return g.account_id < id; });
    const store::AccountGrade* g = it != grades->end() && it->account_id == ids[i] ? &*it : nullptr;
    std::string& item = items[i];
    item.pop_back();  // its closing brace
    item += ",\"grades\":{\"churn_level\":";
    if (g && !g->churn_level.empty()) {
      append_json_string(item, g->churn_level);
    } else {
      item += "null";
    }
    item += ",\"clv\":";
    if (g && g->clv_fen && clv) {
      append_json_string(item, to_string(Money{*g->clv_fen}));
    } else {
      item += "null";
    }
    item += ",\"credit_grade\":";
    if (g && !g->credit_grade.empty() && financial) {
      append_json_string(item, g->credit_grade);
    } else {
      item += "null";
    }
    item += "}}";
  }
  return Status::success();
}

Status append_relationship_stages(ApiServices& api, store::Connection& connection,
                                  const ClassParams& params, const std::vector<int64_t>& ids,
                                  std::vector<std::string>& items) {
  if (!params.with_relationship_stage) return Status::success();
  auto period = period_of(api, params);
  if (!period) return period.error();
  auto stages = api.stages->stages(*api.analysis, connection, *period, api.clock.today());
  if (!stages) return stages.error();
  const auto codes = app::stages_of(**stages, ids);
  for (size_t i = 0; i < items.size() && i < codes.size(); ++i) {
    std::string& item = items[i];
    item.pop_back();  // its closing brace
    item += ",\"relationship_stage\":";
    if (codes[i].empty()) {
      item += "null";
    } else {
      append_json_string(item, codes[i]);
    }
    item += '}';
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
