#include "redgrid/net/http_client.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "net_test_support.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;

HttpOptions quick() {
    HttpOptions options;
    options.connect_timeout = 2s;
    options.total_timeout = 3s;
    return options;
}

TEST(UrlRules, PlainHttpOnlyToLoopbackUnlessAllowed) {
    EXPECT_TRUE(check_url_allowed("http://127.0.0.1:8750/", false).has_value());
    EXPECT_TRUE(check_url_allowed("http://localhost/", false).has_value());
    EXPECT_TRUE(check_url_allowed("http://[::1]:80/", false).has_value());
    EXPECT_TRUE(check_url_allowed("https://hub.example/", false).has_value());
    auto refused = check_url_allowed("http://hub.example/", false);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, HttpErrorKind::insecure_refused);
    EXPECT_NE(refused.error().message.find("allow_insecure_http"), std::string::npos);
    EXPECT_TRUE(check_url_allowed("http://hub.example/", true).has_value());
    EXPECT_FALSE(check_url_allowed("ftp://hub.example/", true).has_value());
    EXPECT_FALSE(check_url_allowed("file:///etc/passwd", true).has_value());
    EXPECT_FALSE(is_loopback_host("127.evil.example"));
}

TEST(HttpClient, GzipIsAcceptedAndDecoded) {
    test::LoopbackServer server;
    const std::string body(200'000, 'a');
    std::string seen_encoding;
    server.http().Get("/x", [&](const httplib::Request& request, httplib::Response& response) {
        seen_encoding = request.get_header_value("Accept-Encoding");
        response.set_content(body, "application/json");
    });
    const int port = server.start();
    HttpClient client(quick());
    auto response = client.perform({.url = "http://127.0.0.1:" + std::to_string(port) + "/x"});
    ASSERT_TRUE(response.has_value()) << response.error().message;
    EXPECT_NE(seen_encoding.find("gzip"), std::string::npos);
    EXPECT_EQ(response->header("content-encoding"), "gzip");
    EXPECT_EQ(response->body, body);
}

TEST(HttpClient, SizeCapAppliesToDecodedBytesWhileStreaming) {
    test::LoopbackServer server;
    std::atomic<std::size_t> sent{0};
    server.http().Get("/big", [&](const httplib::Request&, httplib::Response& response) {
        response.set_chunked_content_provider("text/plain", [&](std::size_t, httplib::DataSink& sink) {
            static const std::string block(64 * 1024, 'z');
            sent += block.size();
            if (sent > (200u << 20)) return false;
            return sink.write(block.data(), block.size());
        });
    });
    const int port = server.start();
    HttpClient client(quick());
    auto response = client.perform({.url = "http://127.0.0.1:" + std::to_string(port) + "/big", .max_body_bytes = 1 << 20});
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().kind, HttpErrorKind::too_large);
    server.stop();
    EXPECT_LT(sent.load(), std::size_t(64u << 20)) << "the client stopped reading early, not after the whole body";
}

TEST(HttpClient, SameOriginRedirectIsFollowed) {
    test::LoopbackServer server;
    server.http().Get("/old", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/new"); });
    server.http().Get("/new", [](const httplib::Request&, httplib::Response& response) {
        response.set_content("moved", "text/plain");
    });
    const int port = server.start();
    HttpClient client(quick());
    auto response = client.perform({.url = "http://127.0.0.1:" + std::to_string(port) + "/old"});
    ASSERT_TRUE(response.has_value()) << response.error().message;
    EXPECT_EQ(response->body, "moved");
}

TEST(HttpClient, UnresolvableHostIsReportedAsDns) {
    HttpOptions options = quick();
    options.allow_insecure_http = true;
    HttpClient client(options);
    auto response = client.perform({.url = "http://no-such-host.invalid/"});
    ASSERT_FALSE(response.has_value());
    EXPECT_TRUE(response.error().message.starts_with("DNS:") || response.error().kind == HttpErrorKind::timeout)
        << response.error().message;
}

TEST(HttpClient, NothingListeningIsAConnectError) {
    HttpClient client(quick());
    auto response = client.perform({.url = "http://127.0.0.1:1/"});
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().kind, HttpErrorKind::connect) << response.error().message;
}

class Tls : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        certs_ = test::make_certificates(dir_->path());
    }
    static void TearDownTestSuite() { delete dir_; }

    std::expected<HttpResponse, HttpError> fetch_from(const std::filesystem::path& cert, HttpOptions options) {
        test::LoopbackServer server(std::make_unique<httplib::SSLServer>(cert.c_str(), certs_.server_key.c_str()));
        server.http().Get("/hello", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("hello over TLS", "text/plain");
        });
        const int port = server.start();
        HttpClient client(std::move(options));
        return client.perform({.url = "https://127.0.0.1:" + std::to_string(port) + "/hello"});
    }
    HttpOptions trusting_test_ca() {
        HttpOptions options = quick();
        options.ca_file = certs_.ca_cert;
        return options;
    }
    static inline test::TempDir* dir_ = nullptr;
    static inline test::TestCertificates certs_;
};

TEST_F(Tls, CertificateFromATrustedCaWorks) {
    auto response = fetch_from(certs_.server_cert, trusting_test_ca());
    ASSERT_TRUE(response.has_value()) << response.error().message;
    EXPECT_EQ(response->body, "hello over TLS");
}

TEST_F(Tls, SelfSignedCertificateIsRefused) {
    auto response = fetch_from(certs_.self_signed_cert, trusting_test_ca());
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().kind, HttpErrorKind::tls);
    EXPECT_TRUE(response.error().message.starts_with("TLS:")) << response.error().message;
}

TEST_F(Tls, ExpiredCertificateIsRefused) {
    auto response = fetch_from(certs_.expired_cert, trusting_test_ca());
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().kind, HttpErrorKind::tls);
    EXPECT_NE(response.error().message.find("expired"), std::string::npos) << response.error().message;
}

TEST_F(Tls, SystemStoreDoesNotTrustTheTestCa) {
    auto response = fetch_from(certs_.server_cert, quick());
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().kind, HttpErrorKind::tls);
}

TEST_F(Tls, WrongPinnedKeyIsRefused) {
    auto options = trusting_test_ca();
    options.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    auto response = fetch_from(certs_.server_cert, options);
    ASSERT_FALSE(response.has_value());
    EXPECT_EQ(response.error().kind, HttpErrorKind::tls) << response.error().message;
}

TEST(TokenFile, WorldReadableTokenIsRefusedWithWhatToDo) {
    test::TempDir dir;
    const auto path = dir.path() / "token";
    std::ofstream(path) << "abc123\n";
    ::chmod(path.c_str(), 0644);
    auto token = read_token_file(path);
    ASSERT_FALSE(token.has_value());
    EXPECT_NE(token.error().find("chmod 600"), std::string::npos);
    ::chmod(path.c_str(), 0600);
    token = read_token_file(path);
    ASSERT_TRUE(token.has_value()) << token.error();
    EXPECT_EQ(*token, "abc123");
    EXPECT_FALSE(read_token_file(dir.path() / "absent").has_value());
}

TEST(SyncOnce, ExplainsAMissingServerInOneLine) {
    test::TempDir dir;
    config::KioskConfig config;
    config.kiosk_id = "k1";
    config.server_url = "http://127.0.0.1:1";
    config.token_file = dir.path() / "token";
    config.data_dir = dir.path();
    std::ofstream(config.token_file) << "t0ken";
    ::chmod(config.token_file.c_str(), 0600);
    auto result = sync_once(config);
    ASSERT_FALSE(result.has_value());
    EXPECT_TRUE(result.error().starts_with("connect:")) << result.error();
    EXPECT_EQ(result.error().find("t0ken"), std::string::npos);
}

TEST(Log, LinesCarrySdDaemonPrioritiesAndRedactionHelpersHideSecrets) {
    test::LogCapture logs;
    config::log(config::LogLevel::error, "sync failed: {} after {} tries", "DNS", 3);
    EXPECT_TRUE(logs.contains("<3>sync failed: DNS after 3 tries")) << logs.all();
    EXPECT_EQ(config::mask_phone("13812342671"), "138****2671");
    EXPECT_EQ(config::redact_secret("abcdef"), "<redacted 6 chars>");
    EXPECT_EQ(config::redact_url("https://user:pw@hub.example/api?token=x"), "https://hub.example/api");
}

}  // namespace
}  // namespace redgrid::net
