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
    std::string last_error;
};

class Painter {
public:
    Painter(SDL_Renderer* renderer, FontSet& fonts, MediaStore& media, PainterOptions options = {});

    // Clears to list.clear and draws every op in order. Does not present.
    void draw(const DrawList& list);

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
};

}  // namespace redgrid::render
