#include "redgrid/render/texture_cache.h"

namespace redgrid::render {

const CachedTexture* TextureCache::find(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) {
        ++misses_;
        return nullptr;
    }
    ++hits_;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
}

const CachedTexture& TextureCache::insert(std::string key, CachedTexture value) {
    if (auto old = index_.find(key); old != index_.end()) {
        bytes_ -= bytes_of(old->second->second);
        entries_.erase(old->second);
        index_.erase(old);
    }
    bytes_ += bytes_of(value);
    entries_.emplace_front(key, std::move(value));
    index_.emplace(std::move(key), entries_.begin());
    while (bytes_ > byte_limit_ && entries_.size() > 1) {
        Entry& victim = entries_.back();
        bytes_ -= bytes_of(victim.second);
        index_.erase(victim.first);
        entries_.pop_back();
        ++evictions_;
    }
    return entries_.front().second;
}

void TextureCache::clear() {
    index_.clear();
    entries_.clear();
    bytes_ = 0;
}

CacheStats TextureCache::stats() const {
    return {hits_, misses_, evictions_, entries_.size(), bytes_, byte_limit_};
}

}  // namespace redgrid::render
