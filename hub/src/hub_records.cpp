#include "redgrid/hub/hub_records.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>

#include "redgrid/net/heartbeat.h"

namespace redgrid::hub {
namespace {

struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    return Statement(statement);
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* statement, int index) {
    const auto* text = sqlite3_column_text(statement, index);
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

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

CallRow read_call(sqlite3_stmt* s) {
    CallRow row;
    row.number = sqlite3_column_int64(s, 0);
    row.kiosk_id = column_text(s, 1);
    row.client_call_id = column_text(s, 2);
    row.grid_id = column_text(s, 3);
    row.category = column_text(s, 4);
    row.requested_member = column_text(s, 5);
    row.status = column_text(s, 6);
    if (!column_text(s, 7).empty()) row.member = MemberCard{column_text(s, 7), column_text(s, 8), column_text(s, 9)};
    row.eta = std::chrono::seconds(sqlite3_column_int64(s, 10));
    if (sqlite3_column_type(s, 11) != SQLITE_NULL) row.dispatched_at = from_ms(sqlite3_column_int64(s, 11));
    row.escalated_to = column_text(s, 12);
    row.created_at = from_ms(sqlite3_column_int64(s, 13));
    row.updated_at = from_ms(sqlite3_column_int64(s, 14));
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
                           {"updated_at", net::format_utc(call.updated_at)},
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
    auto insert = prepare(db_,
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
        sqlite3_reset(insert.get());
        bind_text(insert.get(), 1, kiosk_id);
        bind_text(insert.get(), 2, id);
        bind_text(insert.get(), 3, type);
        sqlite3_bind_int64(insert.get(), 4, event.contains("seq") && event["seq"].is_number_integer()
                                                ? event["seq"].get<std::int64_t>()
                                                : 0);
        bind_text(insert.get(), 5, string_field(event, "at"));
        bind_text(insert.get(), 6, data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        sqlite3_bind_int64(insert.get(), 7, to_ms(now));
        if (sqlite3_step(insert.get()) != SQLITE_DONE) continue;  // not stored: not accepted, the kiosk retries
        upload.accepted.push_back(id);
        if (sqlite3_changes(db_) == 0) continue;  // known already: its effects happened the first time
        ++upload.new_rows;
        const auto client_call_id = string_field(data, "client_call_id");
        if (type == "call") {
            NewCall call{client_call_id, string_field(data, "grid_id"), string_field(data, "category"),
                         string_field(data, "member_id"), string_field(event, "at")};
            if (auto created = create_locked(kiosk_id, call, now, policy, "queued"); created && created->second)
                log_locked(created->first.number, now, "queued", "kiosk", "reported late through the event queue");
        } else if (type == "call_cancel") {
            // A cancel may overtake the call it cancels (the call's POST never arrived):
            // a cancelled record makes a later POST of that call answer "cancelled".
            auto created = create_locked(kiosk_id, NewCall{client_call_id, {}, {}, {}, string_field(event, "at")}, now,
                                         policy, "cancelled");
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
    auto statement = prepare(db_,
                             "SELECT kiosk_id, id, type, seq, at, data, received_ms FROM events "
                             "WHERE (?1 = '' OR kiosk_id = ?1) AND (?2 = '' OR type = ?2) ORDER BY row LIMIT ?3");
    bind_text(statement.get(), 1, kiosk_id);
    bind_text(statement.get(), 2, type);
    sqlite3_bind_int64(statement.get(), 3, limit == 0 ? -1 : std::int64_t(limit));
    std::vector<EventRow> rows;
    while (sqlite3_step(statement.get()) == SQLITE_ROW)
        rows.push_back({column_text(statement.get(), 0), column_text(statement.get(), 1), column_text(statement.get(), 2),
                        sqlite3_column_int64(statement.get(), 3), column_text(statement.get(), 4),
                        column_text(statement.get(), 5), from_ms(sqlite3_column_int64(statement.get(), 6))});
    return rows;
}

std::expected<std::pair<CallRow, bool>, std::string> HubRecords::create_locked(const std::string& kiosk_id,
                                                                               const NewCall& call, TimePoint now,
                                                                               const CallPolicy& policy,
                                                                               const std::string& initial_status) {
    auto insert = prepare(db_,
                          "INSERT INTO calls(kiosk_id, client_call_id, grid_id, category, requested_member, device_at, "
                          "status, created_ms, updated_ms, sim_mode, sim_ms, sim_eta_s, escalate_ms, expire_after_s) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, ?13) "
                          "ON CONFLICT(kiosk_id, client_call_id) DO NOTHING");
    bind_text(insert.get(), 1, kiosk_id);
    bind_text(insert.get(), 2, call.client_call_id);
    bind_text(insert.get(), 3, call.grid_id);
    bind_text(insert.get(), 4, call.category);
    bind_text(insert.get(), 5, call.member_id);
    bind_text(insert.get(), 6, call.device_at);
    bind_text(insert.get(), 7, initial_status);
    sqlite3_bind_int64(insert.get(), 8, to_ms(now));
    bind_text(insert.get(), 9, std::string(to_string(policy.mode)));
    sqlite3_bind_int64(insert.get(), 10, to_ms(now + policy.answer_after));
    sqlite3_bind_int64(insert.get(), 11, policy.eta.count());
    sqlite3_bind_int64(insert.get(), 12, to_ms(now + policy.escalate_after));
    sqlite3_bind_int64(insert.get(), 13, policy.expire_after.count());
    if (sqlite3_step(insert.get()) != SQLITE_DONE) return std::unexpected(std::string("calls: ") + sqlite3_errmsg(db_));
    const bool created = sqlite3_changes(db_) == 1;
    auto select = prepare(db_, (std::string("SELECT ") + kCallColumns +
                                " FROM calls WHERE kiosk_id = ?1 AND client_call_id = ?2").c_str());
    bind_text(select.get(), 1, kiosk_id);
    bind_text(select.get(), 2, call.client_call_id);
    if (sqlite3_step(select.get()) != SQLITE_ROW) return std::unexpected("calls: the new call is not there");
    auto row = read_call(select.get());
    if (created && initial_status == "queued")
        log_locked(row.number, now, "queued", "kiosk",
                   "grid " + call.grid_id + (call.category.empty() ? "" : ", category " + call.category) +
                       ", simulator " + std::string(to_string(policy.mode)));
    return std::pair{std::move(row), created};
}

std::expected<std::pair<CallRow, bool>, std::string> HubRecords::create_call(const std::string& kiosk_id,
                                                                             const NewCall& call, TimePoint now,
                                                                             const CallPolicy& policy,
                                                                             const Directory& directory) {
    std::lock_guard lock(mutex_);
    auto created = create_locked(kiosk_id, call, now, policy, "queued");
    if (!created) return created;
    advance_locked(created->first.number, now, directory);
    if (auto row = load(created->first.number)) created->first = *row;
    return created;
}

std::optional<CallRow> HubRecords::load(std::int64_t number) {
    auto select = prepare(db_, (std::string("SELECT ") + kCallColumns + " FROM calls WHERE number = ?1").c_str());
    sqlite3_bind_int64(select.get(), 1, number);
    if (sqlite3_step(select.get()) != SQLITE_ROW) return std::nullopt;
    return read_call(select.get());
}

void HubRecords::log_locked(std::int64_t number, TimePoint at, const std::string& status, const std::string& actor,
                            const std::string& detail) {
    auto insert = prepare(db_, "INSERT INTO call_log(number, at_ms, status, actor, detail) VALUES(?1, ?2, ?3, ?4, ?5)");
    sqlite3_bind_int64(insert.get(), 1, number);
    sqlite3_bind_int64(insert.get(), 2, to_ms(at));
    bind_text(insert.get(), 3, status);
    bind_text(insert.get(), 4, actor);
    bind_text(insert.get(), 5, detail);
    sqlite3_step(insert.get());
}

std::expected<CallRow, std::string> HubRecords::transition_locked(std::int64_t number, const std::string& status,
                                                                  TimePoint now, const std::string& actor,
                                                                  const std::string& detail) {
    auto update = prepare(db_, "UPDATE calls SET status = ?2, updated_ms = ?3 WHERE number = ?1");
    sqlite3_bind_int64(update.get(), 1, number);
    bind_text(update.get(), 2, status);
    sqlite3_bind_int64(update.get(), 3, to_ms(now));
    if (sqlite3_step(update.get()) != SQLITE_DONE) return std::unexpected(std::string("calls: ") + sqlite3_errmsg(db_));
    log_locked(number, now, status, actor, detail);
    return *load(number);
}

// Applies, in time order, whatever became due by `now`: the simulator's answer or
// refusal, the escalation to the duty desk, the expiry. Each happens at its own due
// time, so a call looked at late still has a truthful history.
void HubRecords::advance_locked(std::int64_t number, TimePoint now, const Directory& directory) {
    for (int step = 0; step < 4; ++step) {
        auto select = prepare(db_,
                              "SELECT status, sim_mode, sim_ms, sim_eta_s, escalate_ms, expire_after_s, expire_ms, "
                              "kiosk_id, grid_id, requested_member FROM calls WHERE number = ?1");
        sqlite3_bind_int64(select.get(), 1, number);
        if (sqlite3_step(select.get()) != SQLITE_ROW) return;
        const auto status = column_text(select.get(), 0);
        const auto mode = column_text(select.get(), 1);
        const auto sim_ms = sqlite3_column_int64(select.get(), 2);
        const auto sim_eta = std::chrono::seconds(sqlite3_column_int64(select.get(), 3));
        const auto escalate_ms = sqlite3_column_int64(select.get(), 4);
        const auto expire_after_s = sqlite3_column_int64(select.get(), 5);
        const bool has_expiry = sqlite3_column_type(select.get(), 6) != SQLITE_NULL;
        const auto expire_ms = sqlite3_column_int64(select.get(), 6);
        const auto kiosk = column_text(select.get(), 7);
        const auto grid = column_text(select.get(), 8);
        const auto requested = column_text(select.get(), 9);
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
            auto done = prepare(db_, "UPDATE calls SET sim_mode = 'done' WHERE number = ?1");
            sqlite3_bind_int64(done.get(), 1, number);
            sqlite3_step(done.get());
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
            auto update = prepare(db_, "UPDATE calls SET escalated_to = ?2, expire_ms = ?3 WHERE number = ?1");
            sqlite3_bind_int64(update.get(), 1, number);
            bind_text(update.get(), 2, desk);
            sqlite3_bind_int64(update.get(), 3, due_ms + expire_after_s * 1000);
            sqlite3_step(update.get());
            transition_locked(number, "escalated", at, "hub", "no member took the call; passed to " + desk);
        } else {
            transition_locked(number, "expired", at, "hub", "the duty desk did not take the call either");
        }
    }
}

std::expected<CallRow, std::string> HubRecords::dispatch_locked(std::int64_t number, const MemberCard& member,
                                                             std::chrono::seconds eta, TimePoint now,
                                                             const std::string& actor) {
    auto update = prepare(db_,
                          "UPDATE calls SET member_id = ?2, member_name = ?3, member_photo = ?4, eta_s = ?5, "
                          "dispatched_ms = ?6, sim_mode = 'done' WHERE number = ?1");
    sqlite3_bind_int64(update.get(), 1, number);
    bind_text(update.get(), 2, member.id);
    bind_text(update.get(), 3, member.name);
    bind_text(update.get(), 4, member.photo);
    sqlite3_bind_int64(update.get(), 5, eta.count());
    sqlite3_bind_int64(update.get(), 6, to_ms(now));
    if (sqlite3_step(update.get()) != SQLITE_DONE) return std::unexpected(std::string("calls: ") + sqlite3_errmsg(db_));
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
    auto select = prepare(db_, (std::string("SELECT ") + kCallColumns +
                                " FROM calls WHERE kiosk_id = ?1 AND client_call_id = ?2").c_str());
    bind_text(select.get(), 1, kiosk_id);
    bind_text(select.get(), 2, client_call_id);
    if (sqlite3_step(select.get()) != SQLITE_ROW) return std::nullopt;
    return read_call(select.get());
}

void HubRecords::advance_all(TimePoint now, const Directory& directory) {
    std::lock_guard lock(mutex_);
    std::vector<std::int64_t> open;
    auto select = prepare(db_, "SELECT number FROM calls WHERE status IN ('queued', 'escalated')");
    while (sqlite3_step(select.get()) == SQLITE_ROW) open.push_back(sqlite3_column_int64(select.get(), 0));
    for (auto number : open) advance_locked(number, now, directory);
}

std::vector<CallRow> HubRecords::calls(TimePoint now, const Directory& directory, const std::string& kiosk_id) {
    advance_all(now, directory);
    std::lock_guard lock(mutex_);
    auto select = prepare(db_, (std::string("SELECT ") + kCallColumns +
                                " FROM calls WHERE (?1 = '' OR kiosk_id = ?1) ORDER BY number").c_str());
    bind_text(select.get(), 1, kiosk_id);
    std::vector<CallRow> rows;
    while (sqlite3_step(select.get()) == SQLITE_ROW) rows.push_back(read_call(select.get()));
    return rows;
}

std::vector<CallLogRow> HubRecords::call_log(std::int64_t number) {
    std::lock_guard lock(mutex_);
    auto select = prepare(db_, "SELECT at_ms, status, actor, detail FROM call_log WHERE number = ?1 ORDER BY id");
    sqlite3_bind_int64(select.get(), 1, number);
    std::vector<CallLogRow> rows;
    while (sqlite3_step(select.get()) == SQLITE_ROW)
        rows.push_back({from_ms(sqlite3_column_int64(select.get(), 0)), column_text(select.get(), 1),
                        column_text(select.get(), 2), column_text(select.get(), 3)});
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
