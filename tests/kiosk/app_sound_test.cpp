// What the App says, and when, watched through a recording Announcer: a click when a finger
// lands on something pressable, the screen's title when the resident goes somewhere, a line
// for each call state (the member's name and minutes when one is coming), nothing on redraws
// or ETA ticks, nothing to an empty street after the idle return.
#include <gtest/gtest.h>

#include "redgrid/kiosk/ui/demo_call_service.h"
#include "../../kiosk/ui/src/call_strings.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

class RecordingAnnouncer final : public Announcer {
public:
    struct Line {
        std::string text;
        Lang lang;
    };
    void click() override { ++clicks; }
    void say(std::string text, Lang lang) override { lines.push_back({std::move(text), lang}); }
    // The lines said since the last call, as text.
    std::vector<std::string> take() {
        std::vector<std::string> out;
        for (auto& l : lines) out.push_back(std::move(l.text));
        lines.clear();
        return out;
    }
    int clicks = 0;
    std::vector<Line> lines;
};

class AppSound : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:15+08:00")};
    test::FakeMeasurer measurer;
    DemoCallService calls{clock, test::demo_content()};
    RecordingAnnouncer sound;
    App app{clock, AppOptions{.idle_return = 90s}, AppServices{.calls = &calls, .announcer = &sound}};

    void SetUp() override {
        app.set_content(test::demo_content());
        app.set_size(1920, 1080);
        app.frame(measurer);
    }
    // A resident's tap: the frame is current, the finger goes down and up.
    void tap(std::string_view id) {
        app.frame(measurer);
        ASSERT_TRUE(app.tap(id)) << id;
        app.frame(measurer);
    }
    void wait(std::chrono::seconds s) {
        for (auto left = s; left > 0s; left -= 1s) {
            clock.advance(1s);
            app.tick();
            app.frame(measurer);
        }
    }
    static std::string zh(Str s) { return std::string(tr(s, Lang::zh)); }
    static std::string zh(CallStr s) { return std::string(tr(s, Lang::zh)); }
};

TEST_F(AppSound, StartingUpSaysNothing) {
    app.tick();
    app.frame(measurer);
    EXPECT_TRUE(sound.take().empty());
    EXPECT_EQ(sound.clicks, 0);
}

TEST_F(AppSound, ScreenTitlesOnRouteChangesOnly) {
    tap("tile:notices");
    EXPECT_EQ(sound.clicks, 1);
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(Str::notices_title)});
    ASSERT_EQ(sound.lines.size(), 0u);

    // Redraws, the clock's minute, a tap on nothing: no line again.
    app.invalidate();
    app.frame(measurer);
    wait(60s);
    app.press({5, 600});
    app.release({5, 600});
    EXPECT_TRUE(sound.take().empty());

    // A member: their name and role.
    app.navigate(Route{ScreenId::members, {}});
    EXPECT_TRUE(sound.take().empty()) << "navigate() is not a resident's doing";
    std::string member_id;
    for (const auto& t : app.frame(measurer).targets)
        if (t.id.starts_with("member:") && member_id.empty()) member_id = t.id;
    ASSERT_FALSE(member_id.empty());
    const Member* m = test::demo_content()->member(member_id.substr(7));
    ASSERT_NE(m, nullptr);
    tap(member_id);
    const auto said = sound.take();
    ASSERT_EQ(said.size(), 1u);
    EXPECT_NE(said[0].find(m->name), std::string::npos) << said[0];
    EXPECT_NE(said[0].find(std::string(role_name(m->role, Lang::zh))), std::string::npos) << said[0];

    tap("home");
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(Str::say_home)});
}

TEST_F(AppSound, TheLanguageSwitchSpeaksTheTitleInTheNewVoice) {
    tap("tile:map");
    sound.take();
    tap("lang");
    ASSERT_EQ(sound.lines.size(), 1u);
    EXPECT_EQ(sound.lines[0].text, std::string(tr(Str::map_title, Lang::en)));
    EXPECT_EQ(sound.lines[0].lang, Lang::en);
    sound.take();
    tap("large_text");
    EXPECT_TRUE(sound.take().empty()) << "large text changes no words";
}

TEST_F(AppSound, EveryCallStateIsSpokenOnceWithTheMembersNameAndMinutes) {
    // The member takes 80 s, so the ETA on screen counts down a minute while they come (and
    // they arrive inside the 90 s idle return).
    calls.set_options({.answer_after = 6s, .arrive_after = 80s});
    tap("call");
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(CallStr::say_confirm)});
    clock.advance(1s);
    tap("call:confirm");
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(CallStr::calling_body)});

    // The demo dispatcher answers after 6 s: the member's name and about how many minutes.
    wait(6s);
    ASSERT_EQ(app.call_flow().step(), CallStep::coming);
    const auto& view = app.call_flow().view();
    ASSERT_TRUE(view.member);
    auto said = sound.take();
    ASSERT_EQ(said.size(), 1u);
    EXPECT_NE(said[0].find(view.member->name), std::string::npos) << said[0];
    EXPECT_NE(said[0].find(std::to_string(view.eta_left_minutes)), std::string::npos) << said[0];
    const std::string name = view.member->name;

    // The ETA counting down on screen is not a new line.
    const int eta = view.eta_left_minutes;
    wait(65s);
    ASSERT_EQ(app.call_flow().step(), CallStep::coming);
    EXPECT_LT(app.call_flow().view().eta_left_minutes, eta);
    EXPECT_TRUE(sound.take().empty());

    // Arrived: "<name> has arrived" and the rating question.
    for (int i = 0; i < 120 && app.call_flow().step() == CallStep::coming; ++i) wait(1s);
    ASSERT_EQ(app.call_flow().step(), CallStep::rating);
    said = sound.take();
    ASSERT_EQ(said.size(), 1u);
    EXPECT_NE(said[0].find(name), std::string::npos) << said[0];
    EXPECT_NE(said[0].find(zh(CallStr::rating_question)), std::string::npos) << said[0];

    // Choosing stars clicks and says nothing; sending says thanks; the flow ends at home.
    const int clicks = sound.clicks;
    tap("rating:star:5");
    EXPECT_EQ(sound.clicks, clicks + 1);
    EXPECT_TRUE(sound.take().empty());
    tap("rating:submit");
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(CallStr::thanks_title)});
    wait(8s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(Str::say_home)});
}

// A member slower than the idle return: the resident, who waited without touching, must
// still find the rating screen when the member arrives, not be sent home at that moment.
TEST_F(AppSound, AMemberSlowerThanTheIdleReturnStillFindsTheRatingScreen) {
    calls.set_options({.answer_after = 6s, .arrive_after = 150s});
    tap("call");
    clock.advance(1s);
    tap("call:confirm");
    for (int i = 0; i < 300 && app.call_flow().step() != CallStep::rating; ++i) wait(1s);
    ASSERT_EQ(app.call_flow().step(), CallStep::rating);
    wait(1s);
    EXPECT_EQ(app.state().route.screen, ScreenId::rating);
    wait(80s);
    EXPECT_EQ(app.state().route.screen, ScreenId::rating) << "a whole idle time to rate";
    wait(15s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home) << "then the idle return as always";
}

TEST_F(AppSound, AFailedCallSaysWhyAndWhomToContact) {
    calls.set_options({.mode = DemoCallMode::offline});
    tap("call");
    clock.advance(1s);
    tap("call:confirm");
    wait(1s);
    ASSERT_EQ(app.call_flow().step(), CallStep::failed);
    const auto said = sound.take();
    ASSERT_EQ(said.size(), 3u) << testing::PrintToString(said);
    EXPECT_EQ(said[0], zh(CallStr::say_confirm));
    EXPECT_EQ(said[1], zh(CallStr::calling_body));
    EXPECT_EQ(said[2].find(zh(CallStr::failed_offline_title)), 0u) << said[2];
    const auto contact = app.call_flow().view().contact;
    ASSERT_TRUE(contact) << "the demo grid has members on duty";
    EXPECT_NE(said[2].find(contact->name), std::string::npos) << said[2];
}

TEST_F(AppSound, TheIdleReturnIsSilent) {
    tap("tile:honours");
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(Str::honours_title)});
    wait(91s);
    ASSERT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_TRUE(sound.take().empty());
    // The next resident's first move is spoken as usual.
    tap("tile:honours");
    EXPECT_EQ(sound.take(), std::vector<std::string>{zh(Str::honours_title)});
}

TEST_F(AppSound, ADragOnAListActivatesNothingAndSaysNothing) {
    // A drag on the scrolling list clicks once (the finger landed on a row) and activates nothing.
    tap("tile:members");
    sound.take();
    const int clicks = sound.clicks;
    const render::HitTarget* row = nullptr;
    for (const auto& t : app.frame(measurer).targets)
        if (t.id.starts_with("member:")) row = &t;
    ASSERT_NE(row, nullptr);
    const render::Point a{row->rect.x + 20, row->rect.y + row->rect.h / 2};
    app.press(a);
    app.move({a.x, a.y - 40});
    app.move({a.x, a.y - 120});
    app.release({a.x, a.y - 120});
    EXPECT_LE(sound.clicks, clicks + 1);
    EXPECT_TRUE(sound.take().empty());
    EXPECT_EQ(app.state().route.screen, ScreenId::members);
}

}  // namespace
}  // namespace redgrid::kiosk
