#include "redgrid/hub/store/hub_records.h"
#include "redgrid/hub/store/database.h"

#include <algorithm>
#include <array>

#include "redgrid/protocol/heartbeat.h"

namespace redgrid::hub {
namespace {

std::int64_t to_ms(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

TimePoint from_ms(std::int64_t ms) {
    return TimePoint(std::chrono::milliseconds(ms));
}

constexpr std::array kEventTypes = {"page_view", "touch", "call", "call_cancel", "rating", "request"};
constexpr const char* kCallColumns =
    "number, kiosk_id, client_call_id, grid_id, category, requested_member, status, member_id, member_name, "
    "member_photo, eta_s, dispatched_ms, escalated_to, created_ms, updated_ms";

CallRow read_call(const sql::Rows& rows, std::size_t r) {
    CallRow row;
    row.number = rows.int64(r, 0);
    row.kiosk_id = rows.text(r, 1);
    row.client_call_id = rows.text(r, 2);
    row.grid_id = rows.text(r, 3);
    row.category = rows.text(r, 4);
    row.requested_member = rows.text(r, 5);
    row.status = rows.text(r, 6);
    if (!rows.text(r, 7).empty()) row.member = MemberCard{rows.text(r, 7), rows.text(r, 8), rows.text(r, 9)};
    row.eta = std::chrono::seconds(rows.int64(r, 10));
    if (!rows.is_null(r, 11)) row.dispatched_at = from_ms(rows.int64(r, 11));
    row.escalated_to = rows.text(r, 12);
    row.created_at = from_ms(rows.int64(r, 13));
    row.updated_at = from_ms(rows.int64(r, 14));
    return row;
}

// Statements that change calls run under this lock, so two hubs cannot move one call at once.
constexpr std::string_view kCallsLock = "calls";

// Runs a change of calls as one transaction under the calls lock; its error, or the
// database's, comes back.
template <typename Change>
auto in_calls_transaction(sql::Database& db, Change&& change) -> decltype(change()) {
    decltype(change()) result = std::unexpected(std::string("calls: not run"));
    const auto done = db.transaction(kCallsLock, [&]() -> sql::Done {
        result = change();
        if (!result) return std::unexpected(result.error());
        return {};
    });
    if (!done && result) return std::unexpected(done.error());
    return result;
}

std::string string_field(const nlohmann::json& object, const char* key) {
    return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>()
                                                                                 : std::string();
}

}  // namespace

bool CallRow::is_final() const {
    return status == "closed" || status == "cancelled" || status == "refused" || status == "expired";
}

std::optional<DispatchMode> dispatch_mode_from_string(std::string_view name) {
    if (name == "answer") return DispatchMode::answer;
    if (name == "refuse") return DispatchMode::refuse;
    if (name == "never") return DispatchMode::never;
    return std::nullopt;
}

std::string_view to_string(DispatchMode mode) {
    switch (mode) {
        case DispatchMode::answer:
            return "answer";
        case DispatchMode::refuse:
            return "refuse";
        case DispatchMode::never:
            return "never";
    }
    return "never";
}

std::expected<void, std::string> read_call_policy(const nlohmann::json& calls, CallPolicy& policy) {
    if (!calls.is_object()) return std::unexpected("calls: must be an object");
    if (calls.contains("dispatch")) {
        const auto mode = calls["dispatch"].is_string()
                              ? dispatch_mode_from_string(calls["dispatch"].get<std::string>())
                              : std::nullopt;
        if (!mode) return std::unexpected("calls.dispatch: must be \"answer\", \"refuse\" or \"never\"");
        policy.mode = *mode;
    }
    const std::array<std::pair<const char*, std::chrono::seconds*>, 5> durations = {{
        {"answer_after_s", &policy.answer_after},
        {"escalate_after_s", &policy.escalate_after},
        {"expire_after_s", &policy.expire_after},
        {"eta_s", &policy.eta},
        {"poll_after_s", &policy.poll_after},
    }};
    for (const auto& [key, target] : durations) {
        if (!calls.contains(key)) continue;
        if (!calls[key].is_number_integer() || calls[key].get<std::int64_t>() < 0 ||
            calls[key].get<std::int64_t>() > 86400)
            return std::unexpected(std::string("calls.") + key + ": must be whole seconds, 0..86400");
        *target = std::chrono::seconds(calls[key].get<std::int64_t>());
    }
    if (policy.poll_after.count() == 0) policy.poll_after = std::chrono::seconds(1);
    return {};
}

std::optional<std::int64_t> parse_call_id(std::string_view id) {
    if (!id.starts_with("call-") || id.size() < 6 || id.size() > 24) return std::nullopt;
    std::int64_t number = 0;
    for (char c : id.substr(5)) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + (c - '0');
    }
    return number;
}

nlohmann::json call_json(const CallRow& call, TimePoint now, const CallPolicy& policy) {
    nlohmann::json json = {
        {"call_id", call.id()},
        {"client_call_id", call.client_call_id},
        {"status", call.status},
        {"final", call.is_final()},
        {"member", nullptr},
        {"eta_s", nullptr},
        {"escalated_to", call.escalated_to.empty() ? nlohmann::json(nullptr) : nlohmann::json(call.escalated_to)},
        {"category", call.category.empty() ? nlohmann::json(nullptr) : nlohmann::json(call.category)},
        {"updated_at", protocol::format_utc(call.updated_at)},
        {"poll_after_s", policy.poll_after.count()}};
    if (call.member)
        json["member"] = {
            {"id", call.member->id},
            {"name", call.member->name},
            {"photo", call.member->photo.empty() ? nlohmann::json(nullptr) : nlohmann::json(call.member->photo)}};
    if (call.status == "dispatched" && call.dispatched_at) {
        const auto left = call.eta - std::chrono::duration_cast<std::chrono::seconds>(now - *call.dispatched_at);
        json["eta_s"] = std::max<std::int64_t>(0, left.count());
    }
    return json;
}

std::expected<std::unique_ptr<HubRecords>, std::string> HubRecords::open(const std::string& where) {
    auto database = sql::Database::open(where);
    if (!database) return std::unexpected(database.error());
    return std::make_unique<HubRecords>(std::move(*database));
}

HubRecords::HubRecords(std::shared_ptr<sql::Database> database) : db_(std::move(database)) {}
HubRecords::~HubRecords() = default;

EventUpload HubRecords::store_events(const std::string& kiosk_id, const nlohmann::json& events, TimePoint now,
                                     const CallPolicy& policy, const Directory& directory) {
    (void)directory;
    // One transaction per upload: a crash stores all of it or none of it. Only an upload
    // that carries a call or a cancel waits for the calls lock; the rest go side by side,
    // the (kiosk, id) key deciding which of two racing copies is stored.
    const bool touches_calls = std::ranges::any_of(events, [](const nlohmann::json& event) {
        const auto type = string_field(event, "type");
        return type == "call" || type == "call_cancel";
    });
    EventUpload upload;
    const auto stored = db_->transaction(touches_calls ? kCallsLock : "", [&]() -> sql::Done {
        upload = {};
        for (const auto& event : events) {
            const auto id = string_field(event, "id");
            const auto type = string_field(event, "type");
            if (id.empty() || id.size() > 64) {
                upload.rejected.emplace_back(id.substr(0, 64), "an event needs an \"id\" of 1..64 characters");
                continue;
            }
            if (std::ranges::find(kEventTypes, type) == kEventTypes.end()) {
                upload.rejected.emplace_back(id, "unknown event type \"" + type.substr(0, 40) + "\"");
                continue;
            }
            const nlohmann::json data =
                event.contains("data") && event["data"].is_object() ? event["data"] : nlohmann::json::object();
            if ((type == "call" || type == "call_cancel") && string_field(data, "client_call_id").empty()) {
                upload.rejected.emplace_back(id, type + " event without data.client_call_id");
                continue;
            }
            auto inserted = db_->run(
                "INSERT INTO events(kiosk_id, id, type, seq, at, data, received_ms) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(kiosk_id, id) DO NOTHING",
                {kiosk_id, id, type,
                 event.contains("seq") && event["seq"].is_number_integer() ? event["seq"].get<std::int64_t>() : 0,
                 string_field(event, "at"), data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 to_ms(now)});
            // A failed insert fails the whole upload: nothing is acknowledged, the kiosk retries.
            if (!inserted) return std::unexpected(inserted.error());
            upload.accepted.push_back(id);
            if (inserted->changed() == 0) continue;  // known already: its effects happened the first time
            ++upload.new_rows;
            const auto client_call_id = string_field(data, "client_call_id");
            if (type == "call") {
                NewCall call{client_call_id, string_field(data, "grid_id"), string_field(data, "category"),
                             string_field(data, "member_id"), string_field(event, "at")};
                if (auto created = create_locked(kiosk_id, call, now, policy, "queued", CallSource::event); !created)
                    return std::unexpected(created.error());
            } else if (type == "call_cancel") {
                // A cancel may overtake the call it cancels (the call's POST never arrived):
                // a cancelled record makes a later POST of that call answer "cancelled".
                auto created = create_locked(kiosk_id, NewCall{client_call_id, {}, {}, {}, string_field(event, "at")},
                                             now, policy, "cancelled", CallSource::event);
                if (!created) return std::unexpected(created.error());
                if (created->second) {
                    log_locked(created->first.number, now, "cancelled", "kiosk", "cancelled before the call arrived");
                } else if (!created->first.is_final()) {
                    if (auto moved = transition_locked(created->first.number, "cancelled", now, "kiosk",
                                                       "cancelled through the event queue");
                        !moved)
                        return std::unexpected(moved.error());
                }
            }
        }
        return {};
    });
    if (!stored) {
        // Nothing of it is kept, and nothing is rejected either (a rejected event is
        // deleted by the kiosk): the whole upload fails, to be sent again.
        upload = {};
        upload.failed = stored.error();
    }
    return upload;
}

std::vector<EventRow> HubRecords::events(const std::string& kiosk_id, const std::string& type, std::size_t limit) {
    auto rows = db_->run(
        "SELECT kiosk_id, id, type, seq, at, data, received_ms FROM events "
        "WHERE (?1 = '' OR kiosk_id = ?1) AND (?2 = '' OR type = ?2) ORDER BY row LIMIT ?3",
        {kiosk_id, type, limit == 0 ? std::numeric_limits<std::int64_t>::max() : std::int64_t(limit)});
    std::vector<EventRow> events;
    if (!rows) return events;
    for (std::size_t r = 0; r < rows->size(); ++r)
        events.push_back({rows->text(r, 0), rows->text(r, 1), rows->text(r, 2), rows->int64(r, 3), rows->text(r, 4),
                          rows->text(r, 5), from_ms(rows->int64(r, 6))});
    return events;
}

std::optional<CallRow> HubRecords::find_locked(const std::string& kiosk_id, const std::string& client_call_id) {
    auto rows =
        db_->run(std::string("SELECT ") + kCallColumns + " FROM calls WHERE kiosk_id = ?1 AND client_call_id = ?2",
                 {kiosk_id, client_call_id});
    if (!rows || rows->empty()) return std::nullopt;
    return read_call(*rows, 0);
}

std::expected<std::pair<CallRow, bool>, std::string> HubRecords::create_locked(const std::string& kiosk_id,
                                                                               const NewCall& call, TimePoint now,
                                                                               const CallPolicy& policy,
                                                                               const std::string& initial_status,
                                                                               CallSource source) {
    // Looked up before inserting: an INSERT that meets the UNIQUE key still takes a number
    // from the sequence, and every retried POST or re-sent event would leave a gap.
    if (auto known = find_locked(kiosk_id, call.client_call_id)) return std::pair{std::move(*known), false};
    auto inserted = db_->run(
        "INSERT INTO calls(kiosk_id, client_call_id, grid_id, category, requested_member, device_at, "
        "status, created_ms, updated_ms, sim_mode, sim_ms, sim_eta_s, escalate_ms, expire_after_s) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT(kiosk_id, client_call_id) DO NOTHING",
        {kiosk_id, call.client_call_id, call.grid_id, call.category, call.member_id, call.device_at, initial_status,
         to_ms(now), std::string(to_string(policy.mode)), to_ms(now + policy.answer_after), policy.eta.count(),
         to_ms(now + policy.escalate_after), policy.expire_after.count()});
    if (!inserted) return std::unexpected("calls: " + inserted.error());
    const bool created = inserted->changed() == 1;
    auto row = find_locked(kiosk_id, call.client_call_id);
    if (!row) return std::unexpected("calls: the new call is not there");
    // The kiosk records a call in its event queue and POSTs it at the same moment, and
    // either may arrive first: which one created the call is noted, not flagged.
    if (created && initial_status == "queued")
        log_locked(row->number, now, "queued", "kiosk",
                   "grid " + call.grid_id + (call.category.empty() ? "" : ", category " + call.category) +
                       ", simulator " + std::string(to_string(policy.mode)) +
                       (source == CallSource::event ? ", from the kiosk's call event (before its request)" : ""));
    return std::pair{std::move(*row), created};
}

std::expected<std::pair<CallRow, bool>, std::string> HubRecords::create_call(const std::string& kiosk_id,
                                                                             const NewCall& call, TimePoint now,
                                                                             const CallPolicy& policy,
                                                                             const Directory& directory) {
    std::expected<std::pair<CallRow, bool>, std::string> created = std::unexpected("calls: not created");
    const auto done = db_->transaction(kCallsLock, [&]() -> sql::Done {
        created = create_locked(kiosk_id, call, now, policy, "queued", CallSource::request);
        if (!created) return std::unexpected(created.error());
        advance_locked(created->first.number, now, directory);
        if (auto row = load(created->first.number)) created->first = *row;
        return {};
    });
    if (!done) return std::unexpected(done.error());
    return created;
}

std::optional<CallRow> HubRecords::load(std::int64_t number) {
    auto rows = db_->run(std::string("SELECT ") + kCallColumns + " FROM calls WHERE number = ?1", {number});
    if (!rows || rows->empty()) return std::nullopt;
    return read_call(*rows, 0);
}

void HubRecords::log_locked(std::int64_t number, TimePoint at, const std::string& status, const std::string& actor,
                            const std::string& detail) {
    (void)db_->run("INSERT INTO call_log(number, at_ms, status, actor, detail) VALUES(?1, ?2, ?3, ?4, ?5)",
                   {number, to_ms(at), status, actor, detail});
}

std::expected<CallRow, std::string> HubRecords::transition_locked(std::int64_t number, const std::string& status,
                                                                  TimePoint now, const std::string& actor,
                                                                  const std::string& detail) {
    auto updated =
        db_->run("UPDATE calls SET status = ?2, updated_ms = ?3 WHERE number = ?1", {number, status, to_ms(now)});
    if (!updated) return std::unexpected("calls: " + updated.error());
    log_locked(number, now, status, actor, detail);
    auto row = load(number);
    if (!row) return std::unexpected("no call call-" + std::to_string(number));
    return *row;
}

// Applies, in time order, whatever became due by `now`: the simulator's answer or
// refusal, the escalation to the duty desk, the expiry. Each happens at its own due
// time, so a call looked at late still has a truthful history.
void HubRecords::advance_locked(std::int64_t number, TimePoint now, const Directory& directory) {
    for (int step = 0; step < 4; ++step) {
        auto rows = db_->run(
            "SELECT status, sim_mode, sim_ms, sim_eta_s, escalate_ms, expire_after_s, expire_ms, "
            "kiosk_id, grid_id, requested_member FROM calls WHERE number = ?1",
            {number});
        if (!rows || rows->empty()) return;
        const auto status = rows->text(0, 0);
        const auto mode = rows->text(0, 1);
        const auto sim_ms = rows->int64(0, 2);
        const auto sim_eta = std::chrono::seconds(rows->int64(0, 3));
        const auto escalate_ms = rows->int64(0, 4);
        const auto expire_after_s = rows->int64(0, 5);
        const bool has_expiry = !rows->is_null(0, 6);
        const auto expire_ms = rows->int64(0, 6);
        const auto kiosk = rows->text(0, 7);
        const auto grid = rows->text(0, 8);
        const auto requested = rows->text(0, 9);
        if (status != "queued" && status != "escalated") return;

        const bool sim_due = (mode == "answer" || mode == "refuse") && sim_ms <= to_ms(now);
        const bool escalate_due = status == "queued" && escalate_ms <= to_ms(now);
        const bool expire_due = status == "escalated" && has_expiry && expire_ms <= to_ms(now);
        std::int64_t due_ms = std::numeric_limits<std::int64_t>::max();
        if (sim_due) due_ms = std::min(due_ms, sim_ms);
        if (escalate_due) due_ms = std::min(due_ms, escalate_ms);
        if (expire_due) due_ms = std::min(due_ms, expire_ms);
        if (due_ms == std::numeric_limits<std::int64_t>::max()) return;
        const auto at = from_ms(due_ms);

        if (sim_due && sim_ms == due_ms) {
            (void)db_->run("UPDATE calls SET sim_mode = 'done' WHERE number = ?1", {number});
            if (mode == "refuse") {
                (void)transition_locked(number, "refused", at, "simulator", "the dispatcher refused the call");
                continue;
            }
            std::optional<MemberCard> member;
            if (!requested.empty() && directory.member) member = directory.member(kiosk, requested);
            if (!member && directory.on_duty) member = directory.on_duty(kiosk, grid);
            if (member) {
                (void)dispatch_locked(number, *member, sim_eta, at, "simulator");
            } else {
                log_locked(number, at, status, "simulator", "nobody on duty in grid " + grid);
            }
        } else if (escalate_due && escalate_ms == due_ms) {
            const auto desk = directory.duty_desk ? directory.duty_desk(kiosk, grid) : std::string("社区值班室");
            (void)db_->run("UPDATE calls SET escalated_to = ?2, expire_ms = ?3 WHERE number = ?1",
                           {number, desk, due_ms + expire_after_s * 1000});
            (void)transition_locked(number, "escalated", at, "hub", "no member took the call; passed to " + desk);
        } else {
            (void)transition_locked(number, "expired", at, "hub", "the duty desk did not take the call either");
        }
    }
}

std::expected<CallRow, std::string> HubRecords::dispatch_locked(std::int64_t number, const MemberCard& member,
                                                                std::chrono::seconds eta, TimePoint now,
                                                                const std::string& actor) {
    auto updated = db_->run(
        "UPDATE calls SET member_id = ?2, member_name = ?3, member_photo = ?4, eta_s = ?5, "
        "dispatched_ms = ?6, sim_mode = 'done' WHERE number = ?1",
        {number, member.id, member.name, member.photo, eta.count(), to_ms(now)});
    if (!updated) return std::unexpected("calls: " + updated.error());
    return transition_locked(number, "dispatched", now, actor,
                             member.id + " " + member.name + ", ETA " + std::to_string(eta.count()) + " s");
}

std::optional<CallRow> HubRecords::call(std::int64_t number, TimePoint now, const Directory& directory) {
    std::optional<CallRow> row;
    (void)db_->transaction(kCallsLock, [&]() -> sql::Done {
        advance_locked(number, now, directory);
        row = load(number);
        return {};
    });
    return row;
}

std::optional<CallRow> HubRecords::call_by_client_id(const std::string& kiosk_id, const std::string& client_call_id) {
    return find_locked(kiosk_id, client_call_id);
}

void HubRecords::advance_all(TimePoint now, const Directory& directory) {
    auto open = db_->run("SELECT number FROM calls WHERE status IN ('queued', 'escalated') ORDER BY number");
    if (!open) return;
    // One transaction per call: a hub that ticks a thousand open calls does not hold the
    // lock against the kiosks' requests for all of them.
    for (std::size_t r = 0; r < open->size(); ++r)
        (void)db_->transaction(kCallsLock, [&]() -> sql::Done {
            advance_locked(open->int64(r, 0), now, directory);
            return {};
        });
}

std::vector<CallRow> HubRecords::calls(TimePoint now, const Directory& directory, const std::string& kiosk_id) {
    advance_all(now, directory);
    auto rows =
        db_->run(std::string("SELECT ") + kCallColumns + " FROM calls WHERE (?1 = '' OR kiosk_id = ?1) ORDER BY number",
                 {kiosk_id});
    std::vector<CallRow> calls;
    if (!rows) return calls;
    for (std::size_t r = 0; r < rows->size(); ++r) calls.push_back(read_call(*rows, r));
    return calls;
}

std::vector<CallLogRow> HubRecords::call_log(std::int64_t number) {
    auto rows = db_->run("SELECT at_ms, status, actor, detail FROM call_log WHERE number = ?1 ORDER BY id", {number});
    std::vector<CallLogRow> log;
    if (!rows) return log;
    for (std::size_t r = 0; r < rows->size(); ++r)
        log.push_back({from_ms(rows->int64(r, 0)), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3)});
    return log;
}

std::expected<CallRow, std::string> HubRecords::dispatch(std::int64_t number, const MemberCard& member,
                                                         std::chrono::seconds eta, TimePoint now,
                                                         const std::string& actor) {
    return in_calls_transaction(*db_, [&]() -> std::expected<CallRow, std::string> {
        const auto row = load(number);
        if (!row) return std::unexpected("no call call-" + std::to_string(number));
        if (row->is_final() || row->status == "arrived")
            return std::unexpected(row->id() + " is " + row->status + ": it cannot be dispatched");
        return dispatch_locked(number, member, eta, now, actor);
    });
}

std::expected<CallRow, std::string> HubRecords::set_status(std::int64_t number, const std::string& status,
                                                           TimePoint now, const std::string& actor,
                                                           const std::string& detail) {
    return in_calls_transaction(*db_, [&]() -> std::expected<CallRow, std::string> {
        const auto row = load(number);
        if (!row) return std::unexpected("no call call-" + std::to_string(number));
        if (row->is_final()) return std::unexpected(row->id() + " is already " + row->status);
        if (status == "arrived" && row->status != "dispatched")
            return std::unexpected(row->id() + " is " + row->status + ": only a dispatched call can arrive");
        if (status == "refused" && row->status != "queued" && row->status != "escalated")
            return std::unexpected(row->id() + " is " + row->status + ": only a waiting call can be refused");
        if (status != "arrived" && status != "closed" && status != "refused")
            return std::unexpected("a call cannot be set to \"" + status + "\"");
        return transition_locked(number, status, now, actor, detail);
    });
}

std::expected<CallRow, std::string> HubRecords::cancel(std::int64_t number, TimePoint now, const std::string& actor) {
    return in_calls_transaction(*db_, [&]() -> std::expected<CallRow, std::string> {
        const auto row = load(number);
        if (!row) return std::unexpected("no call call-" + std::to_string(number));
        if (row->is_final()) return *row;  // cancelling twice, or after the end, changes nothing
        return transition_locked(number, "cancelled", now, actor, "the resident cancelled");
    });
}

}  // namespace redgrid::hub
