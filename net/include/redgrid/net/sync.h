// One content sync against the server (docs/protocol.md): conditional GET of the
// bundle, validation with the kiosk's own parser, download and verification of every
// media file it lacks, atomic store in the ContentCache. Used by the SyncWorker's
// thread and by `redgrid-kiosk --sync-once`.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "redgrid/config/config.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/net/http_client.h"

namespace redgrid::net {

struct SyncOptions {
    std::string server_url;  // "https://hub.example" (a path prefix is kept)
    std::string kiosk_id;
    std::string token;       // never logged
    HttpOptions http;
    std::filesystem::path cache_dir;   // the ContentCache directory
    std::uint64_t cache_max_bytes = ContentCache::kDefaultMaxBytes;
    std::filesystem::path data_dir;    // free disk space is measured here
    std::chrono::seconds poll_interval{60};
    std::chrono::seconds heartbeat_interval{60};
    std::string firmware_version = "0.0.0";
    std::string display_schedule;      // reported in heartbeats until the app changes it
    int media_connections = 4;         // a new bundle's media are fetched over this many at once
};

// Where the kiosk keeps its content cache: <data_dir>/content.
std::filesystem::path content_cache_dir(const config::KioskConfig& config);

// Reads the bearer token (surrounding whitespace dropped). Refuses a file that others
// may read or write, a missing or empty file, with a message that says what to do.
std::expected<std::string, std::string> read_token_file(const std::filesystem::path& path);

// Everything the network side needs from the configuration, the token read and
// checked. Logs a warning when plain http to a non-loopback host is allowed.
std::expected<SyncOptions, std::string> sync_options_from_config(const config::KioskConfig& config,
                                                                 std::string firmware_version = "0.0.0");

// "<server>/api/v1/<rest>".
std::string api_url(const std::string& server_url, const std::string& rest);

struct SyncReport {
    bool changed = false;            // false: 304, the cache already held the server's bundle
    std::string version;             // bundle version now in the cache
    std::string etag;
    std::size_t media_total = 0;
    std::size_t media_downloaded = 0;
    std::uint64_t bytes_downloaded = 0;
};

struct SyncFailure {
    std::string message;                      // one line: what and where
    std::vector<std::string> bundle_errors;   // set when the bundle itself was rejected
    bool reached_server = false;              // an HTTP answer came back (the network works)
    std::optional<std::chrono::seconds> retry_after;
};

struct SyncOutcome {
    SyncReport report;
    std::optional<CachedContent> new_content;  // set when a new bundle is now current
};

class Syncer {
public:
    Syncer(const SyncOptions& options, ContentCache& cache);

    // etag_held: the ETag of the complete bundle the cache holds, "" for none.
    std::expected<SyncOutcome, SyncFailure> sync(const std::string& etag_held);

    HttpClient& http() { return http_; }

private:
    std::expected<std::uint64_t, SyncFailure> fetch_media(HttpClient& client, const content::MediaInfo& info);
    // Every media entry in `missing`, over up to options_.media_connections connections:
    // the bytes fetched, or the failure of the first entry (in bundle order) that failed.
    std::expected<std::uint64_t, SyncFailure> fetch_all_media(const std::vector<const content::MediaInfo*>& missing);
    const SyncOptions& options_;
    ContentCache& cache_;
    HttpClient http_;
    // One client per fetching thread (a client is not shared between threads), kept
    // between syncs so their connections are reused.
    std::vector<std::unique_ptr<HttpClient>> media_http_;
};

// The technician's connection test (`redgrid-kiosk --sync-once`): one full sync into the
// configured cache. The error is one line (DNS, TLS, 401, "bundle rejected: /path: ...").
std::expected<SyncReport, std::string> sync_once(const config::KioskConfig& config,
                                                 std::string firmware_version = "0.0.0");

// Same, with options already made (tests, custom CA files).
std::expected<SyncReport, std::string> sync_once(const SyncOptions& options);

}  // namespace redgrid::net
