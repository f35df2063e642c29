#include "redgrid/render/qr_code.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace redgrid::render {
namespace {

struct QrCodeDeleter {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

}  // namespace

std::expected<QrMatrix, std::string> encode_qr(std::string_view data) {
    if (data.empty()) return std::unexpected("QR code: no data");
    const std::string text(data);
    std::unique_ptr<QRcode, QrCodeDeleter> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) return std::unexpected("QR code: cannot encode " + std::to_string(data.size()) + " bytes at level M");
    QrMatrix matrix;
    matrix.size = code->width;
    matrix.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
    for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
    return matrix;
}

std::expected<SurfacePtr, std::string> render_qr_surface(const QrMatrix& matrix, int side_px) {
    const int modules = matrix.size + 2 * kQrQuietZoneModules;
    const int module_px = std::max(1, side_px / modules);
    const int side = modules * module_px;
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) return std::unexpected(std::string("QR surface: ") + SDL_GetError());
    SDL_FillRect(surface.get(), nullptr, SDL_MapRGBA(surface->format, 255, 255, 255, 255));
    const Uint32 dark = SDL_MapRGBA(surface->format, 0, 0, 0, 255);
    for (int y = 0; y < matrix.size; ++y) {
        for (int x = 0; x < matrix.size; ++x) {
            if (!matrix.at(x, y)) continue;
            SDL_Rect module{(x + kQrQuietZoneModules) * module_px, (y + kQrQuietZoneModules) * module_px, module_px,
                            module_px};
            SDL_FillRect(surface.get(), &module, dark);
        }
    }
    return surface;
}

}  // namespace redgrid::render
