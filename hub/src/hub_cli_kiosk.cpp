#include "hub_cli_kiosk.h"

#include <algorithm>
#include <cctype>
#include <iomanip>

#include "redgrid/hub/hub_store.h"

namespace redgrid::hub {
namespace fs = std::filesystem;

namespace {

int fail(std::ostream& err, const std::string& message) {
    err << "redgrid-hub: " << message << "\n";
    return 1;
}

int list_commands(const std::string& kiosk, const fs::path& data, std::ostream& out, std::ostream& err) {
    auto store = HubStore::open(data / "hub.sqlite");
    if (!store) return fail(err, store.error());
    out << std::left << std::setw(10) << "ID" << std::setw(24) << "TYPE" << std::setw(13) << "STATUS"
        << "MESSAGE\n";
    for (const auto& row : (*store)->commands(kiosk))
        out << std::left << std::setw(10) << ("c-" + std::to_string(row.id)) << std::setw(24) << row.type
            << std::setw(13) << row.status << (row.message.empty() ? "-" : row.message) << "\n";
    return 0;
}

struct Shot {
    fs::path path;
    std::string command_id;  // "" when the upload named none
};

// "20261125T093004Z": what the hub writes between the kiosk id and the rest.
bool is_stamp(std::string_view s) {
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return false;
    for (std::size_t i = 0; i < 15; ++i)
        if (i != 8 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// <kiosk>-<stamp>[-c-N][.n].png (hub_server.cpp), oldest first.
std::vector<Shot> screenshots_of(const std::string& kiosk, const fs::path& data) {
    std::vector<Shot> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(data / "screenshots", error)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(kiosk + "-") || !name.ends_with(".png")) continue;
        const std::string_view rest = std::string_view(name).substr(kiosk.size() + 1);
        if (!is_stamp(rest.substr(0, 16))) continue;
        std::string_view tail = rest.substr(16, rest.size() - 16 - 4);
        Shot shot{entry.path(), ""};
        if (tail.starts_with("-c-")) {
            tail.remove_prefix(1);
            shot.command_id = std::string(tail.substr(0, tail.find('.')));
        }
        found.push_back(std::move(shot));
    }
    std::ranges::sort(found, {}, [](const Shot& s) { return s.path.filename().string(); });
    return found;
}

int screenshots(const std::string& kiosk, const std::map<std::string, std::string>& options, const fs::path& data,
                std::ostream& out, std::ostream& err) {
    auto shots = screenshots_of(kiosk, data);
    if (const auto command = options.find("--command"); command != options.end())
        std::erase_if(shots, [&](const Shot& s) { return s.command_id != command->second; });
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
    if (positional[0] == "commands") return list_commands(kiosk, data, out, err);
    return screenshots(kiosk, options, data, out, err);
}

}  // namespace redgrid::hub
