// Checks on content-addressed media before they are trusted: hash, size, type by magic
// bytes, and pixel dimensions read from the image header without decoding (so a
// decompression bomb is refused before any decoder sees it).
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "redgrid/content/content.h"

namespace redgrid::content {

inline constexpr int kMaxImageSide = 4096;

// Lowercase hex SHA-256.
std::string sha256_hex(std::string_view bytes);
std::expected<std::string, std::string> sha256_file_hex(const std::filesystem::path& path);

bool is_sha256_hex(std::string_view text);

struct ImageHeader {
    std::string mime_type;  // "image/png" or "image/jpeg"
    int width = 0;
    int height = 0;
};

// Reads the PNG IHDR or JPEG SOF header.
std::expected<ImageHeader, std::string> read_image_header(std::string_view bytes);

// Everything a media file must satisfy to be used for `info`: SHA-256, size, type,
// dimensions within kMaxImageSide. Messages name the media hash.
std::expected<void, std::string> check_media(const content::MediaInfo& info, std::string_view bytes);

}  // namespace redgrid::content
