// The hub's SQLite database: kiosks and their hashed tokens, heartbeats, commands.
// One connection guarded by a mutex: a few dozen kiosks at one request a minute each
// is far below what that serves.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace redgrid::hub {

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

bool is_valid_kiosk_id(std::string_view id);

class HubStore {
public:
    static std::expected<std::unique_ptr<HubStore>, std::string> open(const std::filesystem::path& file);
    ~HubStore();
    HubStore(const HubStore&) = delete;
    HubStore& operator=(const HubStore&) = delete;

    // Makes a new random token for the kiosk (creating it if new), replacing any old
    // token; only its SHA-256 is stored. Returns the token.
    std::expected<std::string, std::string> new_token(const std::string& kiosk_id);
    // The kiosk a bearer token belongs to.
    std::optional<std::string> kiosk_for_token(const std::string& token);

    std::expected<void, std::string> record_heartbeat(const std::string& kiosk_id, Clock::time_point received_at,
                                                      const std::string& json_body);
    std::vector<KioskRow> kiosks();

    std::expected<std::int64_t, std::string> add_command(const std::string& kiosk_id, const std::string& type,
                                                         const std::string& schedule);
    // Commands without a result yet; marks them delivered.
    std::vector<PendingCommand> take_commands(const std::string& kiosk_id);
    void record_command_result(const std::string& kiosk_id, std::int64_t command_id, const std::string& status,
                               const std::string& message);
    std::vector<CommandRow> commands(const std::string& kiosk_id);

private:
    explicit HubStore(sqlite3* db);
    std::expected<void, std::string> exec(const char* sql);
    std::mutex mutex_;
    sqlite3* db_;
};

}  // namespace redgrid::hub
