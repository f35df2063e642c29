// Member photos are read and decoded on DecodingMediaStore's thread, never on the UI
// thread that paints: the first frame shows a placeholder (not cached, not counted as
// missing), the frame after on_ready shows the photo; errors still reach the painter.
#include "redgrid/render/decoding_media_store.h"
#include "render_harness.h"

#include <SDL_image.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

namespace redgrid::render {
namespace {

using testing::Harness;
using testing::rgb;

void write_red_png(const std::filesystem::path& path, int w, int h) {
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    ASSERT_TRUE(s);
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, 255, 0, 0, 255));
    ASSERT_EQ(IMG_SavePNG(s.get(), path.c_str()), 0) << IMG_GetError();
}

// Delegates to the directory store and notes which thread did the work.
class ThreadRecordingStore final : public MediaStore {
public:
    explicit ThreadRecordingStore(MediaStore& inner) : inner_(inner) {}
    std::expected<SurfacePtr, std::string> load(std::string_view key) override {
        decoded_on = std::this_thread::get_id();
        ++loads;
        return inner_.load(key);
    }
    std::thread::id decoded_on;
    std::atomic<int> loads{0};

private:
    MediaStore& inner_;
};

struct DecodingHarness {
    Harness base{200, 200};
    ThreadRecordingStore recording{base.media};
    std::atomic<int> ready_calls{0};
    DecodingMediaStore store{recording, [this] { ++ready_calls; }};
    Painter painter{base.target->renderer(), *base.fonts, store};

    PixelImage draw(const DrawList& list) {
        painter.draw(list);
        base.target->present();
        auto pixels = base.target->read_pixels();
        if (!pixels) throw std::runtime_error(pixels.error());
        return std::move(*pixels);
    }
};

TEST(DecodingMediaStore, PhotoIsDecodedOffTheUiThreadAndShownOnTheNextFrame) {
    DecodingHarness h;
    write_red_png(h.base.media_dir.path() / "photo", 64, 64);
    DrawList list;
    list.add(Image{{50, 50, 100, 100}, "photo", ImageFit::cover, 0});

    const auto first = h.draw(list);
    EXPECT_NE(first.at(100, 100), rgb(255, 0, 0)) << "the first frame cannot have the photo yet";
    EXPECT_EQ(h.painter.stats().missing_images, 0u) << "pending is not missing";

    h.store.wait_idle();
    // on_ready runs just after the result is stored (and wait_idle returns): wait for it.
    for (int i = 0; i < 2000 && h.ready_calls.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(h.ready_calls.load(), 1);
    EXPECT_NE(h.recording.decoded_on, std::this_thread::get_id());
    const auto second = h.draw(list);
    EXPECT_EQ(second.at(100, 100), rgb(255, 0, 0));
    EXPECT_EQ(h.painter.stats().missing_images, 0u);

    // The painter keeps the texture: no further file reads for the same photo.
    h.draw(list);
    EXPECT_EQ(h.recording.loads.load(), 1);
}

TEST(DecodingMediaStore, ABombOrForeignFileEndsAsAMissingImageWithTheDecodersReason) {
    DecodingHarness h;
    // A PNG header claiming 100000 x 100000 pixels: refused before any decoder sees it.
    static constexpr char kBombHeader[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x06\0\0\0";
    std::ofstream(h.base.media_dir.path() / "bomb", std::ios::binary).write(kBombHeader, sizeof kBombHeader - 1);
    DrawList list;
    list.add(Image{{0, 0, 100, 100}, "bomb", ImageFit::cover, 0});
    h.draw(list);
    h.store.wait_idle();
    EXPECT_TRUE(h.store.pending("bomb"));  // decoded but not yet collected by a load()
    h.draw(list);
    EXPECT_EQ(h.painter.stats().missing_images, 1u);
    EXPECT_NE(h.painter.stats().last_error.find("100000x100000"), std::string::npos) << h.painter.stats().last_error;
}

TEST(DecodingMediaStore, StopsPromptlyWithRequestsStillQueued) {
    auto library = testing::init_sdl_for_tests();
    testing::TempDir dir;
    DirectoryMediaStore directory(dir.path());
    {
        DecodingMediaStore store(directory);
        for (int i = 0; i < 100; ++i) EXPECT_FALSE(store.load("m" + std::to_string(i)));
        EXPECT_TRUE(store.pending("m99"));
    }  // the destructor joins the decoder thread without working through the queue
    SUCCEED();
}

TEST(DecodingMediaStore, PhotosNobodyCollectedAreBoundedNotKeptForever) {
    // A resident flicks through the members list: every photo is asked for once and the
    // frames that would have collected them never come. Memory must not keep them all.
    DecodingHarness h;
    const int photos = static_cast<int>(DecodingMediaStore::kMaxUncollected) * 3;
    for (int i = 0; i < photos; ++i) write_red_png(h.base.media_dir.path() / ("p" + std::to_string(i) + ".png"), 40, 40);
    for (int i = 0; i < photos; ++i) EXPECT_FALSE(h.store.load("p" + std::to_string(i) + ".png").has_value());
    h.store.wait_idle();
    EXPECT_EQ(h.store.uncollected(), DecodingMediaStore::kMaxUncollected);
    // The newest are still handed over; a dropped one is decoded again when asked for.
    EXPECT_TRUE(h.store.load("p" + std::to_string(photos - 1) + ".png").has_value());
    EXPECT_FALSE(h.store.load("p0.png").has_value());
    h.store.wait_idle();
    EXPECT_TRUE(h.store.load("p0.png").has_value());
}

}  // namespace
}  // namespace redgrid::render
