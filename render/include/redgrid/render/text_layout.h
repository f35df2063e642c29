// Line breaking for Chinese-first UI text: pure logic over a TextMeasurer, so it can be
// tested with a fake font and reused by screens that need to know how tall text will be.
#pragma once

#include "redgrid/render/draw_list.h"

#include <string>
#include <string_view>
#include <vector>

namespace redgrid::render {

// How wide text is in a given font; FontSet implements it with the real fonts.
class TextMeasurer {
public:
    virtual ~TextMeasurer() = default;
    virtual float text_width(std::string_view utf8, float size, FontWeight weight) const = 0;
    virtual float line_height(float size, FontWeight weight) const = 0;  // the font's own height
    virtual float ascent(float size, FontWeight weight) const = 0;
};

struct TextLine {
    std::string utf8;
    float width = 0;
};

// Wraps utf8 into lines no wider than box_width: a break may fall between any two CJK
// characters and at spaces in Latin text; closing punctuation never starts a line and
// opening punctuation never ends one; words longer than a line are hard-wrapped; '\n'
// starts a new line. With style.max_lines > 0, text beyond that many lines is cut and the
// last line ends in "…" (shortened until it fits with the ellipsis).
std::vector<TextLine> layout_text(const TextMeasurer& measurer, std::string_view utf8, const TextStyle& style,
                                  float box_width);

// Distance between the tops of consecutive lines.
inline float line_advance(const TextStyle& style) { return style.size * style.line_spacing; }

// Height of n laid-out lines.
inline float text_block_height(const TextStyle& style, std::size_t lines) {
    return lines == 0 ? 0.0f : line_advance(style) * static_cast<float>(lines);
}

// Character classes used by the line breaker (exposed for tests).
bool is_cjk_codepoint(char32_t c);
bool is_closing_punctuation(char32_t c);
bool is_opening_punctuation(char32_t c);

}  // namespace redgrid::render
