// The simulated dispatcher of --demo and the tests: every call state reachable from the
// injected Clock, with no network.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/config/clock.h"
#include "redgrid/content/content.h"
#include "redgrid/protocol/calls.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {

// How the simulated dispatcher behaves.
enum class DemoCallMode {
    answer,    // queued -> dispatched (nearest on-duty member, ETA) -> arrived -> closed
    refuse,    // queued -> refused
    time_out,  // queued -> escalated -> expired
    offline,   // offline at once, not retrying
};

struct DemoCallOptions {
    DemoCallMode mode = DemoCallMode::answer;
    std::chrono::seconds answer_after{6};     // answer: queued -> dispatched; refuse: -> refused
    std::chrono::seconds arrive_after{20};    // dispatched -> arrived
    std::chrono::seconds close_after{120};    // arrived -> closed
    std::chrono::seconds escalate_after{30};  // time_out: queued -> escalated
    std::chrono::seconds expire_after{60};    // time_out: escalated -> expired
};

std::optional<DemoCallMode> demo_call_mode_from_string(std::string_view name);  // "answer", "refuse", ...

class DemoCallService final : public CallService {
public:
    DemoCallService(const Clock& clock, std::shared_ptr<const Content> content, DemoCallOptions options = {});

    // New content (the on-duty members changed): used for the next dispatch.
    void set_content(std::shared_ptr<const Content> content);
    void set_options(const DemoCallOptions& options) { options_ = options; }
    const DemoCallOptions& options() const { return options_; }

    CallId request(const CallRequest& request) override;
    void cancel(const CallId& id) override;
    std::vector<CallUpdate> drain_updates() override;
    std::optional<std::chrono::milliseconds> time_until_next_update() const override;

    // Every request received, for tests: a call is only ever sent through request().
    const std::vector<CallRequest>& requests() const { return requests_; }

private:
    struct Pending {
        std::chrono::steady_clock::time_point due;
        CallUpdate update;
    };
    struct Call {
        CallId id;
        std::string idempotency_key;
        bool open = true;
        std::vector<Pending> script;  // what will happen, in time order
    };
    std::optional<DispatchedMember> pick_member(const CallRequest& request) const;
    std::vector<Pending> script_for(const CallId& id, const CallRequest& request,
                                    std::chrono::steady_clock::time_point now) const;

    const Clock& clock_;
    std::shared_ptr<const Content> content_;
    DemoCallOptions options_;
    std::vector<Call> calls_;
    std::vector<CallUpdate> ready_;
    std::vector<CallRequest> requests_;
    std::uint64_t next_id_ = 1;
};

}  // namespace redgrid::kiosk
