#include "redgrid/net/content_cache.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "cached_versions.h"
#include "net_test_support.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"

namespace redgrid::net {
namespace {

using test::make_bundle_json;
using test::make_png;
using test::media_from;
using test::TempDir;

using test::store_version;
using Version = test::CachedVersion;

Version make_version(const std::string& version, const std::string& salt) {
    return test::make_cached_version("demo", version, salt, {"通知 " + version});
}

TEST(ContentCache, EmptyCacheSaysSo) {
    TempDir dir;
    ContentCache cache(dir.path());
    auto loaded = cache.load_last_good();
    ASSERT_FALSE(loaded.has_value());
    EXPECT_NE(loaded.error().find("empty"), std::string::npos);
}

TEST(ContentCache, StoredBundleAndMediaComeBackAfterARestart) {
    TempDir dir;
    const auto v1 = make_version("v1", "a");
    {
        ContentCache cache(dir.path());
        store_version(cache, v1, "\"etag-1\"");
    }
    ContentCache reopened(dir.path());
    auto loaded = reopened.load_last_good();
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    EXPECT_EQ(loaded->version, "v1");
    EXPECT_EQ(loaded->etag, "\"etag-1\"");
    EXPECT_TRUE(loaded->missing_media.empty());
    EXPECT_EQ(loaded->content->bundle().notices.at(0).title, "通知 v1");
    EXPECT_TRUE(std::filesystem::exists(loaded->media_dir / v1.media[0].sha256));
}

TEST(ContentCache, MediaWithTheWrongBytesIsRefused) {
    TempDir dir;
    ContentCache cache(dir.path());
    const auto v1 = make_version("v1", "a");
    auto stored = cache.store_media(v1.bundle.media[0], make_png(2, 1, "other"));
    ASSERT_FALSE(stored.has_value());
    EXPECT_NE(stored.error().find(v1.media[0].sha256), std::string::npos);
    EXPECT_FALSE(cache.store(v1.text, v1.bundle, "").has_value()) << "a bundle without its media must not be stored";
}

TEST(ContentCache, CorruptCurrentBundleFallsBackToThePreviousWithALogLine) {
    TempDir dir;
    test::LogCapture logs;
    const auto v1 = make_version("v1", "a");
    const auto v2 = make_version("v2", "b");
    {
        ContentCache cache(dir.path());
        store_version(cache, v1, "\"1\"");
        store_version(cache, v2, "\"2\"");
    }
    std::ofstream(dir.path() / "bundles" / (sha256_hex(v2.text) + ".json"), std::ios::trunc) << "{\"format\": 1,";
    ContentCache cache(dir.path());
    auto loaded = cache.load_last_good();
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    EXPECT_EQ(loaded->version, "v1");
    EXPECT_TRUE(logs.contains("does not match its hash")) << logs.all();
}

TEST(ContentCache, CorruptMediaIsRemovedAndForcesAFullSync) {
    TempDir dir;
    test::LogCapture logs;
    const auto v1 = make_version("v1", "a");
    {
        ContentCache cache(dir.path());
        store_version(cache, v1, "\"1\"");
    }
    const auto media_path = dir.path() / "media" / v1.media[0].sha256;
    std::string bytes = v1.media[0].bytes;
    bytes[bytes.size() / 2] ^= 0x55;
    std::ofstream(media_path, std::ios::binary | std::ios::trunc) << bytes;
    ContentCache cache(dir.path());
    auto loaded = cache.load_last_good();
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->missing_media, std::vector<std::string>{v1.media[0].sha256});
    EXPECT_EQ(loaded->etag, "") << "without an ETag the next sync is a full GET that fetches the media again";
    EXPECT_FALSE(std::filesystem::exists(media_path));
    EXPECT_TRUE(logs.contains("removing corrupt media")) << logs.all();
}

TEST(ContentCache, GarbageCollectionKeepsOnlyCurrentAndPrevious) {
    TempDir dir;
    ContentCache cache(dir.path());
    const auto v1 = make_version("v1", "a");
    const auto v2 = make_version("v2", "b");
    const auto v3 = make_version("v3", "c");
    store_version(cache, v1, "");
    store_version(cache, v2, "");
    store_version(cache, v3, "");
    EXPECT_FALSE(std::filesystem::exists(cache.media_dir() / v1.media[0].sha256));
    EXPECT_TRUE(std::filesystem::exists(cache.media_dir() / v2.media[0].sha256));
    EXPECT_TRUE(std::filesystem::exists(cache.media_dir() / v3.media[0].sha256));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "bundles"),
                            std::filesystem::directory_iterator()),
              2);
}

TEST(ContentCache, SizeCapRefusesABundleThatCannotFit) {
    TempDir dir;
    const auto v1 = make_version("v1", "a");
    ContentCache cache(dir.path(), v1.text.size() + 10);
    auto fits = cache.check_fits(v1.bundle, v1.text.size());
    ASSERT_FALSE(fits.has_value());
    EXPECT_NE(fits.error().find("cache cap"), std::string::npos);
}

TEST(ContentCache, SizeCapDropsThePreviousBundleFirst) {
    TempDir dir;
    const auto v1 = make_version("v1", "a");
    const auto v2 = make_version("v2", "b");
    ContentCache cache(dir.path(), v2.text.size() + v2.media[0].bytes.size() + 100);
    store_version(cache, v1, "");
    store_version(cache, v2, "");
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "previous"));
    EXPECT_FALSE(std::filesystem::exists(cache.media_dir() / v1.media[0].sha256));
    EXPECT_EQ(cache.load_last_good()->version, "v2");
}

// The kiosk is killed at each step of writing a new bundle; the next boot must show a
// complete bundle: the old one until the final rename, the new one after it.
class CacheCrash : public ::testing::TestWithParam<const char*> {};

TEST_P(CacheCrash, NextBootUsesTheLastCompleteBundle) {
    TempDir dir;
    const auto v1 = make_version("v1", "a");
    const auto v2 = make_version("v2", "b");
    {
        ContentCache cache(dir.path());
        store_version(cache, v1, "\"1\"");
    }
    const std::string stage = GetParam();
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ContentCache cache(dir.path());
        cache.set_stage_hook([&](std::string_view at) {
            if (at == stage) ::_exit(42);  // like kill -9: no destructors, no flush
        });
        for (std::size_t i = 0; i < v2.media.size(); ++i) (void)cache.store_media(v2.bundle.media[i], v2.media[i].bytes);
        (void)cache.store(v2.text, v2.bundle, "\"2\"");
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 42) << "the fault point " << stage << " was never reached";

    ContentCache after(dir.path());
    auto loaded = after.load_last_good();
    ASSERT_TRUE(loaded.has_value()) << loaded.error();
    const bool past_commit = stage == "current-renamed";
    EXPECT_EQ(loaded->version, past_commit ? "v2" : "v1");
    EXPECT_TRUE(loaded->missing_media.empty());
}

INSTANTIATE_TEST_SUITE_P(EveryWriteStep, CacheCrash,
                         ::testing::Values("media-partly-written", "media-renamed", "bundle-partly-written",
                                           "bundle-renamed", "previous-partly-written", "previous-renamed",
                                           "current-partly-written", "current-renamed"),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::erase(name, '-');
                             return name;
                         });

}  // namespace
}  // namespace redgrid::net
