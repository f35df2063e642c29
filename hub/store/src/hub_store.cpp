#include "redgrid/hub/store/hub_store.h"
#include "redgrid/hub/store/sqlite_statement.h"

#include <openssl/rand.h>
#include <sqlite3.h>

#include <array>

#include <nlohmann/json.hpp>

#include "redgrid/content/media_check.h"

namespace redgrid::hub {
namespace {

using sql::Statement;

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
    Statement statement(db_,
                        "INSERT INTO kiosks(id, token_sha256, created_at) VALUES(?1, ?2, ?3) "
                        "ON CONFLICT(id) DO UPDATE SET token_sha256 = excluded.token_sha256");
    statement.bind(1, kiosk_id);
    statement.bind(2, content::sha256_hex(token));
    statement.bind(3, to_unix(Clock::now()));
    if (auto done = statement.run(); !done) return std::unexpected(done.error());
    return token;
}

std::optional<std::string> HubStore::kiosk_for_token(const std::string& token) {
    if (token.empty() || token.size() > 512) return std::nullopt;
    std::lock_guard lock(mutex_);
    Statement statement(db_, "SELECT id FROM kiosks WHERE token_sha256 = ?1");
    statement.bind(1, content::sha256_hex(token));
    if (statement.step() != SQLITE_ROW) return std::nullopt;
    return statement.text(0);
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
    Statement update(db_,
                     "UPDATE kiosks SET last_heartbeat = ?2, firmware_version = ?3, bundle_version = ?4, "
                     "queue_depth = ?5, last_error = ?6, display = ?7 WHERE id = ?1");
    update.bind(1, kiosk_id);
    update.bind(2, to_unix(received_at));
    update.bind(3, text("firmware_version"));
    update.bind(4, text("bundle_version"));
    update.bind(5, queue_depth);
    update.bind(6, text("last_error"));
    update.bind(7, text("display") == "off_by_schedule" ? "off_by_schedule" : "on");
    if (auto done = update.run(); !done) return std::unexpected(done.error());
    Statement insert(db_, "INSERT INTO heartbeats(kiosk_id, received_at, body) VALUES(?1, ?2, ?3)");
    insert.bind(1, kiosk_id);
    insert.bind(2, to_unix(received_at));
    insert.bind(3, json_body);
    if (auto done = insert.run(); !done) return std::unexpected(done.error());
    Statement trim(db_,
                   "DELETE FROM heartbeats WHERE kiosk_id = ?1 AND id <= "
                   "(SELECT id FROM heartbeats WHERE kiosk_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)");
    trim.bind(1, kiosk_id);
    trim.bind(2, kHeartbeatsKept);
    trim.run_or_log();
    return {};
}

std::vector<KioskRow> HubStore::kiosks() {
    std::lock_guard lock(mutex_);
    Statement statement(db_,
                        "SELECT id, last_heartbeat, firmware_version, bundle_version, queue_depth, last_error, "
                        "display FROM kiosks ORDER BY id");
    std::vector<KioskRow> rows;
    while (statement.step() == SQLITE_ROW) {
        KioskRow row;
        row.id = statement.text(0);
        if (!statement.is_null(1)) row.last_heartbeat = Clock::time_point(std::chrono::seconds(statement.int64(1)));
        row.firmware_version = statement.text(2);
        row.bundle_version = statement.text(3);
        row.queue_depth = statement.int64(4);
        row.last_error = statement.text(5);
        row.display = statement.text(6);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::expected<std::int64_t, std::string> HubStore::add_command(const std::string& kiosk_id, const std::string& type,
                                                               const std::string& schedule) {
    std::lock_guard lock(mutex_);
    Statement statement(db_, "INSERT INTO commands(kiosk_id, type, schedule, created_at) VALUES(?1, ?2, ?3, ?4)");
    statement.bind(1, kiosk_id);
    statement.bind(2, type);
    statement.bind(3, schedule);
    statement.bind(4, to_unix(Clock::now()));
    if (auto done = statement.run(); !done) return std::unexpected(done.error());
    return sqlite3_last_insert_rowid(db_);
}

std::vector<PendingCommand> HubStore::take_commands(const std::string& kiosk_id) {
    std::lock_guard lock(mutex_);
    Statement select(db_,
                     "SELECT id, type, schedule FROM commands WHERE kiosk_id = ?1 AND status IN "
                     "('pending', 'delivered') ORDER BY id LIMIT 32");
    select.bind(1, kiosk_id);
    std::vector<PendingCommand> commands;
    while (select.step() == SQLITE_ROW) commands.push_back({select.int64(0), select.text(1), select.text(2)});
    Statement mark(db_, "UPDATE commands SET status = 'delivered' WHERE kiosk_id = ?1 AND status = 'pending'");
    mark.bind(1, kiosk_id);
    mark.run_or_log();
    return commands;
}

void HubStore::record_command_result(const std::string& kiosk_id, std::int64_t command_id, const std::string& status,
                                     const std::string& message) {
    std::lock_guard lock(mutex_);
    Statement statement(db_, "UPDATE commands SET status = ?3, message = ?4 WHERE kiosk_id = ?1 AND id = ?2");
    statement.bind(1, kiosk_id);
    statement.bind(2, command_id);
    statement.bind(3, status);
    statement.bind(4, message.substr(0, 500));
    statement.run_or_log();
}

std::vector<CommandRow> HubStore::commands(const std::string& kiosk_id) {
    std::lock_guard lock(mutex_);
    Statement statement(db_,
                        "SELECT id, kiosk_id, type, status, message FROM commands WHERE kiosk_id = ?1 ORDER BY id");
    statement.bind(1, kiosk_id);
    std::vector<CommandRow> rows;
    while (statement.step() == SQLITE_ROW)
        rows.push_back(
            {statement.int64(0), statement.text(1), statement.text(2), statement.text(3), statement.text(4)});
    return rows;
}

}  // namespace redgrid::hub
