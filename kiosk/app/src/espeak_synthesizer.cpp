// espeak-ng as a Synthesizer. The library is one global instance with a C callback, so the
// callback finds its job through espeak_Synth's user_data, and only one EspeakSynthesizer
// may live at a time. espeak-ng 1.51 hangs when initialised again after espeak_Terminate,
// so the library is initialised once per process and terminated at exit.
#include <espeak-ng/speak_lib.h>

#include <atomic>

#include "redgrid/kiosk/app/speech.h"

namespace redgrid::kiosk {
namespace {

std::atomic<bool> g_in_use{false};

// A bit slower than espeak's 175 words a minute: many residents are elderly.
constexpr int kRate = 150;

// The process's espeak-ng: initialised by the first line (on the speech worker), ended at exit.
class Library {
public:
    static Library& get() {
        static Library library;
        return library;
    }
    const std::string& error() const { return error_; }
    ~Library() {
        if (error_.empty()) espeak_Terminate();
    }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;

private:
    Library() {
        // DONT_EXIT: without it espeak-ng calls exit() when its data is missing.
        const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            error_ = "espeak-ng: cannot initialise (is espeak-ng-data installed?)";
        } else if (rate != kSpeechSampleRate) {
            espeak_Terminate();
            error_ = "espeak-ng: unexpected sample rate " + std::to_string(rate);
        }
    }
    std::string error_;
};

struct Job {
    const Synthesizer::Sink* out;
    bool stopped = false;
};

int on_samples(short* wav, int count, espeak_EVENT* events) {
    if (!wav || count <= 0 || !events) return 0;
    auto* job = static_cast<Job*>(events->user_data);
    if (!job || job->stopped) return 1;
    if (!(*job->out)(std::span<const std::int16_t>(wav, static_cast<std::size_t>(count)))) {
        job->stopped = true;
        return 1;  // abort synthesis
    }
    return 0;
}

}  // namespace

std::expected<std::unique_ptr<EspeakSynthesizer>, std::string> EspeakSynthesizer::create() {
    if (g_in_use.exchange(true)) return std::unexpected("espeak-ng: already in use in this process");
    return std::unique_ptr<EspeakSynthesizer>(new EspeakSynthesizer());
}

EspeakSynthesizer::~EspeakSynthesizer() { g_in_use = false; }

std::expected<void, std::string> EspeakSynthesizer::synthesize(std::string_view text, Lang lang, const Sink& out) {
    if (!initialized_) {
        if (const std::string& e = Library::get().error(); !e.empty()) return std::unexpected(e);
        espeak_SetSynthCallback(on_samples);
        espeak_SetParameter(espeakRATE, kRate, 0);
        initialized_ = true;
    }
    if (voice_ != lang) {
        const char* name = lang == Lang::zh ? "cmn" : "en";
        if (espeak_SetVoiceByName(name) != EE_OK) return std::unexpected(std::string("espeak-ng: no voice \"") + name + "\"");
        voice_ = lang;
    }
    const std::string z(text);  // espeak wants a terminated string
    Job job{.out = &out};
    const espeak_ERROR err =
        espeak_Synth(z.c_str(), z.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &job);
    if (err != EE_OK && !job.stopped) return std::unexpected("espeak-ng: synthesis failed (error " + std::to_string(err) + ")");
    return {};
}

}  // namespace redgrid::kiosk
