// Gathering the maintenance screen's status from the machine (blocking reads: off the UI
// thread, on a MaintenanceProber) and the fixed sample replays and goldens show.
#pragma once

#include <chrono>
#include <condition_variable>
#include <expected>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "redgrid/kiosk/ui/maintenance.h"

namespace redgrid::kiosk {

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
