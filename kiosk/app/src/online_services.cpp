#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/kiosk/ui/demo_call_service.h"
#include "redgrid/kiosk/app/online_services.h"

#include <SDL.h>

#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/net/display_schedule_store.h"
#include "redgrid/net/sync.h"

namespace redgrid {

using config::LogLevel;

namespace {

// "https://hub.example.org:8443/api/" -> "hub.example.org:8443": what a technician compares.
std::string host_of(const std::string& url) {
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
    if (const auto at = rest.find('@'); at != std::string_view::npos && at < rest.find('/')) rest.remove_prefix(at + 1);
    return std::string(rest.substr(0, rest.find('/')));
}

}  // namespace

OnlineServices::OnlineServices(const config::KioskConfig& config, const std::string& config_path,
                               const redgrid::Clock& clock, kiosk::UiInbox& inbox, const net::CachedContent* shown,
                               OnlineTimings timings)
    : inbox_(inbox), data_dir_(config.data_dir),
      display_(net::load_display_schedule(config.data_dir, config.display_schedule)), clock_(clock),
      probe_{.kiosk_id = config.kiosk_id, .data_dir = config.data_dir} {
    server_host_ = host_of(config.server_url);
    prober_ = std::make_unique<kiosk::MaintenanceProber>(
        [this] { return gather_status(); },
        [&inbox](kiosk::MaintenanceStatus status) {
            inbox.post([status = std::move(status)](kiosk::App& app) mutable {
                app.set_maintenance_status(std::move(status));
            });
        });
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (auto queue = net::EventQueue::open(config.data_dir / "events.db")) queue_.emplace(std::move(*queue));
    else config::log(LogLevel::error, "event queue: {}", queue.error().message);

    std::expected<net::SyncOptions, std::string> sync =
        config.server_url.empty() ? std::unexpected(std::string("no server.url configured (nor REDGRID_SERVER_URL)"))
                                  : net::sync_options_from_config(config, REDGRID_VERSION);
    if (!sync) {
        config::log(LogLevel::error, "not syncing: {}; set it in {} (see docs/config.md)", sync.error(), config_path);
        not_syncing_ = sync.error();
        // Nowhere to send a call: the flow says so and shows the grid's duty phone and QR.
        kiosk::DemoCallOptions offline;
        offline.mode = kiosk::DemoCallMode::offline;
        calls_ = std::make_unique<kiosk::DemoCallService>(clock, nullptr, offline);
        if (queue_) sink_ = std::make_unique<net::QueueInteractionSink>(*queue_);
        return;
    }

    if (queue_) {
        uploader_ = std::make_unique<net::EventUploader>(*queue_, *sync, clock, timings.upload);
        uploader_->start();
        sink_ = std::make_unique<net::QueueInteractionSink>(*queue_, [this] { uploader_->nudge(); });
    }
    // Call updates are drained by the UI loop; an empty task wakes it to do so. The call
    // flow records each call and cancel in the queue (through sink_); the service only
    // talks to the hub, so a call made offline is recorded once.
    calls_ = std::make_unique<net::NetworkCallService>(*sync, clock, timings.calls,
                                                       [&inbox] { inbox.post([](kiosk::App&) {}); });

    // The worker calls back on its own thread; the UI thread picks the news up from the inbox.
    worker_ = std::make_unique<net::SyncWorker>(
        *sync,
        [this](net::SyncUpdate update) {
            if (auto* ready = std::get_if<net::ContentReady>(&update)) {
                inbox_.post([content = ready->content.content](kiosk::App& app) { app.set_content(content); });
            } else if (auto* status = std::get_if<net::SyncStatus>(&update)) {
                if (uploader_) uploader_->network_status(status->online);
                // A sync that found nothing new still says the content shown is current.
                if (status->last_success)
                    inbox_.post([at = *status->last_success](kiosk::App& app) { app.content_confirmed(at); });
            } else if (auto* command = std::get_if<protocol::Command>(&update);
                       command && command->type == "set_display_schedule") {
                // Saved and put in force here; the UI loop picks it up on its next turn.
                worker_->report_command_result(net::apply_display_schedule(*command, data_dir_, display_));
                inbox_.post([](kiosk::App&) {});
                worker_->heartbeat_now();
            } else if (command) {
                // reload and upload_screenshot: server_commands.cpp; anything else is unsupported.
                if (commands_->handle(*command)) return;
                config::log(LogLevel::notice, "server command {} ({}): not supported by this firmware yet",
                            command->type, command->id);
                worker_->report_command_result(
                    {command->id, protocol::CommandStatus::unsupported, "not supported by this firmware"});
            } else if (auto* reloaded = std::get_if<net::ContentReloaded>(&update)) {
                commands_->reloaded(std::move(*reloaded));
            }
        },
        clock,
        [this] {
            protocol::HeartbeatInfo info;
            if (uploader_) uploader_->fill(info);
            info.display_on = display_.lit();
            info.display_schedule = display_.schedule();
            return info;
        },
        timings.sync);
    commands_ = std::make_unique<ServerCommands>(*worker_, inbox);
    worker_->start(shown);
}

OnlineServices::~OnlineServices() {
    // Stop the threads that call into the others first: the maintenance prober (it reads
    // the worker and the queue), sync worker, calls, then uploader.
    prober_.reset();
    if (worker_) worker_->stop();
    commands_.reset();  // after the worker that calls into it, before the worker it uploads through
    calls_.reset();
    if (uploader_) uploader_->stop();
}

kiosk::AppServices OnlineServices::app_services() {
    return {.calls = calls_.get(), .sink = sink_.get(), .maintenance = this};
}

void OnlineServices::watch(bool open) { prober_->watch(open); }

void OnlineServices::sync_now() {
    if (!worker_) {
        config::log(LogLevel::notice, "maintenance: sync now: not syncing ({})", not_syncing_);
        return;
    }
    // A technician's "sync now" means content and events both: poll, heartbeat, upload.
    worker_->sync_now();
    worker_->heartbeat_now();
    if (uploader_) uploader_->nudge();
}

// On the prober's thread: the worker's status and the queue are both safe to read from any
// thread (each takes its own lock).
kiosk::MaintenanceStatus OnlineServices::gather_status() {
    kiosk::MaintenanceStatus s = kiosk::probe_system(probe_);
    s.sync.configured = worker_ != nullptr;
    s.sync.server = server_host_;
    s.sync.why_not = not_syncing_;
    if (worker_) {
        const net::SyncStatus st = worker_->status();
        s.sync.online = st.online;
        s.sync.last_success = st.last_success;
        s.sync.last_error = st.last_error;
        s.sync.consecutive_failures = st.consecutive_failures;
        s.sync.attempted = st.online || st.last_success || !st.last_error.empty() || st.consecutive_failures > 0;
    }
    if (queue_) {
        s.queue_depth = queue_->depth();
        if (auto age = queue_->oldest_age(clock_.now()))
            s.oldest_event_age = std::chrono::duration_cast<std::chrono::seconds>(*age);
    }
    return s;
}

}  // namespace redgrid
