#include "redgrid/protocol/heartbeat.h"

#include <sys/statvfs.h>

#include <fstream>

#include <nlohmann/json.hpp>

namespace redgrid::protocol {
namespace {
constexpr std::size_t kMaxCommands = 32;
constexpr std::size_t kMaxFieldChars = 200;
}  // namespace

std::string_view to_string(CommandStatus status) {
    switch (status) {
        case CommandStatus::done: return "done";
        case CommandStatus::failed: return "failed";
        case CommandStatus::unsupported: return "unsupported";
    }
    return "failed";
}

bool is_known_command(std::string_view type) {
    return type == "sync_now" || type == "reload" || type == "upload_screenshot" || type == "set_display_schedule";
}

std::string format_utc(std::chrono::system_clock::time_point time) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    const auto days = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day date(days);
    const std::chrono::hh_mm_ss clock(seconds - days);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()), unsigned(date.month()),
                  unsigned(date.day()), int(clock.hours().count()), int(clock.minutes().count()),
                  int(clock.seconds().count()));
    return text;
}

std::string heartbeat_json(const HeartbeatReport& report) {
    using nlohmann::json;
    json body = {
        {"kiosk_id", report.kiosk_id},
        {"sent_at", format_utc(report.sent_at)},
        {"firmware_version", report.firmware_version},
        {"uptime_s", report.uptime_s},
        {"bundle_version", report.bundle_version},
        {"bundle_etag", report.bundle_etag},
        {"last_sync_at", report.last_sync_at ? json(format_utc(*report.last_sync_at)) : json(nullptr)},
        {"queue_depth", report.queue_depth},
        {"queue_oldest_s", report.queue_oldest_s ? json(*report.queue_oldest_s) : json(nullptr)},
        {"queue_dropped", report.queue_dropped},
        {"last_error", report.last_error},
        {"free_disk_bytes", report.free_disk_bytes ? json(*report.free_disk_bytes) : json(nullptr)},
        {"temperature_c", report.temperature_c ? json(*report.temperature_c) : json(nullptr)},
        {"display", report.display_on ? "on" : "off_by_schedule"},
        {"display_schedule", report.display_schedule},
        {"command_results", json::array()},
    };
    if (report.rejected_at)
        body["rejected_bundle"] = {{"at", format_utc(*report.rejected_at)}, {"errors", report.rejected_errors}};
    for (const auto& result : report.command_results)
        body["command_results"].push_back(
            {{"id", result.id}, {"status", to_string(result.status)}, {"message", result.message}});
    // Replace, not throw, on invalid UTF-8 (an error message may quote hostile bytes).
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::expected<HeartbeatAnswer, std::string> parse_heartbeat_answer(std::string_view json_text) {
    const auto json = nlohmann::json::parse(json_text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return std::unexpected("heartbeat answer is not a JSON object");
    HeartbeatAnswer answer;
    if (json.contains("heartbeat_interval_s") && json["heartbeat_interval_s"].is_number_integer()) {
        const auto seconds = json["heartbeat_interval_s"].get<std::int64_t>();
        if (seconds >= 10 && seconds <= 3600) answer.heartbeat_interval = std::chrono::seconds(seconds);
    }
    if (!json.contains("commands")) return answer;
    if (!json["commands"].is_array()) return std::unexpected("heartbeat answer: \"commands\" is not an array");
    for (const auto& item : json["commands"]) {
        if (answer.commands.size() + answer.malformed.size() >= kMaxCommands) break;
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string() ||
            item["id"].get<std::string>().empty() || item["id"].get<std::string>().size() > kMaxFieldChars)
            continue;  // without a usable id there is nobody to answer
        Command command;
        command.id = item["id"].get<std::string>();
        if (item.contains("type") && item["type"].is_string()) command.type = item["type"].get<std::string>();
        if (!is_known_command(command.type)) {
            answer.malformed.push_back({command.id, CommandStatus::unsupported,
                                        "unknown command type \"" + command.type.substr(0, 40) + "\""});
            continue;
        }
        if (command.type == "set_display_schedule") {
            if (!item.contains("schedule") || !item["schedule"].is_string() ||
                item["schedule"].get<std::string>().size() > 64) {
                answer.malformed.push_back({command.id, CommandStatus::failed, "\"schedule\" missing or not a string"});
                continue;
            }
            command.schedule = item["schedule"].get<std::string>();
        }
        answer.commands.push_back(std::move(command));
    }
    return answer;
}

std::optional<std::int64_t> free_disk_bytes(const std::filesystem::path& path) {
    struct statvfs info {};
    if (::statvfs(path.c_str(), &info) != 0) return std::nullopt;
    return std::int64_t(info.f_bavail) * std::int64_t(info.f_frsize);
}

std::optional<double> read_temperature_c(const std::filesystem::path& thermal_dir) {
    std::ifstream in(thermal_dir / "thermal_zone0" / "temp");
    long millidegrees = 0;
    if (!(in >> millidegrees)) return std::nullopt;
    return double(millidegrees) / 1000.0;
}

}  // namespace redgrid::protocol
