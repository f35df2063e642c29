// JSON text -> Bundle: the raw-text checks (size, UTF-8, depth), the JSON syntax and
// duplicate keys here; content_read.cpp reads the fields (types, unknown keys, enums);
// content_validate.cpp checks the values (lengths, limits, references, geometry).
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_set>
#include <utility>

#include "content_detail.h"

namespace redgrid::kiosk {

namespace {

using nlohmann::json;
using detail::ErrorSink;
using detail::pointer_to;
using detail::in_quotes;

struct TextPosition {
    std::size_t line = 1;    // 1-based
    std::size_t column = 1;  // 1-based, in bytes
};

TextPosition position_of(std::string_view text, std::size_t offset) {
    TextPosition position;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

std::string where_in_text(std::string_view text, std::size_t offset) {
    const TextPosition position = position_of(text, offset);
    return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column) +
           " (byte " + std::to_string(offset) + ")";
}

// Everything that must hold before the text reaches the JSON parser. Depth is counted
// here, outside strings, because a deep document costs memory and stack in any parser
// before it could be rejected there.
std::optional<ContentError> check_raw_text(std::string_view text) {
    if (text.size() > content_limits::max_document_bytes) {
        return ContentError{"", "bundle is " + std::to_string(text.size()) +
                                    " bytes, more than the limit of " +
                                    std::to_string(content_limits::max_document_bytes)};
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return ContentError{"", "empty document: a bundle is a JSON object"};
    }
    if (const auto bad = detail::first_invalid_utf8(text)) {
        return ContentError{"", "invalid UTF-8 at " + where_in_text(text, *bad)};
    }
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > content_limits::max_nesting_depth) {
                return ContentError{"", "nesting deeper than " +
                                            std::to_string(content_limits::max_nesting_depth) +
                                            " levels at " + where_in_text(text, i)};
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// Follows the parse through nlohmann's callback to know the JSON pointer of the value
// being read. nlohmann keeps the last of duplicate keys silently; a bundle with two
// "name"s is ambiguous, so they are reported here. A number too large for a double
// (1e999) makes nlohmann throw before the value reaches the callback, and
// pending_pointer() then names where it was.
class ParseTracker {
public:
    explicit ParseTracker(ErrorSink& sink) : sink_(sink) {}

    bool on_event(json::parse_event_t event, const json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
                element_starts();
                frames_.push_back({true, {}, {}, 0});
                break;
            case json::parse_event_t::array_start:
                element_starts();
                frames_.push_back({false, {}, {}, 0});
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!frames_.empty()) frames_.pop_back();
                break;
            case json::parse_event_t::key:
                if (!frames_.empty() && parsed.is_string()) {
                    Frame& frame = frames_.back();
                    frame.key = parsed.get<std::string>();
                    if (!frame.keys.insert(frame.key).second) {
                        sink_.add(pointer(0), "duplicate key " + in_quotes(frame.key));
                    }
                }
                break;
            case json::parse_event_t::value:
                element_starts();
                break;
        }
        return true;
    }

    // The pointer of the value the parser is about to read.
    std::string pending_pointer() const { return pointer(1); }

private:
    struct Frame {
        bool is_object;
        std::unordered_set<std::string> keys;
        std::string key;       // objects: the key whose value is being parsed
        std::size_t elements;  // arrays: elements started so far
    };

    void element_starts() {
        if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().elements;
    }

    // `pending` is 1 when the innermost array's next element has not started yet.
    std::string pointer(std::size_t pending) const {
        std::string result;
        for (std::size_t i = 0; i < frames_.size(); ++i) {
            const Frame& frame = frames_[i];
            const std::size_t started = i + 1 == frames_.size() ? frame.elements + pending : frame.elements;
            result = frame.is_object ? pointer_to(result, frame.key) : pointer_to(result, started - 1);
        }
        return result;
    }

    ErrorSink& sink_;
    std::vector<Frame> frames_;
};

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 9:
// syntax error while parsing ..."; keep only the description, positions are added by us.
std::string syntax_description(const json::parse_error& error) {
    const std::string_view what = error.what();
    const auto at = what.find("parse error");
    const auto colon = what.find(": ", at == std::string_view::npos ? 0 : at);
    if (colon == std::string_view::npos) return std::string(what);
    return std::string(what.substr(colon + 2));
}

}  // namespace

std::expected<Bundle, ContentErrors> parse_bundle(std::string_view json_text) {
    if (auto problem = check_raw_text(json_text)) return std::unexpected(ContentErrors{std::move(*problem)});

    ErrorSink sink;
    ParseTracker tracker(sink);
    json document;
    try {
        document = json::parse(json_text.begin(), json_text.end(),
                               [&tracker](int /*depth*/, json::parse_event_t event, json& parsed) {
                                   return tracker.on_event(event, parsed);
                               });
    } catch (const json::parse_error& error) {
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        return std::unexpected(ContentErrors{
            {"", "JSON syntax error at " + where_in_text(json_text, offset) + ": " + syntax_description(error)}});
    } catch (const json::out_of_range&) {
        // nlohmann's only out_of_range while parsing: a number beyond double (406).
        return std::unexpected(
            ContentErrors{{tracker.pending_pointer(), "number too large: not a finite number"}});
    } catch (const json::exception& error) {
        // Not expected from parsing; still a rejected bundle, never a crashed kiosk.
        return std::unexpected(ContentErrors{{tracker.pending_pointer(), error.what()}});
    }
    if (!document.is_object()) {
        return std::unexpected(
            ContentErrors{{"", std::string("a bundle must be a JSON object, not ") + document.type_name()}});
    }

    Bundle bundle = detail::read_bundle(document, sink);
    // A bundle whose shape is already wrong everywhere gives nothing useful to check
    // further; the first max_errors problems are enough to fix it.
    if (!sink.full() && !sink.has_at_or_under("/format")) detail::validate_into(bundle, sink);
    if (!sink.empty()) return std::unexpected(sink.take());
    return bundle;
}

std::expected<Bundle, ContentErrors> load_bundle_file(const std::filesystem::path& path) {
    const auto fail = [&](std::string message) {
        return std::unexpected(ContentErrors{{"", std::move(message) + " " + path.string()}});
    };
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail("cannot open the bundle file");
    // Read in chunks and stop just past the limit: the file's size may be anything.
    std::string text;
    std::vector<char> chunk(64 * 1024);
    while (file && text.size() <= content_limits::max_document_bytes) {
        file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    }
    if (file.bad()) return fail("cannot read the bundle file");

    auto result = parse_bundle(text);
    if (!result) {
        for (ContentError& error : result.error()) error.message += " (in " + path.string() + ")";
    }
    return result;
}

}  // namespace redgrid::kiosk
