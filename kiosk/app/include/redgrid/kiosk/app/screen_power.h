// The UI loop's side of the display schedule: it decides each loop turn whether the screen
// is lit (DisplayPower), switches the panel when that changes, keeps the touch that woke a
// dark screen away from the UI, and tells the loop how long it may sleep. The loop draws
// nothing while the screen is dark (docs/deploy.md, "Display power").
#pragma once

#include <SDL.h>

#include <chrono>
#include <optional>
#include <string>

#include "redgrid/config/clock.h"
#include "redgrid/kiosk/app/display_power.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {

// The panel itself: KMS DPMS, a backlight, or nothing (kiosk/app/src/display_output.h).
class PanelSwitch {
public:
    virtual ~PanelSwitch() = default;
    // "kms-dpms (connector 33)", "backlight (...)", "black frame only"
    virtual std::string method() const = 0;
    // False: this switch cannot turn the panel off; the loop shows a black frame instead.
    virtual bool can_switch() const = 0;
    // "" on success, else what failed (the loop then shows a black frame).
    virtual std::string set_power(bool on) = 0;
};

// A screen with no way to switch its panel: only the black frame (tests, windows).
class NoPanelSwitch final : public PanelSwitch {
public:
    std::string method() const override { return "black frame only"; }
    bool can_switch() const override { return false; }
    std::string set_power(bool) override { return {}; }
};

class ScreenPower {
public:
    // `settings`: the schedule in force (config, or the server's set_display_schedule), read
    // again whenever its generation changes; the lit state is written back for the heartbeat.
    // `wake_for`: how long a touch keeps a dark screen lit (the config's idle_return).
    ScreenPower(const Clock& clock, DisplaySettings& settings, PanelSwitch& panel, int utc_offset_minutes,
                std::chrono::milliseconds wake_for);

    enum class Change {
        none,
        went_dark,  // the panel is off (or must show black if `black_frame()`): draw nothing more
        lit_up,     // the panel is on again: redraw everything
    };
    // Once per loop turn, before drawing.
    Change update(bool clock_synced);
    bool lit() const { return lit_; }
    // Went dark without a panel that could be switched off: the loop shows one black frame.
    bool black_frame() const { return black_frame_; }

    // Every SDL event passes here first. True: the event is not for the UI (a touch that woke
    // the dark screen, the rest of that same touch, or any pointer event while dark).
    bool filter(const SDL_Event& event);

    // How long the loop may sleep before the screen may change by itself (the next schedule
    // edge or the end of a wake); nullopt: until an event comes.
    std::optional<std::chrono::milliseconds> until_next_change() const;

private:
    void read_schedule();
    void switch_panel(bool on);

    const Clock& clock_;
    DisplaySettings& settings_;
    PanelSwitch& panel_;
    DisplayPower power_;
    std::optional<unsigned> generation_;
    std::string schedule_text_;
    bool lit_ = true;
    bool black_frame_ = false;
    bool clock_synced_ = true;
    bool logged_unsynced_ = false;
    // The pointer whose press woke the screen: its motion and release are swallowed too.
    std::optional<SDL_FingerID> waking_finger_;
    bool waking_mouse_ = false;
};

}  // namespace redgrid::kiosk
