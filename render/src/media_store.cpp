#include "redgrid/render/media_store.h"

#include <SDL_image.h>

#include <algorithm>
#include <fstream>
#include <vector>

namespace redgrid::render {
namespace {

int read_be16(std::span<const std::uint8_t> b, std::size_t at) { return (b[at] << 8) | b[at + 1]; }
std::uint32_t read_be32(std::span<const std::uint8_t> b, std::size_t at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

std::expected<ImageHeader, std::string> checked(ImageHeader header) {
    if (header.width <= 0 || header.height <= 0 || header.width > kMaxImageSide || header.height > kMaxImageSide) {
        return std::unexpected("image is " + std::to_string(header.width) + "x" + std::to_string(header.height) +
                               ", allowed 1.." + std::to_string(kMaxImageSide) + " per side");
    }
    return header;
}

std::expected<ImageHeader, std::string> probe_png(std::span<const std::uint8_t> b) {
    if (b.size() < 24) return std::unexpected("PNG header truncated");
    if (read_be32(b, 8) != 13 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
        return std::unexpected("PNG does not start with an IHDR chunk");
    }
    const std::uint32_t w = read_be32(b, 16), h = read_be32(b, 20);
    if (w > 0x7FFFFFFF || h > 0x7FFFFFFF) return std::unexpected("PNG dimensions out of range");
    return checked({ImageFormat::png, static_cast<int>(w), static_cast<int>(h)});
}

bool is_sof_marker(std::uint8_t m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

std::expected<ImageHeader, std::string> probe_jpeg(std::span<const std::uint8_t> b) {
    std::size_t pos = 2;
    while (pos + 1 < b.size()) {
        if (b[pos] != 0xFF) return std::unexpected("JPEG marker expected at byte " + std::to_string(pos));
        while (pos < b.size() && b[pos] == 0xFF) ++pos;  // fill bytes
        if (pos >= b.size()) break;
        const std::uint8_t marker = b[pos++];
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
        if (marker == 0xDA || marker == 0xD9) return std::unexpected("JPEG has no frame header before its scan data");
        if (pos + 2 > b.size()) break;
        const int length = read_be16(b, pos);
        if (length < 2) return std::unexpected("JPEG segment length " + std::to_string(length));
        if (is_sof_marker(marker)) {
            if (pos + 7 > b.size()) break;
            return checked({ImageFormat::jpeg, read_be16(b, pos + 5), read_be16(b, pos + 3)});
        }
        pos += static_cast<std::size_t>(length);
    }
    return std::unexpected("JPEG header truncated");
}

}  // namespace

std::expected<ImageHeader, std::string> probe_image_header(std::span<const std::uint8_t> bytes) {
    static constexpr std::uint8_t kPngMagic[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (bytes.size() >= 8 && std::equal(std::begin(kPngMagic), std::end(kPngMagic), bytes.begin())) return probe_png(bytes);
    if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return probe_jpeg(bytes);
    return std::unexpected("not a PNG or JPEG file");
}

std::expected<SurfacePtr, std::string> decode_image(std::span<const std::uint8_t> bytes, std::string_view what) {
    const std::string name(what);
    auto header = probe_image_header(bytes);
    if (!header) return std::unexpected(name + ": " + header.error());
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    if (rw == nullptr) return std::unexpected(name + ": SDL_RWFromConstMem: " + SDL_GetError());
    SurfacePtr surface(header->format == ImageFormat::png ? IMG_LoadPNG_RW(rw) : IMG_LoadJPG_RW(rw));
    SDL_RWclose(rw);
    if (!surface) return std::unexpected(name + ": decode failed: " + IMG_GetError());
    if (surface->w != header->width || surface->h != header->height) {
        return std::unexpected(name + ": decoded size differs from its header");
    }
    return surface;
}

bool DirectoryMediaStore::valid_key(std::string_view key) {
    if (key.empty() || key.size() > 200 || key.front() == '.') return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

std::expected<SurfacePtr, std::string> DirectoryMediaStore::load(std::string_view media_key) {
    if (!valid_key(media_key)) return std::unexpected("media key '" + std::string(media_key) + "' is not a file name");
    const auto path = directory_ / std::string(media_key);
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return std::unexpected(path.string() + ": cannot open");
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > max_file_bytes_) {
        return std::unexpected(path.string() + ": " + std::to_string(size) + " bytes, limit " +
                               std::to_string(max_file_bytes_));
    }
    std::vector<std::uint8_t> bytes(size);
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        return std::unexpected(path.string() + ": read failed");
    }
    return decode_image(bytes, path.string());
}

}  // namespace redgrid::render
