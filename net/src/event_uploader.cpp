#include "redgrid/net/event_uploader.h"

#include <algorithm>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "api_request.h"
#include "redgrid/protocol/hub_answers.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/config/log.h"

namespace redgrid::net {
using config::LogLevel;
using config::log;
using namespace std::chrono_literals;

EventUploader::EventUploader(EventQueue& queue, SyncOptions endpoint, const redgrid::Clock& clock, UploadTiming timing)
    : queue_(queue),
      endpoint_(std::move(endpoint)),
      clock_(clock),
      timing_(timing),
      http_(endpoint_.http),
      random_(timing.random_seed),
      batch_limit_(std::clamp<std::size_t>(timing.batch_events, 1, 500)) {}

EventUploader::~EventUploader() { stop(); }

void EventUploader::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    nudged_ = true;  // whatever waited while the kiosk was off goes out first
    thread_ = std::thread([this] { run(); });
}

void EventUploader::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void EventUploader::nudge() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    wake_.notify_all();
}

void EventUploader::network_status(bool online) {
    bool came_back = false;
    {
        std::lock_guard lock(mutex_);
        came_back = online && !online_;
        online_ = online;
    }
    if (came_back) nudge();
}

UploadStats EventUploader::stats() const {
    UploadStats stats;
    {
        std::lock_guard lock(mutex_);
        stats = stats_;
    }
    stats.depth = queue_.depth();
    stats.oldest_age = queue_.oldest_age(clock_.now());
    stats.dropped = queue_.dropped_count();
    return stats;
}

HeartbeatInfo& EventUploader::fill(HeartbeatInfo& info) const {
    const auto current = stats();
    info.queue_depth = std::int64_t(current.depth);
    info.queue_oldest_s.reset();
    if (current.oldest_age)
        info.queue_oldest_s = std::chrono::duration_cast<std::chrono::seconds>(*current.oldest_age).count();
    info.queue_dropped = current.dropped;
    return info;
}

std::chrono::milliseconds EventUploader::backoff_delay(int failures, std::optional<std::chrono::seconds> retry_after) {
    auto delay = timing_.first_backoff;
    for (int i = 1; i < failures && delay < timing_.max_backoff; ++i) delay *= 2;
    delay = std::min(delay, timing_.max_backoff);
    std::uniform_real_distribution<double> jitter(1.0 - timing_.backoff_jitter, 1.0 + timing_.backoff_jitter);
    auto jittered = std::chrono::milliseconds(std::int64_t(double(delay.count()) * jitter(random_)));
    if (retry_after) jittered = std::max<std::chrono::milliseconds>(jittered, *retry_after);
    return std::min<std::chrono::milliseconds>(jittered, timing_.max_backoff + timing_.max_backoff / 4);
}

std::expected<UploadResult, UploadFailure> EventUploader::upload_batch() {
    const auto batch = queue_.peek_batch(batch_limit_, timing_.batch_bytes);
    UploadResult result;
    if (batch.empty()) return result;
    nlohmann::json events = nlohmann::json::array();
    std::unordered_set<std::string> sent;
    for (const auto& event : batch) {
        auto data = nlohmann::json::parse(event.payload_json, nullptr, false);
        if (data.is_discarded()) data = nlohmann::json::object();
        events.push_back({{"id", event.id},
                          {"type", std::string(to_string(event.kind))},
                          {"seq", event.seq},
                          {"at", format_utc(event.device_time)},
                          {"data", std::move(data)}});
        sent.insert(event.id);
    }
    result.sent = batch.size();
    const auto body = nlohmann::json{{"events", std::move(events)}}.dump(-1, ' ', false,
                                                                       nlohmann::json::error_handler_t::replace);
    const auto rest = "kiosks/" + endpoint_.kiosk_id + "/events";
    auto answer = detail::api_json(http_, endpoint_, "POST", rest, body);
    if (!answer) {
        if (answer.error().status == 413) {
            if (batch.size() > 1) {
                // Smaller batches until they fit; the events stay queued meanwhile.
                batch_limit_ = std::max<std::size_t>(1, batch.size() / 2);
                return std::unexpected(UploadFailure{"events upload too large, now " + std::to_string(batch_limit_) +
                                                         " per upload: " + answer.error().message,
                                                     std::chrono::seconds(0)});
            }
            // One event the hub will never take: keeping it would block every later one.
            log(LogLevel::error, "event {} ({}) refused as too large by the hub, removed from the queue", batch[0].id,
                to_string(batch[0].kind));
            queue_.acknowledge(std::vector<std::string>{batch[0].id});
            return UploadResult{1, 1, 1};
        }
        return std::unexpected(UploadFailure{"events upload: " + answer.error().message, answer.error().retry_after});
    }
    std::vector<std::string> done;
    const auto ack = event_ack_from_json(answer->body);
    // erase: an id the hub names twice (or both accepted and rejected) counts once.
    for (const auto& id : ack.accepted)
        if (sent.erase(id)) done.push_back(id);
    for (const auto& rejection : ack.rejected) {
        if (!sent.erase(rejection.id)) continue;
        // Retrying can never succeed; the line keeps what it was for the technician.
        log(LogLevel::warning, "event {} rejected by the hub: {}", rejection.id, rejection.reason);
        done.push_back(rejection.id);
        ++result.rejected;
    }
    if (done.empty())
        return std::unexpected(UploadFailure{"events upload: the hub acknowledged none of " +
                                                 std::to_string(batch.size()) + " events",
                                             std::nullopt});
    result.acknowledged = queue_.acknowledge(done);
    batch_limit_ = std::clamp<std::size_t>(timing_.batch_events, 1, 500);
    return result;
}

void EventUploader::run() {
    using Steady = std::chrono::steady_clock::time_point;
    Steady next_attempt = clock_.steady_now();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // Wait for the next attempt, a nudge or stop.
        while (!stopping_ && !nudged_ && clock_.steady_now() < next_attempt) {
            const auto left = next_attempt - clock_.steady_now();
            const auto step = timing_.recheck_every ? std::min<std::chrono::nanoseconds>(*timing_.recheck_every, left)
                                                    : std::chrono::nanoseconds(left);
            wake_.wait_for(lock, step);
        }
        if (stopping_) break;
        nudged_ = false;
        lock.unlock();
        // Drain batch after batch while the hub answers.
        std::optional<UploadFailure> failure;
        std::size_t acknowledged = 0, rejected = 0;
        while (true) {
            {
                std::lock_guard check(mutex_);
                if (stopping_) break;
            }
            auto result = upload_batch();
            if (!result) {
                failure = result.error();
                break;
            }
            if (result->sent == 0) break;
            acknowledged += result->acknowledged;
            rejected += result->rejected;
        }
        lock.lock();
        stats_.uploaded += acknowledged - rejected;
        stats_.rejected += rejected;
        if (failure && !stopping_) {
            ++stats_.consecutive_failures;
            if (stats_.last_error != failure->message)
                log(LogLevel::warning, "event upload failed ({} in a row): {}", stats_.consecutive_failures,
                    failure->message);
            stats_.last_error = failure->message;
            next_attempt = clock_.steady_now() + backoff_delay(stats_.consecutive_failures, failure->retry_after);
        } else {
            if (stats_.consecutive_failures > 0)
                log(LogLevel::notice, "event upload works again after {} failure(s)", stats_.consecutive_failures);
            if (acknowledged > 0 || stats_.consecutive_failures > 0) stats_.last_success = clock_.now();
            stats_.consecutive_failures = 0;
            stats_.last_error.clear();
            next_attempt = clock_.steady_now() + timing_.idle_check;
        }
    }
}

}  // namespace redgrid::net
