// The real sound: the speech worker's rules with a scripted synthesiser (a newer line replaces
// a waiting one and stops one being made, a touch silences speech and ticks), espeak-ng really
// speaking Mandarin and English into PCM, and the SDL audio device under the dummy driver.
#include <gtest/gtest.h>

#include <SDL.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <mutex>

#include "redgrid/kiosk/app/speech.h"

namespace redgrid::kiosk {
namespace {

// Records what reaches the speaker; the announcer owns it, the test keeps a view of it.
struct Speaker {
    std::mutex mutex;
    std::vector<std::string> events;  // "play:<n>", "stop"
    std::size_t samples = 0;
    void add(std::string e) {
        std::lock_guard lock(mutex);
        events.push_back(std::move(e));
    }
    std::vector<std::string> take() {
        std::lock_guard lock(mutex);
        return std::exchange(events, {});
    }
};

class RecordingOutput final : public AudioOutput {
public:
    explicit RecordingOutput(Speaker& s) : s_(s) {}
    void play(std::span<const std::int16_t> pcm) override {
        {
            std::lock_guard lock(s_.mutex);
            s_.samples += pcm.size();
        }
        s_.add("play:" + std::to_string(pcm.size()));
    }
    void stop() override { s_.add("stop"); }

private:
    Speaker& s_;
};

// Makes 100 samples per chunk, as many chunks as the text has bytes; a line starting with
// "hold" stops after its first chunk until the test lets it go on.
struct Script {
    std::mutex mutex;
    std::condition_variable cv;
    bool holding = false, released = false;
    std::vector<std::string> started;
};

class ScriptedSynth final : public Synthesizer {
public:
    explicit ScriptedSynth(Script& s) : s_(s) {}
    std::expected<void, std::string> synthesize(std::string_view text, Lang, const Sink& out) override {
        {
            std::lock_guard lock(s_.mutex);
            s_.started.emplace_back(text);
        }
        const std::vector<std::int16_t> chunk(100, 1000);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (!out(chunk)) return {};
            if (i == 0 && text.starts_with("hold")) {
                std::unique_lock lock(s_.mutex);
                s_.holding = true;
                s_.cv.notify_all();
                s_.cv.wait(lock, [&] { return s_.released; });
            }
        }
        return {};
    }

private:
    Script& s_;
};

struct Rig {
    Speaker speaker;
    Script script;
    std::unique_ptr<SpeechAnnouncer> announcer =
        std::make_unique<SpeechAnnouncer>(std::make_unique<ScriptedSynth>(script), std::make_unique<RecordingOutput>(speaker));

    void wait_holding() {
        std::unique_lock lock(script.mutex);
        script.cv.wait(lock, [&] { return script.holding; });
    }
    void release() {
        std::lock_guard lock(script.mutex);
        script.released = true;
        script.cv.notify_all();
    }
};

TEST(SpeechAnnouncer, SaysALineChunkByChunkAfterClearingWhatWasQueued) {
    Rig rig;
    rig.announcer->say("abc", Lang::zh);
    rig.announcer->wait_idle();
    EXPECT_EQ(rig.speaker.take(), (std::vector<std::string>{"stop", "play:100", "play:100", "play:100"}));
}

TEST(SpeechAnnouncer, ANewerLineStopsTheOneBeingMadeAndReplacesTheOnesWaiting) {
    Rig rig;
    rig.announcer->say("hold on, this is long", Lang::zh);
    rig.wait_holding();
    // While the first line is being made, two more arrive: only the newest is said.
    rig.announcer->say("second", Lang::zh);
    rig.announcer->say("xyz", Lang::en);
    rig.release();
    rig.announcer->wait_idle();
    {
        std::lock_guard lock(rig.script.mutex);
        EXPECT_EQ(rig.script.started, (std::vector<std::string>{"hold on, this is long", "xyz"}));
    }
    // The first line got one chunk out, then was cut; the newest starts on a cleared queue.
    EXPECT_EQ(rig.speaker.take(), (std::vector<std::string>{"stop", "play:100", "stop", "play:100", "play:100", "play:100"}));
}

TEST(SpeechAnnouncer, ATouchSilencesSpeechAndTicks) {
    Rig rig;
    rig.announcer->say("hold this line", Lang::zh);
    rig.wait_holding();
    rig.announcer->click();
    rig.release();
    rig.announcer->wait_idle();
    const auto events = rig.speaker.take();
    const std::string click = "play:" + std::to_string(click_sound().size());
    ASSERT_GE(events.size(), 4u);
    // stop, the line's first chunk, then (the rest of the line dropped) stop and the click.
    EXPECT_EQ(std::vector<std::string>(events.end() - 2, events.end()), (std::vector<std::string>{"stop", click}));
    EXPECT_EQ(std::count(events.begin(), events.end(), "play:100"), 1);
}

TEST(SpeechAnnouncer, ShutsDownWithALineInTheMiddle) {
    Rig rig;
    rig.announcer->say("hold it", Lang::zh);
    rig.wait_holding();
    rig.announcer->say("waiting", Lang::zh);
    // The synthesiser is let go from another thread while the announcer is destroyed: the
    // destructor must return (the worker joined) whichever comes first. Whether "waiting"
    // gets started depends on that order; it is never finished after the end.
    std::thread letgo([&] { rig.release(); });
    rig.announcer.reset();
    letgo.join();
    std::lock_guard lock(rig.script.mutex);
    ASSERT_GE(rig.script.started.size(), 1u);
    EXPECT_EQ(rig.script.started.front(), "hold it");
    EXPECT_LE(rig.script.started.size(), 2u);
}

TEST(ClickSound, IsShortAudibleAndFadesOut) {
    const auto pcm = click_sound();
    EXPECT_GE(pcm.size(), static_cast<std::size_t>(kSpeechSampleRate / 100));  // >= 10 ms
    EXPECT_LE(pcm.size(), static_cast<std::size_t>(kSpeechSampleRate / 20));   // <= 50 ms
    const auto peak = *std::max_element(pcm.begin(), pcm.end(), [](auto a, auto b) { return std::abs(a) < std::abs(b); });
    EXPECT_GT(std::abs(peak), 3000);
    EXPECT_LT(std::abs(pcm.back()), 200);  // no pop at the end
}

// ---- espeak-ng, for real ------------------------------------------------------------

struct Pcm {
    std::vector<std::int16_t> samples;
    double seconds() const { return static_cast<double>(samples.size()) / kSpeechSampleRate; }
    int peak() const {
        int p = 0;
        for (auto s : samples) p = std::max(p, std::abs(static_cast<int>(s)));
        return p;
    }
};

TEST(Espeak, SpeaksMandarinAndEnglishIntoPlausiblePcm) {
    auto synth = EspeakSynthesizer::create();
    ASSERT_TRUE(synth) << synth.error();
    EXPECT_FALSE(EspeakSynthesizer::create()) << "espeak-ng is one per process";
    auto speak = [&](std::string_view text, Lang lang) {
        Pcm pcm;
        auto r = (*synth)->synthesize(text, lang, [&](std::span<const std::int16_t> s) {
            pcm.samples.insert(pcm.samples.end(), s.begin(), s.end());
            return true;
        });
        EXPECT_TRUE(r) << r.error();
        return pcm;
    };
    // Nine syllables of Mandarin at 150 words a minute: a second or two, clearly not silence.
    const Pcm zh = speak("正在为您联系值班党员", Lang::zh);
    EXPECT_GT(zh.seconds(), 0.8) << zh.seconds();
    EXPECT_LT(zh.seconds(), 8.0) << zh.seconds();
    EXPECT_GT(zh.peak(), 2000);
    const Pcm zh_long = speak("正在为您联系值班党员，请在屏幕前稍候。党员正在赶来，大约五分钟到达。", Lang::zh);
    EXPECT_GT(zh_long.seconds(), zh.seconds() * 1.8) << "a longer line takes longer";
    const Pcm en = speak("A member is on the way", Lang::en);
    EXPECT_GT(en.seconds(), 0.6) << en.seconds();
    EXPECT_LT(en.seconds(), 6.0) << en.seconds();
    EXPECT_GT(en.peak(), 2000);
    // Back to Mandarin after English: the voice follows the language.
    EXPECT_NEAR(speak("正在为您联系值班党员", Lang::zh).seconds(), zh.seconds(), 0.05);
}

TEST(Espeak, StopsWhenTheSinkSaysSo) {
    auto synth = EspeakSynthesizer::create();
    ASSERT_TRUE(synth) << synth.error();
    int calls = 0;
    auto r = (*synth)->synthesize("正在为您联系值班党员，请在屏幕前稍候。党员正在赶来，大约五分钟到达。", Lang::zh,
                                  [&](std::span<const std::int16_t>) { return ++calls < 2; });
    EXPECT_TRUE(r) << r.error();
    EXPECT_EQ(calls, 2);
}

// ---- SDL audio, under the dummy driver ----------------------------------------------

class SdlAudio : public ::testing::Test {
protected:
    void SetUp() override {
        // The dummy driver plays nothing but consumes the queue in real time, like a device.
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        ASSERT_EQ(SDL_Init(0), 0) << SDL_GetError();
    }
    void TearDown() override { SDL_Quit(); }
};

TEST_F(SdlAudio, OpensQueuesAndClears) {
    auto out = SdlAudioOutput::open();
    ASSERT_TRUE(out) << out.error();
    EXPECT_NE((*out)->description().find("dummy"), std::string::npos) << (*out)->description();
    const std::vector<std::int16_t> two_seconds(2 * kSpeechSampleRate, 500);
    (*out)->play(two_seconds);
    EXPECT_GT((*out)->queued_bytes(), 0u);
    (*out)->stop();
    EXPECT_EQ((*out)->queued_bytes(), 0u);
}

TEST_F(SdlAudio, NoDeviceIsAnErrorThatSaysSo) {
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    auto out = SdlAudioOutput::open();
    ASSERT_FALSE(out);
    EXPECT_NE(out.error().find("audio"), std::string::npos) << out.error();
}

TEST_F(SdlAudio, TheWholeChainSpeaksIntoTheDevice) {
    auto out = SdlAudioOutput::open();
    ASSERT_TRUE(out) << out.error();
    SdlAudioOutput* device = out->get();
    auto synth = EspeakSynthesizer::create();
    ASSERT_TRUE(synth) << synth.error();
    SpeechAnnouncer announcer(std::move(*synth), std::move(*out));
    announcer.say("正在为您联系值班党员", Lang::zh);
    announcer.wait_idle();
    // Over a second of speech was queued; the dummy device has had a few ms to play any.
    EXPECT_GT(device->queued_bytes(), static_cast<std::size_t>(kSpeechSampleRate));
}

}  // namespace
}  // namespace redgrid::kiosk
