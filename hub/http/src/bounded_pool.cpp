#include "bounded_pool.h"

namespace redgrid::hub {
namespace {
thread_local bool t_shedding = false;
}

BoundedPool::BoundedPool(PoolLimits limits) : limits_(limits) {
    limits_.workers = std::max<std::size_t>(1, limits_.workers);
    idle_ = limits_.workers;  // a worker not yet at its first wait is idle all the same
    for (std::size_t i = 0; i < limits_.workers; ++i) serving_.threads.emplace_back([this] { run(serving_, false); });
    for (std::size_t i = 0; i < std::max<std::size_t>(1, limits_.shedders); ++i)
        shedding_.threads.emplace_back([this] { run(shedding_, true); });
}

BoundedPool::~BoundedPool() {
    shutdown();
}

bool BoundedPool::shedding() {
    return t_shedding;
}

void BoundedPool::enqueue(std::function<void()> job) {
    {
        std::lock_guard lock(serving_.mutex);
        if (serving_.jobs.size() < idle_ + limits_.queued) {
            serving_.jobs.push_back(std::move(job));
            serving_.wake.notify_one();
            return;
        }
    }
    // The job owns the accepted socket and closes it at its end: it must run, if only
    // to say 503, or the descriptor would leak.
    std::lock_guard lock(shedding_.mutex);
    shedding_.jobs.push_back(std::move(job));
    shedding_.wake.notify_one();
}

void BoundedPool::run(Lane& lane, bool shed) {
    t_shedding = shed;
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(lane.mutex);
            lane.wake.wait(lock, [&] { return stopping_ || !lane.jobs.empty(); });
            if (lane.jobs.empty()) return;  // stopping, and nothing left to close
            job = std::move(lane.jobs.front());
            lane.jobs.pop_front();
            if (!shed) --idle_;
        }
        job();
        if (!shed) {
            std::lock_guard lock(lane.mutex);
            ++idle_;
        }
    }
}

void BoundedPool::shutdown() {
    stopping_ = true;
    for (Lane* lane : {&serving_, &shedding_}) {
        std::lock_guard lock(lane->mutex);  // a worker between its check and its wait gets the wake
        lane->wake.notify_all();
    }
    for (Lane* lane : {&serving_, &shedding_})
        for (auto& thread : lane->threads)
            if (thread.joinable()) thread.join();
}

}  // namespace redgrid::hub
