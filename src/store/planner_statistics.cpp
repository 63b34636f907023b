#include "store/planner_statistics.hpp"

namespace kam::store {

Status refresh_planner_statistics(Connection& c) {
  if (auto analyzed = c.execute("ANALYZE"); !analyzed) return analyzed.error();
  return Status::success();
}

}  // namespace kam::store
