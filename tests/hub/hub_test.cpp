// The reference hub, and the kiosk's sync worker against it, end to end on loopback.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "net_test_support.h"
#include "redgrid/hub/cli/hub_cli.h"
#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/http/hub_server.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/net/sync_worker.h"

namespace redgrid::hub {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A source folder as an admin prepares it: place.json + media/.
fs::path write_source(const fs::path& dir, const nlohmann::json& bundle, const std::vector<test::TestMedia>& media) {
    fs::create_directories(dir / "media");
    std::ofstream(dir / "place.json") << bundle.dump(2);
    for (const auto& item : media) std::ofstream(dir / "media" / item.sha256, std::ios::binary) << item.bytes;
    return dir;
}

class Hub : public ::testing::Test {
protected:
    void SetUp() override {
        ServeOptions options;
        options.data_dir = data_.path();
        options.port = 0;
        auto hub = HubServer::create(options);
        ASSERT_TRUE(hub.has_value()) << hub.error();
        hub_ = std::move(*hub);
        ASSERT_TRUE(hub_->bind().has_value());
        thread_ = std::thread([this] { hub_->serve(); });
        token_ = *hub_->store().new_token("k1");
        photo_ = test::media_from(test::make_png(4, 4, "hub-photo"));
        auto published = hub_->content().publish(
            write_source(source_.path(), test::make_bundle_json("k1", "v1", {photo_}, {"開(kāi)放日"}), {photo_}));
        ASSERT_TRUE(published.has_value()) << published.error().front();
    }
    void TearDown() override {
        hub_->stop();
        thread_.join();
    }
    net::SyncOptions kiosk_options() {
        net::SyncOptions options;
        options.server_url = hub_->base_url();
        options.kiosk_id = "k1";
        options.token = token_;
        options.cache_dir = kiosk_dir_.path() / "content";
        options.data_dir = kiosk_dir_.path();
        options.poll_interval = 60s;
        options.heartbeat_interval = 60s;
        options.http.total_timeout = 5s;
        return options;
    }
    httplib::Result get(const std::string& path, const std::string& token, httplib::Headers headers = {}) {
        httplib::Client client(hub_->base_url());
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        return client.Get(path.c_str(), headers);
    }

    test::TempDir data_, source_, kiosk_dir_;
    std::unique_ptr<HubServer> hub_;
    std::thread thread_;
    std::string token_;
    test::TestMedia photo_;
};

TEST_F(Hub, PublishRefusesAnInvalidBundleWithTheKiosksOwnErrors) {
    auto bad = test::make_bundle_json("k1", "v2");
    bad["members"][0]["team_id"] = "t-99";
    bad["grids"][0]["polygon"] = {{0, 0}, {1, 1}};
    test::TempDir source;
    auto refused = hub_->content().publish(write_source(source.path(), bad, {}));
    ASSERT_FALSE(refused.has_value());
    std::vector<std::string> expected;
    const auto parsed = content::parse_bundle(bad.dump(2));
    ASSERT_FALSE(parsed.has_value());
    for (const auto& error : parsed.error()) expected.push_back("place.json: " + error.to_string());
    EXPECT_EQ(refused.error(), expected) << "the same validator, the same messages";
    EXPECT_NE(get("/api/v1/kiosks/k1/bundle", token_)->body.find("\"v1\""), std::string::npos) << "v1 still served";
}

TEST_F(Hub, PublishRefusesMediaThatDoNotMatchTheBundle) {
    auto photo = test::media_from(test::make_png(2, 2, "x"));
    test::TempDir source;
    write_source(source.path(), test::make_bundle_json("k1", "v2", {photo}), {});
    std::ofstream(source.path() / "media" / photo.sha256) << "not the photo";
    auto refused = hub_->content().publish(source.path());
    ASSERT_FALSE(refused.has_value());
    EXPECT_NE(refused.error().front().find("/media/0"), std::string::npos) << refused.error().front();
}

TEST_F(Hub, TokensAreCheckedPerKioskAndStoredOnlyHashed) {
    EXPECT_EQ(get("/api/v1/kiosks/k1/bundle", "")->status, 401);
    EXPECT_EQ(get("/api/v1/kiosks/k1/bundle", "wrong")->status, 401);
    const auto other = *hub_->store().new_token("k2");
    EXPECT_EQ(get("/api/v1/kiosks/k1/bundle", other)->status, 403);
    EXPECT_EQ(get("/api/v1/kiosks/k2/bundle", other)->status, 404) << "nothing published for k2";
    std::ifstream db(data_.path() / "hub.sqlite", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(db)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(token_), std::string::npos);
}

TEST_F(Hub, BundleHasAnETagAndAnswers304WhenUnchanged) {
    auto first = get("/api/v1/kiosks/k1/bundle", token_);
    ASSERT_EQ(first->status, 200);
    const auto etag = first->get_header_value("ETag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(get("/api/v1/kiosks/k1/bundle", token_, {{"If-None-Match", etag}})->status, 304);
    auto media = get("/api/v1/media/" + photo_.sha256, token_);
    ASSERT_EQ(media->status, 200);
    EXPECT_EQ(media->body, photo_.bytes);
    EXPECT_EQ(media->get_header_value("Content-Type"), "image/png");
}

TEST_F(Hub, KioskShowsPublishedContentAndANewNoticeWithinOnePoll) {
    net::ManualClock clock(std::chrono::system_clock::now());
    std::mutex mutex;
    std::vector<net::CachedContent> shown;
    net::WorkerTiming timing;
    timing.recheck_every = 1ms;
    timing.poll_jitter = 0;
    net::SyncWorker worker(kiosk_options(), [&](net::SyncUpdate update) {
        if (auto* ready = std::get_if<net::ContentReady>(&update)) {
            std::lock_guard lock(mutex);
            shown.push_back(ready->content);
        }
    }, clock, {}, timing);
    worker.start();
    auto count = [&] {
        std::lock_guard lock(mutex);
        return shown.size();
    };
    ASSERT_TRUE(test::eventually([&] { return count() == 1; }));
    EXPECT_EQ(shown[0].content->bundle().notices.at(0).title, "開(kāi)放日");
    EXPECT_EQ(test::media_from([&] {
                  std::ifstream in(shown[0].media_dir / photo_.sha256, std::ios::binary);
                  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
              }()).sha256,
              photo_.sha256)
        << "the member photo is on disk, verified";

    auto version = hub_->content().add_notice({"k1", "停水通知", "明天 9:00-12:00 停水", true}, std::chrono::system_clock::now());
    ASSERT_TRUE(version.has_value()) << version.error().front();
    clock.advance(61s);
    ASSERT_TRUE(test::eventually([&] { return count() == 2; }));
    const auto& notices = shown[1].content->bundle().notices;
    ASSERT_EQ(notices.size(), 2u);
    EXPECT_EQ(notices[1].title, "停水通知");
    EXPECT_EQ(notices[1].priority, content::NoticePriority::urgent);

    const auto synced_before = worker.status().last_success;
    clock.advance(61s);
    ASSERT_TRUE(test::eventually([&] { return worker.status().last_success != synced_before; }));
    EXPECT_EQ(count(), 2u) << "unchanged: a 304, nothing new for the screen";

    ASSERT_TRUE(test::eventually([&] {
        const auto rows = hub_->store().kiosks();
        return !rows.empty() && rows[0].bundle_version == *version;
    })) << "heartbeats report the bundle version";
}

TEST_F(Hub, CommandsRoundTripThroughHeartbeats) {
    const auto reload = *hub_->store().add_command("k1", "reload", "");
    const auto reboot = *hub_->store().add_command("k1", "reboot", "");
    net::ManualClock clock(std::chrono::system_clock::now());
    std::mutex mutex;
    std::vector<protocol::Command> commands;
    net::WorkerTiming timing;
    timing.recheck_every = 1ms;
    net::SyncWorker* worker_ptr = nullptr;
    net::SyncWorker worker(kiosk_options(), [&](net::SyncUpdate update) {
        if (auto* command = std::get_if<protocol::Command>(&update)) {
            std::lock_guard lock(mutex);
            commands.push_back(*command);
            worker_ptr->report_command_result({command->id, protocol::CommandStatus::done, ""});
        }
    }, clock, {}, timing);
    worker_ptr = &worker;
    worker.start();
    ASSERT_TRUE(test::eventually([&] {
        std::lock_guard lock(mutex);
        return commands.size() == 1;
    }));
    EXPECT_EQ(commands[0].type, "reload");
    worker.heartbeat_now();
    ASSERT_TRUE(test::eventually([&] {
        const auto rows = hub_->store().commands("k1");
        return rows.size() == 2 && rows[0].status == "done" && rows[1].status == "unsupported";
    }));
    EXPECT_EQ(hub_->store().commands("k1")[0].id, reload);
    EXPECT_EQ(hub_->store().commands("k1")[1].id, reboot);
}

TEST(HubLiveness, OfflineOnlyAfterThreeMissedHeartbeatsAndDisplayOffIsNotOffline) {
    const auto now = Clock::now();
    KioskRow row{.id = "k", .last_heartbeat = now - 150s, .display = "on"};
    EXPECT_EQ(liveness(row, now), Liveness::online);
    row.display = "off_by_schedule";
    EXPECT_EQ(liveness(row, now), Liveness::display_off);
    row.last_heartbeat = now - 181s;
    EXPECT_EQ(liveness(row, now), Liveness::offline);
    EXPECT_EQ(describe_liveness(row, now), "OFFLINE 3 min");
    EXPECT_EQ(describe_liveness(KioskRow{.id = "k"}, now), "never seen");
}

// A stop() that beats the serving thread into listen used to leave it listening forever
// (a hung test in loaded CI runs): both orders must end.
TEST(HubLifecycle, StopBeforeOrRightAfterServeStartsEndsTheServingThread) {
    for (int round = 0; round < 50; ++round) {
        test::TempDir data;
        ServeOptions options;
        options.data_dir = data.path();
        options.port = 0;
        auto hub = HubServer::create(options);
        ASSERT_TRUE(hub.has_value()) << hub.error();
        ASSERT_TRUE((*hub)->bind().has_value());
        if (round % 2 == 0) (*hub)->stop();
        std::thread thread([&] { (*hub)->serve(); });
        if (round % 2 == 1) (*hub)->stop();
        thread.join();
    }
}

TEST(HubTls, KioskSyncsOverTlsFromACertificateInTheConfig) {
    test::TempDir data, source, kiosk;
    const auto certs = test::make_certificates(data.path());
    std::ofstream(data.path() / "hub.json") << R"({"listen": "127.0.0.1:0", "tls_cert": "server.pem", "tls_key": "server.key"})";
    auto options = read_hub_config(data.path());
    ASSERT_TRUE(options.has_value()) << options.error();
    auto hub = HubServer::create(*options);
    ASSERT_TRUE(hub.has_value()) << hub.error();
    ASSERT_TRUE((*hub)->bind().has_value());
    std::thread thread([&] { (*hub)->serve(); });
    const auto token = *(*hub)->store().new_token("k1");
    ASSERT_TRUE((*hub)->content().publish(write_source(source.path(), test::make_bundle_json("k1", "tls-1"), {})).has_value());

    net::SyncOptions sync;
    sync.server_url = (*hub)->base_url();
    sync.kiosk_id = "k1";
    sync.token = token;
    sync.cache_dir = kiosk.path();
    sync.http.ca_file = certs.ca_cert;
    auto report = net::sync_once(sync);
    sync.http.ca_file.clear();  // the system store does not know the test CA
    auto refused = net::sync_once(sync);
    (*hub)->stop();
    thread.join();
    EXPECT_TRUE(sync.server_url.starts_with("https://"));
    ASSERT_TRUE(report.has_value()) << report.error();
    EXPECT_EQ(report->version, "tls-1");
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(refused.error().starts_with("TLS:")) << refused.error();
}

TEST(HubCli, InitDemoPublishesTheDemoAndPrintsAToken) {
    const fs::path demo = fs::path(REDGRID_BINARY_DIR) / "share" / "redgrid" / "demo";
    if (!fs::exists(demo / "bundle.json")) GTEST_SKIP() << "no demo bundle built at " << demo;
    test::TempDir data;
    std::ostringstream out, err;
    ASSERT_EQ(run_hub_cli({"init-demo", "--data", data.path().string(), "--from", demo.string()}, out, err), 0)
        << err.str();
    std::string token = out.str();
    while (!token.empty() && token.back() == '\n') token.pop_back();
    EXPECT_TRUE(content::is_sha256_hex(token)) << token;
    EXPECT_TRUE(fs::exists(data.path() / "content" / "demo.json"));

    std::ostringstream listing, listing_err;
    ASSERT_EQ(run_hub_cli({"kiosks", "--data", data.path().string()}, listing, listing_err), 0);
    EXPECT_NE(listing.str().find("demo"), std::string::npos);
    EXPECT_NE(listing.str().find("never seen"), std::string::npos);

    std::ostringstream notice_out, notice_err;
    EXPECT_EQ(run_hub_cli({"notice", "add", "--data", data.path().string(), "--kiosk", "demo", "--title", "停電",
                           "--body", "今晚檢修", "--urgent"},
                          notice_out, notice_err),
              0)
        << notice_err.str();
    std::ostringstream bad_out, bad_err;
    EXPECT_EQ(run_hub_cli({"frobnicate", "--data", data.path().string()}, bad_out, bad_err), 1);
    EXPECT_NE(bad_err.str().find("unknown command"), std::string::npos);
}

}  // namespace
}  // namespace redgrid::hub
