// Shared by the kiosk tests: a font-free text measurer and the demo content.
#pragma once

#include <memory>

#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/render/text_layout.h"

namespace redgrid::kiosk::test {

// Every code point is 0.9 em wide: close enough to CJK for layout logic, no font needed.
class FakeMeasurer final : public render::TextMeasurer {
public:
    float text_width(std::string_view utf8, float size, render::FontWeight) const override {
        float n = 0;
        for (unsigned char c : utf8)
            if ((c & 0xC0) != 0x80) n += 1;
        return n * size * 0.9f;
    }
    float line_height(float size, render::FontWeight) const override { return size * 1.2f; }
    float ascent(float size, render::FontWeight) const override { return size * 0.9f; }
};

inline std::filesystem::path demo_dir() { return std::filesystem::path(REDGRID_BINARY_DIR) / "share/redgrid/demo"; }

// The generated demo bundle, parsed once per test binary.
inline std::shared_ptr<const Content> demo_content() {
    static const std::shared_ptr<const Content> content = [] {
        auto bundle = load_bundle_file(demo_dir() / "bundle.json");
        if (!bundle) {
            std::string all;
            for (const auto& e : bundle.error()) all += e.to_string() + "\n";
            throw std::runtime_error("demo bundle rejected:\n" + all);
        }
        return Content::make(std::move(*bundle));
    }();
    return content;
}

}  // namespace redgrid::kiosk::test
