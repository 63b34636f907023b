#include "demo/generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "analytics/key_moments.hpp"
#include "core/credit_code.hpp"
#include "demo/demo_writes.hpp"
#include "demo/forecast_snapshot_demo.hpp"
#include "demo/names.hpp"
#include "demo/plan_demo.hpp"
#include "demo/random.hpp"
#include "demo/sales_projects.hpp"
#include "demo/sales_targets_demo.hpp"
#include "demo/scorecard_inputs_demo.hpp"
#include "demo/stakeholder_demo.hpp"
#include "store/analysis_changes.hpp"
#include "store/deferred_references.hpp"
#include "store/planner_statistics.hpp"

namespace kam::demo {
namespace {

using store::Actor;
using store::Store;

constexpr int64_t kBatchAccounts = 10000;
constexpr double kMedianAnnualSpendYuan = 150'000;
constexpr double kSpendSigma = 1.6;  // lognormal spread: the top 20% buy roughly 75%

// Share of each month in a year's orders: the Spring Festival trough in February, the
// half-year push in June and the year-end budget flush in December.
constexpr std::array<double, 12> kSeason = {0.07, 0.04, 0.08, 0.08, 0.08, 0.10,
                                            0.07, 0.07, 0.08, 0.07, 0.10, 0.16};

enum class Payer { kPrompt, kAverage, kLate };

// Everything decided about one account before its rows are written.
struct AccountPlan {
  Random rng{0};
  int64_t id = 0;
  const Place* place = nullptr;
  int64_t owner_id = 0;
  int64_t team_id = 0;
  double annual_spend = 0;  // yuan, at the start of the history
  double orders_per_year = 0;
  double growth = 0;          // yearly
  Day active_from;            // first day the account can buy
  Day active_until;           // last day (churned accounts stop early)
  bool prospect = false;      // never buys
  std::vector<size_t> lines;  // product lines it buys
  int payment_terms = 30;
  Payer payer = Payer::kPrompt;
  bool repeat_complainer = false;
  std::vector<int64_t> contact_ids;
  bool has_orders = false;
  Day last_order;
};

struct Context {
  Context(Store& s, const DemoOptions& o, Day first_day) : store(s), options(o), start(first_day) {}
  Store& store;
  const DemoOptions& options;
  Day start;
  std::vector<int64_t> team_ids;               // by region index
  std::vector<std::vector<int64_t>> managers;  // account managers by region index
  std::vector<int64_t> product_line_ids;
  int64_t director_id = 0;
  std::vector<int> parent_index;     // -1: no parent
  std::vector<int64_t> account_ids;  // by account index, once written
  int64_t order_serial = 0, invoice_serial = 0, contract_serial = 0;
  DemoCounts counts;
};

template <class T>
std::span<const double> weights_of(std::span<const T> items, std::vector<double>& out) {
  out.clear();
  for (const auto& i : items)
    out.push_back(i.weight);
  return out;
}

std::string digits(Random& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += static_cast<char>('0' + rng.between(0, 9));
  return s;
}

std::string mobile(Random& rng) {
  static constexpr std::string_view kPrefixes[] = {"138", "139", "136", "135", "158",
                                                   "186", "188", "177", "199", "151"};
  return std::string(rng.pick(std::span<const std::string_view>(kPrefixes))) + digits(rng, 8);
}

Money yuan(double amount) {
  return Money::yuan(std::max<int64_t>(0, std::llround(amount)));
}

Status make_organisation(Context& ctx) {
  auto teams = ctx.store.repository<Team>();
  auto users = ctx.store.repository<User>();
  auto lines = ctx.store.repository<ProductLine>();
  auto products = ctx.store.repository<Product>();

  User admin, director;
  admin.login = "admin";
  admin.display_name = "系统管理员";
  admin.role = UserRole::kAdministrator;
  director.login = "director";
  director.display_name = "销售总监 赵明";
  director.role = UserRole::kSalesDirector;
  for (User* u : {&admin, &director}) {
    if (auto id = users.create(*u, kDemoActor); !id) return id.error();
    ++ctx.counts.users;
  }
  ctx.director_id = director.meta.id;

  // Account managers per region in proportion to the region's accounts.
  const auto regions = demo::regions();
  std::vector<double> region_weight(regions.size(), 0);
  for (const auto& p : places())
    for (size_t r = 0; r < regions.size(); ++r)
      if (p.region == regions[r]) region_weight[r] += p.weight;
  double total_weight = 0;
  for (double w : region_weight)
    total_weight += w;
  const int64_t manager_count = std::clamp<int64_t>(ctx.options.accounts / 200, 7, 500);

  Random rng(ctx.options.seed ^ 0x5EED0001);
  const auto surnames = demo::surnames();
  const auto given = demo::given_names();
  int64_t user_serial = 0;
  ctx.managers.resize(regions.size());
  for (size_t r = 0; r < regions.size(); ++r) {
    Team team;
    team.name = std::string(regions[r]) + "大客户部";
    team.region = std::string(regions[r]);
    if (auto id = teams.create(team, kDemoActor); !id) return id.error();
    ++ctx.counts.teams;
    ctx.team_ids.push_back(team.meta.id);

    User manager;
    manager.login = "manager" + std::to_string(r + 1);
    manager.display_name =
        std::string(rng.pick(surnames).hanzi) + std::string(rng.pick(given).hanzi);
    manager.role = UserRole::kSalesManager;
    manager.team_id = team.meta.id;
    manager.mobile = mobile(rng);
    if (auto id = users.create(manager, kDemoActor); !id) return id.error();
    ++ctx.counts.users;
    team.manager_id = manager.meta.id;
    KAM_RETURN_IF_ERROR(teams.update(team, kDemoActor));

    const int64_t n =
        std::max<int64_t>(1, std::llround(manager_count * region_weight[r] / total_weight));
    for (int64_t k = 0; k < n; ++k) {
      const auto& s = rng.pick(surnames);
      const auto& g = rng.pick(given);
      User am;
      am.login = "am" + std::to_string(++user_serial);
      am.display_name = std::string(s.hanzi) + std::string(g.hanzi);
      am.role = UserRole::kAccountManager;
      am.team_id = team.meta.id;
      am.email = std::string(g.pinyin) + "." + std::string(s.pinyin) + std::to_string(user_serial) +
                 "@kam-demo.example.com";
      am.mobile = mobile(rng);
      if (auto id = users.create(am, kDemoActor); !id) return id.error();
      ++ctx.counts.users;
      ctx.managers[r].push_back(am.meta.id);
    }
  }

  // A read-only analyst, last so that the other users keep their ids.
  User analyst;
  analyst.login = "analyst";
  analyst.display_name = "数据分析员 钱敏";
  analyst.role = UserRole::kAnalyst;
  if (auto id = users.create(analyst, kDemoActor); !id) return id.error();
  ++ctx.counts.users;

  for (const auto& spec : product_lines()) {
    ProductLine line;
    line.code = std::string(spec.code);
    line.name = std::string(spec.name);
    if (auto id = lines.create(line, kDemoActor); !id) return id.error();
    ++ctx.counts.product_lines;
    ctx.product_line_ids.push_back(line.meta.id);
    for (int k = 1; k <= 3; ++k) {
      Product p;
      p.product_line_id = line.meta.id;
      p.sku = std::string(spec.code) + "-" + std::to_string(100 * k);
      p.name = std::string(spec.name) + " " + std::string(1, static_cast<char>('A' + k - 1)) + "型";
      p.list_price = Money::yuan(rng.between(5, 500) * 1000);
      if (auto id = products.create(p, kDemoActor); !id) return id.error();
      ++ctx.counts.products;
    }
  }
  return Status::success();
}

// Group structure is decided up front in one pass: an HQ is followed by its branches.
void plan_groups(Context& ctx) {
  Random rng(ctx.options.seed ^ 0x6A0C0002);
  const auto n = static_cast<size_t>(ctx.options.accounts);
  ctx.parent_index.assign(n, -1);
  for (size_t i = 0; i < n;) {
    if (rng.chance(0.03) && i + 2 < n) {
      const auto branches = static_cast<size_t>(rng.between(2, 6));
      for (size_t b = 1; b <= branches && i + b < n; ++b)
        ctx.parent_index[i + b] = static_cast<int>(i);
      i += branches + 1;
    } else {
      ++i;
    }
  }
}

size_t region_index(const Place& place) {
  const auto regions = demo::regions();
  for (size_t r = 0; r < regions.size(); ++r)
    if (regions[r] == place.region) return r;
  return 0;
}

// `batch` holds the accounts made so far in this batch, which starts at account index `first`.
Account make_account(Context& ctx, size_t index, AccountPlan& plan, std::span<const Account> batch,
                     size_t first) {
  Random& rng = plan.rng;
  std::vector<double> w;
  const auto all_places = places();
  plan.place = &all_places[rng.weighted(weights_of(all_places, w))];
  const int parent = ctx.parent_index[index];
  if (parent >= 0) {
    // A group has one office per city: draw again while the city is taken.
    auto taken = [&](const Place* p) {
      for (size_t k = static_cast<size_t>(parent) - first; k < batch.size(); ++k)
        if (batch[k].city == p->city) return true;
      return false;
    };
    for (int attempt = 0; attempt < 20 && taken(plan.place); ++attempt) {
      plan.place = &all_places[rng.weighted(weights_of(all_places, w))];
    }
  }
  const Place& place = *plan.place;
  const std::string city_short(place.city.substr(0, place.city.size() - 3));  // drop 市
  const size_t region = region_index(place);
  const auto& managers = ctx.managers[region];
  plan.owner_id =
      managers[static_cast<size_t>(rng.between(0, static_cast<int64_t>(managers.size()) - 1))];
  plan.team_id = ctx.team_ids[region];

  Account a;
  a.province = std::string(place.province);
  a.city = std::string(place.city);
  a.owner_id = plan.owner_id;
  a.team_id = plan.team_id;
  a.source =
      static_cast<AccountSource>(rng.weighted(std::array<double, 8>{2, 3, 3, 1, 1, 1.5, 2, 0.5}));
  const bool heads_group =
      index + 1 < ctx.parent_index.size() && ctx.parent_index[index + 1] == static_cast<int>(index);
  const double kind = heads_group ? 1.0 : rng.uniform();  // groups are companies
  if (parent >= 0) {
    // A branch: the HQ's name, this city, 分公司.
    const Account& hq = batch[static_cast<size_t>(parent) - first];
    a.name = hq.name + city_short + "分公司";
    a.industry_code = hq.industry_code;
    a.ownership = hq.ownership;
    a.credit_code = demo_credit_code("91", place.division_code, index);
    a.employees = rng.between(20, 800);
  } else if (kind < 0.02) {
    static constexpr std::string_view kBodies[] = {
        "财政局", "交通运输局", "教育局", "卫生健康委员会", "公安局", "税务局", "市场监督管理局"};
    static constexpr Importance kLevels[] = {Importance::kNational, Importance::kProvincial,
                                             Importance::kMunicipal, Importance::kCounty};
    const auto level = kLevels[rng.weighted(std::array<double, 4>{0.5, 2, 4, 3})];
    a.importance = level;
    const std::string body(rng.pick(std::span<const std::string_view>(kBodies)));
    const std::string province_short(place.province.substr(0, place.province.size() - 3));
    a.name = level == Importance::kNational     ? "国家" + body + city_short + "办事处"
             : level == Importance::kProvincial ? province_short + "省" + body
             : level == Importance::kMunicipal  ? std::string(place.city) + body
                                                : std::string(place.city) + "下辖县" + body;
    if (level == Importance::kProvincial && place.province == place.city)
      a.name = std::string(place.city) + body;
    a.industry_code = "92";
    a.ownership = Ownership::kGovernment;
    a.credit_code = demo_credit_code("11", place.division_code, index);
    a.employees = rng.between(50, 2000);
  } else if (kind < 0.06) {
    static constexpr std::string_view kInstitutions[] = {
        "第一人民医院", "中心医院", "职业技术学院", "理工大学", "科学技术研究院", "图书馆"};
    const std::string inst(rng.pick(std::span<const std::string_view>(kInstitutions)));
    a.name = city_short + inst;
    a.industry_code = inst.find("医院") != std::string::npos     ? "84"
                      : inst.find("研究院") != std::string::npos ? "73"
                      : inst.find("图书馆") != std::string::npos ? "88"
                                                                 : "83";
    a.ownership = Ownership::kPublicInstitution;
    a.credit_code = demo_credit_code("12", place.division_code, index);
    a.employees = rng.between(200, 6000);
  } else {
    const auto words = industry_words();
    const auto& industry = words[rng.weighted(weights_of(words, w))];
    const auto& b1 = rng.pick(brand_first());
    const auto& b2 = rng.pick(brand_second());
    const char* suffix = heads_group       ? "集团有限公司"
                         : rng.chance(0.2) ? "股份有限公司"
                                           : "有限公司";
    a.name = city_short + std::string(b1.hanzi) + std::string(b2.hanzi) +
             std::string(industry.word) + suffix;
    a.short_name = std::string(b1.hanzi) + std::string(b2.hanzi) + std::string(industry.word);
    a.industry_code = std::string(industry.division);
    a.ownership = static_cast<Ownership>(rng.weighted(std::array<double, 5>{12, 2, 70, 8, 8}));
    a.credit_code = demo_credit_code("91", place.division_code, index);
    a.employees = std::min<int64_t>(200000, std::llround(rng.lognormal(std::log(120), 1.4)));
    a.listed = heads_group ? rng.chance(0.5) : rng.chance(0.04);
  }
  static constexpr std::string_view kDistricts[] = {"高新区", "经济开发区", "中心区",
                                                    "滨江区", "科技园",     "新区"};
  a.address = std::string(place.city) +
              std::string(rng.pick(std::span<const std::string_view>(kDistricts))) +
              std::to_string(rng.between(1, 999)) + "号";
  a.registered_capital = Money::yuan(std::max<int64_t>(10, *a.employees / 10) * 100'000);
  a.annual_revenue = Money::yuan(*a.employees * rng.between(200, 3000) * 1000);

  // Buying behaviour.
  plan.annual_spend = std::min(2e8, rng.lognormal(std::log(kMedianAnnualSpendYuan), kSpendSigma));
  if (heads_group) plan.annual_spend *= 3;  // group HQs buy centrally
  plan.orders_per_year = 6.0 * std::pow(plan.annual_spend / kMedianAnnualSpendYuan, 0.3);
  plan.growth = 0.06 + 0.15 * rng.normal();
  const int32_t span_days = ctx.options.end - ctx.start;
  plan.active_from =
      rng.chance(0.7) ? ctx.start : ctx.start + static_cast<int32_t>(rng.between(0, span_days));
  plan.active_until = ctx.options.end;
  if (rng.chance(0.06 * ctx.options.years)) {
    plan.active_until =
        std::min(ctx.options.end,
                 plan.active_from + static_cast<int32_t>(rng.between(60, std::max(60, span_days))));
  }
  plan.prospect = rng.chance(0.05);
  const int breadth = static_cast<int>(std::min<int64_t>(
      8, 1 + rng.poisson(0.6 + 0.5 * std::log10(std::max(1.0, plan.annual_spend / 20'000)))));
  std::vector<double> line_weights;
  for (const auto& spec : product_lines())
    line_weights.push_back(spec.weight);
  while (static_cast<int>(plan.lines.size()) < breadth) {
    const size_t line = rng.weighted(line_weights);
    line_weights[line] = 0;
    plan.lines.push_back(line);
  }
  plan.payment_terms = static_cast<int>(
      std::array<int, 3>{30, 60, 90}[rng.weighted(std::array<double, 3>{5, 3, 1})]);
  plan.payer = static_cast<Payer>(rng.weighted(std::array<double, 3>{70, 22, 8}));
  plan.repeat_complainer = rng.chance(0.05);
  a.status = plan.prospect ? AccountStatus::kProspect : AccountStatus::kActive;
  return a;
}

void make_contacts(AccountPlan& plan, int level, std::vector<Contact>& out,
                   std::vector<std::pair<AccountPlan*, int>>& owners,
                   std::vector<std::vector<const JobTitle*>>& titles, size_t plan_index) {
  Random& rng = plan.rng;
  auto& mine = titles[plan_index];
  if (level == 0) {
    // Decide the account's 2-8 people once, head of company first.
    const int n = static_cast<int>(rng.between(2, 8));
    const auto all = job_titles();
    mine.push_back(&all[0]);
    std::vector<double> w(all.size(), 1.0);
    w[0] = 0;
    while (static_cast<int>(mine.size()) < n)
      mine.push_back(&all[rng.weighted(w)]);
  }
  for (size_t k = 0; k < mine.size(); ++k) {
    const JobTitle& title = *mine[k];
    if (title.level != level) continue;
    const auto& s = rng.pick(surnames());
    const auto& g = rng.pick(given_names());
    Contact c;
    c.account_id = plan.id;
    c.name = std::string(s.hanzi) + std::string(g.hanzi);
    c.title = std::string(title.title);
    c.department = std::string(title.department);
    c.mobile = mobile(rng);
    if (rng.chance(0.6))
      c.phone = std::string(plan.place->area_code) + "-" + std::to_string(rng.between(2, 8)) +
                digits(rng, 7);
    c.email = std::string(g.pinyin) + "." + std::string(s.pinyin) + "@c" + std::to_string(plan.id) +
              ".example.com";
    if (rng.chance(0.7))
      c.wechat = std::string(s.pinyin) + std::string(g.pinyin) + "_" + digits(rng, 3);
    c.birthday = Day::from_ymd(static_cast<int>(rng.between(1962, 1996)),
                               static_cast<unsigned>(rng.between(1, 12)),
                               static_cast<unsigned>(rng.between(1, 28)));
    c.hometown = std::string(rng.pick(places()).province);
    if (rng.chance(0.5)) {
      c.form_family = std::string(rng.pick(family_notes()));
      c.form_occupation = "负责" + std::string(title.department) + "工作，" +
                          (title.level <= 1 ? "对采购有决策权" : "参与方案评估");
      c.form_recreation = std::string(rng.pick(recreations()));
      c.form_message = std::string(rng.pick(travel_notes()));
    }
    // Report to someone one level up in the same department, else the head of the company.
    if (level > 0) {
      int64_t boss = plan.contact_ids.front();
      for (size_t j = 0; j < k; ++j) {
        if (mine[j]->level < level && mine[j]->department == title.department &&
            j < plan.contact_ids.size()) {
          boss = plan.contact_ids[j];
        }
      }
      c.reports_to_id = boss;
    }
    out.push_back(std::move(c));
    owners.emplace_back(&plan, static_cast<int>(k));
  }
}

std::string_view return_reason(Random& rng) {
  static constexpr std::string_view kReasons[] = {"质量问题", "规格不符", "运输损坏", "订货过量"};
  return rng.pick(std::span<const std::string_view>(kReasons));
}

Money margin_of(Money amount, int permille) {
  return Money{amount.fen * permille / 1000};
}

Status write_orders(Context& ctx, std::vector<AccountPlan>& plans) {
  std::vector<Order> orders;
  std::vector<int> order_payer_terms;
  std::vector<AccountPlan*> order_plan;
  const auto lines = product_lines();
  for (auto& plan : plans) {
    if (plan.prospect) continue;
    Random& rng = plan.rng;
    const double mean_order = plan.annual_spend / plan.orders_per_year;
    Day month_start = Day::from_ymd(to_ymd(ctx.start).year, to_ymd(ctx.start).month, 1);
    for (; month_start <= plan.active_until; month_start = add_months(month_start, 1)) {
      const Day month_end = add_months(month_start, 1) - 1;
      const Day from = std::max(month_start, plan.active_from);
      const Day to = std::min(month_end, plan.active_until);
      if (from > to) continue;
      const double years_in = (month_start - ctx.start) / 365.0;
      const double fraction = (to - from + 1) / static_cast<double>(month_end - month_start + 1);
      const double expected = plan.orders_per_year * kSeason[to_ymd(month_start).month - 1] *
                              fraction * std::pow(1 + plan.growth, years_in);
      for (int64_t n = rng.poisson(expected); n > 0; --n) {
        Order o;
        o.account_id = plan.id;
        o.order_no = "SO" + std::to_string(100000000 + ++ctx.order_serial);
        o.order_date = from + static_cast<int32_t>(rng.between(0, to - from));
        o.amount = yuan(std::max(100.0, mean_order * rng.lognormal(-0.18, 0.6)));
        const size_t line = plan.lines[static_cast<size_t>(
            rng.between(0, static_cast<int64_t>(plan.lines.size()) - 1))];
        int permille = lines[line].margin_permille + static_cast<int>(60 * rng.normal());
        if (rng.chance(0.01))
          permille = -static_cast<int>(rng.between(10, 150));  // a loss-making deal
        o.gross_margin = margin_of(o.amount, std::min(permille, 950));
        o.product_line_id = ctx.product_line_ids[line];
        o.channel = static_cast<Channel>(rng.weighted(std::array<double, 3>{1, 8, 2}));
        o.owner_id = plan.owner_id;
        plan.has_orders = true;
        plan.last_order = std::max(plan.last_order, o.order_date);
        orders.push_back(std::move(o));
        order_plan.push_back(&plan);
      }
    }
  }
  KAM_RETURN_IF_ERROR(ctx.store.repository<Order>().create_many(orders, kDemoActor));
  ctx.counts.orders += static_cast<int64_t>(orders.size());

  std::vector<Invoice> invoices;
  std::vector<OrderReturn> returns;
  invoices.reserve(orders.size());
  for (size_t i = 0; i < orders.size(); ++i) {
    const Order& o = orders[i];
    AccountPlan& plan = *order_plan[i];
    Invoice inv;
    inv.account_id = o.account_id;
    inv.order_id = o.meta.id;
    inv.invoice_no = "FP" + std::to_string(100000000 + ++ctx.invoice_serial);
    inv.invoice_date = o.order_date;
    inv.due_date = o.order_date + plan.payment_terms;
    inv.amount = o.amount;
    invoices.push_back(std::move(inv));
    if (plan.rng.chance(0.03)) {
      OrderReturn r;
      r.account_id = o.account_id;
      r.order_id = o.meta.id;
      r.return_date =
          std::min(ctx.options.end, o.order_date + static_cast<int32_t>(plan.rng.between(3, 40)));
      r.amount = Money{o.amount.fen * plan.rng.between(5, 60) / 100};
      r.reason = std::string(return_reason(plan.rng));
      returns.push_back(std::move(r));
    }
  }
  KAM_RETURN_IF_ERROR(ctx.store.repository<Invoice>().create_many(invoices, kDemoActor));
  KAM_RETURN_IF_ERROR(ctx.store.repository<OrderReturn>().create_many(returns, kDemoActor));
  ctx.counts.invoices += static_cast<int64_t>(invoices.size());
  ctx.counts.returns += static_cast<int64_t>(returns.size());

  std::vector<Payment> payments;
  for (size_t i = 0; i < invoices.size(); ++i) {
    const Invoice& inv = invoices[i];
    AccountPlan& plan = *order_plan[i];
    Random& rng = plan.rng;
    int32_t delay = 0;  // days after the due date
    switch (plan.payer) {
      case Payer::kPrompt:
        delay = -static_cast<int32_t>(rng.between(0, 15));
        break;
      case Payer::kAverage:
        delay = static_cast<int32_t>(rng.between(-5, 30));
        break;
      case Payer::kLate: {
        // A slow payer pays most invoices a few weeks late; one invoice in two hundred is
        // disputed and never paid, and ends on the bad-debt review a year on. The draws are
        // the same as they always were (one, or two when the first does not decide), so the
        // rest of the account's data keeps its values.
        const double u = rng.uniform();
        if (u < 0.005) continue;  // never paid
        if (u < 0.15) {
          delay = 7 + static_cast<int32_t>((u - 0.005) / 0.145 * 50);  // 7..56 days late
          break;
        }
        delay = static_cast<int32_t>(rng.between(10, 60));
        break;
      }
    }
    const Day paid = std::max(inv.invoice_date, inv.due_date + delay);
    if (paid > ctx.options.end) continue;  // still open at the end of the history
    Payment p;
    p.account_id = inv.account_id;
    p.invoice_id = inv.meta.id;
    p.paid_date = paid;
    p.amount = inv.amount;
    p.method = rng.chance(0.85) ? "银行转账" : "承兑汇票";
    payments.push_back(std::move(p));
  }
  KAM_RETURN_IF_ERROR(ctx.store.repository<Payment>().create_many(payments, kDemoActor));
  ctx.counts.payments += static_cast<int64_t>(payments.size());
  return Status::success();
}

Status write_interactions(Context& ctx, std::vector<AccountPlan>& plans) {
  std::vector<Activity> activities;
  std::vector<Feedback> feedback;
  std::vector<Contract> contracts;
  const Day end = ctx.options.end;
  const auto deadlines = analytics::default_key_moment_rules();  // what a new demo stores
  for (auto& plan : plans) {
    Random& rng = plan.rng;
    const Day from =
        plan.prospect ? std::max(ctx.start, end - 365) : std::max(ctx.start, plan.active_from - 60);
    const Day until = std::min(end, plan.active_until + 90);
    if (from > until) continue;
    const double years = (until - from + 1) / 365.0;
    const double per_year = 1 + 2 * std::pow(plan.annual_spend / kMedianAnnualSpendYuan, 0.3);
    for (int64_t n = rng.poisson(per_year * years); n > 0; --n) {
      Activity a;
      a.account_id = plan.id;
      a.contact_id = plan.contact_ids[static_cast<size_t>(
          rng.between(0, static_cast<int64_t>(plan.contact_ids.size()) - 1))];
      a.user_id = plan.owner_id;
      a.kind =
          static_cast<ActivityKind>(rng.weighted(std::array<double, 7>{35, 30, 3, 15, 10, 5, 2}));
      static constexpr std::array<std::pair<int, int>, 7> kMinutes{
          {{60, 180}, {5, 30}, {20, 40}, {5, 20}, {60, 120}, {120, 180}, {10, 60}}};
      const auto [lo, hi] = kMinutes[static_cast<size_t>(a.kind)];
      a.minutes = rng.between(lo, hi);
      a.channel = a.kind == ActivityKind::kVisit || a.kind == ActivityKind::kBanquet
                      ? Channel::kField
                  : a.kind == ActivityKind::kEmail ? Channel::kOnline
                                                   : Channel::kStore;
      const Day day = from + static_cast<int32_t>(rng.between(0, until - from));
      a.occurred_at = Timestamp{static_cast<int64_t>(day.value) * 86400 +
                                rng.between(1, 9) * 3600};  // 09-17 CST
      a.subject = std::string(rng.pick(activity_subjects()));
      a.outcome = std::string(rng.pick(activity_outcomes()));
      activities.push_back(std::move(a));
    }
    if (plan.prospect) continue;

    const std::array<double, 3> rates{plan.repeat_complainer ? 2.0 : 0.25, 0.15, 0.12};
    for (size_t kind = 0; kind < 3; ++kind) {
      for (int64_t n = rng.poisson(rates[kind] * years); n > 0; --n) {
        Feedback f;
        f.account_id = plan.id;
        f.contact_id = plan.contact_ids.front();
        f.kind = static_cast<FeedbackKind>(kind);
        f.received_on = from + static_cast<int32_t>(rng.between(0, until - from));
        f.subject = std::string(rng.pick(kind == 0   ? complaint_subjects()
                                         : kind == 1 ? praise_subjects()
                                                     : suggestion_subjects()));
        f.handler_id = plan.owner_id;
        // Severity from the day it came in (no draw, so the rest of the demo stays as it was):
        // most complaints are normal, one in ten urgent; suggestions are never urgent.
        const int32_t spread = f.received_on.value % 10;
        if (f.kind == FeedbackKind::kComplaint) {
          f.severity = spread == 0  ? FeedbackSeverity::kUrgent
                       : spread < 3 ? FeedbackSeverity::kHigh
                       : spread < 8 ? FeedbackSeverity::kNormal
                                    : FeedbackSeverity::kLow;
        } else {
          f.severity = spread < 5 ? FeedbackSeverity::kNormal : FeedbackSeverity::kLow;
        }
        if (const int days = deadlines.feedback_deadline_days(code_of(f.severity));
            days > 0 && f.kind != FeedbackKind::kPraise) {
          f.due_on = f.received_on + days;
        }
        const Day resolved = f.received_on + static_cast<int32_t>(rng.between(1, 30));
        const bool handled = resolved <= end && rng.chance(0.92);
        // A real company leaves little feedback unresolved for months: what was left open in
        // the draw and is over 60 days old was resolved late, a month or two after it came in.
        const bool late = !handled && end - f.received_on > 60;
        if (handled || late) {
          f.status = rng.chance(0.8) ? FeedbackStatus::kResolved : FeedbackStatus::kClosed;
          f.resolved_on = handled ? resolved : f.received_on + 31 + f.received_on.value % 30;
          f.resolution = "已与客户沟通并处理完毕";
        } else {
          f.status = rng.chance(0.5) ? FeedbackStatus::kOpen : FeedbackStatus::kInProgress;
        }
        feedback.push_back(std::move(f));
      }
    }

    if (!plan.has_orders) continue;
    // An annual framework agreement from the first year of business, renewed each year.
    for (Day start = plan.active_from; start <= std::min(end, plan.active_until);
         start = add_months(start, 12)) {
      Contract c;
      c.account_id = plan.id;
      c.contract_no = "HT" + std::to_string(to_ymd(start).year) + "-" +
                      std::to_string(100000 + ++ctx.contract_serial);
      c.title = std::to_string(to_ymd(start).year) + "年度采购框架协议";
      c.start_date = start;
      c.end_date = add_months(start, 12) - 1;
      const double years_in = (start - ctx.start) / 365.0;
      c.value = Money::yuan(
          std::llround(plan.annual_spend * std::pow(1 + plan.growth, years_in) / 1000) * 1000);
      c.status = c.end_date < end ? ContractStatus::kExpired : ContractStatus::kActive;
      c.owner_id = plan.owner_id;
      contracts.push_back(std::move(c));
    }
  }
  KAM_RETURN_IF_ERROR(ctx.store.repository<Activity>().create_many(activities, kDemoActor));
  KAM_RETURN_IF_ERROR(ctx.store.repository<Feedback>().create_many(feedback, kDemoActor));
  KAM_RETURN_IF_ERROR(ctx.store.repository<Contract>().create_many(contracts, kDemoActor));
  ctx.counts.activities += static_cast<int64_t>(activities.size());
  ctx.counts.feedback += static_cast<int64_t>(feedback.size());
  ctx.counts.contracts += static_cast<int64_t>(contracts.size());
  return Status::success();
}

// A few tasks (待办) around the last day, so that an account manager's 我的待办 is not empty:
// about one active account in eight has one, due in the ten days before or after the last
// day; most of those already due are done. An own random stream per account, so that the
// other records do not change with them.
Status write_tasks(Context& ctx, std::vector<AccountPlan>& plans) {
  static constexpr std::array<std::string_view, 6> kTitles{"回电确认报价",     "寄送样品",
                                                           "准备季度业务回顾", "跟进回款",
                                                           "安排技术交流",     "确认年度采购计划"};
  std::vector<Task> tasks;
  const Day end = ctx.options.end;
  for (auto& plan : plans) {
    if (plan.prospect || plan.owner_id == 0 || plan.active_until < end - 90) continue;
    Random rng = Random::for_item(ctx.options.seed ^ 0x7461736bULL, static_cast<uint64_t>(plan.id));
    if (!rng.chance(0.125)) continue;
    Task t;
    t.account_id = plan.id;
    t.owner_id = plan.owner_id;
    if (!plan.contact_ids.empty() && rng.chance(0.5)) t.contact_id = plan.contact_ids.front();
    t.title = std::string(rng.pick(std::span<const std::string_view>(kTitles)));
    const Day day = end + static_cast<int32_t>(rng.between(-10, 10));
    t.due_at =
        Timestamp{static_cast<int64_t>(day.value) * 86400 + rng.between(1, 9) * 3600};  // 09-17 CST
    if (day < end && rng.chance(0.7)) {
      t.done = true;
      t.done_at = t.due_at;
    }
    tasks.push_back(std::move(t));
  }
  KAM_RETURN_IF_ERROR(ctx.store.repository<Task>().create_many(tasks, kDemoActor));
  ctx.counts.tasks += static_cast<int64_t>(tasks.size());
  return Status::success();
}

Status write_projects(Context& ctx, std::vector<AccountPlan>& plans) {
  std::vector<ProjectAccount> accounts;
  accounts.reserve(plans.size());
  for (auto& plan : plans) {
    accounts.push_back({plan.id, plan.owner_id, plan.team_id, plan.contact_ids, plan.annual_spend,
                        plan.prospect, &plan.rng});
  }
  ProjectCounts n;
  KAM_RETURN_IF_ERROR(write_sales_projects(ctx.store, accounts, ctx.start, ctx.options.end, n));
  KAM_RETURN_IF_ERROR(write_stakeholder_plans(ctx.store, accounts, ctx.options.end));
  ctx.counts.opportunities += n.opportunities;
  ctx.counts.stage_changes += n.stage_changes;
  ctx.counts.buying_center += n.members;
  ctx.counts.attitude_changes += n.attitude_changes;
  ctx.counts.visit_reports += n.visit_reports;
  ctx.counts.sop_checks += n.sop_checks;
  return Status::success();
}

Status write_batch(Context& ctx, size_t first, size_t last) {
  std::vector<AccountPlan> plans(last - first);
  std::vector<Account> accounts;
  accounts.reserve(plans.size());
  for (size_t i = first; i < last; ++i) {
    AccountPlan& plan = plans[i - first];
    plan.rng = Random::for_item(ctx.options.seed, i);
    accounts.push_back(make_account(ctx, i, plan, accounts, first));
  }
  // Headquarters and independent accounts first, then branches naming their HQ's id.
  std::vector<Account> heads, branches;
  std::vector<size_t> head_index, branch_index;
  for (size_t k = 0; k < accounts.size(); ++k) {
    const bool is_branch = ctx.parent_index[first + k] >= 0;
    (is_branch ? branches : heads).push_back(std::move(accounts[k]));
    (is_branch ? branch_index : head_index).push_back(k);
  }
  auto repo = ctx.store.repository<Account>();
  KAM_RETURN_IF_ERROR(repo.create_many(heads, kDemoActor));
  for (size_t h = 0; h < heads.size(); ++h)
    ctx.account_ids[first + head_index[h]] = heads[h].meta.id;
  for (size_t b = 0; b < branches.size(); ++b) {
    branches[b].parent_id =
        ctx.account_ids[static_cast<size_t>(ctx.parent_index[first + branch_index[b]])];
  }
  KAM_RETURN_IF_ERROR(repo.create_many(branches, kDemoActor));
  for (size_t b = 0; b < branches.size(); ++b)
    ctx.account_ids[first + branch_index[b]] = branches[b].meta.id;
  for (size_t h = 0; h < heads.size(); ++h)
    accounts[head_index[h]] = std::move(heads[h]);
  for (size_t b = 0; b < branches.size(); ++b)
    accounts[branch_index[b]] = std::move(branches[b]);
  for (size_t k = 0; k < plans.size(); ++k)
    plans[k].id = accounts[k].meta.id;
  ctx.counts.accounts += static_cast<int64_t>(accounts.size());

  // Contacts level by level, so that each can name the person they report to.
  std::vector<std::vector<const JobTitle*>> titles(plans.size());
  for (int level = 0; level <= 3; ++level) {
    std::vector<Contact> contacts;
    std::vector<std::pair<AccountPlan*, int>> owners;
    for (size_t k = 0; k < plans.size(); ++k)
      make_contacts(plans[k], level, contacts, owners, titles, k);
    KAM_RETURN_IF_ERROR(ctx.store.repository<Contact>().create_many(contacts, kDemoActor));
    for (size_t c = 0; c < contacts.size(); ++c) {
      auto& ids = owners[c].first->contact_ids;
      const auto slot = static_cast<size_t>(owners[c].second);
      if (ids.size() <= slot) ids.resize(slot + 1, 0);
      ids[slot] = contacts[c].meta.id;
    }
    ctx.counts.contacts += static_cast<int64_t>(contacts.size());
  }
  for (auto& plan : plans)
    std::erase(plan.contact_ids, 0);

  KAM_RETURN_IF_ERROR(write_orders(ctx, plans));
  KAM_RETURN_IF_ERROR(write_interactions(ctx, plans));
  KAM_RETURN_IF_ERROR(write_projects(ctx, plans));
  KAM_RETURN_IF_ERROR(write_tasks(ctx, plans));
  KAM_RETURN_IF_ERROR(write_scorecard_inputs(
      ctx.store, std::span<const int64_t>(ctx.account_ids).subspan(first, last - first),
      ctx.options.seed, ctx.options.end, ctx.counts.scorecard_inputs));

  // Accounts that stopped buying more than a year ago are dormant or lost.
  for (size_t k = 0; k < plans.size(); ++k) {
    const AccountPlan& plan = plans[k];
    if (plan.prospect || (plan.has_orders && plan.last_order >= ctx.options.end - 365)) continue;
    if (!plan.has_orders && plan.active_from > ctx.options.end - 365)
      continue;  // new, not bought yet
    Account& a = accounts[k];
    a.status = plans[k].rng.chance(0.35) ? AccountStatus::kLost : AccountStatus::kDormant;
    if (a.status == AccountStatus::kLost) {
      // Reasons drawn from the reference distribution of METHODS.md §9, so that the churn
      // report has something to compare; lost some months after the last order.
      static constexpr std::array<double, 7> kReferenceShares{1, 3, 4, 5, 9, 10, 68};
      a.churn_reason = EnumInfo<ChurnReason>::labels[plans[k].rng.weighted(kReferenceShares)].value;
      const Day last = plan.has_orders ? plan.last_order : plan.active_from;
      a.lost_on =
          std::min(ctx.options.end, last + static_cast<int32_t>(plans[k].rng.between(90, 300)));
    }
    KAM_RETURN_IF_ERROR(repo.update(a, kDemoActor));
  }
  return Status::success();
}

}  // namespace

std::string demo_credit_code(std::string_view prefix, std::string_view division_code,
                             uint64_t serial) {
  // The 9-character organisation code: 8 symbols from a bijective scramble of the serial,
  // then its GB 11714 check character.
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  constexpr uint64_t kSpace = 852'891'037'441ULL;  // 31^8
  uint64_t v = (serial * 48'271 + 12'345) % kSpace;
  std::string org(8, '0');
  for (int i = 7; i >= 0; --i) {
    org[static_cast<size_t>(i)] = kAlphabet[v % 31];
    v /= 31;
  }
  static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char c = org[i];
    sum += (c <= '9' ? c - '0' : c - 'A' + 10) * kWeights[i];
  }
  const int check = 11 - sum % 11;
  org += check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
  std::string code = std::string(prefix) + std::string(division_code) + org;
  code += credit_code_check_char(code);
  return code;
}

Result<DemoCounts> generate_demo(Store& store, const DemoOptions& options,
                                 const DemoProgress& progress) {
  if (options.accounts < 1) return Error::invalid("accounts", "must be at least 1");
  if (options.years < 1 || options.years > 20)
    return Error::invalid("years", "must be between 1 and 20");
  store::ListQuery every_account;
  every_account.deleted = store::DeletedRecords::kInclude;
  auto existing = store.repository<Account>().count(every_account);
  if (!existing) return existing.error();
  if (*existing > 0) {
    return Error::conflict("the database already has " + std::to_string(*existing) +
                           " accounts; demo data goes into an empty database");
  }
  // The database is empty, so no instance serves an analysis of it yet.
  KAM_RETURN_IF_ERROR(store::pause_analysis_changes(store.connection()));
  // On PostgreSQL the demo is one transaction, in which the foreign keys and secondary indexes
  // are made once, after the rows, rather than checked and updated row by row: the rows,
  // their references checked, and the migrated schema commit together. On SQLite, which
  // checks as cheaply per row, the batches commit one by one.
  std::optional<store::Transaction> whole;
  if (store.connection().dialect() == store::Dialect::kPostgres) {
    whole.emplace(store.connection());
    KAM_RETURN_IF_ERROR(whole->started());
  }
  auto deferred = store::DeferredReferences::defer(store.connection());
  if (!deferred) return deferred.error();
  Context ctx(store, options, add_months(options.end, -12 * options.years) + 1);
  {
    store::Transaction tx(store.connection());
    KAM_RETURN_IF_ERROR(tx.started());
    KAM_RETURN_IF_ERROR(make_organisation(ctx));
    KAM_RETURN_IF_ERROR(write_competitive_matrix(store, ctx.product_line_ids, options.seed,
                                                 ctx.counts.competitor_ratings));
    KAM_RETURN_IF_ERROR(tx.commit());
  }
  plan_groups(ctx);
  const auto n = static_cast<size_t>(options.accounts);
  ctx.account_ids.assign(n, 0);
  for (size_t first = 0; first < n;) {
    // Keep groups whole: extend the batch over a group's trailing branches.
    size_t last = std::min(n, first + kBatchAccounts);
    while (last < n && ctx.parent_index[last] >= 0)
      ++last;
    store::Transaction tx(store.connection());
    KAM_RETURN_IF_ERROR(tx.started());
    KAM_RETURN_IF_ERROR(write_batch(ctx, first, last));
    KAM_RETURN_IF_ERROR(tx.commit());
    if (progress) progress(static_cast<int64_t>(last), ctx.counts.rows());
    first = last;
  }
  KAM_RETURN_IF_ERROR(deferred->restore(store.connection()));
  {
    store::Transaction tx(store.connection());
    KAM_RETURN_IF_ERROR(tx.started());
    KAM_RETURN_IF_ERROR(
        write_sales_targets(store, options.seed, options.end, ctx.counts.sales_targets));
    KAM_RETURN_IF_ERROR(tx.commit());
  }
  // Statistics for the query planner, so that lists over the fresh data pick their most
  // selective index.
  KAM_RETURN_IF_ERROR(store::refresh_planner_statistics(store.connection()));
  {
    // The key accounts' plans, once every account is written and can be classified.
    store::Transaction tx(store.connection());
    KAM_RETURN_IF_ERROR(tx.started());
    PlanDemoCounts p;
    KAM_RETURN_IF_ERROR(write_account_plans(store, options.seed, options.end, ctx.product_line_ids,
                                            ctx.director_id, p));
    KAM_RETURN_IF_ERROR(tx.commit());
    ctx.counts.plans = p.plans;
    ctx.counts.plan_wallet_estimates = p.wallet_estimates;
    ctx.counts.plan_objectives = p.objectives;
    ctx.counts.plan_actions = p.actions;
    ctx.counts.plan_reviews = p.reviews;
    ctx.counts.plan_review_comments = p.review_comments;
    ctx.counts.plan_coverage = p.coverage;
    ctx.counts.opportunities += p.opportunities;
    ctx.counts.buying_center += p.members;
  }
  {
    // The forecast snapshots of the last year, once every opportunity is written.
    store::Transaction tx(store.connection());
    KAM_RETURN_IF_ERROR(tx.started());
    KAM_RETURN_IF_ERROR(
        write_forecast_snapshots(store, options.end, ctx.counts.forecast_snapshots));
    KAM_RETURN_IF_ERROR(tx.commit());
  }
  if (whole) KAM_RETURN_IF_ERROR(whole->commit());
  KAM_RETURN_IF_ERROR(store::reset_analysis_changes(store.connection()));
  return ctx.counts;
}

}  // namespace kam::demo
