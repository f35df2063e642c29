#include "redgrid/net/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "redgrid/config/log.h"

namespace redgrid::net {
namespace {

using config::redact_url;

struct CurlEasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlSlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct CurlUrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
    void operator()(char* text) const { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return std::string(text);
}

struct Transfer {
    std::size_t limit = 0;
    bool over_limit = false;
    HttpResponse response;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    // Refuse before appending, so memory never exceeds the cap however long the body is.
    if (transfer.response.body.size() + bytes > transfer.limit) {
        transfer.over_limit = true;
        return 0;
    }
    transfer.response.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) transfer.response.headers.clear();  // each hop or 100-continue
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && transfer.response.headers.size() < 200)
        transfer.response.headers[lowercase(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    return size * count;
}

HttpError classify(CURLcode code, const char* error_buffer, const Transfer& transfer,
                   const std::string& url) {
    const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    const std::string where = " (" + redact_url(url) + ")";
    if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED)
        return {HttpErrorKind::too_large,
                "response too large: more than " + std::to_string(transfer.limit) + " bytes" + where};
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return {HttpErrorKind::dns, "DNS: " + detail + where};
        case CURLE_COULDNT_CONNECT:
            return {HttpErrorKind::connect, "connect: " + detail + where};
        case CURLE_OPERATION_TIMEDOUT:
            return {HttpErrorKind::timeout, "timeout: " + detail + where};
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_ISSUER_ERROR:
            return {HttpErrorKind::tls, "TLS: " + detail + where};
        default:
            return {HttpErrorKind::other, "HTTP transfer failed: " + detail + where};
    }
}

}  // namespace

struct HttpClient::Handle {
    std::unique_ptr<CURL, CurlEasyDeleter> easy;
};

std::string HttpResponse::header(const std::string& lowercase_name) const {
    const auto it = headers.find(lowercase_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string_view to_string(HttpErrorKind kind) {
    switch (kind) {
        case HttpErrorKind::bad_url: return "bad_url";
        case HttpErrorKind::insecure_refused: return "insecure_refused";
        case HttpErrorKind::dns: return "dns";
        case HttpErrorKind::connect: return "connect";
        case HttpErrorKind::tls: return "tls";
        case HttpErrorKind::timeout: return "timeout";
        case HttpErrorKind::too_large: return "too_large";
        case HttpErrorKind::redirect_refused: return "redirect_refused";
        case HttpErrorKind::other: return "other";
    }
    return "other";
}

std::expected<Origin, std::string> parse_origin(std::string_view url) {
    init_curl_once();
    std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
    const std::string text(url);
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
        return std::unexpected("not a valid URL: \"" + redact_url(url) + "\"");
    char* scheme = nullptr;
    char* host = nullptr;
    char* port = nullptr;
    curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0);
    CurlString scheme_owner(scheme);
    curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0);
    CurlString host_owner(host);
    curl_url_get(parsed.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
    CurlString port_owner(port);
    if (!scheme || !host || !port) return std::unexpected("URL lacks scheme or host: \"" + redact_url(url) + "\"");
    return Origin{lowercase(scheme), lowercase(host), std::atoi(port)};
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    if (!host.starts_with("127.")) return false;
    return std::ranges::all_of(host, [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
}

std::expected<void, HttpError> check_url_allowed(std::string_view url, bool allow_insecure_http) {
    const auto origin = parse_origin(url);
    if (!origin) return std::unexpected(HttpError{HttpErrorKind::bad_url, origin.error()});
    if (origin->scheme == "https") return {};
    if (origin->scheme != "http")
        return std::unexpected(HttpError{HttpErrorKind::bad_url,
                                         "only https (or http to loopback) is allowed, got \"" +
                                             origin->scheme + "\" in " + redact_url(url)});
    if (is_loopback_host(origin->host) || allow_insecure_http) return {};
    return std::unexpected(HttpError{
        HttpErrorKind::insecure_refused,
        "plain http to " + origin->host +
            " refused: use https, or set allow_insecure_http in the config (not for production)"});
}

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
    init_curl_once();
    handle_->easy.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;

std::expected<HttpResponse, HttpError> HttpClient::perform(const HttpRequest& request) {
    std::string url = request.url;
    const auto first_origin = parse_origin(url);
    if (!first_origin) return std::unexpected(HttpError{HttpErrorKind::bad_url, first_origin.error()});
    for (int hop = 0;; ++hop) {
        if (auto allowed = check_url_allowed(url, options_.allow_insecure_http); !allowed)
            return std::unexpected(allowed.error());
        std::string redirect_to;
        auto response = perform_once(request, url, redirect_to);
        if (!response || redirect_to.empty()) return response;
        const auto next_origin = parse_origin(redirect_to);
        if (!next_origin || *next_origin != *first_origin)
            return std::unexpected(HttpError{
                HttpErrorKind::redirect_refused,
                "redirect to another origin refused: " + redact_url(url) + " -> " + redact_url(redirect_to)});
        if (hop >= options_.max_redirects)
            return std::unexpected(HttpError{HttpErrorKind::redirect_refused,
                                             "more than " + std::to_string(options_.max_redirects) +
                                                 " redirects from " + redact_url(request.url)});
        url = std::move(redirect_to);
    }
}

std::expected<HttpResponse, HttpError> HttpClient::perform_once(const HttpRequest& request,
                                                                const std::string& url,
                                                                std::string& redirect_to) {
    CURL* easy = handle_->easy.get();
    if (!easy) return std::unexpected(HttpError{HttpErrorKind::other, "libcurl could not create a handle"});
    curl_easy_reset(easy);  // keeps the connection cache, drops every option

    Transfer transfer;
    transfer.limit = request.max_body_bytes ? request.max_body_bytes : options_.max_body_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {};

    std::unique_ptr<curl_slist, CurlSlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = name + ": " + value;
        curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
        if (!appended) return std::unexpected(HttpError{HttpErrorKind::other, "out of memory building headers"});
        headers.release();
        headers.reset(appended);
    }
    const auto total = request.total_timeout.count() ? request.total_timeout : options_.total_timeout;

    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // we follow ourselves, same origin only
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes_per_s);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(transfer.limit));
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options_.ca_file.c_str());
    if (!options_.pinned_public_key.empty())
        curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, options_.pinned_public_key.c_str());
    if (!options_.proxy.empty()) curl_easy_setopt(easy, CURLOPT_PROXY, options_.proxy.c_str());
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    if (request.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }

    const CURLcode code = curl_easy_perform(easy);
    if (code != CURLE_OK) return std::unexpected(classify(code, error_buffer, transfer, url));

    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &transfer.response.status);
    if (transfer.response.status >= 300 && transfer.response.status < 400 && transfer.response.status != 304) {
        char* location = nullptr;
        curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);  // absolute, resolved by curl
        if (location) redirect_to = location;
    }
    return std::move(transfer.response);
}

}  // namespace redgrid::net
