#include "shape_raster.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numbers>

namespace redgrid::render {
namespace {

constexpr int kAntialiasMargin = 2;
constexpr int kMaxRasterSide = 8192;
constexpr double kShadowOpacity = 0.22;

struct CairoSurfaceCloser {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct CairoCloser {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceCloser>;
using CairoPtr = std::unique_ptr<cairo_t, CairoCloser>;

void set_color(cairo_t* cr, Color c) { cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0); }

void round_rect_path(cairo_t* cr, double x, double y, double w, double h, double r) {
    r = std::clamp(r, 0.0, std::min(w, h) / 2);
    if (r <= 0) {
        cairo_rectangle(cr, x, y, w, h);
        return;
    }
    constexpr double pi = std::numbers::pi;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -pi / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, pi / 2);
    cairo_arc(cr, x + r, y + h - r, r, pi / 2, pi);
    cairo_arc(cr, x + r, y + r, r, pi, 3 * pi / 2);
    cairo_close_path(cr);
}

// One pass of a box blur of radius r over rows (step 1) or columns (step = stride) of an
// 8-bit alpha plane; pixels outside the plane count as transparent.
void box_blur_pass(unsigned char* data, int lines, int length, int line_step, int pixel_step, int r) {
    std::vector<unsigned char> copy(static_cast<std::size_t>(length));
    const int window = 2 * r + 1;
    for (int line = 0; line < lines; ++line) {
        unsigned char* base = data + static_cast<std::ptrdiff_t>(line) * line_step;
        for (int i = 0; i < length; ++i) copy[static_cast<std::size_t>(i)] = base[static_cast<std::ptrdiff_t>(i) * pixel_step];
        int sum = 0;
        for (int i = 0; i <= std::min(r, length - 1); ++i) sum += copy[static_cast<std::size_t>(i)];
        for (int i = 0; i < length; ++i) {
            base[static_cast<std::ptrdiff_t>(i) * pixel_step] = static_cast<unsigned char>((sum + window / 2) / window);
            const int entering = i + r + 1;
            const int leaving = i - r;
            if (entering < length) sum += copy[static_cast<std::size_t>(entering)];
            if (leaving >= 0) sum -= copy[static_cast<std::size_t>(leaving)];
        }
    }
}

// Local-coordinate canvas: an ARGB32 surface covering [x0,x1]x[y0,y1] plus a margin.
class Canvas {
public:
    static std::expected<Canvas, std::string> create(double x0, double y0, double x1, double y1, int margin) {
        Canvas canvas;
        canvas.origin_x_ = static_cast<int>(std::floor(x0)) - margin;
        canvas.origin_y_ = static_cast<int>(std::floor(y0)) - margin;
        canvas.width_ = static_cast<int>(std::ceil(x1)) + margin - canvas.origin_x_;
        canvas.height_ = static_cast<int>(std::ceil(y1)) + margin - canvas.origin_y_;
        if (!std::isfinite(x0 + y0 + x1 + y1) || canvas.width_ <= 0 || canvas.height_ <= 0 ||
            canvas.width_ > kMaxRasterSide || canvas.height_ > kMaxRasterSide) {
            return std::unexpected("shape raster: bad size " + std::to_string(canvas.width_) + "x" +
                                   std::to_string(canvas.height_));
        }
        canvas.surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, canvas.width_, canvas.height_));
        if (cairo_surface_status(canvas.surface_.get()) != CAIRO_STATUS_SUCCESS) {
            return std::unexpected(std::string("cairo_image_surface_create: ") +
                                   cairo_status_to_string(cairo_surface_status(canvas.surface_.get())));
        }
        canvas.cr_.reset(cairo_create(canvas.surface_.get()));
        cairo_translate(canvas.cr_.get(), -canvas.origin_x_, -canvas.origin_y_);
        return canvas;
    }

    cairo_t* cr() const { return cr_.get(); }

    // A blurred, offset, translucent copy of the shape path draws, under what comes next.
    void paint_shadow(const std::function<void(cairo_t*)>& path, float blur, double opacity) {
        CairoSurfacePtr mask(cairo_image_surface_create(CAIRO_FORMAT_A8, width_, height_));
        {
            CairoPtr mcr(cairo_create(mask.get()));
            cairo_translate(mcr.get(), -origin_x_, -origin_y_ + shadow_offset_y(blur));
            path(mcr.get());
            cairo_set_source_rgba(mcr.get(), 0, 0, 0, 1);
            cairo_fill(mcr.get());
        }
        cairo_surface_flush(mask.get());
        unsigned char* data = cairo_image_surface_get_data(mask.get());
        const int stride = cairo_image_surface_get_stride(mask.get());
        const int r = std::max(1, static_cast<int>(std::lround(blur / 2)));
        // Three box passes approximate a Gaussian, as CSS box-shadow blurs.
        for (int pass = 0; pass < 3; ++pass) {
            box_blur_pass(data, height_, width_, stride, 1, r);
            box_blur_pass(data, width_, height_, 1, stride, r);
        }
        cairo_surface_mark_dirty(mask.get());
        cairo_save(cr());
        cairo_identity_matrix(cr());
        cairo_set_source_rgba(cr(), 0, 0, 0, opacity);
        cairo_mask_surface(cr(), mask.get(), 0, 0);
        cairo_restore(cr());
    }

    RasterResult finish() {
        cairo_surface_flush(surface_.get());
        SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, width_, height_, 32, SDL_PIXELFORMAT_ARGB8888));
        if (!out) return std::unexpected(std::string("SDL_CreateRGBSurfaceWithFormat(shape): ") + SDL_GetError());
        const unsigned char* src = cairo_image_surface_get_data(surface_.get());
        const int stride = cairo_image_surface_get_stride(surface_.get());
        auto* dst = static_cast<unsigned char*>(out->pixels);
        for (int y = 0; y < height_; ++y) {
            std::memcpy(dst + static_cast<std::ptrdiff_t>(y) * out->pitch, src + static_cast<std::ptrdiff_t>(y) * stride,
                        static_cast<std::size_t>(width_) * 4);
        }
        unpremultiply_argb32(dst, width_, height_, out->pitch);
        return ShapeRaster{std::move(out), origin_x_, origin_y_};
    }

private:
    CairoSurfacePtr surface_;
    CairoPtr cr_;
    int origin_x_ = 0, origin_y_ = 0, width_ = 0, height_ = 0;
};

double shadow_opacity_for(Color fill, Color stroke) {
    return kShadowOpacity * std::max(fill.a, stroke.a) / 255.0;
}

// The clip of an image: a circle when the radius reaches half the shorter side.
void image_clip_path(cairo_t* cr, double w, double h, double radius) {
    const double shorter = std::min(w, h);
    if (radius >= shorter / 2) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, w / 2, h / 2, shorter / 2, 0, 2 * std::numbers::pi);
        cairo_close_path(cr);
    } else {
        round_rect_path(cr, 0, 0, w, h, radius);
    }
}

}  // namespace

int shadow_reach(float blur) {
    if (blur <= 0) return 0;
    return static_cast<int>(std::ceil(1.5f * blur + shadow_offset_y(blur))) + 1;
}

float shadow_offset_y(float blur) { return blur > 0 ? std::round(blur / 4) : 0; }

void unpremultiply_argb32(unsigned char* data, int width, int height, int stride) {
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < width; ++x) {
            const std::uint32_t p = row[x];
            const std::uint32_t a = p >> 24;
            if (a == 0 || a == 255) continue;
            const auto channel = [&](int shift) {
                const std::uint32_t c = (p >> shift) & 0xFF;
                return std::min<std::uint32_t>(255, (c * 255 + a / 2) / a) << shift;
            };
            row[x] = (a << 24) | channel(16) | channel(8) | channel(0);
        }
    }
}

RasterResult rasterize_round_rect(float w, float h, float radius, Color fill, Color stroke, float stroke_width,
                                  float shadow) {
    const int margin = kAntialiasMargin + shadow_reach(shadow);
    auto canvas = Canvas::create(0, 0, w, h, margin);
    if (!canvas) return std::unexpected(canvas.error());
    cairo_t* cr = canvas->cr();
    const auto outline = [=](cairo_t* c) { round_rect_path(c, 0, 0, w, h, radius); };
    if (shadow > 0) canvas->paint_shadow(outline, shadow, shadow_opacity_for(fill, stroke));
    if (fill.a > 0) {
        outline(cr);
        set_color(cr, fill);
        cairo_fill(cr);
    }
    if (stroke_width > 0 && stroke.a > 0) {
        // Inside the edge, like a CSS border.
        const float half = stroke_width / 2;
        round_rect_path(cr, half, half, w - stroke_width, h - stroke_width, std::max(0.0f, radius - half));
        cairo_set_line_width(cr, stroke_width);
        set_color(cr, stroke);
        cairo_stroke(cr);
    }
    return canvas->finish();
}

RasterResult rasterize_circle(Point center, float radius, Color fill, Color stroke, float stroke_width, float shadow) {
    const int margin = kAntialiasMargin + shadow_reach(shadow);
    auto canvas = Canvas::create(center.x - radius, center.y - radius, center.x + radius, center.y + radius, margin);
    if (!canvas) return std::unexpected(canvas.error());
    cairo_t* cr = canvas->cr();
    const auto disc = [=](cairo_t* c, float r) {
        cairo_new_sub_path(c);
        cairo_arc(c, center.x, center.y, std::max(0.0f, r), 0, 2 * std::numbers::pi);
        cairo_close_path(c);
    };
    if (shadow > 0) canvas->paint_shadow([&](cairo_t* c) { disc(c, radius); }, shadow, shadow_opacity_for(fill, stroke));
    if (fill.a > 0) {
        disc(cr, radius);
        set_color(cr, fill);
        cairo_fill(cr);
    }
    if (stroke_width > 0 && stroke.a > 0) {
        disc(cr, radius - stroke_width / 2);
        cairo_set_line_width(cr, stroke_width);
        set_color(cr, stroke);
        cairo_stroke(cr);
    }
    return canvas->finish();
}

RasterResult rasterize_polygon(const std::vector<Point>& points, Color fill, Color stroke, float stroke_width) {
    if (points.size() < 3) return std::unexpected("polygon needs at least 3 points, got " + std::to_string(points.size()));
    float x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
    for (const Point& p : points) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    const int margin = kAntialiasMargin + static_cast<int>(std::ceil(stroke_width / 2));
    auto canvas = Canvas::create(x0, y0, x1, y1, margin);
    if (!canvas) return std::unexpected(canvas.error());
    cairo_t* cr = canvas->cr();
    cairo_move_to(cr, points[0].x, points[0].y);
    for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr, points[i].x, points[i].y);
    cairo_close_path(cr);
    if (fill.a > 0) {
        set_color(cr, fill);
        cairo_fill_preserve(cr);
    }
    if (stroke_width > 0 && stroke.a > 0) {
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_width(cr, stroke_width);
        set_color(cr, stroke);
        cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
    return canvas->finish();
}

RasterResult rasterize_line(Point from, Point to, Color color, float width) {
    const int margin = kAntialiasMargin + static_cast<int>(std::ceil(width / 2));
    auto canvas = Canvas::create(std::min(from.x, to.x), std::min(from.y, to.y), std::max(from.x, to.x),
                                 std::max(from.y, to.y), margin);
    if (!canvas) return std::unexpected(canvas.error());
    cairo_t* cr = canvas->cr();
    cairo_move_to(cr, from.x, from.y);
    cairo_line_to(cr, to.x, to.y);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_width(cr, width);
    set_color(cr, color);
    cairo_stroke(cr);
    return canvas->finish();
}

RasterResult rasterize_image(SDL_Surface* image, float w, float h, ImageFit fit, float radius) {
    if (image == nullptr || image->w <= 0 || image->h <= 0) return std::unexpected("rasterize_image: empty image");
    SurfacePtr argb(SDL_ConvertSurfaceFormat(image, SDL_PIXELFORMAT_ARGB8888, 0));
    if (!argb) return std::unexpected(std::string("SDL_ConvertSurfaceFormat(image): ") + SDL_GetError());
    CairoSurfacePtr source(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, argb->w, argb->h));
    if (cairo_surface_status(source.get()) != CAIRO_STATUS_SUCCESS) return std::unexpected("cairo image surface for photo");
    {
        // cairo wants premultiplied pixels.
        unsigned char* dst = cairo_image_surface_get_data(source.get());
        const int stride = cairo_image_surface_get_stride(source.get());
        for (int y = 0; y < argb->h; ++y) {
            const auto* in = reinterpret_cast<const std::uint32_t*>(static_cast<const unsigned char*>(argb->pixels) +
                                                                    static_cast<std::ptrdiff_t>(y) * argb->pitch);
            auto* out = reinterpret_cast<std::uint32_t*>(dst + static_cast<std::ptrdiff_t>(y) * stride);
            for (int x = 0; x < argb->w; ++x) {
                const std::uint32_t p = in[x], a = p >> 24;
                const auto channel = [&](int shift) { return ((((p >> shift) & 0xFF) * a + 127) / 255) << shift; };
                out[x] = a == 255 ? p : (a << 24) | channel(16) | channel(8) | channel(0);
            }
        }
        cairo_surface_mark_dirty(source.get());
    }
    auto canvas = Canvas::create(0, 0, w, h, 0);
    if (!canvas) return std::unexpected(canvas.error());
    cairo_t* cr = canvas->cr();
    image_clip_path(cr, w, h, radius);
    cairo_clip(cr);
    const double sx = w / argb->w, sy = h / argb->h;
    const double scale = fit == ImageFit::cover ? std::max(sx, sy) : std::min(sx, sy);
    cairo_translate(cr, (w - argb->w * scale) / 2, (h - argb->h * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, source.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    return canvas->finish();
}

RasterResult rasterize_placeholder(float w, float h, float radius) {
    auto canvas = Canvas::create(0, 0, w, h, 0);
    if (!canvas) return std::unexpected(canvas.error());
    cairo_t* cr = canvas->cr();
    image_clip_path(cr, w, h, radius);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0xE4 / 255.0, 0xE7 / 255.0, 0xEB / 255.0);
    cairo_paint(cr);
    // A head-and-shoulders silhouette says "a person's photo goes here".
    const double d = std::min(w, h), cx = w / 2.0, cy = h / 2.0;
    cairo_set_source_rgb(cr, 0xB9 / 255.0, 0xBF / 255.0, 0xC7 / 255.0);
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy - 0.1 * d, 0.17 * d, 0, 2 * std::numbers::pi);
    cairo_fill(cr);
    cairo_save(cr);
    cairo_translate(cr, cx, cy + 0.42 * d);
    cairo_scale(cr, 0.32 * d, 0.26 * d);
    cairo_arc(cr, 0, 0, 1, 0, 2 * std::numbers::pi);
    cairo_restore(cr);
    cairo_fill(cr);
    return canvas->finish();
}

}  // namespace redgrid::render
