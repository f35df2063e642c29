// A screen mounted on its side: the App lays out at the logical size (width and height
// swapped for 90 and 270) and the runner turns the finished frame onto the panel. Touch
// coordinates come from the panel, so they are turned back by the inverse transform; both
// directions live here, as plain functions, so a test can prove they agree.
#pragma once

#include <SDL.h>

#include <expected>
#include <string>

#include "redgrid/render/draw_list.h"
#include <memory>

namespace redgrid::render {
class Painter;
}

namespace redgrid::kiosk {

// Clockwise turn of the picture on the panel: 0, 90, 180 or 270 (config screen.rotation).
struct Rotation {
    int degrees = 0;
    bool swaps_axes() const { return degrees == 90 || degrees == 270; }
};

struct Size {
    float width = 0, height = 0;
};

// The size the App lays out at, for a panel of `physical` pixels.
Size logical_size(Size physical, Rotation rotation);
// Where a point of the laid-out picture appears on the panel.
render::Point to_physical(render::Point logical, Size physical, Rotation rotation);
// The inverse: where a touch on the panel lands in the laid-out picture.
render::Point to_logical(render::Point physical, Size physical_size, Rotation rotation);

// The canvas's own texture (not counted with the Painter's cached ones).
struct CanvasTextureDeleter {
    void operator()(SDL_Texture* t) const noexcept { SDL_DestroyTexture(t); }
};
using CanvasTexturePtr = std::unique_ptr<SDL_Texture, CanvasTextureDeleter>;

// Draws frames for a rotated panel: the Painter paints into an offscreen texture of the
// logical size, which is then copied turned onto the renderer's output. With rotation 0 it
// paints straight to the output.
class RotatedCanvas {
public:
    static std::expected<RotatedCanvas, std::string> create(SDL_Renderer* renderer, Size physical, Rotation rotation);
    // `partial`: the output keeps the last frame, so only what changed is repainted. The
    // rotated path always paints partially: its texture keeps the last frame.
    void draw(render::Painter& painter, const render::DrawList& frame, bool partial = false);
    Size logical() const { return logical_; }

private:
    RotatedCanvas(SDL_Renderer* renderer, Size physical, Rotation rotation, CanvasTexturePtr texture)
        : renderer_(renderer), physical_(physical), rotation_(rotation), texture_(std::move(texture)),
          logical_(logical_size(physical, rotation)) {}
    SDL_Renderer* renderer_;
    Size physical_;
    Rotation rotation_;
    CanvasTexturePtr texture_;  // null with rotation 0
    Size logical_;
};

}  // namespace redgrid::kiosk
