// What the kiosk says aloud (announcer.h): a screen's title when the resident arrives on it,
// and a line for each state of the call. Pure functions of the state; every word comes from
// the string tables.
#pragma once

#include <string>

#include "redgrid/kiosk/ui/call_flow.h"
#include "redgrid/kiosk/ui/ui_state.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {


// The line for arriving on route (its title; a member's name and role, a notice's title);
// "" for screens that speak to nobody (the attract loop, the technician's screen).
std::string spoken_title(const Content* content, const Route& route, Lang lang);

// The line for the call flow's state: confirm, cooldown, calling / escalated, coming (with
// the member's name and minutes), failed (why, and whom to contact), cancelled, arrived or
// closed (the rating question), a rating that did not save, thanks.
std::string spoken_call_line(const CallFlowView& view, Lang lang);

// Which call line the view stands for. Views with the same key say the same thing, so
// redraws and the ETA counting down never repeat a line.
std::string spoken_call_key(const CallFlowView& view);

}  // namespace redgrid::kiosk
