// The durable queue's everyday behaviour: order, acknowledgement, caps, reopen, threads.

#include "redgrid/net/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "event_queue_test_support.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;
using testing::ids_of;
using testing::ManualClock;
using testing::RawFile;
using testing::TempDir;

EventQueue open_queue(const std::filesystem::path& path, Limits limits, const ManualClock& clock,
                      std::vector<std::string>* log = nullptr) {
    OpenOptions options;
    if (log != nullptr) options.log = [log](std::string_view line) { log->emplace_back(line); };
    auto queue = EventQueue::open(path, limits, clock.clock(), std::move(options));
    EXPECT_TRUE(queue.has_value()) << (queue ? "" : queue.error().message);
    return std::move(*queue);
}

Event must_enqueue(EventQueue& queue, EventKind kind, std::string_view payload) {
    auto event = queue.enqueue(kind, payload);
    EXPECT_TRUE(event.has_value()) << (event ? "" : event.error().message);
    return event.value_or(Event{});
}

TEST(EventQueue, PeekReturnsEventsOldestFirstAndAckRemovesThem) {
    TempDir dir;
    ManualClock clock;
    auto queue = open_queue(dir / "queue.db", {}, clock);

    const TimePoint call_time = *clock.now;
    const Event call = must_enqueue(queue, EventKind::call, R"({"grid":"g-01"})");
    clock.advance(1500ms);
    const Event view = must_enqueue(queue, EventKind::page_view, R"({"screen":"members"})");
    const Event rating = must_enqueue(queue, EventKind::rating, R"({"stars":5})");

    EXPECT_EQ(call.stored, Stored::on_disk);
    EXPECT_EQ(view.stored, Stored::on_disk);
    EXPECT_LT(call.seq, view.seq);
    EXPECT_LT(view.seq, rating.seq);
    EXPECT_EQ(call.device_time, call_time);
    EXPECT_EQ(view.device_time, *clock.now);
    EXPECT_EQ(queue.depth(), 3u);
    EXPECT_EQ(queue.oldest_age(*clock.now + 500ms), 2000ms);

    auto batch = queue.peek_batch(10, 1 << 20);
    ASSERT_EQ(batch.size(), 3u);
    EXPECT_EQ(ids_of(batch), (std::vector<std::string>{call.id, view.id, rating.id}));
    EXPECT_EQ(batch[0].kind, EventKind::call);
    EXPECT_EQ(batch[0].payload_json, R"({"grid":"g-01"})");
    EXPECT_EQ(batch[0].device_time, call.device_time);
    EXPECT_EQ(batch[1].kind, EventKind::page_view);

    // Peeking does not remove; the hub accepted only the first two.
    EXPECT_EQ(queue.peek_batch(10, 1 << 20).size(), 3u);
    const std::vector<std::string> accepted{call.id, view.id, "not-a-queued-id"};
    EXPECT_EQ(queue.acknowledge(accepted), 2u);
    EXPECT_EQ(ids_of(queue.peek_batch(10, 1 << 20)), std::vector<std::string>{rating.id});
    EXPECT_EQ(queue.depth(), 1u);
    EXPECT_EQ(queue.acknowledge(std::vector<std::string>{rating.id}), 1u);
    EXPECT_EQ(queue.depth(), 0u);
    EXPECT_EQ(queue.oldest_age(*clock.now), std::nullopt);
    EXPECT_TRUE(queue.peek_batch(10, 1 << 20).empty());
}

TEST(EventQueue, PeekHonoursCountAndByteLimitsButNeverStallsOnOneBigEvent) {
    TempDir dir;
    ManualClock clock;
    auto queue = open_queue(dir / "queue.db", {}, clock);
    const std::string big = R"({"text":")" + std::string(1000, 'x') + R"("})";
    const Event first = must_enqueue(queue, EventKind::request, big);
    must_enqueue(queue, EventKind::request, big);
    for (int i = 0; i < 5; ++i) must_enqueue(queue, EventKind::touch, R"({"x":1})");

    EXPECT_EQ(queue.peek_batch(3, 1 << 20).size(), 3u);
    const auto tiny_budget = queue.peek_batch(100, 10);
    ASSERT_EQ(tiny_budget.size(), 1u);
    EXPECT_EQ(tiny_budget[0].id, first.id);
    EXPECT_EQ(queue.peek_batch(100, 2 * big.size()).size(), 2u);
    EXPECT_TRUE(queue.peek_batch(0, 1 << 20).empty());
}

TEST(EventQueue, RejectsPayloadsThatAreNotJson) {
    TempDir dir;
    ManualClock clock;
    auto queue = open_queue(dir / "queue.db", {}, clock);
    auto bad = queue.enqueue(EventKind::rating, "{stars: 5");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, QueueErrorCode::invalid_argument);
    EXPECT_NE(bad.error().message.find("rating"), std::string::npos);
    EXPECT_EQ(queue.depth(), 0u);
}

TEST(EventQueue, RejectsEmptyPathAndZeroCaps) {
    EXPECT_EQ(EventQueue::open("", {}).error().code, QueueErrorCode::invalid_argument);
    TempDir dir;
    EXPECT_EQ(EventQueue::open(dir / "q.db", Limits{.max_rows = 0}).error().code, QueueErrorCode::invalid_argument);
}

TEST(EventQueue, ReopenKeepsEventsSeqAndCreatesMissingDirectories) {
    TempDir dir;
    ManualClock clock;
    const auto path = dir / "data" / "nested" / "queue.db";
    std::vector<Event> written;
    {
        auto queue = open_queue(path, {}, clock);
        for (int i = 0; i < 20; ++i) {
            written.push_back(must_enqueue(queue, i % 2 ? EventKind::page_view : EventKind::call,
                                           R"({"n":)" + std::to_string(i) + "}"));
        }
        EXPECT_EQ(queue.acknowledge(std::vector<std::string>{written.back().id}), 1u);
    }
    auto queue = open_queue(path, {}, clock);
    const auto batch = queue.peek_batch(100, 1 << 20);
    ASSERT_EQ(batch.size(), 19u);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        EXPECT_EQ(batch[i].id, written[i].id);
        EXPECT_EQ(batch[i].seq, written[i].seq);
        EXPECT_EQ(batch[i].kind, written[i].kind);
        EXPECT_EQ(batch[i].payload_json, written[i].payload_json);
        EXPECT_EQ(batch[i].device_time, written[i].device_time);
    }
    // The newest event was acknowledged before the restart: its seq is still never reused.
    const Event after = must_enqueue(queue, EventKind::call, "{}");
    EXPECT_GT(after.seq, written.back().seq);
}

TEST(EventQueue, SeqNeverRepeatsEvenAfterTheQueueEmptied) {
    TempDir dir;
    ManualClock clock;
    std::int64_t last_seq = 0;
    {
        auto queue = open_queue(dir / "q.db", {}, clock);
        const Event e = must_enqueue(queue, EventKind::call, "{}");
        last_seq = e.seq;
        queue.acknowledge(std::vector<std::string>{e.id});
        EXPECT_EQ(queue.depth(), 0u);
    }
    auto queue = open_queue(dir / "q.db", {}, clock);
    EXPECT_GT(must_enqueue(queue, EventKind::call, "{}").seq, last_seq);
}

TEST(EventQueue, WhenFullUsageEventsAreDroppedOldestFirstAndCountedAcrossReopen) {
    TempDir dir;
    ManualClock clock;
    const Limits limits{.max_rows = 10, .max_bytes = 1 << 20};
    std::vector<Event> views;
    Event call;
    {
        auto queue = open_queue(dir / "q.db", limits, clock);
        call = must_enqueue(queue, EventKind::call, R"({"grid":"g-07"})");
        for (int i = 0; i < 14; ++i) {
            views.push_back(must_enqueue(queue, EventKind::page_view, R"({"n":)" + std::to_string(i) + "}"));
            EXPECT_EQ(views.back().stored, Stored::on_disk);
        }
        EXPECT_EQ(queue.depth(), 10u);
        EXPECT_EQ(queue.dropped_count(), 5u);
        const auto batch = queue.peek_batch(100, 1 << 20);
        // The call survives; the five oldest page views went.
        std::vector<std::string> expected{call.id};
        for (int i = 5; i < 14; ++i) expected.push_back(views[static_cast<std::size_t>(i)].id);
        EXPECT_EQ(ids_of(batch), expected);
    }
    auto queue = open_queue(dir / "q.db", limits, clock);
    EXPECT_EQ(queue.dropped_count(), 5u);
    must_enqueue(queue, EventKind::touch, "{}");
    EXPECT_EQ(queue.dropped_count(), 6u);
    EXPECT_EQ(RawFile(dir / "q.db").number("SELECT value FROM meta WHERE key='dropped'"), 6);
}

TEST(EventQueue, ByteCapDropsUsageEventsToo) {
    TempDir dir;
    ManualClock clock;
    const std::string payload = R"({"pad":")" + std::string(400, 'p') + R"("})";
    auto queue = open_queue(dir / "q.db", Limits{.max_rows = 1000, .max_bytes = 2000}, clock);
    for (int i = 0; i < 10; ++i) must_enqueue(queue, EventKind::page_view, payload);
    // Each counts about 500 bytes (payload, id, row overhead): three fit under 2000.
    EXPECT_EQ(queue.depth(), 3u);
    EXPECT_EQ(queue.dropped_count(), 7u);
}

TEST(EventQueue, CriticalEventsAreNeverDroppedEvenPastTheCap) {
    TempDir dir;
    ManualClock clock;
    auto queue = open_queue(dir / "q.db", Limits{.max_rows = 5, .max_bytes = 1 << 20}, clock);
    for (int i = 0; i < 3; ++i) must_enqueue(queue, EventKind::touch, "{}");
    std::vector<std::string> critical;
    const EventKind kinds[] = {EventKind::call, EventKind::call_cancel, EventKind::rating, EventKind::request};
    for (int i = 0; i < 8; ++i) {
        const Event e = must_enqueue(queue, kinds[i % 4], R"({"i":)" + std::to_string(i) + "}");
        EXPECT_EQ(e.stored, Stored::on_disk);
        critical.push_back(e.id);
    }
    // The three touches made room first; then the cap is exceeded by critical events.
    EXPECT_EQ(queue.depth(), 8u);
    EXPECT_EQ(queue.dropped_count(), 3u);
    EXPECT_EQ(ids_of(queue.peek_batch(100, 1 << 20)), critical);

    // A usage event that cannot fit even with every older usage event gone is itself
    // dropped and counted; the critical ones stay.
    const Event view = must_enqueue(queue, EventKind::page_view, "{}");
    EXPECT_EQ(view.stored, Stored::dropped);
    EXPECT_EQ(queue.dropped_count(), 4u);
    EXPECT_EQ(queue.depth(), 8u);
}

TEST(EventQueue, UiThreadEnqueuesWhileWorkerThreadDrains) {
    TempDir dir;
    ManualClock clock;
    auto queue = open_queue(dir / "q.db", {}, clock);
    constexpr int kEvents = 600;
    std::vector<std::string> enqueued;
    std::atomic<bool> ui_done{false};

    std::thread ui([&] {
        for (int i = 0; i < kEvents; ++i) {
            const auto kind = i % 3 == 0 ? EventKind::rating : EventKind::page_view;
            auto e = queue.enqueue(kind, R"({"i":)" + std::to_string(i) + "}");
            if (e) enqueued.push_back(e->id);
        }
        ui_done = true;
    });
    std::vector<Event> uploaded;
    std::thread worker([&] {
        while (true) {
            const bool finished = ui_done.load();
            const auto batch = queue.peek_batch(50, 1 << 20);
            if (batch.empty() && finished) break;
            uploaded.insert(uploaded.end(), batch.begin(), batch.end());
            const auto ids = ids_of(batch);
            EXPECT_EQ(queue.acknowledge(ids), ids.size());
        }
    });
    ui.join();
    worker.join();

    ASSERT_EQ(enqueued.size(), static_cast<std::size_t>(kEvents));
    EXPECT_EQ(ids_of(uploaded), enqueued);  // each once, in enqueue order
    EXPECT_TRUE(std::ranges::is_sorted(uploaded, {}, &Event::seq));
    EXPECT_EQ(queue.depth(), 0u);
}

// The UI's enqueue should not pay for copying the WAL into the file: the worker's
// acknowledge() does it, and enqueue only as a safety valve when nobody acknowledges.
// Observable: the main file alone (without its -wal) already holds the events.
TEST(EventQueue, WalIsCheckpointedByTheWorkerAndByEnqueueWhenNobodyAcknowledges) {
    TempDir dir;
    ManualClock clock;
    const auto rows_in_main_file_alone = [&](const std::filesystem::path& path) {
        const auto copy = dir / "main-file-only.db";
        std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::remove(dir / "main-file-only.db-wal");
        const std::string count = RawFile(copy).text("SELECT count(*) FROM events");
        return count.starts_with("error") ? 0LL : std::stoll(count);
    };
    {
        auto queue = open_queue(dir / "worker.db", {}, clock);
        for (int i = 0; i < 300; ++i) must_enqueue(queue, EventKind::page_view, "{}");
        EXPECT_EQ(rows_in_main_file_alone(dir / "worker.db"), 0) << "no checkpoint inside the UI's enqueue yet";
        const auto batch = queue.peek_batch(10, 1 << 20);
        queue.acknowledge(ids_of(batch));
        EXPECT_EQ(rows_in_main_file_alone(dir / "worker.db"), 290);
    }
    {
        auto queue = open_queue(dir / "offline.db", {}, clock);
        for (int i = 0; i < 1500; ++i) must_enqueue(queue, EventKind::touch, "{}");
        EXPECT_GT(rows_in_main_file_alone(dir / "offline.db"), 0);
    }
}

TEST(EventQueue, KindNamesRoundTrip) {
    for (auto kind : {EventKind::call, EventKind::call_cancel, EventKind::rating, EventKind::request,
                      EventKind::page_view, EventKind::touch}) {
        EXPECT_EQ(event_kind_from_string(to_string(kind)), kind);
    }
    EXPECT_EQ(event_kind_from_string("sos"), std::nullopt);
    EXPECT_TRUE(is_critical(EventKind::call_cancel));
    EXPECT_FALSE(is_critical(EventKind::touch));
}

}  // namespace
}  // namespace redgrid::net
