#include "redgrid/net/sync_worker.h"

#include <gtest/gtest.h>

#include "net_test_support.h"
#include "redgrid/content/content_index.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;

// Records what the worker tells the app.
struct AppSide {
    std::mutex mutex;
    std::vector<std::string> versions;
    std::vector<Command> commands;
    std::vector<SyncStatus> statuses;
    SyncCallback callback() {
        return [this](SyncUpdate update) {
            std::lock_guard lock(mutex);
            if (auto* ready = std::get_if<ContentReady>(&update)) versions.push_back(ready->content.version);
            if (auto* command = std::get_if<Command>(&update)) commands.push_back(*command);
            if (auto* status = std::get_if<SyncStatus>(&update)) statuses.push_back(*status);
        };
    }
    std::size_t version_count() {
        std::lock_guard lock(mutex);
        return versions.size();
    }
};

class Worker : public ::testing::Test {
protected:
    void SetUp() override {
        server_.http().Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            std::lock_guard lock(mutex_);
            if (request.path.find("/bundle") == std::string::npos) {
                response.set_content(media_bytes_, "image/png");
                return;
            }
            ++bundle_requests_;
            last_if_none_match_ = request.get_header_value("If-None-Match");
            if (failing_) return void(response.status = 500);
            const auto etag = "\"" + sha256_hex(bundle_text_) + "\"";
            response.set_header("ETag", etag);
            if (last_if_none_match_ == etag) return void(response.status = 304);
            response.set_content(bundle_text_, "application/json");
        });
        server_.http().Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
            std::lock_guard lock(mutex_);
            heartbeats_.push_back(nlohmann::json::parse(request.body));
            response.set_content(heartbeat_answer_.dump(), "application/json");
            heartbeat_answer_ = {{"commands", nlohmann::json::array()}};
        });
        const int port = server_.start();
        publish("v1");
        options_.server_url = "http://127.0.0.1:" + std::to_string(port);
        options_.kiosk_id = "k1";
        options_.token = "tok";
        options_.cache_dir = dir_.path() / "content";
        options_.data_dir = dir_.path();
        options_.poll_interval = 60s;
        options_.heartbeat_interval = 3600s;
        options_.http.total_timeout = 3s;
        timing_.recheck_every = 1ms;
        timing_.poll_jitter = 0;
        timing_.backoff_jitter = 0;
    }
    void publish(const std::string& version) {
        const auto photo = test::media_from(test::make_png(2, 2, "photo"));
        std::lock_guard lock(mutex_);
        media_bytes_ = photo.bytes;
        bundle_text_ = test::make_bundle_json("k1", version, {photo}).dump();
    }
    int bundle_requests() {
        std::lock_guard lock(mutex_);
        return bundle_requests_;
    }
    // Lets the worker look at the clock a few times; used only to show nothing happens.
    static void settle() { std::this_thread::sleep_for(30ms); }

    test::TempDir dir_;
    test::LoopbackServer server_;
    std::mutex mutex_;
    std::string bundle_text_, media_bytes_, last_if_none_match_;
    int bundle_requests_ = 0;
    bool failing_ = false;
    std::vector<nlohmann::json> heartbeats_;
    nlohmann::json heartbeat_answer_ = {{"commands", nlohmann::json::array()}};
    SyncOptions options_;
    WorkerTiming timing_;
    ManualClock clock_{std::chrono::system_clock::time_point(std::chrono::hours(490000))};
    AppSide app_;
};

TEST_F(Worker, DeliversContentThenPollsConditionallyOnItsInterval) {
    SyncWorker worker(options_, app_.callback(), clock_, {}, timing_);
    worker.start();
    ASSERT_TRUE(test::eventually([&] { return app_.version_count() == 1; }));
    EXPECT_EQ(app_.versions[0], "v1");
    EXPECT_TRUE(test::eventually([&] { return worker.status().online && worker.status().bundle_version == "v1"; }));

    clock_.advance(59s);
    settle();
    EXPECT_EQ(bundle_requests(), 1) << "no poll before the interval";
    clock_.advance(2s);
    ASSERT_TRUE(test::eventually([&] { return bundle_requests() == 2; }));
    {
        std::lock_guard lock(mutex_);
        EXPECT_FALSE(last_if_none_match_.empty()) << "the poll is conditional";
    }
    settle();
    EXPECT_EQ(app_.version_count(), 1u) << "304: nothing new for the app";

    publish("v2");
    worker.sync_now();
    ASSERT_TRUE(test::eventually([&] { return app_.version_count() == 2; }));
    EXPECT_EQ(app_.versions[1], "v2");
}

TEST_F(Worker, BacksOffExponentiallyOnErrorsAndRecovers) {
    failing_ = true;
    SyncWorker worker(options_, app_.callback(), clock_, {}, timing_);
    worker.start();
    ASSERT_TRUE(test::eventually([&] { return bundle_requests() == 1; }));
    // The server counts a request before the worker has its answer: only once the failure is
    // recorded is the next try scheduled, and only then may the test move the clock.
    ASSERT_TRUE(test::eventually([&] { return worker.status().consecutive_failures == 1; }));
    EXPECT_NE(worker.status().last_error.find("HTTP 500"), std::string::npos);
    clock_.advance(14s);
    settle();
    EXPECT_EQ(bundle_requests(), 1);
    clock_.advance(2s);  // 15 s after the first failure
    ASSERT_TRUE(test::eventually([&] { return bundle_requests() == 2; }));
    ASSERT_TRUE(test::eventually([&] { return worker.status().consecutive_failures == 2; }));
    clock_.advance(29s);
    settle();
    EXPECT_EQ(bundle_requests(), 2) << "the second wait is twice as long";
    clock_.advance(2s);
    ASSERT_TRUE(test::eventually([&] { return bundle_requests() == 3; }));
    ASSERT_TRUE(test::eventually([&] { return worker.status().consecutive_failures == 3; }));
    {
        std::lock_guard lock(mutex_);
        failing_ = false;
    }
    clock_.advance(61s);
    ASSERT_TRUE(test::eventually([&] { return app_.version_count() == 1; }));
    EXPECT_TRUE(test::eventually([&] { return worker.status().last_error.empty(); }));
    EXPECT_EQ(worker.status().consecutive_failures, 0);
}

TEST_F(Worker, HeartbeatCarriesStatusAndCommandsReachTheAppOrAreRefused) {
    options_.heartbeat_interval = 60s;
    {
        std::lock_guard lock(mutex_);
        heartbeat_answer_ = {{"commands",
                              {{{"id", "c-1"}, {"type", "reload"}},
                               {{"id", "c-2"}, {"type", "reboot"}},
                               {{"id", "c-3"}, {"type", "set_display_schedule"}, {"schedule", "07:00-22:00"}},
                               {{"id", "c-4"}, {"type", "set_display_schedule"}},
                               {{"id", "c-5"}, {"type", "sync_now"}},
                               "garbage"}}};
    }
    SyncWorker worker(options_, app_.callback(), clock_,
                      [] { return HeartbeatInfo{7, false, "07:00-22:00"}; }, timing_);
    worker.start();
    ASSERT_TRUE(test::eventually([&] {
        std::lock_guard lock(app_.mutex);
        return app_.commands.size() == 2;
    }));
    EXPECT_EQ(app_.commands[0].type, "reload");
    EXPECT_EQ(app_.commands[1].schedule, "07:00-22:00");
    worker.report_command_result({"c-1", CommandStatus::done, ""});
    ASSERT_TRUE(test::eventually([&] { return bundle_requests() >= 2; })) << "sync_now fetched again";
    worker.heartbeat_now();
    ASSERT_TRUE(test::eventually([&] {
        std::lock_guard lock(mutex_);
        return heartbeats_.size() == 2;
    }));
    std::lock_guard lock(mutex_);
    const auto& first = heartbeats_[0];
    EXPECT_EQ(first["kiosk_id"], "k1");
    EXPECT_EQ(first["queue_depth"], 7);
    EXPECT_EQ(first["display"], "off_by_schedule");
    EXPECT_TRUE(first.contains("free_disk_bytes"));
    EXPECT_TRUE(first.contains("temperature_c"));
    std::map<std::string, std::string> results;
    for (const auto& result : heartbeats_[1]["command_results"]) results[result["id"]] = result["status"];
    EXPECT_EQ(results["c-1"], "done");
    EXPECT_EQ(results["c-2"], "unsupported");
    EXPECT_EQ(results["c-4"], "failed");
    EXPECT_EQ(results["c-5"], "done");
}

TEST_F(Worker, RejectedBundleIsReportedInTheNextHeartbeatAndTheOldContentStays) {
    SyncWorker worker(options_, app_.callback(), clock_, {}, timing_);
    worker.start();
    // The first heartbeat is due at start. Wait for it: a heartbeat_now() asked for while that
    // one is still due is answered by it (one heartbeat, not two), and then the clock, which
    // this test never moves, would never bring a second one.
    ASSERT_TRUE(test::eventually([&] {
        std::lock_guard lock(mutex_);
        return app_.version_count() == 1 && heartbeats_.size() == 1;
    }));
    {
        std::lock_guard lock(mutex_);
        EXPECT_FALSE(heartbeats_[0].contains("rejected_bundle"));
        bundle_text_ = "{\"format\": 1, \"version\": 5}";
    }
    worker.sync_now();
    ASSERT_TRUE(test::eventually([&] { return !worker.status().rejected_bundle_errors.empty(); }));
    worker.heartbeat_now();
    ASSERT_TRUE(test::eventually([&] {
        std::lock_guard lock(mutex_);
        return heartbeats_.size() == 2 && heartbeats_.back().contains("rejected_bundle");
    }));
    EXPECT_EQ(app_.version_count(), 1u);
    EXPECT_EQ(worker.status().bundle_version, "v1");
    EXPECT_EQ(ContentCache(options_.cache_dir).load_last_good()->version, "v1");
}

TEST_F(Worker, DestructorStopsPromptlyWhileWaitingForALongInterval) {
    options_.poll_interval = 86400s;
    auto worker = std::make_unique<SyncWorker>(options_, app_.callback(), clock_);
    worker->start();
    ASSERT_TRUE(test::eventually([&] { return app_.version_count() == 1; }));
    const auto started = std::chrono::steady_clock::now();
    worker.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

}  // namespace
}  // namespace redgrid::net
