// When the display is lit: the schedule (also overnight), a touch that wakes the dark screen
// for the idle-return time without reaching the UI, and how long the loop may sleep.
#include "redgrid/kiosk/app/display_power.h"

#include <gtest/gtest.h>

#include "redgrid/content/time_format.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;
using std::chrono::system_clock;

config::DisplaySchedule schedule(std::string_view text) {
    return **config::parse_display_schedule(text);
}

// Local time in China (+08:00), as the screens show it.
system_clock::time_point local(const char* rfc3339) {
    return *parse_rfc3339(rfc3339);
}

TEST(DisplayPower, NoScheduleIsAlwaysOnAndNeverWakesUp) {
    DisplayPower power(std::nullopt, 480, 90s);
    const steady_clock::time_point s{};
    EXPECT_EQ(power.mode(local("2026-11-25T03:00:00+08:00"), s), DisplayMode::on);
    EXPECT_FALSE(power.until_next_change(local("2026-11-25T03:00:00+08:00"), s));
    EXPECT_FALSE(power.touch(local("2026-11-25T03:00:00+08:00"), s));
}

TEST(DisplayPower, DayWindowInLocalTime) {
    DisplayPower power(schedule("07:00-22:00"), 480, 90s);
    const steady_clock::time_point s{};
    EXPECT_EQ(power.mode(local("2026-11-25T06:59:59+08:00"), s), DisplayMode::off_by_schedule);
    EXPECT_EQ(power.mode(local("2026-11-25T07:00:00+08:00"), s), DisplayMode::on);
    EXPECT_EQ(power.mode(local("2026-11-25T21:59:59+08:00"), s), DisplayMode::on);
    EXPECT_EQ(power.mode(local("2026-11-25T22:00:00+08:00"), s), DisplayMode::off_by_schedule);
    // The same instant in UTC is 14:00 there: the kiosk's offset decides, not the machine's zone.
    EXPECT_EQ(power.mode(local("2026-11-25T22:00:00+00:00"), s), DisplayMode::off_by_schedule);
    EXPECT_EQ(power.mode(local("2026-11-25T06:00:00+00:00"), s), DisplayMode::on);
}

TEST(DisplayPower, OvernightWindow) {
    DisplayPower power(schedule("22:00-06:00"), 480, 90s);
    const steady_clock::time_point s{};
    EXPECT_EQ(power.mode(local("2026-11-25T23:30:00+08:00"), s), DisplayMode::on);
    EXPECT_EQ(power.mode(local("2026-11-26T05:59:00+08:00"), s), DisplayMode::on);
    EXPECT_EQ(power.mode(local("2026-11-26T06:00:00+08:00"), s), DisplayMode::off_by_schedule);
    EXPECT_EQ(power.mode(local("2026-11-26T12:00:00+08:00"), s), DisplayMode::off_by_schedule);
    // Sleeps until the next edge: from noon to 22:00 is 10 h.
    EXPECT_EQ(power.until_next_change(local("2026-11-26T12:00:00+08:00"), s), 10h);
    // From 23:30 the next edge is 06:00 the next morning.
    EXPECT_EQ(power.until_next_change(local("2026-11-25T23:30:00+08:00"), s), 6h + 30min);
}

TEST(DisplayPower, TouchWakesTheDarkScreenForTheIdleTime) {
    DisplayPower power(schedule("07:00-22:00"), 480, 90s);
    auto now = local("2026-11-25T23:00:00+08:00");
    steady_clock::time_point s{};
    ASSERT_EQ(power.mode(now, s), DisplayMode::off_by_schedule);
    EXPECT_EQ(power.until_next_change(now, s), 8h);
    // The waking touch is swallowed; the screen is lit for 90 s.
    EXPECT_TRUE(power.touch(now, s));
    EXPECT_EQ(power.mode(now, s), DisplayMode::woken);
    EXPECT_EQ(power.until_next_change(now, s), 90s);
    // Touches while lit are for the UI, and keep it lit 90 s from the last one.
    now += 60s, s += 60s;
    EXPECT_FALSE(power.touch(now, s));
    now += 89s, s += 89s;
    EXPECT_EQ(power.mode(now, s), DisplayMode::woken);
    now += 1s, s += 1s;
    EXPECT_EQ(power.mode(now, s), DisplayMode::off_by_schedule);
    EXPECT_TRUE(power.touch(now, s));
}

TEST(DisplayPower, WakeEndsAtTheScheduleEdgeAnyway) {
    DisplayPower power(schedule("07:00-22:00"), 480, 90s);
    auto now = local("2026-11-26T06:59:30+08:00");
    steady_clock::time_point s{};
    EXPECT_TRUE(power.touch(now, s));
    EXPECT_EQ(power.until_next_change(now, s), 30s);  // 07:00 comes before the wake ends
    now += 30s, s += 30s;
    EXPECT_EQ(power.mode(now, s), DisplayMode::on);
    EXPECT_FALSE(power.touch(now, s));
}

TEST(DisplayPower, SomeoneUsingTheScreenAtSwitchOffKeepsItLit) {
    DisplayPower power(schedule("07:00-22:00"), 480, 90s);
    auto now = local("2026-11-25T21:59:30+08:00");
    steady_clock::time_point s{};
    EXPECT_FALSE(power.touch(now, s));  // lit: the touch is for the UI
    now += 40s, s += 40s;               // 22:00:10
    EXPECT_EQ(power.mode(now, s), DisplayMode::woken);
    EXPECT_EQ(power.until_next_change(now, s), 50s);
    now += 50s, s += 50s;
    EXPECT_EQ(power.mode(now, s), DisplayMode::off_by_schedule);
}

TEST(DisplayPower, UnsetClockKeepsTheScreenOn) {
    DisplayPower power(schedule("07:00-22:00"), 480, 90s);
    power.set_clock_synced(false);
    const auto now = local("2026-11-25T23:00:00+08:00");
    EXPECT_EQ(power.mode(now, {}), DisplayMode::on);
    EXPECT_FALSE(power.until_next_change(now, {}));
    power.set_clock_synced(true);
    EXPECT_EQ(power.mode(now, {}), DisplayMode::off_by_schedule);
}

TEST(DisplayPower, NewScheduleAppliesAtOnce) {
    DisplayPower power(schedule("07:00-22:00"), 480, 90s);
    const auto now = local("2026-11-25T23:00:00+08:00");
    ASSERT_EQ(power.mode(now, {}), DisplayMode::off_by_schedule);
    power.set_schedule(schedule("22:00-06:00"));
    EXPECT_EQ(power.mode(now, {}), DisplayMode::on);
    power.set_schedule(std::nullopt);
    EXPECT_EQ(power.mode(now, {}), DisplayMode::on);
}

TEST(DisplaySettings, GenerationCountsChanges) {
    DisplaySettings settings("07:00-22:00");
    const unsigned g = settings.generation();
    settings.set_schedule("");
    EXPECT_EQ(settings.generation(), g + 1);
    EXPECT_EQ(settings.schedule(), "");
    EXPECT_TRUE(settings.lit());
    settings.set_lit(false);
    EXPECT_FALSE(settings.lit());
}

}  // namespace
}  // namespace redgrid::kiosk
