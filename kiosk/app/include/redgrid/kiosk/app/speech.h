// The real Announcer: a worker thread synthesises each line with espeak-ng (Mandarin "cmn",
// English "en") into 22050 Hz mono s16 PCM and queues it on an SDL audio device, so the UI
// thread never waits for synthesis or audio. Newer speech clears what is queued of older
// speech; a press click interrupts speech, as a screen reader does on touch.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "redgrid/kiosk/ui/announcer.h"

namespace redgrid::kiosk {

inline constexpr int kSpeechSampleRate = 22050;  // espeak-ng's own rate; mono, signed 16 bit

// Text to PCM. synthesize() hands the samples to out piece by piece, as they are made;
// out returns false to stop early (newer speech arrived).
class Synthesizer {
public:
    using Sink = std::function<bool(std::span<const std::int16_t>)>;
    virtual ~Synthesizer() = default;
    virtual std::expected<void, std::string> synthesize(std::string_view text, Lang lang, const Sink& out) = 0;
};

// Where PCM goes: play() queues samples after what is queued, stop() drops what is queued.
class AudioOutput {
public:
    virtual ~AudioOutput() = default;
    virtual void play(std::span<const std::int16_t> pcm) = 0;
    virtual void stop() = 0;
};

// A short, soft tick at kSpeechSampleRate (about 30 ms), generated rather than shipped.
std::vector<std::int16_t> click_sound();

class SpeechAnnouncer final : public Announcer {
public:
    SpeechAnnouncer(std::unique_ptr<Synthesizer> synth, std::unique_ptr<AudioOutput> output);
    ~SpeechAnnouncer() override;
    SpeechAnnouncer(const SpeechAnnouncer&) = delete;
    SpeechAnnouncer& operator=(const SpeechAnnouncer&) = delete;

    void click() override;
    void say(std::string text, Lang lang) override;

    // For tests: blocks until the worker has nothing left to do (no pending line or click).
    void wait_idle();

private:
    struct Line {
        std::string text;
        Lang lang;
    };
    void run();

    std::unique_ptr<Synthesizer> synth_;
    std::unique_ptr<AudioOutput> output_;
    const std::vector<std::int16_t> click_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::optional<Line> pending_;
    bool click_pending_ = false;
    bool busy_ = false;
    bool stop_ = false;
    bool reported_failure_ = false;
    std::thread worker_;  // last: starts after everything it uses exists
};

// espeak-ng in synchronous mode with a retrieval callback. espeak-ng keeps global state, so
// only one may exist at a time; the library loads its voice data on the first line, on the
// thread that synthesises (the worker), not on the UI thread, and stays loaded until exit.
class EspeakSynthesizer final : public Synthesizer {
public:
    static std::expected<std::unique_ptr<EspeakSynthesizer>, std::string> create();
    ~EspeakSynthesizer() override;
    EspeakSynthesizer(const EspeakSynthesizer&) = delete;
    EspeakSynthesizer& operator=(const EspeakSynthesizer&) = delete;

    std::expected<void, std::string> synthesize(std::string_view text, Lang lang, const Sink& out) override;

private:
    EspeakSynthesizer() = default;
    bool initialized_ = false;
    std::optional<Lang> voice_;
};

// An SDL audio device fed with SDL_QueueAudio (SDL converts 22050 Hz mono s16 to whatever
// the hardware wants). Opens the audio subsystem and closes it again when destroyed.
class SdlAudioOutput final : public AudioOutput {
public:
    static std::expected<std::unique_ptr<SdlAudioOutput>, std::string> open();
    ~SdlAudioOutput() override;
    SdlAudioOutput(const SdlAudioOutput&) = delete;
    SdlAudioOutput& operator=(const SdlAudioOutput&) = delete;

    void play(std::span<const std::int16_t> pcm) override;
    void stop() override;
    // Bytes still waiting to be played (tests).
    std::size_t queued_bytes() const;
    std::string description() const;

private:
    SdlAudioOutput() = default;
    std::uint32_t device_ = 0;
    std::string description_;
};

// The kiosk's sound: espeak-ng through the default SDL audio device. The error says why
// there is none (no audio device, no voice data); the kiosk then stays silent.
std::expected<std::unique_ptr<Announcer>, std::string> open_speech(std::string* description = nullptr);

}  // namespace redgrid::kiosk
