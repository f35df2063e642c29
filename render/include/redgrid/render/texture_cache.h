// A byte-bounded LRU of textures keyed by what was rasterised, so a redraw of unchanged
// content re-rasterises nothing and a week of changing content does not grow memory.
#pragma once

#include "redgrid/render/sdl_handles.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>

namespace redgrid::render {

struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;       // 4 bytes per texel of the cached textures
    std::size_t byte_limit = 0;
};

// A rasterised piece and where its top-left corner goes relative to the whole pixel the
// op is anchored at (shapes carry their shadow and antialiasing margin around them).
struct CachedTexture {
    TexturePtr texture;
    int width = 0;
    int height = 0;
    int offset_x = 0;
    int offset_y = 0;
};

class TextureCache {
public:
    explicit TextureCache(std::size_t byte_limit) : byte_limit_(byte_limit) {}

    // Counts a hit or a miss; a hit becomes the most recently used entry. The pointer stays
    // valid until the next insert or clear.
    const CachedTexture* find(const std::string& key);
    // Stores value under key and evicts least recently used entries beyond the byte limit
    // (never the entry just stored, which may alone exceed the limit).
    const CachedTexture& insert(std::string key, CachedTexture value);
    void clear();
    CacheStats stats() const;

private:
    using Entry = std::pair<std::string, CachedTexture>;
    static std::size_t bytes_of(const CachedTexture& t) {
        return static_cast<std::size_t>(t.width) * static_cast<std::size_t>(t.height) * 4;
    }

    std::size_t byte_limit_;
    std::list<Entry> entries_;  // front = most recently used
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;
};

}  // namespace redgrid::render
