// The one-key call as a resident lives it, on a fake clock against the demo dispatcher:
// every state reachable, the confirm step and the cooldown guarding every call, cancel at
// each stage, the phone and QR when nobody can come, and each rating stored exactly once.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "redgrid/kiosk/ui/demo_call_service.h"
#include "redgrid/kiosk/ui/call_flow.h"
#include "redgrid/content/time_format.h"
#include "test_support.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;

class CallFlowTest : public ::testing::Test {
protected:
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    std::shared_ptr<const Content> content = test::demo_content();
    DemoCallService service{clock, content, DemoCallOptions{}};
    MemoryInteractionSink sink;
    int keys = 0;
    CallFlow flow{clock, service, sink,
                  CallFlowOptions{.kiosk_id = "kiosk-test", .cooldown = 60s, .thanks_for = 8s,
                                  .new_call_key = [this] { return "key-" + std::to_string(++keys); }}};

    void SetUp() override { flow.set_content(content); }

    void advance(std::chrono::milliseconds d) {
        clock.advance(d);
        flow.tick();
    }
    void place_call() {
        ASSERT_TRUE(flow.activate("call"));
        ASSERT_EQ(flow.step(), CallStep::confirm);
        ASSERT_TRUE(flow.activate("call:confirm"));
        flow.tick();
        ASSERT_EQ(flow.step(), CallStep::calling);
    }
    void reach_rating() {
        place_call();
        advance(6s);
        ASSERT_EQ(flow.step(), CallStep::coming);
        advance(20s);
        ASSERT_EQ(flow.step(), CallStep::rating);
    }
    const Member& nearest() const { return *content->on_duty_nearest(content->bundle().place.grid_id, 1).front(); }
    std::vector<nlohmann::json> payloads(InteractionKind kind) const {
        std::vector<nlohmann::json> out;
        for (const auto& r : sink.records_of(kind)) out.push_back(nlohmann::json::parse(r.payload_json));
        return out;
    }
};

TEST_F(CallFlowTest, AnsweredCallGoesThroughEveryStepToRatingAndHome) {
    EXPECT_FALSE(flow.active());
    EXPECT_EQ(flow.screen(), ScreenId::home);
    place_call();
    EXPECT_EQ(flow.screen(), ScreenId::calling);
    ASSERT_EQ(service.requests().size(), 1u);
    EXPECT_EQ(service.requests()[0].kiosk_id, "kiosk-test");
    EXPECT_EQ(service.requests()[0].grid_id, content->bundle().place.grid_id);
    EXPECT_EQ(service.requests()[0].idempotency_key, "key-1");
    // The call is recorded before anything else happens.
    ASSERT_EQ(payloads(InteractionKind::call).size(), 1u);
    EXPECT_EQ(payloads(InteractionKind::call)[0]["client_call_id"], "key-1");

    EXPECT_EQ(flow.time_until_next_change(), std::chrono::milliseconds(6000));
    advance(5s);
    EXPECT_EQ(flow.step(), CallStep::calling);
    advance(1s);
    ASSERT_EQ(flow.step(), CallStep::coming);
    EXPECT_EQ(flow.screen(), ScreenId::coming);
    const CallFlowView coming = flow.view();
    ASSERT_TRUE(coming.member);
    EXPECT_EQ(coming.member->id, nearest().id);
    EXPECT_EQ(coming.member->name, nearest().name);
    EXPECT_EQ(coming.member->photo, nearest().photo);
    EXPECT_GE(coming.eta_left_minutes, 2);
    EXPECT_TRUE(coming.can_cancel);

    advance(20s);
    ASSERT_EQ(flow.step(), CallStep::rating);
    EXPECT_EQ(flow.screen(), ScreenId::rating);
    EXPECT_TRUE(flow.view().arrived);
    EXPECT_FALSE(flow.call_open());

    EXPECT_TRUE(flow.activate("rating:star:4"));
    EXPECT_TRUE(flow.activate("rating:tag:patient"));
    EXPECT_TRUE(flow.activate("rating:tag:solved"));
    EXPECT_TRUE(flow.activate("rating:submit"));
    EXPECT_EQ(flow.step(), CallStep::thanks);
    EXPECT_EQ(flow.screen(), ScreenId::rating);
    const auto ratings = payloads(InteractionKind::rating);
    ASSERT_EQ(ratings.size(), 1u);
    EXPECT_EQ(ratings[0]["stars"], 4);
    EXPECT_EQ(ratings[0]["tags"], nlohmann::json::array({"耐心", "解决了问题"}));
    EXPECT_EQ(ratings[0]["member_id"], nearest().id);
    EXPECT_EQ(ratings[0]["call_id"], "demo-call-1");

    advance(7s);
    EXPECT_EQ(flow.step(), CallStep::thanks);
    advance(1s);
    EXPECT_EQ(flow.step(), CallStep::idle);
    EXPECT_FALSE(flow.active());
}

TEST_F(CallFlowTest, NoCallIsSentWithoutTheConfirmStep) {
    EXPECT_FALSE(flow.activate("call:confirm"));
    EXPECT_TRUE(flow.activate("call"));
    EXPECT_EQ(flow.screen(), ScreenId::call);
    advance(120s);
    EXPECT_EQ(flow.step(), CallStep::confirm);  // waiting on the confirm step sends nothing
    EXPECT_TRUE(flow.activate("call:cancel"));
    EXPECT_EQ(flow.step(), CallStep::idle);
    EXPECT_FALSE(flow.activate("call:confirm"));
    EXPECT_TRUE(service.requests().empty());
    EXPECT_TRUE(sink.records().empty());
}

TEST_F(CallFlowTest, DoubleTapOnConfirmSendsOneCall) {
    ASSERT_TRUE(flow.activate("call"));
    EXPECT_TRUE(flow.activate("call:confirm"));
    EXPECT_FALSE(flow.activate("call:confirm"));
    EXPECT_EQ(service.requests().size(), 1u);
    EXPECT_EQ(sink.records_of(InteractionKind::call).size(), 1u);
}

TEST_F(CallFlowTest, CooldownShowsTheWaitAndNeverSends) {
    place_call();
    ASSERT_TRUE(flow.activate("call:cancel"));
    advance(8s);
    ASSERT_EQ(flow.step(), CallStep::idle);
    advance(10s);  // 18 s since the call
    ASSERT_TRUE(flow.activate("call"));
    EXPECT_EQ(flow.step(), CallStep::cooldown);
    EXPECT_EQ(flow.screen(), ScreenId::call);
    EXPECT_EQ(flow.view().cooldown_left_s, 42);
    EXPECT_FALSE(flow.activate("call:confirm"));
    EXPECT_EQ(flow.time_until_next_change(), std::chrono::milliseconds(1000));
    advance(1500ms);
    EXPECT_EQ(flow.view().cooldown_left_s, 41);  // 40.5 s left shows as 41
    EXPECT_EQ(service.requests().size(), 1u);
    // When the wait is over the resident is back on the confirm step: still one tap to send.
    advance(41s);
    EXPECT_EQ(flow.step(), CallStep::confirm);
    EXPECT_EQ(service.requests().size(), 1u);
    EXPECT_TRUE(flow.activate("call:confirm"));
    EXPECT_EQ(service.requests().size(), 2u);
}

TEST_F(CallFlowTest, CooldownBackLeavesWithoutSending) {
    place_call();
    ASSERT_TRUE(flow.activate("call:cancel"));
    flow.reset();
    ASSERT_TRUE(flow.activate("call"));
    ASSERT_EQ(flow.step(), CallStep::cooldown);
    EXPECT_TRUE(flow.activate("call:cancel"));
    EXPECT_EQ(flow.step(), CallStep::idle);
    EXPECT_EQ(service.requests().size(), 1u);
}

TEST_F(CallFlowTest, CancelWhileCallingRecordsItAndStopsTheCall) {
    place_call();
    EXPECT_TRUE(flow.view().can_cancel);
    EXPECT_TRUE(flow.activate("call:cancel"));
    EXPECT_EQ(flow.step(), CallStep::cancelled);
    EXPECT_EQ(flow.screen(), ScreenId::calling);
    const auto cancels = payloads(InteractionKind::call_cancel);
    ASSERT_EQ(cancels.size(), 1u);
    EXPECT_EQ(cancels[0]["client_call_id"], "key-1");
    EXPECT_EQ(cancels[0]["step"], "calling");
    advance(7s);  // past the dispatcher's answer time: the cancelled call stays cancelled
    EXPECT_EQ(flow.step(), CallStep::cancelled);
    EXPECT_FALSE(flow.activate("call:cancel"));
    EXPECT_TRUE(flow.activate("call:done"));
    EXPECT_EQ(flow.step(), CallStep::idle);
    advance(60s);
    EXPECT_EQ(flow.step(), CallStep::idle);
}

TEST_F(CallFlowTest, CancelWhileComing) {
    place_call();
    advance(6s);
    ASSERT_EQ(flow.step(), CallStep::coming);
    EXPECT_TRUE(flow.activate("call:cancel"));
    EXPECT_EQ(flow.step(), CallStep::cancelled);
    EXPECT_EQ(payloads(InteractionKind::call_cancel).at(0)["step"], "coming");
    advance(30s);  // no arrival, no rating for a cancelled call; back home by itself
    EXPECT_EQ(flow.step(), CallStep::idle);
}

TEST_F(CallFlowTest, OfflineShowsTheNearestMembersPhoneAndQr) {
    service.set_options({.mode = DemoCallMode::offline});
    ASSERT_TRUE(flow.activate("call"));
    ASSERT_TRUE(flow.activate("call:confirm"));
    EXPECT_EQ(flow.step(), CallStep::calling);  // until the service's news is applied
    flow.tick();
    ASSERT_EQ(flow.step(), CallStep::failed);
    EXPECT_EQ(flow.screen(), ScreenId::calling);
    const CallFlowView v = flow.view();
    EXPECT_EQ(v.fail_reason, FailReason::offline);
    ASSERT_TRUE(v.contact);
    EXPECT_EQ(v.contact->id, nearest().id);
    EXPECT_FALSE(v.contact->phone_masked.empty());
    EXPECT_FALSE(v.contact->contact_url.empty());
    EXPECT_FALSE(v.can_cancel);
    EXPECT_TRUE(flow.activate("call:done"));
    EXPECT_EQ(flow.step(), CallStep::idle);
}

TEST_F(CallFlowTest, OfflineButStillTryingKeepsTheCallCancellable) {
    // The network service reports offline while it retries; the flow follows later news.
    struct RetryingService final : CallService {
        std::vector<CallUpdate> pending;
        CallId request(const CallRequest&) override {
            pending.push_back({.call_id = "c1", .state = CallState::offline, .message = "no route", .still_trying = true});
            return "c1";
        }
        void cancel(const CallId&) override {}
        std::vector<CallUpdate> drain_updates() override { return std::exchange(pending, {}); }
    } retrying;
    CallFlow f{clock, retrying, sink, CallFlowOptions{.kiosk_id = "k"}};
    f.set_content(content);
    ASSERT_TRUE(f.activate("call"));
    ASSERT_TRUE(f.activate("call:confirm"));
    f.tick();
    ASSERT_EQ(f.step(), CallStep::failed);
    EXPECT_TRUE(f.view().still_trying);
    EXPECT_TRUE(f.view().can_cancel);
    EXPECT_FALSE(f.activate("call:done"));  // only an explicit cancel ends a call being sent
    retrying.pending.push_back({.call_id = "c1", .state = CallState::dispatched,
                                .member = DispatchedMember{.id = "m", .name = "N", .eta_minutes = 3}});
    f.tick();
    EXPECT_EQ(f.step(), CallStep::coming);
    EXPECT_EQ(f.view().eta_left_minutes, 3);
}

TEST_F(CallFlowTest, QueuedAfterOfflineSaysTheCallIsWaitingNotThatTheNetworkIsDown) {
    // The retried POST reached the hub: the screen must stop saying "offline, still trying".
    struct RetryingService final : CallService {
        std::vector<CallUpdate> pending;
        CallId request(const CallRequest&) override {
            pending.push_back({.call_id = "c1", .state = CallState::offline, .message = "no route", .still_trying = true});
            return "c1";
        }
        void cancel(const CallId&) override {}
        std::vector<CallUpdate> drain_updates() override { return std::exchange(pending, {}); }
    } retrying;
    CallFlow f{clock, retrying, sink, CallFlowOptions{.kiosk_id = "k"}};
    f.set_content(content);
    ASSERT_TRUE(f.activate("call"));
    ASSERT_TRUE(f.activate("call:confirm"));
    f.tick();
    ASSERT_EQ(f.step(), CallStep::failed);
    ASSERT_TRUE(f.view().still_trying);
    retrying.pending.push_back({.call_id = "c1", .state = CallState::queued});
    EXPECT_TRUE(f.tick());
    EXPECT_EQ(f.step(), CallStep::calling);
    EXPECT_EQ(f.screen(), ScreenId::calling);
    EXPECT_FALSE(f.view().still_trying);
    EXPECT_FALSE(f.view().contact.has_value());
    EXPECT_TRUE(f.view().can_cancel);
    // Offline again while waiting, then escalated by the hub: waiting, at the duty desk.
    retrying.pending.push_back({.call_id = "c1", .state = CallState::offline, .message = "x", .still_trying = true});
    f.tick();
    ASSERT_EQ(f.step(), CallStep::failed);
    retrying.pending.push_back({.call_id = "c1", .state = CallState::escalated, .message = "passed to desk"});
    f.tick();
    EXPECT_EQ(f.step(), CallStep::calling);
    EXPECT_TRUE(f.view().escalated);
    // A final failure still ends on the phone number, and queued news of an ended call is ignored.
    retrying.pending.push_back({.call_id = "c1", .state = CallState::refused});
    f.tick();
    ASSERT_EQ(f.step(), CallStep::failed);
    retrying.pending.push_back({.call_id = "c1", .state = CallState::queued});
    f.tick();
    EXPECT_EQ(f.step(), CallStep::failed);
    EXPECT_EQ(sink.records_of(InteractionKind::call).size(), 1u) << "one record of the call";
}

TEST_F(CallFlowTest, RefusedShowsTheContactInstead) {
    service.set_options({.mode = DemoCallMode::refuse, .answer_after = 4s});
    place_call();
    advance(4s);
    ASSERT_EQ(flow.step(), CallStep::failed);
    EXPECT_EQ(flow.view().fail_reason, FailReason::refused);
    ASSERT_TRUE(flow.view().contact);
    EXPECT_FALSE(flow.call_open());
}

TEST_F(CallFlowTest, TimeoutEscalatesToTheDutyDeskThenExpires) {
    service.set_options({.mode = DemoCallMode::time_out, .escalate_after = 30s, .expire_after = 60s});
    place_call();
    advance(30s);
    EXPECT_EQ(flow.step(), CallStep::calling);
    EXPECT_TRUE(flow.view().escalated);
    EXPECT_TRUE(flow.view().can_cancel);
    advance(60s);
    ASSERT_EQ(flow.step(), CallStep::failed);
    EXPECT_EQ(flow.view().fail_reason, FailReason::expired);
}

TEST_F(CallFlowTest, RatingIsStoredOnceEvenOnADoubleTap) {
    reach_rating();
    EXPECT_FALSE(flow.activate("rating:submit"));  // no stars yet: nothing to send
    EXPECT_TRUE(flow.activate("rating:star:5"));
    EXPECT_TRUE(flow.activate("rating:submit"));
    EXPECT_FALSE(flow.activate("rating:submit"));
    EXPECT_FALSE(flow.activate("rating:star:1"));
    EXPECT_EQ(sink.records_of(InteractionKind::rating).size(), 1u);
    EXPECT_EQ(payloads(InteractionKind::rating)[0]["stars"], 5);
    EXPECT_EQ(payloads(InteractionKind::rating)[0]["tags"], nlohmann::json::array());
}

// Privacy (docs/security.md): a rating is anonymous. It names the call and the member,
// never the resident: exactly these keys, stars 1..5 and tags from the fixed set, no
// free text (the kiosk has no keyboard), no device or person identifier.
TEST_F(CallFlowTest, RatingIsAnonymousWithFixedKeysAndNoFreeText) {
    reach_rating();
    ASSERT_TRUE(flow.activate("rating:star:4"));
    ASSERT_TRUE(flow.activate("rating:tag:warm"));
    ASSERT_TRUE(flow.activate("rating:submit"));
    const auto rating = payloads(InteractionKind::rating).at(0);
    std::vector<std::string> keys_seen;
    for (const auto& [key, value] : rating.items()) keys_seen.push_back(key);
    EXPECT_EQ(keys_seen, (std::vector<std::string>{"at", "call_id", "client_call_id", "member_id", "stars", "tags"}));
    EXPECT_EQ(rating["stars"], 4);
    ASSERT_EQ(rating["tags"].size(), 1u);
    EXPECT_EQ(rating["tags"][0], std::string(rating_tag_stored_label("warm")));
    EXPECT_EQ(rating["member_id"], nearest().id);
    ASSERT_FALSE(nearest().phone_masked.empty());
    EXPECT_EQ(rating.dump().find(nearest().phone_masked), std::string::npos) << "not even the masked phone";
}

TEST_F(CallFlowTest, AtMostTwoTagsAndATapTakesOneBack) {
    reach_rating();
    EXPECT_TRUE(flow.activate("rating:tag:timely"));
    EXPECT_TRUE(flow.activate("rating:tag:warm"));
    EXPECT_FALSE(flow.activate("rating:tag:skilled"));
    EXPECT_FALSE(flow.activate("rating:tag:nonsense"));
    EXPECT_FALSE(flow.activate("rating:star:6"));
    EXPECT_FALSE(flow.activate("rating:star:x"));
    EXPECT_EQ(flow.view().tags, (std::vector<std::string>{"timely", "warm"}));
    EXPECT_TRUE(flow.activate("rating:tag:timely"));
    EXPECT_TRUE(flow.activate("rating:tag:skilled"));
    EXPECT_EQ(flow.view().tags, (std::vector<std::string>{"warm", "skilled"}));
}

TEST_F(CallFlowTest, RefusedRatingIsSaidAndCanBeRetried) {
    reach_rating();
    flow.activate("rating:star:3");
    sink.refuse_with("disk full");
    EXPECT_TRUE(flow.activate("rating:submit"));
    EXPECT_EQ(flow.step(), CallStep::rating);
    EXPECT_EQ(flow.view().save_error, "disk full");
    EXPECT_EQ(flow.view().stars, 3);
    sink.refuse_with("");
    EXPECT_TRUE(flow.activate("rating:submit"));
    EXPECT_EQ(flow.step(), CallStep::thanks);
    EXPECT_EQ(sink.records_of(InteractionKind::rating).size(), 1u);
}

TEST_F(CallFlowTest, SkipStoresNothing) {
    reach_rating();
    EXPECT_TRUE(flow.activate("rating:skip"));
    EXPECT_EQ(flow.step(), CallStep::idle);
    EXPECT_TRUE(sink.records_of(InteractionKind::rating).empty());
}

TEST_F(CallFlowTest, ResetForgetsAHalfDoneRating) {
    reach_rating();
    flow.activate("rating:star:2");
    flow.activate("rating:tag:warm");
    flow.reset();
    EXPECT_EQ(flow.step(), CallStep::idle);
    EXPECT_FALSE(flow.active());
    EXPECT_EQ(flow.view().stars, 0);
    EXPECT_TRUE(flow.view().tags.empty());
    EXPECT_FALSE(flow.activate("rating:submit"));
    EXPECT_TRUE(sink.records_of(InteractionKind::rating).empty());
}

TEST_F(CallFlowTest, ResetKeepsAnOpenCallOutOfSightUntilItMatters) {
    place_call();
    advance(6s);
    ASSERT_EQ(flow.step(), CallStep::coming);
    flow.reset();  // the resident pressed Home, or walked away
    EXPECT_FALSE(flow.active());
    EXPECT_TRUE(flow.call_open());
    EXPECT_TRUE(flow.activate("call"));  // the home button shows the call under way
    EXPECT_EQ(flow.screen(), ScreenId::coming);
    EXPECT_EQ(service.requests().size(), 1u);
    flow.reset();
    advance(20s);  // the member arrives: the rating surfaces by itself
    EXPECT_TRUE(flow.active());
    EXPECT_EQ(flow.screen(), ScreenId::rating);
}

TEST_F(CallFlowTest, EtaCountsDownByTheMinute) {
    service.set_options({.answer_after = 1s, .arrive_after = 1h});
    place_call();
    advance(1s);
    const int eta = flow.view().eta_left_minutes;
    ASSERT_GE(eta, 2);
    EXPECT_EQ(flow.time_until_next_change(), std::chrono::milliseconds(60'000));
    advance(60s);
    EXPECT_EQ(flow.view().eta_left_minutes, eta - 1);
    advance(std::chrono::minutes(eta + 5));
    EXPECT_EQ(flow.view().eta_left_minutes, 1);  // late is "about 1 minute", never zero or less
}

TEST_F(CallFlowTest, UnknownIdsAreNotTheFlows) {
    EXPECT_FALSE(flow.activate("tile:map"));
    EXPECT_FALSE(flow.activate("rating:star:3"));
    EXPECT_FALSE(flow.activate("call:done"));
    EXPECT_FALSE(flow.activate("call:cancel"));
}

TEST(DemoCallService, ModesNamesAndSameKeySameCall) {
    EXPECT_EQ(demo_call_mode_from_string("time_out"), DemoCallMode::time_out);
    EXPECT_EQ(demo_call_mode_from_string("offline"), DemoCallMode::offline);
    EXPECT_FALSE(demo_call_mode_from_string("sometimes"));
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    DemoCallService service{clock, test::demo_content()};
    const CallRequest r{.kiosk_id = "k", .grid_id = test::demo_content()->bundle().place.grid_id,
                        .idempotency_key = "same"};
    EXPECT_EQ(service.request(r), service.request(r));
    EXPECT_FALSE(service.time_until_next_update().has_value() && *service.time_until_next_update() > 0ms);
    const auto first = service.drain_updates();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].state, CallState::queued);
    EXPECT_EQ(service.time_until_next_update(), std::chrono::milliseconds(6000));
}

TEST(DemoCallService, NobodyOnDutyIsARefusalNotAHang) {
    FakeClock clock{*parse_rfc3339("2026-11-25T09:30:00+08:00")};
    Bundle b = test::demo_content()->bundle();
    for (auto& m : b.members) m.on_duty = false;
    DemoCallService service{clock, Content::make(std::move(b))};
    const CallId id = service.request({.kiosk_id = "k", .grid_id = "g", .idempotency_key = "x"});
    clock.advance(6s);
    const auto updates = service.drain_updates();
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[1].call_id, id);
    EXPECT_EQ(updates[1].state, CallState::refused);
    EXPECT_TRUE(is_final(updates[1].state));
}

}  // namespace
}  // namespace redgrid::kiosk
