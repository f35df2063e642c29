// URLs the kiosk parses: the configured server URL and every redirect's Location header
// (net/http_client.h). A URL must never crash the origin check that keeps the token on
// its host.
#include "fuzz_support.h"

#include "redgrid/net/http_client.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redgrid;
    const std::string_view url = fuzz::as_text(data, size);
    (void)net::parse_origin(url);
    const auto strict = net::check_url_allowed(url, false);
    const auto lax = net::check_url_allowed(url, true);
    // Allowing plain http may only widen what is accepted.
    if (strict) fuzz::require(lax.has_value(), "a URL allowed strictly was refused with allow_insecure_http");
    return 0;
}
