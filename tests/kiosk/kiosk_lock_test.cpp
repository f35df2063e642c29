// Kiosk escape (docs/security.md): nothing a passer-by can send through SDL, from the
// touch glass or a USB keyboard, ends the full-screen kiosk. The runner's loop asks
// system_event_action() for every SDL_QUIT; keys and gestures have no handler at all.
#include "redgrid/kiosk/app/kiosk_lock.h"

#include <gtest/gtest.h>

namespace redgrid::kiosk {
namespace {

SDL_Event key(SDL_Keycode sym, SDL_Scancode scancode, Uint16 mod, Uint32 type = SDL_KEYDOWN) {
    SDL_Event e{};
    e.type = type;
    e.key.keysym.sym = sym;
    e.key.keysym.scancode = scancode;
    e.key.keysym.mod = mod;
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    return e;
}

SDL_Event of_type(Uint32 type) {
    SDL_Event e{};
    e.type = type;
    return e;
}

TEST(KioskLock, QuitAndEscapeKeysDoNothingInFullScreen) {
    const SDL_Event events[] = {
        key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, KMOD_NONE),
        key(SDLK_F4, SDL_SCANCODE_F4, KMOD_LALT),                          // Alt+F4
        key(SDLK_F2, SDL_SCANCODE_F2, KMOD_LCTRL | KMOD_LALT),             // Ctrl+Alt+F2 (VT switch)
        key(SDLK_DELETE, SDL_SCANCODE_DELETE, KMOD_LCTRL | KMOD_LALT),     // Ctrl+Alt+Del
        key(SDLK_BACKSPACE, SDL_SCANCODE_BACKSPACE, KMOD_LCTRL | KMOD_LALT),  // X's zap
        key(SDLK_c, SDL_SCANCODE_C, KMOD_LCTRL),                           // Ctrl+C
        key(SDLK_q, SDL_SCANCODE_Q, KMOD_LCTRL),
        key(SDLK_w, SDL_SCANCODE_W, KMOD_LCTRL),
        key(SDLK_TAB, SDL_SCANCODE_TAB, KMOD_LALT),                        // Alt+Tab
        key(SDLK_LGUI, SDL_SCANCODE_LGUI, KMOD_NONE),                      // the "Windows" key
        key(SDLK_AC_BACK, SDL_SCANCODE_AC_BACK, KMOD_NONE),
        key(SDLK_SYSREQ, SDL_SCANCODE_SYSREQ, KMOD_LALT),
        key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, KMOD_NONE, SDL_KEYUP),
        of_type(SDL_TEXTINPUT),
        of_type(SDL_QUIT),                // a window close request, SIGINT through SDL's handler
        of_type(SDL_APP_TERMINATING),
        of_type(SDL_MULTIGESTURE),        // pinch / rotate
        of_type(SDL_DOLLARGESTURE),
        of_type(SDL_WINDOWEVENT),
        of_type(SDL_DROPFILE),
        of_type(SDL_CLIPBOARDUPDATE),
        of_type(SDL_KEYMAPCHANGED),
    };
    for (const auto& e : events)
        EXPECT_EQ(system_event_action(e, /*fullscreen=*/true), SystemEventAction::ignore) << "event type " << e.type;
}

TEST(KioskLock, OnlyAWindowedDeveloperRunQuitsOnAWindowCloseRequest) {
    EXPECT_EQ(system_event_action(of_type(SDL_QUIT), /*fullscreen=*/false), SystemEventAction::quit);
    EXPECT_EQ(system_event_action(key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, KMOD_NONE), false), SystemEventAction::ignore)
        << "not even a windowed run quits on Escape: the same build runs on the wall";
}

}  // namespace
}  // namespace redgrid::kiosk
