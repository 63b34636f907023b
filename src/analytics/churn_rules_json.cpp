#include <boost/json.hpp>
#include <utility>

#include "analytics/churn.hpp"
#include "analytics/json_reader.hpp"

namespace kam::analytics {
namespace json = boost::json;

std::string to_json(const ChurnRules& r) {
  json::object reference;
  for (size_t k = 0; k < kChurnReasons; ++k)
    reference[code_of(static_cast<ChurnReason>(k))] = r.reference_bp[k];
  json::object o{
      {"name", r.name},
      {"rhythm_min_orders", r.rhythm_min_orders},
      {"default_interval_days", r.default_interval_days},
      {"recency_grace_pct", r.recency_grace_pct},
      {"recency_full_pct", r.recency_full_pct},
      {"alive_weight", r.alive_weight},
      {"recency_weight", r.recency_weight},
      {"medium_from_bp", r.medium_from_bp},
      {"high_from_bp", r.high_from_bp},
      {"reference_bp", reference},
  };
  return json::serialize(o);
}

Result<ChurnRules> churn_rules_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("churn_rules", "is not valid JSON: " + ec.message());
  ChurnRules r = default_churn_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "churn_rules", "is not a churn rule");
  read.object(root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "name") return read.text(v, path, r.name), true;
    if (k == "reference_bp") {
      read.object(v, path,
                  [&](const std::string& key, const std::string& at, const json::value& value) {
                    for (size_t i = 0; i < kChurnReasons; ++i) {
                      if (key == code_of(static_cast<ChurnReason>(i)))
                        return read.integer(value, at, r.reference_bp[i]), true;
                    }
                    return false;
                  });
      return true;
    }
    const std::pair<const char*, int*> ints[] = {
        {"rhythm_min_orders", &r.rhythm_min_orders},
        {"default_interval_days", &r.default_interval_days},
        {"recency_grace_pct", &r.recency_grace_pct},
        {"recency_full_pct", &r.recency_full_pct},
        {"alive_weight", &r.alive_weight},
        {"recency_weight", &r.recency_weight},
        {"medium_from_bp", &r.medium_from_bp},
        {"high_from_bp", &r.high_from_bp}};
    for (const auto& [name, field] : ints)
      if (k == name) return read.integer(v, path, *field), true;
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

}  // namespace kam::analytics
