#include "redgrid/net/queue_interaction_sink.h"

#include "redgrid/config/log.h"

namespace redgrid::net {

EventKind event_kind_of(kiosk::InteractionKind kind) {
    switch (kind) {
        case kiosk::InteractionKind::call: return EventKind::call;
        case kiosk::InteractionKind::call_cancel: return EventKind::call_cancel;
        case kiosk::InteractionKind::rating: return EventKind::rating;
        case kiosk::InteractionKind::request: return EventKind::request;
        case kiosk::InteractionKind::page_view: return EventKind::page_view;
        case kiosk::InteractionKind::touch: return EventKind::touch;
    }
    return EventKind::page_view;
}

kiosk::RecordResult QueueInteractionSink::record(const kiosk::Interaction& interaction) {
    auto event = queue_.enqueue(event_kind_of(interaction.kind), interaction.payload_json);
    if (!event) {
        config::log(config::LogLevel::error, "interaction {} not kept: {}", kiosk::to_string(interaction.kind),
                    event.error().message);
        return {kiosk::Kept::not_kept, event.error().message};
    }
    kiosk::RecordResult result;
    switch (event->stored) {
        case Stored::on_disk: result.kept = kiosk::Kept::on_disk; break;
        case Stored::in_memory:
            result.kept = kiosk::Kept::in_memory;
            result.message = "kept in memory until the queue file can be written";
            break;
        case Stored::dropped:
            // Only usage statistics are ever dropped (the queue is full of them).
            result.kept = kiosk::Kept::not_kept;
            result.message = "usage statistic dropped: queue full";
            break;
    }
    if (result.stored() && on_stored_) on_stored_();
    return result;
}

}  // namespace redgrid::net
