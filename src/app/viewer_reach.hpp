#pragma once

namespace kam::app {

// How far a viewer sees in the reports that group people and teams (sales targets, team
// KPIs), as the access policy gives their role: everyone, their team and its members, or
// themselves.
enum class Reach { kAll, kTeam, kOwn };

}  // namespace kam::app
