// The kiosk's configuration file (JSON with comments) and its REDGRID_* environment
// overrides. A technician's typo must give messages, never a crash. Input layout: the
// file text, then optionally a NUL byte and environment lines "NAME=value\n".
#include "fuzz_support.h"

#include "redgrid/config/config.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    const std::string_view input = fuzz::as_text(data, size);
    const auto split = input.find('\0');
    const std::string_view text = input.substr(0, split);
    config::Environment env;
    if (split != std::string_view::npos) {
        std::string_view rest = input.substr(split + 1);
        while (!rest.empty()) {
            const auto end = rest.find('\n');
            const std::string_view line = rest.substr(0, end);
            if (const auto equals = line.find('='); equals != std::string_view::npos)
                env[std::string(line.substr(0, equals))] = std::string(line.substr(equals + 1));
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
        }
    }
    const auto parsed = config::parse_config(text, "fuzz.json", env);
    if (parsed) {
        // The ranges docs/config.md promises hold for whatever was accepted.
        fuzz::require(parsed->poll_interval_s >= 10 && parsed->poll_interval_s <= 86400, "poll_interval_s range");
        fuzz::require(parsed->screen_width >= 320 && parsed->screen_width <= 7680, "screen.width range");
        fuzz::require(parsed->screen_height >= 240 && parsed->screen_height <= 7680, "screen.height range");
        fuzz::require(parsed->rotation % 90 == 0 && parsed->rotation >= 0 && parsed->rotation < 360, "rotation");
    } else {
        fuzz::require(!parsed.error().empty(), "parse_config failed without saying why");
        for (const auto& error : parsed.error()) fuzz::require(!error.to_string().empty(), "empty error message");
    }
    return 0;
}
