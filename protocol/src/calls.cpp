#include "redgrid/protocol/calls.h"

namespace redgrid::protocol {

std::string_view to_string(CallState state) {
    switch (state) {
        case CallState::queued: return "queued";
        case CallState::dispatched: return "dispatched";
        case CallState::arrived: return "arrived";
        case CallState::closed: return "closed";
        case CallState::cancelled: return "cancelled";
        case CallState::expired: return "expired";
        case CallState::refused: return "refused";
        case CallState::escalated: return "escalated";
        case CallState::offline: return "offline";
        case CallState::failed: return "failed";
    }
    return "unknown";
}

bool is_final(CallState state, bool still_trying) {
    switch (state) {
        case CallState::closed:
        case CallState::cancelled:
        case CallState::expired:
        case CallState::refused:
        case CallState::failed: return true;
        case CallState::offline: return !still_trying;
        default: return false;
    }
}

}  // namespace redgrid::protocol
