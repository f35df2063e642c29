#include "redgrid/hub/hub_store.h"

#include <openssl/rand.h>
#include <sqlite3.h>

#include <array>

#include <nlohmann/json.hpp>

#include "redgrid/net/media_check.h"

namespace redgrid::hub {
namespace {

struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    return Statement(statement);
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* statement, int index) {
    const auto* text = sqlite3_column_text(statement, index);
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

std::int64_t to_unix(Clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS kiosks(
  id TEXT PRIMARY KEY,
  token_sha256 TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  last_heartbeat INTEGER,
  firmware_version TEXT NOT NULL DEFAULT '',
  bundle_version TEXT NOT NULL DEFAULT '',
  queue_depth INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  display TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS heartbeats(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kiosk_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS heartbeats_by_kiosk ON heartbeats(kiosk_id, id);
CREATE TABLE IF NOT EXISTS commands(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kiosk_id TEXT NOT NULL,
  type TEXT NOT NULL,
  schedule TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  message TEXT NOT NULL DEFAULT '');
)sql";

// A day of heartbeats per kiosk is enough to see a pattern; older ones are dropped.
constexpr int kHeartbeatsKept = 1440;

}  // namespace

bool is_valid_kiosk_id(std::string_view id) {
    if (id.empty() || id.size() > 40) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Liveness liveness(const KioskRow& row, Clock::time_point now, std::chrono::seconds interval) {
    if (!row.last_heartbeat || now - *row.last_heartbeat >= 3 * interval) return Liveness::offline;
    return row.display == "off_by_schedule" ? Liveness::display_off : Liveness::online;
}

std::string describe_liveness(const KioskRow& row, Clock::time_point now) {
    switch (liveness(row, now)) {
        case Liveness::online: return "online";
        case Liveness::display_off: return "display off (schedule)";
        case Liveness::offline:
            if (!row.last_heartbeat) return "never seen";
            return "OFFLINE " +
                   std::to_string(std::chrono::duration_cast<std::chrono::minutes>(now - *row.last_heartbeat).count()) +
                   " min";
    }
    return "?";
}

std::expected<std::unique_ptr<HubStore>, std::string> HubStore::open(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string message = "cannot open " + file.string() + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return std::unexpected(message);
    }
    std::unique_ptr<HubStore> store(new HubStore(db));
    sqlite3_busy_timeout(db, 5000);
    if (auto created = store->exec(kSchema); !created)
        return std::unexpected(file.string() + ": " + created.error());
    return store;
}

HubStore::HubStore(sqlite3* db) : db_(db) {}
HubStore::~HubStore() { sqlite3_close(db_); }

std::expected<void, std::string> HubStore::exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "sqlite error";
        sqlite3_free(error);
        return std::unexpected(message);
    }
    return {};
}

std::expected<std::string, std::string> HubStore::new_token(const std::string& kiosk_id) {
    if (!is_valid_kiosk_id(kiosk_id))
        return std::unexpected("kiosk id \"" + kiosk_id + "\" must be 1..40 characters of a-z, 0-9 and -");
    std::array<unsigned char, 32> random{};
    if (RAND_bytes(random.data(), int(random.size())) != 1) return std::unexpected("no randomness for a token");
    std::string token;
    for (unsigned char byte : random) {
        static constexpr char digits[] = "0123456789abcdef";
        token += digits[byte >> 4];
        token += digits[byte & 0xF];
    }
    std::lock_guard lock(mutex_);
    auto statement = prepare(db_,
                             "INSERT INTO kiosks(id, token_sha256, created_at) VALUES(?1, ?2, ?3) "
                             "ON CONFLICT(id) DO UPDATE SET token_sha256 = excluded.token_sha256");
    bind_text(statement.get(), 1, kiosk_id);
    bind_text(statement.get(), 2, net::sha256_hex(token));
    sqlite3_bind_int64(statement.get(), 3, to_unix(Clock::now()));
    if (sqlite3_step(statement.get()) != SQLITE_DONE) return std::unexpected(sqlite3_errmsg(db_));
    return token;
}

std::optional<std::string> HubStore::kiosk_for_token(const std::string& token) {
    if (token.empty() || token.size() > 512) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto statement = prepare(db_, "SELECT id FROM kiosks WHERE token_sha256 = ?1");
    bind_text(statement.get(), 1, net::sha256_hex(token));
    if (sqlite3_step(statement.get()) != SQLITE_ROW) return std::nullopt;
    return column_text(statement.get(), 0);
}

std::expected<void, std::string> HubStore::record_heartbeat(const std::string& kiosk_id, Clock::time_point received_at,
                                                            const std::string& json_body) {
    const auto body = nlohmann::json::parse(json_body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return std::unexpected("heartbeat body is not a JSON object");
    auto text = [&](const char* key) {
        return body.contains(key) && body[key].is_string() ? body[key].get<std::string>().substr(0, 500) : std::string();
    };
    const std::int64_t queue_depth =
        body.contains("queue_depth") && body["queue_depth"].is_number_integer() ? body["queue_depth"].get<std::int64_t>() : 0;
    std::lock_guard lock(mutex_);
    auto update = prepare(db_,
                          "UPDATE kiosks SET last_heartbeat = ?2, firmware_version = ?3, bundle_version = ?4, "
                          "queue_depth = ?5, last_error = ?6, display = ?7 WHERE id = ?1");
    bind_text(update.get(), 1, kiosk_id);
    sqlite3_bind_int64(update.get(), 2, to_unix(received_at));
    bind_text(update.get(), 3, text("firmware_version"));
    bind_text(update.get(), 4, text("bundle_version"));
    sqlite3_bind_int64(update.get(), 5, queue_depth);
    bind_text(update.get(), 6, text("last_error"));
    bind_text(update.get(), 7, text("display") == "off_by_schedule" ? "off_by_schedule" : "on");
    if (sqlite3_step(update.get()) != SQLITE_DONE) return std::unexpected(sqlite3_errmsg(db_));
    auto insert = prepare(db_, "INSERT INTO heartbeats(kiosk_id, received_at, body) VALUES(?1, ?2, ?3)");
    bind_text(insert.get(), 1, kiosk_id);
    sqlite3_bind_int64(insert.get(), 2, to_unix(received_at));
    bind_text(insert.get(), 3, json_body);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) return std::unexpected(sqlite3_errmsg(db_));
    auto trim = prepare(db_,
                        "DELETE FROM heartbeats WHERE kiosk_id = ?1 AND id <= "
                        "(SELECT id FROM heartbeats WHERE kiosk_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)");
    bind_text(trim.get(), 1, kiosk_id);
    sqlite3_bind_int(trim.get(), 2, kHeartbeatsKept);
    sqlite3_step(trim.get());
    return {};
}

std::vector<KioskRow> HubStore::kiosks() {
    std::lock_guard lock(mutex_);
    auto statement = prepare(db_,
                             "SELECT id, last_heartbeat, firmware_version, bundle_version, queue_depth, last_error, "
                             "display FROM kiosks ORDER BY id");
    std::vector<KioskRow> rows;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
        KioskRow row;
        row.id = column_text(statement.get(), 0);
        if (sqlite3_column_type(statement.get(), 1) != SQLITE_NULL)
            row.last_heartbeat = Clock::time_point(std::chrono::seconds(sqlite3_column_int64(statement.get(), 1)));
        row.firmware_version = column_text(statement.get(), 2);
        row.bundle_version = column_text(statement.get(), 3);
        row.queue_depth = sqlite3_column_int64(statement.get(), 4);
        row.last_error = column_text(statement.get(), 5);
        row.display = column_text(statement.get(), 6);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::expected<std::int64_t, std::string> HubStore::add_command(const std::string& kiosk_id, const std::string& type,
                                                               const std::string& schedule) {
    std::lock_guard lock(mutex_);
    auto statement = prepare(db_, "INSERT INTO commands(kiosk_id, type, schedule, created_at) VALUES(?1, ?2, ?3, ?4)");
    bind_text(statement.get(), 1, kiosk_id);
    bind_text(statement.get(), 2, type);
    bind_text(statement.get(), 3, schedule);
    sqlite3_bind_int64(statement.get(), 4, to_unix(Clock::now()));
    if (sqlite3_step(statement.get()) != SQLITE_DONE) return std::unexpected(sqlite3_errmsg(db_));
    return sqlite3_last_insert_rowid(db_);
}

std::vector<PendingCommand> HubStore::take_commands(const std::string& kiosk_id) {
    std::lock_guard lock(mutex_);
    auto select = prepare(db_,
                          "SELECT id, type, schedule FROM commands WHERE kiosk_id = ?1 AND status IN "
                          "('pending', 'delivered') ORDER BY id LIMIT 32");
    bind_text(select.get(), 1, kiosk_id);
    std::vector<PendingCommand> commands;
    while (sqlite3_step(select.get()) == SQLITE_ROW)
        commands.push_back({sqlite3_column_int64(select.get(), 0), column_text(select.get(), 1),
                            column_text(select.get(), 2)});
    auto mark = prepare(db_, "UPDATE commands SET status = 'delivered' WHERE kiosk_id = ?1 AND status = 'pending'");
    bind_text(mark.get(), 1, kiosk_id);
    sqlite3_step(mark.get());
    return commands;
}

void HubStore::record_command_result(const std::string& kiosk_id, std::int64_t command_id, const std::string& status,
                                     const std::string& message) {
    std::lock_guard lock(mutex_);
    auto statement = prepare(db_, "UPDATE commands SET status = ?3, message = ?4 WHERE kiosk_id = ?1 AND id = ?2");
    bind_text(statement.get(), 1, kiosk_id);
    sqlite3_bind_int64(statement.get(), 2, command_id);
    bind_text(statement.get(), 3, status);
    bind_text(statement.get(), 4, message.substr(0, 500));
    sqlite3_step(statement.get());
}

std::vector<CommandRow> HubStore::commands(const std::string& kiosk_id) {
    std::lock_guard lock(mutex_);
    auto statement = prepare(db_, "SELECT id, kiosk_id, type, status, message FROM commands WHERE kiosk_id = ?1 ORDER BY id");
    bind_text(statement.get(), 1, kiosk_id);
    std::vector<CommandRow> rows;
    while (sqlite3_step(statement.get()) == SQLITE_ROW)
        rows.push_back({sqlite3_column_int64(statement.get(), 0), column_text(statement.get(), 1),
                        column_text(statement.get(), 2), column_text(statement.get(), 3),
                        column_text(statement.get(), 4)});
    return rows;
}

}  // namespace redgrid::hub
