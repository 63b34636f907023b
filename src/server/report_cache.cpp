#include "server/report_cache.hpp"

namespace kam::server {

Result<std::string> ReportCache::version_of(store::Connection& db) {
  auto audit = store::query_int(db, "SELECT MAX(id) FROM audit_log");
  if (!audit) return audit.error();
  auto settings = store::query_int(db, "SELECT MAX(id) FROM rule_sets");
  if (!settings) return settings.error();
  auto snapshots = store::query_int(db, "SELECT MAX(id) FROM forecast_snapshots");
  if (!snapshots) return snapshots.error();
  return std::to_string(*audit) + "." + std::to_string(*settings) + "." +
         std::to_string(*snapshots);
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
