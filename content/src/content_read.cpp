// JSON document -> Bundle, reporting what only the JSON form can get wrong: missing
// fields, wrong types, unknown keys, enum names, time and colour syntax.
#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <utility>

#include "content_detail.h"
#include "redgrid/content/time_format.h"

namespace redgrid::content::detail {

namespace {

using nlohmann::json;

enum class Presence { required, optional };

template <typename Enum>
using EnumNames = std::initializer_list<std::pair<std::string_view, Enum>>;

// Reads the fields of one JSON object, reporting wrong types and missing fields at the
// field's pointer; finish() then reports every key nobody asked for, so a misspelt
// optional field cannot silently fall back to its default.
class ObjectReader {
public:
    ObjectReader(json* value, std::string pointer, ErrorSink& sink)
        : value_(value), pointer_(std::move(pointer)), sink_(sink) {
        known_.reserve(16);  // more fields than any object has: one allocation per object
        if (value_ != nullptr && !value_->is_object()) {
            sink_.add(pointer_, std::string("must be an object, not ") + value_->type_name());
            value_ = nullptr;
        }
    }

    const std::string& pointer() const { return pointer_; }
    std::string pointer(std::string_view key) const { return pointer_to(pointer_, key); }

    // The field's value if present and not null; reports a missing required field.
    json* field(std::string_view key, Presence presence) {
        known_.push_back(key);
        if (value_ == nullptr) return nullptr;
        const auto it = value_->find(key);
        if (it == value_->end()) {
            if (presence == Presence::required) {
                sink_.add(pointer(key), "missing required field " + in_quotes(key));
            }
            return nullptr;
        }
        if (it->is_null() && presence == Presence::optional) return nullptr;
        return &*it;
    }

    json* typed(std::string_view key, Presence presence, json::value_t type,
                      std::string_view type_name) {
        json* value = field(key, presence);
        if (value == nullptr) return nullptr;
        const bool matches = type == json::value_t::number_float ? value->is_number()
                                                                 : value->type() == type;
        if (!matches) {
            sink_.add(pointer(key), "must be " + std::string(type_name) + ", not " + value->type_name());
            return nullptr;
        }
        return value;
    }

    std::string string(std::string_view key, Presence presence = Presence::required) {
        json* value = typed(key, presence, json::value_t::string, "a string");
        // Moved out of the document, which is thrown away after the read: no copy.
        return value != nullptr ? std::move(value->get_ref<std::string&>()) : std::string();
    }

    std::optional<std::string> nullable_string(std::string_view key) {
        json* value = typed(key, Presence::optional, json::value_t::string, "a string or null");
        if (value == nullptr) return std::nullopt;
        return std::move(value->get_ref<std::string&>());
    }

    bool boolean(std::string_view key, Presence presence, bool fallback) {
        json* value = typed(key, presence, json::value_t::boolean, "true or false");
        return value != nullptr ? value->get<bool>() : fallback;
    }

    std::int64_t integer(std::string_view key, Presence presence, std::int64_t fallback) {
        json* value = field(key, presence);
        if (value == nullptr) return fallback;
        if (value->is_number_integer()) {
            if (value->is_number_unsigned() &&
                value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
                sink_.add(pointer(key), "integer too large");
                return fallback;
            }
            return value->get<std::int64_t>();
        }
        sink_.add(pointer(key), std::string("must be an integer, not ") +
                                    (value->is_number() ? "a fraction" : value->type_name()));
        return fallback;
    }

    double number(std::string_view key) {
        json* value = typed(key, Presence::required, json::value_t::number_float, "a number");
        return value != nullptr ? value->get<double>() : 0.0;
    }

    MapPoint point(std::string_view key) { return read_point(field(key, Presence::required), pointer(key)); }

    std::optional<MapPoint> nullable_point(std::string_view key) {
        json* value = field(key, Presence::optional);
        if (value == nullptr) return std::nullopt;
        return read_point(value, pointer(key));
    }

    std::vector<MapPoint> points(std::string_view key) {
        std::vector<MapPoint> result;
        for_each_element(key, [&](json& element, const std::string& at) {
            result.push_back(read_point(&element, at));
        });
        return result;
    }

    std::vector<std::string> strings(std::string_view key) {
        std::vector<std::string> result;
        for_each_element(key, [&](json& element, const std::string& at) {
            if (element.is_string()) {
                result.push_back(std::move(element.get_ref<std::string&>()));
            } else {
                sink_.add(at, std::string("must be a string, not ") + element.type_name());
                result.emplace_back();
            }
        });
        return result;
    }

    TimePoint time(std::string_view key) {
        json* value = typed(key, Presence::required, json::value_t::string, "an RFC 3339 time string");
        if (value == nullptr) return {};
        const auto& text = value->get_ref<const std::string&>();
        if (const auto parsed = parse_rfc3339(text)) return *parsed;
        sink_.add(pointer(key), "not an RFC 3339 time with offset: " + in_quotes(text));
        return {};
    }

    std::uint32_t color(std::string_view key, Presence presence, std::uint32_t fallback) {
        json* value = typed(key, presence, json::value_t::string, "a colour string");
        if (value == nullptr) return fallback;
        const auto& text = value->get_ref<const std::string&>();
        if (const auto parsed = parse_color(text)) return *parsed;
        sink_.add(pointer(key), "not a colour: " + in_quotes(text) + " (expected #RRGGBB or #RRGGBBAA)");
        return fallback;
    }

    template <typename Enum>
    Enum enumeration(std::string_view key, std::string_view what, EnumNames<Enum> names, Enum fallback) {
        json* value = typed(key, Presence::required, json::value_t::string, "a string");
        if (value == nullptr) return fallback;
        const auto& text = value->get_ref<const std::string&>();
        std::string expected;
        for (const auto& [name, enumerator] : names) {
            if (name == text) return enumerator;
            expected += expected.empty() ? "" : ", ";
            expected += name;
        }
        sink_.add(pointer(key), "unknown " + std::string(what) + " " + in_quotes(text) + " (expected one of " +
                                    expected + ")");
        return fallback;
    }

    // Calls `read(element, pointer)` for each element of the array at `key`.
    template <typename Read>
    void for_each_element(std::string_view key, Read&& read, Presence presence = Presence::required) {
        json* value = typed(key, presence, json::value_t::array, "an array");
        if (value == nullptr) return;
        const std::string at = pointer(key);
        for (std::size_t i = 0; i < value->size(); ++i) read((*value)[i], pointer_to(at, i));
    }

    template <typename Item, typename Read>
    std::vector<Item> objects(std::string_view key, Read&& read) {
        std::vector<Item> result;
        for_each_element(key, [&](json& element, const std::string& at) {
            ObjectReader item(&element, at, sink_);
            result.push_back(read(item));
            item.finish();
        });
        return result;
    }

    ObjectReader object(std::string_view key, Presence presence = Presence::required) {
        json* value = field(key, presence);
        return ObjectReader(value, pointer(key), sink_);
    }

    void finish() {
        if (value_ == nullptr) return;
        for (const auto& [key, value] : value_->items()) {
            if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
                sink_.add(pointer(key), "unknown field " + in_quotes(key));
            }
        }
    }

private:
    MapPoint read_point(json* value, const std::string& at) {
        if (value == nullptr) return {};
        if (!value->is_array() || value->size() != 2) {
            sink_.add(at, std::string("must be a point [x, y], not ") +
                              (value->is_array() ? "an array of " + std::to_string(value->size())
                                                 : std::string(value->type_name())));
            return {};
        }
        MapPoint point;
        double* coordinates[] = {&point.x, &point.y};
        for (std::size_t i = 0; i < 2; ++i) {
            json& coordinate = (*value)[i];
            if (coordinate.is_number()) {
                *coordinates[i] = coordinate.get<double>();
            } else {
                sink_.add(pointer_to(at, i), std::string("must be a number, not ") + coordinate.type_name());
            }
        }
        return point;
    }

    json* value_;
    std::string pointer_;
    ErrorSink& sink_;
    std::vector<std::string_view> known_;
};

Place read_place(ObjectReader& r) {
    Place place;
    place.kiosk_id = r.string("kiosk_id");
    place.name = r.string("name");
    place.address = r.string("address", Presence::optional);
    place.position = r.point("position");
    place.grid_id = r.string("grid_id");
    return place;
}

Subdistrict read_subdistrict(ObjectReader& r) {
    Subdistrict subdistrict;
    subdistrict.id = r.string("id");
    subdistrict.name = r.string("name");
    subdistrict.committee = r.string("committee");
    return subdistrict;
}

Community read_community(ObjectReader& r) {
    Community community;
    community.id = r.string("id");
    community.name = r.string("name");
    community.committee = r.string("committee");
    community.color = r.color("color", Presence::optional, community.color);
    return community;
}

Grid read_grid(ObjectReader& r) {
    Grid grid;
    grid.id = r.string("id");
    grid.community_id = r.string("community_id");
    grid.name = r.string("name");
    grid.branch = r.string("branch");
    grid.polygon = r.points("polygon");
    grid.label_anchor = r.point("label_anchor");
    return grid;
}

Team read_team(ObjectReader& r) {
    Team team;
    team.id = r.string("id");
    team.name = r.string("name");
    team.grid_id = r.string("grid_id");
    team.leader_id = r.string("leader_id");
    team.member_ids = r.strings("member_ids");
    return team;
}

Member read_member(ObjectReader& r) {
    Member member;
    member.id = r.string("id");
    member.name = r.string("name");
    member.photo = r.nullable_string("photo");
    member.role = r.enumeration<Role>("role", "role",
                                      {{"liaison", Role::liaison},
                                       {"server", Role::server},
                                       {"mediator", Role::mediator},
                                       {"governance", Role::governance},
                                       {"publicity", Role::publicity}},
                                      Role::server);
    member.team_id = r.string("team_id");
    member.full_time = r.boolean("full_time", Presence::optional, false);
    member.on_duty = r.boolean("on_duty", Presence::required, false);
    member.phone_masked = r.string("phone_masked", Presence::optional);
    member.position = r.nullable_point("position");
    member.contact_url = r.string("contact_url", Presence::optional);
    return member;
}

Service read_service(ObjectReader& r) {
    Service service;
    service.id = r.string("id");
    service.kind = r.enumeration<ServiceKind>(
        "kind", "service kind",
        {{"five_ones", ServiceKind::five_ones}, {"brand", ServiceKind::brand}, {"other", ServiceKind::other}},
        ServiceKind::other);
    service.title = r.string("title");
    service.description = r.string("description", Presence::optional);
    service.where = r.string("where", Presence::optional);
    service.when = r.string("when", Presence::optional);
    service.contact_member_id = r.nullable_string("contact_member_id");
    service.contact_phone = r.string("contact_phone", Presence::optional);
    service.contact_url = r.string("contact_url", Presence::optional);
    return service;
}

Activity read_activity(ObjectReader& r) {
    Activity activity;
    activity.id = r.string("id");
    activity.kind = r.enumeration<ActivityKind>("kind", "activity kind",
                                                {{"reception_day", ActivityKind::reception_day},
                                                 {"joint_meeting", ActivityKind::joint_meeting},
                                                 {"service_event", ActivityKind::service_event}},
                                                ActivityKind::service_event);
    activity.title = r.string("title");
    activity.description = r.string("description", Presence::optional);
    activity.starts_at = r.time("starts_at");
    activity.ends_at = r.time("ends_at");
    activity.place = r.string("place", Presence::optional);
    activity.grid_id = r.nullable_string("grid_id");
    return activity;
}

Notice read_notice(ObjectReader& r) {
    Notice notice;
    notice.id = r.string("id");
    notice.title = r.string("title");
    notice.body = r.string("body", Presence::optional);
    notice.priority = r.enumeration<NoticePriority>("priority", "notice priority",
                                                    {{"normal", NoticePriority::normal},
                                                     {"high", NoticePriority::high},
                                                     {"urgent", NoticePriority::urgent}},
                                                    NoticePriority::normal);
    notice.valid_from = r.time("valid_from");
    notice.valid_to = r.time("valid_to");
    return notice;
}

Honour read_honour(ObjectReader& r) {
    Honour honour;
    honour.id = r.string("id");
    honour.board = r.enumeration<HonourBoard>(
        "board", "honour board",
        {{"governance_star", HonourBoard::governance_star}, {"service_star", HonourBoard::service_star}},
        HonourBoard::service_star);
    honour.member_id = r.string("member_id");
    honour.period = r.string("period");
    honour.reason = r.string("reason", Presence::optional);
    return honour;
}

MediaInfo read_media(ObjectReader& r) {
    MediaInfo media;
    media.sha256 = r.string("sha256");
    media.mime_type = r.string("type");
    media.size = r.integer("size", Presence::required, 0);
    return media;
}

Theme read_theme(ObjectReader& r) {
    Theme theme;
    theme.primary = r.color("primary", Presence::optional, theme.primary);
    theme.primary_dark = r.color("primary_dark", Presence::optional, theme.primary_dark);
    theme.accent = r.color("accent", Presence::optional, theme.accent);
    theme.background = r.color("background", Presence::optional, theme.background);
    theme.surface = r.color("surface", Presence::optional, theme.surface);
    theme.text = r.color("text", Presence::optional, theme.text);
    theme.text_muted = r.color("text_muted", Presence::optional, theme.text_muted);
    theme.logo = r.nullable_string("logo");
    return theme;
}

}  // namespace

Bundle read_bundle(nlohmann::json& document, ErrorSink& sink) {
    Bundle bundle;
    if (!document.is_object()) {
        sink.add("", std::string("a bundle must be a JSON object, not ") + document.type_name());
        return bundle;
    }
    ObjectReader r(&document, "", sink);
    const std::int64_t format = r.integer("format", Presence::required, 1);
    if (format != 1 && !sink.has_at_or_under("/format")) {
        sink.add("/format", "unsupported format " + std::to_string(format) + " (this kiosk reads format 1)");
        // Fields of another format would only produce noise: report the one real problem.
        return bundle;
    }
    bundle.format = static_cast<int>(format);
    bundle.version = r.string("version");
    bundle.generated_at = r.time("generated_at");
    const std::int64_t stale_after_s =
        r.integer("stale_after_s", Presence::optional, bundle.stale_after.count());
    if (stale_after_s < content_limits::min_stale_after_s || stale_after_s > content_limits::max_stale_after_s) {
        sink.add("/stale_after_s", "must be between " + std::to_string(content_limits::min_stale_after_s) +
                                       " and " + std::to_string(content_limits::max_stale_after_s) + " seconds");
    } else {
        bundle.stale_after = std::chrono::seconds{stale_after_s};
    }
    {
        ObjectReader map = r.object("map");
        bundle.map.width = map.number("width");
        bundle.map.height = map.number("height");
        map.finish();
    }
    {
        ObjectReader place = r.object("place");
        bundle.place = read_place(place);
        place.finish();
    }
    {
        ObjectReader subdistrict = r.object("subdistrict");
        bundle.subdistrict = read_subdistrict(subdistrict);
        subdistrict.finish();
    }
    bundle.communities = r.objects<Community>("communities", read_community);
    bundle.grids = r.objects<Grid>("grids", read_grid);
    bundle.teams = r.objects<Team>("teams", read_team);
    bundle.members = r.objects<Member>("members", read_member);
    bundle.services = r.objects<Service>("services", read_service);
    bundle.activities = r.objects<Activity>("activities", read_activity);
    bundle.notices = r.objects<Notice>("notices", read_notice);
    bundle.honours = r.objects<Honour>("honours", read_honour);
    bundle.media = r.objects<MediaInfo>("media", read_media);
    {
        ObjectReader theme = r.object("theme", Presence::optional);
        bundle.theme = read_theme(theme);
        theme.finish();
    }
    r.finish();
    return bundle;
}


}  // namespace redgrid::content::detail
