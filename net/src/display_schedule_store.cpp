#include "redgrid/net/display_schedule_store.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "redgrid/config/display_schedule.h"
#include "redgrid/config/log.h"
#include "redgrid/config/atomic_file.h"
#include "redgrid/net/vocabulary.h"

namespace redgrid::net {

using config::LogLevel;

namespace {

std::string describe(const std::string& schedule) {
    return schedule.empty() ? "always on" : schedule;
}

}  // namespace

std::filesystem::path display_schedule_file(const std::filesystem::path& data_dir) {
    return data_dir / "display-schedule.json";
}

std::string load_display_schedule(const std::filesystem::path& data_dir, const std::string& config_schedule) {
    const auto path = display_schedule_file(data_dir);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return config_schedule;
    const auto ignored = [&](const std::string& why) {
        config::log(LogLevel::error, "{}: {}; using the config's display schedule ({})", path.string(), why,
                    describe(config_schedule));
        return config_schedule;
    };
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return ignored("cannot read it");
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) return ignored("not valid JSON");
    const auto schedule = json.find("schedule");
    if (schedule == json.end() || !schedule->is_string()) return ignored("no \"schedule\" string");
    const std::string value = schedule->get<std::string>();
    if (auto parsed = config::parse_display_schedule(value); !parsed) return ignored("schedule " + parsed.error());
    const auto by = json.value("command_id", std::string());
    config::log(LogLevel::info, "display schedule {} set by the server (command {}) overrides the config's ({})",
                describe(value), by.empty() ? "?" : by, describe(config_schedule));
    return value;
}

CommandResult apply_display_schedule(const Command& command, const std::filesystem::path& data_dir,
                                     config::DisplaySettings& settings) {
    if (auto parsed = config::parse_display_schedule(command.schedule); !parsed) {
        config::log(LogLevel::warning, "server command {}: set_display_schedule rejected: schedule {}", command.id,
                    parsed.error());
        return {command.id, CommandStatus::failed, "schedule " + parsed.error()};
    }
    // Saved before it applies: a schedule in force is one that survives a restart.
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    const nlohmann::json json = {{"schedule", command.schedule}, {"command_id", command.id}};
    if (auto saved = config::write_file_atomically(display_schedule_file(data_dir), json.dump() + "\n", 0640); !saved) {
        config::log(LogLevel::error, "server command {}: set_display_schedule: {}", command.id, saved.error());
        return {command.id, CommandStatus::failed, saved.error()};
    }
    settings.set_schedule(command.schedule);
    config::log(LogLevel::notice, "server command {}: display schedule now {}", command.id, describe(command.schedule));
    return {command.id, CommandStatus::done, "display schedule " + describe(command.schedule)};
}

}  // namespace redgrid::net
