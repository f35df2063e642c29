// The server's upload_screenshot on the UI thread: the picture a resident sees, taken with
// the renderer that drew the screen. The PNG encoding is not done here (it is the slow part):
// each request's `done` hands the pixels to another thread (kiosk/app/src/server_commands.cpp).
//
// What the picture is: the App's current frame (App::screenshot_frame: the PIN pad masked),
// painted again by the same Painter and renderer into an offscreen texture of the App's
// logical size and read back. So it is upright, as a resident standing in front of the
// screen sees it, whatever screen.rotation turns onto the panel (a 1920x1080 panel at 90
// gives a 1080x1920 picture), and it is there while the display is off by schedule: it is
// what would be shown. Pixel for pixel what the panel shows (rotations are exact turns).
#pragma once

#include <SDL.h>

#include <expected>
#include <string>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/kiosk/app/rotation.h"
#include "redgrid/render/draw_list.h"
#include "redgrid/render/render_target.h"

namespace redgrid::render {
class Painter;
}

namespace redgrid::kiosk {

// Paints `frame` into an offscreen texture of (width, height) on `renderer` and reads it
// back. Leaves the render target as it was; the painter repaints in full next time.
std::expected<render::PixelImage, std::string> capture_frame(SDL_Renderer* renderer, render::Painter& painter,
                                                             const render::DrawList& frame, int width, int height);

// Answers every screenshot the App was asked for with one picture of its frame. Call on the
// UI thread after the turn's drawing, so the frame is the one on screen.
void take_screenshots(App& app, SDL_Renderer* renderer, render::Painter& painter, const render::TextMeasurer& measurer,
                      Size logical);

}  // namespace redgrid::kiosk
