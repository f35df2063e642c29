// The machine facts of the maintenance screen: addresses, disk, uptime, temperature, and
// the build. Plain blocking reads; the MaintenanceProber runs them off the UI thread.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/kiosk/ui/maintenance.h"
#include "redgrid_build_commit.h"

namespace redgrid::kiosk {
namespace {

namespace fs = std::filesystem;

struct IfaddrsFree {
    void operator()(ifaddrs* p) const { freeifaddrs(p); }
};

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace

std::string_view build_version() { return REDGRID_VERSION; }
std::string_view build_commit() { return REDGRID_GIT_COMMIT; }

std::expected<std::vector<IpAddress>, std::string> probe_ip_addresses() {
    ifaddrs* raw = nullptr;
    if (getifaddrs(&raw) != 0) return std::unexpected("getifaddrs: " + errno_text(errno));
    const std::unique_ptr<ifaddrs, IfaddrsFree> list(raw);
    std::vector<IpAddress> out;
    for (const ifaddrs* a = list.get(); a; a = a->ifa_next) {
        if (!a->ifa_addr || (a->ifa_flags & IFF_LOOPBACK) || !(a->ifa_flags & IFF_UP)) continue;
        char text[INET6_ADDRSTRLEN] = {};
        if (a->ifa_addr->sa_family == AF_INET) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
            if (!inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) continue;
        } else if (a->ifa_addr->sa_family == AF_INET6) {
            const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ifa_addr);
            // fe80::/10 is on every interface and reaches nothing beyond the cable: noise here.
            if (IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr)) continue;
            if (!inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text)) continue;
        } else {
            continue;
        }
        out.push_back({a->ifa_name ? a->ifa_name : "?", text});
    }
    // IPv4 first within an interface: it is what a technician types into ssh.
    std::stable_sort(out.begin(), out.end(), [](const IpAddress& x, const IpAddress& y) {
        if (x.interface != y.interface) return x.interface < y.interface;
        const bool x6 = x.address.find(':') != std::string::npos, y6 = y.address.find(':') != std::string::npos;
        return !x6 && y6;
    });
    return out;
}

std::expected<DiskSpace, std::string> probe_disk(const fs::path& dir) {
    // A data directory not made yet will live on its nearest existing parent's file system.
    fs::path at = dir;
    std::error_code ec;
    while (!at.empty() && at != at.parent_path() && !fs::exists(at, ec)) at = at.parent_path();
    struct statvfs st {};
    if (statvfs(at.c_str(), &st) != 0) return std::unexpected("statvfs " + dir.string() + ": " + errno_text(errno));
    const std::uint64_t unit = st.f_frsize ? st.f_frsize : st.f_bsize;
    return DiskSpace{.free_bytes = static_cast<std::uint64_t>(st.f_bavail) * unit,
                     .total_bytes = static_cast<std::uint64_t>(st.f_blocks) * unit};
}

std::expected<std::chrono::seconds, std::string> probe_uptime(const fs::path& proc_uptime) {
    std::ifstream in(proc_uptime);
    if (!in) return std::unexpected("cannot read " + proc_uptime.string());
    double seconds = -1;
    in >> seconds;
    if (!in || seconds < 0) return std::unexpected(proc_uptime.string() + ": no uptime in it");
    return std::chrono::seconds(static_cast<long long>(seconds));
}

std::optional<Temperature> probe_temperature(const fs::path& root) {
    std::error_code ec;
    std::optional<Temperature> hottest;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with("thermal_zone")) continue;
        std::ifstream temp(it->path() / "temp");
        long long milli = 0;
        // A zone whose sensor is asleep or broken reads as an error: skip it.
        if (!(temp >> milli)) continue;
        const double celsius = static_cast<double>(milli) / 1000.0;
        if (celsius < -50 || celsius > 200) continue;  // nonsense some drivers report
        if (hottest && hottest->celsius >= celsius) continue;
        std::string type;
        std::ifstream type_file(it->path() / "type");
        if (!std::getline(type_file, type) || type.empty()) type = name;
        hottest = Temperature{celsius, type};
    }
    return hottest;
}

MaintenanceStatus probe_system(const SystemProbeOptions& options) {
    MaintenanceStatus s;
    s.version = std::string(build_version());
    s.commit = std::string(build_commit());
    s.kiosk_id = options.kiosk_id;
    if (auto ips = probe_ip_addresses()) s.ips = std::move(*ips);
    s.data_dir = options.data_dir.string();
    if (auto disk = probe_disk(options.data_dir)) s.disk = *disk;
    if (auto up = probe_uptime()) s.system_uptime = *up;
    s.kiosk_uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                      options.kiosk_started);
    s.temperature = probe_temperature();
    s.gathered_at = std::chrono::system_clock::now();
    return s;
}

MaintenanceStatus sample_maintenance_status(std::chrono::system_clock::time_point now) {
    using namespace std::chrono_literals;
    MaintenanceStatus s;
    s.version = "0.1.0";
    s.commit = "0123456789ab";
    s.kiosk_id = "bm-08-lobby";
    s.ips = {{"eth0", "192.168.10.23"}, {"eth0", "2001:db8:10::23"}, {"wlan0", "10.20.0.5"}};
    s.sync = {.configured = true, .server = "hub.redgrid.example", .attempted = true, .online = true,
              .last_success = now - 95s};
    s.queue_depth = 3;
    s.oldest_event_age = 42s;
    s.data_dir = "/var/lib/redgrid";
    s.disk = DiskSpace{.free_bytes = 812ull << 20, .total_bytes = 1024ull << 20};
    s.system_uptime = 3 * 24h + 4h + 12min + 5s;
    s.kiosk_uptime = 2h + 10min + 30s;
    s.temperature = Temperature{52.5, "cpu-thermal"};
    s.gathered_at = now;
    return s;
}

}  // namespace redgrid::kiosk
