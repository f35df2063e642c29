// The UI inbox is the one place worker threads hand work to the UI thread. Run under
// ThreadSanitizer by scripts/test.sh (build-tsan): several posters race a draining UI
// thread and the runner's late wake registration; every task runs exactly once, on the
// draining thread, in each poster's order.
#include <gtest/gtest.h>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/config/clock.h"
#include "redgrid/kiosk/app/runner.h"

#include <atomic>
#include <thread>
#include <vector>

namespace redgrid::kiosk {
namespace {

TEST(UiInboxThreads, EveryTaskPostedFromWorkersRunsOnceOnTheDrainingThreadInOrder) {
    constexpr int kPosters = 4;
    constexpr int kTasksEach = 2000;
    FakeClock clock(std::chrono::system_clock::time_point{});
    App app(clock, AppOptions{});
    UiInbox inbox;
    std::atomic<int> wakes{0};

    // Touched only by tasks, i.e. only on the draining thread: TSan reports it if not.
    std::vector<int> last_seen(kPosters, -1);
    int ran = 0;
    bool out_of_order = false;
    const auto ui_thread = std::this_thread::get_id();
    bool ran_elsewhere = false;

    std::vector<std::jthread> posters;
    for (int poster = 0; poster < kPosters; ++poster) {
        posters.emplace_back([&, poster] {
            for (int i = 0; i < kTasksEach; ++i) {
                inbox.post([&, poster, i](App&) {
                    if (std::this_thread::get_id() != ui_thread) ran_elsewhere = true;
                    if (last_seen[poster] != i - 1) out_of_order = true;
                    last_seen[poster] = i;
                    ++ran;
                });
            }
        });
    }
    // The runner registers its wake once SDL is up, while workers may already post.
    inbox.set_wake([&] { wakes.fetch_add(1, std::memory_order_relaxed); });
    // On a loaded machine the posters may all be done before the wake is registered: one
    // post after it makes "a post wakes the UI" hold in every interleaving.
    inbox.post([](App&) {});
    while (ran < kPosters * kTasksEach) {
        inbox.drain(app);
        std::this_thread::yield();
    }
    posters.clear();  // joins
    inbox.drain(app);

    EXPECT_EQ(ran, kPosters * kTasksEach);
    EXPECT_FALSE(out_of_order);
    EXPECT_FALSE(ran_elsewhere);
    EXPECT_GT(wakes.load(), 0);
    EXPECT_LE(wakes.load(), kPosters * kTasksEach + 1);
}

TEST(UiInboxThreads, WorkPostedBeforeTheWakeIsRegisteredWakesTheLoopAtOnce) {
    FakeClock clock(std::chrono::system_clock::time_point{});
    App app(clock, AppOptions{});
    UiInbox inbox;
    int ran = 0;
    inbox.post([&](App&) { ++ran; });
    int wakes = 0;
    inbox.set_wake([&] { ++wakes; });
    EXPECT_EQ(wakes, 1);
    inbox.drain(app);
    EXPECT_EQ(ran, 1);

    UiInbox empty;
    int empty_wakes = 0;
    empty.set_wake([&] { ++empty_wakes; });
    EXPECT_EQ(empty_wakes, 0);
}

}  // namespace
}  // namespace redgrid::kiosk
