#include "server/report_cache.hpp"

#include "store/change_markers.hpp"

namespace kam::server {

Result<std::string> ReportCache::version_of(store::Connection& db) {
  auto markers = store::change_markers(db);
  if (!markers) return markers.error();
  return markers->version();
}

std::optional<std::string> ReportCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (std::chrono::steady_clock::now() - it->second.at >= kFresh) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.body;
}

void ReportCache::keep(const std::string& key, std::string body) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = {std::move(body), std::chrono::steady_clock::now()};
}

}  // namespace kam::server
