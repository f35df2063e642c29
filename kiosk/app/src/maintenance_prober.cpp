// The maintenance screen's own small worker: gathering reads files and asks SQLite, which
// the UI thread must never wait for. It sleeps while the screen is closed.
#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/kiosk/ui/maintenance.h"

namespace redgrid::kiosk {

MaintenanceProber::MaintenanceProber(Gather gather, Deliver deliver, std::chrono::milliseconds period)
    : gather_(std::move(gather)), deliver_(std::move(deliver)), period_(period) {
    thread_ = std::thread([this] { run(); });
}

MaintenanceProber::~MaintenanceProber() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void MaintenanceProber::watch(bool open) {
    {
        std::lock_guard lock(mutex_);
        if (open && !watching_) refresh_ = true;  // the first status at once, not in 2 s
        watching_ = open;
    }
    wake_.notify_all();
}

void MaintenanceProber::refresh() {
    {
        std::lock_guard lock(mutex_);
        refresh_ = true;
    }
    wake_.notify_all();
}

int MaintenanceProber::rounds() const {
    std::lock_guard lock(mutex_);
    return rounds_;
}

void MaintenanceProber::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (!watching_) {
            wake_.wait(lock, [this] { return stopping_ || watching_; });
            continue;
        }
        if (!refresh_) {
            wake_.wait_for(lock, period_, [this] { return stopping_ || !watching_ || refresh_; });
            if (stopping_ || !watching_) continue;
        }
        refresh_ = false;
        lock.unlock();
        MaintenanceStatus status = gather_();
        deliver_(std::move(status));
        lock.lock();
        ++rounds_;
    }
}

}  // namespace redgrid::kiosk
