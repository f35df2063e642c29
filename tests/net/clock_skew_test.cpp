// The server's Date header against the kiosk's clock: parsed strictly, compared, and logged
// once per episode (with the offset) rather than once per heartbeat.
#include "redgrid/protocol/clock_skew.h"

#include <gtest/gtest.h>

#include "net_test_support.h"
#include "redgrid/net/sync_worker.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;
using std::chrono::system_clock;

system_clock::time_point at(std::int64_t unix_s) { return system_clock::time_point(std::chrono::seconds(unix_s)); }

TEST(HttpDate, ParsesAndFormatsImfFixdate) {
    // RFC 9110's own example.
    const auto t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
    ASSERT_TRUE(t);
    EXPECT_EQ(*t, at(784111777));
    EXPECT_EQ(format_http_date(at(784111777)), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(format_http_date(at(1795577400)), "Wed, 25 Nov 2026 03:30:00 GMT");
    EXPECT_EQ(parse_http_date(format_http_date(at(1795577400))), at(1795577400));
}

TEST(HttpDate, RefusesOtherShapes) {
    for (std::string_view bad : {"", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                                 "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
                                 "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
                                 "Sun, 0x Nov 1994 08:49:37 GMT"})
        EXPECT_FALSE(parse_http_date(bad)) << bad;
}

TEST(ClockSkewMonitor, LogsOnceWhenOffThenNoticeWhenBack) {
    test::LogCapture logs;
    ClockSkewMonitor monitor(60s);
    const auto local = at(1795577400);
    std::chrono::steady_clock::time_point steady{};
    // 30 s off: within a minute, nothing said.
    EXPECT_EQ(monitor.observe(format_http_date(local + 30s), local, steady, "test"), 30s);
    EXPECT_FALSE(logs.contains("clock:"));
    // The server is 10 minutes behind this screen: a warning with the offset.
    EXPECT_EQ(monitor.observe(format_http_date(local - 600s), local, steady, "test"), -600s);
    EXPECT_TRUE(logs.contains("-600 s (0h10m00s) off the server's Date header (test)")) << logs.all();
    // Same offset a minute later: not repeated.
    monitor.observe(format_http_date(local - 540s), local + 60s, steady + 60s, "test");
    EXPECT_EQ(logs.all().find("off the server's Date"), logs.all().rfind("off the server's Date"));
    // Back in step: one notice.
    monitor.observe(format_http_date(local + 120s), local + 120s, steady + 120s, "test");
    EXPECT_TRUE(logs.contains("clock: back within 60 s")) << logs.all();
    // A missing or unreadable header is ignored.
    EXPECT_FALSE(monitor.observe("", local, steady, "test"));
    EXPECT_FALSE(monitor.observe("yesterday", local, steady, "test"));
}

// End to end: the sync worker's heartbeat meets a loopback server whose Date is two hours old.
TEST(ClockSkew, WorkerLogsAnOldServerDate) {
    test::LogCapture logs;
    test::TempDir dir;
    test::LoopbackServer server;
    const auto local = system_clock::now();
    server.http().Post(".*", [&](const httplib::Request&, httplib::Response& response) {
        response.set_header("Date", format_http_date(local - 2h));
        response.set_content(R"({"commands": []})", "application/json");
    });
    server.http().Get(".*", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
    const int port = server.start();
    SyncOptions options;
    options.server_url = "http://127.0.0.1:" + std::to_string(port);
    options.kiosk_id = "k1";
    options.token = "tok";
    options.cache_dir = dir.path() / "content";
    options.data_dir = dir.path();
    options.heartbeat_interval = 3600s;
    options.http.total_timeout = 3s;
    ManualClock clock(local);
    WorkerTiming timing;
    timing.recheck_every = 1ms;
    SyncWorker worker(options, [](SyncUpdate) {}, clock, {}, timing);
    worker.start();
    worker.heartbeat_now();
    ASSERT_TRUE(test::eventually([&] { return logs.contains("off the server's Date header (heartbeat)"); }))
        << logs.all();
    EXPECT_TRUE(logs.contains("clock: the local clock is -7200 s (2h00m00s) off")) << logs.all();
    worker.stop();
}

}  // namespace
}  // namespace redgrid::net
