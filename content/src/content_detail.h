// Shared by the content parser and validator; not part of the public interface.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "redgrid/content/content_parse.h"

namespace redgrid::content::detail {

// Collects problems, remembers where they were (so later checks do not pile a second,
// derived complaint onto a value already reported), and stops growing after
// content_limits::max_errors so hostile input cannot make the list itself huge.
class ErrorSink {
public:
    void add(std::string pointer, std::string message);
    // True if a problem was reported at `pointer` or anywhere inside it.
    bool has_at_or_under(std::string_view pointer) const;
    bool empty() const { return errors_.empty(); }
    bool full() const { return dropped_ > 0; }
    ContentErrors take();

private:
    ContentErrors errors_;
    std::set<std::string, std::less<>> pointers_;
    std::size_t dropped_ = 0;
};

// RFC 6901: "~" -> "~0", "/" -> "~1".
std::string pointer_to(std::string_view base, std::string_view key);
std::string pointer_to(std::string_view base, std::size_t index);

// Number of code points, or nullopt if `text` is not valid UTF-8 (overlongs,
// surrogates and values above U+10FFFF are invalid).
std::optional<std::size_t> count_code_points(std::string_view text);
// Byte offset of the first invalid UTF-8 sequence, or nullopt if all valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Reads the fields of a parsed document into a Bundle (content_read.cpp). Strings are moved
// out of the document, which is left valid but not worth reading again.
Bundle read_bundle(nlohmann::json& document, ErrorSink& sink);

// The value-level rules of validate_bundle, adding to `sink`.
void validate_into(const Bundle& bundle, ErrorSink& sink);

// "\"text\"" with the text cut to a readable length for messages.
std::string in_quotes(std::string_view text);

}  // namespace redgrid::content::detail
