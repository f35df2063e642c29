// The App's two-finger pinch (App::pinch_begin/move/end, as TouchInput calls them): on the
// red map the spread zooms it live between the steps, about the place between the fingers,
// within the +/- buttons' limits and the map's edges, and settles on a step when a finger
// lifts; elsewhere it only cancels the first finger's press. Positions are read back from
// the drawn frame (map_pinch_support.h), not from the App's own arithmetic.
#include <gtest/gtest.h>

#include <algorithm>

#include "map_pinch_support.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/replay.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
using render::Point;

class MapPinch : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{}};
    std::shared_ptr<const Content> content = test::demo_content();

    void SetUp() override {
        app.set_content(content);
        app.set_size(1920, 1080);
        app.navigate({ScreenId::map, {}});
        frame();
    }
    const render::DrawList& frame() { return app.frame(measurer); }
    render::Rect area() { return test::map_area(frame()).value_or(render::Rect{}); }
    // A point of the map area by fractions of its size.
    Point in_area(float fx, float fy) {
        const render::Rect a = area();
        return {a.x + a.w * fx, a.y + a.h * fy};
    }
    // A point of the map where a grid (not a member marker, not a button) is under the finger.
    Point grid_point() {
        for (float fy = 0.3f; fy < 0.8f; fy += 0.05f)
            for (float fx = 0.2f; fx < 0.7f; fx += 0.05f) {
                const Point p = in_area(fx, fy);
                const render::HitTarget* t = frame().hit(p);
                if (t && t->id.starts_with("grid:")) return p;
            }
        ADD_FAILURE() << "no grid on the map";
        return {};
    }
    test::DrawnMap drawn() {
        auto m = test::drawn_map(frame(), content->bundle());
        EXPECT_TRUE(m.has_value()) << "no map drawn";
        return m.value_or(test::DrawnMap{});
    }
    // Two fingers level either side of c, `spread` apart.
    static Point left(Point c, float spread) { return {c.x - spread / 2, c.y}; }
    static Point right(Point c, float spread) { return {c.x + spread / 2, c.y}; }
    // Fingers land `from` apart around c and move in 10 frames to `to` apart around `c_to`
    // (default: c); they stay down.
    void pinch(Point c, float from, float to, std::optional<Point> c_to = std::nullopt) {
        const Point end = c_to.value_or(c);
        frame();
        app.pinch_begin(left(c, from), right(c, from));
        frame();
        for (int i = 1; i <= 10; ++i) {
            const float t = static_cast<float>(i) / 10.f;
            const float s = from + (to - from) * t;
            const Point m{c.x + (end.x - c.x) * t, c.y + (end.y - c.y) * t};
            app.pinch_move(left(m, s), right(m, s));
            frame();
        }
    }
    // A finger lifts and the map's glide onto its step is let finish (as a screenshot does).
    void lift() {
        app.pinch_end();
        app.settle_animations();
    }
    bool shows(const std::string& text) {
        for (const auto& op : frame().ops)
            if (const auto* t = std::get_if<render::Text>(&op); t && t->utf8 == text) return true;
        return false;
    }
    static void expect_near(Point a, Point b, float tolerance, const char* what) {
        EXPECT_NEAR(a.x, b.x, tolerance) << what;
        EXPECT_NEAR(a.y, b.y, tolerance) << what;
    }
};

TEST_F(MapPinch, SpreadZoomsLiveBetweenTheStepsAboutThePlaceBetweenTheFingers) {
    const float base = drawn().scale;
    const render::Rect a = area();
    const Point c = in_area(0.35f, 0.7f);
    const MapPoint under = drawn().to_map(c);
    pinch(c, 200, 300);  // one and a half times as wide
    EXPECT_TRUE(app.pinching());
    EXPECT_NEAR(app.state().map_scale, 1.5f, 1e-3f);
    EXPECT_NEAR(drawn().scale / base, 1.5f, 1e-3f) << "the map is drawn at the live scale";
    // Up and down the map has room to move: the place between the fingers stays under them.
    // Across, the map is still narrower than its area at 1.5: it stays centred, as a drag
    // cannot move it there either.
    EXPECT_NEAR(drawn().to_screen(under).y, c.y, 1.f);
    const Bundle& b = content->bundle();
    EXPECT_NEAR(drawn().to_screen({b.map.width / 2, 0}).x, a.x + a.w / 2, 1.f);
    EXPECT_EQ(app.state().map_zoom, 2) << "the zoom level shows the step it will settle on";
    EXPECT_TRUE(shows("2 / 4"));
    // A finger lifts: the map settles on step 2, about the same place.
    lift();
    EXPECT_FALSE(app.pinching());
    EXPECT_EQ(app.state().map_scale, 0);
    EXPECT_EQ(app.state().map_zoom, 2);
    EXPECT_NEAR(drawn().scale / base, 2.f, 1e-3f);
    EXPECT_NEAR(drawn().to_screen(under).y, c.y, 1.f) << "settling keeps the place under the fingers";
    // From step 3 the map is wider and taller than its area: anchored both ways.
    clock.advance(1s);
    ASSERT_TRUE(app.tap("map:zoom_in"));
    const Point d = in_area(0.4f, 0.4f);
    const MapPoint there = drawn().to_map(d);
    pinch(d, 300, 350);
    EXPECT_NEAR(drawn().scale / base, 3.5f, 1e-2f);
    expect_near(drawn().to_screen(there), d, 1.f, "live");
    lift();
    EXPECT_EQ(app.state().map_zoom, 4);
    expect_near(drawn().to_screen(there), d, 1.f, "settled");
}

TEST_F(MapPinch, WhenTheFingersLiftTheMapGlidesOntoItsStepAboutTheSamePlace) {
    const Point c = in_area(0.4f, 0.6f);
    pinch(c, 200, 260);  // 1.3: settles on 2
    const float base = drawn().scale;  // at 1.3
    const float at_lift = app.state().map_scale;
    const Bundle& b = content->bundle();
    const MapPoint under = drawn().to_map(c);
    app.pinch_end();
    EXPECT_EQ(app.state().map_zoom, 2) << "the zoom level and buttons show the step at once";
    EXPECT_TRUE(shows("2 / 4"));
    EXPECT_TRUE(app.animating());
    EXPECT_EQ(app.time_until_next_change(), 16ms) << "frames while it glides";
    float last = at_lift;
    int frames = 0;
    while (app.animating() && frames < 100) {
        clock.advance(16ms);
        app.tick();
        frame();
        ++frames;
        EXPECT_GE(app.state().map_scale == 0 ? 2.f : app.state().map_scale, last) << "only ever towards the step";
        last = app.state().map_scale == 0 ? 2.f : app.state().map_scale;
        EXPECT_NEAR(drawn().to_screen(under).y, c.y, 1.f) << "frame " << frames;
    }
    EXPECT_GE(frames, 5);
    EXPECT_LE(frames, 12) << "about AppOptions::transition (150 ms)";
    EXPECT_EQ(app.state().map_scale, 0);
    EXPECT_NEAR(drawn().scale / base, 2.f / at_lift, 1e-3f);
    EXPECT_NEAR(drawn().to_screen({b.map.width / 2, 0}).x, area().x + area().w / 2, 1.f);
    // A touch during a glide finds the map at its step.
    pinch(c, 200, 260);
    app.pinch_end();
    ASSERT_TRUE(app.animating());
    app.press(c);
    EXPECT_FALSE(app.animating());
    EXPECT_EQ(app.state().map_scale, 0);
    EXPECT_EQ(app.state().map_zoom, 3);
    app.release(c);
}

TEST_F(MapPinch, FingersMovingTogetherCarryTheMapWithThem) {
    for (int i = 0; i < 2; ++i) {  // step 3: room to move both ways
        clock.advance(1s);
        app.tap("map:zoom_in");
        frame();
    }
    const Point c = in_area(0.45f, 0.5f), c_to = in_area(0.5f, 0.45f);
    const MapPoint under = drawn().to_map(c);
    pinch(c, 300, 400, c_to);
    expect_near(drawn().to_screen(under), c_to, 1.f, "the place followed the fingers' middle");
    lift();
    expect_near(drawn().to_screen(under), c_to, 1.f, "and stays there after the settle");
    EXPECT_EQ(app.state().map_zoom, 4);
}

TEST_F(MapPinch, LimitsAreTheButtonsOnesAndTheButtonsCarryOn) {
    const Point c = in_area(0.5f, 0.5f);
    pinch(c, 100, 1400);  // fourteen times as wide: stops at the closest step
    EXPECT_FLOAT_EQ(app.state().map_scale, static_cast<float>(kMaxMapZoom));
    lift();
    EXPECT_EQ(app.state().map_zoom, kMaxMapZoom);
    EXPECT_EQ(frame().find("map:zoom_in"), nullptr) << "+ greys out at the limit, as after the buttons";
    EXPECT_TRUE(shows("4 / 4"));
    clock.advance(1s);
    ASSERT_TRUE(app.tap("map:zoom_out"));
    EXPECT_EQ(app.state().map_zoom, kMaxMapZoom - 1);
    frame();
    pinch(c, 1400, 60);  // back together: the whole map and no further
    EXPECT_FLOAT_EQ(app.state().map_scale, 1.f);
    lift();
    EXPECT_EQ(app.state().map_zoom, 1);
    EXPECT_EQ(frame().find("map:zoom_out"), nullptr);
    ASSERT_TRUE(app.tap("map:zoom_in"));
    EXPECT_EQ(app.state().map_zoom, 2);
    EXPECT_TRUE(shows("2 / 4"));
}

TEST_F(MapPinch, APinchSettlesOnTheNearestStepOrAQuarterStepOnInItsDirection) {
    const Point c = in_area(0.5f, 0.5f);
    struct Case {
        int start;
        float ratio;
        int settles;
    };
    for (const Case k : {Case{1, 1.2f, 1}, Case{1, 1.3f, 2}, Case{1, 2.7f, 3}, Case{2, 0.9f, 2}, Case{2, 0.85f, 1},
                         Case{3, 1.05f, 3}, Case{3, 1.1f, 4}, Case{2, 1.0f, 2}}) {
        while (app.state().map_zoom > 1) {
            frame();
            clock.advance(1s);
            app.tap("map:zoom_out");
        }
        frame();
        for (int i = 1; i < k.start; ++i) {
            clock.advance(1s);
            app.tap("map:zoom_in");
            frame();
        }
        ASSERT_EQ(app.state().map_zoom, k.start);
        pinch(c, 400, 400 * k.ratio);
        lift();
        EXPECT_EQ(app.state().map_zoom, k.settles) << "from " << k.start << " times " << k.ratio;
        clock.advance(1s);
    }
}

TEST_F(MapPinch, ThePanStaysInsideTheMapsEdges) {
    // Near a corner of the map, zoom in and drag both fingers far past the edge.
    pinch(in_area(0.05f, 0.05f), 200, 500, in_area(0.95f, 0.95f));
    lift();
    const auto range = test::pan_range(frame());
    ASSERT_TRUE(range);
    EXPECT_GE(app.state().map_pan_x, static_cast<float>((*range)[0]) - 1);
    EXPECT_LE(app.state().map_pan_x, static_cast<float>((*range)[1]) + 1);
    EXPECT_GE(app.state().map_pan_y, static_cast<float>((*range)[2]) - 1);
    EXPECT_LE(app.state().map_pan_y, static_cast<float>((*range)[3]) + 1);
    // The map still covers its whole area: no edge came inside it.
    const auto m = drawn();
    const render::Rect a = area();
    const Bundle& b = content->bundle();
    EXPECT_LE(m.to_screen({0, 0}).x, a.x + 1);
    EXPECT_LE(m.to_screen({0, 0}).y, a.y + 1);
    EXPECT_GE(m.to_screen({b.map.width, b.map.height}).x, a.right() - 1);
    EXPECT_GE(m.to_screen({b.map.width, b.map.height}).y, a.bottom() - 1);
}

TEST_F(MapPinch, ASecondFingerTakesOverAPressOrAPanAndNothingOpens) {
    app.tap("map:zoom_in");
    frame();
    const Point c = grid_point();
    const render::HitTarget* under = frame().hit(c);
    ASSERT_NE(under, nullptr);
    app.press(c);
    EXPECT_EQ(app.state().pressed_id, under->id);
    app.move({c.x + 40, c.y});  // the finger starts to pan
    const float pan_x = app.state().map_pan_x;
    app.pinch_begin({c.x + 40, c.y}, {c.x + 240, c.y});
    EXPECT_EQ(app.state().pressed_id, "");
    lift();
    // TouchInput sends no release for the spent finger; a fresh tap works as ever.
    EXPECT_EQ(app.state().route.screen, ScreenId::map);
    EXPECT_EQ(app.state().map_pan_x, pan_x);
    const Point tap = grid_point();
    const std::string grid = frame().hit(tap)->id;
    clock.advance(1s);
    app.press(tap);
    app.release(tap);
    EXPECT_EQ(route_name(app.state().route), grid);
}

TEST_F(MapPinch, OffTheMapAPinchOnlyCancelsThePress) {
    app.navigate({ScreenId::members, {}});
    frame();
    const UiState before = app.state();
    pinch({960, 600}, 200, 800);
    lift();
    EXPECT_EQ(app.state().route, before.route);
    EXPECT_EQ(app.state().scroll, before.scroll);
    EXPECT_EQ(app.state().map_zoom, 1);
    EXPECT_EQ(app.state().map_scale, 0);
    // A grid's page shows the map small, not the zoomable one.
    app.navigate(*parse_route("grid:g-01-8", nullptr));
    frame();
    pinch({1500, 600}, 200, 800);
    lift();
    EXPECT_EQ(route_name(app.state().route), "grid:g-01-8");
    EXPECT_EQ(app.state().map_zoom, 1);
    // On the map screen but with the fingers' middle on the header: not the map either.
    app.navigate({ScreenId::map, {}});
    pinch({960, 20}, 200, 800);
    lift();
    EXPECT_EQ(app.state().map_zoom, 1);
}

TEST_F(MapPinch, FingersHeldOnTheMapHoldTheIdleReturnAndAWakingPinchLetsItComeBack) {
    const AppOptions options;  // the App's: idle return after 90 s, the attract loop 300 s later
    pinch(in_area(0.5f, 0.5f), 200, 300);
    clock.advance(120s);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::map) << "two fingers still on the glass";
    lift();
    clock.advance(91s);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(app.state().map_scale, 0);
    // The attract loop: the first finger wakes it, the second makes it a pinch; once both
    // lift, the idle timers run again (the waking finger is not left "down" for ever).
    clock.advance(options.attract_after);
    app.tick();
    ASSERT_EQ(app.state().route.screen, ScreenId::attract);
    app.press({960, 540});
    frame();
    app.pinch_begin({960, 540}, {1200, 540});
    lift();
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    clock.advance(options.idle_return + options.attract_after);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::attract);
}

TEST_F(MapPinch, NonFiniteFingersAreIgnored) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const Point c = in_area(0.5f, 0.5f);
    app.pinch_begin(left(c, 200), right(c, 200));
    app.pinch_move({nan, c.y}, right(c, 400));
    app.pinch_move(left(c, 400), {c.x, std::numeric_limits<float>::infinity()});
    EXPECT_EQ(app.state().map_scale, 0);
    app.pinch_move(left(c, 400), right(c, 400));
    EXPECT_NEAR(app.state().map_scale, 2.f, 1e-3f);
    lift();
    EXPECT_TRUE(std::isfinite(app.state().map_pan_x) && std::isfinite(app.state().map_pan_y));
}

TEST(ReplayPinch, ParsesAndRejectsWithTheLine) {
    auto ok = parse_replay("pinch 960 540 200 500 300ms\n", "p.replay");
    ASSERT_TRUE(ok) << ok.error().front();
    const auto* p = std::get_if<replay::Pinch>(&ok->steps.at(0).action);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->center, (Point{960, 540}));
    EXPECT_EQ(p->from, 200);
    EXPECT_EQ(p->to, 500);
    EXPECT_EQ(p->duration, 300ms);
    for (const char* bad : {"pinch 960 540 200 500\n", "pinch 960 540 0 500 300ms\n", "pinch 960 540 200 x 1s\n",
                            "pinch 960 540 200 -5 1s\n", "pinch 960 540 200 500 300ms extra\n"}) {
        auto r = parse_replay(bad, "p.replay");
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().front().find("p.replay:1: expected \"pinch CX CY FROM TO DURATION\""), std::string::npos)
            << r.error().front();
    }
}

}  // namespace
}  // namespace redgrid::kiosk
