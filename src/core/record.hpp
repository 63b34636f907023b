#pragma once

#include <cstdint>
#include <optional>

#include "core/date.hpp"

namespace kam {

// Columns every stored record has. `version` starts at 1 and grows by one with each update;
// it is the record's ETag and guards against lost updates. A record with `deleted_at` set is
// soft-deleted: hidden from lists, kept for audit and restore.
struct RecordMeta {
  int64_t id = 0;
  int64_t version = 0;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> deleted_at;
};

}  // namespace kam
