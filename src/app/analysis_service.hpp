#pragma once

// The resident analysis: one per server instance, loaded once and then kept current from the
// analysis change sequence (store/analysis_changes.hpp). A write anywhere (this instance,
// another one on the same database, `kam`, the importer, SQL by hand) names the accounts it
// touched; the next reader applies just those accounts' rows to the columns held in memory,
// so every class is current without reading the database again.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "analytics/live_analysis.hpp"
#include "analytics/period.hpp"
#include "store/dataset_snapshot.hpp"
#include "store/driver.hpp"

namespace kam::app {

// What a reader is handed: the columns and the classes, current as of change `through`.
struct ResidentAnalysis {
  const analytics::Dataset& data;
  const analytics::Analysis& analysis;
  int64_t through;
  // When every class was last computed whole: the dataset read, or classified under new rules.
  std::chrono::steady_clock::time_point loaded_at;
};

class AnalysisService {
 public:
  struct Options {
    int threads = 0;  // for a full analysis; 0: as many as the machine has
    // More changed accounts than this at once (a bulk import) are read as a whole dataset.
    size_t max_changed_accounts = 20'000;
    // Changes already applied are pruned once this many more have been read.
    int64_t changes_kept = 100'000;
    // Where the columns are kept between starts (store/dataset_snapshot.hpp); none if empty.
    // The first analysis reads them from there when they are this database's and applies the
    // changes after them; each read of the whole dataset from the database writes them anew.
    std::string snapshot_path;
  };
  struct Counts {
    int64_t full_loads = 0;       // whole dataset read from the database
    int64_t saved_loads = 0;      // whole dataset read from the saved columns
    int64_t changes_applied = 0;  // change batches applied to the resident columns
    int64_t reclassified = 0;     // the columns held classified again under changed rules
  };

  AnalysisService() : AnalysisService(Options{}) {}
  explicit AnalysisService(Options options) : options_(options) {}
  ~AnalysisService();  // waits for a background load in progress
  AnalysisService(const AnalysisService&) = delete;
  AnalysisService& operator=(const AnalysisService&) = delete;

  // Brings the analysis of `period` up to what `connection` sees committed, then calls `read`
  // with it. Readers of one period read at once; bringing it up to date takes turns, and a
  // reader waits for it. The reference is valid only during `read`.
  Status read(store::Connection& connection, const analytics::Period& period,
              const std::function<void(const ResidentAnalysis&)>& read);

  Counts counts() const {
    return {full_loads_.load(), saved_loads_.load(), changes_applied_.load(), reclassified_.load()};
  }

  // At a stop: writes the columns of the period read last to the snapshot path when changes
  // were applied to them since they were last written, so that the next start applies none
  // of those again (thousands of accounts' rows after a busy day). Waits for the writing.
  Status save_for_next_start(store::Connection& connection);

  // Waits until the columns read last are written to the snapshot path (tests; the service
  // also waits for a save in progress when it goes).
  void wait_for_saving();

  // Runs `job` (typically a read that loads what the dashboard shows first) on a thread of
  // the service's own, so that the first reader after a start finds it loaded or loading.
  // Whatever `job` uses must outlive the service. One job at a time; a second call while one
  // runs does nothing. `job` should return soon once its stop token is set: a stop asks it to
  // and then waits for it.
  void in_background(std::function<void(AnalysisService&, std::stop_token)> job);
  // Asks the background job to stop and waits for it; a stop calls this before keeping the
  // columns, so that it waits for the step in progress and not the job's remaining steps.
  void stop_background();

 private:
  struct Entry : std::enable_shared_from_this<Entry> {
    std::mutex updating;        // one updater at a time
    std::shared_mutex reading;  // readers share; applying changes is exclusive
    std::unique_ptr<analytics::LiveAnalysis> live;
    int64_t rules_version = -1;
    int64_t through = 0;
    std::chrono::steady_clock::time_point loaded_at;
    std::chrono::steady_clock::time_point used_at;
    // The change the columns last written (or read from the file) were current as of; set by
    // the thread that writes them.
    std::atomic<int64_t> saved_through{-1};
  };

  std::shared_ptr<Entry> entry_for(const analytics::Period& period);
  Status bring_up_to_date(store::Connection& connection, const analytics::Period& period,
                          Entry& entry);
  Status load_everything(store::Connection& connection, const analytics::Period& period,
                         Entry& entry, analytics::RuleSet rules);
  // Starts `entry` from the saved columns; leaves it as it was (and logs why) when they
  // cannot be used.
  void load_saved(store::Connection& connection, const analytics::Period& period, Entry& entry,
                  const analytics::RuleSet& rules);
  // Classifies the columns `entry` holds again under `rules`: they do not depend on the rules,
  // so a change of rules reads nothing from the database.
  void reclassify(const analytics::Period& period, Entry& entry, const analytics::RuleSet& rules);
  // Writes `entry`'s columns, as of `stamp`, to the snapshot path on a thread of its own.
  void save_in_background(std::shared_ptr<Entry> entry, store::SnapshotStamp stamp);

  // Keys come from requests (any period), and an entry holds a whole dataset.
  static constexpr size_t kMaxPeriods = 4;

  const Options options_;
  std::mutex entries_mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
  std::atomic<int64_t> full_loads_{0};
  std::atomic<int64_t> saved_loads_{0};
  std::atomic<int64_t> changes_applied_{0};
  std::atomic<int64_t> reclassified_{0};
  std::mutex background_mutex_;
  std::jthread background_;
  std::mutex saving_mutex_;
  std::jthread saving_;  // joined before the next save starts and when the service goes
};

}  // namespace kam::app
