// PNG bytes in memory, for screenshots (written to a file, or sent to the server without
// touching the disk) and for the tests that read them back.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "redgrid/render/render_target.h"

namespace redgrid::render {

// An opaque PNG (8-bit RGB; the screen has no transparency) of the pixels, compressed for
// speed: no row filters, zlib level 1, bands of rows deflated at once on up to `threads`
// threads (0: the machine's cores, at most 4). A 1080p screen takes about 15 ms of CPU, and
// flat UI colours still come out smaller than a default libpng file with adaptive filters,
// which took ten times as long (most of the kiosk's --screenshot time). Thread-safe: no SDL
// renderer is involved, so it runs on any thread (the uploaded screenshot's encoder does).
std::expected<std::string, std::string> encode_png(const PixelView& pixels, unsigned threads = 0);
std::expected<std::string, std::string> encode_png(const PixelImage& image);

// The pixels of a PNG, R, G, B, A per pixel; the error says why the bytes are not one.
std::expected<PixelImage, std::string> decode_png(std::string_view bytes);

}  // namespace redgrid::render
