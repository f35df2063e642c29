#include "redgrid/kiosk/app/maintenance_probe.h"
#include "loop_maintenance.h"

#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/app.h"

namespace redgrid::kiosk {

LoopMaintenance::LoopMaintenance(MaintenanceService* inner, const config::KioskConfig& config, UiInbox& inbox)
    : inner_(inner) {
    if (inner_) return;
    SystemProbeOptions probe{.kiosk_id = config.kiosk_id.empty() ? "demo" : config.kiosk_id,
                             .data_dir = config.data_dir};
    // Without a server there is no sync to report: SyncInfo says "not configured".
    own_ = std::make_unique<MaintenanceProber>(
        [probe] { return probe_system(probe); },
        [&inbox](MaintenanceStatus status) {
            inbox.post([status = std::move(status)](App& app) mutable { app.set_maintenance_status(std::move(status)); });
        });
}

void LoopMaintenance::watch(bool open) {
    if (inner_) inner_->watch(open);
    else own_->watch(open);
}

void LoopMaintenance::sync_now() {
    if (inner_) return inner_->sync_now();
    config::log(config::LogLevel::notice, "maintenance: sync now: this kiosk has no server to sync with");
    own_->refresh();
}

void LoopMaintenance::restart() {
    if (inner_) inner_->restart();
    restart_ = true;
}

}  // namespace redgrid::kiosk
