#include "redgrid/render/contrast.h"

#include <algorithm>
#include <cmath>

namespace redgrid::render {

double relative_luminance(Color c) {
    // Each channel linearised from sRGB (WCAG 2.x; the 0.04045 knee of IEC 61966-2-1).
    auto channel = [](std::uint8_t v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Color a, Color b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace redgrid::render
