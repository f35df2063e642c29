// How the red map sits in the map screen's area at a zoom: shared by the screen, which draws
// it, and the App, whose pinch zooms between the steps. Both must agree to the pixel, or the
// place between a resident's fingers would slide away from under them.
#pragma once

#include <algorithm>

#include "redgrid/content/content.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/render/draw_list.h"

namespace redgrid::kiosk {

// Zoom 1 fits the whole map into the area; at a larger zoom the map is centred on the kiosk
// (moved by `centre`), then by UiState::map_pan_*, but never so far that an edge of the map
// comes inside the area (`room` each way from the area's middle).
struct MapFit {
    float centre_x = 0, centre_y = 0;
    float room_x = 0, room_y = 0;

    // The range of UiState::map_pan_* at this zoom.
    float min_pan_x() const { return -room_x - centre_x; }
    float max_pan_x() const { return room_x - centre_x; }
    float min_pan_y() const { return -room_y - centre_y; }
    float max_pan_y() const { return room_y - centre_y; }
    render::Point clamp_pan(render::Point pan) const {
        return {std::clamp(pan.x, min_pan_x(), max_pan_x()), std::clamp(pan.y, min_pan_y(), max_pan_y())};
    }
};

inline MapFit map_fit(const MapBounds& map, MapPoint place, render::Rect area, float zoom) {
    const float base = std::min(area.w / static_cast<float>(map.width), area.h / static_cast<float>(map.height));
    const float scale = base * zoom;
    MapFit fit;
    fit.room_x = std::max(0.f, (static_cast<float>(map.width) * scale - area.w) / 2);
    fit.room_y = std::max(0.f, (static_cast<float>(map.height) * scale - area.h) / 2);
    fit.centre_x = scale * static_cast<float>(map.width / 2 - place.x);
    fit.centre_y = scale * static_cast<float>(map.height / 2 - place.y);
    return fit;
}

}  // namespace redgrid::kiosk
