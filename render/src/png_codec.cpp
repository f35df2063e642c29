#include "redgrid/render/png_codec.h"

#include <SDL_image.h>
#include <cairo.h>

#include <cstring>
#include <memory>

#include "redgrid/render/sdl_handles.h"

namespace redgrid::render {
namespace {

struct CairoSurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;

cairo_status_t append(void* closure, const unsigned char* bytes, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(bytes), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::expected<std::string, std::string> encode_png(const PixelImage& image) {
    const auto pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    if (image.width <= 0 || image.height <= 0 || image.rgba.size() != pixels * 4)
        return std::unexpected("encode_png: " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                               " image with " + std::to_string(image.rgba.size()) + " bytes of pixels");
    CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, image.width, image.height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return std::unexpected(std::string("encode_png: cairo surface: ") +
                               cairo_status_to_string(cairo_surface_status(surface.get())));
    cairo_surface_flush(surface.get());
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < image.height; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        const std::uint8_t* in =
            image.rgba.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) * 4;
        // CAIRO_FORMAT_RGB24: 0x00RRGGBB in native byte order, the top byte unused.
        for (int x = 0; x < image.width; ++x, in += 4)
            row[x] = (std::uint32_t{in[0]} << 16) | (std::uint32_t{in[1]} << 8) | std::uint32_t{in[2]};
    }
    cairo_surface_mark_dirty(surface.get());
    std::string png;
    if (const auto status = cairo_surface_write_to_png_stream(surface.get(), append, &png);
        status != CAIRO_STATUS_SUCCESS)
        return std::unexpected(std::string("encode_png: ") + cairo_status_to_string(status));
    return png;
}

std::expected<PixelImage, std::string> decode_png(std::string_view bytes) {
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    if (!rw) return std::unexpected(std::string("decode_png: ") + SDL_GetError());
    SurfacePtr loaded(IMG_LoadPNG_RW(rw));
    SDL_RWclose(rw);
    if (!loaded) return std::unexpected(std::string("decode_png: ") + IMG_GetError());
    SurfacePtr rgba(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
    if (!rgba) return std::unexpected(std::string("decode_png: convert: ") + SDL_GetError());
    PixelImage image{rgba->w, rgba->h, {}};
    image.rgba.resize(static_cast<std::size_t>(rgba->w) * static_cast<std::size_t>(rgba->h) * 4);
    for (int y = 0; y < rgba->h; ++y)
        std::memcpy(image.rgba.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(rgba->w) * 4,
                    static_cast<const std::uint8_t*>(rgba->pixels) + static_cast<std::ptrdiff_t>(y) * rgba->pitch,
                    static_cast<std::size_t>(rgba->w) * 4);
    return image;
}

}  // namespace redgrid::render
