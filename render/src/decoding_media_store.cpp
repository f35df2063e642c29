#include "redgrid/render/decoding_media_store.h"

namespace redgrid::render {

DecodingMediaStore::DecodingMediaStore(MediaStore& inner, std::function<void()> on_ready)
    : inner_(inner), on_ready_(std::move(on_ready)), thread_([this](std::stop_token stop) { run(stop); }) {}

DecodingMediaStore::~DecodingMediaStore() {
    thread_.request_stop();
    thread_.join();
}

std::expected<SurfacePtr, std::string> DecodingMediaStore::load(std::string_view media_key) {
    std::lock_guard lock(mutex_);
    if (auto found = done_.find(media_key); found != done_.end()) {
        auto result = std::move(found->second.result);
        done_.erase(found);
        return result;
    }
    if (!requested_.contains(media_key)) {
        requested_.emplace(media_key);
        queue_.emplace_back(media_key);
        work_.notify_one();
    }
    return std::unexpected(std::string(media_key) + ": being decoded");
}

bool DecodingMediaStore::pending(std::string_view media_key) const {
    std::lock_guard lock(mutex_);
    // A finished result not yet collected counts too: the next load() hands it over.
    return requested_.contains(media_key) || done_.contains(media_key);
}

std::size_t DecodingMediaStore::uncollected() const {
    std::lock_guard lock(mutex_);
    return done_.size();
}

void DecodingMediaStore::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return requested_.empty(); });
}

void DecodingMediaStore::run(std::stop_token stop) {
    for (;;) {
        std::string key;
        {
            std::unique_lock lock(mutex_);
            if (!work_.wait(lock, stop, [this] { return !queue_.empty(); })) return;
            key = std::move(queue_.front());
            queue_.pop_front();
        }
        auto result = inner_.load(key);
        {
            std::lock_guard lock(mutex_);
            const auto serial = ++next_serial_;
            done_.insert_or_assign(key, Done{std::move(result), serial});
            done_order_.emplace_back(key, serial);
            while (done_.size() > kMaxUncollected && !done_order_.empty()) {
                const auto [oldest, oldest_serial] = std::move(done_order_.front());
                done_order_.pop_front();
                if (auto it = done_.find(oldest); it != done_.end() && it->second.serial == oldest_serial) done_.erase(it);
            }
            // Collected results leave stale pairs behind; they go once they outnumber the rest.
            if (done_order_.size() > 4 * kMaxUncollected)
                std::erase_if(done_order_, [this](const auto& entry) {
                    const auto it = done_.find(entry.first);
                    return it == done_.end() || it->second.serial != entry.second;
                });
            requested_.erase(key);
            if (requested_.empty()) idle_.notify_all();
        }
        if (on_ready_) on_ready_();
    }
}

}  // namespace redgrid::render
