// RAII owners for the SDL / SDL_ttf handles the renderer holds, and the guard that
// initialises the libraries once per process.
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>

#include <cstddef>
#include <expected>
#include <memory>
#include <string>

namespace redgrid::render {

struct WindowDeleter {
    void operator()(SDL_Window* w) const noexcept { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const noexcept { SDL_DestroyRenderer(r); }
};
struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const noexcept { SDL_FreeSurface(s); }
};
struct FontDeleter {
    void operator()(TTF_Font* f) const noexcept { TTF_CloseFont(f); }
};
// Also keeps the process-wide live texture count, so tests and the maintenance screen
// can see texture leaks.
struct TextureDeleter {
    void operator()(SDL_Texture* t) const noexcept;
};

using WindowPtr = std::unique_ptr<SDL_Window, WindowDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, RendererDeleter>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using FontPtr = std::unique_ptr<TTF_Font, FontDeleter>;
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;

// Creates a texture from a surface and counts it; the error names what failed.
std::expected<TexturePtr, std::string> make_texture(SDL_Renderer* renderer, SDL_Surface* surface);

// Textures created through make_texture and not yet destroyed, process-wide.
std::size_t live_texture_count() noexcept;

// Initialises SDL video, SDL_ttf and SDL_image (PNG, JPEG) on the first live guard and
// shuts them down when the last guard goes away. Move-only.
class SdlLibrary {
public:
    static std::expected<SdlLibrary, std::string> init();
    SdlLibrary(SdlLibrary&& other) noexcept : owns_(other.owns_) { other.owns_ = false; }
    SdlLibrary& operator=(SdlLibrary&& other) noexcept;
    SdlLibrary(const SdlLibrary&) = delete;
    SdlLibrary& operator=(const SdlLibrary&) = delete;
    ~SdlLibrary();

private:
    SdlLibrary() = default;
    void release() noexcept;
    bool owns_ = false;
};

}  // namespace redgrid::render
