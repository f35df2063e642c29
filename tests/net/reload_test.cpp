// The server's reload command on the network side: ContentCache::load_current reads only the
// current bundle (never an older one in its place), and the sync worker answers reload() on
// its own thread with what it read, or with the file and the problem.
#include <gtest/gtest.h>

#include <fstream>

#include "cached_versions.h"
#include "net_test_support.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/net/sync_worker.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

using test::store_version;
using Version = test::CachedVersion;

Version make_version(const std::string& version, const std::string& salt) {
    return test::make_cached_version("k1", version, salt);
}

TEST(LoadCurrent, ReadsTheCurrentBundleAndNeverFallsBackToThePrevious) {
    test::TempDir dir;
    const auto v1 = make_version("v1", "a"), v2 = make_version("v2", "b");
    ContentCache cache(dir.path());
    store_version(cache, v1, "\"1\"");
    store_version(cache, v2, "\"2\"");
    auto current = cache.load_current();
    ASSERT_TRUE(current) << current.error();
    EXPECT_EQ(current->version, "v2");
    EXPECT_EQ(current->etag, "\"2\"");

    const fs::path file = dir.path() / "bundles" / (sha256_hex(v2.text) + ".json");
    std::ofstream(file, std::ios::trunc) << "{\"format\": 1,";
    auto broken = cache.load_current();
    ASSERT_FALSE(broken);
    EXPECT_NE(broken.error().find(file.string()), std::string::npos) << broken.error();
    EXPECT_NE(broken.error().find("corrupt"), std::string::npos) << broken.error();
    // At boot the previous bundle is still better than nothing.
    EXPECT_EQ(cache.load_last_good()->version, "v1");
}

TEST(LoadCurrent, AnEmptyCacheNamesTheMissingPointer) {
    test::TempDir dir;
    ContentCache cache(dir.path());
    auto loaded = cache.load_current();
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().find((dir.path() / "current").string()), std::string::npos) << loaded.error();
}

// Records the reload answers the worker gives.
struct Reloads {
    std::mutex mutex;
    std::vector<ContentReloaded> got;
    SyncCallback callback() {
        return [this](SyncUpdate update) {
            if (auto* reloaded = std::get_if<ContentReloaded>(&update)) {
                std::lock_guard lock(mutex);
                got.push_back(std::move(*reloaded));
            }
        };
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return got.size();
    }
};

class WorkerReload : public ::testing::Test {
protected:
    void SetUp() override {
        // A server that is not there: the reload needs none, and the worker's first sync
        // fails fast (refused) instead of finding content of its own.
        options_.server_url = "http://127.0.0.1:9/";
        options_.kiosk_id = "k1";
        options_.token = "tok";
        options_.cache_dir = dir_.path() / "content";
        options_.data_dir = dir_.path();
        options_.heartbeat_interval = 3600s;
        options_.http.total_timeout = 2s;
        timing_.recheck_every = 1ms;
    }
    test::TempDir dir_;
    SyncOptions options_;
    WorkerTiming timing_;
    ManualClock clock_{std::chrono::system_clock::time_point(std::chrono::hours(490000))};
    Reloads reloads_;
};

TEST_F(WorkerReload, AnswersWithTheCurrentBundleReadAgainFromDisk) {
    const auto v1 = make_version("v1", "a"), v2 = make_version("v2", "b");
    {
        ContentCache cache(options_.cache_dir);
        store_version(cache, v1, "\"1\"");
    }
    SyncWorker worker(options_, reloads_.callback(), clock_, {}, timing_);
    worker.start();
    worker.reload("c-1");
    ASSERT_TRUE(test::eventually([&] { return reloads_.count() == 1; }));
    worker.stop();
    // Someone replaced the bundle on disk (an image update, a technician): reload shows it.
    {
        ContentCache cache(options_.cache_dir);
        store_version(cache, v2, "\"2\"");
    }
    worker.start();
    worker.reload("c-2");
    ASSERT_TRUE(test::eventually([&] { return reloads_.count() == 2; }));
    std::lock_guard lock(reloads_.mutex);
    EXPECT_EQ(reloads_.got[0].command_id, "c-1");
    ASSERT_TRUE(reloads_.got[0].content) << reloads_.got[0].content.error();
    EXPECT_EQ(reloads_.got[0].content->version, "v1");
    ASSERT_TRUE(reloads_.got[1].content) << reloads_.got[1].content.error();
    EXPECT_EQ(reloads_.got[1].content->version, "v2");
    EXPECT_EQ(reloads_.got[1].content->content->bundle().version, "v2");
    EXPECT_EQ(worker.status().bundle_version, "v2") << "the heartbeat reports what is shown now";
}

TEST_F(WorkerReload, ACorruptCacheIsAnErrorNamingTheFile) {
    const auto v1 = make_version("v1", "a");
    {
        ContentCache cache(options_.cache_dir);
        store_version(cache, v1, "\"1\"");
    }
    const fs::path file = options_.cache_dir / "bundles" / (sha256_hex(v1.text) + ".json");
    std::ofstream(file, std::ios::trunc) << "garbage";
    SyncWorker worker(options_, reloads_.callback(), clock_, {}, timing_);
    worker.start();
    worker.reload("c-7");
    ASSERT_TRUE(test::eventually([&] { return reloads_.count() == 1; }));
    std::lock_guard lock(reloads_.mutex);
    EXPECT_EQ(reloads_.got[0].command_id, "c-7");
    ASSERT_FALSE(reloads_.got[0].content);
    EXPECT_NE(reloads_.got[0].content.error().find(file.string()), std::string::npos)
        << reloads_.got[0].content.error();
}

}  // namespace
}  // namespace redgrid::net
