#include "redgrid/kiosk/app/clock_sync.h"

#include <sys/timex.h>

namespace redgrid::kiosk {

bool clock_synchronised(const ClockSyncSources& sources) {
    std::error_code ec;
    if (!sources.timesync_flag.empty() && std::filesystem::exists(sources.timesync_flag, ec)) return true;
    if (!sources.ask_kernel) return false;
    // modes = 0 only reads. TIME_ERROR (or -1: EPERM under ProtectClock=) means "not known".
    timex tx{};
    const int state = adjtimex(&tx);
    return state != -1 && state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0;
}

ClockSyncWatcher::ClockSyncWatcher(Probe probe, OnChange on_change, std::chrono::milliseconds unsynced_every,
                                   std::chrono::milliseconds synced_every)
    : probe_(std::move(probe)), on_change_(std::move(on_change)), unsynced_every_(unsynced_every),
      synced_every_(synced_every) {}

ClockSyncWatcher::~ClockSyncWatcher() { stop(); }

void ClockSyncWatcher::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void ClockSyncWatcher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ClockSyncWatcher::check_now() {
    {
        std::lock_guard lock(mutex_);
        check_requested_ = true;
    }
    wake_.notify_all();
}

void ClockSyncWatcher::run() {
    std::optional<bool> last;
    for (;;) {
        const bool now = probe_();
        if (now != last) {
            last = now;
            on_change_(now);
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, now ? synced_every_ : unsynced_every_, [this] { return stopping_ || check_requested_; });
        if (stopping_) return;
        check_requested_ = false;
    }
}

}  // namespace redgrid::kiosk
