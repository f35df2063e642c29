// The configuration as a technician writes it: the example file, defaults, a file
// with every key set, environment overrides, and how files are found and read.
#include <nlohmann/json.hpp>

#include "config_test_support.h"

namespace redgrid::config {
namespace {

using testing::contains;
using testing::describe;
using testing::ScratchDir;

const std::filesystem::path kSourceDir = REDGRID_SOURCE_DIR;

// Every key path the file format has; the example and the docs must show each.
const std::vector<std::string> kAllKeys = {
    "kiosk_id", "server.url", "server.token_file", "server.allow_insecure_http",
    "server.pinned_public_key", "server.proxy", "server.poll_interval_s", "screen.width",
    "screen.height", "screen.rotation", "screen.fullscreen", "screen.display_schedule",
    "fonts.text", "fonts.icons", "ui.language", "ui.idle_return_s", "ui.attract_after_s",
    "ui.call_cooldown_s", "ui.sound", "ui.utc_offset_minutes", "paths.data_dir",
    "paths.cache_dir", "log_level", "maintenance.pin"};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ConfigDefaults, EmptyObjectGivesTheDocumentedDefaults) {
    const auto config = parse_config("{}", "kiosk.json", {});
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(*config, KioskConfig{});
    EXPECT_EQ(config->kiosk_id, "");
    EXPECT_EQ(config->server_url, "");
    EXPECT_EQ(config->token_file, "/etc/redgrid/token");
    EXPECT_FALSE(config->allow_insecure_http);
    EXPECT_EQ(config->poll_interval_s, 60);
    EXPECT_EQ(config->screen_width, 1920);
    EXPECT_EQ(config->screen_height, 1080);
    EXPECT_EQ(config->rotation, 0);
    EXPECT_TRUE(config->fullscreen);
    EXPECT_TRUE(config->font_files.empty());
    EXPECT_EQ(config->icon_font_file, "");
    EXPECT_EQ(config->idle_return_s, 90);
    EXPECT_EQ(config->attract_after_s, 300);
    EXPECT_EQ(config->language, "zh-CN");
    EXPECT_EQ(config->data_dir, "/var/lib/redgrid");
    EXPECT_EQ(config->cache_dir, "/var/cache/redgrid");
    EXPECT_EQ(config->log_level, LogLevel::info);
    EXPECT_EQ(config->utc_offset_minutes, 480);
    EXPECT_EQ(config->call_cooldown_s, 60);
    EXPECT_FALSE(config->sound);
    EXPECT_EQ(config->maintenance_pin, "");
    EXPECT_EQ(config->display_schedule, "");
}

TEST(ConfigExample, ExampleFileLoadsToTheDefaults) {
    const auto config =
        load_config(kSourceDir / "config/kiosk.example.json", {}, /*must_exist=*/true);
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(*config, KioskConfig{});
}

TEST(ConfigExample, ExampleFileShowsEveryKey) {
    const auto example = nlohmann::json::parse(read_file(kSourceDir / "config/kiosk.example.json"),
                                               nullptr, true, /*ignore_comments=*/true);
    for (const auto& key : kAllKeys) {
        const auto dot = key.find('.');
        const bool present = dot == std::string::npos
                                 ? example.contains(key)
                                 : example.contains(key.substr(0, dot)) &&
                                       example[key.substr(0, dot)].contains(key.substr(dot + 1));
        EXPECT_TRUE(present) << key << " missing from kiosk.example.json";
    }
}

TEST(ConfigExample, DocsDescribeEveryKeyAndVariable) {
    const std::string docs = read_file(kSourceDir / "docs/config.md");
    ASSERT_FALSE(docs.empty());
    for (const auto& key : kAllKeys) {
        EXPECT_TRUE(contains(docs, "`" + key + "`")) << key << " missing from docs/config.md";
    }
    for (const char* variable :
         {"REDGRID_SERVER_URL", "REDGRID_KIOSK_ID", "REDGRID_TOKEN_FILE", "REDGRID_DATA_DIR"}) {
        EXPECT_TRUE(contains(docs, variable)) << variable << " missing from docs/config.md";
    }
}

constexpr std::string_view kEveryKeySet = R"({
  /* A deployed screen in a community centre lobby. */
  "kiosk_id": "gm-biyan-01",
  "server": {
    "url": "https://hub.guangming.example/",
    "token_file": "/etc/redgrid/hub.token",
    "allow_insecure_http": true,
    "pinned_public_key": "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;sha256//BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=",
    "proxy": "socks5h://10.0.0.2:1080",
    "poll_interval_s": 120
  },
  "screen": { "width": 1080, "height": 1920, "rotation": 90, "fullscreen": false,
              "display_schedule": "22:00-06:30" },
  "fonts": { "text": ["/opt/fonts/a.ttc", "/opt/fonts/b.ttf"], "icons": "/opt/fonts/icons.ttf" },
  "ui": { "language": "en", "idle_return_s": 45, "attract_after_s": 600, "call_cooldown_s": 0,
          "sound": true, "utc_offset_minutes": -300 },
  "paths": { "data_dir": "/srv/redgrid/data", "cache_dir": "/srv/redgrid/cache" },
  "log_level": "debug",
  "maintenance": { "pin": "0042" }
})";

TEST(ConfigFile, EveryKeyReachesItsField) {
    const auto config = parse_config(kEveryKeySet, "kiosk.json", {});
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(config->kiosk_id, "gm-biyan-01");
    EXPECT_EQ(config->server_url, "https://hub.guangming.example/");
    EXPECT_EQ(config->token_file, "/etc/redgrid/hub.token");
    EXPECT_TRUE(config->allow_insecure_http);
    EXPECT_EQ(config->pinned_public_key,
              "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;"
              "sha256//BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=");
    EXPECT_EQ(config->proxy, "socks5h://10.0.0.2:1080");
    EXPECT_EQ(config->poll_interval_s, 120);
    EXPECT_EQ(config->screen_width, 1080);
    EXPECT_EQ(config->screen_height, 1920);
    EXPECT_EQ(config->rotation, 90);
    EXPECT_FALSE(config->fullscreen);
    EXPECT_EQ(config->display_schedule, "22:00-06:30");
    EXPECT_EQ(config->font_files,
              (std::vector<std::filesystem::path>{"/opt/fonts/a.ttc", "/opt/fonts/b.ttf"}));
    EXPECT_EQ(config->icon_font_file, "/opt/fonts/icons.ttf");
    EXPECT_EQ(config->language, "en");
    EXPECT_EQ(config->idle_return_s, 45);
    EXPECT_EQ(config->attract_after_s, 600);
    EXPECT_EQ(config->call_cooldown_s, 0);
    EXPECT_TRUE(config->sound);
    EXPECT_EQ(config->utc_offset_minutes, -300);
    EXPECT_EQ(config->data_dir, "/srv/redgrid/data");
    EXPECT_EQ(config->cache_dir, "/srv/redgrid/cache");
    EXPECT_EQ(config->log_level, LogLevel::debug);
    EXPECT_EQ(config->maintenance_pin, "0042");
}

TEST(ConfigFile, RangeEndsAreAccepted) {
    const auto config = parse_config(R"({
      "server": { "poll_interval_s": 86400 },
      "screen": { "width": 320, "height": 7680, "rotation": 270 },
      "ui": { "idle_return_s": 10, "attract_after_s": 86400, "call_cooldown_s": 3600,
              "utc_offset_minutes": 840 },
      "maintenance": { "pin": "123456789012" }
    })", "kiosk.json", {});
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(config->screen_width, 320);
    EXPECT_EQ(config->screen_height, 7680);
    EXPECT_EQ(config->utc_offset_minutes, 840);
    EXPECT_EQ(config->maintenance_pin, "123456789012");
}

TEST(ConfigFile, PlainHttpIsFineToThisMachineOrWhenAllowed) {
    for (const char* url : {"http://localhost:8080/", "http://127.0.0.1:8080", "http://[::1]:80/x"}) {
        const std::string text = std::string(R"({"server": {"url": ")") + url + "\"}}";
        EXPECT_TRUE(parse_config(text, "kiosk.json", {}).has_value()) << url;
    }
    const auto allowed = parse_config(
        R"({"server": {"url": "http://10.1.2.3/", "allow_insecure_http": true}})", "kiosk.json", {});
    ASSERT_TRUE(allowed.has_value()) << describe(allowed.error());
    EXPECT_EQ(allowed->server_url, "http://10.1.2.3/");
}

TEST(ConfigFile, AllLogLevelsAreKnown) {
    const std::vector<std::pair<std::string, LogLevel>> levels = {
        {"debug", LogLevel::debug}, {"info", LogLevel::info}, {"notice", LogLevel::notice},
        {"warning", LogLevel::warning}, {"error", LogLevel::error}};
    for (const auto& [name, level] : levels) {
        const auto config = parse_config(R"({"log_level": ")" + name + "\"}", "kiosk.json", {});
        ASSERT_TRUE(config.has_value()) << name;
        EXPECT_EQ(config->log_level, level);
    }
}

TEST(ConfigEnvironment, OverridesReplaceTheFileValues) {
    ScratchDir dir;
    const auto file = dir.write("kiosk.json", R"({
      "kiosk_id": "from-file",
      "server": { "url": "https://file.example/", "token_file": "/etc/file.token" },
      "paths": { "data_dir": "/srv/file" },
      "ui": { "language": "en" }
    })");
    const Environment env = {{"REDGRID_SERVER_URL", "https://env.example/api/"},
                             {"REDGRID_KIOSK_ID", "from-env"},
                             {"REDGRID_TOKEN_FILE", "/run/secrets/token"},
                             {"REDGRID_DATA_DIR", "/data/redgrid"}};
    const auto config = load_config(file, env, /*must_exist=*/true);
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(config->server_url, "https://env.example/api/");
    EXPECT_EQ(config->kiosk_id, "from-env");
    EXPECT_EQ(config->token_file, "/run/secrets/token");
    EXPECT_EQ(config->data_dir, "/data/redgrid");
    EXPECT_EQ(config->language, "en");  // not overridable: still from the file
}

TEST(ConfigEnvironment, AbsentDefaultFileMeansDefaultsPlusEnvironment) {
    ScratchDir dir;
    const Environment env = {{"REDGRID_SERVER_URL", "https://hub.example/"},
                             {"REDGRID_KIOSK_ID", "k-7"}};
    const auto config = load_config(dir.path() / "kiosk.json", env);
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    KioskConfig expected;
    expected.server_url = "https://hub.example/";
    expected.kiosk_id = "k-7";
    EXPECT_EQ(*config, expected);
}

TEST(ConfigEnvironment, EmptyServerUrlTurnsTheServerOff) {
    const auto config = parse_config(R"({"server": {"url": "https://hub.example/"}})",
                                     "kiosk.json", {{"REDGRID_SERVER_URL", ""}});
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(config->server_url, "");
}

TEST(ConfigEnvironment, FileMayAllowPlainHttpForAnEnvironmentUrl) {
    const auto config = parse_config(R"({"server": {"allow_insecure_http": true}})", "kiosk.json",
                                     {{"REDGRID_SERVER_URL", "http://hub.lan/"}});
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(config->server_url, "http://hub.lan/");
}

TEST(ConfigEnvironment, ProcessEnvironmentReadsOnlyRedgridVariables) {
    ASSERT_EQ(setenv("REDGRID_KIOSK_ID", "proc-env-1", 1), 0);
    ASSERT_EQ(setenv("REDGRID_TEST_EMPTY", "", 1), 0);
    ASSERT_EQ(setenv("NOT_REDGRID_KIOSK_ID", "x", 1), 0);
    const Environment env = process_environment();
    unsetenv("REDGRID_KIOSK_ID");
    unsetenv("REDGRID_TEST_EMPTY");
    unsetenv("NOT_REDGRID_KIOSK_ID");
    ASSERT_TRUE(env.contains("REDGRID_KIOSK_ID"));
    EXPECT_EQ(env.at("REDGRID_KIOSK_ID"), "proc-env-1");
    ASSERT_TRUE(env.contains("REDGRID_TEST_EMPTY"));
    EXPECT_EQ(env.at("REDGRID_TEST_EMPTY"), "");
    EXPECT_FALSE(env.contains("NOT_REDGRID_KIOSK_ID"));
    for (const auto& [name, value] : env) EXPECT_TRUE(name.starts_with("REDGRID_")) << name;
}

TEST(ConfigFile, CommentsAndStringsDoNotMoveKeyLines) {
    // Braces, quotes and key names inside comments and string values must not
    // confuse the line finder.
    const auto errors = testing::problems(R"({
  /* "screen": { "width": 5 },
     "ui": { */
  "fonts": { "icons": "/x/{\"width\": [5, }.ttf" },  // "screen": { "width"
  "screen": {
    "height": 1080,
    "width": 5
  }
})");
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].key, "screen.width");
    EXPECT_EQ(errors[0].line, 7);
}

TEST(ConfigFile, ByteOrderMarkAndCrlfAreAccepted) {
    const auto config = parse_config("\xEF\xBB\xBF{\r\n  \"screen\": {\r\n    \"width\": 1280\r\n  }\r\n}\r\n",
                                     "kiosk.json", {});
    ASSERT_TRUE(config.has_value()) << describe(config.error());
    EXPECT_EQ(config->screen_width, 1280);
}

TEST(ConfigErrorText, ToStringNamesFileLineKeyAndMessage) {
    EXPECT_EQ((ConfigError{"kiosk.json", 12, "screen.width", "must be 320..7680, got 5"}.to_string()),
              "kiosk.json:12: screen.width: must be 320..7680, got 5");
    EXPECT_EQ((ConfigError{"environment", 0, "REDGRID_DATA_DIR", "must be absolute"}.to_string()),
              "environment: REDGRID_DATA_DIR: must be absolute");
    EXPECT_EQ((ConfigError{"/etc/redgrid/kiosk.json", 0, "", "no such file"}.to_string()),
              "/etc/redgrid/kiosk.json: no such file");
    EXPECT_EQ((ConfigError{"kiosk.json", 3, "", "syntax error"}.to_string()),
              "kiosk.json:3: syntax error");
}

}  // namespace
}  // namespace redgrid::config
