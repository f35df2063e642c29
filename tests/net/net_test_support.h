// Shared by the net and hub tests: temporary directories, small valid bundles with
// real PNG media, loopback test servers, throwaway TLS certificates, log capture.
#pragma once

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "redgrid/config/log.h"
#include "redgrid/content/media_check.h"

namespace redgrid::test {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "redgrid-net-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

inline std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void put_be32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out += char((value >> shift) & 0xFF);
}

inline void put_chunk(std::string& out, std::string_view type, std::string_view data) {
    put_be32(out, std::uint32_t(data.size()));
    std::string typed(type);
    typed += data;
    out += typed;
    put_be32(out, crc32(typed));
}

// A real, decodable 1-pixel-high PNG (stored deflate) of the given width, made unique
// by `salt` (a tEXt chunk). width/height in IHDR may lie, for the bomb test.
inline std::string make_png(std::uint32_t width = 2, std::uint32_t height = 1, std::string_view salt = "",
                            bool honest = true) {
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string header;
    put_be32(header, width);
    put_be32(header, height);
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
    put_chunk(png, "IHDR", header);
    if (!salt.empty()) put_chunk(png, "tEXt", std::string("salt") + '\0' + std::string(salt));
    if (honest) {
        // zlib stream with stored blocks: rows of filter byte + RGB.
        std::string raw;
        for (std::uint32_t y = 0; y < height; ++y) {
            raw += '\0';
            for (std::uint32_t x = 0; x < width; ++x) raw += "\xC8\x10\x2E";
        }
        std::string zlib = "\x78\x01";
        zlib += '\x01';
        const auto length = std::uint16_t(raw.size());
        zlib += char(length & 0xFF);
        zlib += char(length >> 8);
        zlib += char(~length & 0xFF);
        zlib += char((~length >> 8) & 0xFF);
        zlib += raw;
        std::uint32_t a = 1, b = 0;
        for (unsigned char c : raw) {
            a = (a + c) % 65521;
            b = (b + a) % 65521;
        }
        put_be32(zlib, (b << 16) | a);
        put_chunk(png, "IDAT", zlib);
    }
    put_chunk(png, "IEND", "");
    return png;
}

struct TestMedia {
    std::string sha256;
    std::string bytes;
    std::string type = "image/png";
};

inline TestMedia media_from(std::string bytes, std::string type = "image/png") {
    return TestMedia{content::sha256_hex(bytes), std::move(bytes), std::move(type)};
}

// A small bundle that passes parse_bundle: one community, grid, team, member (with a
// photo when media are given), and the notices asked for.
inline nlohmann::json make_bundle_json(const std::string& kiosk_id, const std::string& version,
                                       const std::vector<TestMedia>& media = {},
                                       const std::vector<std::string>& notice_titles = {}) {
    using nlohmann::json;
    json bundle = {
        {"format", 1},
        {"version", version},
        {"generated_at", "2026-11-25T08:00:00+08:00"},
        {"stale_after_s", 172800},
        {"map", {{"width", 1000}, {"height", 1000}}},
        {"place",
         {{"kiosk_id", kiosk_id}, {"name", "碧眼社區(qū)黨群服務(wù)中心"}, {"address", "光明區(qū)碧眼路 18 號(hào)"},
          {"position", {100, 80}}, {"grid_id", "g-01-1"}}},
        {"subdistrict", {{"id", "sd-guangming"}, {"name", "光明街道"}, {"committee", "光明街道黨工委"}}},
        {"communities", {{{"id", "c-01"}, {"name", "碧眼社區(qū)"}, {"committee", "碧眼社區(qū)黨委"}, {"color", "#C8102E"}}}},
        {"grids",
         {{{"id", "g-01-1"}, {"community_id", "c-01"}, {"name", "碧眼第一網(wǎng)格"}, {"branch", "碧眼第一網(wǎng)格黨支部"},
           {"polygon", {{0, 0}, {200, 0}, {200, 160}, {0, 160}}}, {"label_anchor", {100, 80}}}}},
        {"teams",
         {{{"id", "t-001"}, {"name", "紅小二·碧眼一隊(duì)"}, {"grid_id", "g-01-1"}, {"leader_id", "m-0001"},
           {"member_ids", {"m-0001"}}}}},
        {"members",
         {{{"id", "m-0001"}, {"name", "李建國(guó)"}, {"photo", media.empty() ? json(nullptr) : json(media[0].sha256)},
           {"role", "liaison"}, {"team_id", "t-001"}, {"full_time", true}, {"on_duty", true},
           {"phone_masked", "138****2671"}, {"position", {120, 75}}, {"contact_url", ""}}}},
        {"services", json::array()},
        {"activities", json::array()},
        {"notices", json::array()},
        {"honours", json::array()},
        {"media", json::array()},
        {"theme",
         {{"primary", "#C8102E"}, {"primary_dark", "#8E0B20"}, {"accent", "#FFC93C"}, {"background", "#FBF6F1"},
          {"surface", "#FFFFFF"}, {"text", "#1F1A17"}, {"text_muted", "#5C534D"}, {"logo", nullptr}}},
    };
    for (const auto& item : media)
        bundle["media"].push_back({{"sha256", item.sha256}, {"type", item.type}, {"size", item.bytes.size()}});
    int n = 0;
    for (const auto& title : notice_titles)
        bundle["notices"].push_back({{"id", "n-" + std::to_string(++n)}, {"title", title}, {"body", "正文"},
                                     {"priority", "normal"}, {"valid_from", "2026-01-01T00:00:00+08:00"},
                                     {"valid_to", "2027-12-31T00:00:00+08:00"}});
    return bundle;
}

// Captures log lines for assertions; restores stderr logging when destroyed.
class LogCapture {
public:
    LogCapture() {
        config::set_log_sink([this](config::LogLevel, std::string_view line) {
            std::lock_guard lock(mutex_);
            lines_.emplace_back(line);
        });
    }
    ~LogCapture() { config::set_log_sink(nullptr); }
    bool contains(std::string_view needle) const {
        std::lock_guard lock(mutex_);
        for (const auto& line : lines_)
            if (line.find(needle) != std::string::npos) return true;
        return false;
    }
    std::string all() const {
        std::lock_guard lock(mutex_);
        std::string text;
        for (const auto& line : lines_) text += line + "\n";
        return text;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

// An httplib server on a free loopback port, serving in a thread; stops on destruction.
class LoopbackServer {
public:
    explicit LoopbackServer(std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
        : server_(std::move(server)) {}
    ~LoopbackServer() { stop(); }
    httplib::Server& http() { return *server_; }
    int start(const std::string& host = "127.0.0.1") {
        port_ = server_->bind_to_any_port(host);
        thread_ = std::thread([this] { server_->listen_after_bind(); });
        return port_;
    }
    void stop() {
        server_->stop();
        if (thread_.joinable()) thread_.join();
    }
    int port() const { return port_; }

private:
    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
    int port_ = 0;
};

// Throwaway certificates made with the OpenSSL API at test time (nothing downloaded):
// a CA, a server certificate it signed, an expired one it signed, a self-signed one.
struct TestCertificates {
    fs::path ca_cert, server_cert, server_key, expired_cert, self_signed_cert;
};

namespace tls_detail {
struct KeyDeleter { void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); } };
struct CertDeleter { void operator()(X509* cert) const { X509_free(cert); } };
struct ExtensionDeleter { void operator()(X509_EXTENSION* ext) const { X509_EXTENSION_free(ext); } };
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

inline Key new_key() { return Key(EVP_EC_gen("P-256")); }

inline Cert new_cert(EVP_PKEY* key, const char* common_name, long not_before_s, long not_after_s, X509* issuer,
                     EVP_PKEY* issuer_key, bool is_ca, long serial) {
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before_s);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after_s);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
    const char* constraints = is_ca ? "critical,CA:TRUE" : "CA:FALSE";
    for (auto [nid, value] : {std::pair{NID_basic_constraints, constraints},
                              std::pair{NID_subject_alt_name, is_ca ? nullptr : "IP:127.0.0.1,DNS:localhost"}}) {
        if (!value) continue;
        std::unique_ptr<X509_EXTENSION, ExtensionDeleter> ext(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
        X509_add_ext(cert.get(), ext.get(), -1);
    }
    X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256());
    return cert;
}

inline void write_pem(const fs::path& path, X509* cert, EVP_PKEY* key) {
    FILE* file = std::fopen(path.c_str(), "w");
    if (cert) PEM_write_X509(file, cert);
    if (key) PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(file);
}
}  // namespace tls_detail

inline TestCertificates make_certificates(const fs::path& dir) {
    using namespace tls_detail;
    constexpr long day = 24 * 3600;
    TestCertificates certs{dir / "ca.pem", dir / "server.pem", dir / "server.key", dir / "expired.pem",
                           dir / "self.pem"};
    auto ca_key = new_key();
    auto ca = new_cert(ca_key.get(), "RedGrid Test CA", -day, 2 * day, nullptr, nullptr, true, 1);
    auto server_key = new_key();
    auto server = new_cert(server_key.get(), "127.0.0.1", -day, 2 * day, ca.get(), ca_key.get(), false, 2);
    auto expired = new_cert(server_key.get(), "127.0.0.1", -30 * day, -20 * day, ca.get(), ca_key.get(), false, 3);
    auto self = new_cert(server_key.get(), "127.0.0.1", -day, 2 * day, nullptr, nullptr, false, 4);
    write_pem(certs.ca_cert, ca.get(), nullptr);
    write_pem(certs.server_cert, server.get(), nullptr);
    write_pem(certs.server_key, nullptr, server_key.get());
    write_pem(certs.expired_cert, expired.get(), nullptr);
    write_pem(certs.self_signed_cert, self.get(), nullptr);
    return certs;
}

// Waits (real time, bounded) until `done` holds.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return done();
}

}  // namespace redgrid::test
