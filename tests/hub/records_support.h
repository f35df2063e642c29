// A hub with an injected clock on loopback, and the kiosk's queue, uploader and call
// service against it: the fixtures of the events and calls tests.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "net_test_support.h"
#include "redgrid/hub/cli/hub_cli.h"
#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/hub/http/hub_server.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/net/event_queue.h"
#include "redgrid/net/event_uploader.h"
#include "redgrid/net/network_call_service.h"
#include "redgrid/net/sync_worker.h"

namespace redgrid::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A loopback port nobody listens on (yet).
inline int unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

class RecordsFixture : public ::testing::Test {
protected:
    const std::chrono::system_clock::time_point start_ = std::chrono::sys_days{std::chrono::November / 25 / 2026} + 9h;

    void TearDown() override {
        calls_.reset();
        uploader_.reset();
        stop_hub();
    }

    // Starts the hub (port 0: any) with the calls policy; k1 gets a token and a bundle
    // with one on-duty member (m-0001, grid g-01-1).
    void start_hub(hub::CallPolicy policy = {}, int port = 0) {
        if (token_.empty()) provision();
        hub::ServeOptions options;
        options.data_dir = hub_dir_.path();
        options.port = port;
        options.calls = policy;
        options.clock = [this] { return start_ + std::chrono::milliseconds(hub_offset_ms_.load()); };
        auto hub = hub::HubServer::create(options);
        ASSERT_TRUE(hub.has_value()) << hub.error();
        hub_ = std::move(*hub);
        ASSERT_TRUE(hub_->bind().has_value());
        hub_thread_ = std::thread([this] { hub_->serve(); });
    }
    // k1's token and bundle, made as an admin would before any hub runs.
    void provision() {
        ASSERT_EQ(cli({"token", "new", "k1"}, &token_), 0) << token_;
        token_.erase(token_.find_last_not_of("\n") + 1);
        fs::create_directories(source_.path() / "media");
        std::ofstream(source_.path() / "place.json") << make_bundle_json("k1", "v1").dump(2);
        std::string output;
        ASSERT_EQ(cli({"publish", source_.path().string()}, &output), 0) << output;
    }
    void stop_hub() {
        if (!hub_) return;
        hub_->stop();
        hub_thread_.join();
        hub_.reset();
    }
    void advance_hub(std::chrono::milliseconds by) { hub_offset_ms_ += by.count(); }

    net::SyncOptions endpoint(const std::string& server_url) {
        net::SyncOptions options;
        options.server_url = server_url;
        options.kiosk_id = "k1";
        options.token = token_;
        options.http.total_timeout = 5s;
        options.http.connect_timeout = 2s;
        return options;
    }
    std::string hub_url() const { return hub_->base_url(); }

    net::EventQueue& queue() {
        if (!queue_) {
            auto opened = net::EventQueue::open(kiosk_dir_.path() / "queue.sqlite", {}, [this] { return clock_.now(); });
            EXPECT_TRUE(opened.has_value());
            queue_ = std::make_unique<net::EventQueue>(std::move(*opened));
        }
        return *queue_;
    }
    net::UploadTiming upload_timing() {
        net::UploadTiming timing;
        timing.recheck_every = 2ms;
        timing.random_seed = 7;
        return timing;
    }
    net::CallTiming call_timing() {
        net::CallTiming timing;
        timing.recheck_every = 2ms;
        return timing;
    }

    // Every update the service produced so far, collected from its drain.
    std::vector<protocol::CallUpdate>& updates() {
        for (auto& update : calls_->drain_updates()) updates_.push_back(std::move(update));
        return updates_;
    }
    // Moves the kiosk clock a poll interval at a time until an update in `state` arrives.
    bool wait_for_state(protocol::CallState state) {
        return eventually([&] {
            clock_.advance(1s);
            return std::ranges::any_of(updates(), [&](const auto& u) { return u.state == state; });
        });
    }

    int cli(std::vector<std::string> args, std::string* output = nullptr) {
        args.push_back("--data");
        args.push_back(hub_dir_.path().string());
        std::ostringstream out, err;
        const int status =
            hub::run_hub_cli(args, out, err, [this] { return start_ + std::chrono::milliseconds(hub_offset_ms_.load()); });
        if (output) *output = out.str() + err.str();
        return status;
    }

    TempDir hub_dir_, source_, kiosk_dir_;
    std::atomic<std::int64_t> hub_offset_ms_{0};
    std::unique_ptr<hub::HubServer> hub_;
    std::thread hub_thread_;
    std::string token_;
    net::ManualClock clock_{start_};
    std::unique_ptr<net::EventQueue> queue_;
    std::unique_ptr<net::EventUploader> uploader_;
    std::unique_ptr<net::NetworkCallService> calls_;
    std::vector<protocol::CallUpdate> updates_;
};

}  // namespace redgrid::test
