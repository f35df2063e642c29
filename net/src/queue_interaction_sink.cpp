#include "redgrid/net/queue_interaction_sink.h"

#include "redgrid/config/log.h"

namespace redgrid::net {

EventKind event_kind_of(protocol::InteractionKind kind) {
    switch (kind) {
        case protocol::InteractionKind::call: return EventKind::call;
        case protocol::InteractionKind::call_cancel: return EventKind::call_cancel;
        case protocol::InteractionKind::rating: return EventKind::rating;
        case protocol::InteractionKind::request: return EventKind::request;
        case protocol::InteractionKind::page_view: return EventKind::page_view;
        case protocol::InteractionKind::touch: return EventKind::touch;
    }
    return EventKind::page_view;
}

protocol::RecordResult QueueInteractionSink::record(const protocol::Interaction& interaction) {
    auto event = queue_.enqueue(event_kind_of(interaction.kind), interaction.payload_json);
    if (!event) {
        config::log(config::LogLevel::error, "interaction {} not kept: {}", protocol::to_string(interaction.kind),
                    event.error().message);
        return {protocol::Kept::not_kept, event.error().message};
    }
    protocol::RecordResult result;
    switch (event->stored) {
        case Stored::on_disk: result.kept = protocol::Kept::on_disk; break;
        case Stored::in_memory:
            result.kept = protocol::Kept::in_memory;
            result.message = "kept in memory until the queue file can be written";
            break;
        case Stored::dropped:
            // Only usage statistics are ever dropped (the queue is full of them).
            result.kept = protocol::Kept::not_kept;
            result.message = "usage statistic dropped: queue full";
            break;
    }
    if (result.stored() && on_stored_) on_stored_();
    return result;
}

}  // namespace redgrid::net
