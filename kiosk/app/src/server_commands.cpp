#include "redgrid/kiosk/app/server_commands.h"

#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/render/png_codec.h"

namespace redgrid {

using config::LogLevel;

ServerCommands::ServerCommands(net::SyncWorker& worker, kiosk::UiInbox& inbox)
    : worker_(worker), inbox_(inbox), encoder_([this] { encode_loop(); }) {}

ServerCommands::~ServerCommands() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    encoder_.join();
}

void ServerCommands::report(std::string command_id, protocol::CommandStatus status, std::string message) {
    config::log(status == protocol::CommandStatus::done ? LogLevel::notice : LogLevel::warning, "server command {}: {}{}{}",
                command_id, protocol::to_string(status), message.empty() ? "" : ": ", message);
    worker_.report_command_result({std::move(command_id), status, std::move(message)});
    // Someone at the hub is waiting for this answer; the next heartbeat would be a minute away.
    worker_.heartbeat_now();
}

bool ServerCommands::handle(const protocol::Command& command) {
    if (command.type == "reload") {
        worker_.reload(command.id);
        return true;
    }
    if (command.type != "upload_screenshot") return false;
    // The App is only touched on the UI thread: the request goes there, the picture is taken
    // after the next drawing and comes back to this class's thread to be encoded.
    inbox_.post([this, id = command.id](kiosk::App& app) {
        app.request_screenshot([this, id](std::expected<std::shared_ptr<const render::PixelImage>, std::string> image) {
            if (!image) return report(id, protocol::CommandStatus::failed, image.error());
            {
                std::lock_guard lock(mutex_);
                pictures_.push_back({id, std::move(*image)});
            }
            wake_.notify_all();
        });
    });
    return true;
}

void ServerCommands::reloaded(net::ContentReloaded reloaded) {
    if (!reloaded.content) {
        // The screen keeps what it shows: a corrupt cache must not blank it.
        return report(std::move(reloaded.command_id), protocol::CommandStatus::failed,
                      "reload: keeping the content shown: " + reloaded.content.error());
    }
    std::string message = "bundle " + reloaded.content->version;
    if (const auto missing = reloaded.content->missing_media.size(); missing > 0)
        message += "; " + std::to_string(missing) + " media file(s) missing on disk, downloading them again";
    inbox_.post([this, id = std::move(reloaded.command_id), content = reloaded.content->content,
                 message = std::move(message)](kiosk::App& app) mutable {
        app.reload(std::move(content));
        report(std::move(id), protocol::CommandStatus::done, std::move(message));
    });
}

void ServerCommands::encode_loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !pictures_.empty(); });
        if (stopping_) return;
        Picture picture = std::move(pictures_.front());
        pictures_.pop_front();
        lock.unlock();
        const auto started = std::chrono::steady_clock::now();
        auto png = render::encode_png(*picture.image);
        picture.image.reset();  // 8 MB of pixels for a 1080p screen: not kept for the upload
        if (!png) {
            report(std::move(picture.command_id), protocol::CommandStatus::failed, png.error());
        } else {
            config::log(
                LogLevel::info, "screenshot for {}: {} bytes of PNG in {} ms", picture.command_id, png->size(),
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                    .count());
            worker_.upload_screenshot(std::move(picture.command_id), std::move(*png));
        }
        lock.lock();
    }
}

}  // namespace redgrid
