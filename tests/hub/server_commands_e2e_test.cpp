// The server's upload_screenshot and reload end to end: the real hub on loopback queues them
// (`redgrid-hub command`), the kiosk's own wiring (OnlineServices, ServerCommands) and App
// carry them out around a UI loop that draws as the runner does, on the real renderer
// offscreen, and the results come back to the hub.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "records_support.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/kiosk/app/online_services.h"
#include "redgrid/kiosk/app/rotation.h"
#include "redgrid/kiosk/app/screenshot.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/png_codec.h"
#include "redgrid/render/sdl_handles.h"

namespace redgrid::test {
namespace {

class ServerCommandsE2E : public RecordsFixture {
protected:
    void SetUp() override {
        start_hub();
        cfg_.kiosk_id = "k1";
        cfg_.server_url = hub_url();
        cfg_.token_file = kiosk_dir_.path() / "token";
        std::ofstream(cfg_.token_file) << token_ << "\n";
        fs::permissions(cfg_.token_file, fs::perms::owner_read | fs::perms::owner_write);
        cfg_.data_dir = kiosk_dir_.path() / "data";
        cfg_.cache_dir = kiosk_dir_.path() / "cache";
        cfg_.poll_interval_s = 86400;  // no poll brings content of its own during the test
        cfg_.screen_width = 1280;
        cfg_.screen_height = 800;
        OnlineTimings timings;
        timings.sync.recheck_every = 2ms;
        timings.upload = upload_timing();
        timings.calls = call_timing();
        online_ = std::make_unique<OnlineServices>(cfg_, "kiosk.json", clock_, inbox_, nullptr, timings);

        auto sdl = render::SdlLibrary::init();
        ASSERT_TRUE(sdl) << sdl.error();
        sdl_ = std::make_unique<render::SdlLibrary>(std::move(*sdl));
        auto fonts = render::FontSet::load({});
        ASSERT_TRUE(fonts) << fonts.error();
        fonts_ = std::make_unique<render::FontSet>(std::move(*fonts));
        auto target = render::RenderTarget::offscreen(cfg_.screen_width, cfg_.screen_height);
        ASSERT_TRUE(target) << target.error();
        target_ = std::move(*target);
        media_ = std::make_unique<render::DirectoryMediaStore>(net::content_cache_dir(cfg_) / "media");
        painter_ = std::make_unique<render::Painter>(target_->renderer(), *fonts_, *media_);
        const kiosk::Size panel{static_cast<float>(cfg_.screen_width), static_cast<float>(cfg_.screen_height)};
        auto canvas = kiosk::RotatedCanvas::create(target_->renderer(), panel, kiosk::Rotation{cfg_.rotation});
        ASSERT_TRUE(canvas) << canvas.error();
        canvas_ = std::make_unique<kiosk::RotatedCanvas>(std::move(*canvas));
        auto options = kiosk::app_options(cfg_);
        options.transition = 0ms;
        app_ = std::make_unique<kiosk::App>(clock_, options, online_->app_services());
        app_->set_size(canvas_->logical().width, canvas_->logical().height);
        // The worker's first sync brings v1 from the hub at once.
        ASSERT_TRUE(ui_until([&] { return shown_version() == "v1"; }));
    }
    void TearDown() override {
        app_.reset();  // the UI loop ends before the online services, as in main()
        online_.reset();
        RecordsFixture::TearDown();
    }

    // One turn of the UI loop, as kiosk::run_interactive does it.
    void turn() {
        inbox_.drain(*app_);
        app_->tick();
        if (app_->content() != painted_) {
            painter_->forget_media();
            painter_->forget_frame();
            painted_ = app_->content();
        }
        if (app_->needs_redraw()) {
            canvas_->draw(*painter_, app_->frame(*fonts_), target_->keeps_frame());
            target_->present();
        }
        if (app_->screenshot_requested())
            kiosk::take_screenshots(*app_, target_->renderer(), *painter_, *fonts_, canvas_->logical());
    }
    bool ui_until(const std::function<bool()>& done) {
        return eventually(
            [&] {
                turn();
                return done();
            },
            20s);
    }
    std::string shown_version() const { return app_->content() ? app_->content()->bundle().version : ""; }

    // The hub's record of command c-<id>.
    std::optional<hub::CommandRow> command(std::int64_t id) {
        for (auto& row : hub_->store().commands("k1"))
            if (row.id == id) return row;
        return std::nullopt;
    }
    std::int64_t queue(const std::string& type) {
        std::string out;
        EXPECT_EQ(cli({"command", "k1", type}, &out), 0) << out;
        const auto at = out.find("c-");
        return at == std::string::npos ? -1 : std::stoll(out.substr(at + 2));
    }
    // The next heartbeat is a minute away on the kiosk's clock: make it due.
    void next_heartbeat() { clock_.advance(61s); }
    bool finished(std::int64_t id) {
        const auto row = command(id);
        return row && row->status != "pending" && row->status != "delivered";
    }
    int heartbeats_seen() {
        sqlite3* db = nullptr;
        int count = -1;
        if (sqlite3_open_v2((hub_dir_.path() / "hub.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK) {
            sqlite3_busy_timeout(db, 2000);
            sqlite3_stmt* statement = nullptr;
            if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM heartbeats WHERE kiosk_id = 'k1'", -1, &statement,
                                   nullptr) == SQLITE_OK &&
                sqlite3_step(statement) == SQLITE_ROW)
                count = sqlite3_column_int(statement, 0);
            sqlite3_finalize(statement);
        }
        sqlite3_close(db);
        return count;
    }
    std::vector<fs::path> screenshots() {
        std::vector<fs::path> found;
        for (const auto& entry : fs::directory_iterator(hub_dir_.path() / "screenshots")) found.push_back(entry.path());
        return found;
    }

    config::KioskConfig cfg_;
    kiosk::UiInbox inbox_;
    std::unique_ptr<OnlineServices> online_;
    std::unique_ptr<render::SdlLibrary> sdl_;
    std::unique_ptr<render::FontSet> fonts_;
    std::unique_ptr<render::RenderTarget> target_;
    std::unique_ptr<render::DirectoryMediaStore> media_;
    std::unique_ptr<render::Painter> painter_;
    std::unique_ptr<kiosk::RotatedCanvas> canvas_;
    std::unique_ptr<kiosk::App> app_;
    const content::Content* painted_ = nullptr;
};

TEST_F(ServerCommandsE2E, TheHubGetsAPngOfExactlyWhatTheScreenShowsOnce) {
    ASSERT_TRUE(app_->tap("tile:notices"));  // somewhere other than home
    turn();
    const auto id = queue("upload_screenshot");
    const int before = heartbeats_seen();
    next_heartbeat();
    // The command reaches the UI thread; the picture is not taken before the loop draws.
    ASSERT_TRUE(eventually([&] {
        inbox_.drain(*app_);
        return app_->screenshot_requested();
    }));
    // Meanwhile the hub delivers the command again with every heartbeat until it has a result:
    // that must not take a second picture.
    online_->sync_now();
    ASSERT_TRUE(eventually([&] { return heartbeats_seen() >= before + 2; }));
    ASSERT_TRUE(ui_until([&] { return finished(id); }));
    EXPECT_EQ(command(id)->status, "done") << command(id)->message;
    const auto screen = target_->read_pixels();
    ASSERT_TRUE(screen) << screen.error();
    // One more exchange: nothing else arrives. (Counted before asking: the hub answers in
    // about a millisecond, so the heartbeat may land before a count taken after.)
    const int now_seen = heartbeats_seen();
    online_->sync_now();
    ASSERT_TRUE(ui_until([&] { return heartbeats_seen() > now_seen; }));
    for (int i = 0; i < 20; ++i) turn();

    const auto files = screenshots();
    ASSERT_EQ(files.size(), 1u);
    EXPECT_NE(files[0].filename().string().find("-c-" + std::to_string(id) + ".png"), std::string::npos) << files[0];
    std::ifstream in(files[0], std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto png = render::decode_png(bytes);
    ASSERT_TRUE(png) << png.error();
    ASSERT_EQ(png->width, 1280);
    ASSERT_EQ(png->height, 800);
    int differing = 0;
    for (int y = 0; y < png->height; ++y)
        for (int x = 0; x < png->width; ++x) {
            const auto a = png->at(x, y), b = screen->at(x, y);
            if (a.r != b.r || a.g != b.g || a.b != b.b) ++differing;
        }
    EXPECT_EQ(differing, 0) << "the uploaded picture is the screen, pixel for pixel";
    EXPECT_EQ(app_->state().route.screen, kiosk::ScreenId::notices) << "a screenshot changes nothing on screen";

    // The admin's view of it.
    std::string out;
    ASSERT_EQ(cli({"commands", "k1"}, &out), 0) << out;
    EXPECT_NE(out.find("upload_screenshot"), std::string::npos) << out;
    EXPECT_NE(out.find("done"), std::string::npos) << out;
    const fs::path copy = kiosk_dir_.path() / "latest.png";
    ASSERT_EQ(cli({"screenshots", "k1", "--command", "c-" + std::to_string(id), "--out", copy.string()}, &out), 0)
        << out;
    EXPECT_EQ(fs::file_size(copy), bytes.size());
}

TEST_F(ServerCommandsE2E, ReloadShowsANewerBundleFromDiskAndACorruptCacheKeepsTheScreen) {
    ASSERT_TRUE(app_->tap("tile:notices"));
    turn();
    // A newer valid bundle replaced the one in the cache on disk (the hub still has v1).
    const std::string v2 = make_bundle_json("k1", "v2", {}, {"停水通知"}).dump();
    auto parsed = content::parse_bundle(v2);
    ASSERT_TRUE(parsed);
    {
        net::ContentCache cache(net::content_cache_dir(cfg_));
        ASSERT_TRUE(cache.store(v2, *parsed, "\"v2\""));
    }
    const auto reload = queue("reload");
    next_heartbeat();
    ASSERT_TRUE(ui_until([&] { return finished(reload); }));
    EXPECT_EQ(command(reload)->status, "done") << command(reload)->message;
    EXPECT_NE(command(reload)->message.find("v2"), std::string::npos) << command(reload)->message;
    EXPECT_EQ(shown_version(), "v2");
    EXPECT_EQ(app_->state().route.screen, kiosk::ScreenId::home) << "drawn from scratch on the home screen";

    // Now the cached bundle is damaged on disk: the reload fails, naming the file, and the
    // screen keeps v2.
    const fs::path file = net::content_cache_dir(cfg_) / "bundles" / (content::sha256_hex(v2) + ".json");
    std::ofstream(file, std::ios::trunc) << "{\"format\": 1, \"vers";
    const auto broken = queue("reload");
    next_heartbeat();
    ASSERT_TRUE(ui_until([&] { return finished(broken); }));
    EXPECT_EQ(command(broken)->status, "failed");
    EXPECT_NE(command(broken)->message.find(file.filename().string()), std::string::npos) << command(broken)->message;
    EXPECT_EQ(shown_version(), "v2");
    ASSERT_NE(app_->content(), nullptr);
}

}  // namespace
}  // namespace redgrid::test
