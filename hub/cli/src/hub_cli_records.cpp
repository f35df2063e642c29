#include "hub_cli_records.h"
#include "hub_cli_common.h"

#include <charconv>
#include <iomanip>

#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/protocol/heartbeat.h"

namespace redgrid::hub {
namespace {

std::string option_or(const std::map<std::string, std::string>& options, const std::string& name,
                      const std::string& fallback = "") {
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

void print_call(std::ostream& out, const CallRow& call, TimePoint now) {
    const auto json = call_json(call, now, CallPolicy{});
    std::string member = call.member ? call.member->id + " " + call.member->name : "-";
    std::string eta = json["eta_s"].is_number() ? std::to_string(json["eta_s"].get<std::int64_t>() / 60) + " min" : "-";
    out << std::left << std::setw(11) << call.id() << std::setw(14) << call.kiosk_id << std::setw(12) << call.status
        << std::setw(10) << (call.grid_id.empty() ? "-" : call.grid_id) << std::setw(12)
        << (call.category.empty() ? "-" : call.category) << std::setw(8) << eta << std::setw(22)
        << protocol::format_utc(call.updated_at) << member
        << (call.escalated_to.empty() ? "" : "  escalated to " + call.escalated_to) << "\n";
}

int list_events(const std::map<std::string, std::string>& options, HubRecords& records, std::ostream& out) {
    std::size_t limit = 0;
    const auto limit_text = option_or(options, "--limit");
    std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), limit);
    const auto rows = records.events(option_or(options, "--kiosk"), option_or(options, "--type"), limit);
    out << std::left << std::setw(22) << "RECEIVED" << std::setw(14) << "KIOSK" << std::setw(12) << "TYPE"
        << std::setw(8) << "SEQ" << std::setw(38) << "ID"
        << "DATA\n";
    for (const auto& row : rows)
        out << std::left << std::setw(22) << protocol::format_utc(row.received_at) << std::setw(14) << row.kiosk_id
            << std::setw(12) << row.type << std::setw(8) << row.seq << std::setw(38) << row.id << row.data_json << "\n";
    out << rows.size() << " event(s)\n";
    return 0;
}

int call_action(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options,
                HubRecords& records, HubContent& content, std::ostream& out, std::ostream& err, TimePoint now) {
    static constexpr const char* kCallUsage =
        "usage: call dispatch ID --member M [--eta MINUTES] | call arrive ID | call close ID | call refuse ID | "
        "call show ID";
    if (positional.size() != 3) return fail(err, kCallUsage);
    const auto& action = positional[1];
    const auto number = parse_call_id(positional[2]);
    if (!number) return fail(err, "\"" + positional[2] + "\" is not a call id (call-N)");
    const auto directory = directory_from(content);
    const auto call = records.call(*number, now, directory);
    if (!call) return fail(err, "no call " + positional[2]);
    std::expected<CallRow, std::string> done = std::unexpected(std::string(kCallUsage));
    if (action == "show") {
        print_call(out, *call, now);
        for (const auto& line : records.call_log(*number))
            out << "  " << protocol::format_utc(line.at) << "  " << std::left << std::setw(11) << line.status
                << std::setw(10) << line.actor << line.detail << "\n";
        return 0;
    } else if (action == "dispatch") {
        const auto member_id = option_or(options, "--member");
        if (member_id.empty()) return fail(err, kCallUsage);
        auto member = directory.member(call->kiosk_id, member_id);
        if (!member)
            return fail(err, "no member \"" + member_id + "\" in kiosk " + call->kiosk_id + "'s published bundle");
        int eta_minutes = 10;
        const auto eta_text = option_or(options, "--eta", "10");
        if (auto [end, ec] = std::from_chars(eta_text.data(), eta_text.data() + eta_text.size(), eta_minutes);
            ec != std::errc() || end != eta_text.data() + eta_text.size() || eta_minutes < 0 || eta_minutes > 600)
            return fail(err, "--eta must be minutes, 0..600");
        done = records.dispatch(*number, *member, std::chrono::minutes(eta_minutes), now, "admin");
    } else if (action == "arrive") {
        done = records.set_status(*number, "arrived", now, "admin");
    } else if (action == "close") {
        done = records.set_status(*number, "closed", now, "admin");
    } else if (action == "refuse") {
        done = records.set_status(*number, "refused", now, "admin", "refused by the dispatcher");
    }
    if (!done) return fail(err, done.error());
    print_call(out, *done, now);
    return 0;
}

}  // namespace

int run_records_command(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options,
                        const std::filesystem::path& data, std::ostream& out, std::ostream& err, TimePoint now) {
    auto records = HubRecords::open(database_location(options, data));
    if (!records) return fail(err, records.error());
    HubContent content(data);
    if (positional[0] == "events") return list_events(options, **records, out);
    if (positional[0] == "calls") {
        const auto rows = (*records)->calls(now, directory_from(content), option_or(options, "--kiosk"));
        out << std::left << std::setw(11) << "CALL" << std::setw(14) << "KIOSK" << std::setw(12) << "STATUS"
            << std::setw(10) << "GRID" << std::setw(12) << "CATEGORY" << std::setw(8) << "ETA" << std::setw(22)
            << "UPDATED"
            << "MEMBER\n";
        for (const auto& call : rows) print_call(out, call, now);
        return 0;
    }
    return call_action(positional, options, **records, content, out, err, now);
}

}  // namespace redgrid::hub
