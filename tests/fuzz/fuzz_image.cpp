// Member photos and logos, through the exact path the kiosk takes: the sync worker's
// content::read_image_header (inside check_media) when a file is downloaded, then
// render::decode_image (probe_image_header, then SDL_image's PNG or JPEG loader) when it
// is shown. Only PNG and JPEG within kMaxImageSide per side may ever reach a decoder.
#include "fuzz_support.h"

#include "redgrid/content/media_check.h"
#include "redgrid/render/media_store.h"

#include <SDL.h>

#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    const std::span<const std::uint8_t> bytes(data, size);

    const auto downloaded = content::read_image_header(fuzz::as_text(data, size));
    if (downloaded) fuzz::require(downloaded->mime_type == "image/png" || downloaded->mime_type == "image/jpeg",
                                  "the download check named a type other than PNG or JPEG");

    const auto header = render::probe_image_header(bytes);
    if (header) {
        fuzz::require(header->width >= 1 && header->width <= render::kMaxImageSide, "probe let a width through");
        fuzz::require(header->height >= 1 && header->height <= render::kMaxImageSide, "probe let a height through");
    }
    const auto surface = render::decode_image(bytes, "fuzz");
    if (surface) {
        fuzz::require(header.has_value(), "decode_image decoded what probe_image_header refused");
        fuzz::require((*surface)->w == header->width && (*surface)->h == header->height,
                      "decoded size differs from the checked header");
    }
    return 0;
}
