#include "page.h"

namespace redgrid::kiosk::ui {

PageFrame page(DrawList& dl, const ScreenContext& ctx, NavBar nav) {
    const Metrics m = metrics_for(ctx);
    const Palette p = palette_for(ctx);
    dl.clear = p.background;
    // The header first: it sets the list's stage, which the nav bar then shortens.
    const float top = header(dl, ctx, m, p);
    const Rect inside = nav == NavBar::shown ? nav_bar(dl, ctx, m, p, top) : Rect{0, top, m.w, m.h - top};
    return {m, p, inside};
}

}  // namespace redgrid::kiosk::ui
