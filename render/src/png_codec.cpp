#include "redgrid/render/png_codec.h"

#include <SDL_image.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <span>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "redgrid/render/sdl_handles.h"

namespace redgrid::render {
namespace {

// The picture goes out as one zlib stream cut into bands of rows that are deflated at the
// same time on the machine's cores, as pigz does: each band is a raw deflate stream of its
// own (no reference back into the band before it) that ends on a byte boundary with an
// empty stored block (Z_SYNC_FLUSH), the last one with the final block, so laid end to end
// they are one valid stream; the Adler-32s of the bands are combined. Every row is
// filter type 0 (none) and every band zlib level 1: measured on the home screen at 1080p,
// libpng's defaults (adaptive filters, level 6) took ~150 ms for 390 KB, this ~15 ms of
// CPU for 320 KB, split over the cores. Flat UI colours need no filter.
constexpr int kLevel = 1;
constexpr int kMinRowsPerBand = 64;
constexpr unsigned kMaxBands = 4;

struct Band {
    int first_row = 0;
    int rows = 0;
    bool last = false;
    std::vector<Bytef> deflated;
    uLong adler = 1;    // Adler-32 of the filtered rows, to be combined
    std::string error;  // empty when the band was deflated
};

std::size_t filtered_row_bytes(int width) {
    return 1 + static_cast<std::size_t>(width) * 3;
}

void deflate_band(const PixelView& pixels, Band& band) {
    z_stream z{};
    if (deflateInit2(&z, kLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        band.error = "deflateInit2 failed";
        return;
    }
    try {
        const std::size_t row_bytes = filtered_row_bytes(pixels.width);
        std::vector<Bytef> row(row_bytes, 0);  // row[0] = 0: filter type none
        // Screens deflate to ~5 % of their bytes: start at 1/16 and double when short,
        // rather than zeroing deflateBound's worst case (more than the raw pixels).
        band.deflated.resize(row_bytes * static_cast<std::size_t>(band.rows) / 16 + 4096);
        std::size_t produced = 0;
        const int r = pixels.order == PixelView::Order::rgba ? 0 : 2, b = 2 - r;
        for (int y = band.first_row; y < band.first_row + band.rows; ++y) {
            const std::uint8_t* in = pixels.pixels + static_cast<std::ptrdiff_t>(y) * pixels.pitch;
            Bytef* out = row.data() + 1;
            for (int x = 0; x < pixels.width; ++x, in += 4, out += 3) {
                out[0] = in[r];
                out[1] = in[1];
                out[2] = in[b];
            }
            band.adler = adler32(band.adler, row.data(), static_cast<uInt>(row_bytes));
            const bool end = y + 1 == band.first_row + band.rows;
            const int flush = !end ? Z_NO_FLUSH : band.last ? Z_FINISH : Z_SYNC_FLUSH;
            z.next_in = row.data();
            z.avail_in = static_cast<uInt>(row_bytes);
            int status = Z_OK;
            do {
                if (band.deflated.size() - produced < 4096) band.deflated.resize(band.deflated.size() * 2);
                z.next_out = band.deflated.data() + produced;
                z.avail_out = static_cast<uInt>(band.deflated.size() - produced);
                status = deflate(&z, flush);
                produced = band.deflated.size() - z.avail_out;
                if (status == Z_STREAM_ERROR) {
                    band.error = "deflate failed";
                    break;
                }
                // More to do while input is left, or a flush filled the output to the brim.
            } while (z.avail_in > 0 ||
                     (flush == Z_FINISH ? status != Z_STREAM_END : flush != Z_NO_FLUSH && z.avail_out == 0));
            if (!band.error.empty()) break;
        }
        band.deflated.resize(produced);
    } catch (const std::exception& e) {
        band.error = e.what();
    }
    deflateEnd(&z);
}

void put_u32(std::string& out, std::uint32_t v) {
    const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                           static_cast<char>(v)};
    out.append(bytes, 4);
}

// A chunk whose data is `parts` laid end to end: length, type, data, CRC-32 of type + data.
void put_chunk(std::string& out, const char (&type)[5], std::span<const std::string_view> parts = {}) {
    std::size_t length = 0;
    for (auto part : parts) length += part.size();
    put_u32(out, static_cast<std::uint32_t>(length));
    out.append(type, 4);
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(type), 4);
    for (auto part : parts) {
        out.append(part);
        crc = crc32_z(crc, reinterpret_cast<const Bytef*>(part.data()), part.size());
    }
    put_u32(out, static_cast<std::uint32_t>(crc));
}

std::string_view bytes_of(const std::vector<Bytef>& v) {
    return {reinterpret_cast<const char*>(v.data()), v.size()};
}

}  // namespace

std::expected<std::string, std::string> encode_png(const PixelView& pixels, unsigned threads) {
    if (pixels.pixels == nullptr || pixels.width <= 0 || pixels.height <= 0 ||
        pixels.pitch < static_cast<std::ptrdiff_t>(pixels.width) * 4)
        return std::unexpected("encode_png: " + std::to_string(pixels.width) + "x" + std::to_string(pixels.height) +
                               " image with rows " + std::to_string(pixels.pitch) + " bytes apart");
    const unsigned cores = std::clamp(threads != 0 ? threads : std::thread::hardware_concurrency(), 1u, kMaxBands);
    const int count = std::clamp(pixels.height / kMinRowsPerBand, 1, static_cast<int>(cores));
    std::vector<Band> bands(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        auto& band = bands[static_cast<std::size_t>(i)];
        band.first_row = pixels.height * i / count;
        band.rows = pixels.height * (i + 1) / count - band.first_row;
        band.last = i + 1 == count;
    }
    {
        std::vector<std::jthread> helpers;
        for (std::size_t i = 1; i < bands.size(); ++i) {
            try {
                helpers.emplace_back([&pixels, &band = bands[i]] { deflate_band(pixels, band); });
            } catch (const std::system_error&) {
                deflate_band(pixels, bands[i]);  // no thread to be had: this one does it
            }
        }
        deflate_band(pixels, bands[0]);
    }  // the helpers are joined here
    uLong adler = bands[0].adler;
    std::size_t idat = 2 + 4;
    for (const auto& band : bands) {
        if (!band.error.empty()) return std::unexpected("encode_png: " + band.error);
        idat += band.deflated.size();
    }
    for (std::size_t i = 1; i < bands.size(); ++i)
        adler = adler32_combine(
            adler, bands[i].adler,
            static_cast<z_off_t>(filtered_row_bytes(pixels.width) * static_cast<std::size_t>(bands[i].rows)));
    if (idat > 0x7fffffffu) return std::unexpected("encode_png: image too large for one PNG chunk");

    std::string png;
    png.reserve(idat + 64);
    png.append("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    put_u32(header, static_cast<std::uint32_t>(pixels.width));
    put_u32(header, static_cast<std::uint32_t>(pixels.height));
    header.append({8, 2, 0, 0, 0});  // 8 bits, RGB, deflate, adaptive filtering method, not interlaced
    const std::array<std::string_view, 1> ihdr{header};
    put_chunk(png, "IHDR", ihdr);
    // zlib header: deflate with a 32 KB window, "fastest" level, no dictionary (0x7801 % 31 == 0).
    const char zlib_header[2] = {0x78, 0x01};
    std::string trailer;
    put_u32(trailer, static_cast<std::uint32_t>(adler));
    std::vector<std::string_view> parts{std::string_view(zlib_header, 2)};
    for (const auto& band : bands) parts.push_back(bytes_of(band.deflated));
    parts.push_back(trailer);
    put_chunk(png, "IDAT", parts);
    put_chunk(png, "IEND");
    return png;
}

std::expected<std::string, std::string> encode_png(const PixelImage& image) {
    const auto pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    if (image.width <= 0 || image.height <= 0 || image.rgba.size() != pixels * 4)
        return std::unexpected("encode_png: " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                               " image with " + std::to_string(image.rgba.size()) + " bytes of pixels");
    return encode_png(PixelView::of(image));
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
