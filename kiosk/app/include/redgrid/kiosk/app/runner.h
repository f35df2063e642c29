// Runs the App on SDL: the real window with its event loop, or one headless frame to PNG.
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "redgrid/config/config.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/display_power.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {


struct RunnerOptions {
    config::KioskConfig config;
    bool windowed = false;
    int width = 1920;
    int height = 1080;
    std::optional<Route> start_route;
    std::optional<std::chrono::system_clock::time_point> fixed_now;
    std::filesystem::path media_dir;  // where Image ops find media/<sha256>
    AppServices services;             // calls and the interaction sink; null = simulated, in memory
    // The clock's sync state at start (later changes arrive through the UiInbox).
    bool clock_synced = true;
    // The display schedule in force, shared with the network side (set_display_schedule,
    // heartbeat); null: the config's, for the window alone.
    DisplaySettings* display = nullptr;
};

// Work from other threads (the network worker) for the UI thread: posted from any thread,
// drained by the UI once per loop turn, which is woken by an SDL user event.
class UiInbox {
public:
    using Task = std::function<void(App&)>;
    void post(Task task);
    void drain(App& app);
    // Registered by the runner once SDL is up; if posts arrived before that, it wakes at once.
    void set_wake(std::function<void()> wake);

private:
    std::mutex mutex_;
    std::vector<Task> tasks_;
    std::function<void()> wake_;
};

// The App's options from the kiosk's configuration (the window, screenshots and replays alike).
AppOptions app_options(const config::KioskConfig& cfg);

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts later, so that
// only run_interactive's signal thread receives them. Call first thing in main(), before
// any worker thread exists.
void block_termination_signals();

// One frame of the App at (width, height), written to out as PNG. Needs no display.
std::expected<void, std::string> render_screenshot(const RunnerOptions& options,
                                                   std::shared_ptr<const Content> content,
                                                   const std::filesystem::path& out);

// The exit status after "restart kiosk" on the maintenance screen. systemd's Restart=always
// starts the kiosk again; the unit lists it in SuccessExitStatus= so the journal does not
// call a restart the technician asked for a failure.
inline constexpr int kRestartExitStatus = 75;

// The kiosk: full screen (or a window), until SIGTERM/SIGINT or a restart asked for on the
// maintenance screen; returns the process's exit status (0, or kRestartExitStatus).
// Residents cannot quit it: in full-screen mode Esc, Alt+F4 and window-close requests are
// ignored.
std::expected<int, std::string> run_interactive(const RunnerOptions& options, std::shared_ptr<const Content> content,
                                                UiInbox& inbox);

}  // namespace redgrid::kiosk
