#include "redgrid/render/text_layout.h"

#include "utf8.h"

#include <algorithm>

namespace redgrid::render {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

bool is_break_space(char32_t c) { return c == U' ' || c == U'\t'; }

struct Glyph {
    char32_t code;
    std::size_t begin;  // byte offsets into the text
    std::size_t end;
};

// A break between a and b (a directly followed by b) is allowed here.
bool can_break_between(char32_t a, char32_t b) {
    if (is_closing_punctuation(b) || is_opening_punctuation(a)) return false;
    if (is_break_space(b)) return false;  // break after the spaces, which the line then drops
    if (is_break_space(a)) return true;
    return is_cjk_codepoint(a) || is_cjk_codepoint(b);
}

class ParagraphBreaker {
public:
    ParagraphBreaker(const TextMeasurer& measurer, std::string_view text, const TextStyle& style, float box_width)
        : measurer_(measurer), text_(text), style_(style), box_width_(box_width) {}

    void run(std::size_t first, std::size_t last, const std::vector<Glyph>& glyphs, std::vector<TextLine>& out) {
        std::size_t start = first;
        bool emitted = false;
        while (true) {
            while (start < last && is_break_space(glyphs[start].code)) ++start;
            if (start >= last) {
                if (!emitted) out.push_back({});  // an empty paragraph is still a line
                return;
            }
            std::size_t last_break = start;  // start = no break opportunity seen yet
            std::size_t fit_end = start;
            std::size_t i = start;
            for (; i < last; ++i) {
                if (i > start && width(glyphs, start, i + 1) > box_width_) break;
                fit_end = i + 1;
                if (i + 1 < last && can_break_between(glyphs[i].code, glyphs[i + 1].code)) last_break = i + 1;
            }
            if (i >= last) {
                out.push_back(make_line(glyphs, start, last));
                return;
            }
            // Glyph i does not fit: break at the last opportunity, or hard-wrap a long word.
            const std::size_t end = last_break > start ? last_break : fit_end;
            out.push_back(make_line(glyphs, start, end));
            emitted = true;
            start = end;
        }
    }

private:
    std::string_view trimmed(const std::vector<Glyph>& glyphs, std::size_t from, std::size_t to) const {
        while (to > from && is_break_space(glyphs[to - 1].code)) --to;
        if (to == from) return {};
        return text_.substr(glyphs[from].begin, glyphs[to - 1].end - glyphs[from].begin);
    }
    float width(const std::vector<Glyph>& glyphs, std::size_t from, std::size_t to) const {
        return measurer_.text_width(trimmed(glyphs, from, to), style_.size, style_.weight);
    }
    TextLine make_line(const std::vector<Glyph>& glyphs, std::size_t from, std::size_t to) const {
        std::string_view line = trimmed(glyphs, from, to);
        return {std::string(line), measurer_.text_width(line, style_.size, style_.weight)};
    }

    const TextMeasurer& measurer_;
    std::string_view text_;
    const TextStyle& style_;
    float box_width_;
};

bool has_visible_text(const TextLine& line) {
    return std::any_of(line.utf8.begin(), line.utf8.end(), [](char c) { return c != ' ' && c != '\t'; });
}

}  // namespace

bool is_cjk_codepoint(char32_t c) {
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3000 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_closing_punctuation(char32_t c) {
    switch (c) {
        case U'，': case U'。': case U'、': case U'；': case U'：': case U'？': case U'！': case U'）':
        case U'」': case U'』': case U'》': case U'〉': case U'】': case U'”': case U'’': case U'〕':
        case U'〗': case U'］': case U'｝': case U'．': case U'…': case U'％':
        case U',': case U'.': case U';': case U':': case U'?': case U'!': case U')': case U']': case U'}':
        case U'%':
            return true;
        default:
            return false;
    }
}

bool is_opening_punctuation(char32_t c) {
    switch (c) {
        case U'（': case U'「': case U'『': case U'《': case U'〈': case U'【': case U'“': case U'‘':
        case U'〔': case U'〖': case U'［': case U'｛': case U'(': case U'[': case U'{':
            return true;
        default:
            return false;
    }
}

std::vector<TextLine> layout_text(const TextMeasurer& measurer, std::string_view utf8, const TextStyle& style,
                                  float box_width) {
    std::vector<Glyph> glyphs;
    glyphs.reserve(utf8.size());
    for (std::size_t pos = 0; pos < utf8.size();) {
        const std::size_t begin = pos;
        const char32_t code = decode_utf8(utf8, pos);
        if (code == U'\r') continue;
        glyphs.push_back({code, begin, pos});
    }

    std::vector<TextLine> lines;
    ParagraphBreaker breaker(measurer, utf8, style, box_width);
    std::size_t paragraph_start = 0;
    for (std::size_t i = 0; i <= glyphs.size(); ++i) {
        if (i == glyphs.size() || glyphs[i].code == U'\n') {
            breaker.run(paragraph_start, i, glyphs, lines);
            paragraph_start = i + 1;
        }
    }

    if (style.max_lines <= 0 || lines.size() <= static_cast<std::size_t>(style.max_lines)) return lines;
    const bool cut_visible_text = std::any_of(lines.begin() + style.max_lines, lines.end(), has_visible_text);
    lines.resize(static_cast<std::size_t>(style.max_lines));
    if (!cut_visible_text) return lines;

    TextLine& last = lines.back();
    std::string shortened = last.utf8;
    while (true) {
        while (!shortened.empty() && (shortened.back() == ' ' || shortened.back() == '\t')) shortened.pop_back();
        std::string candidate = shortened + std::string(kEllipsis);
        const float candidate_width = measurer.text_width(candidate, style.size, style.weight);
        if (candidate_width <= box_width || shortened.empty()) {
            last = {std::move(candidate), candidate_width};
            break;
        }
        pop_last_codepoint(shortened);
    }
    return lines;
}

}  // namespace redgrid::render
