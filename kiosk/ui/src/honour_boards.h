// Internal: the honour boards of the current period, shared by the honours screen and the
// attract loop.
#pragma once

#include <string>
#include <vector>

#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/strings.h"

namespace redgrid::kiosk::ui {

struct Board {
    HonourBoard board;
    Str title;
    const char* icon;
    std::string period;
    std::vector<const Honour*> honours;
};

// Governance stars then service stars, each with the honours of its current period (the
// period of its first honour in the bundle) whose member is known; empty boards left out.
std::vector<Board> current_boards(const Content& content);

}  // namespace redgrid::kiosk::ui
