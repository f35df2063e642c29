// The kiosk's real frames through Painter::draw_changes (as run_interactive draws on a
// target that keeps its pixels) give exactly the pixels of full redraws: the demo home
// screen at 1920x1080, then a press on the call button, its release, minute ticks, a
// navigation and a scroll, every frame compared pixel by pixel with a full draw of the same
// list on a second target.
#include <gtest/gtest.h>

#include <chrono>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/config/clock.h"
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

constexpr int kWidth = 1920, kHeight = 1080;

class PartialRepaintScreens : public ::testing::Test {
protected:
    PartialRepaintScreens() {
        app_.set_size(kWidth, kHeight);
        app_.set_content(test::demo_content());
    }

    // Draws the App's current frame both ways and compares every pixel.
    render::Repaint frame(const std::string& step) {
        const auto drawn = two_way_.draw(app_.frame(fonts_));
        EXPECT_EQ(drawn.differing, 0u) << step << ": first differing pixel at (" << drawn.first_x << ", "
                                       << drawn.first_y << ")";
        return drawn.repaint;
    }

    render::Point centre_of(std::string_view id) {
        const auto* target = app_.frame(fonts_).find(id);
        if (target == nullptr) throw std::runtime_error("no target " + std::string(id));
        return {target->rect.x + target->rect.w / 2, target->rect.y + target->rect.h / 2};
    }

    static std::int64_t area(const render::Repaint& r) { return std::int64_t{r.damage.w} * r.damage.h; }

    test::RealRendering rendering_ = test::RealRendering::open();
    render::FontSet& fonts_ = rendering_.fonts;
    render::DirectoryMediaStore media_{test::demo_dir() / "media"};
    test::TwoWayDrawing two_way_{fonts_, media_, kWidth, kHeight};
    // 2026-11-25 09:30:20 in Shenzhen: the golden images' minute.
    FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / std::chrono::November / 25} + 1h + 30min + 20s};
    App app_{clock_, AppOptions{}};
};

TEST_F(PartialRepaintScreens, PressAndMinuteTickOnHomeRepaintLittleAndMatchFullRedraws) {
    EXPECT_EQ(frame("first frame").kind, render::Repaint::Kind::full);

    const auto call = centre_of("call");
    app_.press(call);
    const auto press = frame("press on the call button");
    ASSERT_EQ(press.kind, render::Repaint::Kind::partial);
    EXPECT_LT(area(press), kWidth * kHeight / 10) << "the press repaints the button, not the screen";

    app_.release({4, 4});  // slid off the button: no call
    clock_.advance(1s);
    EXPECT_EQ(frame("release off the button").kind, render::Repaint::Kind::partial);

    for (int minute = 0; minute < 3; ++minute) {
        clock_.advance(1min);
        app_.tick();
        const auto tick = frame("minute tick " + std::to_string(minute + 1));
        ASSERT_EQ(tick.kind, render::Repaint::Kind::partial);
        EXPECT_LT(area(tick), kWidth * kHeight / 50) << "a tick repaints the clock";
    }
    EXPECT_GE(two_way_.partial_painter().stats().partial_frames, 5u);
}

TEST_F(PartialRepaintScreens, NavigationAndScrollingMatchFullRedraws) {
    frame("home");
    app_.tap("tile:members");
    frame("members");
    // A drag up the list: clipped content moves (a clip op may change: full or partial, the
    // pixels must match either way).
    const render::Point start{kWidth / 2.0f, kHeight * 0.6f};
    app_.press(start);
    for (int i = 1; i <= 4; ++i) {
        app_.move({start.x, start.y - 60.0f * static_cast<float>(i)});
        frame("drag step " + std::to_string(i));
    }
    app_.release({start.x, start.y - 240});
    frame("released");
    clock_.advance(1min);
    app_.tick();
    frame("a tick on the members screen");
}

}  // namespace
}  // namespace redgrid::kiosk
