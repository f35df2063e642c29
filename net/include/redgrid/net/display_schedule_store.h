// The display schedule the server set with set_display_schedule (docs/protocol.md): it
// overrides the config's, and is kept in the data directory so it survives a restart.
// The file holds the schedule and the command that set it; "" (always on) is a schedule
// too, so a server can switch a configured schedule off for good.
#pragma once

#include <filesystem>
#include <string>

#include "redgrid/config/display_settings.h"
#include "redgrid/protocol/heartbeat.h"
#include "redgrid/net/vocabulary.h"

namespace redgrid::net {

// <data_dir>/display-schedule.json
std::filesystem::path display_schedule_file(const std::filesystem::path& data_dir);

// The schedule to start with: the server's when one was saved and reads back valid,
// else the config's. A file that cannot be read, is not the JSON written here or holds
// an invalid schedule is logged (which file, what is wrong) and ignored.
std::string load_display_schedule(const std::filesystem::path& data_dir, const std::string& config_schedule);

// A set_display_schedule command: validates the schedule (parse_display_schedule), saves it
// atomically, then puts it in force. The result to report: done, or failed with why
// (nothing changes then). Safe to repeat, like every command.
CommandResult apply_display_schedule(const Command& command, const std::filesystem::path& data_dir,
                                     config::DisplaySettings& settings);

}  // namespace redgrid::net
