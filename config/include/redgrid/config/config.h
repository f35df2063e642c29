// The kiosk's one configuration file (JSON with comments), plus the environment
// overrides a technician uses most. docs/config.md lists every key.
#pragma once

#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redgrid::config {

enum class LogLevel { debug, info, notice, warning, error };

struct KioskConfig {
    std::string kiosk_id;                // "" until provisioned; --demo needs none
    std::string server_url;              // https://hub.example/ ; "" = no server
    std::filesystem::path token_file = "/etc/redgrid/token";
    bool allow_insecure_http = false;    // plain http to non-loopback hosts (loudly logged)
    std::string pinned_public_key;       // curl's "sha256//base64" form, optional
    std::string proxy;                   // optional
    int poll_interval_s = 60;            // 10..86400
    int screen_width = 1920;             // 320..7680
    int screen_height = 1080;            // 240..7680
    int rotation = 0;                    // 0, 90, 180, 270
    bool fullscreen = true;
    std::vector<std::filesystem::path> font_files;  // tried in order before the built-in list
    std::filesystem::path icon_font_file;           // "" = built-in default path
    int idle_return_s = 90;              // 10..3600: back home after this long untouched
    int attract_after_s = 300;           // 30..86400: attract loop after this much more
    std::string language = "zh-CN";      // "zh-CN" or "en"
    std::filesystem::path data_dir = "/var/lib/redgrid";
    std::filesystem::path cache_dir = "/var/cache/redgrid";
    LogLevel log_level = LogLevel::info;
    int utc_offset_minutes = 480;        // -720..840: local time shown on the screen (China: +480)
    int call_cooldown_s = 60;            // 0..3600: one call per this many seconds
    bool sound = false;
    std::string maintenance_pin;         // digits, 4..12; "" = maintenance screen disabled
    std::string display_schedule;        // "07:00-22:00" or "" (always on)

    // Lets a caller tell whether a re-read configuration changed anything.
    bool operator==(const KioskConfig&) const = default;
};

// One problem found in the configuration: where and what.
struct ConfigError {
    std::string file;   // path of the config file, or "environment"
    int line = 0;       // 1-based, 0 when not known (environment, missing file)
    std::string key;    // "idle_return_s", "screen.width"; "" for syntax errors
    std::string message;
    std::string to_string() const;  // "kiosk.json:12: idle_return_s: must be 10..3600, got 5"
};

using Environment = std::map<std::string, std::string>;

// The process environment's REDGRID_* variables.
Environment process_environment();

// Reads path (which may be absent if the environment supplies what is needed: then
// defaults apply), applies environment overrides, validates everything.
// Returns every problem found, not only the first.
// must_exist: the path was named explicitly (--config F), so its absence is an error;
// the default path may be absent.
std::expected<KioskConfig, std::vector<ConfigError>> load_config(
    const std::filesystem::path& path, const Environment& env, bool must_exist = false);

// Same, from text already in memory (file_name is used in messages only).
std::expected<KioskConfig, std::vector<ConfigError>> parse_config(
    std::string_view text, const std::string& file_name, const Environment& env);

inline constexpr const char* kDefaultConfigPath = "/etc/redgrid/kiosk.json";

}  // namespace redgrid::config
