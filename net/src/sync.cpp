#include "redgrid/net/sync.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "redgrid/config/log.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/content/media_check.h"
#include "redgrid/net/vocabulary.h"

namespace redgrid::net {
namespace fs = std::filesystem;
using config::LogLevel;
using config::log;

namespace {

constexpr std::size_t kMaxReportedErrors = 20;

// The server's own words from an error body, made safe for one log line.
std::string server_message(const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return "";
    std::string text;
    if (json.contains("message") && json["message"].is_string()) text = json["message"].get<std::string>();
    else if (json.contains("error") && json["error"].is_string()) text = json["error"].get<std::string>();
    std::string out;
    for (char c : text)
        if (std::isprint(static_cast<unsigned char>(c)) && out.size() < 160) out += c;
    return out.empty() ? "" : ": " + out;
}

std::optional<std::chrono::seconds> retry_after(const HttpResponse& response) {
    const auto text = response.header("retry-after");
    if (text.empty() || text.size() > 6 || !std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::chrono::seconds(std::stol(text));
}

SyncFailure http_status_failure(const HttpResponse& response, const std::string& what, const std::string& url) {
    SyncFailure failure;
    failure.reached_server = true;
    failure.retry_after = retry_after(response);
    const auto status = std::to_string(response.status);
    const auto where = " (" + config::redact_url(url) + ")";
    if (response.status == 401 || response.status == 403)
        failure.message = "HTTP " + status + ": the server refused this kiosk's token for " + what +
                          server_message(response.body) + where + "; check token_file and kiosk_id";
    else if (response.status == 404)
        failure.message = "HTTP 404: " + what + " not found on the server" + server_message(response.body) + where;
    else
        failure.message = "HTTP " + status + " for " + what + server_message(response.body) + where;
    return failure;
}

SyncFailure transport_failure(const HttpError& error) { return SyncFailure{error.message, {}, false, std::nullopt}; }

}  // namespace

fs::path content_cache_dir(const config::KioskConfig& config) { return config.data_dir / "content"; }

std::expected<std::string, std::string> read_token_file(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return std::unexpected("token file " + path.string() + " is missing: provision this kiosk's token there");
    if (!S_ISREG(info.st_mode))
        return std::unexpected("token file " + path.string() + " is not a regular file");
    // Group read is how the deployed kiosk reads it (root:redgrid-kiosk 0640); nobody but
    // the owner may change it, and others may not even read it.
    if (info.st_mode & (S_IROTH | S_IWOTH))
        return std::unexpected("token file " + path.string() +
                               " is readable or writable by everyone: run `chmod 600 " + path.string() + "`");
    if (info.st_mode & S_IWGRP)
        return std::unexpected("token file " + path.string() + " is writable by its group: run `chmod 640 " +
                               path.string() + "`");
    std::ifstream in(path);
    std::string token;
    std::getline(in, token, '\0');
    const auto first = token.find_first_not_of(" \t\r\n");
    const auto last = token.find_last_not_of(" \t\r\n");
    token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
    if (token.empty()) return std::unexpected("token file " + path.string() + " is empty or unreadable");
    if (token.size() > 512 || std::ranges::any_of(token, [](char c) { return !std::isgraph(static_cast<unsigned char>(c)); }))
        return std::unexpected("token file " + path.string() + " does not hold one token (one line, no spaces)");
    // Whatever later writes a log line (a server echoing the token in an error), it is redacted.
    config::add_log_secret(token);
    return token;
}

std::expected<SyncOptions, std::string> sync_options_from_config(const config::KioskConfig& config,
                                                                 std::string firmware_version) {
    if (config.server_url.empty()) return std::unexpected("no server_url in the configuration");
    if (config.kiosk_id.empty()) return std::unexpected("no kiosk_id in the configuration");
    if (auto allowed = check_url_allowed(config.server_url, config.allow_insecure_http); !allowed)
        return std::unexpected("server_url: " + allowed.error().message);
    auto token = read_token_file(config.token_file);
    if (!token) return std::unexpected(token.error());
    const auto origin = parse_origin(config.server_url);
    if (origin && origin->scheme == "http" && !is_loopback_host(origin->host))
        log(LogLevel::warning,
            "INSECURE: allow_insecure_http is set: talking plain http to {}; the token and all content travel "
            "unencrypted",
            origin->host);
    SyncOptions options;
    options.server_url = config.server_url;
    options.kiosk_id = config.kiosk_id;
    options.token = std::move(*token);
    options.http.allow_insecure_http = config.allow_insecure_http;
    options.http.pinned_public_key = config.pinned_public_key;
    options.http.proxy = config.proxy;
    options.http.user_agent = "redgrid-kiosk/" + firmware_version;
    options.cache_dir = content_cache_dir(config);
    options.data_dir = config.data_dir;
    options.poll_interval = std::chrono::seconds(config.poll_interval_s);
    options.firmware_version = std::move(firmware_version);
    options.display_schedule = config.display_schedule;
    return options;
}

std::string api_url(const std::string& server_url, const std::string& rest) {
    std::string base = server_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/api/v1/" + rest;
}

Syncer::Syncer(const SyncOptions& options, ContentCache& cache)
    : options_(options), cache_(cache), http_(options.http) {}

std::expected<std::uint64_t, SyncFailure> Syncer::fetch_media(HttpClient& client, const content::MediaInfo& info) {
    HttpRequest request;
    request.url = api_url(options_.server_url, "media/" + info.sha256);
    request.headers = {{"Authorization", "Bearer " + options_.token}};
    // The bundle told us the size: anything longer is wrong, stop reading right there.
    request.max_body_bytes = std::size_t(std::clamp<std::int64_t>(info.size, 1, content::content_limits::max_media_bytes));
    auto response = client.perform(request);
    if (!response) return std::unexpected(transport_failure(response.error()));
    if (response->status != 200) return std::unexpected(http_status_failure(*response, "media " + info.sha256, request.url));
    // A file the server got wrong rejects the bundle (the heartbeat reports it); a disk
    // that fails to store a good file is this kiosk's problem, reported as such. The
    // check runs again inside store_media: one more SHA-256 of at most 8 MiB per download.
    if (auto checked = check_media(info, response->body); !checked) {
        SyncFailure failure{"bundle rejected: " + checked.error(), {checked.error()}, true, std::nullopt};
        return std::unexpected(failure);
    }
    if (auto stored = cache_.store_media(info, response->body); !stored)
        return std::unexpected(SyncFailure{"content cache: " + stored.error(), {}, true, std::nullopt});
    return response->body.size();
}

// A new kiosk's first sync fetches every media entry (257 for the demo): one after
// another that took 9 s on loopback, mostly waiting on round trips. A few connections
// at once, each its own HttpClient with the same rules (size cap while streaming, hash
// and type checks, same-origin redirects), take a fraction of that, and four are a
// small share of a hub's connection workers.
std::expected<std::uint64_t, SyncFailure> Syncer::fetch_all_media(const std::vector<const content::MediaInfo*>& missing) {
    const std::size_t connections =
        std::min<std::size_t>(missing.size(), std::size_t(std::clamp(options_.media_connections, 1, 16)));
    if (connections <= 1) {
        std::uint64_t bytes = 0;
        for (const auto* media : missing) {
            auto fetched = fetch_media(http_, *media);
            if (!fetched) return std::unexpected(fetched.error());
            bytes += *fetched;
        }
        return bytes;
    }
    while (media_http_.size() < connections) media_http_.push_back(std::make_unique<HttpClient>(options_.http));
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<bool> stop{false};
    std::mutex failures_mutex;
    std::map<std::size_t, SyncFailure> failures;  // by position in the bundle: the first one is reported
    std::vector<std::jthread> fetchers;
    for (std::size_t c = 0; c < connections; ++c)
        fetchers.emplace_back([&, client = media_http_[c].get()] {
            while (!stop) {
                const std::size_t index = next++;
                if (index >= missing.size()) return;
                auto fetched = fetch_media(*client, *missing[index]);
                if (fetched) {
                    bytes += *fetched;
                    continue;
                }
                std::lock_guard lock(failures_mutex);
                failures.emplace(index, fetched.error());
                stop = true;
            }
        });
    fetchers.clear();  // joins
    if (!failures.empty()) return std::unexpected(failures.begin()->second);
    return bytes.load();
}

std::expected<SyncOutcome, SyncFailure> Syncer::sync(const std::string& etag_held) {
    HttpRequest request;
    request.url = api_url(options_.server_url, "kiosks/" + options_.kiosk_id + "/bundle");
    request.headers = {{"Authorization", "Bearer " + options_.token}, {"Accept", "application/json"}};
    if (!etag_held.empty()) request.headers.emplace_back("If-None-Match", etag_held);
    request.max_body_bytes = content::content_limits::max_document_bytes;
    auto response = http_.perform(request);
    if (!response) return std::unexpected(transport_failure(response.error()));

    SyncOutcome outcome;
    if (response->status == 304) {
        if (etag_held.empty())
            return std::unexpected(SyncFailure{"HTTP 304 to an unconditional request for the bundle", {}, true, {}});
        outcome.report.etag = etag_held;
        return outcome;
    }
    if (response->status != 200) return std::unexpected(http_status_failure(*response, "the bundle", request.url));

    const std::string& text = response->body;
    auto bundle = content::parse_bundle(text);
    if (!bundle) {
        SyncFailure failure;
        failure.reached_server = true;
        for (const auto& error : bundle.error()) {
            if (failure.bundle_errors.size() == kMaxReportedErrors) break;
            failure.bundle_errors.push_back(error.to_string());
        }
        failure.message = "bundle rejected: " + bundle.error().front().to_string();
        if (bundle.error().size() > 1)
            failure.message += " (and " + std::to_string(bundle.error().size() - 1) + " more)";
        return std::unexpected(failure);
    }
    if (bundle->place.kiosk_id != options_.kiosk_id) {
        const auto message = "/place/kiosk_id: bundle is for kiosk \"" + bundle->place.kiosk_id +
                             "\", this is \"" + options_.kiosk_id + "\"";
        return std::unexpected(SyncFailure{"bundle rejected: " + message, {message}, true, {}});
    }
    if (auto fits = cache_.check_fits(*bundle, text.size()); !fits)
        return std::unexpected(SyncFailure{"bundle rejected: " + fits.error(), {fits.error()}, true, {}});

    outcome.report.changed = true;
    outcome.report.bytes_downloaded = text.size();
    outcome.report.media_total = bundle->media.size();
    std::vector<const content::MediaInfo*> missing;
    for (const auto& media : bundle->media)
        if (!cache_.has_media(media)) missing.push_back(&media);
    auto fetched = fetch_all_media(missing);
    if (!fetched) {
        auto failure = fetched.error();
        failure.reached_server = true;
        return std::unexpected(failure);
    }
    outcome.report.bytes_downloaded += *fetched;
    outcome.report.media_downloaded = missing.size();
    const auto etag = response->header("etag");
    if (auto stored = cache_.store(text, *bundle, etag); !stored)
        return std::unexpected(SyncFailure{"content cache: " + stored.error(), {}, true, {}});

    outcome.report.version = bundle->version;
    outcome.report.etag = etag;
    CachedContent fresh;
    fresh.media_dir = cache_.media_dir();
    fresh.version = bundle->version;
    fresh.bundle_sha256 = sha256_hex(text);
    fresh.etag = etag;
    fresh.content = content::Content::make(std::move(*bundle));
    outcome.new_content = std::move(fresh);
    return outcome;
}

std::expected<SyncReport, std::string> sync_once(const SyncOptions& options) {
    ContentCache cache(options.cache_dir, options.cache_max_bytes);
    std::string etag;
    std::string version;
    if (auto cached = cache.load_last_good()) {
        etag = cached->etag;
        version = cached->version;
    }
    Syncer syncer(options, cache);
    auto outcome = syncer.sync(etag);
    if (!outcome) {
        for (const auto& error : outcome.error().bundle_errors) log(LogLevel::error, "bundle error: {}", error);
        return std::unexpected(outcome.error().message);
    }
    if (!outcome->report.changed) outcome->report.version = version;
    return outcome->report;
}

std::expected<SyncReport, std::string> sync_once(const config::KioskConfig& config, std::string firmware_version) {
    auto options = sync_options_from_config(config, std::move(firmware_version));
    if (!options) return std::unexpected(options.error());
    return sync_once(*options);
}

}  // namespace redgrid::net
