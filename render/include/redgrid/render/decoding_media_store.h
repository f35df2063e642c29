// Photos decoded off the UI thread. The UI's load() never reads a file or runs a decoder:
// it gets an image some earlier request had decoded, or queues the request for the
// decoder thread and learns the image is pending (the Painter then draws a placeholder
// without caching it and the next frame after on_ready shows the photo).
#pragma once

#include "redgrid/render/media_store.h"

#include <condition_variable>
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

private:
    void run(std::stop_token stop);

    MediaStore& inner_;
    std::function<void()> on_ready_;
    mutable std::mutex mutex_;
    std::condition_variable_any work_;
    std::condition_variable idle_;
    std::deque<std::string> queue_;
    std::set<std::string, std::less<>> requested_;  // queued or being decoded
    std::map<std::string, std::expected<SurfacePtr, std::string>, std::less<>> done_;
    std::jthread thread_;  // last: starts after every member it uses exists
};

}  // namespace redgrid::render
