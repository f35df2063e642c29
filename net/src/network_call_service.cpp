#include "redgrid/net/network_call_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "api_request.h"
#include "redgrid/config/log.h"
#include "redgrid/protocol/heartbeat.h"
#include "redgrid/protocol/hub_answers.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/net/uuid.h"

namespace redgrid::net {
using config::LogLevel;
using config::log;
using protocol::CallState;
using protocol::CallUpdate;

namespace {

// The hub's view of a call as the screen needs it; nullopt for an answer we cannot read.
std::optional<CallUpdate> update_from_json(const std::string& key, const nlohmann::json& json) {
    const auto answer = call_status_from_json(json);
    if (!answer) return std::nullopt;
    return to_update(key, *answer);
}

bool same(const CallUpdate& a, const CallUpdate& b) {
    return a.state == b.state && a.member == b.member && a.message == b.message && a.still_trying == b.still_trying;
}

}  // namespace

NetworkCallService::NetworkCallService(SyncOptions endpoint, const redgrid::Clock& clock, CallTiming timing,
                                       std::function<void()> wake_ui)
    : endpoint_(std::move(endpoint)),
      clock_(clock),
      timing_(timing),
      wake_ui_(std::move(wake_ui)),
      http_(endpoint_.http) {
    thread_ = std::thread([this] { run(); });
}

NetworkCallService::~NetworkCallService() { stop(); }

void NetworkCallService::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

protocol::CallId NetworkCallService::request(const protocol::CallRequest& request) {
    Tracked call{.request = request};
    if (call.request.idempotency_key.empty()) call.request.idempotency_key = UuidV7Generator().next();
    if (call.request.kiosk_id.empty()) call.request.kiosk_id = endpoint_.kiosk_id;
    const auto key = call.request.idempotency_key;
    {
        std::lock_guard lock(mutex_);
        call.next = clock_.steady_now();
        calls_.try_emplace(key, std::move(call));  // the same key twice is the same call
    }
    wake_.notify_all();
    return key;
}

void NetworkCallService::cancel(const protocol::CallId& id) {
    {
        std::lock_guard lock(mutex_);
        const auto it = calls_.find(id);
        if (it == calls_.end()) return;  // already ended: nothing to cancel
        it->second.cancel_wanted = true;
        if (it->second.next != Steady::max()) it->second.next = clock_.steady_now();
    }
    wake_.notify_all();
}

std::vector<CallUpdate> NetworkCallService::drain_updates() {
    std::lock_guard lock(mutex_);
    return std::exchange(ready_, {});
}

std::size_t NetworkCallService::open_calls() const {
    std::lock_guard lock(mutex_);
    return calls_.size();
}

std::optional<std::string> NetworkCallService::hub_call_id(const protocol::CallId& id) const {
    std::lock_guard lock(mutex_);
    const auto it = calls_.find(id);
    if (it == calls_.end() || it->second.hub_id.empty()) return std::nullopt;
    return it->second.hub_id;
}

void NetworkCallService::emit(Tracked& call, CallUpdate update) {
    if (call.last && same(*call.last, update)) return;
    call.last = update;
    ready_.push_back(std::move(update));
}

std::chrono::milliseconds NetworkCallService::retry_delay(int failures) {
    auto delay = timing_.first_retry;
    for (int i = 1; i < failures && delay < timing_.max_retry; ++i) delay *= 2;
    delay = std::min(delay, timing_.max_retry);
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    return std::chrono::milliseconds(std::int64_t(double(delay.count()) * jitter(random_)));
}

void NetworkCallService::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto due = calls_.end();
        for (auto it = calls_.begin(); it != calls_.end(); ++it)
            if (due == calls_.end() || it->second.next < due->second.next) due = it;
        if (due == calls_.end() || due->second.next == Steady::max()) {
            wake_.wait(lock);
            continue;
        }
        const auto now = clock_.steady_now();
        if (now < due->second.next) {
            const auto left = due->second.next - now;
            wake_.wait_for(lock, timing_.recheck_every ? std::min<std::chrono::nanoseconds>(*timing_.recheck_every, left)
                                                       : std::chrono::nanoseconds(left));
            continue;
        }
        const auto key = due->first;
        Tracked copy = due->second;
        due->second.next = Steady::max();  // in progress
        lock.unlock();
        step(key, copy);
        lock.lock();
        if (!ready_.empty() && wake_ui_) {
            lock.unlock();
            wake_ui_();
            lock.lock();
        }
    }
}

void NetworkCallService::step(const std::string& key, Tracked call) {
    if (call.hub_id.empty()) {
        if (!call.cancel_wanted) return post_call(key, call);
        // Cancelled before the hub ever answered the call. The caller's queued `call` event
        // takes the call there anyway and its queued `call_cancel` follows it, in order.
        std::lock_guard lock(mutex_);
        auto& live = calls_.at(key);
        emit(live, {.call_id = key, .state = CallState::cancelled, .message = kWillBeCancelled, .still_trying = true});
        calls_.erase(key);
        return;
    }
    if (call.cancel_wanted) return post_cancel(key, call);
    poll(key, call);
}

void NetworkCallService::post_call(const std::string& key, Tracked& call) {
    const auto& request = call.request;
    nlohmann::json body{{"client_call_id", key},
                        {"at", format_utc(clock_.now())},
                        {"grid_id", request.grid_id},
                        {"category", request.category ? nlohmann::json(*request.category) : nlohmann::json(nullptr)},
                        {"member_id", request.member_id ? nlohmann::json(*request.member_id) : nlohmann::json(nullptr)}};
    auto answer = detail::api_json(http_, endpoint_, "POST", "kiosks/" + request.kiosk_id + "/calls", body.dump());
    std::lock_guard lock(mutex_);
    auto& live = calls_.at(key);
    if (answer) {
        const auto status = call_status_from_json(answer->body);
        auto update = status ? std::optional(to_update(key, *status)) : std::nullopt;
        live.hub_id = status ? status->call_id : std::string();
        if (!update || live.hub_id.empty()) {
            emit(live, {.call_id = key, .state = CallState::failed, .message = "the hub's answer to the call is unreadable"});
            calls_.erase(key);
            return;
        }
        live.failures = 0;
        log(LogLevel::notice, "call {} placed as {} ({})", key, live.hub_id, to_string(update->state));
        emit(live, *update);
        if (protocol::is_final(update->state)) {
            calls_.erase(key);
            return;
        }
        live.next = live.cancel_wanted ? clock_.steady_now() : clock_.steady_now() + timing_.poll_interval;
        return;
    }
    const auto& failure = answer.error();
    if (failure.status == 400 || failure.status == 413) {
        // Retrying the same body can never work: say so, the screen shows the phone number.
        log(LogLevel::error, "call {} refused by the hub: {}", key, failure.message);
        emit(live, {.call_id = key, .state = CallState::failed, .message = failure.message});
        calls_.erase(key);
        return;
    }
    ++live.failures;
    // Nothing to queue here: the caller's `call` event is already in the durable queue.
    log(LogLevel::warning, "call {} not sent ({} attempt(s)), retrying: {}", key, live.failures, failure.message);
    emit(live, {.call_id = key, .state = CallState::offline, .message = failure.message, .still_trying = true});
    live.next = live.cancel_wanted ? clock_.steady_now()
                                   : clock_.steady_now() + std::max<std::chrono::milliseconds>(
                                                               retry_delay(live.failures),
                                                               failure.retry_after.value_or(std::chrono::seconds(0)));
}

void NetworkCallService::post_cancel(const std::string& key, Tracked& call) {
    auto answer = detail::api_json(http_, endpoint_, "POST", "calls/" + call.hub_id + "/cancel", "{}");
    std::lock_guard lock(mutex_);
    auto& live = calls_.at(key);
    if (answer) {
        if (auto update = update_from_json(key, answer->body)) emit(live, *update);
        log(LogLevel::notice, "call {} ({}) cancelled", key, call.hub_id);
        calls_.erase(key);
        return;
    }
    // Offline: the caller's queued `call_cancel` takes the cancel to the hub when it can.
    log(LogLevel::warning, "call {} cancel not sent ({}); the queued cancel will reach the hub", key,
        answer.error().message);
    emit(live, {.call_id = key, .state = CallState::cancelled, .message = kWillBeCancelled, .still_trying = true});
    calls_.erase(key);
}

void NetworkCallService::poll(const std::string& key, Tracked& call) {
    auto answer = detail::api_json(http_, endpoint_, "GET", "calls/" + call.hub_id);
    std::lock_guard lock(mutex_);
    auto& live = calls_.at(key);
    if (answer) {
        live.failures = 0;
        const auto status = call_status_from_json(answer->body);
        if (!status) {
            log(LogLevel::warning, "call {}: unreadable status from the hub: {}", key, status.error());
            live.next = clock_.steady_now() + timing_.poll_interval;
            return;
        }
        const auto update = to_update(key, *status);
        emit(live, update);
        if (protocol::is_final(update.state)) {
            calls_.erase(key);
            return;
        }
        // The hub may ask for faster polling, never slower than ours, never above 1/s (a
        // test's poll interval under 1 s stays the bound: clamp needs low <= high).
        auto interval = timing_.poll_interval;
        if (status->poll_after)
            interval = std::clamp<std::chrono::milliseconds>(
                *status->poll_after, std::min<std::chrono::milliseconds>(std::chrono::seconds(1), timing_.poll_interval),
                timing_.poll_interval);
        live.next = live.cancel_wanted ? clock_.steady_now() : clock_.steady_now() + interval;
        return;
    }
    const auto& failure = answer.error();
    if (failure.status == 403 || failure.status == 404) {
        emit(live, {.call_id = key, .state = CallState::failed, .message = failure.message});
        calls_.erase(key);
        return;
    }
    ++live.failures;
    // A member already on the way keeps coming whatever our network does; only a call
    // still waiting for someone tells the resident the kiosk lost the connection.
    const bool waiting = !live.last || live.last->state == CallState::queued || live.last->state == CallState::escalated ||
                         live.last->state == CallState::offline;
    if (waiting && live.failures >= timing_.poll_failures_before_offline)
        emit(live, {.call_id = key, .state = CallState::offline, .message = failure.message, .still_trying = true});
    live.next = live.cancel_wanted ? clock_.steady_now() : clock_.steady_now() + timing_.poll_interval;
}

}  // namespace redgrid::net
