// The reference server: docs/protocol.md over cpp-httplib, on loopback by default,
// TLS when given a certificate and key.
#pragma once

#include <condition_variable>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "redgrid/hub/store/group_commit.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/hub/store/hub_store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace redgrid::hub {

class HubContent;

struct ServeOptions {
    std::filesystem::path data_dir;
    std::string database;  // a SQLite file or postgresql://...; "" = data_dir/hub.sqlite
    std::string host = "127.0.0.1";
    int port = 8750;  // 0: any free port (tests)
    std::filesystem::path tls_cert;
    std::filesystem::path tls_key;
    CallPolicy calls;                      // hub.json "calls", serve --dispatch ...
    std::function<TimePoint()> clock;      // empty: the system clock (tests inject one)
    std::chrono::milliseconds tick{1000};  // how often open calls are moved forward
    std::size_t workers = 128;             // connections served at once (serve --workers)
    std::size_t queued = 512;              // waiting for a worker before 503 (serve --queue)
};

// Reads <data_dir>/hub.json ({"listen": "HOST:PORT", "tls_cert": F, "tls_key": F,
// "calls": {"dispatch": "answer"|"refuse"|"never", "answer_after_s": N, ...}}) if present.
std::expected<ServeOptions, std::string> read_hub_config(const std::filesystem::path& data_dir);
std::expected<void, std::string> parse_listen(const std::string& listen, ServeOptions& options);

class HubServer {
public:
    static std::expected<std::unique_ptr<HubServer>, std::string> create(ServeOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // Binds; returns the port (useful with port 0).
    std::expected<int, std::string> bind();
    // Serves until stop() (from any thread). A stop() that comes first, even before this
    // thread got here, makes it return at once instead of listening forever.
    void serve();
    void stop();

    HubStore& store() { return *store_; }
    HubContent& content() { return *content_; }
    HubRecords& records() { return *records_; }
    const Directory& directory() const { return directory_; }
    TimePoint now() const;
    std::string base_url() const;

private:
    HubServer() = default;
    void install_routes();
    void install_record_routes();
    // The kiosk a request may act for, or nullopt with an error response already set.
    std::optional<std::string> authorize(const httplib::Request& request, httplib::Response& response,
                                         const std::string& path_kiosk);
    void run_ticker();
    ServeOptions options_;
    std::unique_ptr<HubRecords> records_;
    Directory directory_;
    std::mutex ticker_mutex_;
    std::condition_variable ticker_wake_;
    bool ticker_stopping_ = false;
    // Guarded by ticker_mutex_: stop() was asked (cleared by bind()), serve() is listening.
    bool stop_requested_ = false;
    bool serving_ = false;
    std::thread ticker_;
    std::unique_ptr<HubStore> store_;
    std::unique_ptr<GroupCommit<Heartbeat, HeartbeatAnswer>> heartbeats_;
    std::unique_ptr<HubContent> content_;
    std::unique_ptr<httplib::Server> server_;
    int bound_port_ = 0;
    int listen_socket_ = -1;  // learnt from httplib's socket options callback
};

}  // namespace redgrid::hub
