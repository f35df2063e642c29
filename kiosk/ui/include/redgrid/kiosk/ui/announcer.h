// Sound for residents who see poorly: a click when a finger lands on something that can be
// pressed, and a spoken line when the screen or the call changes. The App decides what is
// said and when (tests watch it with a recording fake); speech.h makes the sound.
// docs/screens.md, "Sound", lists the lines.
#pragma once

#include <string>

#include "redgrid/kiosk/ui/strings.h"

namespace redgrid::kiosk {

class Announcer {
public:
    virtual ~Announcer() = default;
    // The press click. Called on the UI thread; must return at once.
    virtual void click() = 0;
    // Says text in lang's voice. Whatever is being said or still waiting to be said is
    // dropped: only the newest line matters. Called on the UI thread; must return at once.
    virtual void say(std::string text, Lang lang) = 0;
};

}  // namespace redgrid::kiosk
