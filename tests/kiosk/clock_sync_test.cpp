// Before NTP has set the clock the screens show no time, no date and nothing that depends on
// today (who is on duty now, which notices still hold, which day of the calendar is today);
// the probe and its watcher find out without ever blocking the UI thread.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/clock_sync.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/time_format.h"
#include "screen_test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

using test::shows;

bool has_target_prefix(const render::DrawList& dl, std::string_view prefix) {
    for (const auto& t : dl.targets)
        if (t.id.starts_with(prefix)) return true;
    return false;
}

class UnsyncedScreens : public test::DemoScreenTest {
protected:
    UnsyncedScreens() : DemoScreenTest(AppOptions{.idle_return = 90s, .clock_synced = false}) {}
};

TEST_F(UnsyncedScreens, HomeHidesClockDateAndDutyUntilSynced) {
    const auto& dl = open("home");
    EXPECT_TRUE(shows(dl, "时间同步中"));
    EXPECT_FALSE(shows(dl, "09:30"));
    EXPECT_FALSE(shows(dl, "2026年"));
    EXPECT_FALSE(shows(dl, "正在值班"));
    EXPECT_TRUE(shows(dl, "时间同步后显示值班人员"));
    EXPECT_FALSE(has_target_prefix(dl, "member:"));
    EXPECT_TRUE(has_target_prefix(dl, "call"));  // the call button works regardless

    // The watcher's news arrives: the same screen now shows time, date and who is on duty.
    const int built = app.frames_built();
    app.set_clock_synced(true);
    EXPECT_TRUE(app.needs_redraw());
    const auto& synced = app.frame(measurer);
    EXPECT_EQ(app.frames_built(), built + 1);
    EXPECT_FALSE(shows(synced, "时间同步中"));
    EXPECT_TRUE(shows(synced, "09:30"));
    EXPECT_TRUE(shows(synced, "2026年11月25日"));
    EXPECT_TRUE(shows(synced, "正在值班"));
    EXPECT_TRUE(has_target_prefix(synced, "member:"));
    // Telling it again changes nothing: no redraw.
    app.set_clock_synced(true);
    EXPECT_FALSE(app.needs_redraw());
}

TEST_F(UnsyncedScreens, NoticesMakeNoValidityClaimsAndNoUrgentBanner) {
    const auto& dl = open("notices");
    EXPECT_FALSE(shows(dl, "有效至"));
    EXPECT_TRUE(shows(dl, "时间同步中，有效期待确认"));
    // The gold banner under the header claims "urgent now": not without a clock.
    const auto& home = open("home");
    EXPECT_FALSE(shows(home, "紧急"));
}

TEST_F(UnsyncedScreens, NoticesKnownToBeOverStayHidden) {
    // Each listed notice was still valid when the bundle was made (the true time is past it).
    const auto& dl = open("notices");
    const Bundle& b = test::demo_content()->bundle();
    for (const auto& t : dl.targets) {
        if (!t.id.starts_with("notice:")) continue;
        const std::string id = t.id.substr(7);
        for (const auto& n : b.notices) {
            if (n.id == id) {
                EXPECT_GT(n.valid_to, b.generated_at) << id;
            }
        }
    }
}

TEST_F(UnsyncedScreens, CalendarHasNoTodayAndMembersNoDutyStatus) {
    const auto& cal = open("activities");
    EXPECT_TRUE(shows(cal, "时间同步后显示日历"));
    EXPECT_FALSE(shows(cal, "2026年11月"));  // the month title claims which month it is
    const auto& members = open("members");
    EXPECT_FALSE(has_target_prefix(members, "member:"));
}

TEST(ClockSyncProbe, TimesyncFlagFileSaysSynchronised) {
    const fs::path dir = fs::temp_directory_path() / ("redgrid-clock-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const ClockSyncSources sources{.timesync_flag = dir / "synchronized", .ask_kernel = false};
    EXPECT_FALSE(clock_synchronised(sources));
    std::ofstream(sources.timesync_flag).put('\n');
    EXPECT_TRUE(clock_synchronised(sources));
    fs::remove_all(dir);
}

TEST(ClockSyncProbe, KernelAnswerIsAcceptedOrRefusedWithoutCrashing) {
    // Whatever this machine's NTP state, asking the kernel must answer without blocking; with
    // no flag file it is the only source.
    const ClockSyncSources sources{.timesync_flag = "/nonexistent/redgrid/synchronized", .ask_kernel = true};
    (void)clock_synchronised(sources);
    SUCCEED();
}

TEST(ClockSyncWatcher, ReportsFirstAnswerAndEachChangeOnly) {
    std::atomic<bool> synced{false};
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<bool> seen;
    // Long intervals: only check_now() makes it look again, so the test is deterministic.
    ClockSyncWatcher watcher(
        [&] { return synced.load(); },
        [&](bool v) {
            std::lock_guard lock(mutex);
            seen.push_back(v);
            cv.notify_all();
        },
        1h, 1h);
    watcher.start();
    auto wait_for = [&](std::size_t n) {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, 10s, [&] { return seen.size() >= n; });
    };
    ASSERT_TRUE(wait_for(1));
    // No change: looking again reports nothing.
    watcher.check_now();
    synced = true;
    watcher.check_now();
    ASSERT_TRUE(wait_for(2));
    watcher.stop();
    std::lock_guard lock(mutex);
    EXPECT_EQ(seen, (std::vector<bool>{false, true}));
}

}  // namespace
}  // namespace redgrid::kiosk
