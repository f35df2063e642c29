#include "redgrid/hub/store/hub_records.h"
#include "redgrid/hub/store/sqlite_statement.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>

#include "redgrid/protocol/heartbeat.h"

namespace redgrid::hub {
namespace {

using sql::Statement;

std::int64_t to_ms(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

TimePoint from_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS events(
  row INTEGER PRIMARY KEY AUTOINCREMENT,
  kiosk_id TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0,
  at TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',
  received_ms INTEGER NOT NULL,
  UNIQUE(kiosk_id, id));
CREATE TABLE IF NOT EXISTS calls(
  number INTEGER PRIMARY KEY AUTOINCREMENT,
  kiosk_id TEXT NOT NULL,
  client_call_id TEXT NOT NULL,
  grid_id TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  requested_member TEXT NOT NULL DEFAULT '',
  device_at TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  member_id TEXT NOT NULL DEFAULT '',
  member_name TEXT NOT NULL DEFAULT '',
  member_photo TEXT NOT NULL DEFAULT '',
  eta_s INTEGER NOT NULL DEFAULT 0,
  dispatched_ms INTEGER,
  escalated_to TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  sim_mode TEXT NOT NULL,
  sim_ms INTEGER NOT NULL,
  sim_eta_s INTEGER NOT NULL,
  escalate_ms INTEGER NOT NULL,
  expire_after_s INTEGER NOT NULL,
  expire_ms INTEGER,
  UNIQUE(kiosk_id, client_call_id));
CREATE TABLE IF NOT EXISTS call_log(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  actor TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS call_log_by_call ON call_log(number, id);
)sql";

constexpr std::array kEventTypes = {"page_view", "touch", "call", "call_cancel", "rating", "request"};
constexpr const char* kCallColumns =
    "number, kiosk_id, client_call_id, grid_id, category, requested_member, status, member_id, member_name, "
    "member_photo, eta_s, dispatched_ms, escalated_to, created_ms, updated_ms";

CallRow read_call(const Statement& s) {
    CallRow row;
    row.number = s.int64(0);
    row.kiosk_id = s.text(1);
    row.client_call_id = s.text(2);
    row.grid_id = s.text(3);
    row.category = s.text(4);
    row.requested_member = s.text(5);
    row.status = s.text(6);
    if (!s.text(7).empty()) row.member = MemberCard{s.text(7), s.text(8), s.text(9)};
    row.eta = std::chrono::seconds(s.int64(10));
    if (!s.is_null(11)) row.dispatched_at = from_ms(s.int64(11));
    row.escalated_to = s.text(12);
    row.created_at = from_ms(s.int64(13));
    row.updated_at = from_ms(s.int64(14));
    return row;
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
        case DispatchMode::answer: return "answer";
        case DispatchMode::refuse: return "refuse";
        case DispatchMode::never: return "never";
    }
    return "never";
}

std::expected<void, std::string> read_call_policy(const nlohmann::json& calls, CallPolicy& policy) {
    if (!calls.is_object()) return std::unexpected("calls: must be an object");
    if (calls.contains("dispatch")) {
        const auto mode = calls["dispatch"].is_string() ? dispatch_mode_from_string(calls["dispatch"].get<std::string>())
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
        if (!calls[key].is_number_integer() || calls[key].get<std::int64_t>() < 0 || calls[key].get<std::int64_t>() > 86400)
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
    nlohmann::json json = {{"call_id", call.id()},
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
        json["member"] = {{"id", call.member->id},
                          {"name", call.member->name},
                          {"photo", call.member->photo.empty() ? nlohmann::json(nullptr) : nlohmann::json(call.member->photo)}};
    if (call.status == "dispatched" && call.dispatched_at) {
        const auto left = call.eta - std::chrono::duration_cast<std::chrono::seconds>(now - *call.dispatched_at);
        json["eta_s"] = std::max<std::int64_t>(0, left.count());
    }
    return json;
}

std::expected<std::unique_ptr<HubRecords>, std::string> HubRecords::open(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string message = "cannot open " + file.string() + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return std::unexpected(message);
    }
    std::unique_ptr<HubRecords> records(new HubRecords(db));
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    if (sqlite3_exec(db, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = file.string() + ": " + (error ? error : "sqlite error");
        sqlite3_free(error);
        return std::unexpected(message);
    }
    return records;
}

HubRecords::HubRecords(sqlite3* db) : db_(db) {}
HubRecords::~HubRecords() { sqlite3_close(db_); }

EventUpload HubRecords::store_events(const std::string& kiosk_id, const nlohmann::json& events, TimePoint now,
                                     const CallPolicy& policy, const Directory& directory) {
    EventUpload upload;
    std::lock_guard lock(mutex_);
    // One transaction per upload: one fsync, and a crash stores all of it or none of it.
    sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    Statement insert(db_,
                     "INSERT INTO events(kiosk_id, id, type, seq, at, data, received_ms) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(kiosk_id, id) DO NOTHING");
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
        const nlohmann::json data = event.contains("data") && event["data"].is_object() ? event["data"]
                                                                                         : nlohmann::json::object();
        if ((type == "call" || type == "call_cancel") && string_field(data, "client_call_id").empty()) {
            upload.rejected.emplace_back(id, type + " event without data.client_call_id");
            continue;
        }
        insert.reset();
        insert.bind(1, kiosk_id);
        insert.bind(2, id);
        insert.bind(3, type);
        insert.bind(4,
                    event.contains("seq") && event["seq"].is_number_integer() ? event["seq"].get<std::int64_t>() : 0);
        insert.bind(5, string_field(event, "at"));
        insert.bind(6, data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        insert.bind(7, to_ms(now));
        if (insert.step() != SQLITE_DONE) continue;  // not stored: not accepted, the kiosk retries
        upload.accepted.push_back(id);
        if (sqlite3_changes(db_) == 0) continue;  // known already: its effects happened the first time
        ++upload.new_rows;
        const auto client_call_id = string_field(data, "client_call_id");
        if (type == "call") {
            NewCall call{client_call_id, string_field(data, "grid_id"), string_field(data, "category"),
                         string_field(data, "member_id"), string_field(event, "at")};
            (void)create_locked(kiosk_id, call, now, policy, "queued", CallSource::event);
        } else if (type == "call_cancel") {
            // A cancel may overtake the call it cancels (the call's POST never arrived):
            // a cancelled record makes a later POST of that call answer "cancelled".
            auto created = create_locked(kiosk_id, NewCall{client_call_id, {}, {}, {}, string_field(event, "at")}, now,
                                         policy, "cancelled", CallSource::event);
            if (created && created->second) {
                log_locked(created->first.number, now, "cancelled", "kiosk", "cancelled before the call arrived");
            } else if (created && !created->first.is_final()) {
                transition_locked(created->first.number, "cancelled", now, "kiosk", "cancelled through the event queue");
            }
        }
    }
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    (void)directory;
    return upload;
}

std::vector<EventRow> HubRecords::events(const std::string& kiosk_id, const std::string& type, std::size_t limit) {
    std::lock_guard lock(mutex_);
    Statement statement(db_,
                        "SELECT kiosk_id, id, type, seq, at, data, received_ms FROM events "
                        "WHERE (?1 = '' OR kiosk_id = ?1) AND (?2 = '' OR type = ?2) ORDER BY row LIMIT ?3");
    statement.bind(1, kiosk_id);
    statement.bind(2, type);
    statement.bind(3, limit == 0 ? -1 : std::int64_t(limit));
    std::vector<EventRow> rows;
    while (statement.step() == SQLITE_ROW)
        rows.push_back({statement.text(0), statement.text(1), statement.text(2), statement.int64(3), statement.text(4),
                        statement.text(5), from_ms(statement.int64(6))});
    return rows;
}

std::optional<CallRow> HubRecords::find_locked(const std::string& kiosk_id, const std::string& client_call_id) {
    Statement select(
        db_,
        (std::string("SELECT ") + kCallColumns + " FROM calls WHERE kiosk_id = ?1 AND client_call_id = ?2").c_str());
    select.bind(1, kiosk_id);
    select.bind(2, client_call_id);
    if (select.step() != SQLITE_ROW) return std::nullopt;
    return read_call(select);
}

std::expected<std::pair<CallRow, bool>, std::string> HubRecords::create_locked(const std::string& kiosk_id,
                                                                               const NewCall& call, TimePoint now,
                                                                               const CallPolicy& policy,
                                                                               const std::string& initial_status,
                                                                               CallSource source) {
    // Looked up before inserting: an INSERT that meets the UNIQUE key still takes a number
    // from AUTOINCREMENT, and every retried POST or re-sent event would leave a gap.
    if (auto known = find_locked(kiosk_id, call.client_call_id)) return std::pair{std::move(*known), false};
    Statement insert(db_,
                     "INSERT INTO calls(kiosk_id, client_call_id, grid_id, category, requested_member, device_at, "
                     "status, created_ms, updated_ms, sim_mode, sim_ms, sim_eta_s, escalate_ms, expire_after_s) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, ?13) "
                     "ON CONFLICT(kiosk_id, client_call_id) DO NOTHING");
    insert.bind(1, kiosk_id);
    insert.bind(2, call.client_call_id);
    insert.bind(3, call.grid_id);
    insert.bind(4, call.category);
    insert.bind(5, call.member_id);
    insert.bind(6, call.device_at);
    insert.bind(7, initial_status);
    insert.bind(8, to_ms(now));
    insert.bind(9, std::string(to_string(policy.mode)));
    insert.bind(10, to_ms(now + policy.answer_after));
    insert.bind(11, policy.eta.count());
    insert.bind(12, to_ms(now + policy.escalate_after));
    insert.bind(13, policy.expire_after.count());
    if (auto done = insert.run(); !done) return std::unexpected("calls: " + done.error());
    const bool created = sqlite3_changes(db_) == 1;
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
    std::lock_guard lock(mutex_);
    auto created = create_locked(kiosk_id, call, now, policy, "queued", CallSource::request);
    if (!created) return created;
    advance_locked(created->first.number, now, directory);
    if (auto row = load(created->first.number)) created->first = *row;
    return created;
}

std::optional<CallRow> HubRecords::load(std::int64_t number) {
    Statement select(db_, (std::string("SELECT ") + kCallColumns + " FROM calls WHERE number = ?1").c_str());
    select.bind(1, number);
    if (select.step() != SQLITE_ROW) return std::nullopt;
    return read_call(select);
}

void HubRecords::log_locked(std::int64_t number, TimePoint at, const std::string& status, const std::string& actor,
                            const std::string& detail) {
    Statement insert(db_, "INSERT INTO call_log(number, at_ms, status, actor, detail) VALUES(?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, number);
    insert.bind(2, to_ms(at));
    insert.bind(3, status);
    insert.bind(4, actor);
    insert.bind(5, detail);
    insert.run_or_log();
}

std::expected<CallRow, std::string> HubRecords::transition_locked(std::int64_t number, const std::string& status,
                                                                  TimePoint now, const std::string& actor,
                                                                  const std::string& detail) {
    Statement update(db_, "UPDATE calls SET status = ?2, updated_ms = ?3 WHERE number = ?1");
    update.bind(1, number);
    update.bind(2, status);
    update.bind(3, to_ms(now));
    if (auto done = update.run(); !done) return std::unexpected("calls: " + done.error());
    log_locked(number, now, status, actor, detail);
    return *load(number);
}

// Applies, in time order, whatever became due by `now`: the simulator's answer or
// refusal, the escalation to the duty desk, the expiry. Each happens at its own due
// time, so a call looked at late still has a truthful history.
void HubRecords::advance_locked(std::int64_t number, TimePoint now, const Directory& directory) {
    for (int step = 0; step < 4; ++step) {
        Statement select(db_,
                         "SELECT status, sim_mode, sim_ms, sim_eta_s, escalate_ms, expire_after_s, expire_ms, "
                         "kiosk_id, grid_id, requested_member FROM calls WHERE number = ?1");
        select.bind(1, number);
        if (select.step() != SQLITE_ROW) return;
        const auto status = select.text(0);
        const auto mode = select.text(1);
        const auto sim_ms = select.int64(2);
        const auto sim_eta = std::chrono::seconds(select.int64(3));
        const auto escalate_ms = select.int64(4);
        const auto expire_after_s = select.int64(5);
        const bool has_expiry = !select.is_null(6);
        const auto expire_ms = select.int64(6);
        const auto kiosk = select.text(7);
        const auto grid = select.text(8);
        const auto requested = select.text(9);
        if (status != "queued" && status != "escalated") return;

        const bool sim_due = (mode == "answer" || mode == "refuse") && sim_ms <= to_ms(now);
        const bool escalate_due = status == "queued" && escalate_ms <= to_ms(now);
        const bool expire_due = status == "escalated" && has_expiry && expire_ms <= to_ms(now);
        long long due_ms = INT64_MAX;
        if (sim_due) due_ms = std::min<long long>(due_ms, sim_ms);
        if (escalate_due) due_ms = std::min<long long>(due_ms, escalate_ms);
        if (expire_due) due_ms = std::min<long long>(due_ms, expire_ms);
        if (due_ms == INT64_MAX) return;
        const auto at = from_ms(due_ms);

        if (sim_due && sim_ms == due_ms) {
            Statement done(db_, "UPDATE calls SET sim_mode = 'done' WHERE number = ?1");
            done.bind(1, number);
            done.run_or_log();
            if (mode == "refuse") {
                transition_locked(number, "refused", at, "simulator", "the dispatcher refused the call");
                continue;
            }
            std::optional<MemberCard> member;
            if (!requested.empty() && directory.member) member = directory.member(kiosk, requested);
            if (!member && directory.on_duty) member = directory.on_duty(kiosk, grid);
            if (member) {
                dispatch_locked(number, *member, sim_eta, at, "simulator");
            } else {
                log_locked(number, at, status, "simulator", "nobody on duty in grid " + grid);
            }
        } else if (escalate_due && escalate_ms == due_ms) {
            const auto desk = directory.duty_desk ? directory.duty_desk(kiosk, grid) : std::string("社区值班室");
            Statement update(db_, "UPDATE calls SET escalated_to = ?2, expire_ms = ?3 WHERE number = ?1");
            update.bind(1, number);
            update.bind(2, desk);
            update.bind(3, due_ms + expire_after_s * 1000);
            update.run_or_log();
            transition_locked(number, "escalated", at, "hub", "no member took the call; passed to " + desk);
        } else {
            transition_locked(number, "expired", at, "hub", "the duty desk did not take the call either");
        }
    }
}

std::expected<CallRow, std::string> HubRecords::dispatch_locked(std::int64_t number, const MemberCard& member,
                                                             std::chrono::seconds eta, TimePoint now,
                                                             const std::string& actor) {
    Statement update(db_,
                     "UPDATE calls SET member_id = ?2, member_name = ?3, member_photo = ?4, eta_s = ?5, "
                     "dispatched_ms = ?6, sim_mode = 'done' WHERE number = ?1");
    update.bind(1, number);
    update.bind(2, member.id);
    update.bind(3, member.name);
    update.bind(4, member.photo);
    update.bind(5, eta.count());
    update.bind(6, to_ms(now));
    if (auto done = update.run(); !done) return std::unexpected("calls: " + done.error());
    return transition_locked(number, "dispatched", now, actor,
                             member.id + " " + member.name + ", ETA " + std::to_string(eta.count()) + " s");
}

std::optional<CallRow> HubRecords::call(std::int64_t number, TimePoint now, const Directory& directory) {
    std::lock_guard lock(mutex_);
    advance_locked(number, now, directory);
    return load(number);
}

std::optional<CallRow> HubRecords::call_by_client_id(const std::string& kiosk_id, const std::string& client_call_id) {
    std::lock_guard lock(mutex_);
    return find_locked(kiosk_id, client_call_id);
}

void HubRecords::advance_all(TimePoint now, const Directory& directory) {
    std::lock_guard lock(mutex_);
    std::vector<std::int64_t> open;
    Statement select(db_, "SELECT number FROM calls WHERE status IN ('queued', 'escalated')");
    while (select.step() == SQLITE_ROW) open.push_back(select.int64(0));
    for (auto number : open) advance_locked(number, now, directory);
}

std::vector<CallRow> HubRecords::calls(TimePoint now, const Directory& directory, const std::string& kiosk_id) {
    advance_all(now, directory);
    std::lock_guard lock(mutex_);
    Statement select(
        db_, (std::string("SELECT ") + kCallColumns + " FROM calls WHERE (?1 = '' OR kiosk_id = ?1) ORDER BY number")
                 .c_str());
    select.bind(1, kiosk_id);
    std::vector<CallRow> rows;
    while (select.step() == SQLITE_ROW) rows.push_back(read_call(select));
    return rows;
}

std::vector<CallLogRow> HubRecords::call_log(std::int64_t number) {
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT at_ms, status, actor, detail FROM call_log WHERE number = ?1 ORDER BY id");
    select.bind(1, number);
    std::vector<CallLogRow> rows;
    while (select.step() == SQLITE_ROW)
        rows.push_back({from_ms(select.int64(0)), select.text(1), select.text(2), select.text(3)});
    return rows;
}

std::expected<CallRow, std::string> HubRecords::dispatch(std::int64_t number, const MemberCard& member,
                                                         std::chrono::seconds eta, TimePoint now,
                                                         const std::string& actor) {
    std::lock_guard lock(mutex_);
    const auto row = load(number);
    if (!row) return std::unexpected("no call call-" + std::to_string(number));
    if (row->is_final() || row->status == "arrived")
        return std::unexpected(row->id() + " is " + row->status + ": it cannot be dispatched");
    return dispatch_locked(number, member, eta, now, actor);
}

std::expected<CallRow, std::string> HubRecords::set_status(std::int64_t number, const std::string& status,
                                                           TimePoint now, const std::string& actor,
                                                           const std::string& detail) {
    std::lock_guard lock(mutex_);
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
}

std::expected<CallRow, std::string> HubRecords::cancel(std::int64_t number, TimePoint now, const std::string& actor) {
    std::lock_guard lock(mutex_);
    const auto row = load(number);
    if (!row) return std::unexpected("no call call-" + std::to_string(number));
    if (row->is_final()) return *row;  // cancelling twice, or after the end, changes nothing
    return transition_locked(number, "cancelled", now, actor, "the resident cancelled");
}

}  // namespace redgrid::hub
