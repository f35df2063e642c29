// Event ids: UUID v7 with an injected clock and random source.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "event_queue_test_support.h"
#include "redgrid/net/uuid.h"

namespace redgrid::net {
namespace {

using namespace std::chrono_literals;

UuidV7Generator::RandomSource fixed_random(std::uint8_t value) {
    return [value](std::span<std::uint8_t> out) { std::ranges::fill(out, value); };
}

TEST(UuidV7, LayoutCarriesTheMillisecondsVersionAndVariant) {
    const auto at = std::chrono::system_clock::time_point(1'772'355'600'123ms);
    UuidV7Generator ids([at] { return at; }, fixed_random(0x00));
    const std::string id = ids.next();
    EXPECT_EQ(id.size(), 36u);
    EXPECT_TRUE(is_uuid_v7(id)) << id;
    EXPECT_EQ(uuid_v7_unix_ms(id), 1'772'355'600'123u);
    EXPECT_EQ(id.substr(0, 14), "019ca8a0-3efb-");  // 0x019ca8a03efb == 1772355600123
    EXPECT_EQ(id[14], '7');
    EXPECT_EQ(id[19], '8');
    EXPECT_FALSE(is_uuid_v7("0f8e3c1e-6a52-4c0e-9d3b-3f0f3c5a2b11"));  // a v4
    EXPECT_FALSE(is_uuid_v7("not a uuid"));
}

TEST(UuidV7, StrictlyIncreasingWhenTheClockStandsStillOrGoesBack) {
    testing::ManualClock clock;
    UuidV7Generator ids(clock.clock(), fixed_random(0xFF));  // worst case: random field near its top
    std::vector<std::string> minted;
    for (int i = 0; i < 3000; ++i) {
        minted.push_back(ids.next());
        if (i == 1000) clock.advance(-5000ms);  // NTP stepped the clock back
        if (i == 2000) clock.advance(7000ms);
    }
    EXPECT_TRUE(std::ranges::is_sorted(minted));
    EXPECT_EQ(std::set<std::string>(minted.begin(), minted.end()).size(), minted.size());
    for (const auto& id : minted) ASSERT_TRUE(is_uuid_v7(id)) << id;
    // After the clock came back past the old time, ids carry the real time again.
    EXPECT_EQ(uuid_v7_unix_ms(minted.back()),
              static_cast<std::uint64_t>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(clock.now->time_since_epoch()).count()));
}

TEST(UuidV7, RealRandomIdsAreUniqueAcrossGenerators) {
    // Two kiosks minting in the same millisecond must not collide.
    const auto at = std::chrono::system_clock::time_point(1'772'355'600'000ms);
    UuidV7Generator a([at] { return at; }, UuidV7Generator::system_random());
    UuidV7Generator b([at] { return at; }, UuidV7Generator::system_random());
    std::set<std::string> seen;
    for (int i = 0; i < 5000; ++i) {
        seen.insert(a.next());
        seen.insert(b.next());
    }
    EXPECT_EQ(seen.size(), 10000u);
}

TEST(UuidV7, QueueIdsAreUniqueAndOrderedLikeTheirSeq) {
    testing::TempDir dir;
    testing::ManualClock clock;
    auto queue = EventQueue::open(dir / "q.db", {}, clock.clock());
    ASSERT_TRUE(queue.has_value());
    std::vector<Event> events;
    for (int i = 0; i < 200; ++i) {
        if (i % 7 == 0) clock.advance(3ms);
        events.push_back(*queue->enqueue(i % 2 ? EventKind::touch : EventKind::request, "{}"));
    }
    std::set<std::string> unique;
    for (std::size_t i = 0; i < events.size(); ++i) {
        unique.insert(events[i].id);
        EXPECT_TRUE(is_uuid_v7(events[i].id));
        if (i > 0) {
            EXPECT_LT(events[i - 1].id, events[i].id);
        }
    }
    EXPECT_EQ(unique.size(), events.size());
}

}  // namespace
}  // namespace redgrid::net
