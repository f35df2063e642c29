#include "online_services.h"

#include <SDL.h>

#include "redgrid/config/log.h"
#include "redgrid/kiosk/app.h"
#include "redgrid/net/sync.h"

namespace redgrid {

using config::LogLevel;

OnlineServices::OnlineServices(const config::KioskConfig& config, const std::string& config_path,
                               const kiosk::Clock& clock, kiosk::UiInbox& inbox, const net::CachedContent* shown)
    : inbox_(inbox) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (auto queue = net::EventQueue::open(config.data_dir / "events.db")) queue_.emplace(std::move(*queue));
    else config::log(LogLevel::error, "event queue: {}", queue.error().message);

    std::expected<net::SyncOptions, std::string> sync =
        config.server_url.empty() ? std::unexpected(std::string("no server.url configured (nor REDGRID_SERVER_URL)"))
                                  : net::sync_options_from_config(config, REDGRID_VERSION);
    if (!sync) {
        config::log(LogLevel::error, "not syncing: {}; set it in {} (see docs/config.md)", sync.error(), config_path);
        // Nowhere to send a call: the flow says so and shows the grid's duty phone and QR.
        kiosk::DemoCallOptions offline;
        offline.mode = kiosk::DemoCallMode::offline;
        calls_ = std::make_unique<kiosk::DemoCallService>(clock, nullptr, offline);
        if (queue_) sink_ = std::make_unique<net::QueueInteractionSink>(*queue_);
        return;
    }

    if (queue_) {
        uploader_ = std::make_unique<net::EventUploader>(*queue_, *sync, clock);
        uploader_->start();
        sink_ = std::make_unique<net::QueueInteractionSink>(*queue_, [this] { uploader_->nudge(); });
    }
    // Call updates are drained by the UI loop; an empty task wakes it to do so.
    calls_ = std::make_unique<net::NetworkCallService>(*sync, clock, queue_ ? &*queue_ : nullptr, net::CallTiming{},
                                                       [&inbox] { inbox.post([](kiosk::App&) {}); });

    // The worker calls back on its own thread; the UI thread picks the news up from the inbox.
    worker_ = std::make_unique<net::SyncWorker>(
        *sync,
        [this](net::SyncUpdate update) {
            if (auto* ready = std::get_if<net::ContentReady>(&update)) {
                inbox_.post([content = ready->content.content](kiosk::App& app) { app.set_content(content); });
            } else if (auto* status = std::get_if<net::SyncStatus>(&update)) {
                if (uploader_) uploader_->network_status(status->online);
            } else if (auto* command = std::get_if<net::Command>(&update)) {
                // reload, upload_screenshot and set_display_schedule come with the maintenance
                // and display-power work; until then the server hears so plainly.
                config::log(LogLevel::notice, "server command {} ({}): not supported by this firmware yet",
                            command->type, command->id);
                worker_->report_command_result(
                    {command->id, net::CommandStatus::unsupported, "not supported by this firmware"});
            }
        },
        clock,
        [this] {
            net::HeartbeatInfo info;
            if (uploader_) uploader_->fill(info);
            return info;
        });
    worker_->start(shown);
}

OnlineServices::~OnlineServices() {
    // Stop the threads that call into the others first: sync worker, calls, then uploader.
    if (worker_) worker_->stop();
    calls_.reset();
    if (uploader_) uploader_->stop();
}

kiosk::AppServices OnlineServices::app_services() { return {.calls = calls_.get(), .sink = sink_.get()}; }

}  // namespace redgrid
