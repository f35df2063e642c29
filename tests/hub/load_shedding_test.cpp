// The hub at its connection limit (hub/http/src/bounded_pool.h): a connection that finds
// every worker busy and the queue full is answered 503 with Retry-After at once, which
// the kiosk honours, instead of waiting unseen until its request times out.
#include <httplib.h>

#include <gtest/gtest.h>

#include <thread>

#include "net_test_support.h"
#include "redgrid/hub/http/hub_server.h"

namespace redgrid::hub {
namespace {

class LoadShedding : public ::testing::Test {
protected:
    void SetUp() override {
        ServeOptions options;
        options.data_dir = data_.path();
        options.port = 0;
        options.workers = 1;
        options.queued = 0;
        auto hub = HubServer::create(options);
        ASSERT_TRUE(hub.has_value()) << hub.error();
        hub_ = std::move(*hub);
        ASSERT_TRUE(hub_->bind().has_value());
        thread_ = std::thread([this] { hub_->serve(); });
    }
    void TearDown() override {
        hub_->stop();
        thread_.join();
    }
    test::TempDir data_;
    std::unique_ptr<HubServer> hub_;
    std::thread thread_;
};

TEST_F(LoadShedding, ABusyHubSaysSoAtOnceAndServesAgainWhenAWorkerIsFree) {
    // The one worker is held by a kept-alive connection between its requests.
    httplib::Client holder(hub_->base_url());
    holder.set_keep_alive(true);
    auto first = holder.Get("/api/v1/media/" + std::string(64, 'a'));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 401);

    httplib::Client other(hub_->base_url());
    // Shorter than the holder's keep-alive (5 s): an answer proves it did not wait for it.
    other.set_read_timeout(3, 0);
    auto shed = other.Get("/api/v1/media/" + std::string(64, 'a'));
    ASSERT_TRUE(shed) << "answered, not timed out";
    EXPECT_EQ(shed->status, 503);
    EXPECT_EQ(shed->get_header_value("Retry-After"), "10");
    EXPECT_EQ(shed->get_header_value("Connection"), "close");
    EXPECT_NE(shed->body.find("\"busy\""), std::string::npos) << shed->body;

    holder.stop();  // the worker's connection closes: it is free again
    EXPECT_TRUE(test::eventually([&] {
        httplib::Client again(hub_->base_url());
        auto answer = again.Get("/api/v1/media/" + std::string(64, 'a'));
        return answer && answer->status == 401;
    }));
}

}  // namespace
}  // namespace redgrid::hub
