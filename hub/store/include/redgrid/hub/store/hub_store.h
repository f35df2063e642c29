// What the hub keeps of its kiosks: their hashed tokens, heartbeats, commands; in the
// hub's database (database.h: SQLite or PostgreSQL), shared with the other stores.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace redgrid::hub {

namespace sql {
class Database;
}

using Clock = std::chrono::system_clock;

struct KioskRow {
    std::string id;
    std::optional<Clock::time_point> last_heartbeat;
    std::string firmware_version;
    std::string bundle_version;
    std::int64_t queue_depth = 0;
    std::string last_error;
    std::string display;  // "on", "off_by_schedule", "" (never heard)
};

// online: last heartbeat younger than 3 intervals; display_off: online and dark by
// schedule; offline otherwise (including never seen).
enum class Liveness { online, display_off, offline };
Liveness liveness(const KioskRow& row, Clock::time_point now, std::chrono::seconds interval = std::chrono::seconds(60));
std::string describe_liveness(const KioskRow& row, Clock::time_point now);

struct PendingCommand {
    std::int64_t id = 0;
    std::string type;
    std::string schedule;
};

struct CommandRow {
    std::int64_t id = 0;
    std::string kiosk_id;
    std::string type;
    std::string status;  // pending, delivered, done, failed, unsupported
    std::string message;
};

struct CommandResult {
    std::int64_t id = 0;  // c-<id>
    std::string status;
    std::string message;
};

struct Heartbeat {
    std::string kiosk_id;
    Clock::time_point received_at;
    std::string body;  // as sent, kept for the kiosk's history
    std::string firmware_version, bundle_version, last_error, display;
    std::int64_t queue_depth = 0;
    std::vector<CommandResult> command_results;
};

// The commands to deliver with the answer (pending and delivered-without-result ones, now
// marked delivered), or why the heartbeat could not be recorded.
using HeartbeatAnswer = std::expected<std::vector<PendingCommand>, std::string>;

bool is_valid_kiosk_id(std::string_view id);

class HubStore {
public:
    // A SQLite file's or a PostgreSQL URL's database (Database::open), for one store.
    static std::expected<std::unique_ptr<HubStore>, std::string> open(const std::string& where);
    explicit HubStore(std::shared_ptr<sql::Database> database);
    ~HubStore();
    HubStore(const HubStore&) = delete;
    HubStore& operator=(const HubStore&) = delete;

    // Makes a new random token for the kiosk (creating it if new), replacing any old
    // token; only its SHA-256 is stored. Returns the token.
    std::expected<std::string, std::string> new_token(const std::string& kiosk_id);
    // The kiosk a bearer token belongs to.
    std::optional<std::string> kiosk_for_token(const std::string& token);

    // A heartbeat's body, read: an error when it is not a JSON object.
    static std::expected<Heartbeat, std::string> parse_heartbeat(const std::string& kiosk_id,
                                                                 Clock::time_point received_at,
                                                                 const std::string& json_body);
    // Records every heartbeat of the batch and the command results each carries, and
    // takes each kiosk's open commands, in one transaction (GroupCommit's batch). A
    // failed transaction fails every item with the database's reason.
    std::vector<HeartbeatAnswer> record_heartbeats(std::vector<Heartbeat>& batch);
    // One heartbeat as a batch of one.
    HeartbeatAnswer record_heartbeat(Heartbeat heartbeat);

    std::vector<KioskRow> kiosks();

    std::expected<std::int64_t, std::string> add_command(const std::string& kiosk_id, const std::string& type,
                                                         const std::string& schedule);
    std::vector<CommandRow> commands(const std::string& kiosk_id);

    sql::Database& database() { return *db_; }

private:
    std::shared_ptr<sql::Database> db_;
};

}  // namespace redgrid::hub
