// The attract loop on the fake clock: it starts attract_after past the idle return, turns its
// pages every 8 s (and the loop sleeps in between), skips empty pages, and the touch that wakes
// it brings home back without activating what lies under it.
#include <gtest/gtest.h>

#include "redgrid/kiosk/ui/demo_call_service.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

render::Point centre(const render::HitTarget& t) { return {t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2}; }

class AttractTest : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    DemoCallService calls{clock, test::demo_content()};
    MemoryInteractionSink sink;
    App app{clock, AppOptions{.idle_return = 90s, .attract_after = 300s, .attract_page = 8000ms},
            AppServices{.calls = &calls, .sink = &sink}};

    void SetUp() override {
        app.set_content(test::demo_content());
        app.set_size(1920, 1080);
        app.frame(measurer);
    }

    // Runs the loop as the runner does: sleep as long as the App says, then tick and draw.
    void run_for(std::chrono::milliseconds d) {
        while (d > 0ms) {
            auto step = app.time_until_next_change();
            if (step <= 0ms) step = 16ms;
            step = std::min(step, d);
            clock.advance(step);
            d -= step;
            app.tick();
            app.frame(measurer);
        }
    }
};

TEST_F(AttractTest, StartsAttractAfterMoreUntouchedAfterTheIdleReturn) {
    ASSERT_TRUE(app.tap("tile:services"));
    app.frame(measurer);
    run_for(90s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home) << "the idle return comes first";
    // On home the loop sleeps until the attract loop is due (or the clock's next minute).
    EXPECT_LE(app.time_until_next_change(), 60s);
    run_for(299s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    run_for(1s);
    EXPECT_EQ(app.state().route.screen, ScreenId::attract);
    EXPECT_EQ(app.state().attract_page, 0);
    EXPECT_NE(app.frame(measurer).find("attract:wake"), nullptr);
}

TEST_F(AttractTest, ATouchOnHomeRestartsTheWait) {
    run_for(200s);
    const auto* tile = app.frame(measurer).find("tile:notices");
    ASSERT_NE(tile, nullptr);
    // A press that slides off activates nothing but is a touch all the same.
    app.press(centre(*tile));
    app.move({5, 5});
    app.release({5, 5});
    run_for(389s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    run_for(1s);
    EXPECT_EQ(app.state().route.screen, ScreenId::attract);
}

TEST_F(AttractTest, CyclesPagesEveryEightSecondsAndSleepsBetween) {
    run_for(390s);
    ASSERT_EQ(app.state().route.screen, ScreenId::attract);
    const int pages = attract_page_count(app.content(), clock.now());
    ASSERT_EQ(pages, 4) << "governance stars, service stars, activities, notices";
    run_for(200ms);  // the attract screen's fade-in
    const int built = app.frames_built();
    // Nothing to draw until the next page (or the clock's minute): the loop sleeps.
    EXPECT_FALSE(app.needs_redraw());
    EXPECT_GT(app.time_until_next_change(), 1s);
    EXPECT_LE(app.time_until_next_change(), 8s);
    std::vector<int> seen{app.state().attract_page};
    for (int i = 0; i < pages; ++i) {
        run_for(8s);
        seen.push_back(app.state().attract_page);
    }
    EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 0}));
    // One frame per page turn, plus at most one per minute for the clock; never one per tick.
    EXPECT_LE(app.frames_built() - built, pages + 2);
    EXPECT_EQ(app.state().route.screen, ScreenId::attract);
}

TEST_F(AttractTest, ALateTickCatchesUpWithThePages) {
    run_for(390s);
    ASSERT_EQ(app.state().route.screen, ScreenId::attract);
    clock.advance(17s);  // the loop was held up: two pages are due
    app.tick();
    EXPECT_EQ(app.state().attract_page, 2);
    EXPECT_LE(app.time_until_next_change(), 7s);
}

TEST_F(AttractTest, TheWakingTouchActivatesNothingUnderIt) {
    run_for(390s);
    ASSERT_EQ(app.state().route.screen, ScreenId::attract);
    // Where the call button stands on home: the resident's touch there only wakes the screen.
    App probe{clock, AppOptions{}};
    probe.set_content(test::demo_content());
    probe.set_size(1920, 1080);
    const auto* call = probe.frame(measurer).find("call");
    ASSERT_NE(call, nullptr);
    const render::Point at = centre(*call);

    app.press(at);
    EXPECT_EQ(app.state().route.screen, ScreenId::home) << "home shows as soon as the finger lands";
    EXPECT_TRUE(app.state().pressed_id.empty());
    app.frame(measurer);
    ASSERT_NE(app.frame(measurer).hit(at), nullptr);
    EXPECT_EQ(app.frame(measurer).hit(at)->id, "call");
    app.move({at.x + 3, at.y + 3});
    app.release({at.x + 3, at.y + 3});
    app.frame(measurer);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(app.call_flow().step(), CallStep::idle);
    EXPECT_TRUE(calls.requests().empty());

    // The next touch is the resident's own.
    clock.advance(1s);
    ASSERT_TRUE(app.tap("call"));
    EXPECT_EQ(app.state().route.screen, ScreenId::call);
}

TEST_F(AttractTest, AHalfDoneRatingIsForgottenBeforeTheLoop) {
    ASSERT_TRUE(app.tap("call"));
    app.frame(measurer);
    clock.advance(1s);
    ASSERT_TRUE(app.tap("call:confirm"));
    app.frame(measurer);
    for (int i = 0; i < 60 && app.state().route.screen != ScreenId::rating; ++i) run_for(1s);
    ASSERT_EQ(app.state().route.screen, ScreenId::rating);
    ASSERT_TRUE(app.tap("rating:star:4"));
    app.frame(measurer);
    EXPECT_EQ(app.call_flow().view().stars, 4);

    run_for(90s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(app.call_flow().step(), CallStep::idle);
    EXPECT_EQ(app.call_flow().view().stars, 0);
    EXPECT_TRUE(sink.records_of(InteractionKind::rating).empty()) << "a rating nobody submitted is not sent";
    run_for(300s);
    EXPECT_EQ(app.state().route.screen, ScreenId::attract);
}

TEST_F(AttractTest, AnOpenCallOnScreenHoldsTheLoopOff) {
    calls.set_options({.mode = DemoCallMode::time_out, .escalate_after = 3000s, .expire_after = 3000s});
    ASSERT_TRUE(app.tap("call"));
    app.frame(measurer);
    clock.advance(1s);
    ASSERT_TRUE(app.tap("call:confirm"));
    app.frame(measurer);
    run_for(600s);
    EXPECT_NE(app.state().route.screen, ScreenId::attract) << "the resident is still waiting for the member";
    EXPECT_GT(app.time_until_next_change(), 0ms) << "and the loop does not spin meanwhile";
}

TEST_F(AttractTest, SinglePageDoesNotTurnAndEmptyContentShowsTheIdentity) {
    // A bundle with nothing to show in the loop: no honours, activities or notices.
    Bundle bundle = test::demo_content()->bundle();
    bundle.honours.clear();
    bundle.activities.clear();
    bundle.notices.clear();
    app.set_content(Content::make(std::move(bundle)));
    app.navigate({ScreenId::attract, {}});
    EXPECT_EQ(attract_page_count(app.content(), clock.now()), 0);
    const auto& dl = app.frame(measurer);
    EXPECT_NE(dl.find("attract:wake"), nullptr);
    bool place_named = false;
    for (const auto& op : dl.ops)
        if (const auto* t = std::get_if<render::Text>(&op); t && t->utf8 == app.content()->bundle().place.name)
            place_named = true;
    EXPECT_TRUE(place_named) << "the kiosk's identity stands in for the empty loop";
    const int built = app.frames_built();
    run_for(60s);
    EXPECT_EQ(app.state().attract_page, 0);
    EXPECT_LE(app.frames_built() - built, 2) << "only the clock's minute redraws";
}

}  // namespace
}  // namespace redgrid::kiosk
