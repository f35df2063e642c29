// The call and rating screens in every state, rendered headless through the real renderer
// and fonts into PNGs under the build directory (screen-call/), and checked on their
// DrawLists: every button a finger can hit, nothing outside the screen, no text cut short,
// every icon known, every photo found.
#include <gtest/gtest.h>

#include <filesystem>

#include "redgrid/kiosk/ui/demo_call_service.h"
#include "../../kiosk/ui/src/call_screens.h"
#include "redgrid/content/time_format.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "rendering_support.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

struct Case {
    std::string name;
    int width = 1920, height = 1080;
    Lang lang = Lang::zh;
    bool large = false;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name << "_" << c.width << "x" << c.height; }

// Drives a real flow against the demo dispatcher to the state a case names.
struct Driven {
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    DemoCallService service{clock, test::demo_content()};
    MemoryInteractionSink sink;
    CallFlow flow{clock, service, sink, CallFlowOptions{.kiosk_id = "kiosk-test"}};

    explicit Driven(std::string_view state) {
        flow.set_content(test::demo_content());
        auto step = [&](std::chrono::seconds d) {
            clock.advance(d);
            flow.tick();
        };
        auto call = [&] {
            flow.activate("call");
            flow.activate("call:confirm");
            flow.tick();
        };
        if (state == "confirm") flow.activate("call");
        if (state == "cooldown") {
            call();
            flow.activate("call:cancel");
            flow.reset();
            step(12s);
            flow.activate("call");
        }
        if (state == "calling") call();
        if (state == "escalated") {
            service.set_options({.mode = DemoCallMode::time_out});
            call();
            step(30s);
        }
        if (state == "offline") {
            service.set_options({.mode = DemoCallMode::offline});
            call();
        }
        if (state == "refused") {
            service.set_options({.mode = DemoCallMode::refuse});
            call();
            step(6s);
        }
        if (state == "cancelled") {
            call();
            flow.activate("call:cancel");
        }
        if (state == "coming") {
            call();
            step(6s);
        }
        if (state.starts_with("rating") || state == "thanks") {
            call();
            step(6s);
            step(20s);
        }
        if (state == "rating_chosen" || state == "rating_error" || state == "thanks") {
            flow.activate("rating:star:4");
            flow.activate("rating:tag:patient");
            flow.activate("rating:tag:solved");
        }
        if (state == "rating_error") {
            sink.refuse_with("disk full");
            flow.activate("rating:submit");
        }
        if (state == "thanks") flow.activate("rating:submit");
    }
};

// What each state must offer the resident.
std::vector<std::string> expected_targets(std::string_view state) {
    if (state == "confirm") return {"call:confirm", "call:cancel", "back", "home"};
    if (state == "cooldown") return {"call:cancel", "home"};
    if (state == "calling" || state == "escalated" || state == "coming") return {"call:cancel", "home"};
    if (state == "offline" || state == "refused" || state == "cancelled" || state == "thanks") return {"call:done", "home"};
    if (state == "rating") return {"rating:star:1", "rating:star:5", "rating:tag:timely", "rating:tag:skilled", "rating:skip"};
    if (state == "rating_chosen" || state == "rating_error") return {"rating:submit", "rating:tag:patient", "rating:skip"};
    return {};
}

bool contains_text(const render::DrawList& dl, std::string_view needle) {
    for (const auto& op : dl.ops)
        if (const auto* t = std::get_if<render::Text>(&op); t && t->utf8.find(needle) != std::string::npos) return true;
    return false;
}

class CallScreens : public ::testing::TestWithParam<Case> {
protected:
    // Fonts opened once for the suite's many screens.
    static void SetUpTestSuite() { rendering_.emplace(test::RealRendering::open()); }
    static void TearDownTestSuite() { rendering_.reset(); }
    static render::FontSet& fonts() { return rendering_->fonts; }
    static inline std::optional<test::RealRendering> rendering_;
};

TEST_P(CallScreens, RendersEveryStateReadablyAndTouchably) {
    const Case& c = GetParam();
    Driven d(c.name);
    UiState ui;
    ui.lang = c.lang;
    ui.large_text = c.large;
    const ScreenContext ctx{.content = test::demo_content().get(), .ui = ui, .width = static_cast<float>(c.width),
                            .height = static_cast<float>(c.height), .measurer = fonts(), .now = d.clock.now()};
    const CallFlowView view = d.flow.view();
    const render::DrawList dl = ui::call_flow_screen(ctx, view);

    // The flow is in the state the case names, and the router would pick this screen for it.
    const ScreenId screen = d.flow.screen();
    if (c.name == "confirm" || c.name == "cooldown") {
        EXPECT_EQ(screen, ScreenId::call);
    }
    if (c.name == "coming") {
        EXPECT_EQ(screen, ScreenId::coming);
    }
    if (c.name.starts_with("rating") || c.name == "thanks") {
        EXPECT_EQ(screen, ScreenId::rating);
    }
    if (c.name == "calling" || c.name == "offline" || c.name == "cancelled") {
        EXPECT_EQ(screen, ScreenId::calling);
    }

    const render::Rect screen_rect{0, 0, static_cast<float>(c.width), static_cast<float>(c.height)};
    const float u = std::min(c.width / 1920.f, c.height / 1080.f) > 0.99f || c.height > c.width ? 1.f : 0.f;
    for (const auto& t : dl.targets) {
        EXPECT_TRUE(screen_rect.contains(t.rect)) << t.id;
        if (u > 0 && !t.id.starts_with(kScrollTargetPrefix)) {
            EXPECT_GE(t.rect.w, 96.f) << t.id;
            EXPECT_GE(t.rect.h, 96.f) << t.id;
        }
    }
    // No two of the flow's targets overlap: a finger meets one button only.
    for (std::size_t i = 0; i < dl.targets.size(); ++i)
        for (std::size_t j = i + 1; j < dl.targets.size(); ++j)
            EXPECT_FALSE(dl.targets[i].rect.intersects(dl.targets[j].rect))
                << dl.targets[i].id << " overlaps " << dl.targets[j].id;
    for (const auto& id : expected_targets(c.name)) EXPECT_TRUE(dl.find(id)) << c.name << " lacks " << id;
    // Nothing sends a call except the confirm step's button.
    if (c.name != "confirm") {
        EXPECT_FALSE(dl.find("call:confirm"));
    }

    auto target = render::RenderTarget::offscreen(c.width, c.height);
    ASSERT_TRUE(target) << target.error();
    render::DirectoryMediaStore media(test::demo_dir() / "media");
    render::Painter painter((*target)->renderer(), fonts(), media);
    painter.draw(dl);
    // The nav bar is the shared widget's (layout.h): its labels are checked with it.
    const float nav_top = dl.find("home") ? dl.find("home")->rect.y - 1 : static_cast<float>(c.height);
    for (const auto& op : dl.ops) {
        const auto* t = std::get_if<render::Text>(&op);
        if (!t || t->utf8.empty() || t->box.y >= nav_top) continue;
        EXPECT_TRUE(screen_rect.contains(t->box)) << t->utf8;
        // Text the flow writes is never cut short ("…" at the end of its last line).
        const auto& lines = painter.lines_of(*t);
        ASSERT_FALSE(lines.empty()) << t->utf8;
        const std::string& last = lines.back().utf8;
        EXPECT_FALSE(last.ends_with("…") && !t->utf8.ends_with("…")) << c.name << ": cut: " << t->utf8;
        // And it fits the box vertically.
        const float needed = static_cast<float>(lines.size()) * t->style.size * t->style.line_spacing;
        EXPECT_LE(needed, t->box.h + t->style.size * 0.5f) << c.name << ": too tall: " << t->utf8;
    }
    const render::PainterStats stats = painter.stats();
    EXPECT_EQ(stats.failed_ops, 0u) << stats.last_error;
    EXPECT_EQ(stats.unknown_icons, 0u);
    EXPECT_EQ(stats.missing_images, 0u);

    const fs::path out = fs::path(REDGRID_BINARY_DIR) / "screen-call" /
                         (c.name + (c.lang == Lang::en ? "_en" : "") + (c.large ? "_large" : "") + "_" +
                          std::to_string(c.width) + "x" + std::to_string(c.height) + ".png");
    fs::create_directories(out.parent_path());
    (*target)->present();
    auto saved = (*target)->save_png(out.string());
    ASSERT_TRUE(saved) << saved.error();
}

std::vector<Case> cases() {
    std::vector<Case> out;
    for (const char* s : {"confirm", "cooldown", "calling", "escalated", "offline", "refused", "cancelled", "coming",
                          "rating", "rating_chosen", "rating_error", "thanks"}) {
        out.push_back({s, 1920, 1080});
        out.push_back({s, 1080, 1920});
    }
    for (const char* s : {"confirm", "coming", "offline", "rating_chosen"}) {
        out.push_back({s, 1920, 1080, Lang::en});
        out.push_back({s, 1920, 1080, Lang::zh, true});
        out.push_back({s, 1080, 1920, Lang::en, true});
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(States, CallScreens, ::testing::ValuesIn(cases()), [](const auto& info) {
    const Case& c = info.param;
    return c.name + (c.lang == Lang::en ? "_en" : "") + (c.large ? "_large" : "") + "_" + std::to_string(c.width) +
           "x" + std::to_string(c.height);
});

TEST(CallScreenText, SaysWhatTheResidentNeedsToKnow) {
    test::FakeMeasurer measurer;
    UiState ui;
    {
        Driven d("coming");
        const ScreenContext ctx{.content = test::demo_content().get(), .ui = ui, .measurer = measurer, .now = d.clock.now()};
        const CallFlowView v = d.flow.view();
        const auto dl = ui::call_flow_screen(ctx, v);
        EXPECT_TRUE(contains_text(dl, v.member->name));
        EXPECT_TRUE(contains_text(dl, "约 " + std::to_string(v.eta_left_minutes) + " 分钟到达"));
        bool photo = false;
        for (const auto& op : dl.ops)
            if (const auto* img = std::get_if<render::Image>(&op); img && img->media_key == v.member->photo)
                photo = img->corner_radius * 2 >= std::min(img->box.w, img->box.h) - 0.5f;  // a circle
        EXPECT_TRUE(photo);
    }
    {
        Driven d("offline");
        const ScreenContext ctx{.content = test::demo_content().get(), .ui = ui, .measurer = measurer, .now = d.clock.now()};
        const auto dl = ui::call_flow_screen(ctx, d.flow.view());
        const Member contact = *d.flow.view().contact;
        EXPECT_TRUE(contains_text(dl, "网络暂时不通"));
        EXPECT_TRUE(contains_text(dl, contact.name));
        EXPECT_TRUE(contains_text(dl, contact.phone_masked));
        bool qr = false;
        for (const auto& op : dl.ops)
            if (const auto* q = std::get_if<render::QrCode>(&op); q && q->data == contact.contact_url) qr = true;
        EXPECT_TRUE(qr);
    }
    {
        Driven d("cooldown");
        const ScreenContext ctx{.content = test::demo_content().get(), .ui = ui, .measurer = measurer, .now = d.clock.now()};
        const auto dl = ui::call_flow_screen(ctx, d.flow.view());
        EXPECT_TRUE(contains_text(dl, "刚刚已经呼叫过"));
        EXPECT_TRUE(contains_text(dl, "还需等待 48 秒"));
    }
    {
        Driven d("rating_error");
        const ScreenContext ctx{.content = test::demo_content().get(), .ui = ui, .measurer = measurer, .now = d.clock.now()};
        const auto dl = ui::call_flow_screen(ctx, d.flow.view());
        EXPECT_TRUE(contains_text(dl, "评价未能保存"));
    }
}

}  // namespace
}  // namespace redgrid::kiosk
