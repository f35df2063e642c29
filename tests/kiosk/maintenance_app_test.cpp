// The maintenance screen through the App, on a fake clock: the hidden long press, the PIN
// with its lockout, idle return, the actions, the touch test and the pattern, what is
// logged, and the layout rules at every reference size.
#include <gtest/gtest.h>

#include <mutex>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

class FakeMaintenance final : public MaintenanceService {
public:
    void watch(bool open) override { watching.push_back(open); }
    void sync_now() override { ++syncs; }
    void restart() override { ++restarts; }
    std::vector<bool> watching;
    int syncs = 0, restarts = 0;
};

class MaintenanceApp : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    FakeMaintenance service;
    App app{clock, AppOptions{.idle_return = 90s, .maintenance_pin = "0042"}, AppServices{.maintenance = &service}};

    void SetUp() override {
        app.set_content(test::demo_content());
        app.set_size(1920, 1080);
        app.frame(measurer);
    }

    render::Point centre_of(std::string_view id) {
        const auto* t = app.frame(measurer).find(id);
        EXPECT_NE(t, nullptr) << id;
        if (!t) return {};
        return {t->rect.x + t->rect.w / 2, t->rect.y + t->rect.h / 2};
    }
    // Lets time pass the way the UI loop does: tick, draw.
    void pass(std::chrono::milliseconds d) {
        clock.advance(d);
        app.tick();
        app.frame(measurer);
    }
    void hold_corner(std::chrono::milliseconds d) {
        const render::Point c = centre_of("maint:corner");
        app.press(c);
        app.frame(measurer);
        pass(d);
        app.release(c);
        app.frame(measurer);
    }
    void type(std::string_view digits) {
        for (char d : digits) ASSERT_TRUE(app.tap(std::string("pin:") + d)) << d;
        app.frame(measurer);
    }
    void open_status() {
        hold_corner(3s);
        type("0042");
        ASSERT_TRUE(app.tap("pin:ok"));
        app.frame(measurer);
        ASSERT_EQ(app.maintenance().view().page, MaintPage::status);
    }
    MaintPage page() const { return app.maintenance().view().page; }
};

TEST_F(MaintenanceApp, HoldingTheCornerOpensThePinPadOnlyAfterTheHoldTime) {
    const render::Point c = centre_of("maint:corner");
    EXPECT_LT(c.x, 112);
    EXPECT_LT(c.y, 112);
    app.press(c);
    app.frame(measurer);
    // The loop is told to wake exactly when the hold is complete.
    EXPECT_EQ(app.time_until_next_change(), 3000ms);
    pass(2999ms);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(app.time_until_next_change(), 1ms);
    pass(1ms);
    EXPECT_EQ(app.state().route.screen, ScreenId::maintenance);
    EXPECT_EQ(page(), MaintPage::pin);
    EXPECT_NE(app.frame(measurer).find("pin:1"), nullptr);
    // Letting go opens nothing else, and the PIN pad gathers nothing yet.
    app.release(c);
    EXPECT_EQ(page(), MaintPage::pin);
    EXPECT_TRUE(service.watching.empty());
}

TEST_F(MaintenanceApp, AShortPressOrATapOnTheCornerDoesNothing) {
    hold_corner(2s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    pass(5s);  // released: time passing afterwards opens nothing
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    ASSERT_TRUE(app.tap("maint:corner"));
    pass(5s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(page(), MaintPage::closed);
}

TEST_F(MaintenanceApp, OnlyTheCornerOpensIt) {
    // Held anywhere else on the header (not a button), for longer than the hold time.
    for (render::Point p : {render::Point{1000, 40}, render::Point{1900, 1060}, render::Point{200, 40}}) {
        app.press(p);
        pass(10s);
        app.release(p);
        app.frame(measurer);
        EXPECT_EQ(app.state().route.screen, ScreenId::home) << p.x << "," << p.y;
    }
    // A finger that slides off the corner while holding cancels it.
    const render::Point c = centre_of("maint:corner");
    app.press(c);
    app.move({c.x + 400, c.y + 400});
    pass(5s);
    EXPECT_EQ(page(), MaintPage::closed);
    app.release({c.x + 400, c.y + 400});
}

TEST(MaintenanceDisabled, AnEmptyPinLeavesNoWayIn) {
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{}};
    app.set_content(test::demo_content());
    app.set_size(1920, 1080);
    EXPECT_EQ(app.frame(measurer).find("maint:corner"), nullptr);
    app.press({40, 40});
    clock.advance(10s);
    app.tick();
    app.release({40, 40});
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_FALSE(app.maintenance().active());
}

TEST_F(MaintenanceApp, TheRightPinOpensTheScreenAndStartsTheGathering) {
    hold_corner(3s);
    type("004");  // two zeros in a row, faster than the double-tap guard: both count
    EXPECT_EQ(app.maintenance().view().digits, 3u);
    ASSERT_TRUE(app.tap("pin:del"));
    type("42");
    EXPECT_EQ(app.maintenance().view().digits, 4u);
    ASSERT_TRUE(app.tap("pin:ok"));
    app.frame(measurer);
    EXPECT_EQ(page(), MaintPage::status);
    EXPECT_EQ(service.watching, std::vector<bool>{true});
    EXPECT_FALSE(app.maintenance().view().status);

    // The worker's result arrives through the inbox and is drawn.
    app.set_maintenance_status(sample_maintenance_status(clock.now()));
    ASSERT_TRUE(app.needs_redraw());
    const auto& dl = app.frame(measurer);
    bool shows_ip = false;
    for (const auto& op : dl.ops)
        if (const auto* t = std::get_if<render::Text>(&op); t && t->utf8.find("192.168.10.23") != std::string::npos)
            shows_ip = true;
    EXPECT_TRUE(shows_ip);
    for (std::string_view id : {"maint:sync", "maint:touch-test", "maint:pattern", "maint:restart", "maint:close"})
        EXPECT_NE(dl.find(id), nullptr) << id;
}

TEST_F(MaintenanceApp, WrongPinsLockThePadForLongerEachTime) {
    hold_corner(3s);
    for (int i = 0; i < 2; ++i) {
        type("1234");
        ASSERT_TRUE(app.tap("pin:ok"));
        app.frame(measurer);
        EXPECT_TRUE(app.maintenance().view().wrong_pin);
        EXPECT_EQ(app.maintenance().view().tries_left, 2 - i);
        EXPECT_EQ(app.maintenance().view().digits, 0u);
    }
    type("9999");
    ASSERT_TRUE(app.tap("pin:ok"));
    app.frame(measurer);
    ASSERT_TRUE(app.maintenance().view().locked_for);
    EXPECT_EQ(*app.maintenance().view().locked_for, 30s);
    // Locked: the keys take no touch (only Cancel does), the right PIN cannot get in.
    EXPECT_EQ(app.frame(measurer).find("pin:0"), nullptr);
    EXPECT_FALSE(app.tap("pin:0"));
    EXPECT_NE(app.frame(measurer).find("pin:cancel"), nullptr);
    // The countdown redraws once a second (once the pad's fade-in is over).
    app.settle_animations();
    app.frame(measurer);
    EXPECT_EQ(app.time_until_next_change(), 1000ms);
    pass(29s);
    EXPECT_EQ(*app.maintenance().view().locked_for, 1s);

    // Cancelling and holding the corner again does not reset the lockout.
    ASSERT_TRUE(app.tap("pin:cancel"));
    app.frame(measurer);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    hold_corner(3s);
    EXPECT_EQ(page(), MaintPage::pin);
    EXPECT_FALSE(app.maintenance().view().locked_for);  // 32 s have passed: unlocked again

    // The next three wrong PINs lock for twice as long.
    for (int i = 0; i < 3; ++i) {
        type("1111");
        ASSERT_TRUE(app.tap("pin:ok"));
    }
    app.frame(measurer);
    EXPECT_EQ(*app.maintenance().view().locked_for, 60s);
    pass(59s);
    EXPECT_TRUE(app.maintenance().view().locked_for);
    pass(1s);
    EXPECT_FALSE(app.maintenance().view().locked_for);
    type("0042");
    ASSERT_TRUE(app.tap("pin:ok"));
    EXPECT_EQ(page(), MaintPage::status);
    EXPECT_EQ(app.maintenance().view().tries_left, 3);
}

TEST_F(MaintenanceApp, IdleReturnsHomeAndForgetsThePinAndTheStatus) {
    hold_corner(3s);
    type("00");
    pass(90s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    hold_corner(3s);
    EXPECT_EQ(app.maintenance().view().digits, 0u);  // the digits typed before are gone
    type("0042");
    ASSERT_TRUE(app.tap("pin:ok"));
    app.set_maintenance_status(sample_maintenance_status(clock.now()));
    app.frame(measurer);
    // Like every screen: home after the idle time, and the PIN is needed again.
    EXPECT_LE(app.time_until_next_change(), 90s);
    pass(89s);
    EXPECT_EQ(app.state().route.screen, ScreenId::maintenance);
    pass(1s);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_FALSE(app.maintenance().active());
    EXPECT_FALSE(app.maintenance().view().status);
    EXPECT_EQ(service.watching, (std::vector<bool>{true, false}));
    // A status gathered just before closing, delivered late, is dropped.
    app.set_maintenance_status(sample_maintenance_status(clock.now()));
    EXPECT_FALSE(app.maintenance().view().status);
    hold_corner(3s);
    EXPECT_EQ(page(), MaintPage::pin);
}

TEST_F(MaintenanceApp, SyncNowAsksTheService) {
    open_status();
    ASSERT_TRUE(app.tap("maint:sync"));
    EXPECT_EQ(service.syncs, 1);
    ASSERT_TRUE(app.maintenance().view().sync_requested_at);
    EXPECT_EQ(*app.maintenance().view().sync_requested_at, clock.now());
    EXPECT_EQ(page(), MaintPage::status);
}

TEST_F(MaintenanceApp, RestartOnlyAfterTheConfirmation) {
    open_status();
    ASSERT_TRUE(app.tap("maint:restart"));
    app.frame(measurer);
    EXPECT_EQ(page(), MaintPage::confirm_restart);
    EXPECT_EQ(service.restarts, 0);
    // The dialog covers the page: the buttons under it take no touch.
    EXPECT_EQ(app.frame(measurer).find("maint:sync"), nullptr);
    ASSERT_TRUE(app.tap("maint:restart-cancel"));
    app.frame(measurer);
    EXPECT_EQ(page(), MaintPage::status);
    EXPECT_EQ(service.restarts, 0);

    clock.advance(1s);
    ASSERT_TRUE(app.tap("maint:restart"));
    app.frame(measurer);
    ASSERT_TRUE(app.tap("maint:restart-confirm"));
    EXPECT_EQ(service.restarts, 1);
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_EQ(service.watching, (std::vector<bool>{true, false}));
}

TEST_F(MaintenanceApp, TheTouchTestKeepsEveryTrailUntilCleared) {
    open_status();
    ASSERT_TRUE(app.tap("maint:touch-test"));
    app.frame(measurer);
    ASSERT_EQ(page(), MaintPage::touch_test);
    app.press({400, 500});
    app.move({420, 510});
    app.move({600, 600});
    app.release({700, 650});
    app.press({1500, 900});
    app.release({1500, 900});
    const auto& strokes = app.maintenance().view().strokes;
    ASSERT_EQ(strokes.size(), 2u);
    EXPECT_EQ(strokes[0].size(), 4u);
    EXPECT_EQ(strokes[0].front(), (render::Point{400, 500}));
    EXPECT_EQ(strokes[1].size(), 1u);
    int dots = 0;
    for (const auto& op : app.frame(measurer).ops) dots += std::holds_alternative<render::Circle>(op);
    EXPECT_GT(dots, 20);  // a line of dots between the samples, not four lonely points

    // Drawing on the canvas taps nothing, and the trails survive time passing.
    pass(30s);
    EXPECT_EQ(app.maintenance().view().strokes.size(), 2u);
    ASSERT_TRUE(app.tap("maint:touch-clear"));
    EXPECT_TRUE(app.maintenance().view().strokes.empty());
    ASSERT_TRUE(app.tap("maint:touch-done"));
    EXPECT_EQ(page(), MaintPage::status);
}

TEST_F(MaintenanceApp, AnEndlessScribbleKeepsOnlyTheNewestTrails) {
    open_status();
    ASSERT_TRUE(app.tap("maint:touch-test"));
    app.frame(measurer);
    const std::size_t cap = app.maintenance().options().max_touch_points;
    for (int s = 0; s < 12; ++s) {
        app.press({200, 300});
        for (std::size_t i = 0; i < cap / 4; ++i) app.move({200.f + static_cast<float>(i % 1500), 300.f + static_cast<float>(s * 40)});
        app.release({200, 300});
    }
    std::size_t total = 0;
    for (const auto& stroke : app.maintenance().view().strokes) total += stroke.size();
    EXPECT_LE(total, cap);
    EXPECT_GE(total, cap / 2);
    // The newest stroke is the one kept whole.
    EXPECT_EQ(app.maintenance().view().strokes.back().front().y, 300.f);
    EXPECT_EQ(app.maintenance().view().strokes.back().back(), (render::Point{200, 300}));
}

TEST_F(MaintenanceApp, ThePatternFillsTheScreenAndAnyTouchReturns) {
    open_status();
    ASSERT_TRUE(app.tap("maint:pattern"));
    const auto& dl = app.frame(measurer);
    ASSERT_EQ(page(), MaintPage::pattern);
    ASSERT_EQ(dl.targets.size(), 1u);
    EXPECT_EQ(dl.targets[0].rect, (render::Rect{0, 0, 1920, 1080}));
    app.press({1700, 1000});
    app.release({1700, 1000});
    EXPECT_EQ(page(), MaintPage::status);
}

TEST_F(MaintenanceApp, ExitLeavesAndForgets) {
    open_status();
    ASSERT_TRUE(app.tap("maint:close"));
    EXPECT_EQ(app.state().route.screen, ScreenId::home);
    EXPECT_FALSE(app.maintenance().active());
    hold_corner(3s);
    EXPECT_EQ(page(), MaintPage::pin);  // the PIN again
}

TEST_F(MaintenanceApp, LogsOpeningsAndWrongPinsAtNoticeButNeverThePin) {
    std::mutex mutex;
    std::vector<std::pair<config::LogLevel, std::string>> lines;
    config::set_log_sink([&](config::LogLevel level, std::string_view line) {
        std::lock_guard lock(mutex);
        lines.emplace_back(level, std::string(line));
    });
    hold_corner(3s);
    type("0041");
    ASSERT_TRUE(app.tap("pin:ok"));
    type("0042");
    ASSERT_TRUE(app.tap("pin:ok"));
    config::set_log_sink(nullptr);

    bool opened = false, wrong = false;
    for (const auto& [level, line] : lines) {
        EXPECT_EQ(line.find("0042"), std::string::npos) << line;
        EXPECT_EQ(line.find("0041"), std::string::npos) << line;
        if (line.find("maintenance screen opened") != std::string::npos) opened = level == config::LogLevel::notice;
        if (line.find("wrong PIN") != std::string::npos) wrong = level == config::LogLevel::notice;
    }
    EXPECT_TRUE(opened);
    EXPECT_TRUE(wrong);
}

// Every maintenance page at every reference size: touch targets of at least 96 px at 1080p
// (the PIN keys are much bigger), everything on screen, text fitting its box.
struct Size {
    float w, h;
};
class MaintenanceLayout : public ::testing::TestWithParam<Size> {};

TEST_P(MaintenanceLayout, TargetsAreBigAndEverythingFits) {
    const auto [w, h] = GetParam();
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    FakeMaintenance service;
    for (Lang lang : {Lang::zh, Lang::en}) {
        App app{clock, AppOptions{.lang = lang, .maintenance_pin = "2468"}, AppServices{.maintenance = &service}};
        app.set_content(test::demo_content());
        app.set_size(w, h);
        const float scale = h > w ? std::min(w / 1080.f, h / 1920.f) : std::min(w / 1920.f, h / 1080.f);
        const auto check = [&](const std::string& where) {
            const auto& dl = app.frame(measurer);
            const render::Rect screen{0, 0, w, h};
            for (const auto& t : dl.targets) {
                EXPECT_GE(std::min(t.rect.w, t.rect.h), 96.f * scale - 1) << where << " " << t.id;
                EXPECT_TRUE(screen.contains(t.rect)) << where << " " << t.id;
                if (t.id.starts_with("pin:") && t.id != "pin:cancel" && w == 1920 && h == 1080) {
                    EXPECT_GE(t.rect.w, 160.f) << t.id;
                    EXPECT_GE(t.rect.h, 120.f) << t.id;
                }
            }
            for (const auto& op : dl.ops) {
                const auto* text = std::get_if<render::Text>(&op);
                if (!text) continue;
                EXPECT_TRUE(screen.contains(text->box)) << where << " \"" << text->utf8 << "\" leaves the screen";
                const auto lines = render::layout_text(measurer, text->utf8, text->style, text->box.w);
                EXPECT_LE(render::text_block_height(text->style, lines.size()), text->box.h * 1.2f + 1)
                    << where << " \"" << text->utf8 << "\" is taller than its box";
            }
        };
        const std::string at = std::to_string(int(w)) + "x" + std::to_string(int(h)) + (lang == Lang::zh ? " zh" : " en");
        app.frame(measurer);
        const auto* corner = app.frame(measurer).find("maint:corner");
        ASSERT_NE(corner, nullptr);
        app.press({corner->rect.x + 10, corner->rect.y + 10});
        clock.advance(3s);
        app.tick();
        app.release({corner->rect.x + 10, corner->rect.y + 10});
        check("pin pad " + at);
        for (char d : std::string("135")) app.tap(std::string("pin:") + d);
        app.tap("pin:ok");
        check("wrong pin " + at);
        for (int i = 0; i < 2; ++i) {
            for (char d : std::string("1357")) app.tap(std::string("pin:") + d);
            app.tap("pin:ok");
        }
        check("locked " + at);
        app.navigate({ScreenId::maintenance, {}});
        check("status, no status yet " + at);
        app.set_maintenance_status(sample_maintenance_status(clock.now()));
        check("status " + at);
        app.tap("maint:restart");
        check("confirm restart " + at);
        app.tap("maint:restart-cancel");
        app.tap("maint:touch-test");
        app.press({w / 2, h / 2});
        app.move({w / 2 + 100, h / 2 + 50});
        app.release({w / 2 + 100, h / 2 + 50});
        check("touch test " + at);
        app.tap("maint:touch-done");
        app.tap("maint:pattern");
        check("pattern " + at);
    }
}

INSTANTIATE_TEST_SUITE_P(ReferenceSizes, MaintenanceLayout,
                         ::testing::Values(Size{1920, 1080}, Size{1080, 1920}, Size{1280, 800}),
                         [](const auto& info) {
                             return std::to_string(static_cast<int>(info.param.w)) + "x" +
                                    std::to_string(static_cast<int>(info.param.h));
                         });

}  // namespace
}  // namespace redgrid::kiosk
