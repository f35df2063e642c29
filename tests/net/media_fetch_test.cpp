// A new bundle's media over a few connections at once (Syncer::fetch_all_media): all of
// them arrive checked, more than one is in flight, and one bad file still rejects the
// bundle with that file named.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "net_test_support.h"
#include "redgrid/net/sync.h"

namespace redgrid::test {
namespace {

using namespace std::chrono_literals;

class MediaFetch : public ::testing::Test {
protected:
    void SetUp() override {
        for (int i = 0; i < 12; ++i) media_.push_back(media_from(make_png(2, 1, "m" + std::to_string(i))));
        server_.http().Get(R"(/api/v1/kiosks/k1/bundle)", [this](const httplib::Request&, httplib::Response& response) {
            response.set_content(make_bundle_json("k1", "v1", media_).dump(), "application/json");
            response.set_header("ETag", "\"v1\"");
        });
        server_.http().Get(R"(/api/v1/media/([0-9a-f]{64}))", [this](const httplib::Request& request,
                                                                     httplib::Response& response) {
            {
                // The first request is held until a second one is in flight too (or a
                // moment has passed): a kiosk fetching one at a time never gets past one.
                std::unique_lock lock(mutex_);
                ++in_flight_;
                max_in_flight_ = std::max(max_in_flight_, in_flight_);
                if (in_flight_ >= 2) released_ = true;
                changed_.notify_all();
                changed_.wait_for(lock, 2s, [&] { return released_; });
                released_ = true;
                --in_flight_;
            }
            const std::string sha = request.matches[1];
            for (const auto& item : media_)
                if (item.sha256 == sha) {
                    response.set_content(sha == corrupt_ ? item.bytes.substr(1) + "x" : item.bytes, "image/png");
                    return;
                }
            response.status = 404;
        });
        port_ = server_.start();
    }
    net::SyncOptions options() {
        net::SyncOptions options;
        options.server_url = "http://127.0.0.1:" + std::to_string(port_);
        options.kiosk_id = "k1";
        options.token = "t";
        options.cache_dir = dir_.path() / "content";
        options.data_dir = dir_.path();
        return options;
    }

    TempDir dir_;
    std::vector<TestMedia> media_;
    std::string corrupt_;
    std::mutex mutex_;
    std::condition_variable changed_;
    int in_flight_ = 0;
    int max_in_flight_ = 0;
    bool released_ = false;
    LoopbackServer server_;  // last: stopped before what its handlers use goes away
    int port_ = 0;
};

TEST_F(MediaFetch, EveryMediaArrivesCheckedOverSeveralConnectionsAtOnce) {
    const auto report = net::sync_once(options());
    ASSERT_TRUE(report.has_value()) << report.error();
    EXPECT_EQ(report->media_downloaded, media_.size());
    EXPECT_GE(max_in_flight_, 2) << "more than one media request at a time";
    EXPECT_LE(max_in_flight_, 4) << "at most media_connections";
    for (const auto& item : media_)
        EXPECT_TRUE(fs::exists(dir_.path() / "content" / "media" / item.sha256)) << item.sha256;
}

TEST_F(MediaFetch, OneConnectionFetchesOneAtATime) {
    auto one = options();
    one.media_connections = 1;
    const auto report = net::sync_once(one);
    ASSERT_TRUE(report.has_value()) << report.error();
    EXPECT_EQ(report->media_downloaded, media_.size());
    EXPECT_EQ(max_in_flight_, 1);
}

TEST_F(MediaFetch, OneBadFileRejectsTheBundleAndNamesIt) {
    corrupt_ = media_[7].sha256;
    const auto report = net::sync_once(options());
    ASSERT_FALSE(report.has_value());
    EXPECT_NE(report.error().find(corrupt_.substr(0, 12)), std::string::npos) << report.error();
    EXPECT_FALSE(fs::exists(dir_.path() / "content" / "current")) << "no bundle is made current";
}

}  // namespace
}  // namespace redgrid::test
