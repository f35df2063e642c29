// The display schedule in the kiosk's own loop (FrameLoop, as run_interactive runs it) on a
// FakeClock and an offscreen target: nothing is presented while the screen is off, the loop
// sleeps until the next edge, a touch on the dark screen wakes it for the idle time without
// activating anything, an unsynchronised clock keeps it on, and a new schedule from the
// server applies on the next turn.
#include <gtest/gtest.h>

#include <algorithm>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/frame_loop.h"
#include "redgrid/content/time_format.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/sdl_handles.h"
#include "rendering_support.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

// Counts what reaches the screen: every present() is a frame someone could see.
class CountingTarget final : public render::RenderTarget {
public:
    explicit CountingTarget(std::unique_ptr<render::RenderTarget> inner) : inner_(std::move(inner)) {}
    SDL_Renderer* renderer() const override { return inner_->renderer(); }
    int width() const override { return inner_->width(); }
    int height() const override { return inner_->height(); }
    void present() override {
        ++presents;
        inner_->present();
    }
    bool keeps_frame() const override { return inner_->keeps_frame(); }
    int presents = 0;

private:
    std::unique_ptr<render::RenderTarget> inner_;
};

// A panel with DPMS: records what it was told.
class RecordingPanel final : public PanelSwitch {
public:
    std::string method() const override { return "test dpms"; }
    bool can_switch() const override { return true; }
    std::string set_power(bool on) override {
        calls.push_back(on);
        return {};
    }
    std::vector<bool> calls;
};

SDL_Event finger(Uint32 type, SDL_FingerID id, render::Point p, float width, float height) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 7;
    e.tfinger.fingerId = id;
    e.tfinger.x = p.x / width;
    e.tfinger.y = p.y / height;
    return e;
}

class DisplayScheduleLoop : public ::testing::Test {
protected:
    static constexpr int kWidth = 1280, kHeight = 720;

    // The kiosk at `local_time` (+08:00) with `schedule`, wired as run_interactive wires it.
    void start(const char* local_time, std::string schedule, PanelSwitch& panel, bool clock_synced = true) {
        clock_.emplace(*parse_rfc3339(local_time));
        settings_.emplace(std::move(schedule));
        AppOptions options;
        options.utc_offset_minutes = 480;
        options.idle_return = 90s;
        options.clock_synced = clock_synced;
        app_.emplace(*clock_, options);
        app_->set_size(kWidth, kHeight);
        app_->set_content(test::demo_content());
        painter_.emplace(target_->renderer(), fonts_, media_);
        auto canvas = RotatedCanvas::create(target_->renderer(), {kWidth, kHeight}, Rotation{0});
        ASSERT_TRUE(canvas.has_value()) << canvas.error();
        canvas_.emplace(std::move(*canvas));
        touch_.emplace(static_cast<float>(kWidth), static_cast<float>(kHeight));
        power_.emplace(*clock_, *settings_, panel, 480, 90s);
        loop_.emplace(FrameLoopParts{.app = *app_,
                                     .inbox = inbox_,
                                     .target = *target_,
                                     .canvas = *canvas_,
                                     .painter = *painter_,
                                     .measurer = fonts_,
                                     .touch = *touch_,
                                     .power = *power_});
    }

    // Where an element of the home screen is (the layout does not depend on the time).
    render::Point centre_of(std::string_view id) {
        const render::DrawList frame = app_->frame(fonts_);
        app_->invalidate();
        const auto t = std::ranges::find_if(frame.targets, [&](const auto& t) { return t.id == id; });
        EXPECT_NE(t, frame.targets.end()) << id;
        if (t == frame.targets.end()) return {};
        return {t->rect.x + t->rect.w / 2, t->rect.y + t->rect.h / 2};
    }
    // A finger down and up at p, handed to the loop as SDL would. `reaches_ui`: whether the
    // touch layer (and so the App) saw the finger go down.
    void tap(render::Point p, SDL_FingerID id, bool reaches_ui) {
        const float w = kWidth, h = kHeight;
        EXPECT_TRUE(loop_->handle(finger(SDL_FINGERDOWN, id, p, w, h)));
        EXPECT_EQ(touch_->pointer_down(), reaches_ui);
        EXPECT_TRUE(loop_->handle(finger(SDL_FINGERMOTION, id, {p.x + 3, p.y + 2}, w, h)));
        EXPECT_TRUE(loop_->handle(finger(SDL_FINGERUP, id, p, w, h)));
        EXPECT_FALSE(touch_->pointer_down());
    }
    void advance(std::chrono::milliseconds by) { clock_->advance(by); }

    test::RealRendering rendering_ = test::RealRendering::open();
    render::FontSet& fonts_ = rendering_.fonts;
    std::unique_ptr<CountingTarget> target_ = std::make_unique<CountingTarget>(test::offscreen_target(kWidth, kHeight));
    render::DirectoryMediaStore media_{test::demo_dir() / "media"};
    std::optional<FakeClock> clock_;
    std::optional<DisplaySettings> settings_;
    std::optional<App> app_;
    std::optional<render::Painter> painter_;
    std::optional<RotatedCanvas> canvas_;
    std::optional<TouchInput> touch_;
    std::optional<ScreenPower> power_;
    UiInbox inbox_;
    std::optional<FrameLoop> loop_;
};

TEST_F(DisplayScheduleLoop, NothingIsPresentedWhileOffAndTheLoopSleepsUntilTheMorning) {
    RecordingPanel panel;
    start("2026-11-25T21:59:00+08:00", "07:00-22:00", panel);
    auto wait = loop_->turn();
    EXPECT_TRUE(loop_->lit());
    EXPECT_EQ(target_->presents, 1);
    EXPECT_TRUE(settings_->lit());
    // Lit, the loop wakes at the latest for the switch-off minute.
    ASSERT_TRUE(wait);
    EXPECT_LE(*wait, 60s);

    advance(60s);  // 22:00
    wait = loop_->turn();
    EXPECT_FALSE(loop_->lit());
    EXPECT_EQ(panel.calls, std::vector<bool>{false});
    EXPECT_FALSE(settings_->lit());  // what the heartbeat reports
    EXPECT_EQ(target_->presents, 1);
    // No frame timer, no clock tick: the next thing to wake for is 07:00.
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 9h);

    // A night of loop turns (the watchdog's, every 15 s), new content from the network
    // and a photo decoded: still not one frame, and the panel is not touched again.
    for (int i = 0; i < 4 * 60 * 8; ++i) {
        advance(15s);
        if (i % 100 == 0) inbox_.post([](App& app) { app.set_content(test::demo_content()); });
        inbox_.post([](App& app) { app.invalidate(); });
        loop_->turn();
    }
    EXPECT_EQ(target_->presents, 1);
    EXPECT_EQ(panel.calls.size(), 1u);
    EXPECT_FALSE(loop_->lit());

    // 07:00: the panel goes on and the screen is drawn whole.
    clock_->advance(std::chrono::duration_cast<std::chrono::milliseconds>(*parse_rfc3339("2026-11-26T07:00:00+08:00") -
                                                                          clock_->now()));
    loop_->turn();
    EXPECT_TRUE(loop_->lit());
    EXPECT_EQ(panel.calls, (std::vector<bool>{false, true}));
    EXPECT_EQ(target_->presents, 2);
    EXPECT_TRUE(settings_->lit());
}

TEST_F(DisplayScheduleLoop, ATouchWakesTheDarkScreenForTheIdleTimeAndActivatesNothing) {
    RecordingPanel panel;
    start("2026-11-25T23:00:00+08:00", "07:00-22:00", panel);
    const render::Point map = centre_of("tile:map");
    loop_->turn();
    ASSERT_FALSE(loop_->lit());
    EXPECT_EQ(target_->presents, 0);

    // The waking touch lands on the map tile, but nobody aimed at a black screen.
    tap(map, 1, /*reaches_ui=*/false);
    auto wait = loop_->turn();
    EXPECT_TRUE(loop_->lit());
    EXPECT_EQ(panel.calls, (std::vector<bool>{false, true}));
    EXPECT_EQ(target_->presents, 1);
    EXPECT_EQ(app_->state().route.screen, ScreenId::home);
    ASSERT_TRUE(wait);
    EXPECT_LE(*wait, 90s);

    // Lit, touches are the UI's again, and each keeps the screen lit 90 s longer.
    advance(30s);
    tap(map, 2, /*reaches_ui=*/true);
    loop_->turn();
    EXPECT_EQ(app_->state().route.screen, ScreenId::map);
    advance(89s);
    loop_->turn();
    EXPECT_TRUE(loop_->lit());
    const int presents = target_->presents;
    advance(1s);
    loop_->turn();
    EXPECT_FALSE(loop_->lit());
    EXPECT_EQ(panel.calls, (std::vector<bool>{false, true, false}));
    EXPECT_EQ(target_->presents, presents);
}

TEST_F(DisplayScheduleLoop, WithoutAPanelSwitchOneBlackFrameHidesThePicture) {
    NoPanelSwitch panel;
    start("2026-11-25T21:59:30+08:00", "07:00-22:00", panel);
    loop_->turn();
    ASSERT_EQ(target_->presents, 1);
    advance(30s);
    loop_->turn();
    EXPECT_FALSE(loop_->lit());
    EXPECT_EQ(target_->presents, 2);  // the black frame, then nothing
    auto pixels = target_->read_pixels();
    ASSERT_TRUE(pixels.has_value()) << pixels.error();
    for (auto [x, y] : {std::pair{0, 0}, {kWidth / 2, kHeight / 2}, {kWidth - 1, kHeight - 1}, {100, 600}}) {
        const render::Color c = pixels->at(x, y);
        EXPECT_EQ(c.r + c.g + c.b, 0) << x << "," << y;
    }
    for (int i = 0; i < 100; ++i) {
        advance(15s);
        loop_->turn();
    }
    EXPECT_EQ(target_->presents, 2);
}

TEST_F(DisplayScheduleLoop, AnUnsynchronisedClockKeepsTheScreenOnUntilItIsSet) {
    RecordingPanel panel;
    start("2026-11-25T23:00:00+08:00", "07:00-22:00", panel, /*clock_synced=*/false);
    const auto wait = loop_->turn();
    EXPECT_TRUE(loop_->lit());
    EXPECT_TRUE(panel.calls.empty());
    EXPECT_EQ(target_->presents, 1);
    EXPECT_TRUE(wait);  // the App's own timers (the minute), not a schedule edge
    // NTP answers: 23:00 is outside the schedule, so the screen goes off.
    inbox_.post([](App& app) { app.set_clock_synced(true); });
    loop_->turn();
    EXPECT_FALSE(loop_->lit());
    EXPECT_EQ(panel.calls, std::vector<bool>{false});
}

TEST_F(DisplayScheduleLoop, ANewScheduleFromTheServerAppliesOnTheNextTurn) {
    RecordingPanel panel;
    start("2026-11-25T23:00:00+08:00", "07:00-22:00", panel);
    loop_->turn();
    ASSERT_FALSE(loop_->lit());
    // set_display_schedule "" (always on), as the network side applies it.
    settings_->set_schedule("");
    inbox_.post([](App&) {});
    loop_->turn();
    EXPECT_TRUE(loop_->lit());
    EXPECT_EQ(target_->presents, 1);
    settings_->set_schedule("22:30-06:00");  // on now, off at 06:00
    loop_->turn();
    EXPECT_TRUE(loop_->lit());
    settings_->set_schedule("23:30-06:00");  // off now
    loop_->turn();
    EXPECT_FALSE(loop_->lit());
    EXPECT_EQ(panel.calls, (std::vector<bool>{false, true, false}));
}

}  // namespace
}  // namespace redgrid::kiosk
