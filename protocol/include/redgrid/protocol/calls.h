// The one-key call, as the resident's screen sees it: a CallService takes a request and
// later reports what happened to it as plain CallUpdate values. Nothing here blocks: the
// network implementation (issue 5, docs/protocol.md "calls") posts and polls on its worker
// and hands updates over; DemoCallService simulates a dispatcher from the injected Clock so
// that every state can be reached in --demo and in tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>


namespace redgrid::protocol {

struct CallRequest {
    std::string kiosk_id;
    std::string grid_id;                   // the kiosk's own grid: who should come
    std::optional<std::string> category;   // what the resident needs help with, if they said
    std::optional<std::string> member_id;  // a member the resident picked; nullopt = anyone nearby
    std::string idempotency_key;           // the protocol's client_call_id: a retry is the same call
};

// The service's handle of one call (for the network service, the client_call_id).
using CallId = std::string;

enum class CallState {
    queued,      // handed over, nobody has taken it yet
    dispatched,  // a member took it and is on the way (member set)
    arrived,     // the member is at the screen
    closed,      // the member closed the call: help given
    cancelled,   // the resident cancelled (or the dispatcher did)
    expired,     // nobody took it, not even the duty desk
    refused,     // the dispatcher said no member can come
    escalated,   // nobody took it in time: passed to the community duty desk, still open
    offline,     // the dispatcher cannot be reached (message; still_trying if it keeps trying)
    failed,      // the dispatcher answered with an error (message)
};

std::string_view to_string(CallState state);
// No further update will come for the call.
bool is_final(CallState state, bool still_trying = false);

struct DispatchedMember {
    std::string id;
    std::string name;
    std::optional<std::string> photo;  // media sha256, in the bundle
    int eta_minutes = 0;               // "about N minutes" when dispatched
    bool operator==(const DispatchedMember&) const = default;
};

struct CallUpdate {
    CallId call_id;
    CallState state = CallState::queued;
    std::optional<DispatchedMember> member;  // dispatched and later
    std::string message;                     // offline / failed: why, for the log and the screen
    bool still_trying = false;               // offline: the request is queued and retried
};

class CallService {
public:
    virtual ~CallService() = default;
    // Returns at once; what happens arrives through drain_updates().
    virtual CallId request(const CallRequest& request) = 0;
    // Returns at once; a cancelled update follows (unless the call had already ended).
    virtual void cancel(const CallId& id) = 0;
    // On the UI thread, once per loop turn: every update since the last drain, oldest first.
    virtual std::vector<CallUpdate> drain_updates() = 0;
    // How long the UI may sleep before the next update can appear by itself; nullopt when
    // updates only come from outside (the network worker wakes the loop).
    virtual std::optional<std::chrono::milliseconds> time_until_next_update() const { return std::nullopt; }
};

}  // namespace redgrid::protocol
