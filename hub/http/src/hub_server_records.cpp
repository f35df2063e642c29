// The events and calls endpoints of docs/protocol.md.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "redgrid/config/log.h"
#include "redgrid/hub/http/hub_server.h"
#include "redgrid/hub/store/hub_records.h"

namespace redgrid::hub {
using config::log;
using config::LogLevel;

namespace {

constexpr std::size_t kMaxJsonBody = 1024 * 1024;
constexpr std::size_t kMaxEventsPerUpload = 500;

void send_error(httplib::Response& response, int status, const std::string& error, const std::string& message) {
    response.status = status;
    response.set_content(nlohmann::json{{"error", error}, {"message", message}}.dump(), "application/json");
}

void send_json(httplib::Response& response, int status, const nlohmann::json& body) {
    response.status = status;
    response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

std::optional<nlohmann::json> json_object_body(const httplib::Request& request, httplib::Response& response) {
    if (request.body.size() > kMaxJsonBody) {
        send_error(response, 413, "too_large", "body over 1 MiB");
        return std::nullopt;
    }
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        send_error(response, 400, "bad_request", "the body is not a JSON object");
        return std::nullopt;
    }
    return body;
}

std::string optional_string(const nlohmann::json& body, const char* key) {
    return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}

}  // namespace

void HubServer::install_record_routes() {
    auto& server = *server_;

    server.Post(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/events)", [this](const httplib::Request& request,
                                                                     httplib::Response& response) {
        const std::string kiosk_id = request.matches[1];
        if (!authorize(request, response, kiosk_id)) return;
        const auto body = json_object_body(request, response);
        if (!body) return;
        if (!body->contains("events") || !(*body)["events"].is_array())
            return send_error(response, 400, "bad_request", "\"events\" must be an array");
        if ((*body)["events"].size() > kMaxEventsPerUpload)
            return send_error(response, 413, "too_large", "more than 500 events in one upload");
        const auto upload = records_->store_events(kiosk_id, (*body)["events"], now(), options_.calls, directory_);
        if (!upload.failed.empty()) {
            log(LogLevel::error, "redgrid-hub: {}'s events not stored: {}", kiosk_id, upload.failed);
            response.set_header("Retry-After", "30");
            return send_error(response, 503, "unavailable", "events not stored, try again later");
        }
        nlohmann::json answer = {{"accepted", upload.accepted}, {"rejected", nlohmann::json::array()}};
        for (const auto& [id, why] : upload.rejected) {
            answer["rejected"].push_back({{"id", id}, {"error", why}});
            log(LogLevel::warning, "redgrid-hub: {} event {} rejected: {}", kiosk_id, id, why);
        }
        if (upload.new_rows > 0)
            log(LogLevel::info, "redgrid-hub: {} uploaded {} new event(s), {} already known", kiosk_id, upload.new_rows,
                upload.accepted.size() - upload.new_rows);
        send_json(response, 200, answer);
    });

    server.Post(R"(/api/v1/kiosks/([a-z0-9-]{1,40})/calls)",
                [this](const httplib::Request& request, httplib::Response& response) {
                    const std::string kiosk_id = request.matches[1];
                    if (!authorize(request, response, kiosk_id)) return;
                    const auto body = json_object_body(request, response);
                    if (!body) return;
                    NewCall call{optional_string(*body, "client_call_id"), optional_string(*body, "grid_id"),
                                 optional_string(*body, "category"), optional_string(*body, "member_id"),
                                 optional_string(*body, "at")};
                    if (call.client_call_id.empty() || call.client_call_id.size() > 64)
                        return send_error(response, 400, "bad_request", "client_call_id must be 1..64 characters");
                    auto created = records_->create_call(kiosk_id, call, now(), options_.calls, directory_);
                    if (!created) return send_error(response, 500, "server_error", created.error());
                    if (created->second)
                        log(LogLevel::notice, "redgrid-hub: {} placed {} (grid {}{})", kiosk_id, created->first.id(),
                            call.grid_id, call.category.empty() ? "" : ", " + call.category);
                    send_json(response, created->second ? 201 : 200, call_json(created->first, now(), options_.calls));
                });

    // The call a kiosk may see: its own only.
    auto own_call = [this](const httplib::Request& request,
                           httplib::Response& response) -> std::optional<std::int64_t> {
        const auto kiosk = authorize(request, response, "");
        if (!kiosk) return std::nullopt;
        const auto number = parse_call_id(request.matches[1].str());
        const auto call = number ? records_->call(*number, now(), directory_) : std::nullopt;
        if (!call) {
            send_error(response, 404, "not_found", "no call " + request.matches[1].str());
            return std::nullopt;
        }
        if (call->kiosk_id != *kiosk) {
            send_error(response, 403, "forbidden", "this call was placed by another kiosk");
            return std::nullopt;
        }
        return number;
    };

    server.Get(R"(/api/v1/calls/(call-[0-9]{1,18}))", [this, own_call](const httplib::Request& request,
                                                                       httplib::Response& response) {
        const auto number = own_call(request, response);
        if (!number) return;
        send_json(response, 200, call_json(*records_->call(*number, now(), directory_), now(), options_.calls));
    });

    server.Post(R"(/api/v1/calls/(call-[0-9]{1,18})/cancel)",
                [this, own_call](const httplib::Request& request, httplib::Response& response) {
                    const auto number = own_call(request, response);
                    if (!number) return;
                    auto cancelled = records_->cancel(*number, now(), "kiosk");
                    if (!cancelled) return send_error(response, 500, "server_error", cancelled.error());
                    log(LogLevel::notice, "redgrid-hub: {} is {}", cancelled->id(), cancelled->status);
                    send_json(response, 200, call_json(*cancelled, now(), options_.calls));
                });
}

}  // namespace redgrid::hub
