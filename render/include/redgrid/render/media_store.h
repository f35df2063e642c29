// Where Image ops get their pixels: content-addressed media files (photos, logos) decoded
// on demand. Files come from the network, so headers are checked before any decoding.
#pragma once

#include "redgrid/render/sdl_handles.h"

#include <cstdint>
#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace redgrid::render {

inline constexpr int kMaxImageSide = 4096;

enum class ImageFormat : std::uint8_t { png, jpeg };

struct ImageHeader {
    ImageFormat format = ImageFormat::png;
    int width = 0;
    int height = 0;
};

// Reads the PNG IHDR or the JPEG SOF marker; rejects other formats, truncated headers and
// images larger than kMaxImageSide on either side.
std::expected<ImageHeader, std::string> probe_image_header(std::span<const std::uint8_t> bytes);

// Checks the header, then decodes with SDL_image's loader for exactly that format.
std::expected<SurfacePtr, std::string> decode_image(std::span<const std::uint8_t> bytes, std::string_view what);

class MediaStore {
public:
    virtual ~MediaStore() = default;
    // The decoded image for media_key, or why there is none (missing, corrupt, too large).
    virtual std::expected<SurfacePtr, std::string> load(std::string_view media_key) = 0;
    // True while load(media_key) failed only because the image is still being decoded
    // elsewhere (DecodingMediaStore): the Painter then draws a placeholder it does not keep.
    virtual bool pending(std::string_view /*media_key*/) const { return false; }
};

// Media files in one directory, the file name being the key.
class DirectoryMediaStore final : public MediaStore {
public:
    explicit DirectoryMediaStore(std::filesystem::path directory, std::size_t max_file_bytes = 16u << 20)
        : directory_(std::move(directory)), max_file_bytes_(max_file_bytes) {}

    std::expected<SurfacePtr, std::string> load(std::string_view media_key) override;

    // A key names a file in the directory and nothing else: [A-Za-z0-9._-], no leading dot.
    static bool valid_key(std::string_view media_key);

private:
    std::filesystem::path directory_;
    std::size_t max_file_bytes_;
};

}  // namespace redgrid::render
