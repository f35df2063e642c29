// A server that misbehaves in every way we could think of. In each case: no crash,
// memory bounded by the caps, one clear error, the last good content still in the
// cache, and a normal sync as soon as the server is fixed.
#include <gtest/gtest.h>

#include <atomic>

#include "net_test_support.h"
#include "redgrid/content/content_index.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;
using test::make_bundle_json;
using test::make_png;
using test::media_from;

constexpr const char* kToken = "test-token-0123456789";

struct Published {
    std::string text;
    std::map<std::string, std::string> media;  // sha -> bytes
};

Published good_content(const std::string& version) {
    const auto photo = media_from(make_png(3, 2, version));
    return {make_bundle_json("k1", version, {photo}, {"通知 " + version}).dump(), {{photo.sha256, photo.bytes}}};
}

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

struct HostileCase {
    const char* name;
    // Installs the misbehaviour; gets the fixture's port for redirects.
    std::function<Handler(int port)> make;
    const char* expected_error;  // a substring of the one-line error
};

void PrintTo(const HostileCase& hostile, std::ostream* out) { *out << hostile.name; }

std::string unique_media_bundle(const test::TestMedia& media, const std::string& version = "bad") {
    return make_bundle_json("k1", version, {media}).dump();
}

Handler bundle_body(std::string body, std::string type = "application/json") {
    return [body = std::move(body), type = std::move(type)](const httplib::Request& request, httplib::Response& response) {
        if (request.path.find("/bundle") == std::string::npos) return void(response.status = 404);
        response.set_content(body, type.c_str());
    };
}

// Serves a valid bundle referencing `declared` media, and `served` bytes for it.
Handler media_case(const test::TestMedia& declared, std::string served) {
    const std::string text = unique_media_bundle(declared);
    return [text, served = std::move(served)](const httplib::Request& request, httplib::Response& response) {
        if (request.path.find("/bundle") != std::string::npos) return response.set_content(text, "application/json");
        response.set_content(served, "image/png");
    };
}

Handler streaming(std::size_t total, std::chrono::milliseconds pause, std::size_t chunk) {
    return [=](const httplib::Request&, httplib::Response& response) {
        response.set_chunked_content_provider("application/json", [=](std::size_t offset, httplib::DataSink& sink) {
            if (offset >= total) {
                sink.done();
                return true;
            }
            if (pause.count()) std::this_thread::sleep_for(pause);
            const std::string block(chunk, offset == 0 ? '{' : ' ');
            return sink.write(block.data(), block.size());
        });
    };
}

const std::vector<HostileCase>& hostile_cases() {
    static const std::vector<HostileCase> cases = {
        {"TruncatedJson", [](int) { return bundle_body(good_content("t").text.substr(0, 300)); }, "bundle rejected"},
        {"WrongTypes", [](int) {
             auto json = nlohmann::json::parse(good_content("t").text);
             json["format"] = "one";
             json["members"][0]["on_duty"] = "yes";
             return bundle_body(json.dump());
         }, "bundle rejected: /format"},
        {"FiftyMegabyteBody", [](int) { return streaming(50u << 20, 0ms, 64 * 1024); }, "response too large"},
        {"EndlessSlowBody", [](int) { return streaming(1u << 30, 200ms, 10); }, "timeout"},
        {"Http500", [](int) {
             return Handler([](const httplib::Request&, httplib::Response& response) {
                 response.status = 500;
                 response.set_content("{\"error\":\"server_error\",\"message\":\"database down\"}", "application/json");
             });
         }, "HTTP 500 for the bundle: database down"},
        {"Http503RetryAfter", [](int) {
             return Handler([](const httplib::Request&, httplib::Response& response) {
                 response.status = 503;
                 response.set_header("Retry-After", "120");
             });
         }, "HTTP 503"},
        {"NoAnswerTimeout", [](int) {
             return Handler([](const httplib::Request&, httplib::Response& response) {
                 std::this_thread::sleep_for(2500ms);
                 response.set_content("{}", "application/json");
             });
         }, "timeout"},
        {"RedirectToAnotherHost", [](int port) {
             return Handler([port](const httplib::Request& request, httplib::Response& response) {
                 response.set_redirect("http://localhost:" + std::to_string(port) + request.path);
             });
         }, "redirect to another origin refused"},
        {"RedirectLoop", [](int) {
             return Handler([](const httplib::Request& request, httplib::Response& response) {
                 response.set_redirect(request.path);
             });
         }, "more than 3 redirects"},
        {"WrongSchema", [](int) {
             auto json = nlohmann::json::parse(good_content("t").text);
             json.erase("members");
             json["teams"][0]["leader_id"] = "m-9999";
             return bundle_body(json.dump());
         }, "bundle rejected"},
        {"MediaWithWrongHash", [](int) {
             return media_case(media_from(make_png(2, 2, "declared")), make_png(2, 2, "servedXX"));
         }, "content hash is"},
        {"InvalidUtf8", [](int) {
             auto text = good_content("t").text;
             text.replace(text.find("李建國(guó)"), 3, "\xC3\x28\xFF");
             return bundle_body(text);
         }, "bundle rejected"},
        {"DeeplyNestedJson", [](int) { return bundle_body(std::string(200000, '[') + std::string(200000, ']')); },
         "bundle rejected"},
        {"NonImageAsPhoto", [](int) {
             const std::string text = "#!/bin/sh\necho this is not a photo\n";
             return media_case(media_from(text), text);
         }, "not a PNG or JPEG"},
        {"DecompressionBombImage", [](int) {
             const auto bomb = make_png(60000, 60000, "bomb", false);
             return media_case(media_from(bomb), bomb);
         }, "pixels, limit 4096x4096"},
        {"EmptyBody", [](int) { return bundle_body(""); }, "bundle rejected"},
        {"HtmlInsteadOfJson", [](int) { return bundle_body("<html><body>Captive portal: log in</body></html>", "text/html"); },
         "bundle rejected"},
        {"TopLevelArray", [](int) { return bundle_body("[1, 2, 3]"); }, "bundle rejected"},
        {"BinaryGarbage", [](int) { return bundle_body(std::string("\0\x01\x02\xFE\xFF{}\0", 9)); }, "bundle rejected"},
        {"MediaMissing", [](int) {
             const auto photo = media_from(make_png(2, 2, "missing"));
             const std::string text = unique_media_bundle(photo);
             return Handler([text](const httplib::Request& request, httplib::Response& response) {
                 if (request.path.find("/bundle") != std::string::npos) return response.set_content(text, "application/json");
                 response.status = 404;
             });
         }, "HTTP 404: media"},
        {"MediaTruncated", [](int) {
             const auto photo = media_from(make_png(4, 4, "short"));
             return media_case(photo, photo.bytes.substr(0, photo.bytes.size() / 2));
         }, "bundle says"},
        {"MediaLongerThanDeclared", [](int) {
             const auto photo = media_from(make_png(2, 2, "long"));
             return media_case(photo, photo.bytes + std::string(10u << 20, 'x'));
         }, "response too large"},
        {"MediaTypeMismatch", [](int) {
             auto photo = media_from(make_png(2, 2, "jpeg?"));
             photo.type = "image/jpeg";
             return media_case(photo, photo.bytes);
         }, "is image/png, bundle says image/jpeg"},
        {"BundleForAnotherKiosk", [](int) {
             return bundle_body(make_bundle_json("someone-else", "x").dump());
         }, "bundle is for kiosk \"someone-else\""},
        {"TokenRefused401", [](int) {
             return Handler([](const httplib::Request&, httplib::Response& response) {
                 response.status = 401;
                 response.set_content("{\"error\":\"unauthorized\"}", "application/json");
             });
         }, "HTTP 401"},
        {"NotModifiedToUnconditionalRequest", [](int) {
             return Handler([](const httplib::Request& request, httplib::Response& response) {
                 response.status = request.has_header("If-None-Match") ? 500 : 304;
             });
         }, "HTTP 304 to an unconditional request"},
        {"HugeStringsInBundle", [](int) {
             auto json = nlohmann::json::parse(good_content("t").text);
             json["place"]["name"] = std::string(3u << 20, 'x');
             return bundle_body(json.dump());
         }, "bundle rejected"},
        {"AbsurdArraySizes", [](int) {
             auto json = nlohmann::json::parse(good_content("t").text);
             for (int i = 0; i < 6000; ++i)
                 json["services"].push_back({{"id", "s-" + std::to_string(i)}});
             return bundle_body(json.dump());
         }, "bundle rejected"},
        {"ConnectionDroppedMidBody", [](int) {
             return Handler([](const httplib::Request&, httplib::Response& response) {
                 response.set_content_provider(1'000'000, "application/json",
                                               [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                                   sink.write("{\"format\":", 10);
                                                   return false;  // hang up
                                               });
             });
         }, "HTTP transfer failed"},
    };
    return cases;
}

class HostileServer : public ::testing::TestWithParam<HostileCase> {
protected:
    void SetUp() override {
        server_.http().Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            Handler handler;
            {
                std::lock_guard lock(mutex_);
                handler = handler_;
            }
            handler(request, response);
        });
        port_ = server_.start();
        options_.server_url = "http://127.0.0.1:" + std::to_string(port_);
        options_.kiosk_id = "k1";
        options_.token = kToken;
        options_.cache_dir = cache_dir_.path();
        options_.http.connect_timeout = 2s;
        options_.http.total_timeout = 2s;
        options_.http.low_speed_bytes_per_s = 1000;
        options_.http.low_speed_time = 1s;
    }
    void TearDown() override {
        server_.stop();
    }

    void serve_good(const std::string& version) {
        const auto content = good_content(version);
        serve([content](const httplib::Request& request, httplib::Response& response) {
            if (request.get_header_value("Authorization") != std::string("Bearer ") + kToken) return void(response.status = 401);
            if (request.path.find("/bundle") != std::string::npos) {
                const auto etag = "\"" + sha256_hex(content.text) + "\"";
                response.set_header("ETag", etag);
                if (request.get_header_value("If-None-Match") == etag) return void(response.status = 304);
                return response.set_content(content.text, "application/json");
            }
            const auto sha = request.path.substr(request.path.rfind('/') + 1);
            const auto it = content.media.find(sha);
            if (it == content.media.end()) return void(response.status = 404);
            response.set_content(it->second, "image/png");
        });
    }
    void serve(Handler handler) {
        std::lock_guard lock(mutex_);
        handler_ = std::move(handler);
    }

    test::TempDir cache_dir_;
    test::LoopbackServer server_;
    int port_ = 0;
    SyncOptions options_;
    std::mutex mutex_;
    Handler handler_;
};

TEST_P(HostileServer, RejectsKeepsLastGoodAndRecovers) {
    const HostileCase& hostile = GetParam();
    serve_good("v1");
    auto first = sync_once(options_);
    ASSERT_TRUE(first.has_value()) << first.error();
    ASSERT_EQ(first->version, "v1");

    serve(hostile.make(port_));

    test::LogCapture logs;
    ContentCache cache(cache_dir_.path());
    Syncer syncer(options_, cache);
    const auto started = std::chrono::steady_clock::now();
    auto outcome = syncer.sync("");  // unconditional, so the misbehaving body is read
    const auto took = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(outcome.has_value()) << hostile.name << " was accepted";
    EXPECT_NE(outcome.error().message.find(hostile.expected_error), std::string::npos)
        << hostile.name << ": " << outcome.error().message;
    EXPECT_EQ(outcome.error().message.find('\n'), std::string::npos) << "one line";
    EXPECT_EQ(outcome.error().message.find(kToken), std::string::npos) << "never the token";
    EXPECT_LT(took, 6s) << "hostile servers must not hold the worker for long";

    auto kept = ContentCache(cache_dir_.path()).load_last_good();
    ASSERT_TRUE(kept.has_value()) << kept.error();
    EXPECT_EQ(kept->version, "v1") << "the last good content is still what the kiosk shows";
    EXPECT_TRUE(kept->missing_media.empty());

    serve_good("v2");
    auto recovered = sync_once(options_);
    ASSERT_TRUE(recovered.has_value()) << hostile.name << ": " << recovered.error();
    EXPECT_EQ(recovered->version, "v2");
    EXPECT_EQ(ContentCache(cache_dir_.path()).load_last_good()->version, "v2");
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileServer, ::testing::ValuesIn(hostile_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(HostileServerSuite, HasAtLeastTwentyFiveCases) { EXPECT_GE(hostile_cases().size(), 25u); }

}  // namespace
}  // namespace redgrid::net
