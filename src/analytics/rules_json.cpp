#include "analytics/rules_json.hpp"

#include <boost/json.hpp>

#include "analytics/json_reader.hpp"

namespace kam::analytics {
namespace json = boost::json;

namespace {

json::array levels_to_json(const std::vector<RankLevel>& levels) {
  json::array out;
  for (const auto& l : levels) {
    out.push_back({{"code", l.code},
                   {"name_zh", l.name_zh},
                   {"name_en", l.name_en},
                   {"share_bp", l.share_bp}});
  }
  return out;
}

// Documents stored before levels had English names, and levels written without names, keep
// the built-in names of the level with the same code: the labels people saw until then.
template <class Level>
void name_from_defaults(std::vector<Level>& levels, const std::vector<Level>& defaults) {
  for (auto& level : levels) {
    for (const auto& known : defaults) {
      if (known.code != level.code) continue;
      if (level.name_zh.empty()) level.name_zh = known.name_zh;
      if (level.name_en.empty()) level.name_en = known.name_en;
    }
  }
}

}  // namespace

std::string to_json(const RuleSet& r) {
  json::array spend;
  for (const auto& t : r.spend_tiers) {
    spend.push_back({{"code", t.code},
                     {"name_zh", t.name_zh},
                     {"name_en", t.name_en},
                     {"min_annual_spend", to_string(t.min_annual_spend)}});
  }
  json::object o{
      {"name", r.name},
      {"rank_by", r.rank_by == ValueMeasure::kRevenue ? "revenue" : "profit"},
      {"pyramid", levels_to_json(r.pyramid)},
      {"card_tiers", levels_to_json(r.card_tiers)},
      {"abc_a_bp", r.abc_a_bp},
      {"abc_b_bp", r.abc_b_bp},
      {"spend_tiers", spend},
      {"national_tier", r.national_tier},
      {"provincial_tier", r.provincial_tier},
      {"municipal_tier", r.municipal_tier},
      {"county_tier", r.county_tier},
      {"downgrade_overdue_days", r.downgrade_overdue_days},
      {"downgrade_tiers", r.downgrade_tiers},
      {"regular_min_orders", r.regular_min_orders},
      {"regular_max_interval_cv_pct", r.regular_max_interval_cv_pct},
      {"rfm_high_score", r.rfm_high_score},
      {"comprehensive_min_lines", r.comprehensive_min_lines},
      {"repeat_complaints_min", r.repeat_complaints_min},
      {"top_customers", r.top_customers},
      {"narrow_max_lines", r.narrow_max_lines},
      {"cost_per_activity_hour", to_string(r.cost_per_activity_hour)},
      {"cost_per_order", to_string(r.cost_per_order)},
      {"cost_per_return", to_string(r.cost_per_return)},
  };
  return json::serialize(o);
}

Result<RuleSet> rules_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("rules", "is not valid JSON: " + ec.message());
  RuleSet r = default_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "", "is not a rule");
  auto levels = [&](const json::value& v, const std::string& path, std::vector<RankLevel>& out) {
    out.clear();
    read.array(v, path, [&](const json::value& item, const std::string& item_path) {
      RankLevel l;
      read.object(item, item_path, [&](const std::string& k, const json::value& value) {
        if (k == "code") return read.text(value, item_path + ".code", l.code), true;
        if (k == "name_zh") return read.text(value, item_path + ".name_zh", l.name_zh), true;
        if (k == "name_en") return read.text(value, item_path + ".name_en", l.name_en), true;
        if (k == "share_bp") return read.integer(value, item_path + ".share_bp", l.share_bp), true;
        return false;
      });
      out.push_back(std::move(l));
    });
  };
  read.object(root, "", [&](const std::string& k, const json::value& v) {
    if (k == "name") return read.text(v, k, r.name), true;
    if (k == "rank_by") {
      std::string by;
      read.text(v, k, by);
      if (by == "revenue" || by == "profit") {
        r.rank_by = by == "revenue" ? ValueMeasure::kRevenue : ValueMeasure::kProfit;
      } else {
        problems.push_back({k, "must be revenue or profit"});
      }
      return true;
    }
    if (k == "pyramid") return levels(v, k, r.pyramid), true;
    if (k == "card_tiers") return levels(v, k, r.card_tiers), true;
    if (k == "spend_tiers") {
      r.spend_tiers.clear();
      read.array(v, k, [&](const json::value& item, const std::string& path) {
        SpendLevel t;
        read.object(item, path, [&](const std::string& key, const json::value& value) {
          if (key == "code") return read.text(value, path + ".code", t.code), true;
          if (key == "name_zh") return read.text(value, path + ".name_zh", t.name_zh), true;
          if (key == "name_en") return read.text(value, path + ".name_en", t.name_en), true;
          if (key == "min_annual_spend")
            return read.money(value, path + ".min_annual_spend", t.min_annual_spend), true;
          return false;
        });
        r.spend_tiers.push_back(std::move(t));
      });
      return true;
    }
    const std::pair<const char*, std::string*> texts[] = {{"national_tier", &r.national_tier},
                                                          {"provincial_tier", &r.provincial_tier},
                                                          {"municipal_tier", &r.municipal_tier},
                                                          {"county_tier", &r.county_tier}};
    for (const auto& [name, field] : texts)
      if (k == name) return read.text(v, k, *field), true;
    const std::pair<const char*, int*> ints[] = {
        {"abc_a_bp", &r.abc_a_bp},
        {"abc_b_bp", &r.abc_b_bp},
        {"downgrade_overdue_days", &r.downgrade_overdue_days},
        {"downgrade_tiers", &r.downgrade_tiers},
        {"regular_min_orders", &r.regular_min_orders},
        {"regular_max_interval_cv_pct", &r.regular_max_interval_cv_pct},
        {"rfm_high_score", &r.rfm_high_score},
        {"comprehensive_min_lines", &r.comprehensive_min_lines},
        {"repeat_complaints_min", &r.repeat_complaints_min},
        {"top_customers", &r.top_customers},
        {"narrow_max_lines", &r.narrow_max_lines}};
    for (const auto& [name, field] : ints)
      if (k == name) return read.integer(v, k, *field), true;
    const std::pair<const char*, Money*> amounts[] = {
        {"cost_per_activity_hour", &r.cost_per_activity_hour},
        {"cost_per_order", &r.cost_per_order},
        {"cost_per_return", &r.cost_per_return}};
    for (const auto& [name, field] : amounts)
      if (k == name) return read.money(v, k, *field), true;
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const RuleSet defaults = default_rules();
  name_from_defaults(r.pyramid, defaults.pyramid);
  name_from_defaults(r.card_tiers, defaults.card_tiers);
  name_from_defaults(r.spend_tiers, defaults.spend_tiers);
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

}  // namespace kam::analytics
