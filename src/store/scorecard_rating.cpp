#include "store/scorecard_rating.hpp"

#include <charconv>

#include "analytics/wide_int.hpp"
#include "store/scorecard_inputs.hpp"
#include "store/scorecard_store.hpp"

namespace kam::store {
namespace {

namespace sc = analytics::scorecard;

// The table a card reads for `period`: its computed indicators (and revenue, for the credit
// limit), then its manual inputs in force on the period's last day.
Result<IndicatorTable> card_table(Connection& c, const sc::Card& card,
                                  const analytics::Period& period, std::optional<int64_t> account) {
  std::vector<std::string> codes = {"revenue"};
  const sc::Catalogue catalogue = sc::default_catalogue();
  for (const auto& i : card.indicators) {
    const sc::IndicatorSpec* spec = sc::find_spec(catalogue, i.code);
    if (spec && spec->source == sc::Source::kComputed) codes.push_back(i.code);
  }
  auto table = computed_indicators(c, period, codes, account);
  if (!table) return table.error();
  KAM_RETURN_IF_ERROR(add_manual_inputs(c, card, period.to, *table));
  return table;
}

Money monthly_purchases_of(const IndicatorTable& table, size_t row,
                           const analytics::Period& period) {
  const IndicatorTable::Column* revenue = table.find("revenue");
  const int64_t fen = revenue && revenue->present[row] ? revenue->value[row] : 0;
  return average_monthly_purchases(fen, period);
}

}  // namespace

Result<Quarter> parse_quarter(std::string_view text) {
  const auto fail = [&] {
    return Error::invalid("quarter", "'" + std::string(text) +
                                         "' is not a quarter; write YEAR then Q1 to Q4, e.g. "
                                         "2025Q4");
  };
  if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q')) return fail();
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + 4, year);
  if (ec != std::errc() || end != text.data() + 4 || year < 1900) return fail();
  const int q = text[5] - '0';
  if (q < 1 || q > 4) return fail();
  const Day from = Day::from_ymd(year, static_cast<unsigned>(q * 3 - 2), 1);
  Quarter out;
  out.label = std::to_string(year) + "Q" + std::to_string(q);
  out.period = {from, add_months(from, 3) - 1};
  return out;
}

std::string last_complete_quarter(Day today) {
  const auto ymd = to_ymd(today);
  int year = ymd.year;
  int q = static_cast<int>((ymd.month - 1) / 3);  // the current quarter, 0-based
  if (q == 0) {
    --year;
    q = 4;
  }
  return std::to_string(year) + "Q" + std::to_string(q);
}

Money average_monthly_purchases(int64_t revenue_fen, const analytics::Period& period) {
  if (revenue_fen <= 0) return Money{0};
  const auto from = to_ymd(period.from), to = to_ymd(period.to);
  const int64_t months = std::max<int64_t>(
      1, (int64_t{to.year} * 12 + to.month) - (int64_t{from.year} * 12 + from.month) + 1);
  return Money{static_cast<int64_t>((analytics::Int128{revenue_fen} + months / 2) / months)};
}

Result<AccountScore> score_account(Connection& c, const sc::Card& card, int64_t account_id,
                                   const analytics::Period& period) {
  auto table = card_table(c, card, period, account_id);
  if (!table) return table.error();
  auto score = sc::score(card, table->inputs(0));
  if (!score) return score.error();
  AccountScore out;
  out.period = period;
  out.monthly_purchases = monthly_purchases_of(*table, 0, period);
  out.credit_limit = sc::suggested_credit_limit(card, *score, out.monthly_purchases);
  out.score = std::move(*score);
  return out;
}

Result<RatingSummary> rate_quarter(Connection& c, const RatingRequest& request, const Actor& actor,
                                   Timestamp now, const RatingProgress& progress) {
  auto quarter = parse_quarter(request.quarter);
  if (!quarter) return quarter.error();
  auto card = load_card(c, request.card);
  if (!card) return card.error();
  if (!request.replace) {
    auto existing = count_ratings(c, card->code, quarter->label, request.account);
    if (!existing) return existing.error();
    if (*existing > 0) {
      return Error::conflict(quarter->label + " is already rated on " + card->code + " for " +
                             std::to_string(*existing) +
                             " accounts; re-rate with --replace to overwrite those ratings");
    }
  }
  auto table = card_table(c, *card, quarter->period, request.account);
  if (!table) return table.error();

  RatingSummary summary;
  summary.card = card->code;
  summary.card_version = card->version;
  summary.period = quarter->label;
  for (const auto& g : card->grades)
    summary.grades.emplace_back(g.code, 0);
  summary.grades.emplace_back("withheld", 0);

  const size_t rows = table->rows();
  const size_t batch = std::max<size_t>(1, request.batch);
  std::vector<StoredRating> ratings;
  ratings.reserve(std::min(batch, rows));
  for (size_t first = 0; first < rows; first += batch) {
    const size_t last = std::min(rows, first + batch);
    ratings.clear();
    for (size_t r = first; r < last; ++r) {
      const int64_t account = table->account_ids()[r];
      auto score = sc::score(*card, table->inputs(r));
      if (!score) {
        Error e = score.error();
        e.message = "account " + std::to_string(account) + ": " + e.message;
        return e;
      }
      StoredRating s;
      s.account_id = account;
      s.card = card->code;
      s.card_version = card->version;
      s.period = quarter->label;
      s.period_from = quarter->period.from;
      s.period_to = quarter->period.to;
      s.score_x100 = score->score_x100;
      s.grade = score->grade;
      s.partial = score->partial;
      s.missing = score->missing;
      s.explanation = compact_explanation(*score);
      s.credit_limit = sc::suggested_credit_limit(*card, *score,
                                                  monthly_purchases_of(*table, r, quarter->period));
      s.rated_at = now;
      s.rated_by = actor.name;
      ++summary.rated;
      if (score->partial) ++summary.partial;
      if (!score->grade) ++summary.withheld;
      for (auto& [code, n] : summary.grades)
        if (score->grade ? code == *score->grade : code == "withheld") ++n;
      ratings.push_back(std::move(s));
    }
    KAM_RETURN_IF_ERROR(save_ratings(c, ratings, request.replace));
    if (progress) progress(static_cast<int64_t>(last), static_cast<int64_t>(rows));
  }
  return summary;
}

}  // namespace kam::store
