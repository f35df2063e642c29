#include "api_request.h"

#include <algorithm>
#include <cctype>

#include "redgrid/config/log.h"

namespace redgrid::net::detail {

namespace {
constexpr std::chrono::milliseconds kTimeout{20'000};
constexpr std::size_t kMaxAnswer = 4 * 1024 * 1024;

std::string server_message(const std::string& body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    std::string text;
    if (json.is_object() && json.contains("message") && json["message"].is_string())
        text = json["message"].get<std::string>();
    std::string out;
    for (char c : text)
        if (std::isprint(static_cast<unsigned char>(c)) && out.size() < 160) out += c;
    return out.empty() ? "" : ": " + out;
}
}  // namespace

std::expected<ApiAnswer, ApiFailure> api_json(HttpClient& http, const SyncOptions& endpoint, const std::string& method,
                                              const std::string& rest, const std::string& body) {
    HttpRequest request;
    request.method = method;
    request.url = api_url(endpoint.server_url, rest);
    request.headers = {{"Authorization", "Bearer " + endpoint.token}, {"Accept", "application/json"}};
    if (method == "POST") {
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = body;
    }
    request.total_timeout = std::min(kTimeout, http.options().total_timeout);
    request.max_body_bytes = kMaxAnswer;
    const auto where = " (" + config::redact_url(request.url) + ")";
    auto response = http.perform(request);
    if (!response) return std::unexpected(ApiFailure{response.error().message, 0, std::nullopt});
    if (response->status < 200 || response->status >= 300) {
        ApiFailure failure{"HTTP " + std::to_string(response->status) + server_message(response->body) + where,
                           response->status, std::nullopt};
        const auto retry = response->header("retry-after");
        if (!retry.empty() && retry.size() <= 6 && std::ranges::all_of(retry, [](char c) { return c >= '0' && c <= '9'; }))
            failure.retry_after = std::chrono::seconds(std::stol(retry));
        return std::unexpected(failure);
    }
    auto json = nlohmann::json::parse(response->body, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return std::unexpected(ApiFailure{"the answer is not a JSON object" + where, response->status, std::nullopt});
    return ApiAnswer{response->status, std::move(json)};
}

}  // namespace redgrid::net::detail
