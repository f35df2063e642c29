// The App's side of the server's reload and upload_screenshot commands (app_commands.cpp,
// screenshot.cpp): reload starts afresh on the home screen with the new content; a screenshot
// is the panel's picture pixel for pixel, upright whatever the rotation, and never shows
// the PIN being typed.
#include <gtest/gtest.h>

#include <algorithm>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/rotation.h"
#include "redgrid/kiosk/app/screenshot.h"
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

std::shared_ptr<const Content> demo_with_version(const std::string& version) {
    Bundle bundle = test::demo_content()->bundle();
    bundle.version = version;
    return Content::make(std::move(bundle));
}

TEST(ServerReload, ShowsTheNewContentOnTheHomeScreenAndForgetsTheResident) {
    FakeClock clock(*parse_rfc3339("2026-11-25T09:30:00+08:00"));
    test::FakeMeasurer measurer;
    App app(clock, AppOptions{.idle_return = 90s, .attract_after = 300s});
    app.set_size(1920, 1080);
    app.set_content(test::demo_content());
    app.frame(measurer);
    ASSERT_TRUE(app.tap("tile:notices"));
    app.frame(measurer);
    ASSERT_EQ(app.state().route.screen, ScreenId::notices);
    clock.advance(60s);
    app.tick();
    app.frame(measurer);

    const auto fresh = demo_with_version("2026-11-25.9");
    app.reload(fresh);
    EXPECT_EQ(app.content(), fresh.get());
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_TRUE(app.state().back_stack.empty());
    EXPECT_TRUE(app.needs_redraw());
    app.frame(measurer);
    EXPECT_FALSE(app.animating()) << "a reload shows home at once, with no fade from the old screen";
    // The home screen gets the whole wait before the attract loop again (idle return plus
    // attract_after), not what was left of it.
    clock.advance(389s);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    clock.advance(2s);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::attract);
}

TEST(ServerReload, LeavesTheMaintenanceScreenAndTheAttractLoop) {
    FakeClock clock(*parse_rfc3339("2026-11-25T09:30:00+08:00"));
    test::FakeMeasurer measurer;
    App app(clock, AppOptions{.maintenance_pin = "0042"});
    app.set_size(1080, 1920);
    app.set_content(test::demo_content());
    app.navigate({ScreenId::maintenance, {}});
    app.frame(measurer);
    app.reload(demo_with_version("v2"));
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_FALSE(app.maintenance().active());
    app.navigate({ScreenId::attract, {}});
    app.reload(demo_with_version("v3"));
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
}

std::size_t circles_in(const render::DrawList& dl) {
    return static_cast<std::size_t>(std::ranges::count_if(
        dl.ops, [](const render::DrawOp& op) { return std::holds_alternative<render::Circle>(op); }));
}

TEST(ServerScreenshot, ThePinPadIsCapturedWithoutTheDigitsTypedOrTheKeyPressed) {
    FakeClock clock(*parse_rfc3339("2026-11-25T09:30:00+08:00"));
    test::FakeMeasurer measurer;
    App app(clock, AppOptions{.transition = 0ms, .maintenance_pin = "0042"});
    app.set_size(1920, 1080);
    app.set_content(test::demo_content());
    app.frame(measurer);
    // Away from the PIN pad, the screenshot is the frame itself.
    EXPECT_EQ(app.screenshot_frame(measurer).ops, app.frame(measurer).ops);

    // What the same pad looks like with nothing typed and no finger on it.
    const auto corner = app.frame(measurer).find("maint:corner");
    ASSERT_NE(corner, nullptr);
    const render::Point c{corner->rect.x + corner->rect.w / 2, corner->rect.y + corner->rect.h / 2};
    app.press(c);
    app.frame(measurer);
    clock.advance(3s);
    app.tick();
    app.release(c);
    ASSERT_EQ(app.maintenance().view().page, MaintPage::pin);
    const render::DrawList untouched = app.frame(measurer);

    ASSERT_TRUE(app.tap("pin:0"));
    ASSERT_TRUE(app.tap("pin:0"));
    ASSERT_TRUE(app.tap("pin:4"));
    const auto key = app.frame(measurer).find("pin:2");
    ASSERT_NE(key, nullptr);
    app.press({key->rect.x + key->rect.w / 2, key->rect.y + key->rect.h / 2});  // the finger is on "2"
    const render::DrawList shown = app.frame(measurer);
    ASSERT_EQ(app.state().pressed_id, "pin:2");
    EXPECT_EQ(circles_in(shown), circles_in(untouched) + 3) << "the screen shows one dot per digit";
    EXPECT_NE(shown.ops, untouched.ops);

    const render::DrawList captured = app.screenshot_frame(measurer);
    EXPECT_EQ(captured.ops, untouched.ops) << "no dots, no pressed key: the PIN's length and digits stay private";
    // The screen itself is untouched by the capture.
    EXPECT_EQ(app.frame(measurer).ops, shown.ops);
    EXPECT_EQ(app.maintenance().view().digits, 3u);
}

// The real renderer, offscreen, as the UI loop draws (RotatedCanvas, partial repaints): the
// screenshot taken after the drawing is the panel's picture turned upright, pixel for pixel.
class ScreenshotPixels : public ::testing::TestWithParam<int> {};

TEST_P(ScreenshotPixels, AreThePanelsTurnedUpright) {
    const Rotation rotation{GetParam()};
    auto rendering = test::RealRendering::open();
    render::FontSet& fonts = rendering.fonts;
    const Size panel{1280, 800};
    auto target = test::offscreen_target(1280, 800);
    render::DirectoryMediaStore media(test::demo_dir() / "media");
    render::Painter painter(target->renderer(), fonts, media);
    auto canvas = RotatedCanvas::create(target->renderer(), panel, rotation);
    ASSERT_TRUE(canvas) << canvas.error();
    const Size logical = canvas->logical();

    FakeClock clock(*parse_rfc3339("2026-11-25T09:30:00+08:00"));
    App app(clock, AppOptions{.transition = 0ms});
    app.set_size(logical.width, logical.height);
    app.set_content(test::demo_content());

    const auto check = [&](const std::string& when) {
        // One loop turn: draw what changed, then serve the requests.
        if (app.needs_redraw()) canvas->draw(painter, app.frame(fonts), target->keeps_frame());
        target->present();
        std::vector<std::expected<std::shared_ptr<const render::PixelImage>, std::string>> got;
        app.request_screenshot([&](auto image) { got.push_back(std::move(image)); });
        app.request_screenshot([&](auto image) { got.push_back(std::move(image)); });
        take_screenshots(app, target->renderer(), painter, fonts, logical);
        ASSERT_EQ(got.size(), 2u) << when;
        ASSERT_TRUE(got[0]) << got[0].error();
        EXPECT_EQ(got[0]->get(), got[1]->get()) << "two requests at once share one picture";
        EXPECT_FALSE(app.screenshot_requested());
        const render::PixelImage& shot = **got[0];
        ASSERT_EQ(shot.width, static_cast<int>(logical.width)) << when;
        ASSERT_EQ(shot.height, static_cast<int>(logical.height)) << when;
        auto screen = target->read_pixels();
        ASSERT_TRUE(screen) << screen.error();
        const int pw = static_cast<int>(panel.width), ph = static_cast<int>(panel.height);
        int differing = 0;
        for (int y = 0; y < shot.height; ++y) {
            for (int x = 0; x < shot.width; ++x) {
                // Where the centre of picture pixel (x, y) lands on the panel.
                const render::Point p = to_physical({x + 0.5f, y + 0.5f}, panel, rotation);
                const int px = std::clamp(static_cast<int>(p.x), 0, pw - 1),
                          py = std::clamp(static_cast<int>(p.y), 0, ph - 1);
                const render::Color a = shot.at(x, y), b = screen->at(px, py);
                if (a.r != b.r || a.g != b.g || a.b != b.b) ++differing;
            }
        }
        EXPECT_EQ(differing, 0) << when << ", rotation " << rotation.degrees;
        // The capture left the screen as it was.
        auto after = target->read_pixels();
        ASSERT_TRUE(after);
        EXPECT_EQ(after->rgba, screen->rgba) << when;
    };
    check("home");
    ASSERT_TRUE(app.tap("tile:notices"));
    check("notices");
    // A press repaints only the pressed element on the panel; the picture still matches.
    const auto back = app.frame(fonts).find("back");
    ASSERT_NE(back, nullptr);
    app.press({back->rect.x + back->rect.w / 2, back->rect.y + back->rect.h / 2});
    check("back pressed (partial repaint)");
}

INSTANTIATE_TEST_SUITE_P(EachRotation, ScreenshotPixels, ::testing::Values(0, 90, 270),
                         [](const auto& info) { return "deg" + std::to_string(info.param); });

}  // namespace
}  // namespace redgrid::kiosk
