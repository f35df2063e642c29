// JSON requests to the hub for the event uploader and the call service: bearer token,
// the 20 s timeout of docs/protocol.md, and one-line failures that never carry the token.
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "redgrid/net/http_client.h"
#include "redgrid/net/sync.h"

namespace redgrid::net::detail {

struct ApiFailure {
    std::string message;
    long status = 0;  // 0: no HTTP answer (DNS, connect, TLS, timeout)
    std::optional<std::chrono::seconds> retry_after;
};

struct ApiAnswer {
    long status = 0;
    nlohmann::json body;  // a JSON object
};

// method "GET" or "POST" to api_url(server, rest). A 2xx answer must be a JSON object.
std::expected<ApiAnswer, ApiFailure> api_json(HttpClient& http, const SyncOptions& endpoint, const std::string& method,
                                              const std::string& rest, const std::string& body = {});

}  // namespace redgrid::net::detail
