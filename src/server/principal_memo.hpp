#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/date.hpp"
#include "server/principal.hpp"

namespace kam::server {

// Who a token or session was found to be, by the read snapshot it was read under
// (store::Connection::read_snapshot_id). While that snapshot is still open, nothing has been
// committed since: the same token names the same user with the same role, and a request can
// reuse the answer instead of querying again. A logout, a revoked token or a changed user is
// a commit, after which no earlier snapshot is taken up again, so nothing here outlives what
// it was read from. A session's expiry is the one condition that changes with time alone,
// and it is checked on every use. Thread-safe.
class PrincipalMemo {
 public:
  std::optional<Principal> find(uint64_t snapshot_id, std::string_view token_digest,
                                Timestamp now) const;
  // `expires_at`: a session's end; an API token has none.
  void keep(uint64_t snapshot_id, std::string_view token_digest, const Principal& principal,
            std::optional<Timestamp> expires_at);

 private:
  struct Entry {
    Principal principal;
    std::optional<Timestamp> expires_at;
  };
  // Entries of snapshots that have ended are never found again; they go when the memo is
  // full, all at once, as the busy ones come back at the next request.
  static constexpr size_t kMaxEntries = 1024;

  static std::string key_of(uint64_t snapshot_id, std::string_view token_digest);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace kam::server
