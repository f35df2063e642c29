// The maintenance screen's status as the real kiosk gathers it (kiosk/app/src/online_services.cpp):
// the machine, the event queue in a real SQLite file and the sync worker's view of a server
// that does not answer, delivered through the UiInbox to the App, as in the UI loop.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "redgrid/kiosk/app/online_services.h"
#include "redgrid/kiosk/ui/app.h"

namespace redgrid {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(REDGRID_BINARY_DIR) / "online-maintenance-test" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Half an em per byte: layout without fonts.
class Measurer final : public render::TextMeasurer {
public:
    float text_width(std::string_view utf8, float size, render::FontWeight) const override {
        return static_cast<float>(utf8.size()) * size * 0.5f;
    }
    float line_height(float size, render::FontWeight) const override { return size * 1.2f; }
    float ascent(float size, render::FontWeight) const override { return size * 0.9f; }
};

// A loopback port nobody listens on: bound, then closed again.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

// Drains the inbox as the UI loop does until the status satisfies done (or 20 s pass: the
// worker's first sync runs at once, so this waits for a refused connection, not a timer).
bool drain_until(kiosk::UiInbox& inbox, kiosk::App& app, const std::function<bool(const kiosk::MaintenanceStatus&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline) {
        inbox.drain(app);
        const auto& status = app.maintenance().view().status;
        if (status && done(*status)) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

TEST(OnlineMaintenance, WithoutAServerTheStatusShowsTheQueueAndWhyItDoesNotSync) {
    config::KioskConfig cfg;
    cfg.kiosk_id = "bm-08";
    cfg.data_dir = scratch("no-server");
    redgrid::SystemClock clock;
    kiosk::UiInbox inbox;
    OnlineServices online(cfg, "kiosk.json", clock, inbox, nullptr);
    const kiosk::AppServices services = online.app_services();
    ASSERT_NE(services.maintenance, nullptr);
    // Two things a resident did, waiting in the queue for a server.
    ASSERT_TRUE(services.sink->record({protocol::InteractionKind::page_view, R"({"screen":"home"})"}).stored());
    ASSERT_TRUE(services.sink->record({protocol::InteractionKind::touch, R"({"id":"tile:map"})"}).stored());

    kiosk::App app(clock, kiosk::AppOptions{.maintenance_pin = "2468"}, services);
    app.navigate({kiosk::ScreenId::maintenance, {}});
    ASSERT_TRUE(drain_until(inbox, app, [](const auto&) { return true; }));
    const kiosk::MaintenanceStatus& s = *app.maintenance().view().status;
    EXPECT_EQ(s.kiosk_id, "bm-08");
    EXPECT_FALSE(s.sync.configured);
    EXPECT_NE(s.sync.why_not.find("server"), std::string::npos) << s.sync.why_not;
    ASSERT_TRUE(s.queue_depth);
    EXPECT_EQ(*s.queue_depth, 2u);
    ASSERT_TRUE(s.oldest_event_age);
    EXPECT_LT(*s.oldest_event_age, 60s);
    ASSERT_TRUE(s.disk);
    EXPECT_GT(s.disk->total_bytes, 0u);
    EXPECT_EQ(s.data_dir, cfg.data_dir.string());
    // Leaving stops the gathering: nothing more arrives for the closed screen.
    app.navigate({kiosk::ScreenId::home, {}});
    EXPECT_FALSE(app.maintenance().view().status);
}

TEST(OnlineMaintenance, AServerThatDoesNotAnswerShowsAsUnreachableWithTheError) {
    const fs::path dir = scratch("unreachable");
    config::KioskConfig cfg;
    cfg.kiosk_id = "bm-08";
    cfg.data_dir = dir / "data";
    cfg.cache_dir = dir / "cache";
    cfg.server_url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
    cfg.token_file = dir / "token";
    {
        std::ofstream(cfg.token_file) << "test-token-0123456789abcdef\n";
    }
    fs::permissions(cfg.token_file, fs::perms::owner_read | fs::perms::owner_write);
    redgrid::SystemClock clock;
    kiosk::UiInbox inbox;
    OnlineServices online(cfg, "kiosk.json", clock, inbox, nullptr);
    kiosk::App app(clock, kiosk::AppOptions{.maintenance_pin = "2468"}, online.app_services());
    app.navigate({kiosk::ScreenId::maintenance, {}});
    ASSERT_TRUE(drain_until(inbox, app, [](const kiosk::MaintenanceStatus& s) { return s.sync.attempted; }));
    const kiosk::MaintenanceStatus s = *app.maintenance().view().status;
    EXPECT_TRUE(s.sync.configured);
    EXPECT_EQ("http://" + s.sync.server + "/", cfg.server_url);
    EXPECT_FALSE(s.sync.online);
    EXPECT_FALSE(s.sync.last_success);
    EXPECT_FALSE(s.sync.last_error.empty());
    EXPECT_GE(s.sync.consecutive_failures, 1);

    // "Sync now" reaches the worker, which tries again at once instead of after its
    // backoff: the failures count up.
    Measurer measurer;
    app.frame(measurer);
    ASSERT_TRUE(app.tap("maint:sync"));
    const int before = s.sync.consecutive_failures;
    EXPECT_TRUE(drain_until(inbox, app, [before](const kiosk::MaintenanceStatus& now) {
        return now.sync.consecutive_failures > before;
    }));
}

}  // namespace
}  // namespace redgrid
