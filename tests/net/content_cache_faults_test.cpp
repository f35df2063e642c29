// The content cache when the disk fails: SQLite-style I/O-error loops. For each kind of
// file call (open, write, fsync, rename) a full sync of a new bundle is run with the
// 1st, 2nd, ... Nth call of that kind failing, N going up until a sync completes
// without reaching the fault. After every failure: no crash, one line naming what
// failed and where, no partial file under a final name, every bundle the pointers name
// still complete (hash-checked, with all its media), and the next sync without faults
// succeeds.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "net_test_support.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/net/file_ops.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kToken = "fault-token-0123456789";

struct Published {
    std::string version;
    std::string text;
    std::map<std::string, std::string> media;  // sha -> bytes
    std::string etag() const { return "\"" + sha256_hex(text) + "\""; }
};

// Two photos per version, so a sync writes two media files, the bundle, "previous"
// and "current".
Published make_version(const std::string& version) {
    const auto photo = test::media_from(test::make_png(3, 2, version + "-a"));
    const auto logo = test::media_from(test::make_png(2, 2, version + "-b"));
    auto json = test::make_bundle_json("k1", version, {photo, logo}, {"通知 " + version});
    json["theme"]["logo"] = logo.sha256;
    return {version, json.dump(), {{photo.sha256, photo.bytes}, {logo.sha256, logo.bytes}}};
}

std::string file_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Nothing under a final name is partial: every bundle and media file hashes to its name.
void expect_only_complete_files(const fs::path& dir) {
    for (const auto& entry : fs::directory_iterator(dir / "bundles"))
        EXPECT_EQ(sha256_hex(file_text(entry.path())) + ".json", entry.path().filename().string())
            << "partial bundle file " << entry.path();
    for (const auto& entry : fs::directory_iterator(dir / "media"))
        EXPECT_EQ(sha256_hex(file_text(entry.path())), entry.path().filename().string())
            << "partial media file " << entry.path();
    EXPECT_TRUE(fs::is_empty(dir / "tmp")) << "a failed write left its temporary file";
}

// Every pointer present names a complete bundle: text and all of its media on disk.
void expect_pointers_complete(const fs::path& dir) {
    for (const char* name : {"current", "previous"}) {
        if (!fs::exists(dir / name)) continue;
        const auto pointer = nlohmann::json::parse(file_text(dir / name), nullptr, false);
        ASSERT_TRUE(pointer.is_object()) << name << " is not a pointer";
        const auto sha = pointer.value("bundle_sha256", "");
        const auto text = file_text(dir / "bundles" / (sha + ".json"));
        ASSERT_EQ(sha256_hex(text), sha) << name << "'s bundle is gone or damaged";
        const auto bundle = content::parse_bundle(text);
        ASSERT_TRUE(bundle.has_value()) << name;
        for (const auto& media : bundle->media)
            EXPECT_EQ(sha256_hex(file_text(dir / "media" / media.sha256)), media.sha256)
                << name << "'s media " << media.sha256 << " is gone or damaged";
    }
}

class ContentCacheFaults : public ::testing::Test {
protected:
    void SetUp() override {
        server_.http().Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            Published content;
            {
                std::lock_guard lock(mutex_);
                content = published_;
            }
            if (request.get_header_value("Authorization") != std::string("Bearer ") + kToken)
                return void(response.status = 401);
            if (request.path.find("/bundle") != std::string::npos) {
                response.set_header("ETag", content.etag());
                if (request.get_header_value("If-None-Match") == content.etag()) return void(response.status = 304);
                return response.set_content(content.text, "application/json");
            }
            const auto it = content.media.find(request.path.substr(request.path.rfind('/') + 1));
            if (it == content.media.end()) return void(response.status = 404);
            response.set_content(it->second, "image/png");
        });
        options_.server_url = "http://127.0.0.1:" + std::to_string(server_.start());
        options_.kiosk_id = "k1";
        options_.token = kToken;
        options_.http.connect_timeout = 2s;
        options_.http.total_timeout = 5s;
    }
    void publish(const Published& content) {
        std::lock_guard lock(mutex_);
        published_ = content;
    }

    struct Run {
        bool injected = false;
    };

    // A cache holding v1 (previous) and v2 (current), then a sync of v3 with the Nth
    // call of `op` failing with `error`.
    Run run_with_fault(FileOp op, std::uint64_t n, int error) {
        test::TempDir dir;
        options_.cache_dir = dir.path();
        for (const auto& version : {v1_, v2_}) {
            publish(version);
            const auto stored = sync_once(options_);
            EXPECT_TRUE(stored.has_value()) << stored.error();
        }
        publish(v3_);
        auto ops = std::make_shared<FaultFileOps>();
        ContentCache cache(dir.path(), ContentCache::kDefaultMaxBytes, ops);
        Syncer syncer(options_, cache);
        const auto before = ops->injected();
        ops->fail_nth(op, n, error);
        auto outcome = syncer.sync(v2_.etag());
        Run run{ops->injected() != before};
        ops->heal();

        if (!run.injected) {
            EXPECT_TRUE(outcome.has_value()) << "failed without a fault: " << outcome.error().message;
        } else if (!outcome) {
            const auto& message = outcome.error().message;
            EXPECT_EQ(message.rfind("content cache: ", 0), 0u) << "a disk fault is the kiosk's, not the bundle's: "
                                                               << message;
            EXPECT_TRUE(outcome.error().bundle_errors.empty()) << "a disk fault must not reject the bundle";
            EXPECT_NE(message.find(std::strerror(error)), std::string::npos) << "what failed: " << message;
            EXPECT_NE(message.find(dir.path().string()), std::string::npos) << "where: " << message;
            EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
        }

        expect_only_complete_files(dir.path());
        expect_pointers_complete(dir.path());
        // What the kiosk shows after a restart: a complete bundle, the old one unless the
        // fault came after the new "current" was in place.
        const auto shown = ContentCache(dir.path()).load_last_good();
        EXPECT_TRUE(shown.has_value()) << shown.error();
        if (shown) {
            EXPECT_TRUE(shown->missing_media.empty());
            if (outcome) {
                EXPECT_EQ(shown->version, "v3");
            } else {
                EXPECT_TRUE(shown->version == "v2" || shown->version == "v3") << shown->version;
            }
            if (shown->version == "v3" && !outcome) {
                EXPECT_NE(outcome.error().message.find(" directory " + dir.path().string()), std::string::npos)
                    << "only the last directory sync may fail after the commit: " << outcome.error().message;
            }
        }

        // The next attempt without faults, with what the kiosk still holds, succeeds.
        const auto retried = syncer.sync(v2_.etag());
        EXPECT_TRUE(retried.has_value()) << retried.error().message;
        const auto after = ContentCache(dir.path()).load_last_good();
        EXPECT_TRUE(after.has_value() && after->version == "v3" && after->missing_media.empty());
        expect_only_complete_files(dir.path());
        expect_pointers_complete(dir.path());
        return run;
    }

    // Fails call 1, 2, ... of `op` until a sync no longer reaches the fault; returns
    // the first N past the last call.
    std::uint64_t loop(FileOp op, const std::vector<int>& errors) {
        std::uint64_t n = 1;
        for (; n < 300; ++n) {
            const int error = errors[n % errors.size()];
            SCOPED_TRACE(std::string(to_string(op)) + " #" + std::to_string(n) + " failing with " +
                         std::strerror(error));
            const auto run = run_with_fault(op, n, error);
            if (HasFailure() || !run.injected) break;
        }
        std::cout << "[ info ] failed " << to_string(op) << " #1 to #" << n - 1 << "; #" << n
                  << " was past the sync\n";
        return n;
    }

    const Published v1_ = make_version("v1");
    const Published v2_ = make_version("v2");
    const Published v3_ = make_version("v3");
    test::LoopbackServer server_;
    SyncOptions options_;
    std::mutex mutex_;
    Published published_;
};

TEST_F(ContentCacheFaults, FailingTheNthOpenForEveryNKeepsTheLastGoodBundle) {
    // Opens cover the temporary files, the directories synced and every file read back
    // (pointers and bundles read by the store and the garbage collection).
    EXPECT_GT(loop(FileOp::open, {EACCES, EMFILE, EIO}), 10u);
}

TEST_F(ContentCacheFaults, FailingTheNthWriteForEveryNKeepsTheLastGoodBundle) {
    // A failing write first takes half of what it was given (see FaultFileOps).
    EXPECT_GT(loop(FileOp::write, {ENOSPC, EIO}), 5u);
}

TEST_F(ContentCacheFaults, FailingTheNthFsyncForEveryNKeepsTheLastGoodBundle) {
    // Five files and their directories: ten syncs.
    EXPECT_GT(loop(FileOp::fsync, {EIO}), 10u);
}

TEST_F(ContentCacheFaults, FailingTheNthRenameForEveryNKeepsTheLastGoodBundle) {
    EXPECT_GT(loop(FileOp::rename, {EIO, EROFS}), 5u);
}

// The bug the open loop found: a "current" that could not be read during the
// garbage collection was treated as absent, and its media were deleted.
TEST_F(ContentCacheFaults, UnreadablePointerDuringGarbageCollectionDeletesNothing) {
    test::TempDir dir;
    options_.cache_dir = dir.path();
    for (const auto& version : {v1_, v2_}) {
        publish(version);
        ASSERT_TRUE(sync_once(options_).has_value());
    }
    test::LogCapture logs;
    auto ops = std::make_shared<FaultFileOps>();
    ContentCache cache(dir.path(), ContentCache::kDefaultMaxBytes, ops);
    ops->fail_nth(FileOp::open, 1, EIO);  // the first thing collect_garbage reads: "current"
    cache.collect_garbage();
    EXPECT_EQ(ops->injected(), 1u);
    EXPECT_TRUE(logs.contains("garbage collection skipped")) << logs.all();
    expect_pointers_complete(dir.path());
    EXPECT_EQ(ContentCache(dir.path()).load_last_good()->version, "v2");
}

}  // namespace
}  // namespace redgrid::net
