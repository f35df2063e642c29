// JSON text -> Bundle: the raw-text checks (size, UTF-8, depth), the JSON syntax and
// duplicate keys here; content_read.cpp reads the fields (types, unknown keys, enums);
// content_validate.cpp checks the values (lengths, limits, references, geometry).
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>

#include "content_detail.h"

namespace redgrid::content {

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

// Builds the DOM from nlohmann's SAX events (what json::parse does inside), and follows
// the parse to know the JSON pointer of the value being read. nlohmann keeps the last of
// duplicate keys silently; a bundle with two "name"s is ambiguous, so they are reported
// here, at the moment the second key is read (the object's own map finds it: no set of
// keys on the side). A number too large for a double (1e999) makes the parser report an
// out_of_range before the value reaches us, and pending_pointer() then names where it was.
// (This replaced json::parse with a callback, whose per-event json copies of every key
// and value cost more than the parse itself: issue 7.)
class DomBuilder {
public:
    DomBuilder(json& root, ErrorSink& sink) : root_(root), sink_(sink) {}

    bool null() { return value(nullptr); }
    bool boolean(bool v) { return value(v); }
    bool number_integer(json::number_integer_t v) { return value(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value(v); }
    bool number_float(json::number_float_t v, const json::string_t& /*text*/) { return value(v); }
    bool string(json::string_t& v) { return value(v); }
    bool binary(json::binary_t& v) { return value(json::binary(v)); }

    bool start_object(std::size_t /*elements*/) { return open(json::value_t::object); }
    bool start_array(std::size_t /*elements*/) { return open(json::value_t::array); }
    bool end_object() { return end(); }
    bool end_array() { return end(); }

    bool key(json::string_t& key) {
        Frame& frame = frames_.back();
        frame.key = key;
        auto& members = stack_.back()->get_ref<json::object_t&>();
        const auto [it, inserted] = members.try_emplace(key);
        if (!inserted) sink_.add(pointer(0), "duplicate key " + in_quotes(frame.key));
        member_ = &it->second;  // a duplicate's later value replaces the earlier, as nlohmann does
        return true;
    }

    // As nlohmann's own DOM parser: the parse throws the exception it reports.
    template <class Exception>
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/, const Exception& error) {
        throw error;
    }

    // The pointer of the value the parser is about to read.
    std::string pending_pointer() const { return pointer(1); }

private:
    struct Frame {
        bool is_object;
        std::string key;       // objects: the key whose value is being parsed
        std::size_t elements;  // arrays: elements started so far
    };

    template <typename Value>
    bool value(Value&& v) {
        place(std::forward<Value>(v));
        return true;
    }

    // Puts a new value where the parse is (the root, the array's end, or the key's slot).
    template <typename Value>
    json* place(Value&& v) {
        if (stack_.empty()) {
            root_ = json(std::forward<Value>(v));
            return &root_;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            ++frames_.back().elements;
            return &parent.get_ref<json::array_t&>().emplace_back(std::forward<Value>(v));
        }
        *member_ = json(std::forward<Value>(v));
        return member_;
    }

    bool open(json::value_t type) {
        json* container = place(type);  // counts as an element of its parent first
        frames_.push_back({type == json::value_t::object, {}, 0});
        stack_.push_back(container);
        return true;
    }

    bool end() {
        frames_.pop_back();
        stack_.pop_back();
        return true;
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

    json& root_;
    ErrorSink& sink_;
    std::vector<Frame> frames_;
    std::vector<json*> stack_;  // the open objects and arrays, innermost last
    json* member_ = nullptr;    // the slot of the current key's value in the innermost object
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
    json document;
    DomBuilder tracker(document, sink);
    try {
        json::sax_parse(json_text.begin(), json_text.end(), &tracker);
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

}  // namespace redgrid::content
