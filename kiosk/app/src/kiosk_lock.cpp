#include "redgrid/kiosk/app/kiosk_lock.h"

namespace redgrid::kiosk {

SystemEventAction system_event_action(const SDL_Event& event, bool fullscreen) {
    // The kiosk has no keyboard interface at all: the App has no key entry point, so
    // Escape, Alt+F4, Alt+Tab, Ctrl+C or Ctrl+Alt+Fn have nothing to act on here. (The
    // kernel's own keys are the OS image's business: no getty on other VTs, SysRq off.)
    if (event.type == SDL_QUIT && !fullscreen) return SystemEventAction::quit;
    return SystemEventAction::ignore;
}

}  // namespace redgrid::kiosk
