#include "nine_slice.h"

#include <algorithm>
#include <vector>

namespace redgrid::render {
namespace {

// One axis: a piece copied 1:1 from [src, src+len), or a tiled run of length len.
struct Piece {
    bool tiled;
    int src;
    int dst;
    int len;
};

std::vector<Piece> pieces(int start, int full, int small, int margin, int corner) {
    if (full <= small) return {{false, 0, start - margin, small + 2 * margin}};
    return {{false, 0, start - margin, margin + corner},
            {true, 0, start + corner, full - 2 * corner},
            {false, margin + corner + 1, start + full - corner, corner + margin}};
}

}  // namespace

std::expected<SurfacePtr, std::string> build_nine_slice_atlas(const ShapeRaster& raster, const NineSlice& look) {
    SDL_Surface* src = raster.surface.get();
    const int tw = src->w, th = src->h, tile = kNineSliceTile;
    SurfacePtr atlas(SDL_CreateRGBSurfaceWithFormat(0, tw + tile, th + tile, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!atlas) return std::unexpected(std::string("nine-slice atlas: ") + SDL_GetError());
    SDL_FillRect(atlas.get(), nullptr, 0);
    SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_NONE);  // copy pixels as they are
    SDL_BlitSurface(src, nullptr, atlas.get(), nullptr);
    const int mid_x = std::min(look.margin + look.corner, tw - 1);
    const int mid_y = std::min(look.margin + look.corner, th - 1);
    for (int i = 0; i < tile; ++i) {
        SDL_Rect column{mid_x, 0, 1, th}, column_dst{tw + i, 0, 1, th};
        SDL_BlitSurface(src, &column, atlas.get(), &column_dst);
        SDL_Rect row{0, mid_y, tw, 1}, row_dst{0, th + i, tw, 1};
        SDL_BlitSurface(src, &row, atlas.get(), &row_dst);
    }
    const Uint32 centre = static_cast<const Uint32*>(src->pixels)[mid_y * (src->pitch / 4) + mid_x];
    SDL_Rect centre_tiles{tw, th, tile, tile};
    SDL_FillRect(atlas.get(), &centre_tiles, centre);
    return atlas;
}

void draw_nine_slice(SDL_Renderer* renderer, SDL_Texture* atlas, const NineSlice& look, SDL_Rect dest,
                     const std::function<void(const SDL_Rect&)>& centre_fill) {
    const int tw = look.small_w + 2 * look.margin, th = look.small_h + 2 * look.margin, tile = kNineSliceTile;
    const auto columns = pieces(dest.x, dest.w, look.small_w, look.margin, look.corner);
    const auto rows = pieces(dest.y, dest.h, look.small_h, look.margin, look.corner);
    for (const Piece& px : columns) {
        for (const Piece& py : rows) {
            if (px.tiled && py.tiled && centre_fill) {
                centre_fill({px.dst, py.dst, px.len, py.len});
                continue;
            }
            // Tiled axes read from the tile regions to the right of / below the raster.
            const int step_x = px.tiled ? tile : px.len, step_y = py.tiled ? tile : py.len;
            for (int oy = 0; oy < py.len; oy += step_y) {
                for (int ox = 0; ox < px.len; ox += step_x) {
                    const int w = std::min(step_x, px.len - ox), h = std::min(step_y, py.len - oy);
                    SDL_Rect src{px.tiled ? tw : px.src, py.tiled ? th : py.src, w, h};
                    SDL_Rect dst{px.dst + ox, py.dst + oy, w, h};
                    SDL_RenderCopy(renderer, atlas, &src, &dst);
                }
            }
        }
    }
}

}  // namespace redgrid::render
