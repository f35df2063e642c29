// What the technician's maintenance screen shows and what it can do.
//
// MaintenanceStatus is a plain value gathered OFF the UI thread (a MaintenanceProber runs
// the gathering every ~2 s while the screen is open) and handed to the App through the same
// inbox the content swap uses. The probe functions read the machine (getifaddrs, statvfs,
// /proc/uptime, /sys/class/thermal); the network side (sync worker, event queue) is added by
// whoever owns it (kiosk/online_services.cpp). MaintenanceService is what the App is given
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

// Baked in at build time (cmake/BuildCommit.cmake).
std::string_view build_version();
std::string_view build_commit();

// The machine's addresses, loopback and IPv6 link-local left out, sorted by interface.
std::expected<std::vector<IpAddress>, std::string> probe_ip_addresses();
std::expected<DiskSpace, std::string> probe_disk(const std::filesystem::path& dir);
// Seconds since boot, from the first number of /proc/uptime.
std::expected<std::chrono::seconds, std::string> probe_uptime(const std::filesystem::path& proc_uptime = "/proc/uptime");
// The hottest thermal_zone*/temp (millidegrees) under root; nullopt when there is none.
std::optional<Temperature> probe_temperature(const std::filesystem::path& root = "/sys/class/thermal");

struct SystemProbeOptions {
    std::string kiosk_id;
    std::filesystem::path data_dir;
    std::chrono::steady_clock::time_point kiosk_started = std::chrono::steady_clock::now();
};
// Everything the machine itself can say (no sync, no queue): version, ids, addresses, disk,
// uptime, temperature. Blocking I/O: never call it on the UI thread.
MaintenanceStatus probe_system(const SystemProbeOptions& options);

// A fixed, plausible status for replays and golden images, whose pictures must not change
// with the machine they are rendered on.
MaintenanceStatus sample_maintenance_status(std::chrono::system_clock::time_point now);

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

// Runs gather() on its own thread every period while watched, and hands each result to
// deliver() (on that thread). Stopping waits for a gathering under way, never for a period.
class MaintenanceProber {
public:
    using Gather = std::function<MaintenanceStatus()>;
    using Deliver = std::function<void(MaintenanceStatus)>;
    MaintenanceProber(Gather gather, Deliver deliver,
                      std::chrono::milliseconds period = std::chrono::milliseconds(2000));
    ~MaintenanceProber();
    MaintenanceProber(const MaintenanceProber&) = delete;
    MaintenanceProber& operator=(const MaintenanceProber&) = delete;

    void watch(bool open);
    // Gather again right away (after "sync now", so its result shows soon).
    void refresh();
    int rounds() const;

private:
    void run();

    Gather gather_;
    Deliver deliver_;
    std::chrono::milliseconds period_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool watching_ = false;
    bool refresh_ = false;
    bool stopping_ = false;
    int rounds_ = 0;
    std::thread thread_;
};

}  // namespace redgrid::kiosk
