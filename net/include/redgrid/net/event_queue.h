#pragma once
// The durable interaction queue: every interaction a resident made (a call, a
// cancellation, a rating, a request; and, as a lower class, page views and touches for
// usage statistics) is written here before the UI says "done", and leaves only after the
// hub acknowledged it. One SQLite file in WAL mode in the data directory.
//
// Guarantees (docs/reliability.md, "Durable queue", says the same for operators):
// - enqueue() returning an event with stored == Stored::on_disk means the event is in the
//   file and, for critical kinds, fsync'ed (synchronous=FULL): a kill -9 or a power cut
//   after that loses it only if the storage lies about fsync. Usage statistics are
//   committed with synchronous=NORMAL: a kill -9 keeps them, a power cut may lose the
//   last few (never corrupting the file).
// - Stored::in_memory means the disk refused (full, read-only, I/O error, busy): the event
//   is held in a capped in-memory overflow, written on the next enqueue()/flush_memory()
//   that succeeds, and lost if the process dies first. storage_problem() says why.
// - Caps (Limits::max_rows, max_bytes) apply to the droppable class: when a new event
//   does not fit, usage statistics are dropped oldest-first and counted (persistently).
//   Critical events are never dropped: if the queue is full of them, a critical event is
//   still stored, past the caps. A new usage event that cannot fit even after dropping
//   every older usage event is itself dropped (Stored::dropped).
// - A corrupt or unreadable file is renamed aside (<name>.corrupt-<UTC timestamp>) with a
//   log line and a fresh queue is started; the events in the old file stay there for a
//   technician but are no longer uploaded.
// - Ids are UUID v7 minted on the device; the file has a UNIQUE constraint on them, so
//   an event is stored at most once even when a write is retried after an ambiguous
//   failure (an fsync error after the commit record reached the disk).
//
// Threads: every method takes one internal mutex; one SQLite connection is used. The
// intended split is the UI thread calling enqueue() and the network worker calling
// peek_batch()/acknowledge(). No call waits on another process's lock for longer than
// Limits::busy_timeout; the longest a UI enqueue waits for the worker is one of the
// worker's statements (an ack of a batch is one transaction, one fsync).
//
// Upload protocol for the network worker:
//   auto batch = queue.peek_batch(500, 256 * 1024);   // oldest first, not removed
//   ... POST the batch; the hub answers the ids it stored ...
//   queue.acknowledge(accepted_ids);                   // removed for good
// Events not acknowledged come back in the next peek_batch(), in the same order. Delivery
// is at least once; the hub de-duplicates by id.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/net/uuid.h"

namespace redgrid::net {

enum class EventKind { call, call_cancel, rating, request, page_view, touch };

// Critical events are never dropped to make room and are fsync'ed before enqueue returns.
constexpr bool is_critical(EventKind kind) {
    return kind == EventKind::call || kind == EventKind::call_cancel || kind == EventKind::rating ||
           kind == EventKind::request;
}

// Stable wire/storage names: "call", "call_cancel", "rating", "request", "page_view", "touch".
std::string_view to_string(EventKind kind);
std::optional<EventKind> event_kind_from_string(std::string_view name);

enum class Stored {
    on_disk,    // durable (see the guarantees above)
    in_memory,  // the disk refused it; held in memory and retried
    dropped,    // a usage event that did not fit under the caps; counted in dropped_count()
};

using TimePoint = std::chrono::system_clock::time_point;

struct Event {
    std::string id;  // UUID v7, lower-case, 36 characters
    EventKind kind = EventKind::page_view;
    std::int64_t seq = 0;    // increasing per device; the upload order
    TimePoint device_time;   // the device clock at enqueue, microsecond precision
    std::string payload_json;
    Stored stored = Stored::on_disk;
};

enum class QueueErrorCode {
    invalid_argument,  // empty path, zero caps, a payload that is not JSON
    storage,           // the disk refused (full, read-only, I/O error, locked)
    memory_full,       // the disk refused and the in-memory overflow is full of critical events
    corrupt,           // the file was corrupt (it has been moved aside)
};

struct QueueError {
    QueueErrorCode code = QueueErrorCode::storage;
    std::string message;  // names the file and the SQLite error
};

struct Limits {
    std::size_t max_rows = 100'000;
    std::size_t max_bytes = 64 * 1024 * 1024;  // payload + id + a fixed per-row overhead
    std::size_t memory_overflow_cap = 2'000;   // events held while the disk refuses
    std::chrono::milliseconds busy_timeout{50};
};

using Clock = std::function<TimePoint()>;
using LogSink = std::function<void(std::string_view line)>;

struct OpenOptions {
    UuidV7Generator::RandomSource random;  // empty = the OS random device
    std::string vfs_name;                  // empty = SQLite's default VFS (tests: FaultVfs)
    LogSink log;                           // empty = the shared logger, at warning level
};

class EventQueue {
public:
    // Opens or creates the queue file (and its directory). A corrupt or unreadable file is
    // moved aside and a fresh one started. If the file cannot be opened at all (read-only
    // or full file system at boot), the queue still opens, in memory, with
    // storage_problem() set, and retries the file on every enqueue()/flush_memory(): the
    // kiosk keeps working. Errors only for invalid arguments.
    static std::expected<EventQueue, QueueError> open(std::filesystem::path path, Limits limits = {},
                                                      Clock clock = {}, OpenOptions options = {});

    ~EventQueue();
    EventQueue(EventQueue&&) noexcept;
    EventQueue& operator=(EventQueue&&) noexcept;
    EventQueue(const EventQueue&) = delete;
    EventQueue& operator=(const EventQueue&) = delete;

    // Mints an id, timestamps and stores the event. See Stored for what "ok" means.
    // Errors: invalid_argument (payload is not valid JSON), memory_full (not kept at all).
    std::expected<Event, QueueError> enqueue(EventKind kind, std::string_view payload_json);

    // The oldest events, in seq order, not removed. Stops before max_events or before the
    // payloads would exceed max_bytes, but always returns at least one event if any is
    // queued (a single large event never blocks the queue).
    std::vector<Event> peek_batch(std::size_t max_events, std::size_t max_bytes);

    // Removes the events with these ids (unknown ids are ignored). Returns how many were
    // queued. If the disk refuses the delete, the ids are hidden from peek_batch() and the
    // delete is retried with the next write, so an acknowledged event is not sent twice.
    std::size_t acknowledge(std::span<const std::string> ids);

    std::size_t depth() const;          // events waiting (disk + memory)
    std::size_t memory_depth() const;   // of which held in memory only
    // How long the oldest waiting event has waited (zero if the clock went backwards),
    // nullopt if the queue is empty.
    std::optional<std::chrono::milliseconds> oldest_age(TimePoint now) const;
    // Usage events dropped to honour the caps since the file was created (persistent).
    std::uint64_t dropped_count() const;

    // Writes the in-memory overflow (and pending acknowledgements) to disk. Returns how
    // many events were written; an error if the disk still refuses.
    std::expected<std::size_t, QueueError> flush_memory();

    // Why the last write to disk failed, nullopt once the disk works again.
    std::optional<QueueError> storage_problem() const;

    // PRAGMA integrity_check on the file (for the maintenance screen and tests).
    std::expected<void, QueueError> check_integrity();

    const std::filesystem::path& path() const;

    struct Impl;

private:
    explicit EventQueue(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace redgrid::net
