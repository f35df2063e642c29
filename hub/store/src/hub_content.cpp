#include "redgrid/hub/store/hub_content.h"

#include <algorithm>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "redgrid/config/atomic_file.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/content/media_check.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/protocol/heartbeat.h"

namespace redgrid::hub {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_small_file(const fs::path& path, std::uintmax_t limit) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error || size > limit) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), std::streamsize(size))) return std::nullopt;
    return bytes;
}

}  // namespace

HubContent::HubContent(fs::path data_dir) : content_dir_(std::move(data_dir) / "content") {
    std::error_code error;
    fs::create_directories(media_dir(), error);
}

fs::path HubContent::bundle_path(const std::string& kiosk_id) const {
    return content_dir_ / (kiosk_id + ".json");
}

std::expected<std::vector<std::string>, std::vector<std::string>> HubContent::publish(const fs::path& source) {
    std::vector<std::pair<std::string, std::string>> texts;
    std::vector<std::string> problems;
    std::vector<fs::path> files;
    std::error_code error;
    if (fs::is_directory(source, error)) {
        for (const auto& entry : fs::directory_iterator(source, error))
            if (entry.path().extension() == ".json" && entry.is_regular_file()) files.push_back(entry.path());
        std::ranges::sort(files);
    } else if (fs::is_regular_file(source, error)) {
        files.push_back(source);
    }
    if (files.empty()) return std::unexpected(std::vector<std::string>{source.string() + ": no *.json bundle found"});
    for (const auto& file : files) {
        auto text = read_small_file(file, content::content_limits::max_document_bytes);
        if (!text)
            problems.push_back(file.string() + ": unreadable or larger than the bundle limit");
        else
            texts.emplace_back(file.filename().string(), std::move(*text));
    }
    if (!problems.empty()) return std::unexpected(problems);
    const fs::path media_source = (fs::is_directory(source, error) ? source : source.parent_path()) / "media";
    return publish_texts(texts, media_source);
}

std::expected<std::vector<std::string>, std::vector<std::string>> HubContent::publish_texts(
    const std::vector<std::pair<std::string, std::string>>& named_texts, const fs::path& media_source) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> problems;
    std::vector<std::string> kiosk_ids;
    std::vector<std::pair<fs::path, std::string>> media_to_copy;  // target, bytes
    std::set<std::string> seen_kiosks;
    for (const auto& [name, text] : named_texts) {
        // The kiosk's own validator: what is refused here is exactly what a kiosk refuses.
        auto bundle = content::parse_bundle(text);
        if (!bundle) {
            for (const auto& problem : bundle.error()) problems.push_back(name + ": " + problem.to_string());
            continue;
        }
        const auto& kiosk_id = bundle->place.kiosk_id;
        if (!is_valid_kiosk_id(kiosk_id)) {
            problems.push_back(name + ": /place/kiosk_id: \"" + kiosk_id + "\" is not a usable kiosk id (a-z, 0-9, -)");
            continue;
        }
        if (!seen_kiosks.insert(kiosk_id).second) {
            problems.push_back(name + ": /place/kiosk_id: a second bundle for kiosk \"" + kiosk_id + "\"");
            continue;
        }
        for (std::size_t i = 0; i < bundle->media.size(); ++i) {
            const auto& media = bundle->media[i];
            const fs::path published = media_dir() / media.sha256;
            std::error_code error;
            const bool have = fs::exists(published, error);
            auto bytes = read_small_file(have ? published : media_source / media.sha256,
                                         std::uintmax_t(content::content_limits::max_media_bytes));
            if (!bytes) {
                problems.push_back(name + ": /media/" + std::to_string(i) + ": no file " +
                                   (media_source / media.sha256).string());
                continue;
            }
            if (auto checked = content::check_media(media, *bytes); !checked) {
                problems.push_back(name + ": /media/" + std::to_string(i) + ": " + checked.error());
                continue;
            }
            if (!have) media_to_copy.emplace_back(published, std::move(*bytes));
        }
        kiosk_ids.push_back(kiosk_id);
    }
    if (!problems.empty()) return std::unexpected(problems);
    // Media first: once a bundle is visible, everything it references already is.
    for (const auto& [target, bytes] : media_to_copy)
        if (auto written = config::write_file_atomically(target, bytes); !written)
            return std::unexpected(std::vector<std::string>{written.error()});
    for (std::size_t i = 0; i < named_texts.size(); ++i)
        if (auto written = config::write_file_atomically(bundle_path(kiosk_ids[i]), named_texts[i].second); !written)
            return std::unexpected(std::vector<std::string>{written.error()});
    return kiosk_ids;
}

std::shared_ptr<const PublishedBundle> HubContent::bundle(const std::string& kiosk_id) {
    if (!is_valid_kiosk_id(kiosk_id)) return nullptr;
    const auto path = bundle_path(kiosk_id);
    std::error_code error;
    const auto mtime = fs::last_write_time(path, error);
    if (error) return nullptr;
    const auto size = fs::file_size(path, error);
    if (error) return nullptr;
    {
        std::lock_guard lock(cache_mutex_);
        const auto it = cache_.find(kiosk_id);
        if (it != cache_.end() && it->second.mtime == mtime && it->second.size == size) return it->second.bundle;
    }
    auto text = read_small_file(path, content::content_limits::max_document_bytes);
    if (!text) return nullptr;
    auto bundle = std::make_shared<PublishedBundle>();
    bundle->etag = "\"" + content::sha256_hex(*text) + "\"";
    bundle->text = std::move(*text);
    std::lock_guard lock(cache_mutex_);
    cache_[kiosk_id] = Cached{mtime, size, bundle};
    return bundle;
}

std::expected<std::string, std::vector<std::string>> HubContent::add_notice(const NoticeRequest& request,
                                                                            std::chrono::system_clock::time_point now) {
    auto current = bundle(request.kiosk_id);
    if (!current)
        return std::unexpected(std::vector<std::string>{"no bundle published for kiosk \"" + request.kiosk_id + "\""});
    auto json = nlohmann::json::parse(current->text, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("notices") || !json["notices"].is_array())
        return std::unexpected(std::vector<std::string>{"published bundle of " + request.kiosk_id + " is unreadable"});
    const auto stamp = protocol::format_utc(now);  // 2026-11-25T09:30:00Z
    std::string compact;
    for (char c : stamp)
        if (c != '-' && c != ':') compact += c;
    const std::string id = "n-hub-" + compact.substr(0, compact.size() - 1);
    std::string lowered_id;
    for (char c : id) lowered_id += char(std::tolower(static_cast<unsigned char>(c)));
    json["notices"].push_back({{"id", lowered_id},
                               {"title", request.title},
                               {"body", request.body},
                               {"priority", request.urgent ? "urgent" : "normal"},
                               {"valid_from", stamp},
                               {"valid_to", protocol::format_utc(now + request.valid_for)}});
    json["version"] = "hub-" + compact;
    json["generated_at"] = stamp;
    const std::string text = json.dump(2);
    auto published = publish_texts({{request.kiosk_id + ".json", text}}, media_dir());
    if (!published) return std::unexpected(published.error());
    return json["version"].get<std::string>();
}

}  // namespace redgrid::hub
