#include "redgrid/render/painter.h"

#include "redgrid/render/qr_code.h"
#include "nine_slice.h"
#include "shape_raster.h"

#include <algorithm>
#include <cmath>

namespace redgrid::render {
namespace {

// Cache keys: a tag, then fields joined by '|'; the free-form string (text, data) goes last.
class Key {
public:
    explicit Key(std::string_view tag) : key_(tag) {}
    Key& num(float value, float quantum = 1.0f / 16) {
        key_ += '|';
        key_ += std::to_string(std::lround(value / quantum));
        return *this;
    }
    Key& integer(long long value) {
        key_ += '|';
        key_ += std::to_string(value);
        return *this;
    }
    Key& color(Color c) {
        static constexpr char hex[] = "0123456789abcdef";
        key_ += '|';
        for (std::uint8_t v : {c.r, c.g, c.b, c.a}) {
            key_ += hex[v >> 4];
            key_ += hex[v & 15];
        }
        return *this;
    }
    std::string text(std::string_view tail) {
        key_ += '|';
        key_ += tail;
        return std::move(key_);
    }
    std::string done() { return std::move(key_); }

private:
    std::string key_;
};

int snap(float v) { return static_cast<int>(std::lround(v)); }
float quantize(float v, float quantum) { return std::round(v / quantum) * quantum; }

SDL_Color sdl_color(Color c) { return {c.r, c.g, c.b, c.a}; }

std::expected<CachedTexture, std::string> upload(SDL_Renderer* renderer, RasterResult raster) {
    if (!raster) return std::unexpected(raster.error());
    auto texture = make_texture(renderer, raster->surface.get());
    if (!texture) return std::unexpected(texture.error());
    return CachedTexture{std::move(*texture), raster->surface->w, raster->surface->h, raster->origin_x,
                         raster->origin_y};
}

std::expected<CachedTexture, std::string> upload_surface(SDL_Renderer* renderer, SDL_Surface* surface) {
    if (surface == nullptr) return std::unexpected(std::string("render: ") + TTF_GetError());
    auto texture = make_texture(renderer, surface);
    if (!texture) return std::unexpected(texture.error());
    return CachedTexture{std::move(*texture), surface->w, surface->h, 0, 0};
}

}  // namespace

Painter::Painter(SDL_Renderer* renderer, FontSet& fonts, MediaStore& media, PainterOptions options)
    : renderer_(renderer),
      fonts_(fonts),
      media_(media),
      options_(options),
      text_cache_(options.text_cache_bytes),
      shape_cache_(options.shape_cache_bytes),
      image_cache_(options.image_cache_bytes) {}

void Painter::draw(const DrawList& list) {
    ++counters_.frames;
    extents_.assign(list.ops.size(), SDL_Rect{0, 0, 0, 0});
    provisional_.assign(list.ops.size(), false);
    paint_ops(list, nullptr);
    last_ = list;
    have_frame_ = true;
}

void Painter::paint_ops(const DrawList& list, const SDL_Rect* damage) {
    partial_ = damage != nullptr;
    if (partial_) damage_ = *damage;
    clips_.clear();
    apply_clip();
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer_, list.clear.r, list.clear.g, list.clear.b, list.clear.a);
    // SDL_RenderClear ignores the clip rectangle: a partial frame fills its damage instead.
    if (partial_) SDL_RenderFillRect(renderer_, &damage_);
    else SDL_RenderClear(renderer_);
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
    for (std::size_t k = 0; k < list.ops.size(); ++k) {
        const DrawOp& op = list.ops[k];
        const bool is_clip = std::holds_alternative<PushClip>(op) || std::holds_alternative<PopClip>(op);
        if (!is_clip && !clips_.empty() && SDL_RectEmpty(&clips_.back())) continue;  // clipped away entirely
        if (!is_clip && partial_ && !SDL_HasIntersection(&extents_[k], &damage_)) continue;  // untouched pixels
        extent_ = {0, 0, 0, 0};
        provisional_op_ = false;
        std::visit([this](const auto& o) { draw_op(o); }, op);
        if (!is_clip) {
            extents_[k] = extent_;
            provisional_[k] = provisional_op_;
        }
    }
    clips_.clear();
    partial_ = false;
    SDL_RenderSetClipRect(renderer_, nullptr);
}

PainterStats Painter::stats() const {
    PainterStats s = counters_;
    s.text = text_cache_.stats();
    s.shapes = shape_cache_.stats();
    s.images = image_cache_.stats();
    s.live_textures = live_texture_count();
    return s;
}

void Painter::forget_media() { image_cache_.clear(); }

void Painter::fail(const std::string& message) {
    if (measuring_) return;  // the op is drawn (and fails) again for real
    ++counters_.failed_ops;
    if (message != counters_.last_error) {
        SDL_LogWarn(SDL_LOG_CATEGORY_RENDER, "redgrid painter: %s", message.c_str());
        counters_.last_error = message;
    }
}

void Painter::blit(const CachedTexture& t, int anchor_x, int anchor_y) {
    SDL_Rect dst{anchor_x + t.offset_x, anchor_y + t.offset_y, t.width, t.height};
    touch(dst);
    if (!measuring_) SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &dst);
}

void Painter::draw_op(const RoundRect& op) {
    const int x0 = snap(op.rect.x), y0 = snap(op.rect.y);
    const int w = snap(op.rect.right()) - x0, h = snap(op.rect.bottom()) - y0;
    if (w <= 0 || h <= 0) return;
    const float radius = std::clamp(op.radius, 0.0f, std::min(w, h) / 2.0f);
    const bool stroked = op.stroke_width > 0 && op.stroke.a > 0;
    if (radius < 0.5f && op.shadow <= 0 && !stroked) {
        if (op.fill.a > 0) fill_rect({x0, y0, w, h}, op.fill);
        return;
    }
    // A small copy whose middle row and column are tiled out to any size (nine_slice.h): every
    // card with the same look shares one texture whatever its size.
    const int corner = static_cast<int>(std::ceil(radius)) + static_cast<int>(std::ceil(op.stroke_width)) +
                       shadow_reach(op.shadow) + 2;
    const NineSlice look{std::min(w, 2 * corner + 1), std::min(h, 2 * corner + 1),
                         2 + shadow_reach(op.shadow), corner};
    std::string key = Key("rrect").integer(look.small_w).integer(look.small_h).num(radius).color(op.fill)
                          .color(op.stroke).num(op.stroke_width).num(op.shadow).done();
    const CachedTexture* t = shape_cache_.find(key);
    if (t == nullptr) {
        auto raster = rasterize_round_rect(static_cast<float>(look.small_w), static_cast<float>(look.small_h), radius,
                                           op.fill, op.stroke, op.stroke_width, op.shadow);
        if (!raster) return fail("round rect: " + raster.error());
        if (raster->origin_x != -look.margin) return fail("round rect: raster margin mismatch");
        auto atlas = build_nine_slice_atlas(*raster, look);
        if (!atlas) return fail("round rect: " + atlas.error());
        auto made = upload_surface(renderer_, atlas->get());
        if (!made) return fail("round rect: " + made.error());
        t = &shape_cache_.insert(std::move(key), std::move(*made));
    }
    // The middle of an opaque card is its fill colour: a plain fill is the cheapest draw.
    touch({x0 - look.margin, y0 - look.margin, w + 2 * look.margin, h + 2 * look.margin});  // what the slices cover
    if (measuring_) return;
    std::function<void(const SDL_Rect&)> centre_fill;
    if (op.fill.a == 255) centre_fill = [&](const SDL_Rect& r) { fill_rect(r, op.fill); };
    draw_nine_slice(renderer_, t->texture.get(), look, {x0, y0, w, h}, centre_fill);
}

void Painter::fill_rect(const SDL_Rect& rect, Color color) {
    touch(rect);
    if (measuring_) return;
    // Opaque fills skip blending, which the software renderer does pixel by pixel.
    SDL_SetRenderDrawBlendMode(renderer_, color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, color.a);
    SDL_RenderFillRect(renderer_, &rect);
}

void Painter::draw_op(const Circle& op) {
    if (op.radius <= 0) return;
    const int ax = static_cast<int>(std::floor(op.center.x)), ay = static_cast<int>(std::floor(op.center.y));
    const Point local{quantize(op.center.x - ax, 0.125f), quantize(op.center.y - ay, 0.125f)};
    std::string key = Key("circle").num(local.x).num(local.y).num(op.radius).color(op.fill).color(op.stroke)
                          .num(op.stroke_width).num(op.shadow).done();
    const CachedTexture* t = shape_cache_.find(key);
    if (t == nullptr) {
        auto made = upload(renderer_, rasterize_circle(local, op.radius, op.fill, op.stroke, op.stroke_width, op.shadow));
        if (!made) return fail("circle: " + made.error());
        t = &shape_cache_.insert(std::move(key), std::move(*made));
    }
    blit(*t, ax, ay);
}

void Painter::draw_op(const Polygon& op) {
    if (op.points.size() < 3) return fail("polygon with " + std::to_string(op.points.size()) + " points");
    float min_x = op.points[0].x, min_y = op.points[0].y;
    for (const Point& p : op.points) min_x = std::min(min_x, p.x), min_y = std::min(min_y, p.y);
    const int ax = static_cast<int>(std::floor(min_x)), ay = static_cast<int>(std::floor(min_y));
    Key key("polygon");
    key.color(op.fill).color(op.stroke).num(op.stroke_width);
    std::vector<Point> local;
    local.reserve(op.points.size());
    for (const Point& p : op.points) {
        local.push_back({quantize(p.x - ax, 1.0f / 16), quantize(p.y - ay, 1.0f / 16)});
        key.num(local.back().x).num(local.back().y);
    }
    std::string k = key.done();
    const CachedTexture* t = shape_cache_.find(k);
    if (t == nullptr) {
        auto made = upload(renderer_, rasterize_polygon(local, op.fill, op.stroke, op.stroke_width));
        if (!made) return fail("polygon: " + made.error());
        t = &shape_cache_.insert(std::move(k), std::move(*made));
    }
    blit(*t, ax, ay);
}

void Painter::draw_op(const Line& op) {
    if (op.width <= 0 || op.color.a == 0) return;
    const auto whole = [](float v) { return std::abs(v - std::round(v)) < 0.01f; };
    const float half = op.width / 2;
    // A pixel-aligned horizontal or vertical rule is exactly a filled rectangle.
    if (op.from.y == op.to.y && whole(op.from.y - half) && whole(op.from.x) && whole(op.to.x)) {
        const int x0 = snap(std::min(op.from.x, op.to.x)), x1 = snap(std::max(op.from.x, op.to.x));
        return fill_rect({x0, snap(op.from.y - half), x1 - x0, snap(op.width)}, op.color);
    }
    if (op.from.x == op.to.x && whole(op.from.x - half) && whole(op.from.y) && whole(op.to.y)) {
        const int y0 = snap(std::min(op.from.y, op.to.y)), y1 = snap(std::max(op.from.y, op.to.y));
        return fill_rect({snap(op.from.x - half), y0, snap(op.width), y1 - y0}, op.color);
    }
    const int ax = static_cast<int>(std::floor(std::min(op.from.x, op.to.x)));
    const int ay = static_cast<int>(std::floor(std::min(op.from.y, op.to.y)));
    const Point from{quantize(op.from.x - ax, 1.0f / 16), quantize(op.from.y - ay, 1.0f / 16)};
    const Point to{quantize(op.to.x - ax, 1.0f / 16), quantize(op.to.y - ay, 1.0f / 16)};
    std::string key = Key("line").num(from.x).num(from.y).num(to.x).num(to.y).color(op.color).num(op.width).done();
    const CachedTexture* t = shape_cache_.find(key);
    if (t == nullptr) {
        auto made = upload(renderer_, rasterize_line(from, to, op.color, op.width));
        if (!made) return fail("line: " + made.error());
        t = &shape_cache_.insert(std::move(key), std::move(*made));
    }
    blit(*t, ax, ay);
}

const std::vector<TextLine>& Painter::lines_of(const Text& op) {
    std::string key = Key("layout").num(op.style.size).integer(static_cast<int>(op.style.weight))
                          .integer(op.style.max_lines).num(op.box.w).text(op.utf8);
    if (auto it = layouts_.find(key); it != layouts_.end()) {
        ++counters_.layout_hits;
        return it->second;
    }
    ++counters_.layout_misses;
    if (layouts_.size() >= options_.layout_cache_entries) layouts_.clear();  // cheap bound; refills in a frame
    auto lines = layout_text(fonts_, op.utf8, op.style, op.box.w);
    return layouts_.emplace(std::move(key), std::move(lines)).first->second;
}

void Painter::draw_op(const Text& op) {
    if (op.utf8.empty() || op.style.color.a == 0) return;
    const int px = FontSet::pixel_size(op.style.size);
    const auto& lines = lines_of(op);
    // Asked for after the layout: the font set may rescale a font to another size on a
    // later request (one font per face), so the pointer is used at once.
    TTF_Font* font = fonts_.text_font(px, op.style.weight);
    if (font == nullptr) return fail("text font at " + std::to_string(px) + "px unavailable");
    const float advance = line_advance(op.style);
    const float block = text_block_height(op.style, lines.size());
    float top = op.box.y;
    if (op.style.valign == VAlign::middle) top = op.box.y + (op.box.h - block) / 2;
    if (op.style.valign == VAlign::bottom) top = op.box.bottom() - block;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const TextLine& line = lines[i];
        if (line.utf8.empty()) continue;
        std::string key = Key("text").integer(static_cast<int>(op.style.weight)).integer(px).color(op.style.color)
                              .text(line.utf8);
        const CachedTexture* t = text_cache_.find(key);
        if (t == nullptr) {
            SurfacePtr surface(TTF_RenderUTF8_Blended(font, line.utf8.c_str(), sdl_color(op.style.color)));
            auto made = upload_surface(renderer_, surface.get());
            if (!made) return fail("text '" + line.utf8 + "': " + made.error());
            t = &text_cache_.insert(std::move(key), std::move(*made));
        }
        float x = op.box.x;
        if (op.style.align == Align::center) x = op.box.x + (op.box.w - static_cast<float>(t->width)) / 2;
        if (op.style.align == Align::right) x = op.box.right() - static_cast<float>(t->width);
        // Half-leading above and below, as CSS line-height does.
        const float y = top + advance * static_cast<float>(i) + (advance - static_cast<float>(t->height)) / 2;
        blit(*t, snap(x), snap(y));
    }
}

void Painter::draw_op(const Icon& op) {
    const auto code = fonts_.icon_codepoint(op.name);
    const int px = FontSet::pixel_size(std::min(op.box.w, op.box.h));
    TTF_Font* font = fonts_.icon_font(px);
    if (!code || font == nullptr || !TTF_GlyphIsProvided32(font, *code)) {
        ++counters_.unknown_icons;
        return fail("icon '" + op.name + "' is not in the icon font");
    }
    std::string key = Key("icon").integer(px).color(op.color).integer(*code).done();
    const CachedTexture* t = text_cache_.find(key);
    if (t == nullptr) {
        SurfacePtr surface(TTF_RenderGlyph32_Blended(font, *code, sdl_color(op.color)));
        auto made = upload_surface(renderer_, surface.get());
        if (!made) return fail("icon '" + op.name + "': " + made.error());
        t = &text_cache_.insert(std::move(key), std::move(*made));
    }
    blit(*t, snap(op.box.x + (op.box.w - static_cast<float>(t->width)) / 2),
         snap(op.box.y + (op.box.h - static_cast<float>(t->height)) / 2));
}

void Painter::draw_op(const Image& op) {
    const int x0 = snap(op.box.x), y0 = snap(op.box.y);
    const int w = snap(op.box.right()) - x0, h = snap(op.box.bottom()) - y0;
    if (w <= 0 || h <= 0) return;
    std::string key = Key("image").integer(w).integer(h).integer(static_cast<int>(op.fit)).num(op.corner_radius)
                          .text(op.media_key);
    const CachedTexture* t = image_cache_.find(key);
    if (t == nullptr) {
        const float fw = static_cast<float>(w), fh = static_cast<float>(h);
        RasterResult raster = std::unexpected(std::string());
        if (auto image = media_.load(op.media_key)) {
            raster = rasterize_image(image->get(), fw, fh, op.fit, op.corner_radius);
        } else {
            raster = std::unexpected(image.error());
        }
        if (!raster && media_.pending(op.media_key)) {
            // Decoding off the UI thread: a placeholder for this frame only, the photo later.
            auto placeholder = upload(renderer_, rasterize_placeholder(fw, fh, op.corner_radius));
            if (placeholder) blit(*placeholder, x0, y0);
            provisional_op_ = true;  // draw_changes repaints it until the photo is there
            return;
        }
        if (!raster) {
            ++counters_.missing_images;
            fail("image " + op.media_key + ": " + raster.error());
            raster = rasterize_placeholder(fw, fh, op.corner_radius);
        }
        auto made = upload(renderer_, std::move(raster));
        if (!made) return fail("image " + op.media_key + ": " + made.error());
        t = &image_cache_.insert(std::move(key), std::move(*made));
    }
    blit(*t, x0, y0);
}

void Painter::draw_op(const QrCode& op) {
    const int side = static_cast<int>(std::floor(std::min(op.box.w, op.box.h)));
    if (side <= 0) return;
    std::string key = Key("qr").integer(side).text(op.data);
    const CachedTexture* t = image_cache_.find(key);
    if (t == nullptr) {
        auto matrix = encode_qr(op.data);
        if (!matrix) return fail(matrix.error());
        auto surface = render_qr_surface(*matrix, side);
        if (!surface) return fail(surface.error());
        auto made = upload_surface(renderer_, surface->get());
        if (!made) return fail("QR code: " + made.error());
        t = &image_cache_.insert(std::move(key), std::move(*made));
    }
    blit(*t, snap(op.box.x + (op.box.w - static_cast<float>(t->width)) / 2),
         snap(op.box.y + (op.box.h - static_cast<float>(t->height)) / 2));
}

void Painter::draw_op(const PushClip& op) {
    const int x0 = static_cast<int>(std::floor(op.rect.x)), y0 = static_cast<int>(std::floor(op.rect.y));
    SDL_Rect rect{x0, y0, std::max(0, static_cast<int>(std::ceil(op.rect.right())) - x0),
                  std::max(0, static_cast<int>(std::ceil(op.rect.bottom())) - y0)};
    // Nested clips, and a partial frame's damage around them all, intersect.
    const SDL_Rect* outer = !clips_.empty() ? &clips_.back() : partial_ ? &damage_ : nullptr;
    if (outer != nullptr) {
        SDL_Rect both{0, 0, 0, 0};
        if (!SDL_IntersectRect(outer, &rect, &both)) both = {0, 0, 0, 0};
        rect = both;
    }
    clips_.push_back(rect);
    apply_clip();
}

void Painter::draw_op(const PopClip&) {
    if (clips_.empty()) return fail("PopClip without PushClip");
    clips_.pop_back();
    apply_clip();
}

void Painter::apply_clip() {
    // An empty clip is handled by skipping ops: SDL treats an empty rectangle as "no clip".
    if (clips_.empty() && partial_) {
        SDL_RenderSetClipRect(renderer_, &damage_);
    } else if (clips_.empty() || SDL_RectEmpty(&clips_.back())) {
        SDL_RenderSetClipRect(renderer_, nullptr);
    } else {
        SDL_RenderSetClipRect(renderer_, &clips_.back());
    }
}

}  // namespace redgrid::render
