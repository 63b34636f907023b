#include "store/planner_statistics.hpp"

#include <string>

namespace kam::store {

Status refresh_planner_statistics(Connection& c) {
  std::string sql = "ANALYZE";
  if (c.dialect() == Dialect::kPostgres) {
    // The tables of the schema KAM works in, not every table of the database: another
    // schema's tables are not KAM's, and one that another transaction holds (a demo loading
    // into it) would make this wait, or deadlock with it.
    Status listed = c.query(
        "SELECT quote_ident(relname) FROM pg_class WHERE relkind IN ('r', 'p', 'm') "
        "AND relnamespace = current_schema()::regnamespace ORDER BY relname",
        {}, [&](const Row& row) {
          sql += (sql.size() == 7 ? " " : ", ") + std::string(row.get_text(0));
          return true;
        });
    KAM_RETURN_IF_ERROR(listed);
  }
  if (auto analyzed = c.execute(sql); !analyzed) return analyzed.error();
  return Status::success();
}

}  // namespace kam::store
