#include "redgrid/render/text_layout.h"

#include "render_harness.h"

#include "../../render/src/utf8.h"

#include <gtest/gtest.h>

namespace redgrid::render {
namespace {

// Every CJK character (and the ellipsis) is 10 px wide, everything else 5 px.
class FakeMeasurer final : public TextMeasurer {
public:
    float text_width(std::string_view utf8, float, FontWeight) const override {
        float width = 0;
        for (std::size_t pos = 0; pos < utf8.size();) {
            const char32_t c = decode_utf8(utf8, pos);
            width += (is_cjk_codepoint(c) || c == U'…') ? 10.0f : 5.0f;
        }
        return width;
    }
    float line_height(float size, FontWeight) const override { return size; }
    float ascent(float size, FontWeight) const override { return size * 0.8f; }
};

std::vector<std::string> wrap(std::string_view text, float width, int max_lines = 0) {
    FakeMeasurer measurer;
    TextStyle style;
    style.max_lines = max_lines;
    std::vector<std::string> out;
    for (auto& line : layout_text(measurer, text, style, width)) out.push_back(line.utf8);
    return out;
}

using Lines = std::vector<std::string>;

TEST(TextLayout, BreaksBetweenAnyTwoCjkCharacters) {
    EXPECT_EQ(wrap("一二三四五六七八九十", 45), (Lines{"一二三四", "五六七八", "九十"}));
}

TEST(TextLayout, ShortTextIsOneLine) { EXPECT_EQ(wrap("網格服務", 100), (Lines{"網格服務"})); }

TEST(TextLayout, ClosingPunctuationNeverStartsALine) {
    // "一二三四" fills the line; "。" may not begin the next, so "四" moves down with it.
    EXPECT_EQ(wrap("一二三四。五六", 40), (Lines{"一二三", "四。五六"}));
    EXPECT_EQ(wrap("一二三四」，五", 40), (Lines{"一二三", "四」，五"}));
}

TEST(TextLayout, OpeningPunctuationNeverEndsALine) {
    EXPECT_EQ(wrap("一二三「四五」", 40), (Lines{"一二三", "「四五」"}));
    EXPECT_EQ(wrap("一二三（四）", 40), (Lines{"一二三", "（四）"}));
}

TEST(TextLayout, AsciiPunctuationFollowsTheSameRules) {
    // "一二三四" is 40 px; the "," may not start a line.
    EXPECT_EQ(wrap("一二三四,五", 40), (Lines{"一二三", "四,五"}));
}

TEST(TextLayout, LatinBreaksAtSpacesOnly) {
    EXPECT_EQ(wrap("hello world foo", 60), (Lines{"hello world", "foo"}));
    EXPECT_EQ(wrap("call a member now", 40), (Lines{"call a", "member", "now"}));
}

TEST(TextLayout, HardWrapsAWordLongerThanTheLine) {
    EXPECT_EQ(wrap("abcdefghijklmnop", 30), (Lines{"abcdef", "ghijkl", "mnop"}));
    EXPECT_EQ(wrap("go https://example.org/x", 40), (Lines{"go", "https://", "example.", "org/x"}));
}

TEST(TextLayout, MixedChineseAndLatin) {
    // 服務熱線 = 40, then " " then digits: the number stays whole.
    EXPECT_EQ(wrap("服務熱線 12345678", 60), (Lines{"服務熱線", "12345678"}));
}

TEST(TextLayout, HonoursNewlines) {
    EXPECT_EQ(wrap("一二\n三", 100), (Lines{"一二", "三"}));
    EXPECT_EQ(wrap("a\n\nb", 100), (Lines{"a", "", "b"}));
}

TEST(TextLayout, CutsToMaxLinesWithAnEllipsis) {
    // Line 2 would be "五六七八"; with "…" it must still fit 40 px, so it loses one character.
    EXPECT_EQ(wrap("一二三四五六七八九十", 40, 2), (Lines{"一二三四", "五六七…"}));
    EXPECT_EQ(wrap("one two three four five", 50, 1), (Lines{"one two…"}));
}

TEST(TextLayout, NoEllipsisWhenEverythingFits) {
    EXPECT_EQ(wrap("一二三四", 40, 1), (Lines{"一二三四"}));
    EXPECT_EQ(wrap("一二\n", 40, 1), (Lines{"一二"}));
}

TEST(TextLayout, ReportsLineWidths) {
    FakeMeasurer measurer;
    TextStyle style;
    style.max_lines = 0;
    auto lines = layout_text(measurer, "ab 一二", style, 100);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_FLOAT_EQ(lines[0].width, 35);
}

TEST(TextLayout, RealFontLinesFitTheBox) {
    auto library = testing::init_sdl_for_tests();
    auto fonts = FontSet::load();
    ASSERT_TRUE(fonts) << fonts.error();
    TextStyle style;
    style.size = 28;
    style.max_lines = 0;
    const std::string notice =
        "光明街道黨群服務中心將于本周六上午九點在社區(qū)廣場舉辦便民服務活動，提供義診、理發(fā)、家電維修等服務，歡迎居民參加。";
    auto lines = layout_text(*fonts, notice, style, 300);
    ASSERT_GT(lines.size(), 2u);
    std::string joined;
    for (const auto& line : lines) {
        EXPECT_LE(line.width, 300.0f) << line.utf8;
        EXPECT_FALSE(line.utf8.starts_with("，") || line.utf8.starts_with("。") || line.utf8.starts_with("、"))
            << line.utf8;
        joined += line.utf8;
    }
    EXPECT_EQ(joined, notice);  // nothing lost, nothing added
}

}  // namespace
}  // namespace redgrid::render
