// The resident's call end to end in one process: the real CallFlow recording into the
// durable queue (QueueInteractionSink), the NetworkCallService and the EventUploader, against
// the hub on loopback. One durable record per call: a call made while the hub is down
// reaches it exactly once when it comes back, and the screen says what is true meanwhile.
#include <gtest/gtest.h>

#include "records_support.h"
#include "redgrid/kiosk/ui/call_flow.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/net/queue_interaction_sink.h"

namespace redgrid::test {
namespace {

using kiosk::CallStep;

class CallFlowHub : public RecordsFixture {
protected:
    void SetUp() override {
        provision();
        port_ = unused_port();
        auto bundle = content::parse_bundle(make_bundle_json("k1", "v1").dump());
        ASSERT_TRUE(bundle.has_value());
        content_ = content::Content::make(std::move(*bundle));
    }
    void TearDown() override {
        flow_.reset();
        sink_.reset();
        RecordsFixture::TearDown();
    }
    // The kiosk side as OnlineServices wires it, with test timings.
    void start_kiosk() {
        const auto url = "http://127.0.0.1:" + std::to_string(port_);
        uploader_ = std::make_unique<net::EventUploader>(queue(), endpoint(url), clock_, upload_timing());
        uploader_->start();
        sink_ = std::make_unique<net::QueueInteractionSink>(queue(), [this] { uploader_->nudge(); });
        calls_ = std::make_unique<net::NetworkCallService>(endpoint(url), clock_, call_timing());
        flow_ = std::make_unique<kiosk::CallFlow>(
            clock_, *calls_, *sink_, kiosk::CallFlowOptions{.kiosk_id = "k1", .cooldown = 60s});
        flow_->set_content(content_);
    }
    void call() {
        ASSERT_TRUE(flow_->activate("call"));
        ASSERT_TRUE(flow_->activate("call:confirm"));
    }
    // Moves the kiosk clock on (a second per look) until the flow shows `step`.
    bool wait_for_step(CallStep step, const std::function<bool()>& also = [] { return true; }) {
        return eventually([&] {
            clock_.advance(1s);
            flow_->tick();
            return flow_->step() == step && also();
        }, 20s);
    }
    std::size_t hub_events(const std::string& type) { return hub_->records().events("k1", type).size(); }

    int port_ = 0;
    std::shared_ptr<const content::Content> content_;
    std::unique_ptr<net::QueueInteractionSink> sink_;
    std::unique_ptr<kiosk::CallFlow> flow_;
};

TEST_F(CallFlowHub, ACallMadeWhileTheHubIsDownReachesItExactlyOnceWhenItComesBack) {
    start_kiosk();
    call();
    ASSERT_TRUE(wait_for_step(CallStep::failed));
    EXPECT_TRUE(flow_->view().still_trying) << "the screen says the kiosk keeps trying";
    EXPECT_TRUE(flow_->view().can_cancel);
    // Several POST retries and upload attempts fail meanwhile: still one record.
    for (int i = 0; i < 40; ++i) {
        clock_.advance(1s);
        flow_->tick();
    }
    ASSERT_EQ(queue().depth(), 1u) << "one durable record of the call, however many retries";

    start_hub({}, port_);
    ASSERT_TRUE(wait_for_step(CallStep::calling, [&] { return queue().depth() == 0; }))
        << "back to 'waiting for a member' once the hub has the call";
    EXPECT_FALSE(flow_->view().still_trying);
    EXPECT_TRUE(eventually([&] { return uploader_->stats().uploaded == 1; }));
    EXPECT_EQ(hub_events("call"), 1u) << "the call event arrived once";
    const auto calls = hub_->records().calls(start_, hub_->directory(), "k1");
    ASSERT_EQ(calls.size(), 1u) << "one call, whether the POST or the event came first";
    EXPECT_EQ(calls[0].status, "queued");
    EXPECT_EQ(calls[0].grid_id, "g-01-1");
}

TEST_F(CallFlowHub, ACallCancelledWhileTheHubIsDownArrivesCancelledOnce) {
    start_kiosk();
    call();
    ASSERT_TRUE(wait_for_step(CallStep::failed));
    ASSERT_TRUE(flow_->activate("call:cancel"));
    EXPECT_EQ(flow_->step(), CallStep::cancelled);
    EXPECT_TRUE(eventually([&] {
        clock_.advance(1s);
        return calls_->open_calls() == 0;
    })) << "the service stops retrying a cancelled call";
    EXPECT_EQ(queue().depth(), 2u) << "the call and its cancel, once each";

    start_hub({}, port_);
    uploader_->nudge();
    ASSERT_TRUE(eventually([&] {
        clock_.advance(1s);
        return queue().depth() == 0;
    }));
    EXPECT_EQ(hub_events("call"), 1u);
    EXPECT_EQ(hub_events("call_cancel"), 1u);
    const auto calls = hub_->records().calls(start_, hub_->directory(), "k1");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].status, "cancelled");
}

TEST_F(CallFlowHub, AnOnlineCallIsRecordedOnceToo) {
    start_hub({}, port_);
    start_kiosk();
    call();
    EXPECT_EQ(flow_->step(), CallStep::calling);
    ASSERT_TRUE(eventually([&] {
        clock_.advance(1s);
        flow_->tick();
        return queue().depth() == 0 && hub_events("call") == 1;
    }));
    EXPECT_EQ(hub_->records().calls(start_, hub_->directory(), "k1").size(), 1u);
    ASSERT_TRUE(flow_->activate("call:cancel"));
    ASSERT_TRUE(eventually([&] {
        clock_.advance(1s);
        return queue().depth() == 0 && hub_events("call_cancel") == 1;
    }));
    EXPECT_TRUE(eventually([&] { return hub_->records().calls(start_, hub_->directory(), "k1")[0].status == "cancelled"; }));
    EXPECT_EQ(hub_events("call"), 1u);
}

}  // namespace
}  // namespace redgrid::test
