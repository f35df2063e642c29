// The reference server: docs/protocol.md over cpp-httplib, on loopback by default,
// TLS when given a certificate and key.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace redgrid::hub {

class HubStore;
class HubContent;

struct ServeOptions {
    std::filesystem::path data_dir;
    std::string host = "127.0.0.1";
    int port = 8750;  // 0: any free port (tests)
    std::filesystem::path tls_cert;
    std::filesystem::path tls_key;
};

// Reads <data_dir>/hub.json ({"listen": "HOST:PORT", "tls_cert": F, "tls_key": F}) if present.
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
    // Serves until stop() (from any thread).
    void serve();
    void stop();

    HubStore& store() { return *store_; }
    HubContent& content() { return *content_; }
    std::string base_url() const;

private:
    HubServer() = default;
    void install_routes();
    ServeOptions options_;
    std::unique_ptr<HubStore> store_;
    std::unique_ptr<HubContent> content_;
    std::unique_ptr<httplib::Server> server_;
    int bound_port_ = 0;
};

}  // namespace redgrid::hub
