// The upload worker of the durable queue (docs/reliability.md, "Event upload"): one
// thread that peeks the oldest events, POSTs them to /api/v1/kiosks/{id}/events, and
// removes from the queue exactly the ids the hub answered (accepted, or rejected for
// good). Nothing leaves the queue on a failure; failures back off (doubling, capped,
// jittered) and nudge() — new events, or the network came back — tries at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "redgrid/config/clock.h"
#include "redgrid/net/event_queue.h"
#include "redgrid/protocol/heartbeat.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/net/http_client.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {

struct UploadTiming {
    std::size_t batch_events = 500;            // the protocol's per-upload cap
    std::size_t batch_bytes = 256 * 1024;      // payload bytes per upload
    std::chrono::milliseconds first_backoff{5'000};
    std::chrono::milliseconds max_backoff{5 * 60'000};
    double backoff_jitter = 0.20;              // +-20 % of a backoff delay
    std::chrono::milliseconds idle_check{10'000};  // looks at the queue this often without a nudge
    // Real time between looks at the clock while waiting (tests with a ManualClock: ~2 ms);
    // empty waits for the deadline itself.
    std::optional<std::chrono::milliseconds> recheck_every;
    std::uint32_t random_seed = std::random_device{}();
};

struct UploadStats {
    std::size_t depth = 0;                                // events waiting
    std::optional<std::chrono::milliseconds> oldest_age;  // of the oldest waiting event
    std::uint64_t dropped = 0;                            // usage events dropped by the caps
    std::uint64_t uploaded = 0;                           // acknowledged since start
    std::uint64_t rejected = 0;                           // refused by the hub for good (logged)
    int consecutive_failures = 0;
    std::string last_error;                               // "" after a success
    std::optional<std::chrono::system_clock::time_point> last_success;
};

// What one upload attempt did.
struct UploadResult {
    std::size_t sent = 0;
    std::size_t acknowledged = 0;  // accepted + rejected: removed from the queue
    std::size_t rejected = 0;
};

struct UploadFailure {
    std::string message;  // one line: what and where (never the token)
    std::optional<std::chrono::seconds> retry_after;
};

class EventUploader {
public:
    // `queue` and `clock` must outlive the uploader. endpoint: server_url, kiosk_id,
    // token and http of the SyncOptions are used.
    EventUploader(EventQueue& queue, SyncOptions endpoint, const redgrid::Clock& clock, UploadTiming timing = {});
    ~EventUploader();  // stops and joins
    EventUploader(const EventUploader&) = delete;
    EventUploader& operator=(const EventUploader&) = delete;

    void start();
    void stop();
    // Upload now, whatever the backoff says: new events, or the network is back.
    void nudge();
    // The SyncWorker's status: a change to online nudges.
    void network_status(bool online);

    UploadStats stats() const;
    // For the heartbeat's queue fields.
    HeartbeatInfo& fill(HeartbeatInfo& info) const;

    // One batch, on the calling thread (the worker uses it; so do tests and the benchmark).
    // Must not run concurrently with the worker.
    std::expected<UploadResult, UploadFailure> upload_batch();

    // min(first * 2^(failures-1), max) +- jitter (and at least retry_after when given).
    std::chrono::milliseconds backoff_delay(int failures, std::optional<std::chrono::seconds> retry_after);

private:
    void run();

    EventQueue& queue_;
    SyncOptions endpoint_;
    const redgrid::Clock& clock_;
    UploadTiming timing_;
    HttpClient http_;
    std::mt19937 random_;
    std::size_t batch_limit_;  // shrinks after a 413

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool nudged_ = false;
    bool online_ = false;
    UploadStats stats_;
    std::thread thread_;
};

}  // namespace redgrid::net
