// The hub's connection workers: a fixed pool with a bounded queue, and what happens past
// it. httplib gives each connection a worker for as long as it is kept alive, and its own
// pool's queue has no end: under a burst, connections waited unseen until the kiosks'
// requests timed out. Here a connection that finds the queue full goes to a small shedding
// pool instead, whose workers read the request and answer 503 with Retry-After at once
// (the kiosk backs off and comes again), and close the connection.
#pragma once

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace redgrid::hub {

struct PoolLimits {
    std::size_t workers = 128;  // connections served at once (most of them idle kept-alive ones)
    std::size_t queued = 512;   // connections waiting for a busy pool before shedding starts
    std::size_t shedders = 2;
};

class BoundedPool final : public httplib::TaskQueue {
public:
    explicit BoundedPool(PoolLimits limits);
    ~BoundedPool() override;
    BoundedPool(const BoundedPool&) = delete;
    BoundedPool& operator=(const BoundedPool&) = delete;

    void enqueue(std::function<void()> job) override;
    void shutdown() override;

    // True on a shedding worker: the request it reads is to be answered 503.
    static bool shedding();

private:
    struct Lane {
        std::mutex mutex;
        std::condition_variable wake;
        std::deque<std::function<void()>> jobs;
        std::vector<std::thread> threads;
    };
    void run(Lane& lane, bool shed);

    PoolLimits limits_;
    Lane serving_;
    Lane shedding_;
    std::size_t idle_ = 0;  // serving workers waiting for a job; guarded by serving_.mutex
    std::atomic<bool> stopping_{false};
};

}  // namespace redgrid::hub
