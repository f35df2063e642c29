// Photos decoded off the UI thread. The UI's load() never reads a file or runs a decoder:
// it gets an image some earlier request had decoded, or queues the request for the
// decoder thread and learns the image is pending (the Painter then draws a placeholder
// without caching it and the next frame after on_ready shows the photo).
#pragma once

#include "redgrid/render/media_store.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace redgrid::render {

class DecodingMediaStore final : public MediaStore {
public:
    // inner (e.g. DirectoryMediaStore: file read, header checks, decode) runs only on the
    // decoder thread. on_ready runs there after each finished decode; the runner uses it to
    // wake the UI loop for a redraw.
    explicit DecodingMediaStore(MediaStore& inner, std::function<void()> on_ready = {});
    ~DecodingMediaStore() override;  // stops the decoder thread after its current image
    DecodingMediaStore(const DecodingMediaStore&) = delete;
    DecodingMediaStore& operator=(const DecodingMediaStore&) = delete;

    // The decoded image or the decoder's error, handed over once; otherwise queues
    // media_key and answers "<key>: being decoded" with pending(media_key) true.
    std::expected<SurfacePtr, std::string> load(std::string_view media_key) override;
    bool pending(std::string_view media_key) const override;

    // Blocks until nothing is queued or being decoded (tests, and headless screenshots).
    void wait_idle();

    // Finished images nobody collected (the resident scrolled or moved on before the frame
    // that would have shown them) are kept up to this many, oldest dropped first: a week of
    // residents browsing 300 members must not strand every photo's pixels here. A dropped
    // one is simply decoded again if it is asked for again.
    static constexpr std::size_t kMaxUncollected = 16;
    std::size_t uncollected() const;

private:
    void run(std::stop_token stop);

    MediaStore& inner_;
    std::function<void()> on_ready_;
    mutable std::mutex mutex_;
    std::condition_variable_any work_;
    std::condition_variable idle_;
    std::deque<std::string> queue_;
    std::set<std::string, std::less<>> requested_;  // queued or being decoded
    struct Done {
        std::expected<SurfacePtr, std::string> result;
        std::uint64_t serial = 0;
    };
    std::map<std::string, Done, std::less<>> done_;
    std::deque<std::pair<std::string, std::uint64_t>> done_order_;  // oldest first; stale pairs skipped
    std::uint64_t next_serial_ = 0;
    std::jthread thread_;  // last: starts after every member it uses exists
};

}  // namespace redgrid::render
