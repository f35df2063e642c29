// The speech worker: one pending line at most (a newer one replaces it), synthesis streamed
// into the audio output as it is made, and abandoned as soon as something newer arrives.
#include <cmath>
#include <numbers>

#include "redgrid/config/log.h"
#include "redgrid/kiosk/app/speech.h"

namespace redgrid::kiosk {

std::vector<std::int16_t> click_sound() {
    // A 2 kHz tone that dies away in a few ms over a 1 ms attack: heard as a tick, not a beep.
    constexpr int n = kSpeechSampleRate * 30 / 1000;
    std::vector<std::int16_t> pcm(n);
    for (int i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / kSpeechSampleRate;
        const double attack = std::min(1.0, t / 0.001);
        const double envelope = attack * std::exp(-t / 0.006);
        pcm[i] = static_cast<std::int16_t>(std::lround(9000 * envelope * std::sin(2 * std::numbers::pi * 2000 * t)));
    }
    return pcm;
}

SpeechAnnouncer::SpeechAnnouncer(std::unique_ptr<Synthesizer> synth, std::unique_ptr<AudioOutput> output)
    : synth_(std::move(synth)), output_(std::move(output)), click_(click_sound()), worker_([this] { run(); }) {}

SpeechAnnouncer::~SpeechAnnouncer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    worker_.join();
    output_->stop();
}

void SpeechAnnouncer::click() {
    {
        std::lock_guard lock(mutex_);
        click_pending_ = true;
    }
    wake_.notify_all();
}

void SpeechAnnouncer::say(std::string text, Lang lang) {
    if (text.empty()) return;
    {
        std::lock_guard lock(mutex_);
        pending_ = Line{std::move(text), lang};
    }
    wake_.notify_all();
}

void SpeechAnnouncer::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return !busy_ && !pending_ && !click_pending_; });
}

void SpeechAnnouncer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        idle_.notify_all();
        wake_.wait(lock, [&] { return stop_ || pending_ || click_pending_; });
        if (stop_) return;
        busy_ = true;
        if (click_pending_) {
            // A touch silences what is being said, then ticks.
            click_pending_ = false;
            lock.unlock();
            output_->stop();
            output_->play(click_);
            lock.lock();
            busy_ = false;
            continue;
        }
        const Line line = std::move(*pending_);
        pending_.reset();
        lock.unlock();
        output_->stop();
        auto done = synth_->synthesize(line.text, line.lang, [&](std::span<const std::int16_t> pcm) {
            {
                // Anything newer (a line, a touch, shutting down) makes the rest of this line moot.
                std::lock_guard check(mutex_);
                if (stop_ || pending_ || click_pending_) return false;
            }
            output_->play(pcm);
            return true;
        });
        lock.lock();
        busy_ = false;
        if (!done && !reported_failure_) {
            // Once: a voice that fails, fails for every line.
            reported_failure_ = true;
            config::log(config::LogLevel::warning, "sound: speech synthesis failed: {}", done.error());
        }
    }
}

std::expected<std::unique_ptr<Announcer>, std::string> open_speech(std::string* description) {
    auto output = SdlAudioOutput::open();
    if (!output) return std::unexpected(output.error());
    auto synth = EspeakSynthesizer::create();
    if (!synth) return std::unexpected(synth.error());
    if (description) *description = "espeak-ng, " + (*output)->description();
    return std::make_unique<SpeechAnnouncer>(std::move(*synth), std::move(*output));
}

}  // namespace redgrid::kiosk
