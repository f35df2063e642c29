// The maintenance screen's probes on this machine (real /proc, statvfs, getifaddrs) and on
// made-up sysfs trees, the prober thread, and what the status page shows for a status.
#include <gtest/gtest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/ui/maintenance.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(REDGRID_BINARY_DIR) / "maintenance-test" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

TEST(MaintenanceProbe, UptimeOfThisMachineIsPositive) {
    const auto up = probe_uptime();
    ASSERT_TRUE(up) << up.error();
    EXPECT_GT(up->count(), 0);
}

TEST(MaintenanceProbe, UptimeReadsTheFirstNumberAndRefusesGarbage) {
    const fs::path dir = scratch("uptime");
    write(dir / "uptime", "12345.67 9876.54\n");
    EXPECT_EQ(probe_uptime(dir / "uptime").value(), 12345s);
    write(dir / "bad", "soon\n");
    const auto bad = probe_uptime(dir / "bad");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("bad"), std::string::npos) << bad.error();
    EXPECT_FALSE(probe_uptime(dir / "missing"));
}

TEST(MaintenanceProbe, DiskOfADirectoryAndOfOneNotMadeYet) {
    const fs::path dir = scratch("disk");
    const auto disk = probe_disk(dir);
    ASSERT_TRUE(disk) << disk.error();
    EXPECT_GT(disk->total_bytes, 0u);
    EXPECT_GT(disk->free_bytes, 0u);
    EXPECT_LE(disk->free_bytes, disk->total_bytes);
    // A data directory the kiosk has not created yet reports the file system it will be on.
    const auto later = probe_disk(dir / "not" / "yet");
    ASSERT_TRUE(later) << later.error();
    EXPECT_EQ(later->total_bytes, disk->total_bytes);
}

TEST(MaintenanceProbe, AddressesLeaveOutLoopback) {
    const auto ips = probe_ip_addresses();
    ASSERT_TRUE(ips) << ips.error();
    // The list may be empty on a machine without a network; loopback is never in it.
    for (const IpAddress& ip : *ips) {
        EXPECT_FALSE(ip.interface.empty());
        EXPECT_NE(ip.address, "127.0.0.1");
        EXPECT_NE(ip.address, "::1");
        EXPECT_FALSE(ip.address.starts_with("fe80:")) << ip.address;
    }
}

TEST(MaintenanceProbe, TemperatureIsTheHottestZoneOrNothing) {
    const fs::path root = scratch("thermal");
    EXPECT_FALSE(probe_temperature(root));
    EXPECT_FALSE(probe_temperature(root / "missing"));
    write(root / "thermal_zone0/temp", "41000\n");
    write(root / "thermal_zone0/type", "acpitz\n");
    write(root / "thermal_zone1/temp", "57500\n");
    write(root / "thermal_zone1/type", "cpu-thermal\n");
    write(root / "thermal_zone2/temp", "ENODATA\n");  // a sleeping sensor
    write(root / "cooling_device0/temp", "99000\n");  // not a zone
    const auto t = probe_temperature(root);
    ASSERT_TRUE(t);
    EXPECT_DOUBLE_EQ(t->celsius, 57.5);
    EXPECT_EQ(t->zone, "cpu-thermal");
}

TEST(MaintenanceProbe, TheSystemStatusCarriesTheBuildAndTheMachine) {
    const fs::path dir = scratch("system");
    const auto started = std::chrono::steady_clock::now() - 65s;
    const MaintenanceStatus s = probe_system({.kiosk_id = "bm-08", .data_dir = dir, .kiosk_started = started});
    EXPECT_EQ(s.version, REDGRID_VERSION);
    EXPECT_EQ(s.version, build_version());
    EXPECT_FALSE(s.commit.empty());
    EXPECT_EQ(s.kiosk_id, "bm-08");
    ASSERT_TRUE(s.disk);
    EXPECT_GT(s.disk->total_bytes, 0u);
    ASSERT_TRUE(s.system_uptime);
    EXPECT_GT(s.system_uptime->count(), 0);
    ASSERT_TRUE(s.kiosk_uptime);
    EXPECT_GE(*s.kiosk_uptime, 65s);
    EXPECT_FALSE(s.sync.configured);  // the machine alone knows of no server
    EXPECT_FALSE(s.queue_depth);
}

TEST(MaintenanceProber, GathersAtOnceWhenWatchedAndOnRefreshNeverWhileClosed) {
    std::mutex mutex;
    std::condition_variable arrived;
    int gathered = 0, delivered = 0;
    // An hour's period: every round here comes from watch() or refresh(), none from the timer.
    MaintenanceProber prober(
        [&] {
            std::lock_guard lock(mutex);
            ++gathered;
            return sample_maintenance_status(std::chrono::system_clock::now());
        },
        [&](MaintenanceStatus) {
            std::lock_guard lock(mutex);
            ++delivered;
            arrived.notify_all();
        },
        1h);
    const auto wait_for = [&](int n) {
        std::unique_lock lock(mutex);
        return arrived.wait_for(lock, 10s, [&] { return delivered >= n; });
    };
    prober.refresh();  // not watched: nothing
    prober.watch(true);
    ASSERT_TRUE(wait_for(1));
    prober.refresh();
    ASSERT_TRUE(wait_for(2));
    prober.watch(false);
    prober.watch(true);
    ASSERT_TRUE(wait_for(3));
    prober.watch(false);
    std::lock_guard lock(mutex);
    EXPECT_EQ(gathered, 3);
}

// What the status page says for a status, read off its DrawList.
std::string all_text(const render::DrawList& dl) {
    std::string out;
    for (const auto& op : dl.ops)
        if (const auto* t = std::get_if<render::Text>(&op)) out += t->utf8 + "\n";
    return out;
}

TEST(MaintenanceStatusPage, ShowsEveryValueReadably) {
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    test::FakeMeasurer measurer;
    App app{clock, AppOptions{.lang = Lang::en, .maintenance_pin = "2468"}};
    app.set_content(test::demo_content());
    app.set_size(1920, 1080);
    app.navigate({ScreenId::maintenance, {}});
    MaintenanceStatus s = sample_maintenance_status(clock.now());
    app.set_maintenance_status(s);
    std::string text = all_text(app.frame(measurer));
    for (const char* want : {"0.1.0 · 0123456789ab", "bm-08-lobby", "eth0 192.168.10.23", "wlan0 10.20.0.5",
                             "hub.redgrid.example · reachable", "09:28:25 · OK", "demo-1",
                             "3 events, the oldest waiting 42 s", "812 MB free of 1.0 GB (79%)", "/var/lib/redgrid",
                             "system 3 d 04:12:05 · kiosk 02:10:30", "52.5 °C · cpu-thermal", "Read at 09:30:00"})
        EXPECT_NE(text.find(want), std::string::npos) << want << "\nin:\n" << text;

    // A failing server, no network, no temperature, an old queue.
    s.sync.online = false;
    s.sync.last_error = "connect to hub.redgrid.example:443: timed out";
    s.sync.consecutive_failures = 4;
    s.ips.clear();
    s.temperature.reset();
    s.oldest_event_age = 3h;
    app.set_maintenance_status(s);
    text = all_text(app.frame(measurer));
    for (const char* want : {"not reachable", "failed 4 times in a row: connect to hub.redgrid.example:443: timed out",
                             "No network address", "Temperature\nnot available", "oldest waiting 3 h"})
        EXPECT_NE(text.find(want), std::string::npos) << want << "\nin:\n" << text;
}

}  // namespace
}  // namespace redgrid::kiosk
