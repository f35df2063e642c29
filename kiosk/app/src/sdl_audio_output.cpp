// An SDL audio device fed by SDL_QueueAudio from the speech worker. SDL_QueueAudio and
// SDL_ClearQueuedAudio lock the device themselves, so the worker needs no lock of its own.
#include <SDL.h>

#include "redgrid/kiosk/app/speech.h"

namespace redgrid::kiosk {

std::expected<std::unique_ptr<SdlAudioOutput>, std::string> SdlAudioOutput::open() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return std::unexpected(std::string("no audio: SDL audio init failed: ") + SDL_GetError());
    // From here the subsystem is the output's: its destructor quits it (and closes a device).
    std::unique_ptr<SdlAudioOutput> out(new SdlAudioOutput());
    SDL_AudioSpec want{};
    want.freq = kSpeechSampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 512;  // ~23 ms: the click is heard with the press
    SDL_AudioSpec have{};
    // No allowed changes: SDL converts to whatever the device really takes.
    const SDL_AudioDeviceID dev = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (dev == 0) return std::unexpected(std::string("no audio device: ") + SDL_GetError());
    out->device_ = dev;
    const char* driver = SDL_GetCurrentAudioDriver();
    out->description_ = std::string("SDL audio (") + (driver ? driver : "?") + ")";
    SDL_PauseAudioDevice(dev, 0);
    return out;
}

SdlAudioOutput::~SdlAudioOutput() {
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SdlAudioOutput::play(std::span<const std::int16_t> pcm) {
    if (pcm.empty()) return;
    SDL_QueueAudio(device_, pcm.data(), static_cast<Uint32>(pcm.size_bytes()));
}

void SdlAudioOutput::stop() { SDL_ClearQueuedAudio(device_); }

std::size_t SdlAudioOutput::queued_bytes() const { return SDL_GetQueuedAudioSize(device_); }

std::string SdlAudioOutput::description() const { return description_; }

}  // namespace redgrid::kiosk
