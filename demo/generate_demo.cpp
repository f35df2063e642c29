// redgrid-demo-gen OUTDIR [FONT_FILE [FACE_INDEX]]
//
// Writes the demo bundle the kiosk shows with --demo: OUTDIR/bundle.json and its
// member photos as OUTDIR/media/<sha256>. Everything comes from fixed seeds, so the
// output is byte-identical on every run and every machine with the same font.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <system_error>

#include "demo_content.h"
#include "demo_json.h"
#include "demo_map.h"
#include "demo_people.h"
#include "demo_photos.h"
#include "demo_support.h"

namespace fs = std::filesystem;
using namespace redgrid;

namespace {

constexpr const char* default_font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
constexpr int default_face_index = 2;  // Noto Sans CJK SC
constexpr std::uint64_t seed = 0x6A1A'2026'1125'0800ULL;

// One stream per part, so tuning the notices never moves a grid border.
demo::Rng stream(std::uint64_t part) { return demo::Rng(seed ^ (part * 0x9E3779B97F4A7C15ULL)); }

// The first UTF-8 character of `text`: the surname of every demo member.
std::string first_character(const std::string& text) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(text.front());
    if (lead >= 0xF0) length = 4;
    else if (lead >= 0xE0) length = 3;
    else if (lead >= 0xC0) length = 2;
    return text.substr(0, length);
}

std::expected<void, std::string> write_file(const fs::path& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) return std::unexpected("cannot write " + path.string());
    return {};
}

// Photos of members who no longer exist in the demo would otherwise linger in the
// build tree and be installed; only content-addressed names are ever removed.
void remove_stale_media(const fs::path& media_dir, const std::set<std::string>& keep) {
    static const std::regex content_address("[0-9a-f]{64}");
    for (const auto& entry : fs::directory_iterator(media_dir)) {
        const std::string name = entry.path().filename().string();
        if (std::regex_match(name, content_address) && !keep.contains(name)) fs::remove(entry.path());
    }
}

std::expected<void, std::string> generate(const fs::path& out_dir, const fs::path& font, int face_index) {
    auto map_rng = stream(1);
    auto people_rng = stream(2);
    auto honour_rng = stream(3);

    content::Bundle bundle;
    bundle.format = 1;
    bundle.version = "demo-1";
    bundle.generated_at = demo::beijing_time(2026, 11, 25, 8, 0);
    bundle.stale_after = std::chrono::hours(48);

    demo::DemoMap map = demo::make_map(map_rng);
    demo::DemoPeople people = demo::make_people(map, people_rng);
    bundle.services = demo::make_services(map, people);
    bundle.activities = demo::make_activities(map);
    bundle.notices = demo::make_notices();
    bundle.honours = demo::make_honours(map, people, honour_rng);

    auto painter = demo::PhotoPainter::open(font, face_index);
    if (!painter) return std::unexpected(painter.error());
    std::map<std::string, std::vector<unsigned char>> media;  // sorted by hash: stable media[] order
    for (auto& member : people.members) {
        auto png = painter->paint(member.id, first_character(member.name));
        if (!png) return std::unexpected(png.error() + " (member " + member.id + ")");
        const std::string hash = demo::sha256_hex(*png);
        member.photo = hash;
        media.emplace(hash, std::move(*png));
    }

    bundle.map = map.bounds;
    bundle.place = map.place;
    bundle.subdistrict = map.subdistrict;
    bundle.communities = map.communities;
    bundle.grids = map.grids;
    bundle.teams = people.teams;
    bundle.members = people.members;
    for (const auto& [hash, bytes] : media)
        bundle.media.push_back({hash, "image/png", static_cast<std::int64_t>(bytes.size())});

    std::error_code error;
    const fs::path media_dir = out_dir / "media";
    fs::create_directories(media_dir, error);
    if (error) return std::unexpected("cannot create " + media_dir.string() + ": " + error.message());
    std::set<std::string> written;
    for (const auto& [hash, bytes] : media) {
        if (auto ok = write_file(media_dir / hash, bytes.data(), bytes.size()); !ok) return ok;
        written.insert(hash);
    }
    remove_stale_media(media_dir, written);

    // bundle.json last: it is the build's witness that the whole directory is complete.
    const std::string text = demo::bundle_to_json(bundle).dump(2, ' ', false) + "\n";
    return write_file(out_dir / "bundle.json", text.data(), text.size());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: %s OUTDIR [FONT_FILE [FACE_INDEX]]\n", argv[0]);
        return 2;
    }
    const fs::path font = argc >= 3 ? fs::path(argv[2]) : fs::path(default_font);
    const int face_index = argc >= 4 ? std::atoi(argv[3]) : default_face_index;
    try {
        if (auto done = generate(argv[1], font, face_index); !done) {
            std::fprintf(stderr, "redgrid-demo-gen: %s\n", done.error().c_str());
            return 1;
        }
    } catch (const std::exception& failure) {
        std::fprintf(stderr, "redgrid-demo-gen: %s\n", failure.what());
        return 1;
    }
    return 0;
}
