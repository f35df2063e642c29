// Internal to the runner: the maintenance service the UI loop hands the App. It forwards
// status gathering and "sync now" to the service main.cpp gave (the network side), or,
// without one (--demo, --bundle), gathers what the machine itself can say. "Restart kiosk"
// is the loop's business: it ends the loop with kRestartExitStatus, and systemd
// (Restart=always, SuccessExitStatus=75) starts the kiosk again.
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/config/config.h"
#include "redgrid/kiosk/ui/maintenance.h"
#include "redgrid/kiosk/app/runner.h"

namespace redgrid::kiosk {

class LoopMaintenance final : public MaintenanceService {
public:
    LoopMaintenance(MaintenanceService* inner, const config::KioskConfig& config, UiInbox& inbox);
    void watch(bool open) override;
    void sync_now() override;
    void restart() override;
    bool restart_requested() const { return restart_; }

private:
    MaintenanceService* inner_;
    std::unique_ptr<MaintenanceProber> own_;
    bool restart_ = false;
};

// The replays' stand-in: a fixed sample status (sample_maintenance_status), handed over
// when the player next drains, as the inbox would; actions are only counted.
class SampleMaintenance final : public MaintenanceService {
public:
    void watch(bool open) override { pending_ = open; }
    void sync_now() override { ++syncs_; pending_ = true; }
    void restart() override { ++restarts_; }
    bool take_pending() { return std::exchange(pending_, false); }

private:
    bool pending_ = false;
    int syncs_ = 0, restarts_ = 0;
};

}  // namespace redgrid::kiosk
