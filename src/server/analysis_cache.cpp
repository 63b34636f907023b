#include "server/analysis_cache.hpp"

#include <spdlog/spdlog.h>

#include "server/report_cache.hpp"
#include "store/dataset_loader.hpp"
#include "store/rule_set_store.hpp"

namespace kam::server {
namespace {

std::string period_key(const analytics::Period& period) {
  return to_string(period.from) + ".." + to_string(period.to);
}

}  // namespace

AnalysisCache::AnalysisCache(StorePool& pool, const Clock& clock, std::chrono::milliseconds slow)
    : pool_(pool), clock_(clock), slow_(slow), refresher_([this] { run_refreshes(); }) {}

AnalysisCache::~AnalysisCache() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  refresher_.join();
}

Result<CachedAnalysis> AnalysisCache::get(store::Store& store, const analytics::Period& period,
                                          Freshness freshness) {
  auto version = ReportCache::version_of(store.connection());
  if (!version) return version.error();
  const std::string key = period_key(period);
  std::unique_lock lock(mutex_);
  for (;;) {
    Slot& slot = slots_[key];
    const auto& latest = slot.latest;
    const bool young = latest && std::chrono::steady_clock::now() - latest->at < kMaxAge;
    if (young && latest->version == *version) return CachedAnalysis{latest, false};
    if (young && freshness == Freshness::kPreviousWhileRefreshing && latest->took >= slow_) {
      if (!slot.computing && !slot.queued) {
        slot.queued = true;
        queue_.push_back(period);
        changed_.notify_all();
      }
      return CachedAnalysis{latest, true};
    }
    if (!slot.computing) break;
    changed_.wait(lock);  // someone computes this period now: its result may be the one
  }
  slots_[key].computing = true;
  lock.unlock();
  auto computed = compute(store, period, std::move(*version));
  lock.lock();
  Slot& slot = slots_[key];
  slot.computing = false;
  if (computed) slot.latest = *computed;
  changed_.notify_all();
  if (!computed) return computed.error();
  return CachedAnalysis{std::move(*computed), false};
}

std::shared_ptr<const ComputedAnalysis> AnalysisCache::peek(const analytics::Period& period) {
  std::lock_guard lock(mutex_);
  const auto it = slots_.find(period_key(period));
  return it == slots_.end() ? nullptr : it->second.latest;
}

void AnalysisCache::refresh_in_background(const analytics::Period& period) {
  std::lock_guard lock(mutex_);
  Slot& slot = slots_[period_key(period)];
  if (slot.queued) return;
  slot.queued = true;
  queue_.push_back(period);
  changed_.notify_all();
}

Result<std::shared_ptr<const ComputedAnalysis>> AnalysisCache::compute(
    store::Store& store, const analytics::Period& period, std::string version) {
  const auto started = std::chrono::steady_clock::now();
  auto rules = store::load_rules(store.connection());
  if (!rules) return rules.error();
  auto data = store::load_dataset(store.connection());
  if (!data) return data.error();
  auto computed = std::make_shared<ComputedAnalysis>();
  computed->data = std::move(*data);
  computed->analysis = analytics::analyze(computed->data, period, *rules);
  computed->version = std::move(version);
  computed->computed_at = clock_.now();
  computed->at = std::chrono::steady_clock::now();
  computed->took = computed->at - started;
  return std::shared_ptr<const ComputedAnalysis>(std::move(computed));
}

void AnalysisCache::run_refreshes() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const analytics::Period period = queue_.front();
    queue_.pop_front();
    slots_[period_key(period)].queued = false;
    lock.unlock();
    {
      auto store = pool_.acquire();
      if (auto done = get(*store, period, Freshness::kCurrent); !done)
        spdlog::warn("analysis of {} in the background failed: {}", period_key(period),
                     done.error().message);
    }
    lock.lock();
  }
}

}  // namespace kam::server
