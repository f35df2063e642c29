#include "hub_cli_kiosk.h"
#include "hub_cli_common.h"

#include <algorithm>
#include <iomanip>

#include "redgrid/hub/store/hub_screenshots.h"
#include "redgrid/hub/store/hub_store.h"

namespace redgrid::hub {
namespace fs = std::filesystem;

namespace {

int list_commands(const std::string& kiosk, const std::string& database, std::ostream& out, std::ostream& err) {
    auto store = HubStore::open(database);
    if (!store) return fail(err, store.error());
    out << std::left << std::setw(10) << "ID" << std::setw(24) << "TYPE" << std::setw(13) << "STATUS"
        << "MESSAGE\n";
    for (const auto& row : (*store)->commands(kiosk))
        out << std::left << std::setw(10) << ("c-" + std::to_string(row.id)) << std::setw(24) << row.type
            << std::setw(13) << row.status << (row.message.empty() ? "-" : row.message) << "\n";
    return 0;
}

int screenshots(const std::string& kiosk, const std::map<std::string, std::string>& options, const fs::path& data,
                std::ostream& out, std::ostream& err) {
    auto shots = list_screenshots(kiosk, data / "screenshots");
    if (const auto command = options.find("--command"); command != options.end())
        std::erase_if(shots, [&](const StoredScreenshot& s) { return s.command_id != command->second; });
    if (shots.empty())
        return fail(err, "no screenshot from " + kiosk + (options.contains("--command") ? " for that command" : "") +
                             " (ask for one: redgrid-hub command " + kiosk + " upload_screenshot)");
    const auto to = options.find("--out");
    if (to == options.end()) {
        for (const auto& shot : shots) out << shot.path.string() << "\n";
        return 0;
    }
    std::error_code error;
    fs::copy_file(shots.back().path, to->second, fs::copy_options::overwrite_existing, error);
    if (error) return fail(err, "cannot write " + to->second + ": " + error.message());
    out << "wrote " << to->second << " (" << shots.back().path.filename().string() << ")\n";
    return 0;
}

}  // namespace

int run_kiosk_command(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options,
                      const fs::path& data, std::ostream& out, std::ostream& err) {
    if (positional.size() != 2)
        return fail(err, "usage: " + positional[0] + " K" +
                             (positional[0] == "screenshots" ? " [--command c-N] [--out FILE.png]" : ""));
    const std::string& kiosk = positional[1];
    if (!is_valid_kiosk_id(kiosk)) return fail(err, "not a kiosk id: \"" + kiosk + "\"");
    if (positional[0] == "commands") return list_commands(kiosk, database_location(options, data), out, err);
    return screenshots(kiosk, options, data, out, err);
}

}  // namespace redgrid::hub
