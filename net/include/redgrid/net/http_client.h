// libcurl behind an RAII owner, with the transport rules of docs/protocol.md built in:
// TLS verification always on, plain http only to loopback (or when explicitly
// allowed), redirects only to the same origin, a response size cap enforced while
// streaming, connect/total/low-speed timeouts. One client per thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redgrid::net {

struct HttpOptions {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{60'000};
    long low_speed_bytes_per_s = 100;             // slower than this for low_speed_time aborts
    std::chrono::seconds low_speed_time{15};
    std::size_t max_body_bytes = 16 * 1024 * 1024;  // decoded bytes
    bool allow_insecure_http = false;             // plain http to non-loopback hosts
    std::string pinned_public_key;                // "sha256//BASE64", optional
    std::string proxy;                            // optional
    std::filesystem::path ca_file;                // replaces the system CA store (private CA, tests)
    int max_redirects = 3;
    std::string user_agent = "redgrid-kiosk";
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;  // name, value
    std::string body;                                          // for POST/PUT
    std::size_t max_body_bytes = 0;                            // 0: HttpOptions::max_body_bytes
    std::chrono::milliseconds total_timeout{0};                // 0: HttpOptions::total_timeout
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  // names lowercased; last value wins
    std::string body;
    std::string header(const std::string& lowercase_name) const;
};

enum class HttpErrorKind {
    bad_url,
    insecure_refused,
    dns,
    connect,
    tls,
    timeout,
    too_large,
    redirect_refused,
    other,
};

struct HttpError {
    HttpErrorKind kind = HttpErrorKind::other;
    std::string message;  // one line, names what and where; never a token
};

class HttpClient {
public:
    explicit HttpClient(HttpOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Performs the request, following same-origin redirects. HTTP error statuses are
    // responses, not errors: the caller decides what a 404 means.
    std::expected<HttpResponse, HttpError> perform(const HttpRequest& request);

    const HttpOptions& options() const { return options_; }

private:
    struct Handle;
    std::expected<HttpResponse, HttpError> perform_once(const HttpRequest& request,
                                                        const std::string& url,
                                                        std::string& redirect_to);
    HttpOptions options_;
    std::unique_ptr<Handle> handle_;
};

// Scheme, host and port of a URL (lowercased scheme and host, default port filled in).
struct Origin {
    std::string scheme;
    std::string host;
    int port = 0;
    bool operator==(const Origin&) const = default;
};
std::expected<Origin, std::string> parse_origin(std::string_view url);

// localhost, 127.0.0.0/8, ::1.
bool is_loopback_host(std::string_view host);

// Refuses what the kiosk must never talk to: non-http(s) schemes, and plain http to a
// non-loopback host unless allowed.
std::expected<void, HttpError> check_url_allowed(std::string_view url, bool allow_insecure_http);

std::string_view to_string(HttpErrorKind kind);

}  // namespace redgrid::net
