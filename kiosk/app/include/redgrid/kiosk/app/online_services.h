// The kiosk's network side, wired for the UI: the content sync worker, the durable event
// queue with its uploader, the one-key call over the protocol, and the sink the call flow
// records into. Part of the executable (redgrid_net builds on redgrid_kiosk, not the
// other way round); everything reaches the UI thread through the UiInbox.
#pragma once

#include <memory>
#include <optional>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/config/config.h"
#include "redgrid/protocol/calls.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/maintenance.h"
#include "redgrid/kiosk/app/runner.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/kiosk/app/display_power.h"
#include "redgrid/net/event_queue.h"
#include "redgrid/net/event_uploader.h"
#include "redgrid/net/network_call_service.h"
#include "redgrid/net/queue_interaction_sink.h"
#include "redgrid/net/sync_worker.h"
#include "redgrid/kiosk/app/server_commands.h"

namespace redgrid {

// The workers' timings; the defaults are the kiosk's. The soak test (tests/soak) runs the
// same wiring on an accelerated clock by setting recheck_every in each.
struct OnlineTimings {
    net::WorkerTiming sync;
    net::UploadTiming upload;
    net::CallTiming calls;
};

// Also the maintenance screen's service: its status adds the sync worker's view and the
// event queue to what the machine says, gathered on the prober's thread.
class OnlineServices final : public kiosk::MaintenanceService {
public:
    // Opens the queue in the data directory and, when the kiosk is provisioned (server URL
    // and a readable token), starts syncing, uploading and calling through the server. When
    // it is not, it logs why: calls then say plainly that the screen is offline and show the
    // grid's duty phone, and what residents did waits in the queue.
    OnlineServices(const config::KioskConfig& config, const std::string& config_path, const redgrid::Clock& clock,
                   kiosk::UiInbox& inbox, const net::CachedContent* shown, OnlineTimings timings = {});
    ~OnlineServices();
    OnlineServices(const OnlineServices&) = delete;
    OnlineServices& operator=(const OnlineServices&) = delete;

    kiosk::AppServices app_services();
    // The queue and its uploader, when the queue could be opened (heartbeat, tests).
    net::EventQueue* queue() { return queue_ ? &*queue_ : nullptr; }
    net::EventUploader* uploader() { return uploader_.get(); }
    // The display schedule in force (the server's saved one, else the config's) and whether
    // the screen is lit: the UI loop applies it (RunnerOptions::display), the heartbeat
    // reports it, set_display_schedule changes it.
    config::DisplaySettings& display() { return display_; }

    void watch(bool open) override;
    void sync_now() override;
    // Nothing to do here: the UI loop ends the process (kiosk::LoopMaintenance).
    void restart() override {}

private:
    kiosk::MaintenanceStatus gather_status();

    kiosk::UiInbox& inbox_;
    std::filesystem::path data_dir_;
    config::DisplaySettings display_;
    std::optional<net::EventQueue> queue_;
    std::unique_ptr<net::EventUploader> uploader_;
    std::unique_ptr<protocol::InteractionSink> sink_;
    std::unique_ptr<protocol::CallService> calls_;
    std::unique_ptr<net::SyncWorker> worker_;
    std::unique_ptr<ServerCommands> commands_;  // reload, upload_screenshot
    const redgrid::Clock& clock_;
    kiosk::SystemProbeOptions probe_;
    std::string server_host_;
    std::string not_syncing_;  // why there is no worker
    std::unique_ptr<kiosk::MaintenanceProber> prober_;
};

}  // namespace redgrid
