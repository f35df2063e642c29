// Writes the image seed corpus: small real PNG and JPEG files made by SDL_image (the same
// library that decodes them on the kiosk), plus headers that claim more pixels than the
// kiosk accepts (decompression-bomb shapes). Usage: fuzz_make_image_seeds DIR
#include <SDL.h>
#include <SDL_image.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>
#include <zlib.h>

namespace {

bool write_file(const std::string& path, const std::vector<unsigned char>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return bool(out);
}

void put32(std::vector<unsigned char>& out, unsigned long value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<unsigned char>(value >> shift));
}

void chunk(std::vector<unsigned char>& png, const char* type, const std::vector<unsigned char>& body) {
    put32(png, body.size());
    std::vector<unsigned char> typed(type, type + 4);
    typed.insert(typed.end(), body.begin(), body.end());
    png.insert(png.end(), typed.begin(), typed.end());
    put32(png, crc32(0, typed.data(), static_cast<uInt>(typed.size())));
}

// A valid-looking 8-bit greyscale PNG of width x height whose IDAT holds `rows` rows of
// zeros: a few hundred bytes that would inflate to width*height pixels.
std::vector<unsigned char> bomb_png(unsigned long width, unsigned long height, unsigned long rows) {
    std::vector<unsigned char> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    std::vector<unsigned char> ihdr;
    put32(ihdr, width);
    put32(ihdr, height);
    ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});
    chunk(png, "IHDR", ihdr);
    std::vector<unsigned char> raw(rows * (width + 1), 0);
    uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
    std::vector<unsigned char> packed(packed_size);
    compress2(packed.data(), &packed_size, raw.data(), static_cast<uLong>(raw.size()), 9);
    packed.resize(packed_size);
    chunk(png, "IDAT", packed);
    chunk(png, "IEND", {});
    return png;
}

// SOI, then a baseline SOF0 claiming width x height, then EOI.
std::vector<unsigned char> bomb_jpeg(int width, int height) {
    return {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08,
            static_cast<unsigned char>(height >> 8), static_cast<unsigned char>(height), static_cast<unsigned char>(width >> 8),
            static_cast<unsigned char>(width), 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9};
}

bool save_real(const std::string& dir, int width, int height) {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    if (surface == nullptr) return false;
    for (int y = 0; y < height; ++y) {
        auto* row = static_cast<Uint32*>(surface->pixels) + y * surface->pitch / 4;
        for (int x = 0; x < width; ++x) row[x] = SDL_MapRGBA(surface->format, Uint8(x * 40), Uint8(y * 40), 0x30, 0xFF);
    }
    const std::string stem = dir + "/real_" + std::to_string(width) + "x" + std::to_string(height);
    const bool ok = IMG_SavePNG(surface, (stem + ".png").c_str()) == 0 &&
                    IMG_SaveJPG(surface, (stem + ".jpg").c_str(), 70) == 0;
    SDL_FreeSurface(surface);
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    bool ok = save_real(dir, 1, 1) && save_real(dir, 3, 2) && save_real(dir, 8, 8);
    ok = ok && write_file(dir + "/bomb_100000x100000.png", bomb_png(100000, 100000, 1));
    ok = ok && write_file(dir + "/bomb_4097x1.png", bomb_png(4097, 1, 1));
    ok = ok && write_file(dir + "/limit_4096x4096_truncated.png", bomb_png(4096, 4096, 4));
    ok = ok && write_file(dir + "/bomb_65500x65500.jpg", bomb_jpeg(65500, 65500));
    ok = ok && write_file(dir + "/gif_magic.gif", {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, ';'});
    if (!ok) std::fprintf(stderr, "writing seeds into %s failed: %s\n", dir.c_str(), SDL_GetError());
    return ok ? 0 : 1;
}
