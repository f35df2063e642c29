// The durable queue when things go wrong: corrupt files, a full or failing disk, a file
// that cannot be opened at boot. Faults come from FaultVfs (no root needed) and, where
// the test runs as root, from a real tiny tmpfs.

#include <gtest/gtest.h>
#include <sys/mount.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>

#include "event_queue_test_support.h"
#include "redgrid/net/event_queue.h"
#include "redgrid/net/fault_vfs.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;
using testing::ids_of;
using testing::ManualClock;
using testing::RawFile;
using testing::TempDir;

FaultVfs install_vfs() {
    static int counter = 0;
    auto vfs = FaultVfs::install("redgrid-fault-" + std::to_string(++counter));
    if (!vfs) throw std::runtime_error(vfs.error());
    return std::move(*vfs);
}

EventQueue open_queue(const std::filesystem::path& path, Limits limits, const ManualClock& clock,
                      const std::string& vfs = {}, std::vector<std::string>* log = nullptr) {
    OpenOptions options;
    options.vfs_name = vfs;
    options.log = [log](std::string_view line) {
        if (log != nullptr) log->emplace_back(line);
    };
    auto queue = EventQueue::open(path, limits, clock.clock(), std::move(options));
    if (!queue) throw std::runtime_error(queue.error().message);
    return std::move(*queue);
}

std::set<std::string> ids_in_file(const std::filesystem::path& path) {
    RawFile file(path);
    const std::string all = file.text("SELECT id FROM events ORDER BY seq");
    std::set<std::string> ids;
    std::size_t start = 0;
    while (start < all.size()) {
        const auto end = all.find('\n', start);
        ids.insert(all.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return ids;
}

std::vector<std::filesystem::path> moved_aside(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename().string().find(".corrupt-") != std::string::npos) found.push_back(entry.path());
    }
    return found;
}

TEST(EventQueueFaults, GarbageFileIsMovedAsideWithALogLineAndAFreshQueueWorks) {
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "queue.db";
    {
        auto queue = open_queue(path, {}, clock);
        queue.enqueue(EventKind::call, "{}");
    }
    const std::string garbage(10000, '\x5a');
    std::ofstream(path, std::ios::binary | std::ios::trunc) << garbage;

    std::vector<std::string> log;
    auto queue = open_queue(path, {}, clock, {}, &log);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_NE(log[0].find("moved aside to " + path.string() + ".corrupt-20260301T090000Z"), std::string::npos) << log[0];
    EXPECT_NE(log[0].find("not a database"), std::string::npos) << log[0];
    const auto aside = moved_aside(dir.path());
    ASSERT_EQ(aside.size(), 1u);
    EXPECT_EQ(std::filesystem::file_size(aside[0]), garbage.size());  // kept for a technician

    EXPECT_EQ(queue.depth(), 0u);
    EXPECT_EQ(queue.storage_problem(), std::nullopt);
    const auto e = queue.enqueue(EventKind::rating, R"({"stars":4})");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->stored, Stored::on_disk);
    EXPECT_EQ(ids_of(queue.peek_batch(10, 1 << 20)), std::vector<std::string>{e->id});
    EXPECT_TRUE(queue.check_integrity().has_value());
}

TEST(EventQueueFaults, DamagedPagesInsideAValidFileAreCaughtAtOpen) {
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "queue.db";
    {
        auto queue = open_queue(path, {}, clock);
        const std::string payload = R"({"pad":")" + std::string(300, 'p') + R"("})";
        for (int i = 0; i < 200; ++i) queue.enqueue(EventKind::page_view, payload);
    }
    ASSERT_GT(std::filesystem::file_size(path), 16384u);
    {
        // Keep the 100-byte header valid, smash pages 2 and 3.
        std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
        file.seekp(4096);
        const std::string junk(8192, '\x07');
        file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    std::vector<std::string> log;
    auto queue = open_queue(path, {}, clock, {}, &log);
    ASSERT_EQ(log.size(), 1u) << "a damaged file must be noticed";
    EXPECT_NE(log[0].find("moved aside"), std::string::npos);
    EXPECT_EQ(moved_aside(dir.path()).size(), 1u);
    EXPECT_EQ(queue.depth(), 0u);
    EXPECT_TRUE(queue.enqueue(EventKind::call, "{}").has_value());
    EXPECT_TRUE(queue.check_integrity().has_value());
}

TEST(EventQueueFaults, DiskFullKeepsEventsInMemoryInOrderAndWritesThemWhenPossible) {
    auto vfs = install_vfs();
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "queue.db";
    std::vector<std::string> expected;
    {
        auto queue = open_queue(path, {}, clock, vfs.name());
        expected.push_back(queue.enqueue(EventKind::call, R"({"n":0})")->id);

        vfs.fail_writes_from(1, InjectedFault::disk_full);
        const auto call = queue.enqueue(EventKind::call, R"({"n":1})");
        ASSERT_TRUE(call.has_value());
        EXPECT_EQ(call->stored, Stored::in_memory);
        ASSERT_TRUE(queue.storage_problem().has_value());
        EXPECT_EQ(queue.storage_problem()->code, QueueErrorCode::storage);
        EXPECT_NE(queue.storage_problem()->message.find("disk is full"), std::string::npos)
            << queue.storage_problem()->message;
        EXPECT_NE(queue.storage_problem()->message.find(path.string()), std::string::npos);
        expected.push_back(call->id);
        expected.push_back(queue.enqueue(EventKind::page_view, R"({"n":2})")->id);
        EXPECT_EQ(queue.depth(), 3u);
        EXPECT_EQ(queue.memory_depth(), 2u);
        // The worker can upload what is only in memory.
        const auto batch = queue.peek_batch(10, 1 << 20);
        EXPECT_EQ(ids_of(batch), expected);
        EXPECT_EQ(batch[1].stored, Stored::in_memory);
        EXPECT_FALSE(queue.flush_memory().has_value());

        vfs.heal();
        const auto after = queue.enqueue(EventKind::rating, R"({"n":3})");
        ASSERT_TRUE(after.has_value());
        EXPECT_EQ(after->stored, Stored::on_disk);  // and the two before it with it
        expected.push_back(after->id);
        EXPECT_EQ(queue.memory_depth(), 0u);
        EXPECT_EQ(queue.storage_problem(), std::nullopt);
    }
    auto queue = open_queue(path, {}, clock);
    const auto batch = queue.peek_batch(10, 1 << 20);
    EXPECT_EQ(ids_of(batch), expected);
    EXPECT_TRUE(std::ranges::is_sorted(batch, {}, &Event::seq));
}

TEST(EventQueueFaults, FlushMemoryWritesTheOverflowOnceTheDiskIsBack) {
    auto vfs = install_vfs();
    TempDir dir;
    ManualClock clock;
    auto queue = open_queue(dir / "q.db", {}, clock, vfs.name());
    vfs.fail_writes_from(1, InjectedFault::io_error);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(queue.enqueue(EventKind::request, "{}")->stored, Stored::in_memory);
    const auto failed = queue.flush_memory();
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().code, QueueErrorCode::storage);
    EXPECT_NE(failed.error().message.find("disk I/O error"), std::string::npos) << failed.error().message;
    vfs.heal();
    EXPECT_EQ(queue.flush_memory(), 4u);
    EXPECT_EQ(queue.memory_depth(), 0u);
    EXPECT_EQ(ids_in_file(dir / "q.db").size(), 4u);
}

TEST(EventQueueFaults, MemoryOverflowIsCappedDroppingUsageFirstAndRefusingOnlyWhenFullOfCalls) {
    auto vfs = install_vfs();
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "q.db";
    {
        auto queue = open_queue(path, Limits{.memory_overflow_cap = 3}, clock, vfs.name());
        vfs.fail_writes_from(1, InjectedFault::disk_full);
        queue.enqueue(EventKind::page_view, "{}");
        queue.enqueue(EventKind::touch, "{}");
        const auto call1 = queue.enqueue(EventKind::call, R"({"n":1})");
        const auto call2 = queue.enqueue(EventKind::call, R"({"n":2})");  // pushes out the page view
        const auto call3 = queue.enqueue(EventKind::rating, R"({"n":3})");  // pushes out the touch
        EXPECT_EQ(queue.dropped_count(), 2u);
        const auto refused = queue.enqueue(EventKind::call, R"({"n":4})");
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().code, QueueErrorCode::memory_full);
        EXPECT_NE(refused.error().message.find("not stored"), std::string::npos);
        const auto view = queue.enqueue(EventKind::page_view, "{}");
        ASSERT_TRUE(view.has_value());
        EXPECT_EQ(view->stored, Stored::dropped);
        EXPECT_EQ(queue.dropped_count(), 3u);
        EXPECT_EQ(ids_of(queue.peek_batch(10, 1 << 20)), (std::vector<std::string>{call1->id, call2->id, call3->id}));

        vfs.heal();
        EXPECT_EQ(queue.flush_memory(), 3u);
    }
    auto queue = open_queue(path, {}, clock);
    EXPECT_EQ(queue.depth(), 3u);
    EXPECT_EQ(queue.dropped_count(), 3u);  // the memory drops reached the file's counter
}

TEST(EventQueueFaults, AcknowledgedEventsStayHiddenWhenTheDeleteCannotBeWritten) {
    auto vfs = install_vfs();
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "q.db";
    std::vector<std::string> ids;
    {
        auto queue = open_queue(path, {}, clock, vfs.name());
        for (int i = 0; i < 5; ++i) ids.push_back(queue.enqueue(EventKind::rating, "{}")->id);
        vfs.fail_writes_from(1, InjectedFault::disk_full);
        const std::vector<std::string> acked(ids.begin(), ids.begin() + 3);
        EXPECT_EQ(queue.acknowledge(acked), 3u);
        EXPECT_EQ(queue.acknowledge(acked), 0u);  // already gone from the worker's view
        EXPECT_EQ(queue.depth(), 2u);
        EXPECT_EQ(ids_of(queue.peek_batch(10, 1 << 20)), (std::vector<std::string>{ids[3], ids[4]}));
        vfs.heal();
        EXPECT_EQ(queue.flush_memory(), 0u);
    }
    EXPECT_EQ(ids_in_file(path), (std::set<std::string>{ids[3], ids[4]}));
}

TEST(EventQueueFaults, FileThatCannotBeOpenedAtBootRunsInMemoryThenJoinsTheFileInOrder) {
    auto vfs = install_vfs();
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "q.db";
    std::vector<std::string> expected;
    {
        auto queue = open_queue(path, {}, clock);
        for (int i = 0; i < 3; ++i) expected.push_back(queue.enqueue(EventKind::call, "{}")->id);
    }
    vfs.fail_opens(true);
    std::vector<std::string> log;
    auto queue = open_queue(path, {}, clock, vfs.name(), &log);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_NE(log[0].find("keeping events in memory"), std::string::npos) << log[0];
    ASSERT_TRUE(queue.storage_problem().has_value());
    const auto early = queue.enqueue(EventKind::request, "{}");
    EXPECT_EQ(early->stored, Stored::in_memory);
    EXPECT_TRUE(moved_aside(dir.path()).empty()) << "a transient open failure must not discard the file";

    vfs.fail_opens(false);
    const auto later = queue.enqueue(EventKind::request, "{}");
    EXPECT_EQ(later->stored, Stored::on_disk);
    expected.push_back(early->id);
    expected.push_back(later->id);
    const auto batch = queue.peek_batch(10, 1 << 20);
    EXPECT_EQ(ids_of(batch), expected);
    EXPECT_TRUE(std::ranges::is_sorted(batch, {}, &Event::seq)) << "memory events renumbered after the file's";
}

// Runs one busy stretch (enqueues, a peek and an ack) with a fault armed, then heals and
// checks the file holds exactly the events reported kept and not acknowledged.
struct FaultRun {
    std::uint64_t injected = 0;
};

FaultRun run_with_fault(FaultVfs& vfs, const std::function<void()>& arm) {
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "q.db";
    std::set<std::string> expected;
    FaultRun run;
    {
        vfs.heal();
        auto queue = open_queue(path, {}, clock, vfs.name());
        for (int i = 0; i < 3; ++i) expected.insert(queue.enqueue(EventKind::call, R"({"base":true})")->id);
        arm();
        const EventKind kinds[] = {EventKind::call, EventKind::page_view, EventKind::rating, EventKind::touch};
        for (int i = 0; i < 8; ++i) {
            const auto e = queue.enqueue(kinds[i % 4], R"({"i":)" + std::to_string(i) + "}");
            EXPECT_TRUE(e.has_value());
            if (e && e->stored != Stored::dropped) expected.insert(e->id);
            if (i == 3) {
                const auto acked = ids_of(queue.peek_batch(4, 1 << 20));
                EXPECT_EQ(queue.acknowledge(acked), acked.size());
                for (const auto& id : acked) expected.erase(id);
            }
            clock.advance(1ms);
        }
        run.injected = vfs.injected();
        vfs.heal();
        const auto flushed = queue.flush_memory();
        EXPECT_TRUE(flushed.has_value()) << flushed.error().message;
        EXPECT_EQ(queue.storage_problem(), std::nullopt);
        EXPECT_EQ(queue.depth(), expected.size());
    }
    RawFile file(path);
    EXPECT_EQ(file.text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(ids_in_file(path), expected);
    return run;
}

TEST(EventQueueFaults, FailingTheNthWriteForEveryNLosesNothingAndCorruptsNothing) {
    auto vfs = install_vfs();
    std::uint64_t previous_injected = vfs.injected();
    int n = 1;
    for (; n < 400; ++n) {
        SCOPED_TRACE("write #" + std::to_string(n));
        const auto fault = n % 2 ? InjectedFault::disk_full : InjectedFault::io_error;
        run_with_fault(vfs, [&] { vfs.fail_nth_write(static_cast<std::uint64_t>(n), fault); });
        if (::testing::Test::HasFailure()) break;
        const std::uint64_t now = vfs.injected();
        if (now == previous_injected) break;  // n is past the last write of the stretch
        previous_injected = now;
    }
    std::cout << "[ info ] failed write #1 to #" << n - 1 << "; #" << n << " was past the stretch\n";
    EXPECT_GT(n, 10) << "the stretch should write more than a handful of times";
    EXPECT_LT(n, 400) << "never got past the last write";
}

TEST(EventQueueFaults, FailingTheNthSyncForEveryNLosesNothingAndDuplicatesNothing) {
    auto vfs = install_vfs();
    std::uint64_t previous_injected = vfs.injected();
    int n = 1;
    for (; n < 200; ++n) {
        SCOPED_TRACE("sync #" + std::to_string(n));
        run_with_fault(vfs, [&] { vfs.fail_nth_sync(static_cast<std::uint64_t>(n)); });
        if (::testing::Test::HasFailure()) break;
        const std::uint64_t now = vfs.injected();
        if (now == previous_injected) break;
        previous_injected = now;
    }
    std::cout << "[ info ] failed sync #1 to #" << n - 1 << "; #" << n << " was past the stretch\n";
    EXPECT_GE(n, 5) << "each of the four critical enqueues of the stretch syncs once";
    EXPECT_LT(n, 200);
}

// A real full file system: a 256 KiB tmpfs, filled by another file. Needs root (or
// CAP_SYS_ADMIN); skipped elsewhere, where FaultVfs covers the same paths.
class TinyTmpfs {
public:
    explicit TinyTmpfs(const std::filesystem::path& where) : where_(where) {
        std::filesystem::create_directories(where_);
        mounted_ = ::mount("tmpfs", where_.c_str(), "tmpfs", 0, "size=256k") == 0;
    }
    ~TinyTmpfs() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    TinyTmpfs(const TinyTmpfs&) = delete;
    TinyTmpfs& operator=(const TinyTmpfs&) = delete;
    bool mounted() const { return mounted_; }

private:
    std::filesystem::path where_;
    bool mounted_ = false;
};

TEST(EventQueueFaults, RealFullTmpfsKeepsEventsInMemoryUntilSpaceIsFreed) {
    TempDir dir;
    TinyTmpfs tmpfs(dir / "mnt");
    if (!tmpfs.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (not root)";
    ManualClock clock;
    const auto path = dir / "mnt" / "queue.db";
    const auto filler = dir / "mnt" / "filler";
    std::vector<std::string> kept;
    {
        auto queue = open_queue(path, {}, clock);
        {
            // Leave a few pages free, then let the queue run into the wall.
            std::ofstream out(filler, std::ios::binary);
            const std::string block(4096, 'f');
            while (out.write(block.data(), block.size()) && out.flush()) {
            }
        }
        std::filesystem::resize_file(filler, std::filesystem::file_size(filler) - 16 * 1024);
        const std::string payload = R"({"text":")" + std::string(900, 'r') + R"("})";
        bool hit_the_wall = false;
        for (int i = 0; i < 200 && !hit_the_wall; ++i) {
            const auto e = queue.enqueue(EventKind::request, payload);
            ASSERT_TRUE(e.has_value());
            kept.push_back(e->id);
            hit_the_wall = e->stored == Stored::in_memory;
        }
        ASSERT_TRUE(hit_the_wall) << "the tmpfs never filled up";
        ASSERT_TRUE(queue.storage_problem().has_value());
        EXPECT_NE(queue.storage_problem()->message.find("full"), std::string::npos) << queue.storage_problem()->message;
        kept.push_back(queue.enqueue(EventKind::call, "{}")->id);
        EXPECT_EQ(queue.memory_depth(), 2u);

        std::filesystem::remove(filler);
        EXPECT_EQ(queue.flush_memory(), 2u);
        EXPECT_EQ(queue.storage_problem(), std::nullopt);
    }
    auto queue = open_queue(path, {}, clock);
    EXPECT_EQ(ids_of(queue.peek_batch(1000, 1 << 30)), kept);
    EXPECT_TRUE(queue.check_integrity().has_value());
}

}  // namespace
}  // namespace redgrid::net
