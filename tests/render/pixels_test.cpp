// What a user would see: real offscreen SDL rendering, checked pixel by pixel.
#include "render_harness.h"

#include "redgrid/render/qr_code.h"

#include <gtest/gtest.h>

#include <cmath>

namespace redgrid::render {
namespace {

using testing::Harness;
using testing::rgb;

const Color kWhite = rgb(255, 255, 255);
const Color kRed = rgb(255, 0, 0);

// SDL's integer blending may lose a unit or two; a premultiplied-alpha fringe loses far more.
bool full_red_channel(Color c) { return c.r >= 252; }
bool is_intermediate(Color c) { return full_red_channel(c) && c.g > 20 && c.g < 235; }

TEST(Polygon, FillsItsInsideNotItsOutsideWithAntialiasedEdges) {
    Harness h(200, 200);
    DrawList list;
    list.add(Polygon{{{20, 20}, {180, 40}, {60, 180}}, kRed});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(80, 70), kRed);
    EXPECT_EQ(px.at(150, 150), kWhite);
    EXPECT_EQ(px.at(10, 10), kWhite);
    int intermediate = 0;
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 200; ++x) intermediate += is_intermediate(px.at(x, y)) ? 1 : 0;
    EXPECT_GT(intermediate, 100) << "slanted edges should be antialiased";
}

TEST(Polygon, NonConvexShapeLeavesItsNotchEmpty) {
    Harness h(200, 200);
    DrawList list;
    // An L: the top-right quadrant is outside.
    list.add(Polygon{{{20, 20}, {80, 20}, {80, 120}, {180, 120}, {180, 180}, {20, 180}}, kRed});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(50, 50), kRed);
    EXPECT_EQ(px.at(150, 150), kRed);
    EXPECT_EQ(px.at(150, 60), kWhite);
}

TEST(Circle, IsRound) {
    Harness h(200, 200);
    DrawList list;
    list.add(Circle{{100, 100}, 60, rgb(0, 0, 255)});
    auto px = h.draw(list);
    const int d = static_cast<int>(60 * 0.7 / std::sqrt(2.0));
    for (auto [sx, sy] : {std::pair{1, 1}, {-1, 1}, {1, -1}, {-1, -1}}) {
        EXPECT_EQ(px.at(100 + sx * d, 100 + sy * d), rgb(0, 0, 255));
        EXPECT_EQ(px.at(100 + sx * 57, 100 + sy * 57), kWhite);  // bounding-box corners
    }
    EXPECT_EQ(px.at(100, 42), rgb(0, 0, 255));
    EXPECT_EQ(px.at(100, 38), kWhite);
}

TEST(Shapes, HaveNoDarkFringeOnWhite) {
    Harness h(300, 200);
    DrawList list;
    list.add(Circle{{60, 60}, 40.5f, kRed});
    list.add(RoundRect{{120.3f, 20.6f, 150, 80}, 24, kRed});
    list.add(Polygon{{{20, 190}, {280, 120}, {200, 195}}, kRed});
    list.add(Line{{10, 110}, {290, 118}, kRed, 3});
    auto px = h.draw(list);
    int edge_pixels = 0;
    for (int y = 0; y < 200; ++y) {
        for (int x = 0; x < 300; ++x) {
            const Color c = px.at(x, y);
            // Red over white: red stays full, green and blue fall together.
            ASSERT_TRUE(full_red_channel(c)) << "dark fringe at " << x << "," << y << ": " << int(c.r);
            ASSERT_LE(std::abs(c.g - c.b), 2) << x << "," << y;
            edge_pixels += is_intermediate(c) ? 1 : 0;
        }
    }
    EXPECT_GT(edge_pixels, 200);
}

TEST(RoundRect, CornersAreRoundAndLargeCardsAreFilled) {
    Harness h(500, 400);
    DrawList list;
    list.clear = rgb(0xEE, 0xEE, 0xEE);
    list.add(RoundRect{{50, 50, 400, 300}, 30, kWhite});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(50, 50), rgb(0xEE, 0xEE, 0xEE));     // the corner is cut off
    EXPECT_EQ(px.at(449, 349), rgb(0xEE, 0xEE, 0xEE));
    EXPECT_EQ(px.at(250, 200), kWhite);
    EXPECT_EQ(px.at(250, 50), kWhite);                   // straight edge, stretched middle
    EXPECT_EQ(px.at(50, 200), kWhite);
    EXPECT_EQ(px.at(449, 200), kWhite);
    EXPECT_EQ(px.at(450, 200), rgb(0xEE, 0xEE, 0xEE));
    EXPECT_EQ(px.at(60, 60), kWhite);
}

TEST(RoundRect, CastsASoftShadowBelow) {
    Harness h(400, 300);
    DrawList list;
    list.clear = rgb(0xEE, 0xEE, 0xEE);
    list.add(RoundRect{{100, 60, 200, 120}, 16, kWhite, {}, 0, 16});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(200, 120), kWhite);
    const Color near = px.at(200, 184), further = px.at(200, 196), far = px.at(200, 260);
    EXPECT_LT(near.r, 0xEE);
    EXPECT_LT(near.r, further.r) << "the shadow fades with distance";
    EXPECT_EQ(far, rgb(0xEE, 0xEE, 0xEE));
    EXPECT_EQ(near.r, near.b);  // neutral, no colour cast
}

TEST(RoundRect, StrokeIsDrawnInsideTheEdge) {
    Harness h(200, 200);
    DrawList list;
    list.add(RoundRect{{20, 20, 160, 160}, 10, kWhite, rgb(0, 0, 0), 4});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(100, 21), rgb(0, 0, 0));
    EXPECT_EQ(px.at(100, 100), kWhite);
    EXPECT_EQ(px.at(100, 18), kWhite);
}

// Pixels of a single glyph drawn black on white in a 64x64 cell.
std::vector<std::uint8_t> glyph_cell(Harness& h, const std::string& text) {
    DrawList list;
    list.add(Text{{0, 0, 64, 64}, text, {48, FontWeight::regular, rgb(0, 0, 0)}});
    auto px = h.draw(list);
    std::vector<std::uint8_t> cell;
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) cell.push_back(px.at(x, y).r);
    return cell;
}

TEST(Text, ChineseRendersRealGlyphsNotTofu) {
    Harness h(64, 64);
    const auto dang = glyph_cell(h, "黨"), qun = glyph_cell(h, "群"), notdef = glyph_cell(h, "\U0010FFFD");
    const auto dark = [](const std::vector<std::uint8_t>& cell) {
        return std::count_if(cell.begin(), cell.end(), [](std::uint8_t v) { return v < 128; });
    };
    EXPECT_GT(dark(dang), 100);
    EXPECT_GT(dark(qun), 100);
    EXPECT_NE(dang, qun);
    EXPECT_NE(dang, notdef);
    EXPECT_NE(qun, notdef);
}

TEST(Text, BoldIsHeavierThanRegular) {
    Harness h(300, 80);
    const auto ink = [&](FontWeight weight) {
        DrawList list;
        list.add(Text{{0, 0, 300, 80}, "服務之星", {48, weight, rgb(0, 0, 0)}});
        auto px = h.draw(list);
        long sum = 0;
        for (std::uint8_t v : px.rgba) sum += 255 - v;
        return sum;
    };
    EXPECT_GT(ink(FontWeight::bold), ink(FontWeight::regular) * 11 / 10);
}

TEST(Text, TranslucentColourBlendsWithTheBackground) {
    Harness h(200, 80);
    DrawList list;
    list.add(Text{{0, 0, 200, 80}, "黨群", {60, FontWeight::bold, Color{0, 0, 0, 128}}});
    auto px = h.draw(list);
    int darkest = 255;
    for (int y = 0; y < 80; ++y)
        for (int x = 0; x < 200; ++x) darkest = std::min<int>(darkest, px.at(x, y).r);
    EXPECT_NEAR(darkest, 127, 3);
}

TEST(Text, AlignsInItsBox) {
    Harness h(400, 100);
    const auto ink_columns = [&](Align align) {
        DrawList list;
        list.add(Text{{0, 0, 400, 100}, "呼叫", {40, FontWeight::regular, rgb(0, 0, 0), align, VAlign::middle}});
        auto px = h.draw(list);
        int first = 400, last = -1;
        for (int y = 0; y < 100; ++y)
            for (int x = 0; x < 400; ++x)
                if (px.at(x, y).r < 128) first = std::min(first, x), last = std::max(last, x);
        return std::pair{first, last};
    };
    EXPECT_LT(ink_columns(Align::left).first, 10);
    EXPECT_GT(ink_columns(Align::right).second, 390);
    auto [l, r] = ink_columns(Align::center);
    EXPECT_NEAR((l + r) / 2.0, 200, 6);
}

TEST(Icon, DrawsTheNamedGlyphAndCountsUnknownNames) {
    Harness h(100, 100);
    DrawList list;
    list.add(Icon{{10, 10, 80, 80}, "phone", rgb(0, 0, 0)});
    auto px = h.draw(list);
    int dark = 0;
    for (int y = 0; y < 100; ++y)
        for (int x = 0; x < 100; ++x) dark += px.at(x, y).r < 128 ? 1 : 0;
    EXPECT_GT(dark, 500);
    EXPECT_EQ(h.painter->stats().unknown_icons, 0u);
    DrawList unknown;
    unknown.add(Icon{{10, 10, 80, 80}, "no_such_icon_name", rgb(0, 0, 0)});
    h.draw(unknown);
    EXPECT_EQ(h.painter->stats().unknown_icons, 1u);
}

TEST(Icon, EveryKioskIconIsInTheFont) {
    Harness h(60, 60);
    for (const char* name : {"home", "arrow_back", "phone", "call", "map", "people", "groups", "event", "campaign",
                             "emoji_events", "star", "star_border", "room", "place", "my_location", "add", "remove",
                             "close", "check", "check_circle", "cancel", "schedule", "access_time",
                             "volunteer_activist", "handshake", "info", "warning", "notifications", "text_fields",
                             "translate", "qr_code", "wifi_off", "cloud_off", "refresh", "settings", "build",
                             "chevron_right", "chevron_left", "search", "favorite", "restaurant", "support_agent",
                             "record_voice_over", "filter_list", "hourglass_empty", "person"}) {
        DrawList list;
        list.add(Icon{{0, 0, 60, 60}, name, rgb(0, 0, 0)});
        auto px = h.draw(list);
        int dark = 0;
        for (std::uint8_t v : px.rgba) dark += v < 128 ? 1 : 0;
        EXPECT_GT(dark, 40) << name;
    }
    EXPECT_EQ(h.painter->stats().unknown_icons, 0u);
}

TEST(QrCode, DrawsCrispModulesWithFinderPatternsAndQuietZone) {
    Harness h(400, 400);
    const std::string data = "https://redgrid.example/r/k-0001?g=17";
    DrawList list;
    list.clear = rgb(0x30, 0x30, 0x30);
    list.add(QrCode{{50, 50, 300, 300}, data});
    auto px = h.draw(list);
    auto matrix = encode_qr(data);
    ASSERT_TRUE(matrix) << matrix.error();
    const int modules = matrix->size + 2 * kQrQuietZoneModules;
    const int module_px = 300 / modules;
    ASSERT_GE(module_px, 2);
    const int origin = static_cast<int>(std::lround(50 + (300 - modules * module_px) / 2.0));
    const auto sample = [&](int mx, int my) {  // module coordinates including the quiet zone
        return px.at(origin + mx * module_px + module_px / 2, origin + my * module_px + module_px / 2);
    };
    const Color black = rgb(0, 0, 0);
    // Finder patterns: 7x7 dark ring, light ring, 3x3 dark core, at three corners.
    const int q = kQrQuietZoneModules, far = q + matrix->size - 7;
    const auto finder_at = [&](int fx, int fy) {
        for (int y = 0; y < 7; ++y) {
            for (int x = 0; x < 7; ++x) {
                const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
                const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
                if (sample(fx + x, fy + y) != ((ring || core) ? black : kWhite)) return false;
            }
        }
        return true;
    };
    EXPECT_TRUE(finder_at(q, q));
    EXPECT_TRUE(finder_at(far, q));
    EXPECT_TRUE(finder_at(q, far));
    EXPECT_FALSE(finder_at(far, far)) << "only three corners carry finder patterns";
    // The whole grid is the encoded matrix.
    for (int y = 0; y < matrix->size; ++y)
        for (int x = 0; x < matrix->size; ++x) ASSERT_EQ(sample(q + x, q + y), matrix->at(x, y) ? black : kWhite);
    for (int i = 0; i < modules; ++i) {
        EXPECT_EQ(sample(i, 0), kWhite);
        EXPECT_EQ(sample(0, i), kWhite);
        EXPECT_EQ(sample(i, modules - 1), kWhite);
    }
    // Every module is crisp: pure black or pure white at its edges too.
    for (int y = origin; y < origin + modules * module_px; y += 1)
        for (int x = origin; x < origin + modules * module_px; x += 3) {
            const Color c = px.at(x, y);
            ASSERT_TRUE(c == black || c == kWhite) << x << "," << y;
        }
}

TEST(Clip, LimitsDrawingAndNestsAsIntersection) {
    Harness h(200, 200);
    DrawList list;
    list.add(PushClip{{0, 0, 100, 100}});
    list.add(PushClip{{50, 50, 100, 100}});
    list.add(RoundRect{{0, 0, 200, 200}, 0, kRed});
    list.add(PopClip{});
    list.add(RoundRect{{0, 0, 200, 30}, 0, rgb(0, 0, 255)});
    list.add(PopClip{});
    list.add(RoundRect{{0, 190, 200, 10}, 0, rgb(0, 128, 0)});
    auto px = h.draw(list);
    EXPECT_EQ(px.at(75, 75), kRed);
    EXPECT_EQ(px.at(120, 120), kWhite);
    EXPECT_EQ(px.at(25, 75), kWhite);
    EXPECT_EQ(px.at(25, 10), rgb(0, 0, 255));
    EXPECT_EQ(px.at(150, 10), kWhite);
    EXPECT_EQ(px.at(150, 195), rgb(0, 128, 0));
}

TEST(Clip, DisjointNestedClipsDrawNothing) {
    Harness h(200, 200);
    DrawList list;
    list.add(PushClip{{0, 0, 50, 50}});
    list.add(PushClip{{100, 100, 50, 50}});
    list.add(RoundRect{{0, 0, 200, 200}, 0, kRed});
    list.add(PopClip{});
    list.add(PopClip{});
    auto px = h.draw(list);
    for (int y = 0; y < 200; y += 7)
        for (int x = 0; x < 200; x += 7) ASSERT_EQ(px.at(x, y), kWhite);
}

}  // namespace
}  // namespace redgrid::render
