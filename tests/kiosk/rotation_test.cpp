// A screen mounted on its side: the picture is turned onto the panel and touches are turned
// back, and in each rotation a touch where an element is drawn lands on that element.
#include "redgrid/kiosk/app/rotation.h"

#include <gtest/gtest.h>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/time_format.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "redgrid/render/sdl_handles.h"
#include "rendering_support.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

TEST(Rotation, LogicalSizeSwapsForQuarterTurns) {
    const Size panel{1920, 1080};
    EXPECT_EQ(logical_size(panel, {0}).width, 1920);
    EXPECT_EQ(logical_size(panel, {90}).width, 1080);
    EXPECT_EQ(logical_size(panel, {90}).height, 1920);
    EXPECT_EQ(logical_size(panel, {180}).height, 1080);
    EXPECT_EQ(logical_size(panel, {270}).width, 1080);
}

TEST(Rotation, CornersGoWhereAClockwiseTurnPutsThem) {
    const Size panel{1920, 1080};
    // The picture's top-left corner: stays, goes top-right, bottom-right, bottom-left.
    const auto tl = [&](int deg) { return to_physical({0, 0}, panel, {deg}); };
    EXPECT_EQ(tl(0).x, 0);
    EXPECT_EQ(tl(90).x, 1920);
    EXPECT_EQ(tl(90).y, 0);
    EXPECT_EQ(tl(180).x, 1920);
    EXPECT_EQ(tl(180).y, 1080);
    EXPECT_EQ(tl(270).x, 0);
    EXPECT_EQ(tl(270).y, 1080);
}

TEST(Rotation, InverseUndoesTheTurn) {
    const Size panel{1920, 1080};
    for (int deg : {0, 90, 180, 270}) {
        const Size logical = logical_size(panel, {deg});
        for (render::Point p : {render::Point{0, 0}, render::Point{100, 37}, render::Point{logical.width - 1, 5},
                                render::Point{logical.width / 3, logical.height - 2}}) {
            const render::Point back = to_logical(to_physical(p, panel, {deg}), panel, {deg});
            EXPECT_FLOAT_EQ(back.x, p.x) << deg;
            EXPECT_FLOAT_EQ(back.y, p.y) << deg;
        }
    }
}

std::optional<render::Rect> target_rect(const render::DrawList& dl, std::string_view id) {
    for (const auto& t : dl.targets)
        if (t.id == id) return t.rect;
    return std::nullopt;
}

class RotatedTouch : public ::testing::TestWithParam<int> {};

// The real renderer, offscreen: the home screen laid out at the logical size and turned onto
// a 1920x1080 panel. The call button's red is found on the panel where the transform says,
// and a finger there (mapped back) calls; a tile does the same.
TEST_P(RotatedTouch, TouchWhereAnElementIsDrawnActivatesIt) {
    const Rotation rotation{GetParam()};
    auto rendering = test::RealRendering::open();
    render::FontSet& fonts = rendering.fonts;
    const Size panel{1920, 1080};
    auto target = test::offscreen_target(1920, 1080);
    render::DirectoryMediaStore media(test::demo_dir() / "media");
    render::Painter painter(target->renderer(), fonts, media);
    auto canvas = RotatedCanvas::create(target->renderer(), panel, rotation);
    ASSERT_TRUE(canvas) << canvas.error();

    FakeClock clock(*parse_rfc3339("2026-11-25T09:30:00+08:00"));
    App app(clock, AppOptions{.idle_return = 90s});
    const Size logical = canvas->logical();
    app.set_size(logical.width, logical.height);
    app.set_content(test::demo_content());
    const render::DrawList frame = app.frame(fonts);
    canvas->draw(painter, frame);
    target->present();
    auto pixels = target->read_pixels();
    ASSERT_TRUE(pixels) << pixels.error();

    // Left of the phone icon inside the red disc (the icon spans 0.4 r either side).
    const auto call = target_rect(frame, "call");
    ASSERT_TRUE(call);
    const render::Point inside{call->x + call->w * 0.2f, call->y + call->h * 0.5f};
    const render::Point on_panel = to_physical(inside, panel, rotation);
    const render::Color red = render::Color::rgba(test::demo_content()->bundle().theme.primary);
    const render::Color seen = pixels->at(static_cast<int>(on_panel.x), static_cast<int>(on_panel.y));
    EXPECT_NEAR(seen.r, red.r, 8) << "rotation " << rotation.degrees;
    EXPECT_NEAR(seen.g, red.g, 8) << "rotation " << rotation.degrees;
    EXPECT_NEAR(seen.b, red.b, 8) << "rotation " << rotation.degrees;

    // The runner hands the App what to_logical makes of the panel's coordinates.
    const render::Point touch = to_logical(on_panel, panel, rotation);
    app.press(touch);
    clock.advance(80ms);
    app.release(touch);
    EXPECT_EQ(app.state().route.screen, ScreenId::call) << "rotation " << rotation.degrees;

    // And a tile, far from the call button.
    App second(clock, AppOptions{.idle_return = 90s});
    second.set_size(logical.width, logical.height);
    second.set_content(test::demo_content());
    const render::DrawList home = second.frame(fonts);
    const auto tile = target_rect(home, "tile:notices");
    ASSERT_TRUE(tile);
    const render::Point tile_touch =
        to_logical(to_physical({tile->x + tile->w / 2, tile->y + tile->h / 2}, panel, rotation), panel, rotation);
    second.press(tile_touch);
    clock.advance(80ms);
    second.release(tile_touch);
    EXPECT_EQ(second.state().route.screen, ScreenId::notices) << "rotation " << rotation.degrees;
}

INSTANTIATE_TEST_SUITE_P(EachRotation, RotatedTouch, ::testing::Values(0, 90, 180, 270),
                         [](const auto& info) { return "deg" + std::to_string(info.param); });

}  // namespace
}  // namespace redgrid::kiosk
