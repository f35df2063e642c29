// The server's reload and upload_screenshot commands (docs/protocol.md "Commands"), carried
// out around the UI thread, which never waits for a disk or an encoder:
//   reload            the sync worker reads the cache's current bundle again (its thread owns
//                     the cache, so a sync can never be half-way through replacing it); the UI
//                     thread shows it from scratch on the home screen (App::reload); "done",
//                     or "failed" naming the file and the problem while the screen keeps
//                     what it shows.
//   upload_screenshot the UI thread takes the picture after its next drawing (screenshot.h),
//                     this class's thread encodes it to PNG and the sync worker uploads it.
// Each result goes back in a heartbeat sent at once. A command id the server delivers again
// before it has the result reaches nobody twice: the sync worker remembers the last 100.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "redgrid/kiosk/app/runner.h"
#include "redgrid/protocol/heartbeat.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/net/sync_worker.h"

namespace redgrid::render {
struct PixelImage;
}

namespace redgrid {

class ServerCommands {
public:
    // Both must outlive this object, and the App must not call back into it after that
    // (the UI loop ends before the online services do).
    ServerCommands(net::SyncWorker& worker, kiosk::UiInbox& inbox);
    ~ServerCommands();  // finishes the picture being encoded, drops the others
    ServerCommands(const ServerCommands&) = delete;
    ServerCommands& operator=(const ServerCommands&) = delete;

    // From the sync worker's callback: starts `command` if it is a reload or an
    // upload_screenshot and returns true; false for any other type.
    bool handle(const protocol::Command& command);
    // From the sync worker's callback: the cache was read again for a reload.
    void reloaded(net::ContentReloaded reloaded);

private:
    struct Picture {
        std::string command_id;
        std::shared_ptr<const render::PixelImage> image;
    };
    void report(std::string command_id, protocol::CommandStatus status, std::string message);
    void encode_loop();

    net::SyncWorker& worker_;
    kiosk::UiInbox& inbox_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Picture> pictures_;
    bool stopping_ = false;
    std::thread encoder_;
};

}  // namespace redgrid
