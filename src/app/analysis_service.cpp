#include "app/analysis_service.hpp"

#include <spdlog/spdlog.h>

#include "store/analysis_changes.hpp"
#include "store/dataset_loader.hpp"
#include "store/rule_set_store.hpp"

namespace kam::app {

AnalysisService::~AnalysisService() {
  stop_background();
}

void AnalysisService::in_background(std::function<void(AnalysisService&, std::stop_token)> job) {
  std::lock_guard lock(background_mutex_);
  if (background_.joinable()) return;
  background_ =
      std::jthread([this, job = std::move(job)](std::stop_token stop) { job(*this, stop); });
}

void AnalysisService::stop_background() {
  std::lock_guard lock(background_mutex_);
  if (!background_.joinable()) return;
  background_.request_stop();
  background_.join();
}

std::shared_ptr<AnalysisService::Entry> AnalysisService::entry_for(
    const analytics::Period& period) {
  const std::string key = to_string(period.from) + ".." + to_string(period.to);
  std::lock_guard lock(entries_mutex_);
  auto& entry = entries_[key];
  if (!entry) {
    entry = std::make_shared<Entry>();
    // Past the bound, the least recently used entry no reader holds goes.
    while (entries_.size() > kMaxPeriods) {
      auto oldest = entries_.end();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->first == key || it->second.use_count() > 1) continue;
        if (oldest == entries_.end() || it->second->used_at < oldest->second->used_at) oldest = it;
      }
      if (oldest == entries_.end()) break;
      entries_.erase(oldest);
    }
  }
  entry->used_at = std::chrono::steady_clock::now();
  return entry;
}

Status AnalysisService::read(store::Connection& connection, const analytics::Period& period,
                             const std::function<void(const ResidentAnalysis&)>& read) {
  const auto entry = entry_for(period);
  KAM_RETURN_IF_ERROR(bring_up_to_date(connection, period, *entry));
  std::shared_lock lock(entry->reading);
  read(ResidentAnalysis{entry->live->data(), entry->live->analysis(), entry->through,
                        entry->loaded_at});
  return Status::success();
}

Status AnalysisService::bring_up_to_date(store::Connection& connection,
                                         const analytics::Period& period, Entry& entry) {
  std::lock_guard updating(entry.updating);
  auto rules = store::load_rules(connection);
  if (!rules) return rules.error();
  // A start reads the saved columns when they are this database's, then the changes after.
  if (!entry.live && !options_.snapshot_path.empty()) load_saved(connection, period, entry, *rules);
  if (!entry.live) return load_everything(connection, period, entry, std::move(*rules));
  if (rules->version != entry.rules_version) reclassify(period, entry, *rules);

  auto changes =
      store::analysis_changes_after(connection, entry.through, options_.max_changed_accounts);
  if (!changes) return changes.error();
  if (changes->everything) return load_everything(connection, period, entry, std::move(*rules));
  if (changes->accounts.empty()) {
    entry.through = changes->through;
    return Status::success();
  }
  auto rows = store::load_account_rows(connection, changes->accounts);
  if (!rows) return rows.error();
  {
    std::unique_lock lock(entry.reading);
    if (!entry.live->replace_accounts(*rows)) {
      lock.unlock();
      return load_everything(connection, period, entry, std::move(*rules));
    }
    entry.through = changes->through;
  }
  ++changes_applied_;
  if (entry.through > options_.changes_kept) {
    // Pruning is housekeeping: a failure leaves more rows to read, never a wrong answer.
    if (auto pruned =
            store::prune_analysis_changes(connection, entry.through - options_.changes_kept);
        !pruned)
      spdlog::warn("pruning the analysis change sequence failed: {}", pruned.error().message);
  }
  return Status::success();
}

Status AnalysisService::load_everything(store::Connection& connection,
                                        const analytics::Period& period, Entry& entry,
                                        analytics::RuleSet rules) {
  // The change number first: whatever commits while the data is read comes after it, and is
  // applied again on the next read (applying an account's rows twice changes nothing).
  auto through = store::latest_analysis_change(connection);
  if (!through) return through.error();
  auto data = store::load_dataset(connection);
  if (!data) return data.error();
  const int64_t version = rules.version;
  auto live = std::make_unique<analytics::LiveAnalysis>(std::move(*data), period, std::move(rules),
                                                        options_.threads);
  {
    std::unique_lock lock(entry.reading);
    entry.live = std::move(live);
    entry.rules_version = version;
    entry.through = *through;
    entry.loaded_at = std::chrono::steady_clock::now();
  }
  ++full_loads_;
  if (!options_.snapshot_path.empty()) {
    // Saving is for the next start: a failure costs that start the time saved, nothing else.
    if (auto stamp = store::new_snapshot_stamp(connection, *through))
      save_in_background(entry.shared_from_this(), std::move(*stamp));
    else
      spdlog::warn("the analysis's columns will not be saved: {}", stamp.error().message);
  }
  return Status::success();
}

void AnalysisService::load_saved(store::Connection& connection, const analytics::Period& period,
                                 Entry& entry, const analytics::RuleSet& rules) {
  std::string refused;
  auto saved = store::read_dataset_snapshot(connection, options_.snapshot_path, &refused);
  if (!saved || !*saved) {
    spdlog::info("the analysis's saved columns are not used: {}",
                 saved ? refused : saved.error().message);
    return;
  }
  auto live = std::make_unique<analytics::LiveAnalysis>(std::move((*saved)->data), period, rules,
                                                        options_.threads);
  std::unique_lock lock(entry.reading);
  entry.live = std::move(live);
  entry.rules_version = rules.version;
  entry.through = (*saved)->through;
  entry.saved_through = entry.through;
  entry.loaded_at = std::chrono::steady_clock::now();
  ++saved_loads_;
}

void AnalysisService::reclassify(const analytics::Period& period, Entry& entry,
                                 const analytics::RuleSet& rules) {
  std::unique_ptr<analytics::LiveAnalysis> live;
  {
    // Readers go on with the old classes meanwhile (a copy: they may still be reading them).
    std::shared_lock reading(entry.reading);
    live = std::make_unique<analytics::LiveAnalysis>(entry.live->data(), period, rules,
                                                     options_.threads);
  }
  std::unique_lock lock(entry.reading);
  entry.live = std::move(live);
  entry.rules_version = rules.version;
  entry.loaded_at = std::chrono::steady_clock::now();
  ++reclassified_;
}

void AnalysisService::save_in_background(std::shared_ptr<Entry> entry, store::SnapshotStamp stamp) {
  std::lock_guard lock(saving_mutex_);
  // Assigning joins the save before: one at a time, the newest last.
  saving_ = std::jthread([this, entry = std::move(entry), stamp = std::move(stamp)] {
    // Readers share the columns meanwhile; a change waits until they are written.
    std::shared_lock reading(entry->reading);
    if (auto written =
            store::write_dataset_snapshot(options_.snapshot_path, stamp, entry->live->data());
        !written)
      spdlog::warn("the analysis's columns were not saved: {}", written.error().message);
    else
      entry->saved_through = stamp.through;
  });
}

Status AnalysisService::save_for_next_start(store::Connection& connection) {
  if (options_.snapshot_path.empty()) return Status::success();
  wait_for_saving();
  std::shared_ptr<Entry> latest;
  {
    std::lock_guard lock(entries_mutex_);
    for (const auto& [key, entry] : entries_)
      if (!latest || entry->used_at > latest->used_at) latest = entry;
  }
  if (!latest) return Status::success();
  std::lock_guard updating(latest->updating);
  if (!latest->live || latest->through == latest->saved_through) return Status::success();
  auto stamp = store::new_snapshot_stamp(connection, latest->through);
  if (!stamp) return stamp.error();
  std::shared_lock reading(latest->reading);
  KAM_RETURN_IF_ERROR(
      store::write_dataset_snapshot(options_.snapshot_path, *stamp, latest->live->data()));
  latest->saved_through = stamp->through;
  return Status::success();
}

void AnalysisService::wait_for_saving() {
  std::lock_guard lock(saving_mutex_);
  if (saving_.joinable()) saving_.join();
}

}  // namespace kam::app
