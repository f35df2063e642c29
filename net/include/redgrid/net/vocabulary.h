// The kiosk's network side speaks the protocol's and the content model's words (HeartbeatInfo,
// CallUpdate, MediaInfo): imported into its namespace once, here, so net's code and its
// callers name them as before the protocol got a library of its own (docs/architecture.md).
#pragma once

namespace redgrid::content {
class Content;  // content_index.h
}  // namespace redgrid::content
namespace redgrid::protocol {}

namespace redgrid::net {
using namespace redgrid::content;
using namespace redgrid::protocol;
}  // namespace redgrid::net
