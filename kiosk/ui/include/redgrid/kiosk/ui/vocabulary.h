// The kiosk is written in the words of the content model and the wire protocol (Member,
// Grid, CallState, Interaction): they are imported into its namespace once, here, so that
// moving the model out of the kiosk (docs/architecture.md) did not rename every line that
// speaks of a member. Only the kiosk's own code includes this header.
#pragma once

#include "redgrid/config/display_settings.h"
#include "redgrid/config/paths.h"

namespace redgrid::content {
class Content;  // content_index.h
}  // namespace redgrid::content
namespace redgrid::protocol {}

namespace redgrid::kiosk {
using namespace redgrid::content;
using namespace redgrid::protocol;
using config::DisplaySettings;
using config::demo_bundle_dir;
using config::share_dir;
}  // namespace redgrid::kiosk
