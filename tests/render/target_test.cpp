// Targets, fonts, and a kiosk-like screen drawn end to end (saved for a human to look at).
#include "render_harness.h"

#include <SDL_image.h>
#include "redgrid/render/png_codec.h"
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace redgrid::render {
namespace {

using testing::Harness;
using testing::rgb;

TEST(RenderTarget, OffscreenClearsReadsBackAndSavesPng) {
    Harness h(64, 48);
    DrawList list;
    list.clear = rgb(10, 200, 30);
    list.add(RoundRect{{0, 0, 10, 10}, 0, rgb(255, 0, 0)});
    auto px = h.draw(list);
    EXPECT_EQ(px.width, 64);
    EXPECT_EQ(px.height, 48);
    EXPECT_EQ(px.at(30, 30), rgb(10, 200, 30));
    EXPECT_EQ(px.at(5, 5), rgb(255, 0, 0));
    const auto path = h.media_dir.path() / "frame.png";
    ASSERT_TRUE(h.target->save_png(path.string()));
    SurfacePtr loaded(IMG_Load(path.c_str()));
    ASSERT_TRUE(loaded) << IMG_GetError();
    SurfacePtr rgba(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
    ASSERT_EQ(rgba->w, 64);
    const auto* p = static_cast<const std::uint8_t*>(rgba->pixels) + 30 * rgba->pitch + 30 * 4;
    EXPECT_EQ((Color{p[0], p[1], p[2], p[3]}), rgb(10, 200, 30));
}

// save_png encodes the offscreen surface in place: every draw call made so far (SDL may
// still hold some in its batch) must reach the file, pixel for pixel as read_pixels sees it.
TEST(RenderTarget, SavedPngHoldsEveryQueuedDrawCallPixelForPixel) {
    auto library = testing::init_sdl_for_tests();
    auto target = RenderTarget::offscreen(97, 41);
    ASSERT_TRUE(target) << target.error();
    SDL_Renderer* renderer = (*target)->renderer();
    SDL_SetRenderDrawColor(renderer, 200, 16, 46, 255);
    SDL_RenderClear(renderer);
    SDL_SetRenderDrawColor(renderer, 20, 120, 220, 255);
    const SDL_Rect box{13, 7, 50, 21};
    SDL_RenderFillRect(renderer, &box);
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 128);  // blended: the surface's alpha drops
    const SDL_Rect veil{40, 20, 40, 15};
    SDL_RenderFillRect(renderer, &veil);

    testing::TempDir dir;
    const auto path = dir.path() / "queued.png";
    ASSERT_TRUE((*target)->save_png(path.string()));
    auto pixels = (*target)->read_pixels();
    ASSERT_TRUE(pixels) << pixels.error();
    std::FILE* file = std::fopen(path.c_str(), "rb");
    ASSERT_NE(file, nullptr);
    std::string bytes(static_cast<std::size_t>(1) << 16, '\0');
    bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file));
    std::fclose(file);
    auto saved = decode_png(bytes);
    ASSERT_TRUE(saved) << saved.error();
    ASSERT_EQ(saved->width, 97);
    ASSERT_EQ(saved->height, 41);
    for (int y = 0; y < 41; ++y)
        for (int x = 0; x < 97; ++x) {
            const Color want = pixels->at(x, y);
            ASSERT_EQ(saved->at(x, y), (Color{want.r, want.g, want.b, 255})) << "at " << x << "," << y;
        }
    EXPECT_EQ(saved->at(20, 10), rgb(20, 120, 220));
}

TEST(RenderTarget, RejectsABadSizeAndAnUnwritablePath) {
    auto library = testing::init_sdl_for_tests();
    auto bad = RenderTarget::offscreen(0, 10);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("0x10"), std::string::npos);
    auto target = RenderTarget::offscreen(8, 8);
    ASSERT_TRUE(target);
    auto saved = (*target)->save_png("/nonexistent-dir/x.png");
    ASSERT_FALSE(saved);
    EXPECT_NE(saved.error().find("/nonexistent-dir/x.png"), std::string::npos);
}

TEST(RenderTarget, WindowOpensOnTheDummyDriverAndPresents) {
    auto library = testing::init_sdl_for_tests();
    if (std::string(SDL_GetCurrentVideoDriver()) != "dummy") GTEST_SKIP() << "needs SDL_VIDEODRIVER=dummy";
    WindowOptions options;
    options.width = 320;
    options.height = 240;
    options.fullscreen = false;
    options.vsync = false;
    auto window = RenderTarget::open_window(options);
    ASSERT_TRUE(window) << window.error();
    EXPECT_EQ((*window)->width(), 320);
    EXPECT_EQ((*window)->height(), 240);
    SDL_SetRenderDrawColor((*window)->renderer(), 0, 0, 255, 255);
    SDL_RenderClear((*window)->renderer());
    auto pixels = (*window)->read_pixels();
    ASSERT_TRUE(pixels) << pixels.error();
    EXPECT_EQ(pixels->at(10, 10), rgb(0, 0, 255));
    (*window)->present();
}

TEST(FontSet, ErrorListsEveryPathTried) {
    auto library = testing::init_sdl_for_tests();
    FontOptions options;
    options.text_font_files = {"/nonexistent/a.ttc", "/etc/hostname"};
    options.use_default_text_fonts = false;
    auto fonts = FontSet::load(options);
    ASSERT_FALSE(fonts);
    EXPECT_NE(fonts.error().find("/nonexistent/a.ttc"), std::string::npos) << fonts.error();
    EXPECT_NE(fonts.error().find("/etc/hostname"), std::string::npos) << fonts.error();
}

TEST(FontSet, PicksTheSimplifiedChineseFaceAndARealBoldFace) {
    auto library = testing::init_sdl_for_tests();
    auto fonts = FontSet::load();
    ASSERT_TRUE(fonts) << fonts.error();
    const std::string description = fonts->description();
    if (std::filesystem::exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")) {
        EXPECT_NE(description.find("Noto Sans CJK SC (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc #2)"),
                  std::string::npos) << description;
        EXPECT_NE(description.find("NotoSansCJK-Bold.ttc"), std::string::npos) << description;
    }
    EXPECT_GT(fonts->text_width("黨群服務", 32, FontWeight::regular), 100.0f);
    EXPECT_EQ(fonts->icon_codepoint("phone"), char32_t{0xe0cd});
    EXPECT_EQ(fonts->icon_codepoint("volunteer_activist"), char32_t{0xea70});
    EXPECT_FALSE(fonts->icon_codepoint("no_such_icon"));
}

TEST(FontSet, ConfiguredFontComesFirst) {
    auto library = testing::init_sdl_for_tests();
    FontOptions options;
    options.text_font_files = {"/nonexistent/first.ttf", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"};
    auto fonts = FontSet::load(options);
    ASSERT_TRUE(fonts) << fonts.error();
    EXPECT_NE(fonts->description().find("WenQuanYi Micro Hei (/usr/share/fonts/truetype/wqy/wqy-microhei.ttc #0)"),
              std::string::npos) << fonts->description();
    EXPECT_NE(fonts->description().find("synthetic bold"), std::string::npos);
}

// A 1920x1080 screen in the spirit of the kiosk's home screen.
DrawList home_like_screen(int minute) {
    DrawList list;
    list.clear = rgb(0xF3, 0xF4, 0xF6);
    const Color red = rgb(0xC8, 0x10, 0x2E), ink = rgb(0x1F, 0x23, 0x28), muted = rgb(0x5F, 0x66, 0x70);
    list.add(RoundRect{{0, 0, 1920, 120}, 0, red});
    list.add(Text{{40, 30, 1200, 60}, "光明街道 · 黨群亮服務可視屏", {44, FontWeight::bold, rgb(255, 255, 255)}});
    list.add(Text{{1500, 30, 380, 60}, "09:" + std::to_string(10 + minute) + "  周六",
                  {40, FontWeight::regular, rgb(255, 255, 255), Align::right}});
    const char* titles[] = {"紅色地圖", "在崗黨員", "服務項目", "活動安排", "通知公告", "光榮榜"};
    const char* icons[] = {"map", "people", "volunteer_activism", "event", "campaign", "emoji_events"};
    for (int i = 0; i < 6; ++i) {
        const float x = 40 + static_cast<float>(i % 3) * 600, y = 160 + static_cast<float>(i / 3) * 330;
        list.add(RoundRect{{x, y, 560, 290}, 24, rgb(255, 255, 255), {}, 0, 18});
        list.add(Circle{{x + 90, y + 100}, 52, rgb(0xFD, 0xEC, 0xEE)});
        list.add(Icon{{x + 50, y + 60, 80, 80}, icons[i], red});
        list.add(Text{{x + 170, y + 60, 360, 60}, titles[i], {44, FontWeight::bold, ink}});
        list.add(Text{{x + 40, y + 180, 480, 90},
                      "本周六上午九點在社區(qū)廣場舉辦便民服務活動，提供義診、理發(fā)、家電維修等服務，歡迎參加。",
                      {26, FontWeight::regular, muted, Align::left, VAlign::top, 2}});
        list.target("tile:" + std::to_string(i), {x, y, 560, 290});
    }
    list.add(Polygon{{{1400, 900}, {1560, 860}, {1620, 980}, {1500, 1040}, {1380, 1000}}, rgb(0xF6, 0xC9, 0xCF),
                     red, 3});
    list.add(RoundRect{{40, 860, 1280, 180}, 90, red, {}, 0, 24});
    list.add(Icon{{110, 900, 100, 100}, "phone", rgb(255, 255, 255)});
    list.add(Text{{240, 860, 1000, 180}, "一鍵呼叫黨員",
                  {64, FontWeight::bold, rgb(255, 255, 255), Align::left, VAlign::middle}});
    list.add(Image{{1680, 860, 180, 180}, "missing-photo", ImageFit::cover, 90});
    list.add(QrCode{{1680 - 200, 860, 180, 180}, "https://redgrid.example/k/k-0001"});
    list.target("call", {40, 860, 1280, 180});
    return list;
}

TEST(Painter, DrawsAHomeLikeScreenAndRedrawsItFromCache) {
    Harness h(1920, 1080);
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    h.draw(home_like_screen(0));
    const auto t1 = clock::now();
    const auto cold = h.painter->stats();
    constexpr int kWarmFrames = 10;
    const DrawList same = home_like_screen(0);
    for (int i = 0; i < kWarmFrames; ++i) h.painter->draw(same);
    const auto t2 = clock::now();
    const auto warm = h.painter->stats();
    EXPECT_EQ(warm.text.misses, cold.text.misses);
    EXPECT_EQ(warm.shapes.misses, cold.shapes.misses);
    EXPECT_EQ(warm.images.misses, cold.images.misses);
    EXPECT_EQ(warm.live_textures, cold.live_textures);
    h.draw(home_like_screen(1));  // the clock ticks: one new text run
    EXPECT_EQ(h.painter->stats().text.misses, cold.text.misses + 1);
    ASSERT_TRUE(h.target->save_png(REDGRID_BINARY_DIR "/render-home-like.png"));
    const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    std::printf("home-like 1920x1080: cold frame %.1f ms, warm frame %.1f ms; text %zu entries %.1f MiB, "
                "shapes %zu entries %.1f MiB, images %zu entries %.1f MiB, %zu textures\n",
                ms(t1 - t0), ms(t2 - t1) / kWarmFrames, cold.text.entries, cold.text.bytes / 1048576.0,
                cold.shapes.entries, cold.shapes.bytes / 1048576.0, cold.images.entries,
                cold.images.bytes / 1048576.0, cold.live_textures);
}

}  // namespace
}  // namespace redgrid::render
