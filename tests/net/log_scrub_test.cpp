// What is logged (docs/security.md): a kiosk run against a hub that echoes everything
// back (the token, a resident's phone number) in its error messages, bundle values and
// event rejections. The journal must never hold the token or a full phone number,
// whichever code path wrote the line.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "net_test_support.h"
#include "redgrid/config/log.h"
#include "redgrid/config/clock.h"
#include "redgrid/net/event_queue.h"
#include "redgrid/net/event_uploader.h"
#include "redgrid/net/network_call_service.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;

constexpr const char* kToken = "kiosk-token-7Hq2xZ9p4LmNw3";
constexpr const char* kPhone = "13812345678";

TEST(LogScrub, NeitherTheTokenNorAPhoneNumberEverReachesTheLog) {
    test::TempDir dir;
    test::LogCapture logs;
    const std::string echo = std::string("token ") + kToken + " / Bearer " + kToken + " / caller " + kPhone +
                             " / +86" + kPhone;
    // A bundle that carries an unmasked phone where only masked ones belong.
    auto bundle = test::make_bundle_json("k1", "v-phone");
    bundle["members"][0]["phone_masked"] = kPhone;
    bundle["members"][0]["name"] = std::string("李建国 ") + kPhone;

    test::LoopbackServer server;
    server.http().Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
        if (request.has_param("revoked") || request.path.find("/bundle") == std::string::npos) {
            response.status = 401;
            return response.set_content(nlohmann::json{{"message", echo}}.dump(), "application/json");
        }
        response.set_content(bundle.dump(), "application/json");
    });
    server.http().Post(".*", [&](const httplib::Request& request, httplib::Response& response) {
        if (request.path.find("/events") != std::string::npos) {
            // Rejects every event, quoting its data and the request's own Authorization.
            const auto sent = nlohmann::json::parse(request.body);
            nlohmann::json rejected = nlohmann::json::array();
            for (const auto& event : sent["events"])
                rejected.push_back({{"id", event["id"]},
                                    {"error", request.get_header_value("Authorization") + " " + event.dump() + " " +
                                                  echo}});
            return response.set_content(nlohmann::json{{"accepted", nlohmann::json::array()}, {"rejected", rejected}}
                                            .dump(),
                                        "application/json");
        }
        response.status = 503;  // calls: "busy", with everything echoed
        response.set_content(nlohmann::json{{"message", request.get_header_value("Authorization") + " " + echo}}.dump(),
                             "application/json");
    });
    const int port = server.start();

    config::KioskConfig config;
    config.kiosk_id = "k1";
    config.server_url = "http://127.0.0.1:" + std::to_string(port);
    config.token_file = dir.path() / "token";
    config.data_dir = dir.path();
    std::ofstream(config.token_file) << kToken << "\n";
    ::chmod(config.token_file.c_str(), 0600);
    auto options = sync_options_from_config(config);
    ASSERT_TRUE(options.has_value()) << options.error();
    options->http.total_timeout = 5s;

    // 1. The bundle with a phone number is rejected; sync_once logs each bundle error.
    const auto rejected = sync_once(*options);
    ASSERT_FALSE(rejected.has_value());
    config::log(config::LogLevel::error, "sync: {}; keeping the content shown", rejected.error());  // as the worker
    // 2. The hub refuses the token and echoes it.
    auto refused_options = *options;
    refused_options.server_url += "/x?revoked=1";
    const auto refused = sync_once(refused_options);
    ASSERT_FALSE(refused.has_value());
    config::log(config::LogLevel::error, "sync: {}; keeping the content shown", refused.error());

    // 3. Events: a rating (anonymous: no resident data) rejected with an echo.
    redgrid::SystemClock clock;
    auto queue = EventQueue::open(dir.path() / "queue.db", {}, [&clock] { return clock.now(); });
    ASSERT_TRUE(queue.has_value()) << queue.error().message;
    ASSERT_TRUE(queue->enqueue(EventKind::rating, R"({"stars":5,"tags":["耐心"],"member_id":"m-0001"})").has_value());
    EventUploader uploader(*queue, *options, clock);
    const auto uploaded = uploader.upload_batch();
    ASSERT_TRUE(uploaded.has_value()) << uploaded.error().message;
    EXPECT_EQ(uploaded->rejected, 1u);

    // 4. A call the hub answers 503 with an echo: the service logs why it retries.
    CallTiming timing;
    timing.first_retry = 10min;  // one attempt is enough
    NetworkCallService calls(*options, clock, timing);
    protocol::CallRequest request;
    request.grid_id = "g-01-1";
    calls.request(request);
    std::vector<protocol::CallUpdate> updates;
    ASSERT_TRUE(test::eventually([&] {
        for (auto& update : calls.drain_updates()) updates.push_back(std::move(update));
        return !updates.empty();
    }));
    calls.stop();
    EXPECT_EQ(updates.front().state, protocol::CallState::offline);

    const auto all = logs.all();
    EXPECT_NE(all.find("401"), std::string::npos) << all;              // the flows did log
    EXPECT_NE(all.find("rejected by the hub"), std::string::npos) << all;
    EXPECT_NE(all.find("not sent"), std::string::npos) << all;
    EXPECT_EQ(all.find(kToken), std::string::npos) << all;
    EXPECT_EQ(all.find(kPhone), std::string::npos) << all;
    EXPECT_NE(all.find("<redacted"), std::string::npos) << "the echo was there and redacted: " << all;
    EXPECT_NE(all.find("138****5678"), std::string::npos) << all;
}

TEST(LogScrub, OnlyMobileNumbersStandingAloneAreMaskedAndShortSecretsAreIgnored) {
    config::clear_log_secrets();
    config::add_log_secret("short");  // under 8 characters: would hit ordinary words
    config::add_log_secret("s3cret-value-xyz");
    EXPECT_EQ(config::scrub_log_text("short s3cret-value-xyz!s3cret-value-xyz"),
              "short <redacted 16 chars>!<redacted 16 chars>");
    EXPECT_EQ(config::scrub_log_text("call 13812345678, +8613987654321 or 8615000001111."),
              "call 138****5678, +86139****4321 or 86150****1111.");
    // Not phone numbers: sizes, longer runs, ids with letters, 12 digits, 1[0-2]...
    for (const char* kept : {"12345678901 bytes", "138123456789", "a13812345678", "13812345678b", "id 0190d6e4",
                             "2026-11-25T09:13:40Z"})
        EXPECT_EQ(config::scrub_log_text(kept), kept);
    config::clear_log_secrets();
}

}  // namespace
}  // namespace redgrid::net
