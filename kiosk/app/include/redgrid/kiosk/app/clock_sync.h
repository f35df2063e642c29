// Whether the system clock can be trusted. A screen that boots without a network (or
// without a real-time clock) runs on the last known time until NTP answers; until then
// the App hides the clock and every claim that depends on today's date (docs/deploy.md,
// "Time"). The probe is a plain function so tests and --demo inject their answer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace redgrid::kiosk {

struct ClockSyncSources {
    // systemd-timesyncd creates this file once it has synchronised the clock.
    std::filesystem::path timesync_flag = "/run/systemd/timesync/synchronized";
    // The kernel's view (adjtimex without STA_UNSYNC: chrony, ntpd, timesyncd). The
    // kiosk unit's ProtectClock=yes makes the call fail; then only the flag counts.
    bool ask_kernel = true;
};

// True when either source says the clock is synchronised. Cheap (one stat, one syscall).
bool clock_synchronised(const ClockSyncSources& sources = {});

// Re-checks a probe on its own thread (a stat must never stall the UI) and reports the
// first answer and every change. Checks every `unsynced_every` until synchronised, then
// every `synced_every` (a clock can lose its sync when the NTP server vanishes for long).
class ClockSyncWatcher {
public:
    using Probe = std::function<bool()>;
    using OnChange = std::function<void(bool synchronised)>;  // called on the watcher thread

    ClockSyncWatcher(Probe probe, OnChange on_change, std::chrono::milliseconds unsynced_every = std::chrono::seconds(5),
                     std::chrono::milliseconds synced_every = std::chrono::seconds(60));
    ~ClockSyncWatcher();  // stops and joins
    ClockSyncWatcher(const ClockSyncWatcher&) = delete;
    ClockSyncWatcher& operator=(const ClockSyncWatcher&) = delete;

    void start();
    void stop();
    // Look again now (tests; a "reload" command).
    void check_now();

private:
    void run();

    Probe probe_;
    OnChange on_change_;
    std::chrono::milliseconds unsynced_every_, synced_every_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool check_requested_ = false;
    std::thread thread_;
};

}  // namespace redgrid::kiosk
