#include <boost/json.hpp>
#include <initializer_list>
#include <set>
#include <utility>

#include "analytics/json_reader.hpp"
#include "analytics/scorecard.hpp"

namespace kam::analytics::scorecard {
namespace json = boost::json;

namespace {

template <class E>
struct Code {
  const char* code;
  E value;
};

constexpr Code<Unit> kUnits[] = {{"bp", Unit::kBasisPoints}, {"x100", Unit::kHundredths},
                                 {"fen", Unit::kFen},        {"days", Unit::kDays},
                                 {"years", Unit::kYears},    {"count", Unit::kCount},
                                 {"rating", Unit::kRating},  {"category", Unit::kCategory}};
constexpr Code<Source> kSources[] = {{"computed", Source::kComputed}, {"manual", Source::kManual}};
constexpr Code<RuleKind> kKinds[] = {{"bands", RuleKind::kBands},
                                     {"thresholds", RuleKind::kThresholds},
                                     {"lookup", RuleKind::kLookup},
                                     {"linear", RuleKind::kLinear}};
constexpr Code<Direction> kDirections[] = {{"at_least", Direction::kAtLeast},
                                           {"at_most", Direction::kAtMost}};

template <class E, size_t N>
std::string code_of(const Code<E> (&table)[N], E value) {
  for (const auto& c : table)
    if (c.value == value) return c.code;
  return "";
}

// Reads one of the table's codes into `out`; `seen` (when given) records that it was read.
template <class E, size_t N>
void read_enum(JsonReader& read, const json::value& v, const std::string& path,
               const Code<E> (&table)[N], E& out, bool* seen = nullptr) {
  if (!v.is_string()) {
    read.fail(path, "must be a string");
    return;
  }
  std::string allowed;
  for (const auto& c : table) {
    if (v.as_string() == c.code) {
      out = c.value;
      if (seen) *seen = true;
      return;
    }
    allowed += (allowed.empty() ? "" : ", ") + std::string(c.code);
  }
  read.fail(path, "must be one of " + allowed);
}

void read_optional_integer(JsonReader& read, const json::value& v, const std::string& path,
                           std::optional<int64_t>& out) {
  if (v.is_null()) {
    out.reset();
    return;
  }
  int64_t x = 0;
  read.integer(v, path, x);
  if (v.is_int64()) out = x;
}

json::value optional_json(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// Flags a required key that the object did not have.
void require(JsonReader& read, const std::set<std::string>& seen, const std::string& path,
             std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (!seen.contains(k)) read.fail(path.empty() ? k : path + "." + k, "is required");
}

// ---------------------------------------------------------------------------------------
// Card

json::object rule_to_json(const PointsRule& r) {
  json::object o{{"kind", code_of(kKinds, r.kind)}};
  switch (r.kind) {
    case RuleKind::kBands: {
      json::array bands;
      for (const Band& b : r.bands) {
        bands.push_back({{"min", optional_json(b.min)},
                         {"max", optional_json(b.max)},
                         {"points", b.points},
                         {"label", b.label}});
      }
      o["bands"] = std::move(bands);
      break;
    }
    case RuleKind::kThresholds: {
      json::array steps;
      for (const Step& s : r.steps)
        steps.push_back({{"value", s.value}, {"points", s.points}, {"label", s.label}});
      o["direction"] = code_of(kDirections, r.direction);
      o["steps"] = std::move(steps);
      o["otherwise_points"] = r.otherwise_points;
      break;
    }
    case RuleKind::kLookup: {
      json::array entries;
      for (const LookupEntry& e : r.lookup)
        entries.push_back({{"value", e.value}, {"points", e.points}, {"label", e.label}});
      o["lookup"] = std::move(entries);
      break;
    }
    case RuleKind::kLinear:
      o["from_value"] = r.from_value;
      o["from_points"] = r.from_points;
      o["to_value"] = r.to_value;
      o["to_points"] = r.to_points;
      break;
  }
  return o;
}

void read_rule(JsonReader& read, const json::value& v, const std::string& path, PointsRule& r) {
  std::set<std::string> seen;
  read.object(v, path, [&](const std::string& k, const std::string& at, const json::value& value) {
    seen.insert(k);
    if (k == "kind") return read_enum(read, value, at, kKinds, r.kind), true;
    if (k == "direction") return read_enum(read, value, at, kDirections, r.direction), true;
    if (k == "otherwise_points") return read.integer(value, at, r.otherwise_points), true;
    if (k == "from_value") return read.integer(value, at, r.from_value), true;
    if (k == "to_value") return read.integer(value, at, r.to_value), true;
    if (k == "from_points") return read.integer(value, at, r.from_points), true;
    if (k == "to_points") return read.integer(value, at, r.to_points), true;
    if (k == "bands") {
      read.array(value, at, [&](const json::value& item, const std::string& item_path) {
        Band b;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& p, const json::value& x) {
                      if (key == "min") return read_optional_integer(read, x, p, b.min), true;
                      if (key == "max") return read_optional_integer(read, x, p, b.max), true;
                      if (key == "points") return read.integer(x, p, b.points), true;
                      if (key == "label") return read.text(x, p, b.label), true;
                      return false;
                    });
        r.bands.push_back(std::move(b));
      });
      return true;
    }
    if (k == "steps") {
      read.array(value, at, [&](const json::value& item, const std::string& item_path) {
        Step s;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& p, const json::value& x) {
                      if (key == "value") return read.integer(x, p, s.value), true;
                      if (key == "points") return read.integer(x, p, s.points), true;
                      if (key == "label") return read.text(x, p, s.label), true;
                      return false;
                    });
        r.steps.push_back(std::move(s));
      });
      return true;
    }
    if (k == "lookup") {
      read.array(value, at, [&](const json::value& item, const std::string& item_path) {
        LookupEntry e;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& p, const json::value& x) {
                      if (key == "value") return read.text(x, p, e.value), true;
                      if (key == "points") return read.integer(x, p, e.points), true;
                      if (key == "label") return read.text(x, p, e.label), true;
                      return false;
                    });
        r.lookup.push_back(std::move(e));
      });
      return true;
    }
    return false;
  });
  if (!v.is_object()) return;
  require(read, seen, path, {"kind"});
  // A setting of another kind of rule would be silently ignored; say so instead.
  const std::set<std::string>* own = nullptr;
  static const std::set<std::string> kBandKeys{"kind", "bands"};
  static const std::set<std::string> kStepKeys{"kind", "direction", "steps", "otherwise_points"};
  static const std::set<std::string> kLookupKeys{"kind", "lookup"};
  static const std::set<std::string> kLinearKeys{"kind", "from_value", "to_value", "from_points",
                                                 "to_points"};
  switch (r.kind) {
    case RuleKind::kBands:
      own = &kBandKeys;
      break;
    case RuleKind::kThresholds:
      own = &kStepKeys;
      break;
    case RuleKind::kLookup:
      own = &kLookupKeys;
      break;
    case RuleKind::kLinear:
      own = &kLinearKeys;
      break;
  }
  const std::string not_own = "is not a setting of a " + code_of(kKinds, r.kind) + " rule";
  for (const std::string& k : seen) {
    if (own->contains(k)) continue;
    std::string at = path;
    at.append(".").append(k);
    read.fail(at, not_own);
  }
}

void read_indicator(JsonReader& read, const json::value& v, const std::string& path,
                    Indicator& ind) {
  std::set<std::string> seen;
  read.object(v, path, [&](const std::string& k, const std::string& at, const json::value& value) {
    seen.insert(k);
    if (k == "code") return read.text(value, at, ind.code), true;
    if (k == "name_zh") return read.text(value, at, ind.name_zh), true;
    if (k == "name_en") return read.text(value, at, ind.name_en), true;
    if (k == "group") return read.text(value, at, ind.group), true;
    if (k == "source") return read_enum(read, value, at, kSources, ind.source), true;
    if (k == "unit") return read_enum(read, value, at, kUnits, ind.unit), true;
    if (k == "max_points") return read.integer(value, at, ind.max_points), true;
    if (k == "rule") return read_rule(read, value, at, ind.rule), true;
    return false;
  });
  if (v.is_object())
    require(read, seen, path, {"code", "group", "source", "unit", "max_points", "rule"});
}

void read_grade(JsonReader& read, const json::value& v, const std::string& path, Grade& g) {
  std::set<std::string> seen;
  read.object(v, path, [&](const std::string& k, const std::string& at, const json::value& value) {
    seen.insert(k);
    if (k == "code") return read.text(value, at, g.code), true;
    if (k == "name_zh") return read.text(value, at, g.name_zh), true;
    if (k == "name_en") return read.text(value, at, g.name_en), true;
    if (k == "min_points") return read.integer(value, at, g.min_points), true;
    if (k == "credit_limit") {
      if (value.is_null()) return g.credit_limit.reset(), true;
      CreditLimit c;
      std::set<std::string> limit_keys;
      read.object(value, at,
                  [&](const std::string& key, const std::string& p, const json::value& x) {
                    limit_keys.insert(key);
                    if (key == "monthly_purchases_pct")
                      return read.integer(x, p, c.monthly_purchases_pct), true;
                    if (key == "cap") return read.money(x, p, c.cap), true;
                    return false;
                  });
      if (value.is_object()) require(read, limit_keys, at, {"monthly_purchases_pct", "cap"});
      g.credit_limit = c;
      return true;
    }
    return false;
  });
  if (v.is_object()) require(read, seen, path, {"code", "min_points"});
}

json::value value_json(const std::optional<Value>& v) {
  if (!v) return nullptr;
  if (const auto* i = std::get_if<int64_t>(&*v)) return *i;
  return json::value(std::get<std::string>(*v));
}

json::array subtotals_json(const std::vector<Subtotal>& list) {
  json::array out;
  for (const Subtotal& t : list) {
    out.push_back({{"code", t.code},
                   {"name_zh", t.name_zh},
                   {"name_en", t.name_en},
                   {"max_points", t.max_points},
                   {"available_points", t.available_points},
                   {"points_x100", t.points_x100},
                   {"score_x100", optional_json(t.score_x100)},
                   {"missing", t.missing}});
  }
  return out;
}

// Reads {"code", "name_zh", "name_en"} plus `extra` keys into a record.
template <class F>
void read_named(JsonReader& read, const json::value& v, const std::string& path, std::string& code,
                std::string& zh, std::string& en, F&& extra) {
  read.object(v, path, [&](const std::string& k, const std::string& at, const json::value& value) {
    if (k == "code") return read.text(value, at, code), true;
    if (k == "name_zh") return read.text(value, at, zh), true;
    if (k == "name_en") return read.text(value, at, en), true;
    return extra(k, at, value);
  });
}

Result<json::value> parse(std::string_view text, const char* document) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return Error::invalid(document, "is not valid JSON: " + ec.message());
  return root;
}

}  // namespace

std::string unit_code(Unit unit) {
  return code_of(kUnits, unit);
}
std::string source_code(Source source) {
  return code_of(kSources, source);
}

std::string to_json(const Card& c) {
  json::array sections, groups, indicators, grades;
  for (const Section& s : c.sections) {
    sections.push_back(
        {{"code", s.code}, {"name_zh", s.name_zh}, {"name_en", s.name_en}, {"points", s.points}});
  }
  for (const Group& g : c.groups) {
    groups.push_back({{"code", g.code},
                      {"name_zh", g.name_zh},
                      {"name_en", g.name_en},
                      {"section", g.section},
                      {"points", g.points}});
  }
  for (const Indicator& i : c.indicators) {
    indicators.push_back({{"code", i.code},
                          {"name_zh", i.name_zh},
                          {"name_en", i.name_en},
                          {"group", i.group},
                          {"source", source_code(i.source)},
                          {"unit", unit_code(i.unit)},
                          {"max_points", i.max_points},
                          {"rule", rule_to_json(i.rule)}});
  }
  for (const Grade& g : c.grades) {
    json::value limit = nullptr;
    if (g.credit_limit) {
      limit = json::object{{"monthly_purchases_pct", g.credit_limit->monthly_purchases_pct},
                           {"cap", to_string(g.credit_limit->cap)}};
    }
    grades.push_back({{"code", g.code},
                      {"name_zh", g.name_zh},
                      {"name_en", g.name_en},
                      {"min_points", g.min_points},
                      {"credit_limit", limit}});
  }
  json::object o{{"code", c.code},
                 {"version", c.version},
                 {"name_zh", c.name_zh},
                 {"name_en", c.name_en},
                 {"total_points", c.total_points},
                 {"min_available_bp", c.min_available_bp},
                 {"sections", sections},
                 {"groups", groups},
                 {"indicators", indicators},
                 {"grades", grades}};
  return json::serialize(o);
}

Result<Card> card_from_json(std::string_view text, const Catalogue& catalogue) {
  auto root = parse(text, "card");
  if (!root) return root.error();
  Card c;
  std::vector<FieldError> problems;
  JsonReader read(problems, "card", "is not a card setting");
  std::set<std::string> seen;
  read.object(*root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    seen.insert(k);
    if (k == "code") return read.text(v, path, c.code), true;
    if (k == "version") return read.integer(v, path, c.version), true;
    if (k == "name_zh") return read.text(v, path, c.name_zh), true;
    if (k == "name_en") return read.text(v, path, c.name_en), true;
    if (k == "total_points") return read.integer(v, path, c.total_points), true;
    if (k == "min_available_bp") return read.integer(v, path, c.min_available_bp), true;
    if (k == "sections") {
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        Section s;
        read_named(read, item, at, s.code, s.name_zh, s.name_en,
                   [&](const std::string& key, const std::string& p, const json::value& x) {
                     if (key == "points") return read.integer(x, p, s.points), true;
                     return false;
                   });
        c.sections.push_back(std::move(s));
      });
      return true;
    }
    if (k == "groups") {
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        Group g;
        read_named(read, item, at, g.code, g.name_zh, g.name_en,
                   [&](const std::string& key, const std::string& p, const json::value& x) {
                     if (key == "section") return read.text(x, p, g.section), true;
                     if (key == "points") return read.integer(x, p, g.points), true;
                     return false;
                   });
        c.groups.push_back(std::move(g));
      });
      return true;
    }
    if (k == "indicators") {
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        Indicator i;
        read_indicator(read, item, at, i);
        c.indicators.push_back(std::move(i));
      });
      return true;
    }
    if (k == "grades") {
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        Grade g;
        read_grade(read, item, at, g);
        c.grades.push_back(std::move(g));
      });
      return true;
    }
    return false;
  });
  if (root->is_object())
    require(read, seen, "", {"code", "name_zh", "groups", "indicators", "grades"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(c, catalogue));
  return c;
}

std::string to_json(const Score& s) {
  json::array indicators;
  for (const IndicatorResult& r : s.indicators) {
    indicators.push_back(
        {{"code", r.code},
         {"name_zh", r.name_zh},
         {"name_en", r.name_en},
         {"group", r.group},
         {"source", source_code(r.source)},
         {"unit", unit_code(r.unit)},
         {"value", value_json(r.value)},
         {"missing", r.missing()},
         {"max_points", r.max_points},
         {"points_x100", r.points_x100},
         {"rule", code_of(kKinds, r.rule)},
         {"applied", r.applied < 0 ? json::value(nullptr) : json::value(r.applied)},
         {"label", r.label},
         {"explanation", r.explanation}});
  }
  json::array missing;
  for (const std::string& m : s.missing)
    missing.push_back(json::value(m));
  json::object o{{"card_code", s.card_code},
                 {"card_version", s.card_version},
                 {"total_points", s.total_points},
                 {"available_points", s.available_points},
                 {"available_bp", s.available_bp},
                 {"min_available_bp", s.min_available_bp},
                 {"points_x100", s.points_x100},
                 {"score_x100", optional_json(s.score_x100)},
                 {"partial", s.partial},
                 {"missing", missing},
                 {"grade", s.grade ? json::value(*s.grade) : json::value(nullptr)},
                 {"grade_name_zh", s.grade_name_zh},
                 {"grade_name_en", s.grade_name_en},
                 {"withheld_reason", s.withheld_reason},
                 {"groups", subtotals_json(s.groups)},
                 {"sections", subtotals_json(s.sections)},
                 {"indicators", indicators}};
  return json::serialize(o);
}

Result<Inputs> inputs_from_json(const Card& card, std::string_view text) {
  auto root = parse(text, "inputs");
  if (!root) return root.error();
  Inputs inputs;
  std::vector<FieldError> problems;
  JsonReader read(problems, "inputs", "is not an indicator of " + card.code);
  read.object(*root, "inputs",
              [&](const std::string& k, const std::string& path, const json::value& v) {
                const Indicator* ind = card.indicator(k);
                if (!ind) return false;
                if (v.is_null()) return true;  // explicitly missing
                if (ind->unit == Unit::kCategory) {
                  if (v.is_string()) {
                    inputs.emplace(k, std::string(v.as_string()));
                  } else {
                    read.fail(path, "must be a category code (a string)");
                  }
                } else if (v.is_int64()) {
                  inputs.emplace(k, v.as_int64());
                } else {
                  read.fail(path, "must be a whole number in " + unit_code(ind->unit));
                }
                return true;
              });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return inputs;
}

// ---------------------------------------------------------------------------------------
// Rules built on the scores

std::string to_json(const StanceRules& r) {
  json::object o{
      {"relationship_group", r.relationship_group}, {"churn_below_bp", r.churn_below_bp},
      {"growth_indicator", r.growth_indicator},     {"growth_min_bp", r.growth_min_bp},
      {"strength_indicator", r.strength_indicator}, {"strength_min_bp", r.strength_min_bp},
      {"attack_min_score", r.attack_min_score}};
  return json::serialize(o);
}

Result<StanceRules> stance_rules_from_json(std::string_view text, const Card& target_card) {
  auto root = parse(text, "stance_rules");
  if (!root) return root.error();
  StanceRules r = default_stance_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "stance_rules", "is not a stance rule");
  read.object(*root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "relationship_group") return read.text(v, path, r.relationship_group), true;
    if (k == "churn_below_bp") return read.integer(v, path, r.churn_below_bp), true;
    if (k == "growth_indicator") return read.text(v, path, r.growth_indicator), true;
    if (k == "growth_min_bp") return read.integer(v, path, r.growth_min_bp), true;
    if (k == "strength_indicator") return read.text(v, path, r.strength_indicator), true;
    if (k == "strength_min_bp") return read.integer(v, path, r.strength_min_bp), true;
    if (k == "attack_min_score") return read.integer(v, path, r.attack_min_score), true;
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r, target_card));
  return r;
}

std::string to_json(const StageRules& r) {
  json::array stages;
  for (const RelationshipStage& s : r.stages) {
    stages.push_back({{"code", s.code},
                      {"name_zh", s.name_zh},
                      {"name_en", s.name_en},
                      {"min_share_of_wallet_bp", s.min_share_of_wallet_bp},
                      {"min_customer_contacts", s.min_customer_contacts},
                      {"min_our_staff", s.min_our_staff}});
  }
  return json::serialize(json::object{{"stages", stages}});
}

Result<StageRules> stage_rules_from_json(std::string_view text) {
  auto root = parse(text, "stage_rules");
  if (!root) return root.error();
  StageRules r = default_stage_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "stage_rules", "is not a stage rule");
  read.object(*root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k != "stages") return false;
    r.stages.clear();
    read.array(v, path, [&](const json::value& item, const std::string& at) {
      RelationshipStage s;
      read_named(read, item, at, s.code, s.name_zh, s.name_en,
                 [&](const std::string& key, const std::string& p, const json::value& x) {
                   if (key == "min_share_of_wallet_bp")
                     return read.integer(x, p, s.min_share_of_wallet_bp), true;
                   if (key == "min_customer_contacts")
                     return read.integer(x, p, s.min_customer_contacts), true;
                   if (key == "min_our_staff") return read.integer(x, p, s.min_our_staff), true;
                   return false;
                 });
      r.stages.push_back(std::move(s));
    });
    return true;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

std::string to_json(const DepthGrid& g) {
  auto axis = [](const std::vector<GridAxis>& list) {
    json::array out;
    for (const GridAxis& a : list)
      out.push_back({{"code", a.code}, {"name_zh", a.name_zh}, {"name_en", a.name_en}});
    return out;
  };
  json::array cells;
  for (const auto& row : g.cells) {
    json::array r;
    for (int32_t c : row)
      r.push_back(c);
    cells.push_back(std::move(r));
  }
  json::array weights;
  for (const RoleWeight& w : g.role_weights)
    weights.push_back({{"role", w.role}, {"weight", w.weight}});
  json::object o{{"levels", axis(g.levels)},
                 {"relationships", axis(g.relationships)},
                 {"cells", cells},
                 {"role_weights", weights},
                 {"default_weight", g.default_weight}};
  return json::serialize(o);
}

Result<DepthGrid> depth_grid_from_json(std::string_view text) {
  auto root = parse(text, "depth_grid");
  if (!root) return root.error();
  DepthGrid g = default_depth_grid();
  std::vector<FieldError> problems;
  JsonReader read(problems, "depth_grid", "is not a depth-grid setting");
  auto axis = [&](const json::value& v, const std::string& path, std::vector<GridAxis>& out) {
    out.clear();
    read.array(v, path, [&](const json::value& item, const std::string& at) {
      GridAxis a;
      read_named(read, item, at, a.code, a.name_zh, a.name_en,
                 [](const std::string&, const std::string&, const json::value&) { return false; });
      out.push_back(std::move(a));
    });
  };
  read.object(*root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "levels") return axis(v, path, g.levels), true;
    if (k == "relationships") return axis(v, path, g.relationships), true;
    if (k == "default_weight") return read.integer(v, path, g.default_weight), true;
    if (k == "cells") {
      g.cells.clear();
      read.array(v, path, [&](const json::value& row, const std::string& row_path) {
        std::vector<int32_t> cells;
        read.array(row, row_path, [&](const json::value& cell, const std::string& at) {
          int32_t c = 0;
          read.integer(cell, at, c);
          cells.push_back(c);
        });
        g.cells.push_back(std::move(cells));
      });
      return true;
    }
    if (k == "role_weights") {
      g.role_weights.clear();
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        RoleWeight w;
        read.object(item, at,
                    [&](const std::string& key, const std::string& p, const json::value& x) {
                      if (key == "role") return read.text(x, p, w.role), true;
                      if (key == "weight") return read.integer(x, p, w.weight), true;
                      return false;
                    });
        g.role_weights.push_back(std::move(w));
      });
      return true;
    }
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(g));
  return g;
}

std::string to_json(const SellingGuide& g) {
  json::array types, sensitivity;
  for (const ValueType& t : g.value_types) {
    types.push_back({{"code", t.code},
                     {"name_zh", t.name_zh},
                     {"name_en", t.name_en},
                     {"strategy", t.strategy},
                     {"strategy_zh", t.strategy_zh},
                     {"strategy_en", t.strategy_en}});
  }
  for (const SensitivityType& t : g.sensitivity_types) {
    sensitivity.push_back({{"code", t.code},
                           {"name_zh", t.name_zh},
                           {"name_en", t.name_en},
                           {"emphasis_zh", t.emphasis_zh},
                           {"emphasis_en", t.emphasis_en}});
  }
  return json::serialize(json::object{{"value_types", types}, {"sensitivity_types", sensitivity}});
}

Result<SellingGuide> selling_guide_from_json(std::string_view text) {
  auto root = parse(text, "selling_guide");
  if (!root) return root.error();
  SellingGuide g = default_selling_guide();
  std::vector<FieldError> problems;
  JsonReader read(problems, "selling_guide", "is not a selling-guide setting");
  read.object(*root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "value_types") {
      g.value_types.clear();
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        ValueType t;
        read_named(read, item, at, t.code, t.name_zh, t.name_en,
                   [&](const std::string& key, const std::string& p, const json::value& x) {
                     if (key == "strategy") return read.text(x, p, t.strategy), true;
                     if (key == "strategy_zh") return read.text(x, p, t.strategy_zh), true;
                     if (key == "strategy_en") return read.text(x, p, t.strategy_en), true;
                     return false;
                   });
        g.value_types.push_back(std::move(t));
      });
      return true;
    }
    if (k == "sensitivity_types") {
      g.sensitivity_types.clear();
      read.array(v, path, [&](const json::value& item, const std::string& at) {
        SensitivityType t;
        read_named(read, item, at, t.code, t.name_zh, t.name_en,
                   [&](const std::string& key, const std::string& p, const json::value& x) {
                     if (key == "emphasis_zh") return read.text(x, p, t.emphasis_zh), true;
                     if (key == "emphasis_en") return read.text(x, p, t.emphasis_en), true;
                     return false;
                   });
        g.sensitivity_types.push_back(std::move(t));
      });
      return true;
    }
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(g));
  return g;
}

}  // namespace kam::analytics::scorecard
