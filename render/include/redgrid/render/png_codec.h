// PNG bytes in memory, for pictures that leave the process without touching the disk
// (the screenshot the server asks for) and for the tests that read them back.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "redgrid/render/render_target.h"

namespace redgrid::render {

// An opaque PNG (8-bit RGB; the screen has no transparency) of `image`. Thread-safe: no
// SDL renderer is involved, so it runs on any thread (the screenshot's encoder does).
std::expected<std::string, std::string> encode_png(const PixelImage& image);

// The pixels of a PNG, R, G, B, A per pixel; the error says why the bytes are not one.
std::expected<PixelImage, std::string> decode_png(std::string_view bytes);

}  // namespace redgrid::render
