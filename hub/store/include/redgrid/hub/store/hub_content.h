// The hub's published content: <data>/content/<kiosk_id>.json, one bundle per place,
// and the shared <data>/content/media/<sha256> (the layout of a bundle directory, so
// `redgrid-kiosk --bundle <data>/content/K.json` renders a published bundle as is).
// Publishing runs the kiosk's own validator and media checks, and is atomic.
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace redgrid::hub {

struct PublishedBundle {
    std::string text;
    std::string etag;  // "\"<sha256 of text>\""
};

struct NoticeRequest {
    std::string kiosk_id;
    std::string title;
    std::string body;
    bool urgent = false;
    std::chrono::hours valid_for{24 * 7};
};

class HubContent {
public:
    explicit HubContent(std::filesystem::path data_dir);

    std::filesystem::path content_dir() const { return content_dir_; }
    std::filesystem::path media_dir() const { return content_dir_ / "media"; }
    std::filesystem::path bundle_path(const std::string& kiosk_id) const;

    // Publishes every *.json in `source` (a file or a directory, media in its media/
    // folder). Every bundle is validated and every media entry checked first; if
    // anything is wrong nothing is published and every problem is returned, one line
    // each ("place.json: /members/3/photo: ..."). Returns the published kiosk ids.
    std::expected<std::vector<std::string>, std::vector<std::string>> publish(const std::filesystem::path& source);

    // The published bundle of a kiosk; null when none. Shared, not copied: a conditional
    // poll answered 304 costs a stat, not a copy of the bundle.
    std::shared_ptr<const PublishedBundle> bundle(const std::string& kiosk_id);

    // Writes the published tree as a plain web server serves it, at the protocol's paths:
    // DIR/api/v1/kiosks/<K>/bundle and DIR/api/v1/media/<sha256> (docs/hub.md, "Bundles
    // through HTTP caches"). Files already there with the same bytes are left alone, so a
    // re-export after a publish touches only what changed. Returns the files written.
    std::expected<std::size_t, std::string> export_static(const std::filesystem::path& dir);

    // Adds a notice to a published bundle (new version, validated, atomic).
    std::expected<std::string, std::vector<std::string>> add_notice(const NoticeRequest& request,
                                                                    std::chrono::system_clock::time_point now);

private:
    std::expected<std::vector<std::string>, std::vector<std::string>> publish_texts(
        const std::vector<std::pair<std::string, std::string>>& named_texts, const std::filesystem::path& media_source);

    std::filesystem::path content_dir_;
    std::mutex mutex_;  // one publish at a time; readers rely on atomic renames
    struct Cached {
        std::filesystem::file_time_type mtime;
        std::uintmax_t size = 0;
        std::shared_ptr<const PublishedBundle> bundle;
    };
    std::mutex cache_mutex_;
    std::map<std::string, Cached> cache_;
};

}  // namespace redgrid::hub
