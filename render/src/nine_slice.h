// Size-independent rounded rectangles (private to the renderer). A small raster of the
// shape (corners, shadow and all) is extended into an atlas with tiles of its middle
// column, middle row and centre pixel; any size of the same look is then drawn with
// unscaled copies only, which keeps the software renderer on its fast blitters.
#pragma once

#include "redgrid/render/draw_list.h"
#include "redgrid/render/texture_cache.h"
#include "shape_raster.h"

#include <SDL.h>

#include <expected>
#include <functional>
#include <string>

namespace redgrid::render {

inline constexpr int kNineSliceTile = 64;

// Geometry of one look: the small shape is small_w x small_h with `margin` around it;
// its middle column/row is at margin + corner.
struct NineSlice {
    int small_w = 0, small_h = 0;
    int margin = 0;
    int corner = 0;
};

// raster: the small shape (origin -margin,-margin). Returns the atlas surface.
std::expected<SurfacePtr, std::string> build_nine_slice_atlas(const ShapeRaster& raster, const NineSlice& look);

// Draws the look at destination rect (x, y, w, h); when centre_fill is set, the centre is
// drawn with it instead of tiles.
void draw_nine_slice(SDL_Renderer* renderer, SDL_Texture* atlas, const NineSlice& look, SDL_Rect dest,
                     const std::function<void(const SDL_Rect&)>& centre_fill);

}  // namespace redgrid::render
