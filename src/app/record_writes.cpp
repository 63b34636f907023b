#include "app/record_writes.hpp"

namespace kam::app {

bool is_kept_field(std::string_view field) {
  return field == "owned_since" || field == "pooled_at" || field == "search_key" ||
         field == "done_at";
}

}  // namespace kam::app
