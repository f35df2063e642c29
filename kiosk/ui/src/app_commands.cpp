// The App's side of the server's reload and upload_screenshot commands (docs/protocol.md
// "Commands"); kiosk/app/src/server_commands.cpp carries them out around it.
#include "redgrid/kiosk/ui/app.h"

#include "redgrid/content/content.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/maintenance_flow.h"

namespace redgrid::kiosk {

void App::reload(std::shared_ptr<const Content> content) {
    set_content(std::move(content));
    // As the idle return does: walking away and a reload both start the screen afresh.
    flow_->reset();
    call_view_ = flow_->view();
    go_home(true);
    // The home screen stays for the whole attract wait, with no fade from what was there.
    touched();
    jumped_ = true;
    transition_start_.reset();
    dirty_ = true;
    speak_changes(false);
}

render::DrawList App::screenshot_frame(const render::TextMeasurer& measurer) {
    const render::DrawList& shown = frame(measurer);
    if (maint_->view().page != MaintPage::pin) return shown;
    MaintenanceView masked = maint_->view();
    masked.digits = 0;
    UiState ui = ui_;
    if (ui.pressed_id.starts_with(maint_ids::digit_prefix)) ui.pressed_id.clear();
    const ScreenContext ctx{.content = content_.get(), .ui = ui, .width = width_, .height = height_,
                            .measurer = measurer, .now = clock_.now(), .utc_offset_minutes = options_.utc_offset_minutes,
                            .content_updated_at = content_confirmed_, .call = &call_view_, .maintenance = &masked,
                            .maintenance_corner = maint_->enabled(), .clock_synced = options_.clock_synced};
    return build_screen(ctx);
}

}  // namespace redgrid::kiosk
