// What residents did, as the hub records it: uploaded events (deduplicated by id) and
// one-key calls with their whole history (docs/protocol.md, "events" and "calls").
//
// Call state lives entirely in the hub's database, deadlines included, so `redgrid-hub
// call ...` run as another process, and other hubs on the same PostgreSQL, agree: every
// change of a call runs in a transaction under the database's "calls" lock. Time only moves a call forward when someone
// looks at it (advance(), done by every read and by the server's ticker) at a time the
// caller passes in: tests drive it with an injected clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redgrid::hub {

namespace sql {
class Database;
class Rows;
}  // namespace sql

using TimePoint = std::chrono::system_clock::time_point;

// How the hub's dispatch simulator treats a new call (hub.json "calls", serve options).
enum class DispatchMode {
    answer,  // an on-duty member of the kiosk's grid takes it after answer_after
    refuse,  // the dispatcher refuses it after answer_after (the screen shows the phone number)
    never,   // nobody answers on their own: an admin plays the dispatcher with `redgrid-hub call`
};
std::optional<DispatchMode> dispatch_mode_from_string(std::string_view name);
std::string_view to_string(DispatchMode mode);

struct CallPolicy {
    DispatchMode mode = DispatchMode::never;
    std::chrono::seconds answer_after{10};
    std::chrono::seconds escalate_after{120};  // no member yet: the community duty desk takes over
    std::chrono::seconds expire_after{600};    // still nobody, counted from the escalation
    std::chrono::seconds eta{300};             // the simulated member's ETA
    std::chrono::seconds poll_after{5};        // what the kiosk is told to poll at
};

// Reads the "calls" object of hub.json into policy (missing fields keep their value).
std::expected<void, std::string> read_call_policy(const nlohmann::json& calls, CallPolicy& policy);

// A member as the kiosk shows them: from the kiosk's published bundle.
struct MemberCard {
    std::string id;
    std::string name;
    std::string photo;  // sha256 of media in the bundle, "" for none
};

// The hub's view of a kiosk's people: who is on duty in a grid, who a member id is,
// which duty desk a grid escalates to. Made from the published bundle.
struct Directory {
    std::function<std::optional<MemberCard>(const std::string& kiosk_id, const std::string& grid_id)> on_duty;
    std::function<std::optional<MemberCard>(const std::string& kiosk_id, const std::string& member_id)> member;
    std::function<std::string(const std::string& kiosk_id, const std::string& grid_id)> duty_desk;
};

class HubContent;
// A Directory over the kiosks' published bundles (content must outlive it).
Directory directory_from(HubContent& content);

struct EventRow {
    std::string kiosk_id;
    std::string id;
    std::string type;
    std::int64_t seq = 0;
    std::string at;  // device time as sent
    std::string data_json;
    TimePoint received_at;
};

struct EventUpload {
    std::vector<std::string> accepted;                          // stored now or before
    std::vector<std::pair<std::string, std::string>> rejected;  // id, why
    std::size_t new_rows = 0;
    std::string failed;  // the database's reason when nothing could be stored (try again later)
};

struct NewCall {
    std::string client_call_id;
    std::string grid_id;
    std::string category;   // "" = none picked
    std::string member_id;  // "" = anyone on duty
    std::string device_at;
};

struct CallRow {
    std::int64_t number = 0;  // call-<number>
    std::string kiosk_id;
    std::string client_call_id;
    std::string grid_id;
    std::string category;
    std::string requested_member;
    // queued, dispatched, arrived, closed, cancelled, refused, escalated, expired
    std::string status;
    std::optional<MemberCard> member;
    std::chrono::seconds eta{0};  // at dispatch
    std::optional<TimePoint> dispatched_at;
    std::string escalated_to;
    TimePoint created_at;
    TimePoint updated_at;
    std::string id() const { return "call-" + std::to_string(number); }
    bool is_final() const;
};

struct CallLogRow {
    TimePoint at;
    std::string status;
    std::string actor;  // kiosk, simulator, hub, admin
    std::string detail;
};

class HubRecords {
public:
    static std::expected<std::unique_ptr<HubRecords>, std::string> open(const std::string& where);
    explicit HubRecords(std::shared_ptr<sql::Database> database);
    ~HubRecords();
    HubRecords(const HubRecords&) = delete;
    HubRecords& operator=(const HubRecords&) = delete;

    // events: the "events" array of an upload. Stores each (kiosk, id) once; `call` and
    // `call_cancel` events also create / cancel the call they name (by client_call_id).
    EventUpload store_events(const std::string& kiosk_id, const nlohmann::json& events, TimePoint now,
                             const CallPolicy& policy, const Directory& directory);
    std::vector<EventRow> events(const std::string& kiosk_id = "", const std::string& type = "", std::size_t limit = 0);

    // Creates the call, or returns the existing one for (kiosk, client_call_id): second is
    // true when new.
    std::expected<std::pair<CallRow, bool>, std::string> create_call(const std::string& kiosk_id, const NewCall& call,
                                                                     TimePoint now, const CallPolicy& policy,
                                                                     const Directory& directory);
    // The call after moving it forward to `now`.
    std::optional<CallRow> call(std::int64_t number, TimePoint now, const Directory& directory);
    std::optional<CallRow> call_by_client_id(const std::string& kiosk_id, const std::string& client_call_id);
    std::vector<CallRow> calls(TimePoint now, const Directory& directory, const std::string& kiosk_id = "");
    std::vector<CallLogRow> call_log(std::int64_t number);

    // Moves every open call forward to `now` (simulated answers, escalation, expiry).
    void advance_all(TimePoint now, const Directory& directory);

    // Admin / kiosk actions; errors name the call and why (e.g. "call-3 is closed").
    std::expected<CallRow, std::string> dispatch(std::int64_t number, const MemberCard& member,
                                                 std::chrono::seconds eta, TimePoint now, const std::string& actor);
    std::expected<CallRow, std::string> set_status(std::int64_t number, const std::string& status, TimePoint now,
                                                   const std::string& actor, const std::string& detail = "");
    std::expected<CallRow, std::string> cancel(std::int64_t number, TimePoint now, const std::string& actor);

private:
    std::optional<CallRow> load(std::int64_t number);
    void advance_locked(std::int64_t number, TimePoint now, const Directory& directory);
    std::expected<CallRow, std::string> dispatch_locked(std::int64_t number, const MemberCard& member,
                                                        std::chrono::seconds eta, TimePoint now,
                                                        const std::string& actor);
    void log_locked(std::int64_t number, TimePoint at, const std::string& status, const std::string& actor,
                    const std::string& detail);
    std::expected<CallRow, std::string> transition_locked(std::int64_t number, const std::string& status, TimePoint now,
                                                          const std::string& actor, const std::string& detail);
    // How the hub heard of a call: the kiosk's POST or its queued call event.
    enum class CallSource { request, event };
    std::optional<CallRow> find_locked(const std::string& kiosk_id, const std::string& client_call_id);
    std::expected<std::pair<CallRow, bool>, std::string> create_locked(const std::string& kiosk_id, const NewCall& call,
                                                                       TimePoint now, const CallPolicy& policy,
                                                                       const std::string& initial_status,
                                                                       CallSource source);
    std::shared_ptr<sql::Database> db_;
};

// "call-12" -> 12.
std::optional<std::int64_t> parse_call_id(std::string_view id);

// The GET /api/v1/calls/{id} answer.
nlohmann::json call_json(const CallRow& call, TimePoint now, const CallPolicy& policy);

}  // namespace redgrid::hub
