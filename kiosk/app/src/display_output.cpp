#include "display_output.h"

#include <SDL_syswm.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace redgrid::kiosk::detail {
namespace {

struct ResourcesDeleter {
    void operator()(drmModeRes* r) const { drmModeFreeResources(r); }
};
struct ConnectorDeleter {
    void operator()(drmModeConnector* c) const { drmModeFreeConnector(c); }
};
struct PropertyDeleter {
    void operator()(drmModePropertyRes* p) const { drmModeFreeProperty(p); }
};

// Every connected connector's DPMS property: the panel SDL drives is among them.
std::vector<std::pair<unsigned, unsigned>> find_dpms(int fd) {
    std::vector<std::pair<unsigned, unsigned>> found;
    std::unique_ptr<drmModeRes, ResourcesDeleter> res(drmModeGetResources(fd));
    if (!res) return found;
    for (int i = 0; i < res->count_connectors; ++i) {
        std::unique_ptr<drmModeConnector, ConnectorDeleter> c(drmModeGetConnector(fd, res->connectors[i]));
        if (!c || c->connection != DRM_MODE_CONNECTED) continue;
        for (int k = 0; k < c->count_props; ++k) {
            std::unique_ptr<drmModePropertyRes, PropertyDeleter> prop(drmModeGetProperty(fd, c->props[k]));
            if (prop && std::strcmp(prop->name, "DPMS") == 0) found.emplace_back(c->connector_id, prop->prop_id);
        }
    }
    return found;
}

}  // namespace

DisplayOutput DisplayOutput::detect(SDL_Window* window, const std::filesystem::path& backlight_root) {
    DisplayOutput out;
#if SDL_VERSION_ATLEAST(2, 0, 15) && defined(SDL_VIDEO_DRIVER_KMSDRM)
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (window && SDL_GetWindowWMInfo(window, &info) && info.subsystem == SDL_SYSWM_KMSDRM &&
        info.info.kmsdrm.drm_fd >= 0) {
        out.drm_fd_ = info.info.kmsdrm.drm_fd;
        out.dpms_ = find_dpms(out.drm_fd_);
        if (!out.dpms_.empty()) {
            out.kind_ = Kind::dpms;
            out.method_ = "kms-dpms (connector " + std::to_string(out.dpms_.front().first) + ")";
            return out;
        }
    }
#endif
    // A backlight we may write (a udev rule and ReadWritePaths= are needed for that:
    // docs/deploy.md); read-only sysfs under ProtectKernelTunables= fails access().
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(backlight_root, ec)) {
        const auto bl_power = entry.path() / "bl_power";
        if (::access(bl_power.c_str(), W_OK) == 0) {
            out.kind_ = Kind::backlight;
            out.bl_power_ = bl_power;
            out.method_ = "backlight (" + entry.path().string() + ")";
            return out;
        }
    }
    return out;
}

std::string DisplayOutput::set_power(bool on) {
    switch (kind_) {
        case Kind::none:
            return {};
        case Kind::dpms: {
            std::string failed;
            for (const auto& [connector, property] : dpms_)
                if (drmModeConnectorSetProperty(drm_fd_, connector, property,
                                                on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF) != 0)
                    failed = "DPMS on connector " + std::to_string(connector) + ": " + std::strerror(errno);
            return failed;
        }
        case Kind::backlight: {
            // 0 = FB_BLANK_UNBLANK, 4 = FB_BLANK_POWERDOWN.
            std::ofstream f(bl_power_);
            f << (on ? "0" : "4") << '\n';
            f.close();
            return f ? std::string() : "cannot write " + bl_power_.string();
        }
    }
    return {};
}

}  // namespace redgrid::kiosk::detail
