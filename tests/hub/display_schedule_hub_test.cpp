// set_display_schedule end to end on loopback: the hub queues the command, the kiosk's real
// network wiring (OnlineServices) applies and saves it and reports the result; the UI loop's
// ScreenPower turns the screen dark by it and the next heartbeat tells the hub "display off"
// (not "offline"); after a restart the kiosk still keeps the server's schedule.
#include <gtest/gtest.h>

#include "redgrid/kiosk/app/online_services.h"
#include "records_support.h"
#include "redgrid/kiosk/app/screen_power.h"

namespace redgrid::test {
namespace {

class DisplayScheduleHub : public RecordsFixture {
protected:
    config::KioskConfig kiosk_config() {
        config::KioskConfig cfg;
        cfg.kiosk_id = "k1";
        cfg.data_dir = kiosk_dir_.path() / "data";
        cfg.cache_dir = kiosk_dir_.path() / "cache";
        cfg.server_url = hub_url();
        cfg.token_file = kiosk_dir_.path() / "token";
        cfg.display_schedule = "07:00-22:00";
        cfg.utc_offset_minutes = 480;
        std::ofstream(cfg.token_file) << token_ << "\n";
        fs::permissions(cfg.token_file, fs::perms::owner_read | fs::perms::owner_write);
        return cfg;
    }
    OnlineTimings timings() {
        OnlineTimings t;
        t.sync.recheck_every = 2ms;
        t.sync.random_seed = 3;
        t.upload = upload_timing();
        t.calls = call_timing();
        return t;
    }
    std::optional<hub::CommandRow> command(std::int64_t id) {
        for (auto& row : hub_->store().commands("k1"))
            if (row.id == id) return row;
        return std::nullopt;
    }
    bool answered(std::int64_t id) {
        const auto row = command(id);
        return row && row->status != "pending" && row->status != "delivered";
    }
    std::string display_reported() {
        for (const auto& row : hub_->store().kiosks())
            if (row.id == "k1") return row.display;
        return "";
    }
};

TEST_F(DisplayScheduleHub, TheKioskAppliesSavesAndReportsTheServersSchedule) {
    start_hub();
    // 09:00 UTC is 17:00 at the kiosk (+08:00): inside 07:00-22:00, outside 22:00-06:00.
    const auto good = hub_->store().add_command("k1", "set_display_schedule", "22:00-06:00");
    const auto bad = hub_->store().add_command("k1", "set_display_schedule", "7:00-22:00");
    ASSERT_TRUE(good && bad);

    const config::KioskConfig cfg = kiosk_config();
    kiosk::UiInbox inbox;
    auto online = std::make_unique<OnlineServices>(cfg, "kiosk.json", clock_, inbox, nullptr, timings());
    ASSERT_TRUE(eventually([&] { return answered(*good) && answered(*bad); }));
    EXPECT_EQ(command(*good)->status, "done");
    EXPECT_EQ(command(*good)->message, "display schedule 22:00-06:00");
    EXPECT_EQ(command(*bad)->status, "failed");
    EXPECT_NE(command(*bad)->message.find("got \"7:00-22:00\""), std::string::npos) << command(*bad)->message;
    EXPECT_EQ(online->display().schedule(), "22:00-06:00");
    // What the admin sees on the hub.
    std::string listed;
    ASSERT_EQ(cli({"commands", "k1"}, &listed), 0) << listed;
    EXPECT_NE(listed.find("done         display schedule 22:00-06:00"), std::string::npos) << listed;
    EXPECT_NE(listed.find("failed       schedule must be"), std::string::npos) << listed;
    // The hub refuses a malformed schedule before it is ever queued.
    ASSERT_NE(cli({"command", "k1", "set_display_schedule", "25:00-06:00"}, &listed), 0);
    EXPECT_NE(listed.find("got \"25:00-06:00\""), std::string::npos) << listed;

    // The UI loop's turn: 17:00 is outside the new schedule, the screen goes dark.
    kiosk::NoPanelSwitch panel;
    kiosk::ScreenPower power(clock_, online->display(), panel, cfg.utc_offset_minutes, 90s);
    EXPECT_EQ(power.update(true), kiosk::ScreenPower::Change::went_dark);
    // The next heartbeat (a minute on) says so: the hub shows "display off", not "offline".
    clock_.advance(61s);
    advance_hub(61s);
    ASSERT_TRUE(eventually([&] { return display_reported() == "off_by_schedule"; })) << display_reported();
    const auto rows = hub_->store().kiosks();
    const auto k1 = std::ranges::find_if(rows, [](const auto& r) { return r.id == "k1"; });
    ASSERT_NE(k1, rows.end());
    EXPECT_EQ(hub::liveness(*k1, start_ + 61s), hub::Liveness::display_off);

    // A restart keeps the server's schedule over the config's.
    online.reset();
    auto again = std::make_unique<OnlineServices>(cfg, "kiosk.json", clock_, inbox, nullptr, timings());
    EXPECT_EQ(again->display().schedule(), "22:00-06:00");

    // "" switches the schedule off for good: always on, and reported lit again.
    const auto always = hub_->store().add_command("k1", "set_display_schedule", "");
    ASSERT_TRUE(always);
    clock_.advance(61s);
    advance_hub(61s);
    ASSERT_TRUE(eventually([&] { return answered(*always); }));
    EXPECT_EQ(command(*always)->status, "done");
    kiosk::ScreenPower power_again(clock_, again->display(), panel, cfg.utc_offset_minutes, 90s);
    power_again.update(true);
    EXPECT_TRUE(power_again.lit());
    clock_.advance(61s);
    advance_hub(61s);
    ASSERT_TRUE(eventually([&] { return display_reported() == "on"; })) << display_reported();
    again.reset();
}

}  // namespace
}  // namespace redgrid::test
