// Internal to the runner: switching the panel itself off and on for the display schedule.
// SDL2 has no DPMS call, so this goes around it: KMS DPMS on the connector SDL's KMSDRM
// driver drives (its DRM fd comes from SDL_GetWindowWMInfo), else the sysfs backlight's
// bl_power, else nothing, and the runner's black frame is all there is (docs/deploy.md,
// "Display power").
#pragma once

#include <SDL.h>

#include <filesystem>
#include <string>
#include <vector>

#include "redgrid/kiosk/app/screen_power.h"

namespace redgrid::kiosk::detail {

class DisplayOutput final : public PanelSwitch {
public:
    static DisplayOutput detect(SDL_Window* window,
                                const std::filesystem::path& backlight_root = "/sys/class/backlight");
    // "kms-dpms (connector 33)", "backlight (/sys/class/backlight/rpi_backlight)", "black frame only"
    std::string method() const override { return method_; }
    bool can_switch() const override { return kind_ != Kind::none; }
    // "" on success, else what failed (the black frame then hides the picture).
    std::string set_power(bool on) override;

private:
    enum class Kind { none, dpms, backlight };
    Kind kind_ = Kind::none;
    std::string method_ = "black frame only";
    int drm_fd_ = -1;                                  // SDL's, not ours: never closed here
    std::vector<std::pair<unsigned, unsigned>> dpms_;  // connector id, DPMS property id
    std::filesystem::path bl_power_;
};

}  // namespace redgrid::kiosk::detail
