#include "redgrid/content/media_check.h"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>

namespace redgrid::content {
namespace {

struct DigestContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestContextDeleter>;

std::string to_hex(const unsigned char* data, unsigned size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (unsigned i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xF];
    }
    return out;
}

std::uint32_t big_endian_32(std::string_view bytes, std::size_t at) {
    return (std::uint32_t(std::uint8_t(bytes[at])) << 24) | (std::uint32_t(std::uint8_t(bytes[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(bytes[at + 2])) << 8) | std::uint32_t(std::uint8_t(bytes[at + 3]));
}

int big_endian_16(std::string_view bytes, std::size_t at) {
    return (int(std::uint8_t(bytes[at])) << 8) | int(std::uint8_t(bytes[at + 1]));
}

std::expected<ImageHeader, std::string> read_png(std::string_view bytes) {
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return std::unexpected("PNG without an IHDR header");
    const auto width = big_endian_32(bytes, 16);
    const auto height = big_endian_32(bytes, 20);
    if (width > 1'000'000 || height > 1'000'000)
        return std::unexpected("PNG claims " + std::to_string(width) + "x" + std::to_string(height) + " pixels");
    return ImageHeader{"image/png", int(width), int(height)};
}

std::expected<ImageHeader, std::string> read_jpeg(std::string_view bytes) {
    std::size_t at = 2;
    // Walk the marker segments up to the first start-of-frame, which holds the size.
    while (at + 4 <= bytes.size()) {
        if (std::uint8_t(bytes[at]) != 0xFF) return std::unexpected("JPEG with a broken marker structure");
        const auto marker = std::uint8_t(bytes[at + 1]);
        if (marker == 0xFF) {
            ++at;
            continue;
        }
        const int length = big_endian_16(bytes, at + 2);
        const bool start_of_frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            if (at + 9 > bytes.size()) break;
            return ImageHeader{"image/jpeg", big_endian_16(bytes, at + 7), big_endian_16(bytes, at + 5)};
        }
        if (length < 2) return std::unexpected("JPEG with a broken marker structure");
        at += 2 + std::size_t(length);
    }
    return std::unexpected("JPEG without a frame header");
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned size = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
    return to_hex(digest.data(), size);
}

std::expected<std::string, std::string> sha256_file_hex(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::unexpected("cannot open " + path.string());
    DigestContext context(EVP_MD_CTX_new());
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        return std::unexpected("SHA-256 unavailable");
    std::array<char, 64 * 1024> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        if (in.gcount() > 0) EVP_DigestUpdate(context.get(), buffer.data(), std::size_t(in.gcount()));
    }
    if (in.bad()) return std::unexpected("read error in " + path.string());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned size = 0;
    EVP_DigestFinal_ex(context.get(), digest.data(), &size);
    return to_hex(digest.data(), size);
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::expected<ImageHeader, std::string> read_image_header(std::string_view bytes) {
    if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return read_png(bytes);
    if (bytes.size() >= 3 && bytes.starts_with("\xFF\xD8\xFF")) return read_jpeg(bytes);
    return std::unexpected("not a PNG or JPEG image");
}

std::expected<void, std::string> check_media(const content::MediaInfo& info, std::string_view bytes) {
    const std::string where = "media " + info.sha256 + ": ";
    if (std::int64_t(bytes.size()) != info.size)
        return std::unexpected(where + "size " + std::to_string(bytes.size()) + " bytes, bundle says " +
                               std::to_string(info.size));
    if (const auto actual = sha256_hex(bytes); actual != info.sha256)
        return std::unexpected(where + "content hash is " + actual);
    const auto header = read_image_header(bytes);
    if (!header) return std::unexpected(where + header.error());
    if (header->mime_type != info.mime_type)
        return std::unexpected(where + "is " + header->mime_type + ", bundle says " + info.mime_type);
    if (header->width <= 0 || header->height <= 0 || header->width > kMaxImageSide || header->height > kMaxImageSide)
        return std::unexpected(where + std::to_string(header->width) + "x" + std::to_string(header->height) +
                               " pixels, limit " + std::to_string(kMaxImageSide) + "x" +
                               std::to_string(kMaxImageSide));
    return {};
}

}  // namespace redgrid::content
