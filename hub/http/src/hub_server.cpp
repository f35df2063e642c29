#include "redgrid/hub/http/hub_server.h"

#include "redgrid/hub/store/hub_screenshots.h"

#include "bounded_pool.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include <nlohmann/json.hpp>

#include "redgrid/config/atomic_file.h"
#include "redgrid/config/log.h"
#include "redgrid/content/media_check.h"
#include "redgrid/hub/store/database.h"
#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/protocol/clock_skew.h"
#include "redgrid/protocol/heartbeat.h"

namespace redgrid::hub {
namespace fs = std::filesystem;
using config::log;
using config::LogLevel;

namespace {

constexpr std::size_t kMaxJsonBody = 1024 * 1024;
constexpr std::size_t kMaxScreenshot = 8 * 1024 * 1024;
constexpr std::size_t kKeptScreenshots = 50;  // per kiosk, the newest

void send_error(httplib::Response& response, int status, const std::string& error, const std::string& message) {
    response.status = status;
    response.set_content(nlohmann::json{{"error", error}, {"message", message}}.dump(), "application/json");
}

// Entity tags as If-None-Match may list them: "a", W/"b", *
bool etag_matches(const std::string& if_none_match, const std::string& etag) {
    if (if_none_match == "*") return true;
    std::size_t at = 0;
    while (at < if_none_match.size()) {
        auto end = if_none_match.find(',', at);
        if (end == std::string::npos) end = if_none_match.size();
        std::string candidate = if_none_match.substr(at, end - at);
        candidate.erase(0, candidate.find_first_not_of(' '));
        candidate.erase(candidate.find_last_not_of(' ') + 1);
        if (candidate.starts_with("W/")) candidate.erase(0, 2);
        if (candidate == etag) return true;
        at = end + 1;
    }
    return false;
}

std::string bearer_token(const httplib::Request& request) {
    const auto header = request.get_header_value("Authorization");
    return header.starts_with("Bearer ") ? header.substr(7) : std::string();
}

}  // namespace

std::expected<void, std::string> parse_listen(const std::string& listen, ServeOptions& options) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::unexpected("listen \"" + listen + "\" is not HOST:PORT");
    const auto port_text = listen.substr(colon + 1);
    if (port_text.empty() || port_text.size() > 5 || !std::ranges::all_of(port_text, ::isdigit) ||
        std::stoi(port_text) > 65535)
        return std::unexpected("listen \"" + listen + "\": port must be 0..65535");
    options.host = listen.substr(0, colon);
    if (options.host.starts_with('[') && options.host.ends_with(']'))
        options.host = options.host.substr(1, options.host.size() - 2);
    options.port = std::stoi(port_text);
    return {};
}

std::expected<ServeOptions, std::string> read_hub_config(const fs::path& data_dir) {
    ServeOptions options;
    options.data_dir = data_dir;
    const auto path = data_dir / "hub.json";
    std::error_code error;
    if (!fs::exists(path, error)) return options;
    std::ifstream in(path);
    const auto json = nlohmann::json::parse(in, nullptr, false, true);
    if (json.is_discarded() || !json.is_object()) return std::unexpected(path.string() + ": not a JSON object");
    if (json.contains("listen")) {
        if (!json["listen"].is_string()) return std::unexpected(path.string() + ": listen: must be \"HOST:PORT\"");
        if (auto parsed = parse_listen(json["listen"].get<std::string>(), options); !parsed)
            return std::unexpected(path.string() + ": " + parsed.error());
    }
    for (const char* key : {"tls_cert", "tls_key"}) {
        if (!json.contains(key)) continue;
        if (!json[key].is_string()) return std::unexpected(path.string() + ": " + key + ": must be a file path");
        fs::path file = json[key].get<std::string>();
        if (file.is_relative()) file = data_dir / file;
        (std::string(key) == "tls_cert" ? options.tls_cert : options.tls_key) = file;
    }
    if (json.contains("calls"))
        if (auto read = read_call_policy(json["calls"], options.calls); !read)
            return std::unexpected(path.string() + ": " + read.error());
    return options;
}

std::expected<std::unique_ptr<HubServer>, std::string> HubServer::create(ServeOptions options) {
    if (options.tls_cert.empty() != options.tls_key.empty())
        return std::unexpected("TLS needs both a certificate and a key");
    std::error_code error;
    fs::create_directories(options.data_dir / "screenshots", error);
    if (error) return std::unexpected("cannot create " + options.data_dir.string() + ": " + error.message());
    if (options.database.empty()) options.database = (options.data_dir / "hub.sqlite").string();
    // One database for every store: one SQLite connection (no two writers of one file
    // in this process), or one PostgreSQL pool.
    auto database = sql::Database::open(options.database);
    if (!database) return std::unexpected(database.error());
    std::unique_ptr<HubServer> hub(new HubServer());
    hub->options_ = std::move(options);
    hub->store_ = std::make_unique<HubStore>(*database);
    hub->records_ = std::make_unique<HubRecords>(*database);
    hub->heartbeats_ = std::make_unique<GroupCommit<Heartbeat, HeartbeatAnswer>>(
        [store = hub->store_.get()](std::vector<Heartbeat>& batch) { return store->record_heartbeats(batch); });
    hub->content_ = std::make_unique<HubContent>(hub->options_.data_dir);
    hub->directory_ = directory_from(*hub->content_);
    if (!hub->options_.tls_cert.empty()) {
        auto tls = std::make_unique<httplib::SSLServer>(hub->options_.tls_cert.c_str(), hub->options_.tls_key.c_str());
        if (!tls->is_valid())
            return std::unexpected("TLS certificate " + hub->options_.tls_cert.string() + " or key " +
                                   hub->options_.tls_key.string() + " could not be loaded");
        hub->server_ = std::move(tls);
    } else {
        hub->server_ = std::make_unique<httplib::Server>();
    }
    hub->install_routes();
    return hub;
}

HubServer::~HubServer() {
    stop();
}

std::expected<int, std::string> HubServer::bind() {
    const int port = options_.port == 0 ? server_->bind_to_any_port(options_.host)
                                        : (server_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port < 0)
        return std::unexpected("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                               " (in use, or not an address of this machine)");
    bound_port_ = port;
    // httplib listens with a backlog of 5 (compiled into Debian's library): a burst of
    // kiosks connecting at once, after a hub restart or a network outage, saw SYNs
    // dropped and retried after 1, 3, 7 s. Listening again on the bound socket raises it.
    if (listen_socket_ >= 0) ::listen(listen_socket_, SOMAXCONN);
    {
        std::lock_guard lock(ticker_mutex_);
        stop_requested_ = false;
    }
    return port;
}

void HubServer::serve() {
    log(LogLevel::notice, "redgrid-hub: serving {} from {} (calls: simulator {}, escalate after {} s)", base_url(),
        options_.data_dir.string(), to_string(options_.calls.mode), options_.calls.escalate_after.count());
    {
        std::lock_guard lock(ticker_mutex_);
        if (stop_requested_) return;
        serving_ = true;
        ticker_stopping_ = false;
        if (!ticker_.joinable()) ticker_ = std::thread([this] { run_ticker(); });
    }
    server_->listen_after_bind();
    std::lock_guard lock(ticker_mutex_);
    serving_ = false;
}

void HubServer::stop() {
    {
        std::lock_guard lock(ticker_mutex_);
        stop_requested_ = true;
        ticker_stopping_ = true;
    }
    ticker_wake_.notify_all();
    // httplib's stop() does nothing until the listener runs, so a stop() that races a serve()
    // still on its way into listen_after_bind() would leave it listening forever (a hung
    // test): wait until the listener is up, or serve() has left.
    if (server_) {
        for (;;) {
            {
                std::lock_guard lock(ticker_mutex_);
                if (!serving_) break;
            }
            if (server_->is_running()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        server_->stop();
    }
    if (ticker_.joinable() && ticker_.get_id() != std::this_thread::get_id()) ticker_.join();
}

TimePoint HubServer::now() const {
    return options_.clock ? options_.clock() : Clock::now();
}

// Escalation and expiry must happen even when no kiosk is polling (a kiosk that lost its
// network mid-call): the hub moves open calls forward on its own.
void HubServer::run_ticker() {
    std::unique_lock lock(ticker_mutex_);
    while (!ticker_stopping_) {
        lock.unlock();
        records_->advance_all(now(), directory_);
        lock.lock();
        ticker_wake_.wait_for(lock, options_.tick, [this] { return ticker_stopping_; });
    }
}

std::optional<std::string> HubServer::authorize(const httplib::Request& request, httplib::Response& response,
                                                const std::string& path_kiosk) {
    const auto kiosk = store_->kiosk_for_token(bearer_token(request));
    if (!kiosk) {
        send_error(response, 401, "unauthorized", "missing or unknown bearer token");
        return std::nullopt;
    }
    if (!path_kiosk.empty() && *kiosk != path_kiosk) {
        send_error(response, 403, "forbidden", "this token belongs to another kiosk");
        return std::nullopt;
    }
    return kiosk;
}

std::string HubServer::base_url() const {
    const bool ipv6 = options_.host.find(':') != std::string::npos;
    return std::string(options_.tls_cert.empty() ? "http" : "https") + "://" +
           (ipv6 ? "[" + options_.host + "]" : options_.host) + ":" + std::to_string(bound_port_);
}

void HubServer::install_routes() {
    auto& server = *server_;
    server.set_payload_max_length(kMaxScreenshot + 1024);
    // httplib writes a response's headers and body in separate sends: with Nagle's
    // algorithm on, the body waited for the client's delayed ACK, 40 ms on Linux, on
    // every request of a kept-alive connection (a heartbeat took 28 ms on average).
    server.set_tcp_nodelay(true);
    // Replaces httplib's default socket options (SO_REUSEADDR, kept) to learn the listening
    // socket, whose backlog bind() raises.
    server.set_socket_options([this](int sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_socket_ = sock;
    });
    // httplib closed a kept-alive connection after its 5th request: a kiosk (or a proxy's
    // upstream connection) paid a new TCP handshake and a worker hand-over every 5.
    server.set_keep_alive_max_count(10000);
    // httplib owns what this returns (its API takes a raw pointer).
    server.new_task_queue = [limits = PoolLimits{options_.workers, options_.queued, 2}] {
        return new BoundedPool(limits);
    };
    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response& response) {
        if (!BoundedPool::shedding()) return httplib::Server::HandlerResponse::Unhandled;
        response.set_header("Retry-After", "10");
        response.set_header("Connection", "close");
        send_error(response, 503, "busy", "the hub is at its connection limit, try again later");
        return httplib::Server::HandlerResponse::Handled;
    });
    server.set_read_timeout(10, 0);
    server.set_write_timeout(30, 0);
    // RFC 9110 wants a Date from every server with a clock; kiosks log when theirs is off it.
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& response) {
        response.set_header("Date", protocol::format_http_date(std::chrono::system_clock::now()));
    });

    auto authorize = [this](const httplib::Request& request, httplib::Response& response,
                            const std::string& path_kiosk) { return this->authorize(request, response, path_kiosk); };
    install_record_routes();

    // For a proxy in front (nginx auth_request, docs/hub.md): may this token read kiosk K's
    // bundle, or any media? 204 or the same 401/403 the hub itself would answer, and
    // nothing else is read or written.
    server.Get(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/access)",
               [this, authorize](const httplib::Request& request, httplib::Response& response) {
                   if (authorize(request, response, request.matches[1])) response.status = 204;
               });
    server.Get("/api/v1/access", [this, authorize](const httplib::Request& request, httplib::Response& response) {
        if (authorize(request, response, "")) response.status = 204;
    });

    server.Get(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/bundle)",
               [this, authorize](const httplib::Request& request, httplib::Response& response) {
                   const std::string kiosk_id = request.matches[1];
                   if (!authorize(request, response, kiosk_id)) return;
                   const auto bundle = content_->bundle(kiosk_id);
                   if (!bundle)
                       return send_error(response, 404, "not_found", "no bundle published for kiosk " + kiosk_id);
                   response.set_header("ETag", bundle->etag);
                   // A kiosk revalidates every poll (max-age=0); a shared cache in front, which checks
                   // the token itself (auth_request), may answer those polls for a few seconds
                   // without asking the hub (s-maxage; public: the request carried Authorization).
                   response.set_header("Cache-Control", "public, max-age=0, s-maxage=5");
                   if (etag_matches(request.get_header_value("If-None-Match"), bundle->etag)) {
                       response.status = 304;
                       return;
                   }
                   response.set_content(bundle->text, "application/json; charset=utf-8");
               });

    server.Get(R"(/api/v1/media/([0-9a-f]{64}))", [this, authorize](const httplib::Request& request,
                                                                    httplib::Response& response) {
        if (!authorize(request, response, "")) return;
        const std::string sha = request.matches[1];
        const std::string etag = "\"" + sha + "\"";
        if (etag_matches(request.get_header_value("If-None-Match"), etag)) {
            std::error_code missing;
            if (fs::exists(content_->media_dir() / sha, missing)) {
                response.set_header("ETag", etag);
                response.set_header("Cache-Control", "public, max-age=31536000, immutable");
                response.status = 304;
                return;
            }
        }
        std::ifstream in(content_->media_dir() / sha, std::ios::binary);
        if (!in) return send_error(response, 404, "not_found", "no media " + sha);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto header = content::read_image_header(bytes);
        response.set_header("Cache-Control", "public, max-age=31536000, immutable");
        response.set_header("ETag", etag);
        response.set_content(std::move(bytes), header ? header->mime_type.c_str() : "application/octet-stream");
    });

    server.Post(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/heartbeat)", [this, authorize](const httplib::Request& request,
                                                                                   httplib::Response& response) {
        const std::string kiosk_id = request.matches[1];
        if (!authorize(request, response, kiosk_id)) return;
        if (request.body.size() > kMaxJsonBody) return send_error(response, 413, "too_large", "heartbeat over 1 MiB");
        auto heartbeat = HubStore::parse_heartbeat(kiosk_id, Clock::now(), request.body);
        if (!heartbeat) return send_error(response, 400, "bad_request", heartbeat.error());
        // Many kiosks' heartbeats, one transaction (group_commit.h).
        const auto commands = heartbeats_->submit(std::move(*heartbeat));
        if (!commands) {
            log(LogLevel::error, "redgrid-hub: {}'s heartbeat not recorded: {}", kiosk_id, commands.error());
            response.set_header("Retry-After", "30");
            return send_error(response, 503, "unavailable", "heartbeat not recorded, try again later");
        }
        nlohmann::json answer = {{"server_time", protocol::format_utc(Clock::now())},
                                 {"heartbeat_interval_s", 60},
                                 {"commands", nlohmann::json::array()}};
        for (const auto& command : *commands) {
            nlohmann::json item = {{"id", "c-" + std::to_string(command.id)}, {"type", command.type}};
            if (command.type == "set_display_schedule") item["schedule"] = command.schedule;
            answer["commands"].push_back(std::move(item));
        }
        response.set_content(answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
    });

    server.Post(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/screenshots)", [this, authorize](const httplib::Request& request,
                                                                                     httplib::Response& response) {
        const std::string kiosk_id = request.matches[1];
        if (!authorize(request, response, kiosk_id)) return;
        if (request.body.size() > kMaxScreenshot)
            return send_error(response, 413, "too_large", "screenshot over 8 MiB");
        const auto header = content::read_image_header(request.body);
        if (!header || header->mime_type != "image/png")
            return send_error(response, 400, "bad_request", "a screenshot must be a PNG");
        std::string stamp;
        for (char c : protocol::format_utc(Clock::now()))
            if (c != '-' && c != ':') stamp += c;
        // <kiosk>-<UTC time>[-<command id>].png: sorts by time, and `redgrid-hub screenshots
        // K --command c-N` finds the one a command asked for. A second upload within the same
        // second gets a suffix rather than replacing the first.
        const std::string command_id = request.get_param_value("command_id");
        const bool named = command_id.size() > 2 && command_id.size() <= 20 && command_id.starts_with("c-") &&
                           std::all_of(command_id.begin() + 2, command_id.end(), ::isdigit);
        const std::string base = kiosk_id + "-" + stamp + (named ? "-" + command_id : "");
        std::string name = base + ".png";
        std::error_code exists_error;
        for (int n = 2; fs::exists(options_.data_dir / "screenshots" / name, exists_error) && n < 100; ++n)
            name = base + "." + std::to_string(n) + ".png";
        if (auto written = config::write_file_atomically(options_.data_dir / "screenshots" / name, request.body);
            !written)
            return send_error(response, 500, "server_error", "could not store the screenshot");
        log(LogLevel::info, "redgrid-hub: screenshot from {} stored as {}", kiosk_id, name);
        // A screenshot answers a question of the moment: the newest few per kiosk are kept.
        if (const auto pruned = prune_screenshots(kiosk_id, options_.data_dir / "screenshots", kKeptScreenshots))
            log(LogLevel::info, "redgrid-hub: removed {} older screenshot(s) of {}", pruned, kiosk_id);
        response.status = 201;
        response.set_content(nlohmann::json{{"stored", name}}.dump(), "application/json");
    });

    server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
        if (response.body.empty()) {
            const bool not_found = response.status == 404;
            send_error(response, response.status, not_found ? "not_found" : "bad_request",
                       not_found ? "no such endpoint" : "request refused");
        }
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        send_error(response, 500, "server_error", "internal error");
    });
}

}  // namespace redgrid::hub
