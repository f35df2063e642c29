// The one-key call over docs/protocol.md ("calls"): protocol::CallService for the real hub.
//
// request() and cancel() return at once; a worker thread POSTs the call, follows it with
// GET /api/v1/calls/{id} every few seconds while it is open, and hands the changes over as
// CallUpdates, drained on the UI thread. The UI thread never waits for the network.
//
// One durable record per resident call: the CALLER records the call (a `call` event) and
// any cancel (`call_cancel`) in the durable queue before request() / cancel() (CallFlow
// does, through its InteractionSink, so the call reaches the hub through the uploader even
// if every POST fails or the kiosk restarts). This service only talks to the calls
// endpoints and never queues a second copy. When the hub cannot be reached the screen is
// told honestly that the kiosk is still trying (offline, still_trying) and the POST is
// retried with backoff; the hub's client_call_id makes every retry, and the queued event,
// the same call. A cancel that cannot be sent (or a call the hub has not answered yet) is
// reported as cancelled with still_trying set and the message "will be cancelled": the
// caller's queued `call_cancel` takes it to the hub.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "redgrid/protocol/calls.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/config/clock.h"
#include "redgrid/net/http_client.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {

struct CallTiming {
    std::chrono::milliseconds poll_interval{5'000};  // longest between polls (the hub may ask for less)
    std::chrono::milliseconds first_retry{2'000};    // a failed POST is retried after this, doubling
    std::chrono::milliseconds max_retry{30'000};
    int poll_failures_before_offline = 3;  // a waiting call says "offline, still trying" after these
    // Real time between looks at the clock while waiting (tests with a ManualClock: ~2 ms).
    std::optional<std::chrono::milliseconds> recheck_every;
};

// The message of a cancel that is queued, not yet confirmed by the hub.
inline constexpr const char* kWillBeCancelled = "will be cancelled";

class NetworkCallService final : public protocol::CallService {
public:
    // `clock` must outlive the service. `wake_ui` is called on the worker thread after new
    // updates are ready (the app wakes its loop).
    NetworkCallService(SyncOptions endpoint, const redgrid::Clock& clock, CallTiming timing = {},
                       std::function<void()> wake_ui = {});
    ~NetworkCallService() override;  // stops and joins
    NetworkCallService(const NetworkCallService&) = delete;
    NetworkCallService& operator=(const NetworkCallService&) = delete;

    // The returned id is the request's idempotency_key (a UUID v7 is made if it is empty).
    protocol::CallId request(const protocol::CallRequest& request) override;
    void cancel(const protocol::CallId& id) override;
    std::vector<protocol::CallUpdate> drain_updates() override;

    void stop();
    // Calls still followed (tests, the maintenance screen).
    std::size_t open_calls() const;
    // The hub's id ("call-12") once the hub has answered.
    std::optional<std::string> hub_call_id(const protocol::CallId& id) const;

private:
    using Steady = std::chrono::steady_clock::time_point;
    struct Tracked {
        protocol::CallRequest request;
        std::string hub_id;
        bool cancel_wanted = false;
        int failures = 0;
        Steady next{};
        std::optional<protocol::CallUpdate> last;
    };
    void run();
    void step(const std::string& key, Tracked call);  // one network action, lock not held
    void post_call(const std::string& key, Tracked& call);
    void post_cancel(const std::string& key, Tracked& call);
    void poll(const std::string& key, Tracked& call);
    void emit(Tracked& call, protocol::CallUpdate update);  // lock held
    std::chrono::milliseconds retry_delay(int failures);

    SyncOptions endpoint_;
    const redgrid::Clock& clock_;
    CallTiming timing_;
    std::function<void()> wake_ui_;
    HttpClient http_;  // worker thread only
    std::mt19937 random_{std::random_device{}()};

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, Tracked> calls_;
    std::vector<protocol::CallUpdate> ready_;
    std::thread thread_;
};

}  // namespace redgrid::net
