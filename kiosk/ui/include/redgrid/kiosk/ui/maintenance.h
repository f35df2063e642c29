// What the technician's maintenance screen shows and what it can do.
//
// MaintenanceStatus is a plain value gathered OFF the UI thread (a MaintenanceProber runs
// the gathering every ~2 s while the screen is open) and handed to the App through the same
// inbox the content swap uses. The probe functions read the machine (getifaddrs, statvfs,
// /proc/uptime, /sys/class/thermal); the network side (sync worker, event queue) is added by
// whoever owns it (kiosk/app/src/online_services.cpp). MaintenanceService is what the App is given
// to act: start/stop the gathering, "sync now", "restart kiosk".
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace redgrid::kiosk {

struct IpAddress {
    std::string interface;  // "eth0"
    std::string address;    // "192.168.1.23", "2001:db8::5"
    bool operator==(const IpAddress&) const = default;
};

// The content sync as the sync worker last saw it.
struct SyncInfo {
    bool configured = false;  // a server URL and a token: the kiosk syncs at all
    std::string server;       // the server's host, for the technician ("hub.example.org")
    std::string why_not;      // configured == false: the reason ("no server.url configured")
    bool attempted = false;   // at least one exchange finished since the start
    bool online = false;      // the last exchange got an HTTP answer from the server
    std::optional<std::chrono::system_clock::time_point> last_success;
    std::string last_error;  // "" after a success
    int consecutive_failures = 0;
    bool operator==(const SyncInfo&) const = default;
};

struct DiskSpace {
    std::uint64_t free_bytes = 0;   // available to the kiosk's (unprivileged) user
    std::uint64_t total_bytes = 0;
    bool operator==(const DiskSpace&) const = default;
};

struct Temperature {
    double celsius = 0;
    std::string zone;  // the hottest zone's type ("cpu-thermal", "x86_pkg_temp")
    bool operator==(const Temperature&) const = default;
};

struct MaintenanceStatus {
    std::string version;  // project version
    std::string commit;   // git commit baked in at build time ("unknown" outside a checkout)
    std::string kiosk_id;
    std::vector<IpAddress> ips;  // loopback skipped
    SyncInfo sync;
    std::optional<std::size_t> queue_depth;  // nullopt: no event queue in this mode
    std::optional<std::chrono::seconds> oldest_event_age;
    std::string data_dir;
    std::optional<DiskSpace> disk;
    std::optional<std::chrono::seconds> system_uptime;
    std::optional<std::chrono::seconds> kiosk_uptime;
    std::optional<Temperature> temperature;  // nullopt: "not available"
    std::chrono::system_clock::time_point gathered_at{};
    bool operator==(const MaintenanceStatus&) const = default;
};

class MaintenanceService {
public:
    virtual ~MaintenanceService() = default;
    // The maintenance screen opened (true) or closed: gather the status now and every few
    // seconds while it is open; results reach the App through its inbox.
    virtual void watch(bool open) = 0;
    // Ask the sync worker for a bundle poll and a heartbeat now. Never blocks.
    virtual void sync_now() = 0;
    // The technician confirmed "restart kiosk": end the process so systemd starts it again.
    virtual void restart() = 0;
};

}  // namespace redgrid::kiosk
