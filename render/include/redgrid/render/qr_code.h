// QR encoding (libqrencode, error correction level M) as a module grid.
#pragma once

#include "redgrid/render/sdl_handles.h"

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace redgrid::render {

inline constexpr int kQrQuietZoneModules = 4;

struct QrMatrix {
    int size = 0;             // modules per side, without the quiet zone
    std::vector<bool> dark;   // row-major, size * size
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};

std::expected<QrMatrix, std::string> encode_qr(std::string_view data);

// Dark modules on white with the quiet zone, each module a whole number of pixels (at
// least 1) so that the code stays crisp: the largest such code not wider than side_px.
std::expected<SurfacePtr, std::string> render_qr_surface(const QrMatrix& matrix, int side_px);

}  // namespace redgrid::render
