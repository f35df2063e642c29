// The hub's answer to an events upload: which ids it holds (the kiosk deletes them from
// its durable queue) and which it rejected, with a reason that goes to the log.
#include "fuzz_support.h"

#include <algorithm>

#include "redgrid/protocol/hub_answers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    using fuzz::require;
    const auto ack = protocol::parse_event_ack(fuzz::as_text(data, size));
    if (!ack) return 0;
    const auto usable = [](const std::string& id) {
        return !id.empty() && id.size() <= protocol::kMaxAnswerIdChars &&
               std::ranges::all_of(id, [](char c) { return (unsigned char)c > ' ' && c != '\x7f'; });
    };
    require(ack->accepted.size() + ack->rejected.size() <= size, "no entry out of nothing");
    for (const auto& id : ack->accepted) require(usable(id), "accepted ids are 1..64 printable characters");
    for (const auto& rejection : ack->rejected) {
        require(usable(rejection.id), "rejected ids are 1..64 printable characters");
        require(!rejection.reason.empty() && rejection.reason.size() <= protocol::kMaxAnswerTextBytes, "reason capped");
        require(std::ranges::none_of(rejection.reason, [](char c) { return (unsigned char)c < 0x20 || c == '\x7f'; }),
                "reason on one line");
    }
    return 0;
}
