#include "event_queue_store.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>
#include <utility>

namespace redgrid::net::detail {
namespace {

// A row costs more than its text (the index entries, the page headers); counting a fixed
// overhead keeps max_bytes close to the real file size for small events.
constexpr std::size_t kRowOverhead = 64;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('call','call_cancel','rating','request','page_view','touch')),
  critical INTEGER NOT NULL,
  device_time_us INTEGER NOT NULL,
  size INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_droppable ON events(critical, seq);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO meta(key, value) VALUES ('next_seq', 1), ('dropped', 0);
)sql";

std::int64_t to_micros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint from_micros(std::int64_t micros) {
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
}

// Totals follow the file; a file edited by hand must not wrap them around.
void decrease(std::size_t& total, std::size_t by) { total -= std::min(total, by); }

std::string column_text(sqlite3_stmt* statement, int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
}

// Resets a cached statement however the caller leaves (including early error returns),
// so it never holds a read transaction open.
struct ResetOnExit {
    sqlite3_stmt* statement;
    ~ResetOnExit() {
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
    }
};

}  // namespace

bool is_corruption(int code) {
    const int primary = code & 0xFF;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

std::size_t accounted_size(const Event& event) { return event.id.size() + event.payload_json.size() + kRowOverhead; }

SqliteError QueueStore::error(int rc, const char* what) const {
    std::string detail = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
    return SqliteError{rc, std::string("event queue ") + path_ + ": " + what + ": " + detail + " (" +
                               sqlite3_errstr(rc) + ", code " + std::to_string(rc) + ")"};
}

std::expected<void, SqliteError> QueueStore::exec(const char* sql, const char* what) {
    if (const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr); rc != SQLITE_OK) {
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), what));
    }
    return {};
}

std::expected<sqlite3_stmt*, SqliteError> QueueStore::statement(StatementHandle& slot, const char* sql) {
    if (!slot) {
        sqlite3_stmt* raw = nullptr;
        if (const int rc = sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
            rc != SQLITE_OK) {
            sqlite3_finalize(raw);
            return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "preparing a statement"));
        }
        slot.reset(raw);
    }
    return slot.get();
}

std::expected<QueueStore, SqliteError> QueueStore::open(const std::filesystem::path& path, const std::string& vfs_name,
                                                        std::chrono::milliseconds busy_timeout) {
    QueueStore store;
    store.path_ = path.string();
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(store.path_.c_str(), &raw, flags, vfs_name.empty() ? nullptr : vfs_name.c_str());
    store.db_.reset(raw);
    if (rc != SQLITE_OK) {
        const int code = raw != nullptr ? sqlite3_extended_errcode(raw) : rc;
        return std::unexpected(store.error(code, "opening"));
    }
    sqlite3_extended_result_codes(raw, 1);
    // Replaces SQLite's automatic checkpoint (which would run inside whichever commit
    // crosses 1000 pages, often the UI's enqueue): EventQueue checkpoints from the
    // upload worker's acknowledge() instead, see kWorkerCheckpointPages.
    sqlite3_wal_hook(
        raw,
        [](void* pages, sqlite3*, const char*, int wal_pages) {
            *static_cast<int*>(pages) = wal_pages;
            return SQLITE_OK;
        },
        store.wal_pages_.get());
    sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));

    // A read of the journal mode is the first touch of the header: a file of garbage
    // fails here with SQLITE_NOTADB.
    sqlite3_stmt* mode_raw = nullptr;
    if (const int prc = sqlite3_prepare_v2(raw, "PRAGMA journal_mode=WAL", -1, &mode_raw, nullptr); prc != SQLITE_OK) {
        sqlite3_finalize(mode_raw);
        return std::unexpected(store.error(sqlite3_extended_errcode(raw), "switching to WAL"));
    }
    StatementHandle mode(mode_raw);
    if (sqlite3_step(mode.get()) != SQLITE_ROW) {
        return std::unexpected(store.error(sqlite3_extended_errcode(raw), "switching to WAL"));
    }
    if (column_text(mode.get(), 0) != "wal") {
        return std::unexpected(SqliteError{SQLITE_CANTOPEN, "event queue " + store.path_ +
                                                                ": the file system refused WAL mode (journal mode " +
                                                                column_text(mode.get(), 0) + ")"});
    }
    mode.reset();

    if (auto checked = store.integrity_check(false); !checked) {
        return std::unexpected(checked.error());
    } else if (*checked != "ok") {
        return std::unexpected(SqliteError{SQLITE_CORRUPT, "event queue " + store.path_ + ": quick_check: " + *checked});
    }
    // The WAL is checkpointed automatically every 1000 pages; this keeps the file from
    // staying large after a long outage drained.
    if (auto r = store.exec("PRAGMA journal_size_limit=4194304", "limiting the WAL size"); !r) {
        return std::unexpected(r.error());
    }
    if (auto r = store.exec("BEGIN IMMEDIATE", "creating the schema"); !r) return std::unexpected(r.error());
    if (auto r = store.exec(kSchema, "creating the schema"); !r) {
        sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
        return std::unexpected(r.error());
    }
    if (auto r = store.exec("COMMIT", "creating the schema"); !r) {
        sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
        return std::unexpected(r.error());
    }
    if (auto r = store.load_totals(); !r) return std::unexpected(r.error());
    return store;
}

std::expected<void, SqliteError> QueueStore::checkpoint() {
    int wal_frames = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
    if (rc != SQLITE_OK) return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "checkpointing the WAL"));
    // Everything copied: the next commit starts the WAL over (and trims it to
    // journal_size_limit).
    *wal_pages_ = wal_frames - copied;
    return {};
}

std::expected<std::string, SqliteError> QueueStore::integrity_check(bool full) {
    // quick_check skips the index/table cross-checks: cheap enough for every boot.
    const char* pragma = full ? "PRAGMA integrity_check" : "PRAGMA quick_check";
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), pragma, -1, &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "checking integrity"));
    }
    StatementHandle check(raw);
    std::string result;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        if (!result.empty()) result += "; ";
        result += column_text(raw, 0);
    }
    if (rc != SQLITE_DONE) return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "checking integrity"));
    return result;
}

std::expected<void, SqliteError> QueueStore::load_totals() {
    sqlite3_stmt* raw = nullptr;
    const char* sql =
        "SELECT count(*), coalesce(sum(size),0), coalesce(sum(critical=0),0),"
        " coalesce(sum(CASE WHEN critical=0 THEN size ELSE 0 END),0), coalesce(max(seq),0),"
        " (SELECT value FROM meta WHERE key='next_seq'), (SELECT value FROM meta WHERE key='dropped')"
        " FROM events";
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "reading the totals"));
    }
    StatementHandle totals(raw);
    if (sqlite3_step(raw) != SQLITE_ROW) {
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "reading the totals"));
    }
    const auto as_size = [raw](int column) { return static_cast<std::size_t>(sqlite3_column_int64(raw, column)); };
    totals_.rows = as_size(0);
    totals_.bytes = as_size(1);
    totals_.droppable_rows = as_size(2);
    totals_.droppable_bytes = as_size(3);
    totals_.next_seq = std::max(sqlite3_column_int64(raw, 4) + 1, sqlite3_column_int64(raw, 5));
    totals_.dropped = static_cast<std::uint64_t>(sqlite3_column_int64(raw, 6));
    return {};
}

std::expected<void, SqliteError> QueueStore::set_sync(bool full) {
    if (full_sync_ == full) return {};
    // Changing synchronous inside a transaction is not allowed; callers come here first.
    if (auto r = exec(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", "setting synchronous"); !r) {
        full_sync_.reset();
        return r;
    }
    full_sync_ = full;
    return {};
}

std::expected<void, SqliteError> QueueStore::evict_oldest_droppable(Totals& totals) {
    auto evict = statement(evict_,
                           "DELETE FROM events WHERE seq = (SELECT seq FROM events WHERE critical=0 ORDER BY seq LIMIT 1)"
                           " RETURNING size");
    if (!evict) return std::unexpected(evict.error());
    ResetOnExit reset{*evict};
    const int rc = sqlite3_step(*evict);
    if (rc == SQLITE_DONE) {
        // The totals promised a usage event the file does not have (edited by hand):
        // believe the file, so the caller's loop ends.
        totals.droppable_rows = 0;
        totals.droppable_bytes = 0;
        return {};
    }
    if (rc != SQLITE_ROW) return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "dropping a usage event"));
    const auto size = static_cast<std::size_t>(sqlite3_column_int64(*evict, 0));
    while (sqlite3_step(*evict) == SQLITE_ROW) {
    }
    decrease(totals.rows, 1);
    decrease(totals.bytes, size);
    decrease(totals.droppable_rows, 1);
    decrease(totals.droppable_bytes, size);
    totals.dropped += 1;
    return {};
}

std::expected<bool, SqliteError> QueueStore::insert(const Event& event) {
    // The same id twice is the same event (a retry after a write whose outcome was
    // unknown): keep the first copy. Any other conflict (a seq) is a bug and fails loudly.
    auto insert = statement(insert_,
                            "INSERT INTO events(seq, id, kind, critical, device_time_us, size, payload)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    ResetOnExit reset{*insert};
    const auto kind = to_string(event.kind);
    sqlite3_bind_int64(*insert, 1, event.seq);
    sqlite3_bind_text(*insert, 2, event.id.data(), static_cast<int>(event.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(*insert, 3, kind.data(), static_cast<int>(kind.size()), SQLITE_STATIC);
    sqlite3_bind_int(*insert, 4, is_critical(event.kind) ? 1 : 0);
    sqlite3_bind_int64(*insert, 5, to_micros(event.device_time));
    sqlite3_bind_int64(*insert, 6, static_cast<sqlite3_int64>(accounted_size(event)));
    sqlite3_bind_text(*insert, 7, event.payload_json.data(), static_cast<int>(event.payload_json.size()),
                      SQLITE_STATIC);
    if (sqlite3_step(*insert) != SQLITE_DONE) {
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "inserting an event"));
    }
    return sqlite3_changes(db_.get()) == 1;
}

std::expected<WriteOutcome, SqliteError> QueueStore::write(const WriteRequest& request, const Limits& limits) {
    if (auto r = set_sync(request.full_sync); !r) return std::unexpected(r.error());
    if (auto r = exec("BEGIN IMMEDIATE", "starting a write"); !r) return std::unexpected(r.error());

    WriteOutcome outcome{totals_, {}, std::vector<bool>(request.deletes.size(), false)};
    auto body = [&]() -> std::expected<void, SqliteError> {
        Totals& t = outcome.totals;
        for (std::size_t d = 0; d < request.deletes.size(); ++d) {
            const std::string& id = request.deletes[d];
            auto remove = statement(delete_, "DELETE FROM events WHERE id = ?1 RETURNING size, critical");
            if (!remove) return std::unexpected(remove.error());
            ResetOnExit reset{*remove};
            sqlite3_bind_text(*remove, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
            int rc = SQLITE_ROW;
            while ((rc = sqlite3_step(*remove)) == SQLITE_ROW) {
                const auto size = static_cast<std::size_t>(sqlite3_column_int64(*remove, 0));
                outcome.deleted[d] = true;
                decrease(t.rows, 1);
                decrease(t.bytes, size);
                if (sqlite3_column_int(*remove, 1) == 0) {
                    decrease(t.droppable_rows, 1);
                    decrease(t.droppable_bytes, size);
                }
            }
            if (rc != SQLITE_DONE) return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "deleting an event"));
        }
        t.dropped += request.extra_dropped;
        for (std::size_t i = 0; i < request.events.size(); ++i) {
            const Event& event = request.events[i];
            const std::size_t size = accounted_size(event);
            const auto over = [&](std::size_t rows, std::size_t bytes) {
                return rows + 1 > limits.max_rows || bytes + size > limits.max_bytes;
            };
            if (!is_critical(event.kind) && over(t.rows - t.droppable_rows, t.bytes - t.droppable_bytes)) {
                // Even with every older usage event gone it would not fit: drop this one
                // rather than empty the usage history for nothing.
                t.dropped += 1;
                outcome.dropped.push_back(i);
            } else {
                while (over(t.rows, t.bytes) && t.droppable_rows > 0) {
                    if (auto r = evict_oldest_droppable(t); !r) return r;
                }
                auto inserted = insert(event);
                if (!inserted) return std::unexpected(inserted.error());
                if (*inserted) {
                    t.rows += 1;
                    t.bytes += size;
                    if (!is_critical(event.kind)) {
                        t.droppable_rows += 1;
                        t.droppable_bytes += size;
                    }
                }
            }
            t.next_seq = std::max(t.next_seq, event.seq + 1);
        }
        auto set_meta = statement(set_meta_, "UPDATE meta SET value = ?2 WHERE key = ?1");
        if (!set_meta) return std::unexpected(set_meta.error());
        for (const auto& [key, value] : {std::pair{"next_seq", t.next_seq},
                                         std::pair{"dropped", static_cast<std::int64_t>(t.dropped)}}) {
            ResetOnExit reset{*set_meta};
            sqlite3_bind_text(*set_meta, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(*set_meta, 2, value);
            if (sqlite3_step(*set_meta) != SQLITE_DONE) {
                return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "updating the counters"));
            }
        }
        return {};
    };

    auto result = body();
    if (result) result = exec("COMMIT", "committing");
    if (!result) {
        // After a failed COMMIT SQLite may already have rolled back; a second ROLLBACK then
        // fails harmlessly. What matters is that no transaction stays open.
        if (sqlite3_get_autocommit(db_.get()) == 0) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        return std::unexpected(result.error());
    }
    totals_ = outcome.totals;
    return outcome;
}

std::expected<std::vector<Event>, SqliteError> QueueStore::peek(std::size_t max_events,
                                                                const std::vector<std::string>& hidden) {
    auto peek = statement(peek_,
                          "SELECT id, kind, seq, device_time_us, payload FROM events ORDER BY seq LIMIT ?1");
    if (!peek) return std::unexpected(peek.error());
    ResetOnExit reset{*peek};
    const std::unordered_set<std::string> hidden_ids(hidden.begin(), hidden.end());
    sqlite3_bind_int64(*peek, 1, static_cast<sqlite3_int64>(max_events + hidden_ids.size()));
    std::vector<Event> events;
    int rc = SQLITE_ROW;
    while (events.size() < max_events && (rc = sqlite3_step(*peek)) == SQLITE_ROW) {
        Event event;
        event.id = column_text(*peek, 0);
        if (hidden_ids.contains(event.id)) continue;
        // The CHECK constraint keeps unknown kinds out of the file.
        event.kind = event_kind_from_string(column_text(*peek, 1)).value_or(EventKind::request);
        event.seq = sqlite3_column_int64(*peek, 2);
        event.device_time = from_micros(sqlite3_column_int64(*peek, 3));
        event.payload_json = column_text(*peek, 4);
        event.stored = Stored::on_disk;
        events.push_back(std::move(event));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "reading events"));
    }
    return events;
}

std::expected<bool, SqliteError> QueueStore::contains(const std::string& id) {
    auto contains = statement(contains_, "SELECT 1 FROM events WHERE id = ?1");
    if (!contains) return std::unexpected(contains.error());
    ResetOnExit reset{*contains};
    sqlite3_bind_text(*contains, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(*contains);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        return std::unexpected(error(sqlite3_extended_errcode(db_.get()), "looking up an event"));
    }
    return rc == SQLITE_ROW;
}

}  // namespace redgrid::net::detail
