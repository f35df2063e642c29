// `redgrid-hub export-static DIR`: the published tree for a plain web server.
#include <fstream>

#include "redgrid/config/atomic_file.h"
#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_store.h"

namespace redgrid::hub {
namespace fs = std::filesystem;

namespace {

bool same_bytes(const fs::path& path, const std::string& bytes) {
    std::error_code error;
    if (fs::file_size(path, error) != bytes.size() || error) return false;
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {}) == bytes;
}

std::expected<bool, std::string> write_if_changed(const fs::path& path, const std::string& bytes) {
    if (same_bytes(path, bytes)) return false;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) return std::unexpected("cannot create " + path.parent_path().string() + ": " + error.message());
    if (auto written = config::write_file_atomically(path, bytes); !written) return std::unexpected(written.error());
    return true;
}

}  // namespace

std::expected<std::size_t, std::string> HubContent::export_static(const fs::path& dir) {
    std::size_t written = 0;
    std::error_code error;
    // Media first, as in publish: once a bundle is visible, what it references is too.
    for (const auto& entry : fs::directory_iterator(media_dir(), error)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes(std::istreambuf_iterator<char>(in), {});
        auto done = write_if_changed(dir / "api/v1/media" / entry.path().filename(), bytes);
        if (!done) return std::unexpected(done.error());
        written += *done ? 1 : 0;
    }
    if (error) return std::unexpected("cannot read " + media_dir().string() + ": " + error.message());
    for (const auto& entry : fs::directory_iterator(content_dir_, error)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        const auto kiosk_id = entry.path().stem().string();
        const auto published = bundle(kiosk_id);
        if (!published) continue;  // not a kiosk's bundle (a stray file)
        auto done = write_if_changed(dir / "api/v1/kiosks" / kiosk_id / "bundle", published->text);
        if (!done) return std::unexpected(done.error());
        written += *done ? 1 : 0;
    }
    if (error) return std::unexpected("cannot read " + content_dir_.string() + ": " + error.message());
    return written;
}

}  // namespace redgrid::hub
