// What the kiosk reads from the hub's answers to the calls and events endpoints
// (docs/protocol.md): pure functions of the answer, so a hostile or broken hub can be
// fuzzed against exactly the code the kiosk runs (tests/fuzz/fuzz_call_status.cpp,
// fuzz_event_ack.cpp). Never throw; every number is range-checked before it is used
// and every text is capped and stripped of control characters before it reaches a log
// line or the screen.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "redgrid/protocol/calls.h"

namespace redgrid::protocol {

inline constexpr std::size_t kMaxAnswerIdChars = 64;     // ids, as the hub's own limit
inline constexpr std::size_t kMaxAnswerTextBytes = 160;  // names, reasons (UTF-8, whole characters)
inline constexpr std::int64_t kMaxEtaSeconds = 24 * 3600;
inline constexpr std::int64_t kMaxPollAfterSeconds = 3600;

// GET /api/v1/calls/{id}, and the answers of POST .../calls and .../cancel.
struct CallStatusAnswer {
    std::string call_id;  // the hub's id; "" when absent or unusable
    protocol::CallState state = protocol::CallState::queued;
    std::optional<protocol::DispatchedMember> member;  // eta_minutes 0..1440
    std::string escalated_to;                       // escalated only
    std::optional<std::chrono::seconds> poll_after; // 1..3600 s when given
};

// Fails (with why) when the text is not a JSON object or "status" is not a known one.
std::expected<CallStatusAnswer, std::string> parse_call_status(std::string_view json_text);
std::expected<CallStatusAnswer, std::string> call_status_from_json(const nlohmann::json& json);

// What the screen gets from an answer: the update for the kiosk's call `key`.
protocol::CallUpdate to_update(const std::string& key, const CallStatusAnswer& answer);

// POST /api/v1/kiosks/{id}/events.
struct EventAck {
    struct Rejection {
        std::string id;
        std::string reason;  // the hub's words, one line, capped; "no reason" when absent
    };
    std::vector<std::string> accepted;  // ids of 1..64 characters, in the hub's order
    std::vector<Rejection> rejected;
};

// Fails only when the text is not a JSON object; entries of the wrong shape are skipped
// (the uploader treats an answer that acknowledges none of what it sent as a failure).
std::expected<EventAck, std::string> parse_event_ack(std::string_view json_text);
EventAck event_ack_from_json(const nlohmann::json& json);

// At most `max_bytes` of `text` on one line: control characters dropped, cut at a
// character boundary (the text is valid UTF-8, as the JSON parser checked).
std::string one_line(std::string_view text, std::size_t max_bytes = kMaxAnswerTextBytes);

}  // namespace redgrid::protocol
