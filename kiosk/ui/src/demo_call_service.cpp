// The simulated dispatcher of --demo and the tests: each request gets a script of updates
// with due times on the injected clock, released by drain_updates() when they are due.
#include <algorithm>
#include <cmath>
#include <utility>

#include "redgrid/kiosk/ui/demo_call_service.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {

std::optional<DemoCallMode> demo_call_mode_from_string(std::string_view name) {
    if (name == "answer") return DemoCallMode::answer;
    if (name == "refuse") return DemoCallMode::refuse;
    if (name == "time_out" || name == "timeout") return DemoCallMode::time_out;
    if (name == "offline") return DemoCallMode::offline;
    return std::nullopt;
}

DemoCallService::DemoCallService(const Clock& clock, std::shared_ptr<const Content> content, DemoCallOptions options)
    : clock_(clock), content_(std::move(content)), options_(options) {}

void DemoCallService::set_content(std::shared_ptr<const Content> content) { content_ = std::move(content); }

std::optional<DispatchedMember> DemoCallService::pick_member(const CallRequest& request) const {
    if (!content_) return std::nullopt;
    const Member* chosen = nullptr;
    if (request.member_id)
        if (const Member* m = content_->member(*request.member_id); m && m->on_duty) chosen = m;
    if (!chosen) {
        const auto nearest = content_->on_duty_nearest(request.grid_id, 1);
        if (nearest.empty()) return std::nullopt;
        chosen = nearest.front();
    }
    // Walking time from where the member is to the kiosk's grid: the demo map is about
    // 5.5 km across 1000 units, and a member walks about 80 m a minute.
    int eta = 5;
    const Grid* grid = content_->grid(request.grid_id);
    if (const auto at = content_->location_of(*chosen); at && grid) {
        const double units = std::hypot(at->x - grid->label_anchor.x, at->y - grid->label_anchor.y);
        const double metres = units * 5500.0 / std::max(1.0, content_->bundle().map.width);
        eta = std::clamp(static_cast<int>(std::lround(2 + metres / 80.0)), 2, 30);
    }
    return DispatchedMember{.id = chosen->id, .name = chosen->name, .photo = chosen->photo, .eta_minutes = eta};
}

std::vector<DemoCallService::Pending> DemoCallService::script_for(const CallId& id, const CallRequest& request,
                                                                  std::chrono::steady_clock::time_point now) const {
    std::vector<Pending> s;
    auto at = now;
    auto then = [&](std::chrono::seconds after, CallState state, std::optional<DispatchedMember> member = {},
                    std::string message = {}) {
        at += after;
        s.push_back({at, {.call_id = id, .state = state, .member = std::move(member), .message = std::move(message)}});
    };
    switch (options_.mode) {
        case DemoCallMode::answer:
            then(std::chrono::seconds(0), CallState::queued);
            if (auto member = pick_member(request)) {
                then(options_.answer_after, CallState::dispatched, member);
                then(options_.arrive_after, CallState::arrived, member);
                then(options_.close_after, CallState::closed, member);
            } else {
                then(options_.answer_after, CallState::refused, std::nullopt, "nobody on duty in grid " + request.grid_id);
            }
            break;
        case DemoCallMode::refuse:
            then(std::chrono::seconds(0), CallState::queued);
            then(options_.answer_after, CallState::refused, std::nullopt, "the demo dispatcher refuses every call");
            break;
        case DemoCallMode::time_out:
            then(std::chrono::seconds(0), CallState::queued);
            then(options_.escalate_after, CallState::escalated);
            then(options_.expire_after, CallState::expired, std::nullopt, "nobody took the call");
            break;
        case DemoCallMode::offline:
            then(std::chrono::seconds(0), CallState::offline, std::nullopt, "demo: the dispatcher is unreachable");
            break;
    }
    return s;
}

CallId DemoCallService::request(const CallRequest& request) {
    requests_.push_back(request);
    // The same key is the same call, as the protocol's client_call_id promises.
    for (const Call& c : calls_)
        if (c.idempotency_key == request.idempotency_key) return c.id;
    Call call{.id = "demo-call-" + std::to_string(next_id_++), .idempotency_key = request.idempotency_key};
    call.script = script_for(call.id, request, clock_.steady_now());
    calls_.push_back(std::move(call));
    return calls_.back().id;
}

void DemoCallService::cancel(const CallId& id) {
    for (Call& c : calls_) {
        if (c.id != id || !c.open) continue;
        c.open = false;
        c.script.clear();
        ready_.push_back({.call_id = id, .state = CallState::cancelled});
    }
}

std::vector<CallUpdate> DemoCallService::drain_updates() {
    const auto now = clock_.steady_now();
    for (Call& c : calls_) {
        auto due_end = std::find_if(c.script.begin(), c.script.end(), [&](const Pending& p) { return p.due > now; });
        for (auto it = c.script.begin(); it != due_end; ++it) {
            if (is_final(it->update.state, it->update.still_trying)) c.open = false;
            ready_.push_back(std::move(it->update));
        }
        c.script.erase(c.script.begin(), due_end);
    }
    std::erase_if(calls_, [](const Call& c) { return !c.open && c.script.empty(); });
    return std::exchange(ready_, {});
}

std::optional<std::chrono::milliseconds> DemoCallService::time_until_next_update() const {
    if (!ready_.empty()) return std::chrono::milliseconds(0);
    std::optional<std::chrono::steady_clock::time_point> next;
    for (const Call& c : calls_)
        if (!c.script.empty() && (!next || c.script.front().due < *next)) next = c.script.front().due;
    if (!next) return std::nullopt;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(*next - clock_.steady_now());
    return std::max(left, std::chrono::milliseconds(0));
}

}  // namespace redgrid::kiosk
