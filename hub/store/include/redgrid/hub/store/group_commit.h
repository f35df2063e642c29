// Many requests, one transaction. Each request thread hands its item in and waits; the
// first to find no batch being written becomes the writer, takes everything queued so
// far, writes it as one batch, hands every caller its own result and wakes them; items
// that came in meanwhile form the next batch. No thread of its own, no timer: a lone
// request is written at once, and under load a batch grows to what arrived while the
// previous one was written, so a commit's cost (an fsync on PostgreSQL or with SQLite's
// synchronous=FULL, the WAL frames otherwise) is paid once per batch, not per request.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace redgrid::hub {

template <typename In, typename Out>
class GroupCommit {
public:
    // write_batch gets the batch's items and returns one result per item, in order.
    using WriteBatch = std::function<std::vector<Out>(std::vector<In>& items)>;

    explicit GroupCommit(WriteBatch write_batch, std::size_t max_batch = 256)
        : write_batch_(std::move(write_batch)), max_batch_(max_batch) {}
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    Out submit(In item) {
        Slot slot{std::move(item)};
        std::unique_lock lock(mutex_);
        queue_.push_back(&slot);
        for (;;) {
            if (slot.result) return std::move(*slot.result);
            if (writing_) {
                // Each waiter sleeps on its own condition: a batch wakes its own callers and
                // the next writer, not every thread of a loaded hub.
                slot.wake.wait(lock);
                continue;
            }
            writing_ = true;
            const std::size_t take = std::min(queue_.size(), max_batch_);
            std::vector<Slot*> batch(queue_.begin(), queue_.begin() + std::ptrdiff_t(take));
            queue_.erase(queue_.begin(), queue_.begin() + std::ptrdiff_t(take));
            lock.unlock();
            std::vector<In> items;
            items.reserve(batch.size());
            for (auto* queued : batch) items.push_back(std::move(queued->item));
            auto results = write_batch_(items);
            lock.lock();
            for (std::size_t i = 0; i < batch.size(); ++i) {
                batch[i]->result = i < results.size() ? std::move(results[i]) : Out{};
                batch[i]->wake.notify_one();
            }
            ++batches_;
            items_ += batch.size();
            writing_ = false;
            if (!queue_.empty()) queue_.front()->wake.notify_one();  // the next batch's writer
        }
    }

    // Items handed in and not yet taken into a batch.
    std::size_t waiting() const {
        std::lock_guard lock(mutex_);
        return queue_.size();
    }

    // Batches written and items in them, so far (for tests and the load bench).
    std::pair<std::size_t, std::size_t> counts() const {
        std::lock_guard lock(mutex_);
        return {batches_, items_};
    }

private:
    struct Slot {
        In item;
        std::optional<Out> result{};
        std::condition_variable wake{};
    };
    WriteBatch write_batch_;
    const std::size_t max_batch_;
    mutable std::mutex mutex_;
    std::vector<Slot*> queue_;
    bool writing_ = false;
    std::size_t batches_ = 0;
    std::size_t items_ = 0;
};

}  // namespace redgrid::hub
