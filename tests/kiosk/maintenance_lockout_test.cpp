// The maintenance PIN's rate limit across a restart of the kiosk: the wrong-try count and
// the lockout are kept in the data dir (PinLockFile), so pulling the plug does not hand a
// guesser fresh tries. Each "restart" is a new App and a new store on the same file, with
// the fake clock moved on as the wall clock would be.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <mutex>

#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/ui/pin_lock.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class PinLockout : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "redgrid-pin-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        start();
    }
    void TearDown() override {
        stop();
        fs::remove_all(dir_);
    }

    // The kiosk process: its App, and the store that reads the file once when it starts.
    void start() {
        store_ = std::make_unique<PinLockFile>(file());
        app_ = std::make_unique<App>(clock_, AppOptions{.maintenance_pin = "204816"},
                                     AppServices{.pin_lock = store_.get()});
        app_->set_content(test::demo_content());
        app_->set_size(1920, 1080);
        app_->frame(measurer_);
    }
    // Process exit: the store's destructor finishes its last write.
    void stop() {
        app_.reset();
        store_.reset();
    }
    void restart(std::chrono::milliseconds down_for) {
        stop();
        clock_.advance(down_for);
        start();
    }

    fs::path file() const { return dir_ / "maintenance-lockout.json"; }
    const MaintenanceView& view() const { return app_->maintenance().view(); }

    void open_pad() {
        const auto* corner = app_->frame(measurer_).find("maint:corner");
        ASSERT_NE(corner, nullptr);
        const render::Point c{corner->rect.x + corner->rect.w / 2, corner->rect.y + corner->rect.h / 2};
        app_->press(c);
        app_->frame(measurer_);
        pass(3s);
        app_->release(c);
        app_->frame(measurer_);
        ASSERT_EQ(view().page, MaintPage::pin);
    }
    // Time passes as in the UI loop: tick, draw.
    void pass(std::chrono::milliseconds d) {
        clock_.advance(d);
        app_->tick();
        app_->frame(measurer_);
    }
    void enter(std::string_view pin) {
        for (char d : pin) app_->tap(std::string("pin:") + d);
        app_->frame(measurer_);  // OK appears once there are digits
        app_->tap("pin:ok");
        app_->frame(measurer_);
    }

    FakeClock clock_{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer_;
    fs::path dir_;
    std::unique_ptr<PinLockFile> store_;
    std::unique_ptr<App> app_;
};

TEST_F(PinLockout, ALockoutOutlivesARestart) {
    open_pad();
    for (int i = 0; i < 3; ++i) enter("1111");
    ASSERT_EQ(view().locked_for, 30s);

    restart(10s);
    open_pad();
    EXPECT_EQ(view().locked_for, 17s) << "30 s from the third wrong PIN, less the 13 s since (restart and hold)";
    enter("204816");
    EXPECT_EQ(view().page, MaintPage::pin) << "the right PIN cannot get in while locked";

    // After it runs out, the next round's lockout is the doubled one: the escalation was kept too.
    pass(17s);
    for (int i = 0; i < 3; ++i) enter("2222");
    EXPECT_EQ(view().locked_for, 60s);
}

TEST_F(PinLockout, WrongTriesOutliveARestartAndTheRightPinClearsThem) {
    open_pad();
    enter("1111");
    enter("1111");
    ASSERT_EQ(view().tries_left, 1);

    restart(1s);
    open_pad();
    EXPECT_EQ(view().tries_left, 1) << "a restart does not give the tries back";
    EXPECT_FALSE(view().locked_for);
    enter("204816");
    ASSERT_EQ(view().page, MaintPage::status);

    restart(1s);
    open_pad();
    EXPECT_EQ(view().tries_left, 3);
    for (int i = 0; i < 3; ++i) enter("3333");
    EXPECT_EQ(view().locked_for, 30s) << "the right PIN reset the escalation";
}

TEST_F(PinLockout, AClockSetBackCannotLockForLongerThanTheLongestLockout) {
    stop();
    // Written by a kiosk whose clock was a year ahead, read by one set right.
    std::ofstream(file()) << pin_lock_json({.failures = 0, .lockouts = 3, .locked_until = clock_.now() + 24h * 365});
    start();
    open_pad();
    ASSERT_TRUE(view().locked_for);
    EXPECT_EQ(*view().locked_for, 3597s) << "the longest lockout, less the 3 s hold";
}

TEST_F(PinLockout, AnUnreadableFileLocksForOneFirstLockoutSaysSoAndNeverCrashes) {
    const char* damaged[] = {"", "{", "not json", "[]", R"({"version":1})",
                             R"({"version":2,"failures":0,"lockouts":0,"locked_until_ms":null})",
                             R"({"version":1,"failures":-1,"lockouts":0,"locked_until_ms":null})",
                             R"({"version":1,"failures":0,"lockouts":"many","locked_until_ms":null})",
                             R"({"version":1,"failures":0,"lockouts":0,"locked_until_ms":99999999999999999999})",
                             R"({"version":1,"failures":0,"lockouts":0,"locked_until_ms":-5})"};
    for (const char* text : damaged) {
        stop();
        std::ofstream(file(), std::ios::trunc) << text;
        std::mutex mutex;
        std::vector<std::pair<config::LogLevel, std::string>> lines;
        config::set_log_sink([&](config::LogLevel level, std::string_view line) {
            std::lock_guard lock(mutex);
            lines.emplace_back(level, std::string(line));
        });
        start();
        config::set_log_sink(nullptr);
        bool said = false;
        for (const auto& [level, line] : lines)
            said = said || (level == config::LogLevel::warning && line.find("unreadable") != std::string::npos &&
                            line.find(file().string()) != std::string::npos && line.find("locked for 30 s") != std::string::npos);
        EXPECT_TRUE(said) << "for " << text;
        open_pad();
        EXPECT_EQ(view().locked_for, 27s) << "one first lockout (less the 3 s hold) for " << text;
        // Then it works as always; the file was rewritten, so the next start is clean.
        pass(27s);
        enter("204816");
        EXPECT_EQ(view().page, MaintPage::status) << text;
        stop();
        EXPECT_TRUE(parse_pin_lock([&] {
                        std::ifstream in(file());
                        return std::string(std::istreambuf_iterator<char>(in), {});
                    }())
                        .has_value());
        start();
    }
}

TEST(PinLockFile, NothingKeptYetIsAFreshStateAndStatesRoundTrip) {
    std::string pattern = (fs::temp_directory_path() / "redgrid-pin-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    const fs::path dir = pattern;
    const PinLockState kept{.failures = 2, .lockouts = 4,
                            .locked_until = *parse_rfc3339("2026-11-25T10:00:00+08:00") + 250ms};
    {
        PinLockFile store(dir / "lock.json");
        auto fresh = store.load();
        ASSERT_TRUE(fresh.has_value()) << fresh.error();
        EXPECT_EQ(*fresh, PinLockState{});
        store.save(PinLockState{.failures = 1});
        store.save(kept);  // the newest wins
    }
    PinLockFile again(dir / "lock.json");
    auto loaded = again.load();
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    EXPECT_EQ(*loaded, kept);
    EXPECT_EQ(fs::status(dir / "lock.json").permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace redgrid::kiosk
