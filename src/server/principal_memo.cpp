#include "server/principal_memo.hpp"

namespace kam::server {

std::string PrincipalMemo::key_of(uint64_t snapshot_id, std::string_view token_digest) {
  std::string key(token_digest);
  key.append(reinterpret_cast<const char*>(&snapshot_id), sizeof snapshot_id);
  return key;
}

std::optional<Principal> PrincipalMemo::find(uint64_t snapshot_id, std::string_view token_digest,
                                             Timestamp now) const {
  if (snapshot_id == 0) return std::nullopt;
  const std::string key = key_of(snapshot_id, token_digest);
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  const Entry& entry = it->second;
  if (entry.expires_at && !(now < *entry.expires_at)) return std::nullopt;
  return entry.principal;
}

void PrincipalMemo::keep(uint64_t snapshot_id, std::string_view token_digest,
                         const Principal& principal, std::optional<Timestamp> expires_at) {
  if (snapshot_id == 0) return;
  std::string key = key_of(snapshot_id, token_digest);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(std::move(key), Entry{principal, expires_at});
}

}  // namespace kam::server
