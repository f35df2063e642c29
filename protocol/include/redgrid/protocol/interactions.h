// Where what a resident did is recorded before the screen says it is done: calls,
// cancellations, ratings, requests, and (for usage statistics) page views and touches.
// The durable implementation over net::EventQueue is net/queue_interaction_sink.h;
// MemoryInteractionSink serves --demo without a data directory, and tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redgrid::protocol {

// The same names as the protocol's event types (docs/protocol.md, "events").
enum class InteractionKind { call, call_cancel, rating, request, page_view, touch };
std::string_view to_string(InteractionKind kind);

struct Interaction {
    InteractionKind kind = InteractionKind::page_view;
    std::string payload_json;  // a JSON object: the event's "data"
};

enum class Kept {
    on_disk,    // survives a power cut
    in_memory,  // kept, but lost if the process dies before it reaches the disk
    not_kept,   // refused: the resident must be told
};

struct RecordResult {
    Kept kept = Kept::not_kept;
    std::string message;  // why it was not kept (or why only in memory), for the log
    bool stored() const { return kept != Kept::not_kept; }
};

class InteractionSink {
public:
    virtual ~InteractionSink() = default;
    // Returns once the interaction is kept as far as the result says; on the UI thread.
    virtual RecordResult record(const Interaction& interaction) = 0;
};

class MemoryInteractionSink final : public InteractionSink {
public:
    RecordResult record(const Interaction& interaction) override;

    const std::vector<Interaction>& records() const { return records_; }
    std::vector<Interaction> records_of(InteractionKind kind) const;
    // Tests: from now on refuse every record with this message ("" accepts again).
    void refuse_with(std::string message) { refusal_ = std::move(message); }

private:
    std::vector<Interaction> records_;
    std::string refusal_;
};

}  // namespace redgrid::protocol
