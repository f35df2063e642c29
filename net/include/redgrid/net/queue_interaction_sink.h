// protocol::InteractionSink over the durable EventQueue: a call, cancel or rating is on disk
// (WAL, fsync) before the screen says it is done; the EventUploader takes it to the hub.
#pragma once

#include "redgrid/protocol/interactions.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/net/event_queue.h"

namespace redgrid::net {

class QueueInteractionSink final : public protocol::InteractionSink {
public:
    // `queue` must outlive the sink. `on_stored` (may be empty) runs after each kept
    // interaction: the app nudges the uploader so it goes out at once when online.
    explicit QueueInteractionSink(EventQueue& queue, std::function<void()> on_stored = {})
        : queue_(queue), on_stored_(std::move(on_stored)) {}

    protocol::RecordResult record(const protocol::Interaction& interaction) override;

private:
    EventQueue& queue_;
    std::function<void()> on_stored_;
};

// The queue's kind for an interaction kind (the same names, docs/protocol.md "events").
EventKind event_kind_of(protocol::InteractionKind kind);

}  // namespace redgrid::net
