#pragma once
// Private to the event queue: the SQLite side (one connection, prepared statements, the
// schema, one write transaction per call). No locking here; EventQueue serialises calls.

#include <sqlite3.h>

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "redgrid/net/event_queue.h"

namespace redgrid::net::detail {

struct SqliteError {
    int code = SQLITE_ERROR;  // extended result code
    std::string message;      // names the file and the operation
};

// The file's content cannot be trusted: move it aside and start again.
bool is_corruption(int code);

// Bytes an event counts for against Limits::max_bytes.
std::size_t accounted_size(const Event& event);

struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct ConnectionDeleter {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using ConnectionHandle = std::unique_ptr<sqlite3, ConnectionDeleter>;

// What is on disk, kept in memory so caps are checked without a scan per enqueue.
struct Totals {
    std::size_t rows = 0;
    std::size_t bytes = 0;
    std::size_t droppable_rows = 0;
    std::size_t droppable_bytes = 0;
    std::int64_t next_seq = 1;  // persisted: seqs never repeat even after the file empties
    std::uint64_t dropped = 0;  // persisted
};

struct WriteRequest {
    std::span<const Event> events;        // in seq order
    std::span<const std::string> deletes;  // acknowledged ids still on disk
    std::uint64_t extra_dropped = 0;       // dropped while in memory
    bool full_sync = true;                 // synchronous=FULL for this commit
};

struct WriteOutcome {
    Totals totals;                      // after the commit
    std::vector<std::size_t> dropped;   // indexes into request.events that did not fit
    std::vector<bool> deleted;          // parallel to request.deletes: the id was there
};

class QueueStore {
public:
    static std::expected<QueueStore, SqliteError> open(const std::filesystem::path& path, const std::string& vfs_name,
                                                       std::chrono::milliseconds busy_timeout);

    const Totals& totals() const { return totals_; }

    // One transaction: deletes, then each event (making room under the caps), then the
    // meta counters. Nothing changes (in the file or in totals()) if it fails.
    std::expected<WriteOutcome, SqliteError> write(const WriteRequest& request, const Limits& limits);

    // Oldest first, skipping `hidden` ids; at most max_events.
    std::expected<std::vector<Event>, SqliteError> peek(std::size_t max_events,
                                                        const std::vector<std::string>& hidden);
    std::expected<bool, SqliteError> contains(const std::string& id);
    // Pages in the WAL not yet copied into the database file.
    int wal_pages() const { return *wal_pages_; }
    // Copies the WAL into the database file without waiting for anyone (PASSIVE).
    std::expected<void, SqliteError> checkpoint();

    // "ok", or what is wrong. full=false runs the cheaper quick_check.
    std::expected<std::string, SqliteError> integrity_check(bool full);

private:
    QueueStore() = default;
    std::expected<void, SqliteError> exec(const char* sql, const char* what);
    std::expected<sqlite3_stmt*, SqliteError> statement(StatementHandle& slot, const char* sql);
    SqliteError error(int rc, const char* what) const;
    std::expected<void, SqliteError> load_totals();
    std::expected<void, SqliteError> set_sync(bool full);
    std::expected<void, SqliteError> evict_oldest_droppable(Totals& totals);
    std::expected<bool, SqliteError> insert(const Event& event);

    std::string path_;
    ConnectionHandle db_;
    Totals totals_;
    std::optional<bool> full_sync_;
    // On the heap: SQLite's WAL hook keeps its address while the store moves.
    std::unique_ptr<int> wal_pages_ = std::make_unique<int>(0);
    StatementHandle insert_;
    StatementHandle evict_;
    StatementHandle delete_;
    StatementHandle peek_;
    StatementHandle contains_;
    StatementHandle set_meta_;
};

}  // namespace redgrid::net::detail
