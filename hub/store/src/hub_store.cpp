#include "redgrid/hub/store/hub_store.h"
#include "redgrid/hub/store/database.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <random>

#include <nlohmann/json.hpp>

#include "redgrid/content/media_check.h"

namespace redgrid::hub {
namespace {

std::int64_t to_unix(Clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// A day of heartbeats per kiosk is enough to see a pattern; older ones are dropped.
constexpr int kHeartbeatsKept = 1440;

}  // namespace

bool is_valid_kiosk_id(std::string_view id) {
    if (id.empty() || id.size() > 40) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Liveness liveness(const KioskRow& row, Clock::time_point now, std::chrono::seconds interval) {
    if (!row.last_heartbeat || now - *row.last_heartbeat >= 3 * interval) return Liveness::offline;
    return row.display == "off_by_schedule" ? Liveness::display_off : Liveness::online;
}

std::string describe_liveness(const KioskRow& row, Clock::time_point now) {
    switch (liveness(row, now)) {
        case Liveness::online:
            return "online";
        case Liveness::display_off:
            return "display off (schedule)";
        case Liveness::offline:
            if (!row.last_heartbeat) return "never seen";
            return "OFFLINE " +
                   std::to_string(std::chrono::duration_cast<std::chrono::minutes>(now - *row.last_heartbeat).count()) +
                   " min";
    }
    return "?";
}

std::expected<std::unique_ptr<HubStore>, std::string> HubStore::open(const std::string& where) {
    auto database = sql::Database::open(where);
    if (!database) return std::unexpected(database.error());
    return std::make_unique<HubStore>(std::move(*database));
}

HubStore::HubStore(std::shared_ptr<sql::Database> database) : db_(std::move(database)) {}
HubStore::~HubStore() = default;

std::expected<std::string, std::string> HubStore::new_token(const std::string& kiosk_id) {
    if (!is_valid_kiosk_id(kiosk_id))
        return std::unexpected("kiosk id \"" + kiosk_id + "\" must be 1..40 characters of a-z, 0-9 and -");
    std::array<unsigned char, 32> random{};
    if (RAND_bytes(random.data(), int(random.size())) != 1) return std::unexpected("no randomness for a token");
    std::string token;
    for (unsigned char byte : random) {
        static constexpr char digits[] = "0123456789abcdef";
        token += digits[byte >> 4];
        token += digits[byte & 0xF];
    }
    auto done = db_->run(
        "INSERT INTO kiosks(id, token_sha256, created_at) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(id) DO UPDATE SET token_sha256 = excluded.token_sha256",
        {kiosk_id, content::sha256_hex(token), to_unix(Clock::now())});
    if (!done) return std::unexpected(done.error());
    return token;
}

std::optional<std::string> HubStore::kiosk_for_token(const std::string& token) {
    if (token.empty() || token.size() > 512) return std::nullopt;
    auto rows = db_->run("SELECT id FROM kiosks WHERE token_sha256 = ?1", {content::sha256_hex(token)});
    if (!rows || rows->empty()) return std::nullopt;
    return rows->text(0, 0);
}

std::expected<Heartbeat, std::string> HubStore::parse_heartbeat(const std::string& kiosk_id,
                                                                Clock::time_point received_at,
                                                                const std::string& json_body) {
    const auto body = nlohmann::json::parse(json_body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return std::unexpected("heartbeat body is not a JSON object");
    auto text = [&](const char* key) {
        return body.contains(key) && body[key].is_string() ? body[key].get<std::string>().substr(0, 500)
                                                           : std::string();
    };
    Heartbeat heartbeat{kiosk_id,
                        received_at,
                        json_body,
                        text("firmware_version"),
                        text("bundle_version"),
                        text("last_error"),
                        text("display") == "off_by_schedule" ? "off_by_schedule" : "on"};
    if (body.contains("queue_depth") && body["queue_depth"].is_number_integer())
        heartbeat.queue_depth = body["queue_depth"].get<std::int64_t>();
    if (body.contains("command_results") && body["command_results"].is_array()) {
        for (const auto& result : body["command_results"]) {
            if (!result.is_object() || !result.contains("id") || !result["id"].is_string()) continue;
            const auto id = result["id"].get<std::string>();
            if (!id.starts_with("c-") || id.size() > 20 || id.size() == 2 ||
                !std::all_of(id.begin() + 2, id.end(), ::isdigit))
                continue;
            const auto status = result.contains("status") && result["status"].is_string()
                                    ? result["status"].get<std::string>()
                                    : std::string("done");
            const auto message = result.contains("message") && result["message"].is_string()
                                     ? result["message"].get<std::string>().substr(0, 500)
                                     : std::string();
            heartbeat.command_results.push_back({std::stoll(id.substr(2)), status, message});
        }
    }
    return heartbeat;
}

HeartbeatAnswer HubStore::record_heartbeat(Heartbeat heartbeat) {
    std::vector<Heartbeat> batch;
    batch.push_back(std::move(heartbeat));
    return std::move(record_heartbeats(batch).front());
}

std::vector<HeartbeatAnswer> HubStore::record_heartbeats(std::vector<Heartbeat>& batch) {
    std::vector<HeartbeatAnswer> answers;
    const auto done = db_->transaction("", [&]() -> sql::Done {
        answers.clear();
        thread_local std::minstd_rand chance(std::random_device{}());
        for (const auto& heartbeat : batch) {
            const auto at = to_unix(heartbeat.received_at);
            auto updated = db_->run(
                "UPDATE kiosks SET last_heartbeat = ?2, firmware_version = ?3, bundle_version = ?4, "
                "queue_depth = ?5, last_error = ?6, display = ?7 WHERE id = ?1",
                {heartbeat.kiosk_id, at, heartbeat.firmware_version, heartbeat.bundle_version, heartbeat.queue_depth,
                 heartbeat.last_error, heartbeat.display});
            if (!updated) return std::unexpected(updated.error());
            auto inserted = db_->run("INSERT INTO heartbeats(kiosk_id, received_at, body) VALUES(?1, ?2, ?3)",
                                     {heartbeat.kiosk_id, at, heartbeat.body});
            if (!inserted) return std::unexpected(inserted.error());
            // The trim walks the kiosk's newest rows in the index: done on one heartbeat in
            // 64 at random, not on every request (a kiosk keeps a day and up to ~an hour).
            if (chance() % 64 == 0)
                (void)db_->run(
                    "DELETE FROM heartbeats WHERE kiosk_id = ?1 AND id <= "
                    "(SELECT id FROM heartbeats WHERE kiosk_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)",
                    {heartbeat.kiosk_id, kHeartbeatsKept});
            for (const auto& result : heartbeat.command_results)
                if (auto noted =
                        db_->run("UPDATE commands SET status = ?3, message = ?4 WHERE kiosk_id = ?1 AND id = ?2",
                                 {heartbeat.kiosk_id, result.id, result.status, result.message});
                    !noted)
                    return std::unexpected(noted.error());
            // Delivered commands go out again until the kiosk reports a result (a lost
            // answer must not lose the command); the kiosk runs each id once, so two hubs
            // answering one kiosk at once may both list an id without harm.
            auto open = db_->run(
                "SELECT id, type, schedule, status FROM commands WHERE kiosk_id = ?1 AND status IN "
                "('pending', 'delivered') ORDER BY id LIMIT 32",
                {heartbeat.kiosk_id});
            if (!open) return std::unexpected(open.error());
            std::vector<PendingCommand> commands;
            bool any_pending = false;
            for (std::size_t r = 0; r < open->size(); ++r) {
                commands.push_back({open->int64(r, 0), open->text(r, 1), open->text(r, 2)});
                any_pending = any_pending || open->text(r, 3) == "pending";
            }
            if (any_pending)
                if (auto marked =
                        db_->run("UPDATE commands SET status = 'delivered' WHERE kiosk_id = ?1 AND status = 'pending'",
                                 {heartbeat.kiosk_id});
                    !marked)
                    return std::unexpected(marked.error());
            answers.emplace_back(std::move(commands));
        }
        return {};
    });
    if (!done) {
        answers.clear();
        for (std::size_t i = 0; i < batch.size(); ++i) answers.emplace_back(std::unexpected(done.error()));
    }
    return answers;
}

std::vector<KioskRow> HubStore::kiosks() {
    auto rows = db_->run(
        "SELECT id, last_heartbeat, firmware_version, bundle_version, queue_depth, last_error, "
        "display FROM kiosks ORDER BY id");
    std::vector<KioskRow> kiosks;
    if (!rows) return kiosks;
    for (std::size_t r = 0; r < rows->size(); ++r) {
        KioskRow row;
        row.id = rows->text(r, 0);
        if (!rows->is_null(r, 1)) row.last_heartbeat = Clock::time_point(std::chrono::seconds(rows->int64(r, 1)));
        row.firmware_version = rows->text(r, 2);
        row.bundle_version = rows->text(r, 3);
        row.queue_depth = rows->int64(r, 4);
        row.last_error = rows->text(r, 5);
        row.display = rows->text(r, 6);
        kiosks.push_back(std::move(row));
    }
    return kiosks;
}

std::expected<std::int64_t, std::string> HubStore::add_command(const std::string& kiosk_id, const std::string& type,
                                                               const std::string& schedule) {
    auto rows =
        db_->run("INSERT INTO commands(kiosk_id, type, schedule, created_at) VALUES(?1, ?2, ?3, ?4) RETURNING id",
                 {kiosk_id, type, schedule, to_unix(Clock::now())});
    if (!rows) return std::unexpected(rows.error());
    return rows->int64(0, 0);
}

std::vector<CommandRow> HubStore::commands(const std::string& kiosk_id) {
    auto rows = db_->run("SELECT id, kiosk_id, type, status, message FROM commands WHERE kiosk_id = ?1 ORDER BY id",
                         {kiosk_id});
    std::vector<CommandRow> commands;
    if (!rows) return commands;
    for (std::size_t r = 0; r < rows->size(); ++r)
        commands.push_back({rows->int64(r, 0), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3), rows->text(r, 4)});
    return commands;
}

}  // namespace redgrid::hub
