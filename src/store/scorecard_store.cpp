#include "store/scorecard_store.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

namespace sc = analytics::scorecard;

std::string document_name(std::string_view code) {
  return "scorecard:" + std::string(code);
}

std::optional<sc::Card> default_card(std::string_view code) {
  for (auto& card : sc::default_cards())
    if (card.code == code) return std::move(card);
  return std::nullopt;
}

Result<sc::Card> read_card(std::string_view code, const StoredDocument& doc) {
  auto card = sc::card_from_json(doc.body, sc::default_catalogue());
  if (!card)
    return Error::io("stored scorecard '" + std::string(code) + "' version " +
                     std::to_string(doc.version) + " is unreadable: " + card.error().describe());
  card->version = doc.version;
  return card;
}

// "12", "-1.5", "95.25" → hundredths, exactly; at most two decimals.
Result<int64_t> parse_hundredths(std::string_view text, const std::string& field) {
  const auto fail = [&] {
    return Error::invalid(field,
                          "'" + std::string(text) + "' is not a number with at most two decimals");
  };
  bool negative = false;
  std::string_view t = text;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  const auto dot = t.find('.');
  const std::string_view whole = t.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : t.substr(dot + 1);
  if (whole.empty() || fraction.size() > 2 || (dot != std::string_view::npos && fraction.empty()))
    return fail();
  int64_t w = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
  if (ec != std::errc() || end != whole.data() + whole.size() || w > 90'000'000'000'000'000 / 100)
    return fail();
  int64_t f = 0;
  for (const char c : fraction) {
    if (c < '0' || c > '9') return fail();
    f = f * 10 + (c - '0');
  }
  if (fraction.size() == 1) f *= 10;
  const int64_t v = w * 100 + f;
  return negative ? -v : v;
}

Result<int64_t> parse_whole(std::string_view text, const std::string& field) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Error::invalid(field, "'" + std::string(text) + "' is not a whole number");
  return v;
}

// Whether `value` is a value of `spec`'s unit; problems name `field`.
Status check_value(const sc::IndicatorSpec& spec, const sc::Value& value,
                   const std::string& field) {
  if (spec.unit == sc::Unit::kCategory) {
    const auto* code = std::get_if<std::string>(&value);
    if (!code) return Error::invalid(field, "must be a category code of " + spec.code);
    for (const auto& c : spec.categories)
      if (c.code == *code) return Status::success();
    std::string codes;
    for (const auto& c : spec.categories)
      codes += (codes.empty() ? "" : ", ") + c.code;
    return Error::invalid(field,
                          "'" + *code + "' is not a category of " + spec.code + ": " + codes);
  }
  const auto* n = std::get_if<int64_t>(&value);
  if (!n) return Error::invalid(field, "must be a number in " + sc::unit_code(spec.unit));
  switch (spec.unit) {
    case sc::Unit::kRating:
      if (*n < 1 || *n > 5) return Error::invalid(field, "a rating is 1 (poor) to 5 (excellent)");
      break;
    case sc::Unit::kDays:
    case sc::Unit::kYears:
    case sc::Unit::kCount:
      if (*n < 0) return Error::invalid(field, "must not be negative");
      break;
    default:
      break;
  }
  return Status::success();
}

sc::Value value_of(const Row& row, int int_column, int text_column) {
  if (!row.is_null(int_column)) return row.get_int(int_column);
  return std::string(row.get_text(text_column));
}

constexpr std::string_view kInputColumns =
    "id, account_id, card, indicator, value_int, value_text, as_of, entered_by, entered_at, note";

ManualInput input_of(const Row& row) {
  ManualInput in;
  in.id = row.get_int(0);
  in.account_id = row.get_int(1);
  in.card = row.is_null(2) ? "" : std::string(row.get_text(2));
  in.indicator = row.get_text(3);
  in.value = value_of(row, 4, 5);
  in.as_of = parse_date(row.get_text(6)).value_or(Day{});
  in.entered_by = row.get_text(7);
  in.entered_at = parse_timestamp(row.get_text(8)).value_or(Timestamp{});
  in.note = row.is_null(9) ? "" : std::string(row.get_text(9));
  return in;
}

// "INSERT INTO table (cols) VALUES ($1, …), (…)" for `rows` rows of `width`, built once per
// row count and thread: the driver caches prepared statements by their text.
const std::string& multi_row_insert(std::vector<std::string>& cache, std::string_view head,
                                    size_t width, size_t rows, std::string_view tail = "") {
  if (cache.size() <= rows) cache.resize(rows + 1);
  std::string& sql = cache[rows];
  if (sql.empty()) {
    sql = std::string(head) + " VALUES ";
    for (size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (size_t c = 1; c <= width; ++c)
        sql += (c > 1 ? ", $" : "$") + std::to_string(r * width + c);
      sql += ")";
    }
    sql += tail;
  }
  return sql;
}

constexpr size_t kRowsPerStatement = 64;

std::string join(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes)
    out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Cards

Result<sc::Card> load_card(Connection& c, std::string_view code) {
  auto doc = load_document(c, document_name(code));
  if (!doc) return doc.error();
  if (*doc) return read_card(code, **doc);
  if (auto card = default_card(code)) return std::move(*card);
  auto codes = card_codes(c);
  if (!codes) return codes.error();
  std::string list;
  for (const auto& k : *codes)
    list += (list.empty() ? "" : ", ") + k;
  return Error::invalid("card", "'" + std::string(code) + "' is not a scorecard: " + list);
}

Result<sc::Card> load_card_version(Connection& c, std::string_view code, int64_t version) {
  if (version == 0) {
    if (auto card = default_card(code)) return std::move(*card);
    return Error::not_found("scorecard '" + std::string(code) + "' has no built-in version");
  }
  const SqlValue params[] = {document_name(code), version};
  std::optional<StoredDocument> doc;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT version, body FROM rule_sets WHERE name = $1 AND version = $2", params,
              [&](const Row& row) {
                doc = StoredDocument{row.get_int(0), std::string(row.get_text(1))};
                return false;
              }));
  if (!doc)
    return Error::not_found("scorecard '" + std::string(code) + "' has no version " +
                            std::to_string(version));
  return read_card(code, *doc);
}

Status save_card(Connection& c, sc::Card& card, const Actor& actor, Timestamp now) {
  KAM_RETURN_IF_ERROR(sc::validate(card, sc::default_catalogue()));
  auto version = save_document(c, document_name(card.code), sc::to_json(card), actor, now);
  if (!version) return version.error();
  card.version = *version;
  return Status::success();
}

Result<std::vector<std::string>> card_codes(Connection& c) {
  std::vector<std::string> codes;
  for (const auto& card : sc::default_cards())
    codes.push_back(card.code);
  KAM_RETURN_IF_ERROR(
      c.query("SELECT DISTINCT name FROM rule_sets WHERE name LIKE 'scorecard:%' ORDER BY name", {},
              [&](const Row& row) {
                std::string code(row.get_text(0).substr(10));
                if (std::find(codes.begin(), codes.end(), code) == codes.end())
                  codes.push_back(std::move(code));
                return true;
              }));
  return codes;
}

// ---------------------------------------------------------------------------------------
// Manual inputs

Result<sc::Value> parse_input_value(const sc::IndicatorSpec& spec, std::string_view text) {
  const std::string field = "value";
  switch (spec.unit) {
    case sc::Unit::kCategory:
      return sc::Value(std::string(text));
    case sc::Unit::kBasisPoints: {
      if (text.ends_with('%')) text.remove_suffix(1);
      auto v = parse_hundredths(text, field);
      if (!v) return v.error();
      return sc::Value(*v);
    }
    case sc::Unit::kHundredths: {
      auto v = parse_hundredths(text, field);
      if (!v) return v.error();
      return sc::Value(*v);
    }
    case sc::Unit::kFen: {
      auto m = parse_money(text, field);
      if (!m) return m.error();
      return sc::Value(m->fen);
    }
    default: {
      auto v = parse_whole(text, field);
      if (!v) return v.error();
      return sc::Value(*v);
    }
  }
}

Status record_input(Connection& c, ManualInput& input, const Actor& actor, Timestamp now) {
  const auto catalogue = sc::default_catalogue();
  const sc::IndicatorSpec* spec = sc::find_spec(catalogue, input.indicator);
  if (!spec) return Error::invalid("indicator", "'" + input.indicator + "' is not an indicator");
  if (spec->source != sc::Source::kManual) {
    return Error::invalid(
        "indicator", "'" + input.indicator + "' is computed from the data and cannot be entered");
  }
  KAM_RETURN_IF_ERROR(check_value(*spec, input.value, "value"));
  if (!input.card.empty()) {
    auto card = load_card(c, input.card);
    if (!card) return card.error();
    if (!card->indicator(input.indicator)) {
      return Error::invalid("card",
                            "card '" + input.card + "' has no indicator '" + input.indicator + "'");
    }
  }
  const SqlValue account[] = {input.account_id};
  auto live =
      query_int(c, "SELECT COUNT(*) FROM accounts WHERE id = $1 AND deleted_at IS NULL", account);
  if (!live) return live.error();
  if (*live == 0)
    return Error::invalid("account_id", "no account " + std::to_string(input.account_id));

  input.entered_by = actor.name;
  input.entered_at = now;
  const auto* number = std::get_if<int64_t>(&input.value);
  const auto* text = std::get_if<std::string>(&input.value);
  const SqlValue params[] = {input.account_id,
                             input.card.empty() ? SqlValue{} : SqlValue{input.card},
                             input.indicator,
                             number ? SqlValue{*number} : SqlValue{},
                             text ? SqlValue{*text} : SqlValue{},
                             to_string(input.as_of),
                             input.entered_by,
                             to_string(now),
                             input.note.empty() ? SqlValue{} : SqlValue{input.note}};
  auto id = c.insert(
      "INSERT INTO scorecard_inputs (account_id, card, indicator, value_int, value_text, as_of, "
      "entered_by, entered_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      params);
  if (!id) return id.error();
  input.id = *id;
  return Status::success();
}

Result<std::vector<ManualInput>> current_inputs(Connection& c, int64_t account_id,
                                                std::string_view card, Day as_of) {
  std::vector<ManualInput> out;
  const SqlValue params[] = {account_id, to_string(as_of), std::string(card)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT " + std::string(kInputColumns) +
          " FROM scorecard_inputs WHERE account_id = $1 AND as_of <= $2 AND (card IS NULL OR "
          "card = $3) ORDER BY indicator, as_of, id",
      params, [&](const Row& row) {
        ManualInput in = input_of(row);
        if (!out.empty() && out.back().indicator == in.indicator) {
          // Later as_of, or a later entry of the same day, supersedes — except that a shared
          // entry does not displace one made for this card on the same day.
          if (in.as_of == out.back().as_of && in.card.empty() && !out.back().card.empty())
            return true;
          out.back() = std::move(in);
        } else {
          out.push_back(std::move(in));
        }
        return true;
      }));
  return out;
}

Result<std::vector<ManualInput>> input_history(Connection& c, int64_t account_id) {
  std::vector<ManualInput> out;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(c.query("SELECT " + std::string(kInputColumns) +
                                  " FROM scorecard_inputs WHERE account_id = $1 ORDER BY id DESC",
                              params, [&](const Row& row) {
                                out.push_back(input_of(row));
                                return true;
                              }));
  return out;
}

Status insert_inputs_unchecked(Connection& c, std::span<const ManualInput> inputs) {
  static const std::vector<std::string> columns{"account_id", "card",  "indicator",  "value_int",
                                                "value_text", "as_of", "entered_by", "entered_at"};
  std::vector<SqlValue> values;
  values.reserve(inputs.size() * columns.size());
  for (const auto& in : inputs) {
    const auto* number = std::get_if<int64_t>(&in.value);
    const auto* text = std::get_if<std::string>(&in.value);
    values.emplace_back(in.account_id);
    values.push_back(in.card.empty() ? SqlValue{} : SqlValue{in.card});
    values.emplace_back(in.indicator);
    values.push_back(number ? SqlValue{*number} : SqlValue{});
    values.push_back(text ? SqlValue{*text} : SqlValue{});
    values.emplace_back(to_string(in.as_of));
    values.emplace_back(in.entered_by);
    values.emplace_back(to_string(in.entered_at));
  }
  return c.insert_rows("scorecard_inputs", columns, values);
}

// ---------------------------------------------------------------------------------------
// Ratings

std::string compact_explanation(const sc::Score& score) {
  boost::json::object inputs, points, groups;
  for (const auto& i : score.indicators) {
    if (!i.value) continue;
    if (const auto* n = std::get_if<int64_t>(&*i.value))
      inputs[i.code] = *n;
    else
      inputs[i.code] = std::get<std::string>(*i.value);
    points[i.code] = i.points_x100;
  }
  for (const auto& g : score.groups) {
    if (g.score_x100)
      groups[g.code] = *g.score_x100;
    else
      groups[g.code] = nullptr;
  }
  boost::json::object doc;
  doc["inputs"] = std::move(inputs);
  doc["points_x100"] = std::move(points);
  doc["groups"] = std::move(groups);
  if (!score.withheld_reason.empty()) doc["withheld_reason"] = score.withheld_reason;
  return boost::json::serialize(doc);
}

Status save_ratings(Connection& c, std::span<const StoredRating> ratings, bool replace) {
  constexpr size_t kWidth = 14;
  thread_local std::vector<std::string> inserts, upserts;
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  std::vector<SqlValue> values;
  for (size_t at = 0; at < ratings.size(); at += kRowsPerStatement) {
    const size_t n = std::min(kRowsPerStatement, ratings.size() - at);
    values.clear();
    values.reserve(n * kWidth);
    for (const auto& r : ratings.subspan(at, n)) {
      values.emplace_back(r.account_id);
      values.emplace_back(r.card);
      values.emplace_back(r.card_version);
      values.emplace_back(r.period);
      values.emplace_back(to_string(r.period_from));
      values.emplace_back(to_string(r.period_to));
      values.push_back(r.score_x100 ? SqlValue{*r.score_x100} : SqlValue{});
      values.push_back(r.grade ? SqlValue{*r.grade} : SqlValue{});
      values.emplace_back(int64_t{r.partial ? 1 : 0});
      values.emplace_back(join(r.missing));
      values.emplace_back(r.explanation);
      values.push_back(r.credit_limit ? SqlValue{r.credit_limit->fen} : SqlValue{});
      values.emplace_back(to_string(r.rated_at));
      values.emplace_back(r.rated_by);
    }
    constexpr std::string_view head =
        "INSERT INTO scorecard_results (account_id, card, card_version, period, period_from, "
        "period_to, score_x100, grade, partial, missing, explanation, credit_limit, rated_at, "
        "rated_by)";
    const std::string& sql =
        replace ? multi_row_insert(upserts, head, kWidth, n,
                                   " ON CONFLICT (account_id, card, period) DO UPDATE SET "
                                   "card_version = excluded.card_version, period_from = "
                                   "excluded.period_from, period_to = excluded.period_to, "
                                   "score_x100 = excluded.score_x100, grade = excluded.grade, "
                                   "partial = excluded.partial, missing = excluded.missing, "
                                   "explanation = excluded.explanation, credit_limit = "
                                   "excluded.credit_limit, rated_at = excluded.rated_at, "
                                   "rated_by = excluded.rated_by")
                : multi_row_insert(inserts, head, kWidth, n);
    auto done = c.execute(sql, values);
    if (!done) {
      if (done.error().code == ErrorCode::kConflict) {
        return Error::conflict(
            "a rating for this period is already stored; re-rate with replace (kam rate "
            "--replace) to overwrite it");
      }
      return done.error();
    }
  }
  if (!ratings.empty()) {
    const SqlValue write[] = {static_cast<int64_t>(ratings.size()),
                              to_string(ratings.front().rated_at), ratings.front().rated_by};
    auto noted = c.execute(
        "INSERT INTO rating_writes (ratings, written_at, written_by) VALUES ($1, $2, $3)", write);
    if (!noted) return noted.error();
  }
  return tx.commit();
}

Result<int64_t> count_ratings(Connection& c, std::string_view card, std::string_view period,
                              std::optional<int64_t> account_id) {
  if (account_id) {
    const SqlValue params[] = {std::string(card), std::string(period), *account_id};
    return query_int(c,
                     "SELECT COUNT(*) FROM scorecard_results WHERE card = $1 AND period = $2 AND "
                     "account_id = $3",
                     params);
  }
  const SqlValue params[] = {std::string(card), std::string(period)};
  return query_int(c, "SELECT COUNT(*) FROM scorecard_results WHERE card = $1 AND period = $2",
                   params);
}

Result<std::vector<StoredRating>> rating_history(Connection& c, int64_t account_id,
                                                 std::string_view card) {
  std::vector<StoredRating> out;
  const SqlValue params[] = {account_id, std::string(card)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, card, card_version, period, period_from, period_to, score_x100, grade, "
      "partial, missing, explanation, credit_limit, rated_at, rated_by FROM scorecard_results "
      "WHERE account_id = $1 AND ($2 = '' OR card = $2) ORDER BY period_to DESC, card, id DESC",
      params, [&](const Row& row) {
        StoredRating r;
        r.account_id = row.get_int(0);
        r.card = row.get_text(1);
        r.card_version = row.get_int(2);
        r.period = row.get_text(3);
        r.period_from = parse_date(row.get_text(4)).value_or(Day{});
        r.period_to = parse_date(row.get_text(5)).value_or(Day{});
        if (!row.is_null(6)) r.score_x100 = row.get_int(6);
        if (!row.is_null(7)) r.grade = std::string(row.get_text(7));
        r.partial = row.get_int(8) != 0;
        r.missing = split(row.get_text(9));
        r.explanation = row.get_text(10);
        if (!row.is_null(11)) r.credit_limit = Money{row.get_int(11)};
        r.rated_at = parse_timestamp(row.get_text(12)).value_or(Timestamp{});
        r.rated_by = row.get_text(13);
        out.push_back(std::move(r));
        return true;
      }));
  return out;
}

// ---------------------------------------------------------------------------------------
// Relationship-stage override

Status set_stage_override(Connection& c, int64_t account_id,
                          const std::optional<std::string>& stage, std::string_view reason,
                          const Actor& actor, Timestamp now, std::span<const std::string> allowed) {
  std::vector<FieldError> problems;
  if (stage) {
    std::vector<std::string> stage_codes(allowed.begin(), allowed.end());
    if (stage_codes.empty())
      for (const auto& s : sc::default_stage_rules().stages)
        stage_codes.push_back(s.code);
    std::string codes;
    bool known = false;
    for (const auto& code : stage_codes) {
      codes += (codes.empty() ? "" : ", ") + code;
      known = known || code == *stage;
    }
    if (!known) problems.push_back({"stage", "'" + *stage + "' is not a stage: " + codes});
  }
  if (reason.empty()) problems.push_back({"reason", "say why the stage is set by hand"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  const SqlValue account[] = {account_id};
  auto live =
      query_int(c, "SELECT COUNT(*) FROM accounts WHERE id = $1 AND deleted_at IS NULL", account);
  if (!live) return live.error();
  if (*live == 0) return Error::invalid("account_id", "no account " + std::to_string(account_id));
  const SqlValue params[] = {account_id, stage ? SqlValue{*stage} : SqlValue{}, std::string(reason),
                             actor.name, to_string(now)};
  auto id = c.insert(
      "INSERT INTO relationship_stage_overrides (account_id, stage, reason, set_by, set_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      params);
  if (!id) return id.error();
  return Status::success();
}

Result<std::optional<StageOverride>> current_stage_override(Connection& c, int64_t account_id) {
  std::optional<StageOverride> out;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT stage, reason, set_by, set_at FROM relationship_stage_overrides WHERE "
              "account_id = $1 ORDER BY id DESC LIMIT 1",
              params, [&](const Row& row) {
                if (row.is_null(0)) return false;  // removed
                StageOverride o;
                o.account_id = account_id;
                o.stage = std::string(row.get_text(0));
                o.reason = row.get_text(1);
                o.set_by = row.get_text(2);
                o.set_at = parse_timestamp(row.get_text(3)).value_or(Timestamp{});
                out = std::move(o);
                return false;
              }));
  return out;
}

}  // namespace kam::store
