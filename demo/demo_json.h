// Writes a content::Bundle as the JSON of docs/content.md, keys in the documented
// order so the file reads like the doc and diffs stay small.
#pragma once

#include <nlohmann/json.hpp>

#include "redgrid/content/content.h"

namespace redgrid::demo {

nlohmann::ordered_json bundle_to_json(const content::Bundle& bundle);

}  // namespace redgrid::demo
