// Antialiased rasterisation with cairo into SDL surfaces (private to the renderer).
// Shapes are drawn in "local" coordinates relative to an anchor pixel chosen by the
// caller, so one raster serves every whole-pixel translation of the same shape.
#pragma once

#include "redgrid/render/draw_list.h"
#include "redgrid/render/sdl_handles.h"

#include <expected>
#include <string>
#include <vector>

namespace redgrid::render {

struct ShapeRaster {
    SurfacePtr surface;  // straight-alpha ARGB8888, ready for SDL_BLENDMODE_BLEND
    int origin_x = 0;    // local coordinates of the surface's top-left pixel
    int origin_y = 0;
};

using RasterResult = std::expected<ShapeRaster, std::string>;

// How far a soft shadow of this blur radius reaches beyond its shape, and how far down it sits.
int shadow_reach(float blur);
float shadow_offset_y(float blur);

// Rect at local (0,0) of size w x h.
RasterResult rasterize_round_rect(float w, float h, float radius, Color fill, Color stroke, float stroke_width,
                                  float shadow);
RasterResult rasterize_circle(Point center, float radius, Color fill, Color stroke, float stroke_width, float shadow);
RasterResult rasterize_polygon(const std::vector<Point>& points, Color fill, Color stroke, float stroke_width);
RasterResult rasterize_line(Point from, Point to, Color color, float width);

// image (any SDL pixel format) fitted into a w x h box at local (0,0), clipped to a rounded
// rectangle of corner radius (a circle when radius >= half the shorter side).
RasterResult rasterize_image(SDL_Surface* image, float w, float h, ImageFit fit, float radius);
// The neutral disc shown for a missing or broken image.
RasterResult rasterize_placeholder(float w, float h, float radius);

// Turns cairo's premultiplied ARGB32 into straight alpha in place (exposed for tests).
void unpremultiply_argb32(unsigned char* data, int width, int height, int stride);

}  // namespace redgrid::render
