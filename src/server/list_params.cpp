#include "server/list_params.hpp"

#include "server/api_support.hpp"

namespace kam::server {

Result<ListParams> parse_list_params(const QueryParams& params, bool paged, const ExtraParam& extra,
                                     std::string_view extra_names) {
  ListParams out;
  store::ListQuery& q = out.query;
  std::vector<FieldError> problems;
  for (const auto& [key, value] : params) {
    if (extra && extra(key, value, problems)) continue;
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
    } else if (paged && key == "limit") {
      auto limit = parse_id(value, "limit");
      if (limit) {
        q.limit = static_cast<size_t>(*limit);
      } else {
        problems.push_back(limit.error().fields.front());
      }
    } else if (paged && key == "after") {
      q.after = value;
    } else if (key == "q") {
      out.search = value;
    } else if (key == "deleted") {
      if (value == "include") {
        q.deleted = store::DeletedRecords::kInclude;
      } else if (value == "only") {
        q.deleted = store::DeletedRecords::kOnly;
      } else if (value != "exclude") {
        problems.push_back({"deleted", "must be exclude, include or only"});
      }
    } else {
      std::string names = extra_names.empty() ? "" : std::string(extra_names) + ", ";
      names +=
          paged ? "where, sort, desc, limit, after, q, deleted" : "where, sort, desc, q, deleted";
      problems.push_back({key, "is not a query parameter here; use " + names});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return out;
}

Status check_query_fields(std::string_view table, const store::ListQuery& q,
                          const AccessControl& access) {
  if (access.permissions().financial) return Status::success();
  auto hidden = [&](std::string_view f) { return access.policy().is_financial(table, f); };
  if (hidden(q.sort)) return Error::forbidden("your role may not sort on " + q.sort);
  for (const auto& f : q.filters)
    if (hidden(f.field)) return Error::forbidden("your role may not filter on " + f.field);
  return Status::success();
}

Result<analytics::Period> analysis_period(const QueryParams& query, Day today) {
  for (const auto& [key, value] : query) {
    if (key != "period")
      return Error::invalid(key, "is not a query parameter here; use period=FROM..TO");
  }
  const auto it = query.find("period");
  return analytics::parse_period(it == query.end() ? std::string_view() : it->second, today);
}

}  // namespace kam::server
