// The UI core without SDL: routing, taps by id, redraw-only-on-change with a fake clock,
// idle return, and the shared rules every screen keeps (touch-target sizes, no overflow).
#include <gtest/gtest.h>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

class AppTest : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{.idle_return = 90s}};

    void SetUp() override {
        app.set_content(test::demo_content());
        app.set_size(1920, 1080);
    }
};

TEST_F(AppTest, RedrawsOnlyWhenSomethingChanged) {
    EXPECT_TRUE(app.needs_redraw());
    app.frame(measurer);
    EXPECT_EQ(app.frames_built(), 1);
    EXPECT_FALSE(app.needs_redraw());

    // The clock shows minutes: nothing to draw until 09:31:00, and the loop may sleep until then.
    EXPECT_EQ(app.time_until_next_change(), 45s);
    clock.advance(44s);
    app.tick();
    EXPECT_FALSE(app.needs_redraw());
    app.frame(measurer);
    EXPECT_EQ(app.frames_built(), 1);

    clock.advance(1s);
    app.tick();
    EXPECT_TRUE(app.needs_redraw());
    app.frame(measurer);
    EXPECT_EQ(app.frames_built(), 2);
    EXPECT_EQ(app.time_until_next_change(), 60s);
}

TEST_F(AppTest, PressFeedbackIsDrawnAndActivationHappensOnRelease) {
    app.frame(measurer);
    const auto* call = app.frame(measurer).find("call");
    ASSERT_NE(call, nullptr);
    const render::Point c{call->rect.x + call->rect.w / 2, call->rect.y + call->rect.h / 2};
    app.press(c);
    EXPECT_EQ(app.state().pressed_id, "call");
    EXPECT_TRUE(app.needs_redraw());
    app.frame(measurer);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    app.release(c);
    EXPECT_EQ(app.state().route.screen, ScreenId::call);
}

TEST_F(AppTest, SlidingOffAnElementCancelsIt) {
    const auto* tile = app.frame(measurer).find("tile:notices");
    ASSERT_NE(tile, nullptr);
    app.press({tile->rect.x + 5, tile->rect.y + 5});
    app.move({tile->rect.x - 200, tile->rect.y - 200});
    app.release({tile->rect.x - 200, tile->rect.y - 200});
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
}

TEST_F(AppTest, TapByIdNavigatesAndBackReturns) {
    app.frame(measurer);
    ASSERT_TRUE(app.tap("tile:notices"));
    EXPECT_EQ(app.state().route.screen, ScreenId::notices);
    app.frame(measurer);
    clock.advance(1s);
    ASSERT_TRUE(app.tap("back"));
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_FALSE(app.tap("no-such-element"));
}

TEST_F(AppTest, DoubleTapDoesNotActTwice) {
    app.frame(measurer);
    ASSERT_TRUE(app.tap("tile:services"));
    app.frame(measurer);
    ASSERT_TRUE(app.tap("large_text"));
    app.frame(measurer);
    clock.advance(150ms);
    ASSERT_TRUE(app.tap("large_text"));  // the second tap of a double tap
    EXPECT_TRUE(app.state().large_text);
    clock.advance(1s);
    app.frame(measurer);
    ASSERT_TRUE(app.tap("large_text"));
    EXPECT_FALSE(app.state().large_text);
}

TEST_F(AppTest, IdleReturnsHomeAndForgetsThePerson) {
    app.frame(measurer);
    ASSERT_TRUE(app.tap("tile:activities"));
    app.frame(measurer);
    ASSERT_TRUE(app.tap("large_text"));
    app.frame(measurer);
    ASSERT_TRUE(app.tap("lang"));
    app.frame(measurer);
    EXPECT_LE(app.time_until_next_change(), 90s);

    clock.advance(89s);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::activities);
    clock.advance(1s);
    app.tick();
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_FALSE(app.state().large_text);
    EXPECT_EQ(app.state().lang, Lang::zh);
    EXPECT_TRUE(app.state().back_stack.empty());
}

TEST_F(AppTest, HomeButtonKeepsTheResidentsTextSize) {
    app.frame(measurer);
    ASSERT_TRUE(app.tap("tile:honours"));
    app.frame(measurer);
    ASSERT_TRUE(app.tap("large_text"));
    app.frame(measurer);
    ASSERT_TRUE(app.tap("home"));
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_TRUE(app.state().large_text);
}

// The rules every screen keeps, at every reference size.
struct SizeCase {
    float w, h;
};
class ScreenRules : public ::testing::TestWithParam<SizeCase> {};

// Every screen the rules walk: the fixed ones and one subject of each parameterised one.
std::vector<std::string> screens_to_check() {
    const auto content = test::demo_content();
    const auto now = std::chrono::floor<std::chrono::seconds>(*parse_rfc3339("2026-11-25T09:30:00+08:00"));
    std::vector<std::string> names{"home", "call", "notices", "members", "services", "attract"};
    for (const Notice* n : content->active_notices(now)) names.push_back("notice:" + n->id);
    const auto on_duty = content->on_duty_nearest(content->bundle().place.grid_id, 2);
    for (const Member* m : on_duty) names.push_back("member:" + m->id);
    // A member with honours, whose card is the fullest.
    names.push_back("member:" + content->bundle().honours.front().member_id);
    names.push_back("notice:no-such-notice");
    names.push_back("member:no-such-member");
    names.push_back("honours");
    names.push_back("activities");
    names.push_back("map");
    names.push_back("grid:" + content->bundle().place.grid_id);
    names.push_back("grid:no-such-grid");
    for (const Activity* a : content->upcoming_activities(now)) {
        names.push_back("activity:" + a->id);
        break;
    }
    names.push_back("activity:no-such-activity");
    return names;
}

TEST_P(ScreenRules, TargetsAreLargeEnoughAndNothingOverflows) {
    const auto [w, h] = GetParam();
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    for (const std::string& name : screens_to_check()) {
        for (bool large : {false, true}) {
            App app{clock, {}};
            app.set_content(test::demo_content());
            app.set_size(w, h);
            app.navigate(*parse_route(name, nullptr));
            if (large) {
                app.frame(measurer);
                if (!app.tap("large_text")) app.navigate(*parse_route(name, nullptr));
            }
            const auto& dl = app.frame(measurer);
            // 96 px at the 1920x1080 (1080x1920) reference, scaled with the screen.
            const float scale = h > w ? std::min(w / 1080.f, h / 1920.f) : std::min(w / 1920.f, h / 1080.f);
            const float min_target = 96.f * scale - 1;
            const render::Rect screen{0, 0, w, h};
            const std::string where = name + (large ? " (large)" : "") + " at " + std::to_string(int(w)) + "x" +
                                      std::to_string(int(h));
            for (const auto& t : dl.targets) {
                if (t.id.starts_with("grid:")) continue;  // grids on the overview map are not buttons
                EXPECT_GE(std::min(t.rect.w, t.rect.h), min_target) << where << " " << t.id;
                EXPECT_TRUE(screen.contains(t.rect)) << where << " " << t.id;
            }
            int clips = 0;
            for (const auto& op : dl.ops) {
                if (const auto* clip = std::get_if<render::PushClip>(&op)) {
                    ++clips;
                    EXPECT_TRUE(screen.contains(clip->rect)) << where << " clip leaves the screen";
                }
                if (std::holds_alternative<render::PopClip>(op)) --clips;
                const auto* text = std::get_if<render::Text>(&op);
                if (!text) continue;
                // Inside a scrolling viewport text may be half out of sight: the clip cuts it.
                if (clips == 0) {
                    EXPECT_TRUE(screen.contains(text->box)) << where << " text \"" << text->utf8 << "\" leaves the screen";
                }
                // The lines the text needs fit the height of its box.
                const auto lines = render::layout_text(measurer, text->utf8, text->style, text->box.w);
                EXPECT_LE(render::text_block_height(text->style, lines.size()), text->box.h * 1.2f + 1)
                    << where << " text \"" << text->utf8 << "\" is taller than its box";
            }
            EXPECT_EQ(clips, 0) << where << " unbalanced clips";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(ReferenceSizes, ScreenRules,
                         ::testing::Values(SizeCase{1920, 1080}, SizeCase{1080, 1920}, SizeCase{1280, 800}),
                         [](const auto& info) {
                             return std::to_string(static_cast<int>(info.param.w)) + "x" +
                                    std::to_string(static_cast<int>(info.param.h));
                         });

TEST(Routes, ParseEveryNameAndRejectUnknownWithTheList) {
    for (auto name : route_names()) {
        std::string n(name);
        if (auto colon = n.find(":ID"); colon != std::string::npos) n.replace(colon, 3, ":x-1");
        std::string error;
        auto r = parse_route(n, &error);
        ASSERT_TRUE(r) << n << ": " << error;
        EXPECT_EQ(route_name(*r), n);
    }
    std::string error;
    EXPECT_FALSE(parse_route("settings", &error));
    EXPECT_NE(error.find("valid screens: home, map"), std::string::npos) << error;
    EXPECT_FALSE(parse_route("member", &error));
    EXPECT_FALSE(parse_route("member:", &error));
}

}  // namespace
}  // namespace redgrid::kiosk
