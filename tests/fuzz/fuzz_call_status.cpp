// The hub's answer about a call (GET /api/v1/calls/{id}, and the answers to placing and
// cancelling one): what a hostile or broken hub can make the kiosk show and log.
#include "fuzz_support.h"

#include <algorithm>

#include "redgrid/protocol/hub_answers.h"
#include "redgrid/content/media_check.h"

namespace {
bool clean(std::string_view text) {
    return std::ranges::none_of(text, [](char c) { return (unsigned char)c < 0x20 || c == '\x7f'; });
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    using fuzz::require;
    const auto answer = protocol::parse_call_status(fuzz::as_text(data, size));
    if (!answer) {
        require(answer.error().size() < 200, "an error line stays short");
        return 0;
    }
    require(answer->call_id.size() <= protocol::kMaxAnswerIdChars && clean(answer->call_id), "call_id usable");
    if (answer->member) {
        const auto& member = *answer->member;
        require(member.id.size() <= protocol::kMaxAnswerIdChars && clean(member.id), "member id usable");
        require(member.name.size() <= protocol::kMaxAnswerTextBytes && clean(member.name), "member name capped, one line");
        require(!member.photo || content::is_sha256_hex(*member.photo), "a photo is only ever a hash");
        require(member.eta_minutes >= 0 && member.eta_minutes <= 24 * 60, "eta within a day");
    }
    require(answer->escalated_to.size() <= protocol::kMaxAnswerTextBytes && clean(answer->escalated_to), "escalated_to");
    if (answer->poll_after)
        require(answer->poll_after->count() >= 1 && answer->poll_after->count() <= protocol::kMaxPollAfterSeconds,
                "poll_after 1..3600 s");
    const auto update = protocol::to_update("key", *answer);
    require(update.state == answer->state && update.call_id == "key", "update follows the answer");
    return 0;
}
