// Bundle versions stored into a ContentCache the way a sync stores them (media first, then
// the bundle), for the cache's own tests and the reload tests that read it back.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "net_test_support.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/net/content_cache.h"

namespace redgrid::test {

struct CachedVersion {
    std::string text;
    content::Bundle bundle;
    std::vector<TestMedia> media;
};

// One photo, different for each salt; `notices` titles, if any.
inline CachedVersion make_cached_version(const std::string& kiosk_id, const std::string& version,
                                         const std::string& salt, const std::vector<std::string>& notices = {}) {
    std::vector<TestMedia> media = {media_from(make_png(2, 1, salt))};
    CachedVersion result{make_bundle_json(kiosk_id, version, media, notices).dump(), {}, media};
    auto bundle = content::parse_bundle(result.text);
    EXPECT_TRUE(bundle.has_value()) << (bundle ? "" : bundle.error().front().to_string());
    if (bundle) result.bundle = *bundle;
    return result;
}

inline void store_version(net::ContentCache& cache, const CachedVersion& version, const std::string& etag) {
    for (std::size_t i = 0; i < version.media.size(); ++i)
        ASSERT_TRUE(cache.store_media(version.bundle.media[i], version.media[i].bytes).has_value());
    auto stored = cache.store(version.text, version.bundle, etag);
    ASSERT_TRUE(stored.has_value()) << stored.error();
}

}  // namespace redgrid::test
