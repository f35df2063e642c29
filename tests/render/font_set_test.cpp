// FontSet keeps a bounded number of sizes open per face (each CJK size holds ~2.5 MB of
// FreeType and HarfBuzz tables): a new size past the bound rescales the least recently used
// one, and what it measures and draws is what a freshly opened font would.
#include <SDL_ttf.h>
#include <gtest/gtest.h>

#include "redgrid/render/fonts.h"
#include "render_harness.h"

namespace redgrid::render {
namespace {

constexpr const char* kSample = "光明社区党群服务中心 Community 12:45";

TEST(FontSet, KeepsABoundedNumberOfSizesOpenPerFace) {
    auto library = testing::init_sdl_for_tests();
    auto fonts = FontSet::load();
    ASSERT_TRUE(fonts) << fonts.error();
    // Widths at each size, measured while every size still has a font of its own.
    const int first = 12, sizes = static_cast<int>(FontSet::kMaxOpenSizesPerFace) * 3;
    std::vector<float> fresh, fresh_height;
    for (int px = first; px < first + static_cast<int>(FontSet::kMaxOpenSizesPerFace); ++px) {
        fresh.push_back(fonts->text_width(kSample, static_cast<float>(px), FontWeight::regular));
        fresh_height.push_back(fonts->line_height(static_cast<float>(px), FontWeight::regular));
    }
    EXPECT_EQ(fonts->font_rescales(), 0u);

    for (int px = first; px < first + sizes; ++px) {
        fonts->text_width(kSample, static_cast<float>(px), FontWeight::regular);
        fonts->text_width(kSample, static_cast<float>(px), FontWeight::bold);
        fonts->icon_font(px);
    }
    EXPECT_EQ(fonts->open_font_count(), 3 * FontSet::kMaxOpenSizesPerFace);
    EXPECT_GT(fonts->font_rescales(), 0u);

    // Back to the first sizes, now on rescaled fonts: the same widths, heights and glyphs.
    for (int px = first; px < first + static_cast<int>(FontSet::kMaxOpenSizesPerFace); ++px) {
        EXPECT_FLOAT_EQ(fonts->text_width(kSample, static_cast<float>(px), FontWeight::regular),
                        fresh[static_cast<std::size_t>(px - first)])
            << px << " px";
        EXPECT_FLOAT_EQ(fonts->line_height(static_cast<float>(px), FontWeight::regular),
                        fresh_height[static_cast<std::size_t>(px - first)])
            << px << " px";
    }
    EXPECT_EQ(fonts->open_font_count(), 3 * FontSet::kMaxOpenSizesPerFace);
}

TEST(FontSet, TheSizeInUseIsNotTheOneRescaled) {
    auto library = testing::init_sdl_for_tests();
    auto fonts = FontSet::load();
    ASSERT_TRUE(fonts) << fonts.error();
    TTF_Font* kept = nullptr;
    for (int px = 10; px < 10 + static_cast<int>(FontSet::kMaxOpenSizesPerFace) * 2; ++px) {
        kept = kept ? kept : fonts->text_font(40, FontWeight::bold);
        // Size 40 is used between every other size: the least recently used is never it.
        EXPECT_EQ(fonts->text_font(40, FontWeight::bold), kept);
        fonts->text_font(px == 40 ? 41 : px, FontWeight::bold);
    }
    int w = 0, h = 0;
    ASSERT_EQ(TTF_SizeUTF8(kept, kSample, &w, &h), 0);
    EXPECT_EQ(static_cast<float>(w), fonts->text_width(kSample, 40, FontWeight::bold));
}

}  // namespace
}  // namespace redgrid::render
