#include "redgrid/render/fonts.h"

#include "font_file_stream.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <system_error>

namespace redgrid::render {
namespace {

constexpr int kRegular = 0, kBold = 1, kIcons = 2;
constexpr int kProbeSize = 16;

// The icons a kiosk screen uses, so they work even without the package's scss map.
constexpr std::pair<std::string_view, char32_t> kBuiltinIcons[] = {
    {"home", 0xe88a}, {"arrow_back", 0xe5c4}, {"arrow_forward", 0xe5c8}, {"phone", 0xe0cd}, {"call", 0xe0b0},
    {"phone_in_talk", 0xe61d}, {"map", 0xe55b}, {"people", 0xe7fb}, {"groups", 0xf233}, {"event", 0xe878},
    {"campaign", 0xef49}, {"emoji_events", 0xea23}, {"star", 0xe838}, {"star_border", 0xe83a}, {"room", 0xe8b4},
    {"place", 0xe55f}, {"location_on", 0xe0c8}, {"my_location", 0xe55c}, {"add", 0xe145}, {"remove", 0xe15b},
    {"close", 0xe5cd}, {"check", 0xe5ca}, {"check_circle", 0xe86c}, {"cancel", 0xe5c9}, {"schedule", 0xe8b5},
    {"access_time", 0xe192}, {"volunteer_activism", 0xea70}, {"volunteer_activist", 0xea70},
    {"handshake", 0xebcb}, {"info", 0xe88e}, {"warning", 0xe002}, {"notifications", 0xe7f4},
    {"text_fields", 0xe262}, {"translate", 0xe8e2}, {"language", 0xe894}, {"qr_code", 0xef6b},
    {"wifi_off", 0xe648}, {"cloud_off", 0xe2c1}, {"refresh", 0xe5d5}, {"settings", 0xe8b8}, {"build", 0xe869},
    {"chevron_right", 0xe5cc}, {"chevron_left", 0xe5cb}, {"expand_more", 0xe5cf}, {"expand_less", 0xe5ce},
    {"search", 0xe8b6}, {"favorite", 0xe87d}, {"restaurant", 0xe56c}, {"support_agent", 0xf0e2},
    {"record_voice_over", 0xe91f}, {"filter_list", 0xe152}, {"hourglass_empty", 0xe88b}, {"person", 0xe7fd},
    {"thumb_up", 0xe8dc}, {"elderly", 0xf21a}, {"accessible", 0xe914}, {"menu", 0xe5d2}, {"home_work", 0xea09},
    {"apartment", 0xea40}, {"touch_app", 0xe913}, {"update", 0xe923},
};

constexpr const char* kPackageCodepoints =
    "/usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss";

// Reads the package's `"name": e88a,` map; a missing file just means the built-in table.
void read_codepoints_file(const std::filesystem::path& path, std::unordered_map<std::string, char32_t>& out) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto open_quote = line.find('"');
        if (open_quote == std::string::npos) continue;
        const auto close_quote = line.find('"', open_quote + 1);
        const auto colon = line.find(':', close_quote == std::string::npos ? line.size() : close_quote);
        if (close_quote == std::string::npos || colon == std::string::npos) continue;
        std::size_t pos = colon + 1;
        while (pos < line.size() && line[pos] == ' ') ++pos;
        char32_t code = 0;
        std::size_t digits = 0;
        for (; pos < line.size() && std::isxdigit(static_cast<unsigned char>(line[pos])); ++pos, ++digits) {
            const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(line[pos])));
            code = code * 16 + static_cast<char32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        }
        if (digits >= 4 && digits <= 5) out.emplace(line.substr(open_quote + 1, close_quote - open_quote - 1), code);
    }
}

std::string ttf_error() { return TTF_GetError(); }

// Through open_font_file_stream, not TTF_OpenFontIndex's stdio stream: see why there.
FontPtr open_font(const std::filesystem::path& path, int size, long index) {
    SDL_RWops* stream = open_font_file_stream(path);
    if (stream == nullptr) return nullptr;
    return FontPtr(TTF_OpenFontIndexRW(stream, 1, size, index));  // closes the stream on failure too
}

bool file_exists(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

struct ProbedFace {
    long index = 0;
    std::string family;
    FontPtr font;  // the face itself, kept as the face's one font (at kProbeSize until used)
};

bool is_simplified_chinese(const char* family) {
    if (family == nullptr) return false;
    const std::string_view name = family;
    return name.find(" SC") != std::string_view::npos && name.find("Mono") == std::string_view::npos;
}

// How many faces a font file holds: a TrueType/OpenType collection says so in its header
// ("ttcf", version, count), read here rather than by opening the first face for it.
long faces_in_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char header[12] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header) || std::memcmp(header, "ttcf", 4) != 0) return 1;
    const unsigned long count = (static_cast<unsigned long>(header[8]) << 24) |
                                (static_cast<unsigned long>(header[9]) << 16) |
                                (static_cast<unsigned long>(header[10]) << 8) | header[11];
    return std::clamp(static_cast<long>(count), 1L, 32L);
}

// Opens a font file and picks its Simplified Chinese face when it is a collection. Noto
// Sans CJK's collections hold JP, KR, SC, TC, HK and then the Mono faces, so index 2 is
// tried first: each face opened costs a CJK face's tables (~2.5 MB, ~3 M instructions).
std::expected<ProbedFace, std::string> probe_text_face(const std::filesystem::path& path) {
    if (!file_exists(path)) return std::unexpected(path.string() + " (not found)");
    const long faces = faces_in_file(path);
    std::vector<long> order;
    if (faces > 2) order.push_back(2);
    for (long index = 0; index < faces; ++index)
        if (index != 2 || faces <= 2) order.push_back(index);
    FontPtr first;  // the lowest-numbered face that opens, if none is Simplified Chinese
    long first_index = 0;
    std::string error;
    for (long index : order) {
        FontPtr face = open_font(path, kProbeSize, index);
        if (!face) {
            if (error.empty()) error = ttf_error();
            continue;
        }
        const char* family = TTF_FontFaceFamilyName(face.get());
        if (is_simplified_chinese(family)) return ProbedFace{index, family, std::move(face)};
        if (!first || index < first_index) {
            first = std::move(face);
            first_index = index;
        }
    }
    if (!first) return std::unexpected(path.string() + " (" + error + ")");
    const char* family = TTF_FontFaceFamilyName(first.get());
    return ProbedFace{first_index, family ? family : path.filename().string(), std::move(first)};
}

std::filesystem::path bold_sibling(const std::filesystem::path& regular) {
    std::string name = regular.filename().string();
    const auto at = name.find("Regular");
    if (at == std::string::npos) return {};
    name.replace(at, 7, "Bold");
    return regular.parent_path() / name;
}

}  // namespace

std::vector<std::filesystem::path> default_text_font_files() {
    return {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"};
}

std::filesystem::path default_icon_font_file() {
    return "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";
}

std::expected<FontSet, std::string> FontSet::load(const FontOptions& options) {
    auto state = std::make_unique<State>();

    std::vector<std::filesystem::path> candidates = options.text_font_files;
    if (options.use_default_text_fonts) {
        for (auto& path : default_text_font_files()) candidates.push_back(path);
    }
    std::string tried;
    bool found = false;
    for (const auto& path : candidates) {
        auto face = probe_text_face(path);
        if (!face) {
            tried += "\n  " + face.error();
            continue;
        }
        state->regular = {path, face->index, false, face->family};
        state->fonts[kRegular] = {std::move(face->font), kProbeSize};
        found = true;
        break;
    }
    if (!found) return std::unexpected("no CJK text font could be opened; tried:" + tried);

    state->bold = state->regular;
    state->bold.synthetic_bold = true;
    if (auto bold_path = bold_sibling(state->regular.path); !bold_path.empty()) {
        if (auto face = probe_text_face(bold_path)) {
            state->bold = {bold_path, face->index, false, face->family};
            state->fonts[kBold] = {std::move(face->font), kProbeSize};
        }
    }

    const auto icon_path = options.icon_font_file.empty() ? default_icon_font_file() : options.icon_font_file;
    {
        if (!file_exists(icon_path)) return std::unexpected("icon font " + icon_path.string() + ": not found");
        FontPtr probe = open_font(icon_path, kProbeSize, 0);
        if (!probe) return std::unexpected("icon font " + icon_path.string() + ": " + ttf_error());
        state->icons = {icon_path, 0, false, "Material Icons"};
        state->fonts[kIcons] = {std::move(probe), kProbeSize};
    }
    for (const auto& [name, code] : kBuiltinIcons) state->icon_codepoints.emplace(std::string(name), code);
    read_codepoints_file(options.icon_codepoints_file.empty() ? std::filesystem::path(kPackageCodepoints)
                                                              : options.icon_codepoints_file,
                         state->icon_codepoints);
    FontSet fonts(std::move(state));
    for (int face_id : {kRegular, kBold, kIcons}) fonts.prepare(face_id);
    return fonts;
}

int FontSet::pixel_size(float size) { return std::clamp(static_cast<int>(std::lround(size)), 1, 1024); }

TTF_Font* FontSet::open(int face_id, int size) const {
    // One font per face, moved to the size asked for. Each open font holds its face's
    // tables (~2.5 MB of FreeType and HarfBuzz memory for Noto Sans CJK, ~3 M instructions
    // to read them), while TTF_SetFontSize costs a few microseconds and only drops SDL_ttf's
    // glyph cache, which text drawn once into the Painter's texture cache does not need; and
    // widths and heights are remembered (text_width), so laying out a screen again changes
    // no size. A font per size kept 15 CJK fonts open for the home screen alone: 32 MB.
    State::OpenFace& open = state_->fonts[static_cast<std::size_t>(face_id)];
    if (open.font && open.size == size) return open.font.get();
    if (open.font) {
        if (TTF_SetFontSize(open.font.get(), size) == 0) {
            open.size = size;
            ++state_->rescales;
            return open.font.get();
        }
        SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "font face %d: cannot rescale to %dpx: %s", face_id, size,
                    TTF_GetError());
        open = {};  // a fresh one is opened below
    }
    const Face& face = face_id == kRegular ? state_->regular : face_id == kBold ? state_->bold : state_->icons;
    FontPtr font = open_font(face.path, size, face.index);
    if (!font) {
        SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "font %s #%ld at %dpx: %s", face.path.c_str(), face.index, size,
                    TTF_GetError());
        return nullptr;
    }
    open = {std::move(font), size};
    prepare(face_id);
    return open.font.get();
}

void FontSet::prepare(int face_id) const {
    TTF_Font* font = state_->fonts[static_cast<std::size_t>(face_id)].font.get();
    if (font == nullptr) return;
    // Light hinting keeps glyph shapes close to the design, as browsers on Linux draw them.
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    if (face_id == kBold && state_->bold.synthetic_bold) TTF_SetFontStyle(font, TTF_STYLE_BOLD);
}

TTF_Font* FontSet::text_font(int size, FontWeight weight) const {
    return open(weight == FontWeight::bold ? kBold : kRegular, size);
}

TTF_Font* FontSet::icon_font(int size) const { return open(kIcons, size); }

float FontSet::text_width(std::string_view utf8, float size, FontWeight weight) const {
    if (utf8.empty()) return 0;
    const int px = pixel_size(size);
    std::string key;
    key.reserve(utf8.size() + 8);
    key.append(weight == FontWeight::bold ? "b" : "r").append(std::to_string(px)).append(":").append(utf8);
    if (auto it = state_->widths.find(key); it != state_->widths.end()) return it->second;
    TTF_Font* font = text_font(px, weight);
    if (font == nullptr) return 0;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, key.c_str() + (key.size() - utf8.size()), &w, &h) != 0) return 0;
    if (state_->widths.size() >= kMaxMeasuredStrings) state_->widths.clear();  // refills within a frame
    state_->widths.emplace(std::move(key), static_cast<float>(w));
    return static_cast<float>(w);
}

FontSet::VerticalMetrics FontSet::vertical_metrics(float size, FontWeight weight) const {
    const auto key = std::make_pair(weight == FontWeight::bold ? kBold : kRegular, pixel_size(size));
    if (auto it = state_->vertical.find(key); it != state_->vertical.end()) return it->second;
    TTF_Font* font = text_font(key.second, weight);
    if (font == nullptr) return {size, size * 0.8f};
    const VerticalMetrics metrics{static_cast<float>(TTF_FontHeight(font)), static_cast<float>(TTF_FontAscent(font))};
    state_->vertical.emplace(key, metrics);
    return metrics;
}

float FontSet::line_height(float size, FontWeight weight) const { return vertical_metrics(size, weight).height; }

float FontSet::ascent(float size, FontWeight weight) const { return vertical_metrics(size, weight).ascent; }

std::optional<char32_t> FontSet::icon_codepoint(std::string_view name) const {
    auto it = state_->icon_codepoints.find(std::string(name));
    if (it == state_->icon_codepoints.end()) return std::nullopt;
    return it->second;
}

std::string FontSet::description() const {
    const auto describe = [](const Face& face) {
        return face.family + " (" + face.path.string() + " #" + std::to_string(face.index) +
               (face.synthetic_bold ? ", synthetic bold" : "") + ")";
    };
    return describe(state_->regular) + "; bold: " + describe(state_->bold) + "; icons: " + describe(state_->icons);
}

}  // namespace redgrid::render
