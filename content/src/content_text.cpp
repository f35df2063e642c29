// Small text helpers of the content boundary: error bookkeeping, JSON pointers, UTF-8,
// colours and the enum names.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "content_detail.h"

namespace redgrid::content {

std::string ContentError::to_string() const {
    if (pointer.empty()) return message;
    return pointer + ": " + message;
}

namespace detail {

void ErrorSink::add(std::string pointer, std::string message) {
    if (errors_.size() >= content_limits::max_errors) {
        ++dropped_;
        return;
    }
    pointers_.insert(pointer);
    errors_.push_back({std::move(pointer), std::move(message)});
}

bool ErrorSink::has_at_or_under(std::string_view pointer) const {
    if (pointers_.empty()) return false;  // the common case: validation asks for every field
    if (pointers_.contains(pointer)) return true;
    const std::string prefix = std::string(pointer) + "/";
    const auto it = pointers_.lower_bound(prefix);
    return it != pointers_.end() && it->starts_with(prefix);
}

ContentErrors ErrorSink::take() {
    ContentErrors result = std::move(errors_);
    if (dropped_ > 0) {
        result.push_back({"", "and " + std::to_string(dropped_) +
                                  " more problems (only the first " +
                                  std::to_string(content_limits::max_errors) + " are listed)"});
    }
    errors_.clear();
    pointers_.clear();
    dropped_ = 0;
    return result;
}

std::string pointer_to(std::string_view base, std::string_view key) {
    std::string result(base);
    result += '/';
    for (const char c : key) {
        if (c == '~') {
            result += "~0";
        } else if (c == '/') {
            result += "~1";
        } else {
            result += c;
        }
    }
    return result;
}

std::string pointer_to(std::string_view base, std::size_t index) {
    return std::string(base) + "/" + std::to_string(index);
}

namespace {

// Length of the valid UTF-8 sequence starting at `pos`, or 0 if it is invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    char32_t code_point = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07;
    } else {
        return 0;  // continuation byte as lead, overlong 2-byte lead, or beyond U+10FFFF
    }
    if (pos + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char next = byte(pos + i);
        if ((next & 0xC0) != 0x80) return 0;
        code_point = (code_point << 6) | (next & 0x3F);
    }
    const bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (overlong || surrogate || code_point > 0x10FFFF) return 0;
    return length;
}

// Bundles are mostly ASCII (keys, ids, numbers): 8 bytes at a time while no byte has its
// top bit set, then the full check for the multi-byte sequence (issue 7: half the cost of
// these passes over a large bundle).
std::size_t ascii_run(std::string_view text, std::size_t pos) {
    const std::size_t start = pos;
    while (pos + 8 <= text.size()) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + pos, 8);
        if ((word & 0x8080808080808080ull) != 0) break;
        pos += 8;
    }
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
    return pos - start;
}

}  // namespace

std::optional<std::size_t> count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t ascii = ascii_run(text, pos);
        pos += ascii;
        count += ascii;
        if (pos == text.size()) break;
        const std::size_t length = utf8_sequence_length(text, pos);
        if (length == 0) return std::nullopt;
        pos += length;
        ++count;
    }
    return count;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        pos += ascii_run(text, pos);
        if (pos == text.size()) break;
        const std::size_t length = utf8_sequence_length(text, pos);
        if (length == 0) return pos;
        pos += length;
    }
    return std::nullopt;
}

std::string in_quotes(std::string_view text) {
    constexpr std::size_t max_shown_bytes = 48;
    std::string result = "\"";
    if (text.size() <= max_shown_bytes) {
        result += text;
    } else {
        // Cut on a code point boundary so the message itself stays valid UTF-8.
        std::size_t cut = max_shown_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        result += text.substr(0, cut);
        result += "...";
    }
    result += '"';
    return result;
}

}  // namespace detail

std::optional<std::uint32_t> parse_color(std::string_view text) {
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#') return std::nullopt;
    std::uint32_t value = 0;
    for (const char c : text.substr(1)) {
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        value = (value << 4) | digit;
    }
    if (text.size() == 7) value = (value << 8) | 0xFF;
    return value;
}

std::string format_color(std::uint32_t rgba) {
    char buffer[16];
    if ((rgba & 0xFF) == 0xFF) {
        std::snprintf(buffer, sizeof buffer, "#%06X", static_cast<unsigned>(rgba >> 8));
    } else {
        std::snprintf(buffer, sizeof buffer, "#%08X", static_cast<unsigned>(rgba));
    }
    return buffer;
}

std::string_view to_string(Role role) {
    switch (role) {
        case Role::liaison: return "liaison";
        case Role::server: return "server";
        case Role::mediator: return "mediator";
        case Role::governance: return "governance";
        case Role::publicity: return "publicity";
    }
    return "server";
}

std::string_view to_string(ServiceKind kind) {
    switch (kind) {
        case ServiceKind::five_ones: return "five_ones";
        case ServiceKind::brand: return "brand";
        case ServiceKind::other: return "other";
    }
    return "other";
}

std::string_view to_string(ActivityKind kind) {
    switch (kind) {
        case ActivityKind::reception_day: return "reception_day";
        case ActivityKind::joint_meeting: return "joint_meeting";
        case ActivityKind::service_event: return "service_event";
    }
    return "service_event";
}

std::string_view to_string(NoticePriority priority) {
    switch (priority) {
        case NoticePriority::normal: return "normal";
        case NoticePriority::high: return "high";
        case NoticePriority::urgent: return "urgent";
    }
    return "normal";
}

std::string_view to_string(HonourBoard board) {
    switch (board) {
        case HonourBoard::governance_star: return "governance_star";
        case HonourBoard::service_star: return "service_star";
    }
    return "service_star";
}

}  // namespace redgrid::content
