// One turn of the kiosk's UI loop, apart from SDL's event wait and the process's business
// (signals, systemd, restart), so tests run the very loop run_interactive runs on a FakeClock
// and an offscreen target: the inbox, the display schedule, the App's timers, a frame when
// something changed; and each event through the schedule's filter to the touch layer.
#pragma once

#include <SDL.h>

#include <chrono>
#include <optional>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/rotation.h"
#include "redgrid/kiosk/app/runner.h"
#include "redgrid/kiosk/app/screen_power.h"
#include "redgrid/kiosk/app/touch_input.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"

namespace redgrid::kiosk {

struct FrameLoopParts {
    App& app;
    UiInbox& inbox;
    render::RenderTarget& target;
    RotatedCanvas& canvas;
    render::Painter& painter;
    const render::TextMeasurer& measurer;
    TouchInput& touch;
    ScreenPower& power;
};

class FrameLoop {
public:
    explicit FrameLoop(FrameLoopParts parts);

    // Drains the inbox and applies the display schedule; while lit, runs the App's timers
    // and presents a frame if anything changed. While dark nothing is drawn. Returns how
    // long the loop may wait for an event before the next turn (nullopt: for ever).
    std::optional<std::chrono::milliseconds> turn();
    // One SDL event: the display schedule sees pointer events first (a touch that wakes the
    // dark screen goes no further), then the touch layer. False: not a pointer event.
    bool handle(const SDL_Event& event);
    // The window was exposed: the next lit turn repaints everything.
    void repaint_all();

    bool lit() const { return parts_.power.lit(); }
    // Frames presented so far (the App's; a black frame when going dark is not one).
    int frames() const { return frames_; }

private:
    FrameLoopParts parts_;
    const Content* painted_content_ = nullptr;
    int frames_ = 0;
};

}  // namespace redgrid::kiosk
