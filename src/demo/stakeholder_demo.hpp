#pragma once

#include <span>

#include "core/date.hpp"
#include "demo/sales_projects.hpp"
#include "store/store.hpp"

namespace kam::demo {

// The stakeholder maps of the demo's key accounts (those spending at least 300,000 yuan a year
// with two or more contacts): the joint team (联合小组) — the account manager covering the
// technical and purchasing people, the team's sales manager covering the decision maker at
// about three in five accounts, so that the others show an uncovered decision maker — and
// 25-grid assessments of the first three contacts, some with an older one superseded.
// Deterministic from the account ids alone (no random draws, so the other demo data is
// unchanged). Written through store/stakeholder_map.hpp. REQUIRES: an open transaction.
Status write_stakeholder_plans(store::Store& store, std::span<const ProjectAccount> accounts,
                               Day end);

}  // namespace kam::demo
