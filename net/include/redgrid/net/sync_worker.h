// The network worker: one thread that polls the bundle (with jitter, and exponential
// backoff on errors), sends the heartbeat every minute, and uploads screenshots. The
// UI thread never waits for it: everything it learns arrives through one callback,
// called ON THE WORKER THREAD, which the app marshals to its UI thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "redgrid/config/clock.h"
#include "redgrid/protocol/clock_skew.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/protocol/heartbeat.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {

struct SyncStatus {
    bool online = false;  // the last exchange got an HTTP answer from the server
    std::optional<std::chrono::system_clock::time_point> last_success;  // last successful sync
    std::string bundle_version;
    std::string last_error;                        // "" after a success
    std::vector<std::string> rejected_bundle_errors;  // the last rejected bundle's, until a good one
    int consecutive_failures = 0;
    bool operator==(const SyncStatus&) const = default;
};

// "online, bundle 2026-11-25.3, last sync 2026-11-25T09:30:00Z" (+ ", last error: ...").
std::string describe(const SyncStatus& status);

// (a) A new, fully valid bundle with every media verified is now current.
struct ContentReady {
    CachedContent content;
};

// (b) The answer to reload(): the cache's current bundle, read again from disk and checked
// like at boot, or why it could not be (the file and the problem).
struct ContentReloaded {
    std::string command_id;
    std::expected<CachedContent, std::string> content;
};

using SyncUpdate = std::variant<ContentReady, SyncStatus, Command, ContentReloaded>;
using SyncCallback = std::function<void(SyncUpdate)>;

// A thread-safe clock tests can move forward: the worker re-reads it every
// WorkerTiming::recheck_every of real time.
class ManualClock final : public redgrid::Clock {
public:
    explicit ManualClock(std::chrono::system_clock::time_point start) : wall_start_(start) {}
    std::chrono::system_clock::time_point now() const override {
        return wall_start_ + std::chrono::milliseconds(offset_ms_.load());
    }
    std::chrono::steady_clock::time_point steady_now() const override {
        return std::chrono::steady_clock::time_point{} + std::chrono::milliseconds(offset_ms_.load());
    }
    void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

private:
    std::chrono::system_clock::time_point wall_start_;
    std::atomic<std::int64_t> offset_ms_{0};
};

struct WorkerTiming {
    // Real time between looks at the clock while waiting; the default waits for the
    // deadline itself (right for SystemClock). Tests with a ManualClock use ~2 ms.
    std::optional<std::chrono::milliseconds> recheck_every;
    std::chrono::seconds first_backoff{15};
    std::chrono::seconds max_backoff{15 * 60};
    double poll_jitter = 0.10;     // +-10 % of the poll interval
    double backoff_jitter = 0.20;  // +-20 % of a backoff delay
    std::uint32_t random_seed = std::random_device{}();
};

class SyncWorker {
public:
    // `clock` must outlive the worker. `info` is asked on the worker thread before each
    // heartbeat (it may be empty: defaults are sent).
    SyncWorker(SyncOptions options, SyncCallback callback, const redgrid::Clock& clock,
               std::function<HeartbeatInfo()> info = {}, WorkerTiming timing = {});
    ~SyncWorker();  // stops and joins the thread
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    // Starts the thread. `shown`: what the app shows from the cache at boot, so the
    // first request can be conditional.
    void start(const CachedContent* shown = nullptr);
    void stop();

    void sync_now();
    void heartbeat_now();
    SyncStatus status() const;

    // Sent with the next heartbeat (for commands the app handled).
    void report_command_result(CommandResult result);
    // The app rendered a screenshot for an upload_screenshot command. Its result is sent
    // with a heartbeat right after the upload.
    void upload_screenshot(std::string command_id, std::string png_bytes);
    // The reload command: reads the cache's current bundle again, on the worker thread (which
    // owns the cache, so it never reads a bundle half-way through replacing it), and answers
    // with a ContentReloaded. A successful reload is also what the next sync compares with.
    void reload(std::string command_id);

private:
    using SteadyTime = std::chrono::steady_clock::time_point;
    struct Screenshot {
        std::string command_id;
        std::string png;
    };
    void run();
    void run_sync();
    void run_heartbeat();
    void run_upload(Screenshot screenshot);
    void run_reload(std::string command_id);
    void publish_status_if_changed();
    std::chrono::milliseconds poll_delay();
    std::chrono::milliseconds backoff_delay(int failures, std::optional<std::chrono::seconds> retry_after);
    bool has_urgent_work() const;

    SyncOptions options_;
    SyncCallback callback_;
    const redgrid::Clock& clock_;
    std::function<HeartbeatInfo()> info_;
    WorkerTiming timing_;
    std::mt19937 random_;
    ContentCache cache_;
    std::unique_ptr<Syncer> syncer_;  // used only on the worker thread
    ClockSkewMonitor skew_;           // likewise
    SteadyTime started_at_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool sync_requested_ = false;
    bool heartbeat_requested_ = false;
    SteadyTime next_sync_{};
    SteadyTime next_heartbeat_{};
    std::chrono::seconds heartbeat_interval_;
    std::string etag_;
    SyncStatus status_;
    SyncStatus published_status_;
    bool status_published_once_ = false;
    std::optional<std::chrono::system_clock::time_point> rejected_at_;
    std::vector<CommandResult> pending_results_;
    std::deque<Screenshot> screenshots_;
    std::deque<std::string> reloads_;  // command ids
    std::deque<std::string> recent_command_ids_;  // commands may be delivered twice
    std::thread thread_;
};

}  // namespace redgrid::net
