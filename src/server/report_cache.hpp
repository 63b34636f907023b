#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "store/driver.hpp"

namespace kam::server {

// Slow answers kept as text, reused while nothing they read can have changed: bodies of per-user
// report responses (the pipeline of a million accounts) and list totals. A key names the request
// and whoever asked (what a user may see is part of the answer); `version_of` adds what the data
// and the settings are at. Entries also age out after a few minutes, for what changes with time
// alone (a share that expires). Thread-safe and bounded.
class ReportCache {
 public:
  // The newest audit entry (every change to customer data and to users is audited), the
  // newest settings document (rules, pipelines and policies are versioned documents) and the
  // newest forecast snapshot.
  static Result<std::string> version_of(store::Connection& db);

  std::optional<std::string> find(const std::string& key);
  void keep(const std::string& key, std::string body);

 private:
  static constexpr auto kFresh = std::chrono::minutes(5);
  static constexpr size_t kMaxEntries = 256;

  struct Entry {
    std::string body;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace kam::server
