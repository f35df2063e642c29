// Executes a DrawList with SDL2: text through SDL_ttf, shapes, photos and QR codes
// rasterised once (antialiased, with cairo) into cached textures.
#pragma once

#include "redgrid/render/draw_list.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/texture_cache.h"

#include <SDL.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace redgrid::render {

struct PainterOptions {
    std::size_t text_cache_bytes = 64u << 20;
    std::size_t shape_cache_bytes = 64u << 20;
    std::size_t image_cache_bytes = 48u << 20;  // composed photos and QR codes
    std::size_t layout_cache_entries = 4096;
};

struct PainterStats {
    CacheStats text;    // text runs and icon glyphs
    CacheStats shapes;  // round rects, circles, polygons, lines
    CacheStats images;  // photos, placeholders, QR codes
    std::uint64_t layout_hits = 0;
    std::uint64_t layout_misses = 0;
    std::size_t live_textures = 0;   // every texture the renderer holds, process-wide
    std::uint64_t frames = 0;
    std::uint64_t failed_ops = 0;    // ops that could not be drawn (see last_error)
    std::uint64_t missing_images = 0;  // placeholders drawn instead of a photo
    std::uint64_t unknown_icons = 0;
    std::uint64_t partial_frames = 0;    // draw_changes that repainted only a damaged rectangle
    std::uint64_t unchanged_frames = 0;  // draw_changes with nothing to repaint
    std::uint64_t damaged_pixels = 0;    // summed over partial frames
    std::string last_error;
};

// What draw_changes did.
struct Repaint {
    enum class Kind : std::uint8_t { full, partial, none } kind = Kind::full;
    SDL_Rect damage{0, 0, 0, 0};  // partial: the rectangle repainted
};

class Painter {
public:
    Painter(SDL_Renderer* renderer, FontSet& fonts, MediaStore& media, PainterOptions options = {});

    // Clears to list.clear and draws every op in order. Does not present.
    void draw(const DrawList& list);

    // Repaints only what differs from the list drawn last (painter_damage.cpp): the ops that
    // differ are found by value, the rectangle their old and new pixels cover is cleared, and
    // every op that touches it is drawn again, clipped to it, in order: the same pixels as
    // draw(list), for a clock tick or a press at a fraction of the cost. Needs a target that
    // keeps its pixels between frames (RenderTarget::keeps_frame()); falls back to draw()
    // when there is no previous list, the clear colour or a clip op changed, or the damage
    // covers most of the target.
    Repaint draw_changes(const DrawList& list);
    // The next draw_changes draws everything (the target's pixels were lost, e.g. an expose).
    void forget_frame();

    PainterStats stats() const;

    // Composed photos (and the placeholders drawn for missing ones) are cached by media key:
    // call this when new media has arrived so that placeholders get their photos.
    void forget_media();

    // The lines a Text op is drawn as (cached, as draw uses them).
    const std::vector<TextLine>& lines_of(const Text& text);

private:
    void draw_op(const RoundRect& op);
    void draw_op(const Circle& op);
    void draw_op(const Polygon& op);
    void draw_op(const Line& op);
    void draw_op(const Text& op);
    void draw_op(const Icon& op);
    void draw_op(const Image& op);
    void draw_op(const QrCode& op);
    void draw_op(const PushClip& op);
    void draw_op(const PopClip& op);

    // Draws the ops, clipped to `damage` if set, recording each op's extent in extents_.
    void paint_ops(const DrawList& list, const SDL_Rect* damage);
    // The pixels `op` would touch, found by running it with measuring_ set (nothing drawn).
    SDL_Rect measure(const DrawOp& op);
    void touch(const SDL_Rect& rect);

    void blit(const CachedTexture& texture, int anchor_x, int anchor_y);
    void fill_rect(const SDL_Rect& rect, Color color);
    void fail(const std::string& message);
    void apply_clip();

    SDL_Renderer* renderer_;
    FontSet& fonts_;
    MediaStore& media_;
    PainterOptions options_;
    TextureCache text_cache_;
    TextureCache shape_cache_;
    TextureCache image_cache_;
    std::unordered_map<std::string, std::vector<TextLine>> layouts_;
    std::vector<SDL_Rect> clips_;
    PainterStats counters_;

    // The last frame drawn, for draw_changes: its ops, the pixels each touched (unclipped),
    // and which of them showed something temporary (a photo still decoding).
    bool have_frame_ = false;
    DrawList last_;
    std::vector<SDL_Rect> extents_;
    std::vector<bool> provisional_;
    SDL_Rect damage_{0, 0, 0, 0};  // while painting a partial frame
    bool partial_ = false;
    bool measuring_ = false;  // draw ops only record their extent
    SDL_Rect extent_{0, 0, 0, 0};
    bool provisional_op_ = false;
};

}  // namespace redgrid::render
