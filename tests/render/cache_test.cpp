// Redrawing unchanged content re-rasterises nothing; caches stay within their bounds;
// textures are not leaked.
#include "render_harness.h"

#include <gtest/gtest.h>

namespace redgrid::render {
namespace {

using testing::Harness;
using testing::rgb;

DrawList sample_screen(const std::string& notice_title) {
    DrawList list;
    list.clear = rgb(0xF4, 0xF5, 0xF7);
    list.add(RoundRect{{20, 20, 360, 120}, 16, rgb(255, 255, 255), {}, 0, 12});
    list.add(RoundRect{{20, 160, 170, 120}, 16, rgb(255, 255, 255), {}, 0, 12});
    list.add(Circle{{60, 60}, 24, rgb(0xC8, 0x10, 0x2E)});
    list.add(Polygon{{{220, 170}, {370, 190}, {300, 280}}, rgb(0xC8, 0x10, 0x2E)});
    list.add(Line{{200, 150}, {380, 158}, rgb(0x88, 0x88, 0x88), 2});
    list.add(Text{{100, 30, 270, 40}, "一鍵呼叫黨員", {28, FontWeight::bold, rgb(0x22, 0x22, 0x22)}});
    list.add(Text{{100, 80, 270, 40}, notice_title, {22, FontWeight::regular, rgb(0x55, 0x55, 0x55)}});
    list.add(Icon{{30, 180, 48, 48}, "phone", rgb(0xC8, 0x10, 0x2E)});
    return list;
}

TEST(TextCache, SecondDrawOfTheSameListHasNoMisses) {
    Harness h;
    h.draw(sample_screen("本周六社區(qū)義診"));
    const auto first = h.painter->stats();
    EXPECT_EQ(first.text.misses, 3u);  // two text runs and one icon
    h.draw(sample_screen("本周六社區(qū)義診"));
    const auto second = h.painter->stats();
    EXPECT_EQ(second.text.misses, first.text.misses);
    EXPECT_EQ(second.text.hits, first.text.hits + 3);
    EXPECT_EQ(second.text.entries, 3u);
    EXPECT_EQ(second.live_textures, first.live_textures);
    EXPECT_EQ(second.layout_misses, first.layout_misses);
}

TEST(TextCache, ChangingOneStringCostsExactlyOneMiss) {
    Harness h;
    h.draw(sample_screen("本周六社區(qū)義診"));
    const auto before = h.painter->stats();
    h.draw(sample_screen("下周一支部接待日"));
    const auto after = h.painter->stats();
    EXPECT_EQ(after.text.misses, before.text.misses + 1);
    EXPECT_EQ(after.shapes.misses, before.shapes.misses);
}

TEST(ShapeCache, SecondDrawHasNoMissesAndSameLookCardsShareATexture) {
    Harness h;
    h.draw(sample_screen("x"));
    const auto first = h.painter->stats();
    // Two cards of different sizes with the same look share one nine-slice texture:
    // card, circle, polygon, line.
    EXPECT_EQ(first.shapes.misses, 4u);
    EXPECT_EQ(first.shapes.entries, 4u);
    h.draw(sample_screen("x"));
    const auto second = h.painter->stats();
    EXPECT_EQ(second.shapes.misses, first.shapes.misses);
    EXPECT_EQ(second.shapes.hits, first.shapes.hits + 5);
}

TEST(ShapeCache, WholePixelTranslationReusesTheRaster) {
    Harness h;
    DrawList a;
    a.add(Circle{{50.25f, 50}, 20, rgb(10, 20, 30)});
    a.add(Polygon{{{10, 10}, {60, 15}, {30, 70}}, rgb(200, 0, 0)});
    DrawList b;
    b.add(Circle{{150.25f, 80}, 20, rgb(10, 20, 30)});
    b.add(Polygon{{{110, 110}, {160, 115}, {130, 170}}, rgb(200, 0, 0)});
    h.draw(a);
    const auto before = h.painter->stats();
    h.draw(b);
    EXPECT_EQ(h.painter->stats().shapes.misses, before.shapes.misses);
}

TEST(ShapeCache, ChangingOneColourCostsOneMiss) {
    Harness h;
    h.draw(sample_screen("x"));
    const auto before = h.painter->stats();
    DrawList changed = sample_screen("x");
    std::get<Circle>(changed.ops[2]).fill = rgb(0, 0x80, 0);
    h.draw(changed);
    EXPECT_EQ(h.painter->stats().shapes.misses, before.shapes.misses + 1);
}

TEST(TextCache, StaysWithinItsByteBoundUnderChangingContent) {
    PainterOptions options;
    options.text_cache_bytes = 256 * 1024;
    Harness h(400, 300, options);
    std::size_t peak_textures = 0;
    for (int i = 0; i < 300; ++i) {
        DrawList list;
        list.add(Text{{0, 0, 400, 60}, "第" + std::to_string(i) + "條通知：社區(qū)活動更新", {32}});
        h.draw(list);
        peak_textures = std::max(peak_textures, h.painter->stats().live_textures);
    }
    const auto stats = h.painter->stats();
    EXPECT_EQ(stats.text.misses, 300u);
    EXPECT_LE(stats.text.bytes, options.text_cache_bytes);
    EXPECT_GT(stats.text.evictions, 0u);
    EXPECT_LT(stats.text.entries, 300u);
    EXPECT_LE(peak_textures, stats.text.entries + 1);
}

TEST(Textures, AllAreReleasedWithThePainter) {
    const std::size_t baseline = live_texture_count();
    {
        Harness h;
        h.draw(sample_screen("本周六社區(qū)義診"));
        EXPECT_GT(live_texture_count(), baseline);
    }
    EXPECT_EQ(live_texture_count(), baseline);
}

}  // namespace
}  // namespace redgrid::render
