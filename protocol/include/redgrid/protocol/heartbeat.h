// The heartbeat of docs/protocol.md: what the kiosk reports every minute, and the
// commands the server's answer may carry.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redgrid::protocol {

// What only the app knows; the SyncWorker asks for it (on its own thread) before
// each heartbeat.
struct HeartbeatInfo {
    std::int64_t queue_depth = 0;
    bool display_on = true;          // false: dark because of the display schedule
    std::string display_schedule;    // "07:00-22:00" or "" (always on)
    std::optional<std::int64_t> queue_oldest_s;  // age of the oldest waiting event; none when empty
    std::uint64_t queue_dropped = 0;             // usage events dropped by the queue's caps
};

// A command from the server. Types the kiosk knows: "sync_now" (the worker handles
// it), "reload", "upload_screenshot", "set_display_schedule" (the app handles them).
struct Command {
    std::string id;
    std::string type;
    std::string schedule;  // set_display_schedule only
    bool operator==(const Command&) const = default;
};

enum class CommandStatus { done, failed, unsupported };
std::string_view to_string(CommandStatus status);

struct CommandResult {
    std::string id;
    CommandStatus status = CommandStatus::done;
    std::string message;
    bool operator==(const CommandResult&) const = default;
};

struct HeartbeatReport {
    std::string kiosk_id;
    std::chrono::system_clock::time_point sent_at;
    std::string firmware_version;
    std::int64_t uptime_s = 0;
    std::string bundle_version;
    std::string bundle_etag;
    std::optional<std::chrono::system_clock::time_point> last_sync_at;
    std::int64_t queue_depth = 0;
    std::optional<std::int64_t> queue_oldest_s;
    std::uint64_t queue_dropped = 0;
    std::string last_error;
    std::optional<std::chrono::system_clock::time_point> rejected_at;
    std::vector<std::string> rejected_errors;
    std::optional<std::int64_t> free_disk_bytes;
    std::optional<double> temperature_c;
    bool display_on = true;
    std::string display_schedule;
    std::vector<CommandResult> command_results;
};

std::string heartbeat_json(const HeartbeatReport& report);

struct HeartbeatAnswer {
    std::vector<Command> commands;           // well-formed ones
    std::vector<CommandResult> malformed;    // reported back as failed / unsupported
    std::optional<std::chrono::seconds> heartbeat_interval;
};

// Parses the server's answer. Never throws; commands are capped at 32.
std::expected<HeartbeatAnswer, std::string> parse_heartbeat_answer(std::string_view json_text);

// "2026-11-25T09:30:00Z"
std::string format_utc(std::chrono::system_clock::time_point time);

// Free space for unprivileged writers under `path`, if statvfs works there.
std::optional<std::int64_t> free_disk_bytes(const std::filesystem::path& path);

// The board temperature from /sys/class/thermal (millidegrees), if readable.
std::optional<double> read_temperature_c(const std::filesystem::path& thermal_dir = "/sys/class/thermal");

// Whether the kiosk handles a command type at all.
bool is_known_command(std::string_view type);

}  // namespace redgrid::protocol
