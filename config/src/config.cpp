#include "redgrid/config/config.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "checks.h"
#include "key_lines.h"

extern char** environ;  // POSIX; no header declares it

namespace redgrid::config {

using nlohmann::json;
using namespace detail;

std::string ConfigError::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!key.empty()) out += key + ": ";
    out += message;
    return out;
}

Environment process_environment() {
    Environment env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto equals = text.find('=');
        if (equals == std::string_view::npos || !text.starts_with("REDGRID_")) continue;
        env.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
    }
    return env;
}

namespace {

constexpr std::size_t kMaxConfigBytes = 1 << 20;
constexpr std::string_view kEnvironment = "environment";

struct SectionSchema {
    std::string_view name;
    std::vector<std::string_view> keys;
};

const std::vector<SectionSchema>& sections() {
    static const std::vector<SectionSchema> kSections = {
        {"server",
         {"url", "token_file", "allow_insecure_http", "pinned_public_key", "proxy",
          "poll_interval_s"}},
        {"screen", {"width", "height", "rotation", "fullscreen", "display_schedule"}},
        {"fonts", {"text", "icons"}},
        {"ui",
         {"language", "idle_return_s", "attract_after_s", "call_cooldown_s", "sound",
          "utc_offset_minutes"}},
        {"paths", {"data_dir", "cache_dir"}},
        {"maintenance", {"pin"}},
    };
    return kSections;
}

const std::vector<std::string_view> kTopLevelValues = {"kiosk_id", "log_level"};

// Every key path a file may contain, for "did you mean" across sections.
std::vector<std::string> all_key_paths() {
    std::vector<std::string> paths(kTopLevelValues.begin(), kTopLevelValues.end());
    for (const auto& section : sections()) {
        paths.emplace_back(section.name);
        for (const auto key : section.keys) paths.push_back(join_path(section.name, key));
    }
    return paths;
}

std::string describe(const json& value) {
    switch (value.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return in_quotes(value.get_ref<const std::string&>());
        default: return value.dump();
    }
}

std::string kind_of(const json& value) {
    switch (value.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "true/false";
        case json::value_t::null: return "null";
        default: return "a number";
    }
}

// Where a value came from, so that a problem found later (a cross-check) can
// still point at the right line or variable.
struct Origin {
    std::string file;
    int line = 0;
    std::string key;
};

class Loader {
public:
    explicit Loader(std::vector<ConfigError>& errors) : errors_(errors) {}

    void read_file(const json& root, std::string file, KeyLines lines) {
        file_ = std::move(file);
        lines_ = std::move(lines);
        for (const auto& duplicate : lines_.duplicates) {
            report({file_, duplicate.line, duplicate.path},
                   "duplicate key; it is also at line " + std::to_string(duplicate.first_line));
        }
        if (!root.is_object()) {
            report(at(""), "the file must hold one JSON object { ... }, got " + describe(root));
            return;
        }
        root_ = &root;
        check_keys();
        read_values();
    }

    void apply_environment(const Environment& env) {
        auto take = [&](const char* variable, Problem (*check)(std::string_view), auto& field,
                        Origin* origin) {
            const auto found = env.find(variable);
            if (found == env.end()) return;
            const Origin here{std::string(kEnvironment), 0, variable};
            if (auto problem = check(found->second)) {
                report(here, *problem);
                return;
            }
            field = found->second;
            if (origin != nullptr) *origin = here;
        };
        take("REDGRID_SERVER_URL", check_server_url, config_.server_url, &server_url_origin_);
        take("REDGRID_KIOSK_ID", check_kiosk_id, config_.kiosk_id, nullptr);
        take("REDGRID_TOKEN_FILE", check_absolute_path, config_.token_file, nullptr);
        take("REDGRID_DATA_DIR", check_absolute_path, config_.data_dir, nullptr);
    }

    // Checks that need more than one value, on the values that are in effect.
    void cross_check() {
        const auto url = split_url(config_.server_url);
        if (url && url->scheme == "http" && !is_loopback_host(url->host) &&
            !config_.allow_insecure_http) {
            report(server_url_origin_,
                   "plain http:// to a remote host (" + url->host +
                       ") sends the token and residents' data in clear; use https:// or set "
                       "server.allow_insecure_http: true");
        }
    }

    KioskConfig take_config() { return std::move(config_); }

private:
    Origin at(const std::string& path) const { return {file_, lines_.line_of(path), path}; }

    void report(const Origin& origin, std::string message) {
        errors_.push_back({origin.file, origin.line, origin.key, std::move(message)});
    }

    void check_keys() {
        const std::vector<std::string> everything = all_key_paths();
        auto check_object = [&](const json& object, std::string_view parent,
                                const std::vector<std::string_view>& known) {
            for (const auto& [key, value] : object.items()) {
                if (std::ranges::find(known, key) != known.end()) continue;
                // Siblings first, so a close sibling wins a tie with a far-off section.
                std::vector<std::string> candidates;
                for (const auto sibling : known) candidates.push_back(join_path(parent, sibling));
                candidates.insert(candidates.end(), everything.begin(), everything.end());
                std::string message = "unknown key";
                if (auto suggestion = closest_key(key, candidates)) {
                    message += "; did you mean \"" + *suggestion + "\"?";
                }
                report(at(join_path(parent, key)), message);
            }
        };
        std::vector<std::string_view> top_level = kTopLevelValues;
        for (const auto& section : sections()) top_level.push_back(section.name);
        check_object(*root_, "", top_level);
        for (const auto& section : sections()) {
            const auto found = root_->find(section.name);
            if (found == root_->end()) continue;
            if (!found->is_object()) {
                report(at(std::string(section.name)),
                       "must be an object { ... }, got " + describe(*found));
                continue;
            }
            check_object(*found, section.name, section.keys);
        }
    }

    // The value at section.key (or a top-level key when section is ""), if the file
    // has it and its section is an object.
    const json* find(std::string_view section, std::string_view key) const {
        const json* parent = root_;
        if (!section.empty()) {
            const auto found = root_->find(section);
            if (found == root_->end() || !found->is_object()) return nullptr;
            parent = &*found;
        }
        const auto found = parent->find(key);
        return found == parent->end() ? nullptr : &*found;
    }

    void read_int(std::string_view section, std::string_view key, int& out, int min, int max) {
        const json* value = find(section, key);
        if (value == nullptr) return;
        const std::string path = join_path(section, key);
        if (!value->is_number_integer()) {
            report(at(path), "must be a whole number, got " + describe(*value));
            return;
        }
        bool in_range = false;
        if (value->is_number_unsigned()) {
            const auto number = value->get<std::uint64_t>();
            in_range = number <= static_cast<std::uint64_t>(max) &&
                       static_cast<std::int64_t>(number) >= min;
        } else {
            const auto number = value->get<std::int64_t>();
            in_range = number >= min && number <= max;
        }
        if (!in_range) {
            report(at(path), "must be " + std::to_string(min) + ".." + std::to_string(max) +
                                 ", got " + value->dump());
            return;
        }
        out = value->get<int>();
    }

    void read_bool(std::string_view section, std::string_view key, bool& out) {
        const json* value = find(section, key);
        if (value == nullptr) return;
        if (!value->is_boolean()) {
            report(at(join_path(section, key)), "must be true or false, got " + describe(*value));
            return;
        }
        out = value->get<bool>();
    }

    // Returns the string if it is one and passes check; reports otherwise.
    // secret: the value is never repeated in a message (it ends up in the journal).
    std::optional<std::string> read_string(std::string_view section, std::string_view key,
                                           Problem (*check)(std::string_view),
                                           bool secret = false) {
        const json* value = find(section, key);
        if (value == nullptr) return std::nullopt;
        const std::string path = join_path(section, key);
        if (!value->is_string()) {
            report(at(path), "must be a string, got " + (secret ? kind_of(*value) : describe(*value)) +
                                 (value->is_number() ? " (put it in quotes)" : ""));
            return std::nullopt;
        }
        const auto& text = value->get_ref<const std::string&>();
        if (check != nullptr) {
            if (auto problem = check(text)) {
                report(at(path), *problem);
                return std::nullopt;
            }
        }
        return text;
    }

    void read_string_into(std::string_view section, std::string_view key, auto& out,
                          Problem (*check)(std::string_view), bool secret = false) {
        if (auto text = read_string(section, key, check, secret)) out = std::move(*text);
    }

    void read_font_files() {
        const json* value = find("fonts", "text");
        if (value == nullptr) return;
        if (!value->is_array()) {
            report(at("fonts.text"),
                   "must be an array of font file paths [\"...\"], got " + describe(*value));
            return;
        }
        std::vector<std::filesystem::path> files;
        bool all_good = true;
        for (std::size_t i = 0; i < value->size(); ++i) {
            const json& element = (*value)[i];
            const std::string path = "fonts.text[" + std::to_string(i) + "]";
            if (!element.is_string() || element.get_ref<const std::string&>().empty()) {
                report(at(path), "must be a font file path, got " + describe(element));
                all_good = false;
                continue;
            }
            files.emplace_back(element.get<std::string>());
        }
        if (all_good) config_.font_files = std::move(files);
    }

    void read_rotation() {
        const json* value = find("screen", "rotation");
        if (value == nullptr) return;
        const bool quarter_turn = value->is_number_integer() && !value->is_number_float() &&
                                  std::ranges::any_of(std::array{0, 90, 180, 270}, [&](int angle) {
                                      return *value == angle;
                                  });
        if (!quarter_turn) {
            report(at("screen.rotation"), "must be 0, 90, 180 or 270, got " + describe(*value));
            return;
        }
        config_.rotation = value->get<int>();
    }

    void read_log_level() {
        static const std::vector<std::pair<std::string_view, LogLevel>> kLevels = {
            {"debug", LogLevel::debug},     {"info", LogLevel::info},
            {"notice", LogLevel::notice},   {"warning", LogLevel::warning},
            {"error", LogLevel::error}};
        const auto text = read_string("", "log_level", nullptr);
        if (!text) return;
        const auto found = std::ranges::find(kLevels, *text, &std::pair<std::string_view, LogLevel>::first);
        if (found == kLevels.end()) {
            report(at("log_level"), "must be \"debug\", \"info\", \"notice\", \"warning\" or "
                                    "\"error\", got " + in_quotes(*text));
            return;
        }
        config_.log_level = found->second;
    }

    void read_values() {
        read_string_into("", "kiosk_id", config_.kiosk_id, check_kiosk_id);
        read_log_level();

        if (find("server", "url") != nullptr) server_url_origin_ = at("server.url");
        read_string_into("server", "url", config_.server_url, check_server_url);
        read_string_into("server", "token_file", config_.token_file, check_absolute_path);
        read_bool("server", "allow_insecure_http", config_.allow_insecure_http);
        read_string_into("server", "pinned_public_key", config_.pinned_public_key,
                         check_pinned_public_key);
        read_string_into("server", "proxy", config_.proxy, check_proxy);
        read_int("server", "poll_interval_s", config_.poll_interval_s, 10, 86400);

        read_int("screen", "width", config_.screen_width, 320, 7680);
        read_int("screen", "height", config_.screen_height, 240, 7680);
        read_rotation();
        read_bool("screen", "fullscreen", config_.fullscreen);
        read_string_into("screen", "display_schedule", config_.display_schedule,
                         check_display_schedule);

        read_font_files();
        read_string_into("fonts", "icons", config_.icon_font_file, nullptr);

        read_string_into("ui", "language", config_.language, check_language);
        read_int("ui", "idle_return_s", config_.idle_return_s, 10, 3600);
        read_int("ui", "attract_after_s", config_.attract_after_s, 30, 86400);
        read_int("ui", "call_cooldown_s", config_.call_cooldown_s, 0, 3600);
        read_bool("ui", "sound", config_.sound);
        read_int("ui", "utc_offset_minutes", config_.utc_offset_minutes, -720, 840);

        read_string_into("paths", "data_dir", config_.data_dir, check_absolute_path);
        read_string_into("paths", "cache_dir", config_.cache_dir, check_absolute_path);

        read_string_into("maintenance", "pin", config_.maintenance_pin, check_maintenance_pin,
                         /*secret=*/true);
    }

    std::vector<ConfigError>& errors_;
    std::string file_;
    KeyLines lines_;
    const json* root_ = nullptr;
    KioskConfig config_;
    Origin server_url_origin_;
};

// "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error
// while parsing value - unexpected '}'" -> "syntax error while parsing value - ...
// (column 7)": the line goes into the error's own field.
std::string syntax_message(const std::string& what) {
    const std::string_view text(what);
    const auto column = text.find("column ");
    const auto colon = column == std::string_view::npos ? column : text.find(": ", column);
    if (colon == std::string_view::npos) return what;
    const std::string column_number(text.substr(column + 7, colon - column - 7));
    std::string message = std::string(text.substr(colon + 2)) + " (column " + column_number + ")";
    // The commonest slip when editing by hand; nlohmann's wording does not say it.
    const bool next_item_without_comma =
        (message.find("expected '}'") != std::string::npos ||
         message.find("expected ']'") != std::string::npos) &&
        message.find("end of input") == std::string::npos;
    if (next_item_without_comma) message += "; is a comma missing before it?";
    return message;
}

int line_at_byte(std::string_view text, std::size_t byte) {
    const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

// "[json.exception.out_of_range.406] number overflow parsing '1e999'" -> the line of
// the first occurrence of that number and a message that says what to do.
ConfigError number_overflow_error(std::string_view text, const std::string& file_name,
                                  std::string_view what) {
    const auto open = what.find('\'');
    const auto close = open == std::string_view::npos ? open : what.find('\'', open + 1);
    if (close == std::string_view::npos) return {file_name, 0, "", std::string(what)};
    const std::string_view number = what.substr(open + 1, close - open - 1);
    const auto at = text.find(number);
    const int line = at == std::string_view::npos ? 0 : line_at_byte(text, at + 1);
    return {file_name, line, "",
            "the number " + std::string(number) + " is too large for any setting"};
}

// Problems in the file first, in line order, then the environment's.
void sort_errors(std::vector<ConfigError>& errors) {
    std::ranges::stable_sort(errors, [](const ConfigError& a, const ConfigError& b) {
        const bool a_env = a.file == kEnvironment;
        const bool b_env = b.file == kEnvironment;
        if (a_env != b_env) return b_env;
        return a.line < b.line;
    });
}

std::expected<KioskConfig, std::vector<ConfigError>> finish(Loader& loader, const Environment& env,
                                                            std::vector<ConfigError>& errors) {
    loader.apply_environment(env);
    loader.cross_check();
    if (!errors.empty()) {
        sort_errors(errors);
        return std::unexpected(std::move(errors));
    }
    return loader.take_config();
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// The file's text, or why it cannot be had.
std::expected<std::string, std::string> read_text(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) return std::unexpected(std::string("cannot read: ") + std::strerror(errno));
    std::string text;
    char buffer[8192];
    while (true) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        text.append(buffer, got);
        if (text.size() > kMaxConfigBytes) {
            return std::unexpected("larger than " + std::to_string(kMaxConfigBytes) +
                                   " bytes; is this the config file?");
        }
        if (got < sizeof buffer) break;
    }
    if (std::ferror(file.get())) {
        return std::unexpected(std::string("cannot read: ") + std::strerror(errno));
    }
    return text;
}

}  // namespace

std::expected<KioskConfig, std::vector<ConfigError>> parse_config(
    std::string_view text, const std::string& file_name, const Environment& env) {
    std::vector<ConfigError> errors;
    Loader loader(errors);
    try {
        const json root = json::parse(text, nullptr, /*allow_exceptions=*/true,
                                      /*ignore_comments=*/true);
        loader.read_file(root, file_name, scan_key_lines(text));
    } catch (const json::parse_error& error) {
        errors.push_back({file_name, line_at_byte(text, error.byte), "",
                          syntax_message(error.what())});
    } catch (const json::out_of_range& error) {
        // nlohmann's one out_of_range while parsing (406): a number beyond a double, e.g.
        // 1e999. It carries no position, so the line is found from the number itself.
        errors.push_back(number_overflow_error(text, file_name, error.what()));
    } catch (const json::exception& error) {
        // Not expected from parsing; still a rejected file, never a crashed kiosk.
        errors.push_back({file_name, 0, "", error.what()});
    }
    return finish(loader, env, errors);
}

std::expected<KioskConfig, std::vector<ConfigError>> load_config(
    const std::filesystem::path& path, const Environment& env, bool must_exist) {
    std::vector<ConfigError> errors;
    auto fail = [&](std::string message) {
        errors.push_back({path.string(), 0, "", std::move(message)});
        Loader loader(errors);
        return finish(loader, env, errors);
    };
    std::error_code status_error;
    const auto status = std::filesystem::status(path, status_error);
    if (status.type() == std::filesystem::file_type::not_found) {
        if (must_exist) return fail("no such file");
        Loader loader(errors);
        return finish(loader, env, errors);  // defaults + environment
    }
    if (status_error) return fail("cannot read: " + status_error.message());
    if (std::filesystem::is_directory(status)) return fail("is a directory, not a config file");
    if (!std::filesystem::is_regular_file(status)) return fail("not a regular file");
    auto text = read_text(path);
    if (!text) return fail(text.error());
    return parse_config(*text, path.string(), env);
}

}  // namespace redgrid::config
