// Route transitions on the fake clock: the new screen fades in over its stage (not the header
// or the nav bar) in 150 ms, takes touches from its first frame, and the loop goes back to
// sleep once it has settled; screenshots never catch it half-way.
#include <gtest/gtest.h>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

// The veil's alpha when the frame ends with one: a rectangle of the screen's own background
// over its stage.
std::optional<int> veil_alpha(const render::DrawList& dl) {
    if (dl.ops.empty()) return std::nullopt;
    const auto* r = std::get_if<render::RoundRect>(&dl.ops.back());
    if (!r || r->rect != dl.stage || r->fill.with_alpha(255) != dl.clear.with_alpha(255)) return std::nullopt;
    return r->fill.a;
}

class TransitionTest : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{.transition = 150ms}};

    void SetUp() override {
        app.set_content(test::demo_content());
        app.set_size(1920, 1080);
        app.frame(measurer);
    }
};

TEST_F(TransitionTest, FirstFrameAndJumpsShowTheirScreenAtOnce) {
    EXPECT_FALSE(app.animating());
    EXPECT_FALSE(veil_alpha(app.frame(measurer)));
    app.navigate({ScreenId::notices, {}});
    EXPECT_FALSE(veil_alpha(app.frame(measurer)));
    EXPECT_FALSE(app.animating());
}

TEST_F(TransitionTest, FadesTheStageInThenSleeps) {
    ASSERT_TRUE(app.tap("tile:notices"));
    const int built = app.frames_built();

    // t = 0: the notices screen is built, its stage still veiled in its own background.
    const auto& first = app.frame(measurer);
    EXPECT_EQ(app.frames_built(), built + 1);
    ASSERT_TRUE(app.animating());
    ASSERT_EQ(veil_alpha(first), 255);
    EXPECT_GT(first.stage.y, 0) << "the header stays put";
    EXPECT_LT(first.stage.bottom(), 1080) << "and so does the nav bar";
    EXPECT_FALSE(app.needs_redraw());
    EXPECT_EQ(app.time_until_next_change(), 16ms) << "one frame every 16 ms while it fades";

    // t = 75 ms: half-way in time, most of the way in looks (ease-out).
    clock.advance(75ms);
    app.tick();
    EXPECT_TRUE(app.needs_redraw());
    const auto half = veil_alpha(app.frame(measurer));
    ASSERT_TRUE(half);
    EXPECT_GT(*half, 0);
    EXPECT_LT(*half, 64);
    EXPECT_EQ(app.frames_built(), built + 1) << "fading redraws the veil, not the screen";

    // t = 200 ms: settled, no veil, and nothing more to draw until the clock's minute.
    clock.advance(125ms);
    app.tick();
    EXPECT_TRUE(app.needs_redraw());
    EXPECT_FALSE(veil_alpha(app.frame(measurer)));
    EXPECT_FALSE(app.animating());
    EXPECT_FALSE(app.needs_redraw());
    EXPECT_GT(app.time_until_next_change(), 1s);
    clock.advance(1s);
    app.tick();
    EXPECT_FALSE(app.needs_redraw());
}

TEST_F(TransitionTest, InputGoesToTheNewScreenAtOnce) {
    ASSERT_TRUE(app.tap("tile:services"));
    app.frame(measurer);
    ASSERT_TRUE(app.animating());
    clock.advance(16ms);
    app.tick();
    app.frame(measurer);
    // The nav bar of the new screen answers before the fade is over.
    ASSERT_TRUE(app.tap("back"));
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    app.frame(measurer);
    EXPECT_TRUE(app.animating()) << "going back fades home in afresh";
    EXPECT_EQ(veil_alpha(app.frame(measurer)), 255);
}

TEST_F(TransitionTest, SettlingShowsTheEndState) {
    ASSERT_TRUE(app.tap("tile:honours"));
    app.frame(measurer);
    ASSERT_TRUE(app.animating());
    app.settle_animations();
    EXPECT_TRUE(app.needs_redraw());
    EXPECT_FALSE(veil_alpha(app.frame(measurer)));
    EXPECT_FALSE(app.animating());
}

TEST_F(TransitionTest, PressFeedbackOnTheSameScreenDoesNotFade) {
    const auto* tile = app.frame(measurer).find("tile:map");
    ASSERT_NE(tile, nullptr);
    // A copy: the next frame replaces the hit targets the pointer points into.
    const auto rect = tile->rect;
    app.press({rect.x + 5, rect.y + 5});
    app.frame(measurer);
    EXPECT_FALSE(app.animating());
    app.release({rect.x - 400, rect.y - 400});
    app.frame(measurer);
    EXPECT_FALSE(app.animating());
}

TEST(TransitionOff, ZeroMeansNoFade) {
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{.transition = 0ms}};
    app.set_content(test::demo_content());
    app.frame(measurer);
    ASSERT_TRUE(app.tap("tile:notices"));
    EXPECT_FALSE(veil_alpha(app.frame(measurer)));
    EXPECT_FALSE(app.animating());
}

}  // namespace
}  // namespace redgrid::kiosk
