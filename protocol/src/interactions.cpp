#include "redgrid/protocol/interactions.h"

namespace redgrid::protocol {

std::string_view to_string(InteractionKind kind) {
    switch (kind) {
        case InteractionKind::call: return "call";
        case InteractionKind::call_cancel: return "call_cancel";
        case InteractionKind::rating: return "rating";
        case InteractionKind::request: return "request";
        case InteractionKind::page_view: return "page_view";
        case InteractionKind::touch: return "touch";
    }
    return "unknown";
}

RecordResult MemoryInteractionSink::record(const Interaction& interaction) {
    if (!refusal_.empty()) return {.kept = Kept::not_kept, .message = refusal_};
    records_.push_back(interaction);
    // Kept, but only for as long as the process lives: the demo has no data directory.
    return {.kept = Kept::in_memory, .message = {}};
}

std::vector<Interaction> MemoryInteractionSink::records_of(InteractionKind kind) const {
    std::vector<Interaction> out;
    for (const auto& r : records_)
        if (r.kind == kind) out.push_back(r);
    return out;
}

}  // namespace redgrid::protocol
