#include "redgrid/kiosk/app/frame_loop.h"

namespace redgrid::kiosk {

using namespace std::chrono;

FrameLoop::FrameLoop(FrameLoopParts parts) : parts_(parts), painted_content_(parts.app.content()) {}

std::optional<milliseconds> FrameLoop::turn() {
    App& app = parts_.app;
    parts_.inbox.drain(app);
    switch (parts_.power.update(app.clock_synced())) {
        case ScreenPower::Change::went_dark:
            // With no way to switch the panel off, one black frame hides the picture; the
            // frame kept for partial repaints is gone either way.
            if (parts_.power.black_frame()) {
                SDL_Renderer* renderer = parts_.target.renderer();
                SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
                SDL_RenderClear(renderer);
                parts_.target.present();
            }
            parts_.painter.forget_frame();
            break;
        case ScreenPower::Change::lit_up:
            parts_.painter.forget_frame();
            app.invalidate();
            break;
        case ScreenPower::Change::none:
            break;
    }
    if (app.content() != painted_content_) {
        // New content (a sync, the server's reload) is drawn from scratch: it may bring new
        // photos under keys that showed placeholders before.
        parts_.painter.forget_media();
        parts_.painter.forget_frame();
        painted_content_ = app.content();
    }
    // Dark: no timers, no frames; the loop sleeps until the schedule or a touch says otherwise.
    if (!parts_.power.lit()) return parts_.power.until_next_change();

    app.tick();
    if (app.needs_redraw()) {
        // A clock tick or a press repaints only what changed where the target allows.
        parts_.canvas.draw(parts_.painter, app.frame(parts_.measurer), parts_.target.keeps_frame());
        parts_.target.present();
        ++frames_;
    }
    milliseconds wait = app.time_until_next_change();
    if (auto edge = parts_.power.until_next_change()) wait = std::min(wait, *edge);
    return wait;
}

bool FrameLoop::handle(const SDL_Event& event) {
    if (parts_.power.filter(event)) return true;
    return parts_.touch.handle(event, parts_.app);
}

void FrameLoop::repaint_all() {
    parts_.painter.forget_frame();
    parts_.app.invalidate();
}

}  // namespace redgrid::kiosk
