// Content bundle from the network or the cache: parse_bundle is the only way in, so any
// bytes must give either a Bundle that validate_bundle also accepts, or errors; never a
// crash, a hang, an exception or undefined behaviour.
#include "fuzz_support.h"

#include "redgrid/content/content_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    const auto bundle = content::parse_bundle(fuzz::as_text(data, size));
    if (bundle) {
        fuzz::require(content::validate_bundle(*bundle).empty(), "parse_bundle accepted a bundle validate_bundle rejects");
    } else {
        fuzz::require(!bundle.error().empty(), "parse_bundle failed without saying why");
        fuzz::require(bundle.error().size() <= content::content_limits::max_errors + 1, "more errors than the cap");
        for (const auto& error : bundle.error()) (void)error.to_string();
    }
    return 0;
}
