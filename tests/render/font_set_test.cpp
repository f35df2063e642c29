// FontSet keeps one font per face (each CJK font holds ~2.5 MB of FreeType and HarfBuzz
// tables) and moves it to the size asked for: what it measures and draws at any size is what
// a font freshly opened at that size would, and measuring again touches no font.
#include <SDL_ttf.h>
#include <gtest/gtest.h>
#include <cstring>

#include "redgrid/render/fonts.h"
#include "render_harness.h"

namespace redgrid::render {
namespace {

constexpr const char* kSample = "光明社区党群服务中心 Community 12:45";

// The face FontSet chose, opened the plain SDL_ttf way at one size.
FontPtr fresh_font(int px, long index) {
    return FontPtr(TTF_OpenFontIndex(default_text_font_files().front().c_str(), px, index));
}

TEST(FontSet, OneFontPerFaceMeasuresAndDrawsLikeAFreshFontAtEverySize) {
    auto library = testing::init_sdl_for_tests();
    auto fonts = FontSet::load();
    ASSERT_TRUE(fonts) << fonts.error();
    if (fonts->description().find("NotoSansCJK-Regular.ttc #2") == std::string::npos)
        GTEST_SKIP() << "compares against Noto Sans CJK SC: " << fonts->description();
    EXPECT_LE(fonts->open_font_count(), 3u);
    // Sizes up and down and back again, as a screen's elements ask for them.
    for (int px : {12, 40, 13, 96, 22, 22, 12, 31, 40}) {
        auto fresh = fresh_font(px, 2);
        ASSERT_TRUE(fresh) << TTF_GetError();
        TTF_SetFontHinting(fresh.get(), TTF_HINTING_LIGHT);
        int w = 0, h = 0;
        ASSERT_EQ(TTF_SizeUTF8(fresh.get(), kSample, &w, &h), 0);
        EXPECT_FLOAT_EQ(fonts->text_width(kSample, static_cast<float>(px), FontWeight::regular), static_cast<float>(w))
            << px << " px";
        EXPECT_FLOAT_EQ(fonts->line_height(static_cast<float>(px), FontWeight::regular),
                        static_cast<float>(TTF_FontHeight(fresh.get())))
            << px << " px";
        EXPECT_FLOAT_EQ(fonts->ascent(static_cast<float>(px), FontWeight::regular),
                        static_cast<float>(TTF_FontAscent(fresh.get())))
            << px << " px";
        // The pixels too: the moved font renders the glyphs a fresh one does.
        TTF_Font* moved = fonts->text_font(px, FontWeight::regular);
        SurfacePtr a(TTF_RenderUTF8_Blended(moved, kSample, SDL_Color{0, 0, 0, 255}));
        SurfacePtr b(TTF_RenderUTF8_Blended(fresh.get(), kSample, SDL_Color{0, 0, 0, 255}));
        ASSERT_TRUE(a && b);
        ASSERT_EQ(a->w, b->w);
        ASSERT_EQ(a->h, b->h);
        for (int y = 0; y < a->h; ++y)
            ASSERT_EQ(
                std::memcmp(static_cast<const char*>(a->pixels) + y * a->pitch,
                            static_cast<const char*>(b->pixels) + y * b->pitch, static_cast<std::size_t>(a->w) * 4),
                0)
                << px << " px, row " << y;
    }
    EXPECT_LE(fonts->open_font_count(), 3u);
    EXPECT_GT(fonts->font_rescales(), 0u);
}

TEST(FontSet, MeasuringAgainMovesNoFont) {
    auto library = testing::init_sdl_for_tests();
    auto fonts = FontSet::load();
    ASSERT_TRUE(fonts) << fonts.error();
    // A layout asks for widths and heights at interleaved sizes; the second pass of the same
    // layout (the next frame) must be answered from memory.
    const auto layout = [&] {
        float sum = 0;
        for (int px : {20, 36, 20, 28, 36})
            for (auto weight : {FontWeight::regular, FontWeight::bold})
                sum += fonts->text_width(kSample, static_cast<float>(px), weight) +
                       fonts->line_height(static_cast<float>(px), weight) +
                       fonts->ascent(static_cast<float>(px), weight);
        return sum;
    };
    const float first = layout();
    const auto rescales = fonts->font_rescales();
    EXPECT_EQ(layout(), first);
    EXPECT_EQ(fonts->font_rescales(), rescales);
}

}  // namespace
}  // namespace redgrid::render
