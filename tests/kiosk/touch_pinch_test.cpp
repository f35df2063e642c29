// TouchInput's two-finger gesture recognition, from synthetic SDL_FINGER* events into a real
// App: a second finger cancels the first one's press and pinches; lifting back to one
// finger ends the pinch and is never a tap, whichever finger lifts first; a third finger is
// ignored; hostile coordinates are clamped or keep the finger's last good point; and on a
// panel mounted in any rotation the pinch zooms about the place between the fingers.
#include <gtest/gtest.h>

#include <limits>

#include "map_pinch_support.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/rotation.h"
#include "redgrid/content/time_format.h"
#include "redgrid/kiosk/app/touch_input.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
using render::Point;

class Fingers {
public:
    Fingers(App& app, Size panel, Rotation rotation)
        : app_(app), panel_(panel), rotation_(rotation),
          touch_(panel.width, panel.height, [panel, rotation](Point p) { return to_logical(p, panel, rotation); }) {}

    // Positions are the App's (upright picture) pixels; they reach the panel turned, as a
    // finger on a rotated screen would report them, normalised as SDL does.
    void down(SDL_FingerID id, Point at) { send(SDL_FINGERDOWN, id, to_panel(at)); }
    void move(SDL_FingerID id, Point at) { send(SDL_FINGERMOTION, id, to_panel(at)); }
    void up(SDL_FingerID id, Point at) { send(SDL_FINGERUP, id, to_panel(at)); }
    // Raw normalised coordinates, hostile ones included.
    void raw(Uint32 type, SDL_FingerID id, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.touchId = 3;
        e.tfinger.fingerId = id;
        e.tfinger.x = x;
        e.tfinger.y = y;
        EXPECT_TRUE(touch_.handle(e, app_));
    }
    TouchInput& input() { return touch_; }

private:
    Point to_panel(Point app_point) const { return to_physical(app_point, panel_, rotation_); }
    void send(Uint32 type, SDL_FingerID id, Point panel_point) {
        raw(type, id, panel_point.x / panel_.width, panel_point.y / panel_.height);
    }
    App& app_;
    Size panel_;
    Rotation rotation_;
    TouchInput touch_;
};

class TwoFingers : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{}};
    std::shared_ptr<const Content> content = test::demo_content();
    Fingers fingers{app, {1920, 1080}, {0}};

    void SetUp() override {
        app.set_content(content);
        app.set_size(1920, 1080);
        frame();
    }
    const render::DrawList& frame() { return app.frame(measurer); }
    Point centre_of(std::string_view id) {
        const render::HitTarget* t = frame().find(id);
        EXPECT_NE(t, nullptr) << id;
        return t ? Point{t->rect.x + t->rect.w / 2, t->rect.y + t->rect.h / 2} : Point{};
    }
    void open_map() {
        app.navigate({ScreenId::map, {}});
        frame();
    }
    Point in_map(float fx, float fy) {
        const render::Rect a = test::map_area(frame()).value_or(render::Rect{});
        return {a.x + a.w * fx, a.y + a.h * fy};
    }
};

// Which finger lifts first must not matter.
class LiftOrder : public TwoFingers, public ::testing::WithParamInterface<bool> {};

TEST_P(LiftOrder, TwoFingersOnTheCallButtonCallNobodyAndTheLastLiftIsNoTap) {
    const bool first_lifts_first = GetParam();
    const Point call = centre_of("call");
    fingers.down(1, call);
    EXPECT_EQ(app.state().pressed_id, "call") << "one finger presses, in the same frame";
    fingers.down(2, {call.x + 30, call.y});
    EXPECT_TRUE(fingers.input().pinching());
    EXPECT_EQ(app.state().pressed_id, "") << "the second finger cancels the press";
    fingers.up(first_lifts_first ? 1 : 2, call);
    EXPECT_FALSE(fingers.input().pinching());
    EXPECT_TRUE(fingers.input().pointer_down()) << "one finger is still on the glass";
    const SDL_FingerID left = first_lifts_first ? 2 : 1;
    fingers.move(left, {call.x + 5, call.y});
    EXPECT_EQ(app.state().pressed_id, "") << "the finger left behind presses nothing";
    fingers.up(left, call);
    EXPECT_FALSE(fingers.input().pointer_down());
    frame();
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(app.call_flow().step(), CallStep::idle);
    // And a plain tap afterwards works as ever.
    fingers.down(5, call);
    fingers.up(5, call);
    EXPECT_EQ(app.state().route.screen, ScreenId::call);
}

TEST_P(LiftOrder, OnTheMapTheFingerLeftBehindNeitherPansNorOpensAGrid) {
    open_map();
    const Point c = in_map(0.45f, 0.5f);
    const std::string grid = frame().hit(c) ? frame().hit(c)->id : "";
    ASSERT_TRUE(grid.starts_with("grid:")) << grid;
    fingers.down(1, c);
    EXPECT_EQ(app.state().pressed_id, grid);
    fingers.down(2, {c.x + 200, c.y});
    fingers.move(2, {c.x + 400, c.y});  // twice as wide
    frame();
    EXPECT_NEAR(app.state().map_scale, 2.f, 1e-2f);
    fingers.up(GetParam() ? 1 : 2, c);
    app.settle_animations();
    EXPECT_EQ(app.state().map_scale, 0) << "back to one finger: the zoom settled";
    EXPECT_EQ(app.state().map_zoom, 2);
    const float pan_x = app.state().map_pan_x, pan_y = app.state().map_pan_y;
    const SDL_FingerID left = GetParam() ? 2 : 1;
    fingers.move(left, {c.x + 100, c.y + 80});
    fingers.move(left, {c.x, c.y});
    fingers.up(left, c);
    frame();
    EXPECT_EQ(app.state().route.screen, ScreenId::map);
    EXPECT_EQ(app.state().map_pan_x, pan_x);
    EXPECT_EQ(app.state().map_pan_y, pan_y);
}

INSTANTIATE_TEST_SUITE_P(EitherFinger, LiftOrder, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "FirstLiftsFirst" : "SecondLiftsFirst"; });

TEST_F(TwoFingers, AThirdFingerIsIgnoredAndANewSecondFingerPinchesAgain) {
    open_map();
    const Point c = in_map(0.5f, 0.5f);
    fingers.down(1, {c.x - 100, c.y});
    fingers.down(2, {c.x + 100, c.y});
    fingers.down(3, {c.x, c.y + 150});
    fingers.move(3, {c.x, c.y + 400});
    fingers.move(3, {c.x + 600, c.y - 300});
    EXPECT_EQ(app.state().map_scale, 0) << "the third finger moved nothing";
    fingers.up(3, {c.x, c.y});
    EXPECT_TRUE(fingers.input().pinching()) << "nor did its lift end the pinch";
    fingers.move(1, {c.x - 150, c.y});
    fingers.move(2, {c.x + 150, c.y});
    EXPECT_NEAR(app.state().map_scale, 1.5f, 1e-2f);
    // A third finger down when the pinch ends is still not followed.
    fingers.down(4, {c.x, c.y + 100});
    fingers.up(2, {c.x + 150, c.y});
    app.settle_animations();
    EXPECT_EQ(app.state().map_zoom, 2);
    EXPECT_EQ(app.state().map_scale, 0);
    fingers.move(4, {c.x, c.y + 300});
    EXPECT_FALSE(fingers.input().pinching());
    EXPECT_EQ(app.state().map_scale, 0);
    // A fresh finger beside the one still down pinches again (as on a phone)...
    fingers.down(6, {c.x + 150, c.y});
    EXPECT_TRUE(fingers.input().pinching());
    fingers.move(6, {c.x + 450, c.y});  // 300 -> 600 apart
    EXPECT_NEAR(app.state().map_scale, 4.f, 1e-2f);
    fingers.up(1, {c.x - 150, c.y});
    fingers.up(6, {c.x + 450, c.y});
    fingers.up(4, {c.x, c.y + 300});
    EXPECT_FALSE(fingers.input().pointer_down());
    EXPECT_EQ(app.state().map_zoom, kMaxMapZoom);
    EXPECT_EQ(app.state().route.screen, ScreenId::map) << "nothing was tapped";
}

TEST_F(TwoFingers, HostileCoordinatesInAPinchAreClampedOrKeepTheFingersLastPoint) {
    open_map();
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    const Point c = in_map(0.5f, 0.5f);
    fingers.down(1, {c.x - 100, c.y});
    fingers.down(2, {c.x + 100, c.y});
    fingers.raw(SDL_FINGERMOTION, 2, nan, nan);
    EXPECT_EQ(fingers.input().last_point(), (Point{c.x + 100, c.y})) << "NaN keeps finger 2's own last point";
    EXPECT_NEAR(app.state().map_scale, 1.f, 1e-3f);
    fingers.raw(SDL_FINGERMOTION, 1, -3.f, 1e30f);
    EXPECT_EQ(fingers.input().last_point(), (Point{0, 1079})) << "clamped to the glass";
    fingers.raw(SDL_FINGERMOTION, 2, 3.4e38f, -0.25f);
    EXPECT_EQ(fingers.input().last_point(), (Point{c.x + 100, 0})) << "3.4e38 * 1920 is inf: the last x";
    fingers.raw(SDL_FINGERMOTION, 2, 5.f, -inf);
    EXPECT_EQ(fingers.input().last_point(), (Point{1919, 0}));
    EXPECT_TRUE(std::isfinite(app.state().map_scale));
    EXPECT_GE(app.state().map_scale, 1.f);
    EXPECT_LE(app.state().map_scale, static_cast<float>(kMaxMapZoom));
    fingers.raw(SDL_FINGERUP, 1, nan, 0.5f);
    fingers.raw(SDL_FINGERUP, 2, 0.5f, inf);
    EXPECT_FALSE(fingers.input().pointer_down());
    EXPECT_TRUE(std::isfinite(app.state().map_pan_x) && std::isfinite(app.state().map_pan_y));
    EXPECT_EQ(app.state().route.screen, ScreenId::map);
}

TEST_F(TwoFingers, TheMouseWaitsWhileFingersPinchAndFingersWaitForTheMouse) {
    open_map();
    const Point c = in_map(0.5f, 0.5f);
    fingers.down(1, {c.x - 100, c.y});
    fingers.down(2, {c.x + 100, c.y});
    SDL_Event mouse{};
    mouse.type = SDL_MOUSEBUTTONDOWN;
    mouse.button.button = SDL_BUTTON_LEFT;
    mouse.button.x = 10;
    mouse.button.y = 10;
    fingers.input().handle(mouse, app);
    EXPECT_TRUE(fingers.input().pinching());
    fingers.up(1, c);
    fingers.up(2, c);
    fingers.input().handle(mouse, app);  // now the mouse presses
    EXPECT_TRUE(fingers.input().pointer_down());
    fingers.down(1, {c.x - 100, c.y});
    fingers.down(2, {c.x + 100, c.y});
    EXPECT_FALSE(fingers.input().pinching()) << "fingers wait while the mouse button is down";
}

// A panel mounted on its side: fingers report panel positions, the App gets them turned.
class RotatedPinch : public ::testing::TestWithParam<int> {};

TEST_P(RotatedPinch, ZoomsAboutThePlaceBetweenTheFingers) {
    const Rotation rotation{GetParam()};
    const Size panel{1920, 1080};
    const Size logical = logical_size(panel, rotation);
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{}};
    const auto content = test::demo_content();
    app.set_content(content);
    app.set_size(logical.width, logical.height);
    app.navigate({ScreenId::map, {}});
    // From step 3 the map is larger than its area both ways in either orientation, so the
    // pinch can keep its middle anchored across and up and down.
    for (int i = 0; i < 2; ++i) {
        app.frame(measurer);
        clock.advance(1s);
        ASSERT_TRUE(app.tap("map:zoom_in"));
    }
    const render::Rect area = test::map_area(app.frame(measurer)).value_or(render::Rect{});
    const Point c{area.x + area.w * 0.4f, area.y + area.h * 0.6f};
    const auto before = test::drawn_map(app.frame(measurer), content->bundle());
    ASSERT_TRUE(before);
    const MapPoint under = before->to_map(c);
    const render::HitTarget* hit = app.frame(measurer).hit({c.x - 75, c.y});
    const std::string pressed = hit && !hit->id.starts_with(kMapPanTargetPrefix) ? hit->id : "";

    Fingers fingers(app, panel, rotation);
    fingers.down(1, {c.x - 75, c.y});
    EXPECT_EQ(app.state().pressed_id, pressed) << "the first finger lands where the App draws, turned back";
    fingers.down(2, {c.x + 75, c.y});
    EXPECT_EQ(app.state().pressed_id, "");
    for (int i = 1; i <= 5; ++i) {
        const float half = 75 + 5 * static_cast<float>(i);  // 150 -> 200 px apart: step 3 -> 4
        fingers.move(1, {c.x - half, c.y});
        fingers.move(2, {c.x + half, c.y});
        app.frame(measurer);
    }
    EXPECT_NEAR(app.state().map_scale, 4.f, 0.03f) << "rotation " << rotation.degrees;
    const auto during = test::drawn_map(app.frame(measurer), content->bundle());
    ASSERT_TRUE(during);
    EXPECT_NEAR(during->scale / before->scale, app.state().map_scale / 3, 1e-3f);
    EXPECT_NEAR(during->to_screen(under).x, c.x, 1.5f) << "rotation " << rotation.degrees;
    EXPECT_NEAR(during->to_screen(under).y, c.y, 1.5f) << "rotation " << rotation.degrees;
    fingers.up(2, {c.x + 100, c.y});
    fingers.up(1, {c.x - 100, c.y});
    EXPECT_EQ(app.state().map_zoom, kMaxMapZoom);
    EXPECT_EQ(app.state().route.screen, ScreenId::map);
}

INSTANTIATE_TEST_SUITE_P(EachRotation, RotatedPinch, ::testing::Values(0, 90, 180, 270),
                         [](const auto& info) { return "deg" + std::to_string(info.param); });

}  // namespace
}  // namespace redgrid::kiosk
