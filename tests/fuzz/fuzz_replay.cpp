// Replay scripts (--replay FILE): a technician's or a test's text file of timed touches.
// Any text gives a script or line-numbered messages; never a crash or a hang.
#include "fuzz_support.h"

#include "redgrid/kiosk/app/replay.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    const auto script = kiosk::parse_replay(fuzz::as_text(data, size), "fuzz.replay");
    if (script) {
        fuzz::require(script->width > 0 && script->height > 0, "replay accepted a screen size of zero");
        for (const auto& step : script->steps) fuzz::require(step.line >= 1, "a step without its line number");
    } else {
        fuzz::require(!script.error().empty(), "parse_replay failed without saying why");
    }
    return 0;
}
