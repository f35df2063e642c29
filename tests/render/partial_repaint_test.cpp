// Painter::draw_changes must give exactly the pixels of a full draw: two painters on two
// offscreen targets get the same sequence of lists, one repainting only what changed, the
// other drawing everything, and every pixel is compared after every frame.
#include "render_harness.h"

#include <gtest/gtest.h>

namespace redgrid::render {
namespace {

using testing::Harness;
using testing::rgb;

const Color kPaper = rgb(251, 246, 241);
const Color kRed = rgb(200, 16, 46);
const Color kInk = rgb(31, 26, 23);

// A small screen: a header with a clock, cards with shadows, a round button, a polygon,
// a clipped list. `minute` and `pressed` change it as a tick and a press do.
DrawList screen(int minute, bool pressed, float scroll = 0, bool extra_card = false) {
    DrawList list;
    list.clear = kPaper;
    list.add(RoundRect{{0, 0, 640, 60}, 0, kRed});
    list.add(Text{{20, 10, 300, 40}, "碧眼社区党群服务中心", {.size = 28, .weight = FontWeight::bold, .color = {255, 255, 255, 255}}});
    char clock[8];
    std::snprintf(clock, sizeof clock, "09:%02d", minute);
    list.add(Text{{500, 8, 120, 44}, clock, {.size = 36, .weight = FontWeight::bold, .color = {255, 255, 255, 255},
                                             .align = Align::right}});
    for (int i = 0; i < 3; ++i) {
        const float y = 80 + static_cast<float>(i) * 70;
        list.add(RoundRect{{20, y, 280, 60}, 12, {255, 255, 255, 255}, {0, 0, 0, 0}, 0, 8});
        list.add(Text{{36, y + 14, 240, 32}, "值班党员 " + std::to_string(i + 1), {.size = 24, .color = kInk}});
    }
    if (extra_card) list.add(RoundRect{{20, 290, 280, 40}, 12, {240, 230, 220, 255}, {0, 0, 0, 0}, 0, 6});
    list.add(Polygon{{{330, 90}, {420, 100}, {400, 180}, {340, 170}}, rgb(160, 20, 60), {255, 255, 255, 255}, 2});
    // The button: a ring, a disc that darkens and shrinks while pressed, a label.
    list.add(Circle{{520, 200}, 80, {250, 236, 200, 255}, {0, 0, 0, 0}, 0, 10});
    list.add(Circle{{520, 200}, pressed ? 66.0f : 70.0f, pressed ? rgb(150, 10, 30) : kRed});
    list.add(Text{{440, 185, 160, 30}, "一键呼叫", {.size = 26, .weight = FontWeight::bold, .color = {255, 255, 255, 255},
                                                   .align = Align::center}});
    // A scrolled list under a clip.
    list.add(PushClip{{330, 300, 280, 90}});
    for (int i = 0; i < 5; ++i) {
        list.add(Text{{340, 300 + static_cast<float>(i) * 30 - scroll, 260, 28}, "通知 " + std::to_string(i),
                      {.size = 22, .color = kInk}});
    }
    list.add(PopClip{});
    list.add(Line{{20, 400}, {620, 410}, kInk, 2});
    return list;
}

void expect_same_pixels(const PixelImage& partial, const PixelImage& full, const std::string& step) {
    ASSERT_EQ(partial.width, full.width);
    ASSERT_EQ(partial.height, full.height);
    int differing = 0;
    int first_x = -1, first_y = -1;
    for (int y = 0; y < full.height; ++y) {
        for (int x = 0; x < full.width; ++x) {
            if (!(partial.at(x, y) == full.at(x, y))) {
                if (differing++ == 0) first_x = x, first_y = y;
            }
        }
    }
    EXPECT_EQ(differing, 0) << step << ": first at (" << first_x << ", " << first_y << ")";
}

struct Pair {
    Harness partial{640, 420};
    Harness full{640, 420};

    Repaint step(const DrawList& list, const std::string& name) {
        const Repaint repaint = partial.painter->draw_changes(list);
        partial.target->present();
        auto a = partial.target->read_pixels();
        auto b = full.draw(list);
        if (!a) throw std::runtime_error(a.error());
        expect_same_pixels(*a, b, name);
        return repaint;
    }
};

TEST(PartialRepaint, ClockTickAndPressRepaintASmallRectangleWithTheSamePixels) {
    Pair p;
    EXPECT_EQ(p.step(screen(30, false), "first frame").kind, Repaint::Kind::full);

    const Repaint press = p.step(screen(30, true), "press");
    ASSERT_EQ(press.kind, Repaint::Kind::partial);
    // The button and its ring only: nowhere near the header or the cards.
    EXPECT_GE(press.damage.x, 420);
    EXPECT_GE(press.damage.y, 100);

    EXPECT_EQ(p.step(screen(30, false), "release").kind, Repaint::Kind::partial);

    const Repaint tick = p.step(screen(31, false), "minute tick");
    ASSERT_EQ(tick.kind, Repaint::Kind::partial);
    EXPECT_LT(tick.damage.w * tick.damage.h, 640 * 60 / 4) << "a tick repaints the clock, not the header";
    EXPECT_LE(tick.damage.y + tick.damage.h, 60);

    EXPECT_EQ(p.step(screen(31, false), "nothing changed").kind, Repaint::Kind::none);
    EXPECT_EQ(p.partial.painter->stats().partial_frames, 3u);
}

TEST(PartialRepaint, InsertedRemovedAndClippedOpsKeepThePixelsOfAFullDraw) {
    Pair p;
    p.step(screen(30, false), "first frame");
    p.step(screen(30, false, 0, true), "a card inserted (lists of different lengths)");
    p.step(screen(31, true, 0, false), "the card removed, a tick and a press at once");
    p.step(screen(31, true, 12), "the clipped list scrolled");
    p.step(screen(31, true, 40), "scrolled further");
    p.step(screen(32, false, 40), "a tick after the scroll");
    DrawList other = screen(32, false, 40);
    other.clear = rgb(255, 255, 255);
    EXPECT_EQ(p.step(other, "another clear colour").kind, Repaint::Kind::full);
}

TEST(PartialRepaint, ForgetFrameDrawsEverythingAgain) {
    Pair p;
    p.step(screen(30, false), "first frame");
    // Something else drew over the target (an expose): the next frame must not trust it.
    SDL_SetRenderDrawColor(p.partial.target->renderer(), 0, 0, 0, 255);
    SDL_RenderClear(p.partial.target->renderer());
    p.partial.painter->forget_frame();
    EXPECT_EQ(p.step(screen(30, false), "after forget_frame").kind, Repaint::Kind::full);
}

}  // namespace
}  // namespace redgrid::render
