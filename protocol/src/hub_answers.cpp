#include "redgrid/protocol/hub_answers.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "redgrid/content/media_check.h"

namespace redgrid::protocol {
using protocol::CallState;

namespace {

std::optional<CallState> state_from_wire(std::string_view status) {
    static constexpr std::pair<std::string_view, CallState> kStates[] = {
        {"queued", CallState::queued},       {"dispatched", CallState::dispatched}, {"arrived", CallState::arrived},
        {"closed", CallState::closed},       {"cancelled", CallState::cancelled},   {"expired", CallState::expired},
        {"refused", CallState::refused},     {"escalated", CallState::escalated},
    };
    for (const auto& [name, state] : kStates)
        if (status == name) return state;
    return std::nullopt;
}

std::string text_field(const nlohmann::json& json, const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An id we may keep: 1..64 characters, printable, no spaces.
bool usable_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxAnswerIdChars &&
           std::ranges::all_of(id, [](char c) { return c > ' ' && c != '\x7f'; });
}

// A whole number of seconds from the answer, or nothing when absent, not an integer or
// outside [low, high]. Unsigned values above INT64_MAX are refused, not wrapped.
std::optional<std::int64_t> seconds_field(const nlohmann::json& json, const char* key, std::int64_t low,
                                          std::int64_t high) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_number_integer()) return std::nullopt;
    if (it->is_number_unsigned()) {
        const auto value = it->get<std::uint64_t>();
        if (value > std::uint64_t(high)) return std::nullopt;
        return std::max<std::int64_t>(std::int64_t(value), low);
    }
    const auto value = it->get<std::int64_t>();
    if (value > high) return std::nullopt;
    return std::max(value, low);
}

}  // namespace

std::string one_line(std::string_view text, std::size_t max_bytes) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (i + length > text.size()) break;
        if (out.size() + length > max_bytes) break;
        // C0, DEL and C1 (U+0080..U+009F, C2 80..C2 9F) controls could break a log line or a terminal.
        const bool control = length == 1 ? (lead < 0x20 || lead == 0x7f)
                                         : (lead == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0);
        if (!control) out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

std::expected<CallStatusAnswer, std::string> call_status_from_json(const nlohmann::json& json) {
    if (!json.is_object()) return std::unexpected("the call answer is not a JSON object");
    const auto status = text_field(json, "status");
    const auto state = state_from_wire(status);
    if (!state) return std::unexpected("the call answer has no known \"status\" (\"" + one_line(status, 40) + "\")");
    CallStatusAnswer answer;
    answer.state = *state;
    if (const auto id = text_field(json, "call_id"); usable_id(id)) answer.call_id = id;
    const auto member = json.find("member");
    if (member != json.end() && member->is_object()) {
        protocol::DispatchedMember card;
        if (const auto id = text_field(*member, "id"); usable_id(id)) card.id = id;
        card.name = one_line(text_field(*member, "name"));
        // Only a hash can name a photo: anything else could reach the media store as a path.
        if (const auto photo = text_field(*member, "photo"); content::is_sha256_hex(photo)) card.photo = photo;
        if (const auto eta = seconds_field(json, "eta_s", 0, kMaxEtaSeconds)) card.eta_minutes = int((*eta + 59) / 60);
        answer.member = card;
    }
    if (*state == CallState::escalated) answer.escalated_to = one_line(text_field(json, "escalated_to"));
    if (const auto after = seconds_field(json, "poll_after_s", 1, kMaxPollAfterSeconds))
        answer.poll_after = std::chrono::seconds(*after);
    return answer;
}

std::expected<CallStatusAnswer, std::string> parse_call_status(std::string_view json_text) {
    const auto json = nlohmann::json::parse(json_text, nullptr, false);
    if (json.is_discarded()) return std::unexpected("the call answer is not JSON");
    return call_status_from_json(json);
}

protocol::CallUpdate to_update(const std::string& key, const CallStatusAnswer& answer) {
    protocol::CallUpdate update{.call_id = key, .state = answer.state, .member = answer.member};
    if (answer.state == CallState::escalated) update.message = "passed to " + answer.escalated_to;
    return update;
}

EventAck event_ack_from_json(const nlohmann::json& json) {
    EventAck ack;
    if (!json.is_object()) return ack;
    if (const auto accepted = json.find("accepted"); accepted != json.end() && accepted->is_array())
        for (const auto& id : *accepted)
            if (id.is_string() && usable_id(id.get_ref<const std::string&>())) ack.accepted.push_back(id.get<std::string>());
    if (const auto rejected = json.find("rejected"); rejected != json.end() && rejected->is_array())
        for (const auto& item : *rejected) {
            if (!item.is_object()) continue;
            const auto id = text_field(item, "id");
            if (!usable_id(id)) continue;
            auto reason = one_line(text_field(item, "error"));
            ack.rejected.push_back({id, reason.empty() ? "no reason" : std::move(reason)});
        }
    return ack;
}

std::expected<EventAck, std::string> parse_event_ack(std::string_view json_text) {
    const auto json = nlohmann::json::parse(json_text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::unexpected("the events answer is not a JSON object");
    return event_ack_from_json(json);
}

}  // namespace redgrid::protocol
