#pragma once

#include <cstdint>
#include <functional>

#include "core/date.hpp"
#include "store/store.hpp"

namespace kam::demo {

struct DemoOptions {
  int64_t accounts = 1000;
  int years = 3;
  uint64_t seed = 42;
  Day end;  // the last day with data; the history runs `years` back from it
};

struct DemoCounts {
  int64_t teams = 0, users = 0, product_lines = 0, products = 0, accounts = 0, contacts = 0,
          orders = 0, returns = 0, invoices = 0, payments = 0, activities = 0, feedback = 0,
          contracts = 0, opportunities = 0, stage_changes = 0, buying_center = 0,
          attitude_changes = 0, visit_reports = 0, sop_checks = 0, competitor_ratings = 0,
          scorecard_inputs = 0, tasks = 0, sales_targets = 0;
  int64_t forecast_snapshots = 0;  // month rows of the forecast snapshots
  // The key accounts' plans (客户计划) and what they hold; their actions are tasks too.
  int64_t plans = 0, plan_wallet_estimates = 0, plan_objectives = 0, plan_actions = 0,
          plan_reviews = 0, plan_review_comments = 0, plan_coverage = 0;
  int64_t rows() const {
    return teams + users + product_lines + products + accounts + contacts + orders + returns +
           invoices + payments + activities + feedback + contracts + opportunities + stage_changes +
           buying_center + attitude_changes + visit_reports + sop_checks + competitor_ratings +
           scorecard_inputs + tasks + sales_targets + forecast_snapshots + plans +
           plan_wallet_estimates + plan_objectives + plan_actions + plan_reviews +
           plan_review_comments + plan_coverage;
  }
};

// Called after each batch of accounts is written.
using DemoProgress = std::function<void(int64_t accounts_done, int64_t rows_written)>;

// Fills an empty database with a sales organisation and its customers: teams by region,
// account managers, product lines, and `accounts` customers with contacts, orders with
// seasonality and a heavy-tailed spend distribution, invoices and payments (some overdue),
// returns, activities, complaints/praise/suggestions, annual contracts, and project sales
// (opportunities with stage histories, buying centres, visit reports, SOP checks) with a
// competitive matrix, a few tasks due around the last day, sales targets for the last year
// (demo/sales_targets_demo.hpp), the key accounts' plans (demo/plan_demo.hpp), and the
// forecast snapshots of the last year (demo/forecast_snapshot_demo.hpp).
// Deterministic: the same options give the same database on every machine.
// Writes in batches, each one transaction; refuses a database that already has accounts.
Result<DemoCounts> generate_demo(store::Store& store, const DemoOptions& options,
                                 const DemoProgress& progress = {});

// A valid unified social credit code, unique for each (prefix, division, serial).
std::string demo_credit_code(std::string_view prefix, std::string_view division_code,
                             uint64_t serial);

}  // namespace kam::demo
