#include <ostream>

#include "cli/commands.hpp"
#include "store/migrator.hpp"

namespace kam::cli {

Status run_init(const CommandContext& ctx, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto version = store::schema_version((*store)->connection());
  if (!version) return version.error();
  out << store::printable_location(ctx.db_path) << ": schema version " << *version << '\n';
  return Status::success();
}

}  // namespace kam::cli
