// What the kiosk's loop does with an SDL event that is not a touch: a screen in a public
// lobby must not be closed or left by anything a passer-by can do with the glass or a
// keyboard plugged into a reachable USB port (docs/security.md, "Kiosk escape").
//
// Keys, text input, gestures, window close requests (SDL_QUIT: Alt+F4 under a window
// manager, the close button) and dropped files never end or change the kiosk in full
// screen. Only a windowed run (a developer's desktop) quits on SDL_QUIT. Stopping a real
// kiosk is systemd's SIGTERM, which the loop handles on its own.
#pragma once

#include <SDL.h>

namespace redgrid::kiosk {

enum class SystemEventAction {
    ignore,  // nothing happens: no quit, no navigation, no redraw
    quit,    // leave the loop (windowed runs only)
};

SystemEventAction system_event_action(const SDL_Event& event, bool fullscreen);

}  // namespace redgrid::kiosk
