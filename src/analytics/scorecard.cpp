#include "analytics/scorecard.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include "analytics/wide_int.hpp"
#include "core/opportunity.hpp"
#include "core/validator.hpp"

namespace kam::analytics::scorecard {

namespace {

// n / d rounded half away from zero. REQUIRES: d > 0.
int64_t div_round(Int128 n, Int128 d) {
  const Int128 q = n >= 0 ? (2 * n + d) / (2 * d) : -((-2 * n + d) / (2 * d));
  return static_cast<int64_t>(q);
}

std::string index_path(const std::string& base, size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

// "12" or "3.50": hundredths of a point as people read them.
std::string points_text(int64_t x100) {
  const bool negative = x100 < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(x100) : static_cast<uint64_t>(x100);
  std::string out = std::to_string(abs / 100);
  if (abs % 100 != 0) {
    out += '.';
    out += static_cast<char>('0' + abs % 100 / 10);
    out += static_cast<char>('0' + abs % 10);
  }
  return negative ? "-" + out : out;
}

// A fixed-point value with two decimals: 9550 → "95.50".
std::string two_decimals(int64_t v) {
  const bool negative = v < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string out = std::to_string(abs / 100) + ".";
  out += static_cast<char>('0' + abs % 100 / 10);
  out += static_cast<char>('0' + abs % 10);
  return negative ? "-" + out : out;
}

std::string value_text(Unit unit, int64_t v) {
  switch (unit) {
    case Unit::kBasisPoints:
      return two_decimals(v) + "%";
    case Unit::kHundredths:
      return two_decimals(v);
    case Unit::kFen:
      return "¥" + format_money(Money{v});
    case Unit::kDays:
      return std::to_string(v) + (v == 1 ? " day" : " days");
    case Unit::kYears:
      return std::to_string(v) + (v == 1 ? " year" : " years");
    case Unit::kCount:
    case Unit::kRating:
    case Unit::kCategory:
      return std::to_string(v);
  }
  return std::to_string(v);
}

// Codes are identifiers that URLs, JSON keys and stored scores carry: [a-z0-9_], or also
// upper-case for grades (AAA, AA …), which analysts write that way.
void check_code(Validator& v, const std::string& path, const std::string& code, bool upper_ok,
                std::set<std::string>& seen, const char* what) {
  if (code.empty() || code.size() > 40) {
    v.fail(path, "must be 1 to 40 characters");
    return;
  }
  for (char c : code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    (upper_ok && c >= 'A' && c <= 'Z');
    if (!ok) {
      v.fail(path, upper_ok ? "may only hold letters, digits and _"
                            : "may only hold lower-case letters, digits and _");
      return;
    }
  }
  if (!seen.insert(code).second) v.fail(path, "'" + code + "' is used by another " + what);
}

void check_points(Validator& v, const std::string& path, int32_t points, int32_t max_points) {
  if (points < 0 || points > max_points) {
    v.fail(path, "must be from 0 to the indicator's max_points (" + std::to_string(max_points) +
                     "), got " + std::to_string(points));
  }
}

// The rule of one indicator; `best` receives the largest points it can give.
void check_rule(Validator& v, const std::string& path, const Indicator& ind,
                const IndicatorSpec* spec, int32_t& best) {
  const PointsRule& r = ind.rule;
  const bool categorical = ind.unit == Unit::kCategory;
  if (categorical != (r.kind == RuleKind::kLookup)) {
    v.fail(path + ".kind", categorical ? "a category indicator is scored by lookup"
                                       : "lookup scores category indicators only; use bands, "
                                         "thresholds or linear for a number");
    return;
  }
  best = 0;
  switch (r.kind) {
    case RuleKind::kBands: {
      if (r.bands.empty()) {
        v.fail(path + ".bands", "needs at least one band");
        return;
      }
      for (size_t i = 0; i < r.bands.size(); ++i) {
        const Band& b = r.bands[i];
        const std::string at = index_path(path + ".bands", i);
        check_points(v, at + ".points", b.points, ind.max_points);
        best = std::max(best, b.points);
        if (i == 0 && b.min) {
          v.fail(at + ".min",
                 "the first band must have no min, so that every value falls in a "
                 "band (nothing is scored 0 silently)");
        }
        if (i + 1 == r.bands.size() && b.max) {
          v.fail(at + ".max",
                 "the last band must have no max, so that every value falls in a "
                 "band (nothing is scored 0 silently)");
        }
        if (i > 0 && !b.min) v.fail(at + ".min", "only the first band may have no min");
        if (i + 1 < r.bands.size() && !b.max)
          v.fail(at + ".max", "only the last band may have no max");
        if (b.min && b.max && *b.min >= *b.max) {
          v.fail(at, "min (" + std::to_string(*b.min) + ") must be below max (" +
                         std::to_string(*b.max) + ")");
        }
        if (i > 0 && b.min && r.bands[i - 1].max && *b.min != *r.bands[i - 1].max) {
          const int64_t prev = *r.bands[i - 1].max;
          v.fail(at + ".min", *b.min < prev ? "overlaps the band before, which runs to " +
                                                  std::to_string(prev) + "; bands must not overlap"
                                            : "leaves a gap after the band before, which ends at " +
                                                  std::to_string(prev) +
                                                  "; each band starts where the "
                                                  "one before ends");
        }
      }
      break;
    }
    case RuleKind::kThresholds: {
      if (r.steps.empty()) {
        v.fail(path + ".steps", "needs at least one step");
        return;
      }
      check_points(v, path + ".otherwise_points", r.otherwise_points, ind.max_points);
      best = r.otherwise_points;
      for (size_t i = 0; i < r.steps.size(); ++i) {
        const Step& s = r.steps[i];
        const std::string at = index_path(path + ".steps", i);
        check_points(v, at + ".points", s.points, ind.max_points);
        best = std::max(best, s.points);
        if (i == 0) continue;
        const int64_t prev = r.steps[i - 1].value;
        if (r.direction == Direction::kAtLeast && s.value >= prev) {
          v.fail(at + ".value", "must be below the step before (" + std::to_string(prev) +
                                    "): at_least steps run from the highest value down");
        } else if (r.direction == Direction::kAtMost && s.value <= prev) {
          v.fail(at + ".value", "must be above the step before (" + std::to_string(prev) +
                                    "): at_most steps run from the lowest value up");
        }
      }
      break;
    }
    case RuleKind::kLookup: {
      if (r.lookup.empty()) {
        v.fail(path + ".lookup", "needs an entry per category");
        return;
      }
      std::set<std::string> seen;
      for (size_t i = 0; i < r.lookup.size(); ++i) {
        const LookupEntry& e = r.lookup[i];
        const std::string at = index_path(path + ".lookup", i);
        check_points(v, at + ".points", e.points, ind.max_points);
        best = std::max(best, e.points);
        if (!seen.insert(e.value).second) {
          v.fail(at + ".value", "'" + e.value + "' is listed twice");
        } else if (spec && std::none_of(spec->categories.begin(), spec->categories.end(),
                                        [&](const Category& c) { return c.code == e.value; })) {
          v.fail(at + ".value", "'" + e.value + "' is not a category of " + ind.code);
        }
      }
      if (spec) {
        for (const Category& c : spec->categories) {
          if (!seen.contains(c.code))
            v.fail(path + ".lookup", "gives no points for category '" + c.code + "'");
        }
      }
      break;
    }
    case RuleKind::kLinear:
      if (r.from_value == r.to_value) v.fail(path + ".to_value", "must differ from from_value");
      check_points(v, path + ".from_points", r.from_points, ind.max_points);
      check_points(v, path + ".to_points", r.to_points, ind.max_points);
      best = std::max(r.from_points, r.to_points);
      break;
  }
}

}  // namespace

const IndicatorSpec* find_spec(const Catalogue& catalogue, std::string_view code) {
  for (const auto& s : catalogue)
    if (s.code == code) return &s;
  return nullptr;
}

const Group* Card::group(std::string_view c) const {
  for (const auto& g : groups)
    if (g.code == c) return &g;
  return nullptr;
}

const Indicator* Card::indicator(std::string_view c) const {
  for (const auto& i : indicators)
    if (i.code == c) return &i;
  return nullptr;
}

const Grade* Card::grade(std::string_view c) const {
  for (const auto& g : grades)
    if (g.code == c) return &g;
  return nullptr;
}

const Subtotal* Score::group(std::string_view c) const {
  for (const auto& g : groups)
    if (g.code == c) return &g;
  return nullptr;
}

const IndicatorResult* Score::indicator(std::string_view c) const {
  for (const auto& i : indicators)
    if (i.code == c) return &i;
  return nullptr;
}

// ---------------------------------------------------------------------------------------
// Validation

Status validate(const Card& card, const Catalogue& catalogue) {
  Validator v;
  {
    std::set<std::string> seen;
    check_code(v, "code", card.code, false, seen, "card");
  }
  if (card.name_zh.empty()) v.fail("name_zh", "must not be empty");
  if (card.version < 0) v.fail("version", "must not be negative");
  if (card.total_points < 1 || card.total_points > 10000)
    v.fail("total_points", "must be from 1 to 10000");
  if (card.min_available_bp < 0 || card.min_available_bp > 10000)
    v.fail("min_available_bp", "must be a share from 0 to 10000 bp");

  // Sections.
  std::set<std::string> section_codes;
  int64_t section_sum = 0;
  for (size_t i = 0; i < card.sections.size(); ++i) {
    const Section& s = card.sections[i];
    const std::string at = index_path("sections", i);
    check_code(v, at + ".code", s.code, false, section_codes, "section");
    if (s.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
    if (s.points <= 0) v.fail(at + ".points", "must be positive");
    section_sum += s.points;
  }
  if (!card.sections.empty() && section_sum != card.total_points) {
    v.fail("sections", "points add up to " + std::to_string(section_sum) +
                           "; they must add up to "
                           "total_points (" +
                           std::to_string(card.total_points) + ")");
  }

  // Groups.
  if (card.groups.empty()) v.fail("groups", "needs at least one group");
  std::set<std::string> group_codes;
  std::map<std::string, int64_t> per_section;
  int64_t group_sum = 0;
  for (size_t i = 0; i < card.groups.size(); ++i) {
    const Group& g = card.groups[i];
    const std::string at = index_path("groups", i);
    check_code(v, at + ".code", g.code, false, group_codes, "group");
    if (g.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
    if (g.points <= 0) v.fail(at + ".points", "must be positive");
    group_sum += g.points;
    if (card.sections.empty()) {
      if (!g.section.empty()) v.fail(at + ".section", "the card has no sections");
    } else if (!section_codes.contains(g.section)) {
      v.fail(at + ".section", "'" + g.section + "' is not a section of the card");
    } else {
      per_section[g.section] += g.points;
    }
  }
  if (!card.groups.empty() && group_sum != card.total_points) {
    v.fail("groups", "points add up to " + std::to_string(group_sum) +
                         "; they must add up to total_points (" +
                         std::to_string(card.total_points) + ")");
  }
  for (size_t i = 0; i < card.sections.size(); ++i) {
    const Section& s = card.sections[i];
    const int64_t sum = per_section[s.code];
    if (sum != s.points) {
      v.fail(index_path("sections", i) + ".points",
             "is " + std::to_string(s.points) + " but its groups add up to " + std::to_string(sum));
    }
  }

  // Indicators.
  if (card.indicators.empty()) v.fail("indicators", "needs at least one indicator");
  std::set<std::string> indicator_codes;
  std::map<std::string, int64_t> per_group;
  for (size_t i = 0; i < card.indicators.size(); ++i) {
    const Indicator& ind = card.indicators[i];
    const std::string at = index_path("indicators", i);
    check_code(v, at + ".code", ind.code, false, indicator_codes, "indicator");
    if (ind.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
    const IndicatorSpec* spec = find_spec(catalogue, ind.code);
    if (!spec) {
      if (!ind.code.empty())
        v.fail(at + ".code", "'" + ind.code + "' is not in the indicator catalogue");
    } else {
      if (spec->source != ind.source) {
        v.fail(at + ".source", std::string("must be ") +
                                   (spec->source == Source::kComputed ? "computed" : "manual") +
                                   ", as in the indicator catalogue");
      }
      if (spec->unit != ind.unit)
        v.fail(at + ".unit", "does not match the unit of the indicator catalogue");
    }
    if (!group_codes.contains(ind.group)) {
      v.fail(at + ".group", "'" + ind.group + "' is not a group of the card");
    } else {
      per_group[ind.group] += ind.max_points;
    }
    if (ind.max_points <= 0) {
      v.fail(at + ".max_points", "must be positive");
      continue;
    }
    int32_t best = 0;
    const size_t before = v.problems().size();
    check_rule(v, at + ".rule", ind, spec, best);
    if (v.problems().size() == before && best != ind.max_points) {
      v.fail(at + ".rule", "its best outcome gives " + std::to_string(best) +
                               " points, not max_points (" + std::to_string(ind.max_points) +
                               "); the card could never reach its full scale");
    }
  }
  for (size_t i = 0; i < card.groups.size(); ++i) {
    const Group& g = card.groups[i];
    const int64_t sum = per_group[g.code];
    if (sum != g.points) {
      v.fail(index_path("groups", i) + ".points", "is " + std::to_string(g.points) +
                                                      " but its indicators' max_points add up to " +
                                                      std::to_string(sum));
    }
  }

  // Grades.
  if (card.grades.empty()) v.fail("grades", "needs at least one grade");
  std::set<std::string> grade_codes;
  for (size_t i = 0; i < card.grades.size(); ++i) {
    const Grade& g = card.grades[i];
    const std::string at = index_path("grades", i);
    check_code(v, at + ".code", g.code, true, grade_codes, "grade");
    if (g.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
    if (g.min_points < 0 || g.min_points > card.total_points) {
      v.fail(at + ".min_points",
             "must be from 0 to total_points (" + std::to_string(card.total_points) + ")");
    }
    if (i > 0 && g.min_points >= card.grades[i - 1].min_points) {
      v.fail(at + ".min_points", "must be below the grade before (" +
                                     std::to_string(card.grades[i - 1].min_points) +
                                     "): cut-offs run strictly from the highest grade down");
    }
    if (i + 1 == card.grades.size() && g.min_points != 0) {
      v.fail(at + ".min_points", "the last grade takes every score left, so its min_points is 0");
    }
    if (g.credit_limit) {
      if (g.credit_limit->monthly_purchases_pct < 0)
        v.fail(at + ".credit_limit.monthly_purchases_pct", "must not be negative");
      if (g.credit_limit->cap.fen < 0) v.fail(at + ".credit_limit.cap", "must not be negative");
    }
  }
  return v.status();
}

// ---------------------------------------------------------------------------------------
// Scoring

namespace {

struct Outcome {
  int64_t points_x100 = 0;
  int32_t applied = -1;
  std::string label;
  std::string explanation;
};

Outcome apply_rule(const Indicator& ind, int64_t x) {
  const PointsRule& r = ind.rule;
  Outcome o;
  auto text = [&](int64_t v) { return value_text(ind.unit, v); };
  switch (r.kind) {
    case RuleKind::kBands:
      for (size_t i = 0; i < r.bands.size(); ++i) {
        const Band& b = r.bands[i];
        if ((b.min && x < *b.min) || (b.max && x >= *b.max)) continue;
        o.points_x100 = int64_t{b.points} * 100;
        o.applied = static_cast<int32_t>(i);
        o.label = b.label;
        std::string range;
        if (!b.min && !b.max) {
          range = "any value";
        } else if (!b.min) {
          range = "< " + text(*b.max);
        } else if (!b.max) {
          range = "≥ " + text(*b.min);
        } else {
          range = "[" + text(*b.min) + ", " + text(*b.max) + ")";
        }
        o.explanation = range + " → " + std::to_string(b.points);
        return o;
      }
      // Unreachable for a validated card: its bands cover every value.
      o.explanation = "in no band → 0";
      return o;
    case RuleKind::kThresholds:
      for (size_t i = 0; i < r.steps.size(); ++i) {
        const Step& s = r.steps[i];
        const bool hit = r.direction == Direction::kAtLeast ? x >= s.value : x <= s.value;
        if (!hit) continue;
        o.points_x100 = int64_t{s.points} * 100;
        o.applied = static_cast<int32_t>(i);
        o.label = s.label;
        o.explanation = (r.direction == Direction::kAtLeast ? "≥ " : "≤ ") + text(s.value) + " → " +
                        std::to_string(s.points);
        return o;
      }
      o.points_x100 = int64_t{r.otherwise_points} * 100;
      o.explanation = r.steps.empty() ? "otherwise"
                                      : (r.direction == Direction::kAtLeast ? "< " : "> ") +
                                            text(r.steps.back().value);
      o.explanation += " → " + std::to_string(r.otherwise_points);
      return o;
    case RuleKind::kLinear: {
      Int128 num = Int128{x} - r.from_value;
      Int128 den = Int128{r.to_value} - r.from_value;
      if (den < 0) {
        num = -num;
        den = -den;
      }
      const std::string line = "linear " + text(r.from_value) + " → " +
                               std::to_string(r.from_points) + ", " + text(r.to_value) + " → " +
                               std::to_string(r.to_points);
      if (num <= 0) {
        o.points_x100 = int64_t{r.from_points} * 100;
        o.explanation =
            line + ": at or before " + text(r.from_value) + " → " + std::to_string(r.from_points);
      } else if (num >= den) {
        o.points_x100 = int64_t{r.to_points} * 100;
        o.explanation = line + ": at or beyond " + text(r.to_value) + " → " +
                        std::to_string(r.to_points) + " (capped)";
      } else {
        o.points_x100 = int64_t{r.from_points} * 100 +
                        div_round(Int128{r.to_points - r.from_points} * 100 * num, den);
        o.explanation = line + ": " + text(x) + " → " + points_text(o.points_x100);
      }
      return o;
    }
    case RuleKind::kLookup:
      break;  // categories go through apply_lookup
  }
  return o;
}

std::optional<Outcome> apply_lookup(const Indicator& ind, const std::string& code) {
  for (size_t i = 0; i < ind.rule.lookup.size(); ++i) {
    const LookupEntry& e = ind.rule.lookup[i];
    if (e.value != code) continue;
    Outcome o;
    o.points_x100 = int64_t{e.points} * 100;
    o.applied = static_cast<int32_t>(i);
    o.label = e.label;
    o.explanation = code + " → " + std::to_string(e.points);
    return o;
  }
  return std::nullopt;
}

// Why a value is not acceptable for the indicator's unit, or nothing.
std::optional<std::string> input_problem(const Indicator& ind, const Value& value) {
  if (ind.unit == Unit::kCategory) {
    if (!std::holds_alternative<std::string>(value)) return "must be a category code";
    return std::nullopt;
  }
  if (!std::holds_alternative<int64_t>(value))
    return "must be a whole number in " + unit_code(ind.unit);
  const int64_t x = std::get<int64_t>(value);
  switch (ind.unit) {
    case Unit::kRating:
      if (x < 1 || x > 5) return "must be a rating from 1 to 5, got " + std::to_string(x);
      break;
    case Unit::kDays:
    case Unit::kYears:
    case Unit::kCount:
      if (x < 0) return "must not be negative, got " + std::to_string(x);
      break;
    default:
      break;
  }
  return std::nullopt;
}

Subtotal subtotal(const std::string& code, const std::string& zh, const std::string& en,
                  int32_t points) {
  Subtotal t;
  t.code = code;
  t.name_zh = zh;
  t.name_en = en;
  t.max_points = points;
  return t;
}

void rescale(Subtotal& t) {
  if (t.available_points > 0)
    t.score_x100 = div_round(Int128{t.points_x100} * t.max_points, t.available_points);
}

}  // namespace

Result<Score> score(const Card& card, const Inputs& inputs) {
  std::vector<FieldError> problems;
  Score s;
  s.card_code = card.code;
  s.card_version = card.version;
  s.total_points = card.total_points;
  s.min_available_bp = card.min_available_bp;
  std::map<std::string, size_t, std::less<>> group_index, section_index;
  for (const Section& sec : card.sections) {
    section_index[sec.code] = s.sections.size();
    s.sections.push_back(subtotal(sec.code, sec.name_zh, sec.name_en, sec.points));
  }
  for (const Group& g : card.groups) {
    group_index[g.code] = s.groups.size();
    s.groups.push_back(subtotal(g.code, g.name_zh, g.name_en, g.points));
  }

  for (const Indicator& ind : card.indicators) {
    IndicatorResult r;
    r.code = ind.code;
    r.name_zh = ind.name_zh;
    r.name_en = ind.name_en;
    r.group = ind.group;
    r.unit = ind.unit;
    r.source = ind.source;
    r.max_points = ind.max_points;
    r.rule = ind.rule.kind;
    const auto it = inputs.find(ind.code);
    if (it == inputs.end()) {
      r.explanation = "missing: not counted; the score is rescaled over the points available";
      s.missing.push_back(ind.code);
    } else if (auto problem = input_problem(ind, it->second)) {
      problems.push_back({"inputs." + ind.code, *problem});
      continue;
    } else {
      std::optional<Outcome> o;
      if (ind.unit == Unit::kCategory) {
        o = apply_lookup(ind, std::get<std::string>(it->second));
        if (!o) {
          std::string known;
          for (const auto& e : ind.rule.lookup)
            known += (known.empty() ? "" : ", ") + e.value;
          problems.push_back({"inputs." + ind.code, "'" + std::get<std::string>(it->second) +
                                                        "' is not one of " + known});
          continue;
        }
      } else {
        o = apply_rule(ind, std::get<int64_t>(it->second));
      }
      r.value = it->second;
      r.points_x100 = o->points_x100;
      r.applied = o->applied;
      r.label = std::move(o->label);
      r.explanation = std::move(o->explanation);
    }

    const auto g = group_index.find(ind.group);
    Subtotal* group = g == group_index.end() ? nullptr : &s.groups[g->second];
    Subtotal* section = nullptr;
    if (group) {
      const Group* def = card.group(ind.group);
      const auto sec = section_index.find(def->section);
      if (sec != section_index.end()) section = &s.sections[sec->second];
    }
    for (Subtotal* t : {group, section}) {
      if (!t) continue;
      if (r.missing()) {
        ++t->missing;
      } else {
        t->available_points += r.max_points;
        t->points_x100 += r.points_x100;
      }
    }
    if (!r.missing()) {
      s.available_points += r.max_points;
      s.points_x100 += r.points_x100;
    }
    s.indicators.push_back(std::move(r));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));

  for (Subtotal& t : s.groups)
    rescale(t);
  for (Subtotal& t : s.sections)
    rescale(t);
  s.partial = !s.missing.empty();
  if (card.total_points > 0) {
    s.available_bp = static_cast<int32_t>(int64_t{s.available_points} * 10000 / card.total_points);
  }
  if (s.available_points == 0) {
    s.withheld_reason = "no indicator has a value";
    return s;
  }
  s.score_x100 = div_round(Int128{s.points_x100} * card.total_points, s.available_points);
  if (int64_t{s.available_points} * 10000 < int64_t{card.min_available_bp} * card.total_points) {
    s.withheld_reason = "only " + points_text(s.available_bp) + "% of the points (" +
                        std::to_string(s.available_points) + " of " +
                        std::to_string(card.total_points) + ") have a value; a grade needs " +
                        points_text(card.min_available_bp) + "%";
    return s;
  }
  for (const Grade& g : card.grades) {
    if (*s.score_x100 >= int64_t{g.min_points} * 100) {
      s.grade = g.code;
      s.grade_name_zh = g.name_zh;
      s.grade_name_en = g.name_en;
      return s;
    }
  }
  s.withheld_reason = "the score is below every grade";
  return s;
}

Result<std::vector<Result<Score>>> score_columns(const Card& card, const InputColumns& columns) {
  std::vector<FieldError> problems;
  for (const auto& [code, column] : columns.columns) {
    if (column.size() != columns.rows) {
      problems.push_back({"columns." + code, "has " + std::to_string(column.size()) +
                                                 " rows, not " + std::to_string(columns.rows)});
    }
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  // Only the card's indicators are copied into each row's inputs.
  std::vector<std::pair<std::string, const std::vector<std::optional<Value>>*>> used;
  for (const Indicator& ind : card.indicators) {
    const auto it = columns.columns.find(ind.code);
    if (it != columns.columns.end()) used.emplace_back(ind.code, &it->second);
  }
  std::vector<Result<Score>> out;
  out.reserve(columns.rows);
  for (size_t row = 0; row < columns.rows; ++row) {
    Inputs inputs;
    for (const auto& [code, column] : used) {
      if ((*column)[row]) inputs.emplace(code, *(*column)[row]);
    }
    out.push_back(score(card, inputs));
  }
  return out;
}

std::optional<Money> suggested_credit_limit(const Card& card, const Score& s,
                                            Money average_monthly_purchases) {
  if (!s.grade) return std::nullopt;
  const Grade* g = card.grade(*s.grade);
  if (!g || !g->credit_limit) return std::nullopt;
  const int64_t base = std::max<int64_t>(average_monthly_purchases.fen, 0);
  const int64_t limit = div_round(Int128{base} * g->credit_limit->monthly_purchases_pct, 100);
  return Money{std::min(limit, g->credit_limit->cap.fen)};
}

// ---------------------------------------------------------------------------------------
// Defend / expand / attack

std::string_view stance_code(Stance stance) {
  switch (stance) {
    case Stance::kDefend:
      return "defend";
    case Stance::kExpand:
      return "expand";
    case Stance::kAttack:
      return "attack";
    case Stance::kMaintain:
      return "maintain";
    case Stance::kNotTarget:
      return "not_target";
    case Stance::kUndetermined:
      return "undetermined";
  }
  return "undetermined";
}

Status validate(const StanceRules& r, const Card& card) {
  Validator v;
  if (!card.group(r.relationship_group))
    v.fail("relationship_group", "'" + r.relationship_group + "' is not a group of " + card.code);
  if (!card.indicator(r.growth_indicator))
    v.fail("growth_indicator", "'" + r.growth_indicator + "' is not an indicator of " + card.code);
  if (!card.indicator(r.strength_indicator)) {
    v.fail("strength_indicator",
           "'" + r.strength_indicator + "' is not an indicator of " + card.code);
  }
  for (const auto& [field, bp] :
       {std::pair{"churn_below_bp", r.churn_below_bp}, std::pair{"growth_min_bp", r.growth_min_bp},
        std::pair{"strength_min_bp", r.strength_min_bp}}) {
    if (bp < 0 || bp > 10000) v.fail(field, "must be a share from 0 to 10000 bp");
  }
  if (r.attack_min_score < 0 || r.attack_min_score > card.total_points) {
    v.fail("attack_min_score",
           "must be from 0 to the card's total_points (" + std::to_string(card.total_points) + ")");
  }
  return v.status();
}

namespace {

// points_x100 / (max × 100) ≥ bp / 10000, exactly.
bool reaches(int64_t points_x100, int32_t max_points, int32_t bp) {
  return Int128{points_x100} * 10000 >= Int128{bp} * max_points * 100;
}

std::string share_text(int64_t points_x100, int32_t max_points) {
  return points_text(points_x100) + " of " + std::to_string(max_points);
}

}  // namespace

StanceResult target_stance(const StanceRules& rules, const Score& s, bool our_customer,
                           bool churn_signal) {
  StanceResult out;
  if (!s.grade) {
    out.reason = "no grade: " + s.withheld_reason;
    return out;
  }
  if (our_customer) {
    if (churn_signal) {
      out.stance = Stance::kDefend;
      out.reason = "our customer with a churn signal";
      return out;
    }
    const Subtotal* rel = s.group(rules.relationship_group);
    if (!rel || !rel->score_x100) {
      out.reason = "the " + rules.relationship_group + " group has no value";
      return out;
    }
    if (!reaches(*rel->score_x100, rel->max_points, rules.churn_below_bp)) {
      out.stance = Stance::kDefend;
      out.reason = "our customer; " + rules.relationship_group + " value " +
                   share_text(*rel->score_x100, rel->max_points) + " is below " +
                   points_text(rules.churn_below_bp) + "%: at churn risk";
      return out;
    }
    const IndicatorResult* growth = s.indicator(rules.growth_indicator);
    if (!growth || growth->missing()) {
      out.reason = rules.growth_indicator + " is missing";
      return out;
    }
    const bool room = reaches(growth->points_x100, growth->max_points, rules.growth_min_bp);
    out.stance = room ? Stance::kExpand : Stance::kMaintain;
    out.reason = "our customer, relationship secure; " + rules.growth_indicator + " " +
                 share_text(growth->points_x100, growth->max_points) +
                 (room ? " reaches " : " is below ") + points_text(rules.growth_min_bp) + "%";
    return out;
  }
  const IndicatorResult* strength = s.indicator(rules.strength_indicator);
  if (!strength || strength->missing()) {
    out.reason = rules.strength_indicator + " is missing";
    return out;
  }
  const bool strong = reaches(strength->points_x100, strength->max_points, rules.strength_min_bp);
  const bool worth = *s.score_x100 >= int64_t{rules.attack_min_score} * 100;
  out.stance = strong && worth ? Stance::kAttack : Stance::kNotTarget;
  out.reason = "a competitor's customer; " + rules.strength_indicator + " " +
               share_text(strength->points_x100, strength->max_points) +
               (strong ? " reaches " : " is below ") + points_text(rules.strength_min_bp) +
               "%; score " + points_text(*s.score_x100) + (worth ? " reaches " : " is below ") +
               std::to_string(rules.attack_min_score);
  return out;
}

// ---------------------------------------------------------------------------------------
// Relationship stage

Status validate(const StageRules& r) {
  Validator v;
  if (r.stages.size() < 2) v.fail("stages", "needs at least two stages");
  std::set<std::string> codes;
  for (size_t i = 0; i < r.stages.size(); ++i) {
    const RelationshipStage& s = r.stages[i];
    const std::string at = index_path("stages", i);
    check_code(v, at + ".code", s.code, false, codes, "stage");
    if (s.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
    if (s.min_share_of_wallet_bp < 0 || s.min_share_of_wallet_bp > 10000)
      v.fail(at + ".min_share_of_wallet_bp", "must be a share from 0 to 10000 bp");
    if (s.min_customer_contacts < 0) v.fail(at + ".min_customer_contacts", "must not be negative");
    if (s.min_our_staff < 0) v.fail(at + ".min_our_staff", "must not be negative");
    if (i == 0) {
      if (s.min_share_of_wallet_bp != 0 || s.min_customer_contacts != 0 || s.min_our_staff != 0)
        v.fail(at, "the first stage has every minimum at 0, so that every account has a stage");
      continue;
    }
    const RelationshipStage& p = r.stages[i - 1];
    if (s.min_share_of_wallet_bp < p.min_share_of_wallet_bp)
      v.fail(at + ".min_share_of_wallet_bp", "must not be below the stage before");
    if (s.min_customer_contacts < p.min_customer_contacts)
      v.fail(at + ".min_customer_contacts", "must not be below the stage before");
    if (s.min_our_staff < p.min_our_staff)
      v.fail(at + ".min_our_staff", "must not be below the stage before");
    if (s.min_share_of_wallet_bp == p.min_share_of_wallet_bp &&
        s.min_customer_contacts == p.min_customer_contacts && s.min_our_staff == p.min_our_staff)
      v.fail(at, "asks no more than the stage before; it could never be reached");
  }
  return v.status();
}

std::optional<int32_t> share_of_wallet_bp(Money our_revenue, Money wallet_estimate) {
  if (wallet_estimate.fen <= 0) return std::nullopt;
  const Int128 bp = Int128{std::max<int64_t>(our_revenue.fen, 0)} * 10000 / wallet_estimate.fen;
  return static_cast<int32_t>(std::min<Int128>(bp, std::numeric_limits<int32_t>::max()));
}

StageInference infer_stage(const StageRules& rules, const StageInputs& in) {
  StageInference out;
  if (!in.share_of_wallet_bp) {
    out.reason = "share of wallet unknown: the account needs a wallet estimate";
    return out;
  }
  const int32_t sow = *in.share_of_wallet_bp;
  for (size_t i = 0; i < rules.stages.size(); ++i) {
    const RelationshipStage& s = rules.stages[i];
    if (sow >= s.min_share_of_wallet_bp && in.customer_contacts >= s.min_customer_contacts &&
        in.our_staff >= s.min_our_staff)
      out.stage = static_cast<int32_t>(i);
  }
  out.reason = "share of wallet " + two_decimals(sow) + "%, " +
               std::to_string(in.customer_contacts) + " customer contacts, " +
               std::to_string(in.our_staff) + " of our staff";
  if (out.stage < 0) return out;  // only for rules validate() refuses
  const size_t next = static_cast<size_t>(out.stage) + 1;
  if (next < rules.stages.size()) {
    const RelationshipStage& n = rules.stages[next];
    out.reason += "; " + n.code + " needs ≥ " + two_decimals(n.min_share_of_wallet_bp) + "%, ≥ " +
                  std::to_string(n.min_customer_contacts) + " contacts, ≥ " +
                  std::to_string(n.min_our_staff) + " staff";
  }
  return out;
}

Result<StageView> resolve_stage(const StageRules& rules, const StageInference& computed,
                                const std::optional<std::string>& override_stage) {
  StageView view;
  if (computed.stage >= 0 && static_cast<size_t>(computed.stage) < rules.stages.size())
    view.computed = rules.stages[static_cast<size_t>(computed.stage)].code;
  view.reason = computed.reason;
  if (override_stage) {
    const bool known =
        std::any_of(rules.stages.begin(), rules.stages.end(),
                    [&](const RelationshipStage& s) { return s.code == *override_stage; });
    if (!known) return Error::invalid("override", "'" + *override_stage + "' is not a stage");
    view.override_stage = *override_stage;
    view.overridden = true;
  }
  view.effective = view.overridden ? view.override_stage : view.computed;
  return view;
}

// ---------------------------------------------------------------------------------------
// The 25-grid

Status validate(const DepthGrid& g) {
  Validator v;
  for (const auto& [name, axis] :
       {std::pair{"levels", &g.levels}, std::pair{"relationships", &g.relationships}}) {
    if (axis->empty()) v.fail(name, "must not be empty");
    std::set<std::string> codes;
    for (size_t i = 0; i < axis->size(); ++i) {
      check_code(v, index_path(name, i) + ".code", (*axis)[i].code, false, codes, "entry");
      if ((*axis)[i].name_zh.empty()) v.fail(index_path(name, i) + ".name_zh", "must not be empty");
    }
  }
  if (g.cells.size() != g.levels.size()) {
    v.fail("cells", "needs one row per level (" + std::to_string(g.levels.size()) + ")");
  } else {
    for (size_t i = 0; i < g.cells.size(); ++i) {
      if (g.cells[i].size() != g.relationships.size()) {
        v.fail(index_path("cells", i),
               "needs one cell per relationship (" + std::to_string(g.relationships.size()) + ")");
        continue;
      }
      for (size_t j = 0; j < g.cells[i].size(); ++j) {
        const std::string at = index_path(index_path("cells", i), j);
        const int32_t c = g.cells[i][j];
        if (c < 0) v.fail(at, "must not be negative");
        if (j > 0 && c < g.cells[i][j - 1])
          v.fail(at, "is below the cell to its left; deeper never scores less");
        if (i > 0 && g.cells[i - 1].size() == g.cells[i].size() && c < g.cells[i - 1][j])
          v.fail(at, "is below the cell above it; deeper never scores less");
      }
    }
  }
  std::set<std::string> roles;
  for (size_t i = 0; i < g.role_weights.size(); ++i) {
    const RoleWeight& w = g.role_weights[i];
    const std::string at = index_path("role_weights", i);
    if (std::find(std::begin(kBuyingRoles), std::end(kBuyingRoles), w.role) ==
        std::end(kBuyingRoles)) {
      v.fail(at + ".role", "'" + w.role + "' is not a buying-centre role");
    } else if (!roles.insert(w.role).second) {
      v.fail(at + ".role", "'" + w.role + "' is listed twice");
    }
    if (w.weight < 1) v.fail(at + ".weight", "must be at least 1");
  }
  if (g.default_weight < 1) v.fail("default_weight", "must be at least 1");
  return v.status();
}

Result<DepthResult> relationship_depth(const DepthGrid& grid,
                                       std::span<const ContactPosition> contacts) {
  std::vector<FieldError> problems;
  auto find = [](const std::vector<GridAxis>& axis, const std::string& code) {
    for (size_t i = 0; i < axis.size(); ++i)
      if (axis[i].code == code) return static_cast<int>(i);
    return -1;
  };
  DepthResult out;
  int64_t weights = 0;
  Int128 weighted = 0;
  for (size_t k = 0; k < contacts.size(); ++k) {
    const ContactPosition& c = contacts[k];
    const std::string at = index_path("contacts", k);
    const int i = find(grid.levels, c.level);
    const int j = find(grid.relationships, c.relationship);
    if (i < 0) problems.push_back({at + ".level", "'" + c.level + "' is not a contact level"});
    if (j < 0) {
      problems.push_back(
          {at + ".relationship", "'" + c.relationship + "' is not a relationship level"});
    }
    if (i < 0 || j < 0) continue;
    int32_t weight = 0;
    for (const std::string& role : c.roles)
      for (const RoleWeight& w : grid.role_weights)
        if (w.role == role) weight = std::max(weight, w.weight);
    if (weight == 0) weight = grid.default_weight;
    const int32_t cell = grid.cells[static_cast<size_t>(i)][static_cast<size_t>(j)];
    weights += weight;
    weighted += Int128{weight} * cell;
    out.deepest = std::max(out.deepest, cell);
    ++out.contacts;
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  if (weights > 0) out.weighted_depth_x100 = div_round(weighted * 100, weights);
  return out;
}

// ---------------------------------------------------------------------------------------
// Selling guide

Status validate(const SellingGuide& g) {
  Validator v;
  if (g.value_types.empty()) v.fail("value_types", "must not be empty");
  std::set<std::string> codes;
  for (size_t i = 0; i < g.value_types.size(); ++i) {
    const ValueType& t = g.value_types[i];
    const std::string at = index_path("value_types", i);
    check_code(v, at + ".code", t.code, false, codes, "value type");
    if (t.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
    std::set<std::string> unused;
    if (t.strategy.empty()) {
      v.fail(at + ".strategy", "must not be empty");
    } else {
      check_code(v, at + ".strategy", t.strategy, false, unused, "strategy");
    }
    if (t.strategy_zh.empty()) v.fail(at + ".strategy_zh", "must not be empty");
  }
  std::set<std::string> sensitivity;
  for (size_t i = 0; i < g.sensitivity_types.size(); ++i) {
    const SensitivityType& t = g.sensitivity_types[i];
    const std::string at = index_path("sensitivity_types", i);
    check_code(v, at + ".code", t.code, false, sensitivity, "sensitivity type");
    if (t.name_zh.empty()) v.fail(at + ".name_zh", "must not be empty");
  }
  return v.status();
}

Result<ValueType> selling_strategy(const SellingGuide& guide, std::string_view value_type) {
  for (const ValueType& t : guide.value_types)
    if (t.code == value_type) return t;
  return Error::invalid("value_type", "'" + std::string(value_type) + "' is not a value type");
}

}  // namespace kam::analytics::scorecard
