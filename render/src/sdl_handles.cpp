#include "redgrid/render/sdl_handles.h"

#include <SDL_image.h>

#include <atomic>
#include <mutex>

namespace redgrid::render {
namespace {

std::atomic<std::size_t> g_live_textures{0};

std::mutex g_library_mutex;
int g_library_users = 0;

}  // namespace

void TextureDeleter::operator()(SDL_Texture* t) const noexcept {
    if (t == nullptr) return;
    SDL_DestroyTexture(t);
    g_live_textures.fetch_sub(1, std::memory_order_relaxed);
}

std::expected<TexturePtr, std::string> make_texture(SDL_Renderer* renderer, SDL_Surface* surface) {
    if (renderer == nullptr || surface == nullptr) return std::unexpected("make_texture: null renderer or surface");
    SDL_Texture* raw = SDL_CreateTextureFromSurface(renderer, surface);
    if (raw == nullptr) {
        return std::unexpected(std::string("SDL_CreateTextureFromSurface(") + std::to_string(surface->w) + "x" +
                               std::to_string(surface->h) + "): " + SDL_GetError());
    }
    g_live_textures.fetch_add(1, std::memory_order_relaxed);
    TexturePtr texture(raw);
    SDL_SetTextureBlendMode(raw, SDL_BLENDMODE_BLEND);
    return texture;
}

std::size_t live_texture_count() noexcept { return g_live_textures.load(std::memory_order_relaxed); }

std::expected<SdlLibrary, std::string> SdlLibrary::init() {
    std::lock_guard lock(g_library_mutex);
    if (g_library_users == 0) {
        if (SDL_Init(SDL_INIT_VIDEO) != 0) return std::unexpected(std::string("SDL_Init(video): ") + SDL_GetError());
        if (TTF_Init() != 0) {
            std::string message = std::string("TTF_Init: ") + TTF_GetError();
            SDL_Quit();
            return std::unexpected(message);
        }
        constexpr int wanted = IMG_INIT_PNG | IMG_INIT_JPG;
        if ((IMG_Init(wanted) & wanted) != wanted) {
            std::string message = std::string("IMG_Init(png, jpg): ") + IMG_GetError();
            TTF_Quit();
            SDL_Quit();
            return std::unexpected(message);
        }
    }
    ++g_library_users;
    SdlLibrary guard;
    guard.owns_ = true;
    return guard;
}

SdlLibrary& SdlLibrary::operator=(SdlLibrary&& other) noexcept {
    if (this != &other) {
        release();
        owns_ = other.owns_;
        other.owns_ = false;
    }
    return *this;
}

SdlLibrary::~SdlLibrary() { release(); }

void SdlLibrary::release() noexcept {
    if (!owns_) return;
    owns_ = false;
    std::lock_guard lock(g_library_mutex);
    if (--g_library_users == 0) {
        IMG_Quit();
        TTF_Quit();
        SDL_Quit();
    }
}

}  // namespace redgrid::render
