// The one-key call at the service level, on loopback: NetworkCallService on the kiosk,
// the hub with an injected clock, an admin playing the dispatcher with the CLI.
#include <gtest/gtest.h>

#include "records_support.h"

namespace redgrid::test {
namespace {

using protocol::CallState;

class Calls : public RecordsFixture {
protected:
    protocol::CallRequest request(std::string key) {
        return {.kiosk_id = "k1", .grid_id = "g-01-1", .category = "health", .member_id = std::nullopt,
                .idempotency_key = std::move(key)};
    }
    void start_service(const std::string& url) {
        calls_ = std::make_unique<net::NetworkCallService>(endpoint(url), clock_, call_timing());
    }
    const protocol::CallUpdate& last() { return updates().back(); }
    // POSTs a call as the kiosk does, straight to the hub: a retry is the same body again.
    long post_call(const std::string& client_call_id, std::string* body = nullptr) {
        net::HttpClient http({});
        net::HttpRequest post{.method = "POST",
                              .url = hub_url() + "/api/v1/kiosks/k1/calls",
                              .headers = {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
                              .body = nlohmann::json{{"client_call_id", client_call_id}, {"grid_id", "g-01-1"}}.dump()};
        const auto answer = http.perform(post);
        EXPECT_TRUE(answer.has_value()) << answer.error().message;
        if (!answer) return 0;
        if (body) *body = answer->body;
        return answer->status;
    }
    // Uploads the call event the kiosk's CallFlow queues for client_call_id.
    void upload_call_event(const std::string& client_call_id) {
        ASSERT_TRUE(queue()
                        .enqueue(net::EventKind::call,
                                 nlohmann::json{{"client_call_id", client_call_id}, {"grid_id", "g-01-1"}}.dump())
                        .has_value());
        net::EventUploader uploader(queue(), endpoint(hub_url()), clock_, upload_timing());
        ASSERT_TRUE(uploader.upload_batch().has_value());
    }
};

TEST_F(Calls, DispatchedFromTheCliShowsTheMemberThenClosesAndTheRatingArrivesOnce) {
    start_hub();  // the simulator never answers: a person plays the dispatcher
    start_service(hub_url());
    const auto id = calls_->request(request("key-1"));
    EXPECT_EQ(id, "key-1");
    ASSERT_TRUE(wait_for_state(CallState::queued));
    ASSERT_EQ(calls_->hub_call_id(id), "call-1");
    EXPECT_EQ(calls_->request(request("key-1")), "key-1") << "the same key is the same call";

    std::string output;
    ASSERT_EQ(cli({"call", "dispatch", "call-1", "--member", "m-0001", "--eta", "5"}, &output), 0) << output;
    ASSERT_TRUE(wait_for_state(CallState::dispatched));
    const auto dispatched = last();
    ASSERT_TRUE(dispatched.member.has_value());
    EXPECT_EQ(dispatched.member->id, "m-0001");
    EXPECT_EQ(dispatched.member->name, make_bundle_json("k1", "v1")["members"][0]["name"].get<std::string>())
        << "the name from the kiosk's published bundle";
    EXPECT_EQ(dispatched.member->eta_minutes, 5);

    ASSERT_EQ(cli({"call", "arrive", "call-1"}, &output), 0) << output;
    ASSERT_TRUE(wait_for_state(CallState::arrived));
    ASSERT_EQ(cli({"call", "close", "call-1"}, &output), 0) << output;
    ASSERT_TRUE(wait_for_state(CallState::closed));
    EXPECT_TRUE(eventually([&] { return calls_->open_calls() == 0; })) << "a closed call is no longer polled";
    EXPECT_NE(cli({"call", "close", "call-1"}, &output), 0) << "closed is final";
    EXPECT_NE(output.find("call-1 is already closed"), std::string::npos) << output;

    // The rating, as the call screen records it, through the durable queue.
    ASSERT_TRUE(queue().enqueue(net::EventKind::rating,
                                R"({"call_id":"key-1","client_call_id":"key-1","member_id":"m-0001","stars":5,"tags":["耐心"]})")
                    .has_value());
    net::EventUploader uploader(queue(), endpoint(hub_url()), clock_, upload_timing());
    ASSERT_TRUE(uploader.upload_batch().has_value());
    ASSERT_TRUE(uploader.upload_batch().has_value());
    const auto ratings = hub_->records().events("k1", "rating");
    ASSERT_EQ(ratings.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(ratings[0].data_json)["stars"], 5);

    ASSERT_EQ(cli({"calls"}, &output), 0);
    EXPECT_NE(output.find("closed"), std::string::npos) << output;
    ASSERT_EQ(cli({"call", "show", "call-1"}, &output), 0);
    for (const char* step : {"queued", "dispatched", "arrived", "closed", "admin", "m-0001"})
        EXPECT_NE(output.find(step), std::string::npos) << step << " in\n" << output;
}

TEST_F(Calls, TheSimulatorAnswersWithAnOnDutyMemberOfTheGrid) {
    hub::CallPolicy policy;
    policy.mode = hub::DispatchMode::answer;
    policy.answer_after = 10s;
    policy.eta = 240s;
    start_hub(policy);
    start_service(hub_url());
    calls_->request(request("key-sim"));
    ASSERT_TRUE(wait_for_state(CallState::queued));
    advance_hub(10s);
    ASSERT_TRUE(wait_for_state(CallState::dispatched));
    EXPECT_EQ(last().member->id, "m-0001");
    EXPECT_EQ(last().member->eta_minutes, 4);
}

TEST_F(Calls, RefusedByTheDispatcherIsFinal) {
    hub::CallPolicy policy;
    policy.mode = hub::DispatchMode::refuse;
    policy.answer_after = 10s;
    start_hub(policy);
    start_service(hub_url());
    calls_->request(request("key-refuse"));
    ASSERT_TRUE(wait_for_state(CallState::queued));
    advance_hub(10s);
    ASSERT_TRUE(wait_for_state(CallState::refused));
    EXPECT_TRUE(eventually([&] { return calls_->open_calls() == 0; }));
}

TEST_F(Calls, NobodyAnswersEscalatedToTheDutyDeskThenExpiredNeverHangs) {
    hub::CallPolicy policy;
    policy.escalate_after = 120s;
    policy.expire_after = 600s;
    start_hub(policy);
    start_service(hub_url());
    calls_->request(request("key-late"));
    ASSERT_TRUE(wait_for_state(CallState::queued));
    advance_hub(120s);
    ASSERT_TRUE(wait_for_state(CallState::escalated));
    EXPECT_NE(last().message.find("值班室"), std::string::npos) << last().message;
    advance_hub(600s);
    ASSERT_TRUE(wait_for_state(CallState::expired));
    const auto log = hub_->records().call_log(1);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[1].status, "escalated");
    EXPECT_EQ(log[1].at, start_ + 120s) << "escalated at its due time, not when someone looked";
    EXPECT_EQ(log[2].status, "expired");
    EXPECT_EQ(log[2].at, start_ + 720s);
}

TEST_F(Calls, CancelOnlineEndsTheCallAtTheHub) {
    start_hub();
    start_service(hub_url());
    const auto id = calls_->request(request("key-cancel"));
    ASSERT_TRUE(wait_for_state(CallState::queued));
    calls_->cancel(id);
    ASSERT_TRUE(wait_for_state(CallState::cancelled));
    EXPECT_FALSE(last().still_trying);
    EXPECT_EQ(hub_->records().call_by_client_id("k1", "key-cancel")->status, "cancelled");
    EXPECT_EQ(queue().depth(), 0u) << "the service never queues: the call flow keeps the one record";
}

TEST_F(Calls, OfflineTheServiceSaysStillTryingQueuesNothingAndTheCancelWillBeCancelled) {
    // The durable records are the caller's (CallFlow, tests/hub/call_flow_hub_test.cpp):
    // the service itself must not queue a second copy of the call or of its cancel.
    provision();
    const int port = unused_port();
    start_service("http://127.0.0.1:" + std::to_string(port));
    const auto id = calls_->request(request("key-offline"));
    ASSERT_TRUE(wait_for_state(CallState::offline));
    EXPECT_TRUE(last().still_trying) << "the screen says it is still trying";
    clock_.advance(10s);
    EXPECT_EQ(queue().depth(), 0u) << "nothing queued by the service";
    calls_->cancel(id);
    ASSERT_TRUE(wait_for_state(CallState::cancelled));
    EXPECT_TRUE(last().still_trying);
    EXPECT_EQ(last().message, net::kWillBeCancelled);
    EXPECT_EQ(queue().depth(), 0u);
    EXPECT_TRUE(eventually([&] { return calls_->open_calls() == 0; }));
}

TEST_F(Calls, OfflineThenOnlineTheRetryPlacesTheCall) {
    provision();
    const int port = unused_port();
    start_service("http://127.0.0.1:" + std::to_string(port));
    calls_->request(request("key-retry"));
    ASSERT_TRUE(wait_for_state(CallState::offline));
    start_hub({}, port);
    ASSERT_TRUE(wait_for_state(CallState::queued)) << "the retried POST reached the hub";
    EXPECT_EQ(calls_->hub_call_id("key-retry"), "call-1");
    EXPECT_EQ(hub_->records().calls(start_, hub_->directory()).size(), 1u);
}

TEST_F(Calls, CallNumbersStayConsecutiveWhenARequestOrEventArrivesTwice) {
    start_hub();
    std::string body;
    ASSERT_EQ(post_call("key-a", &body), 201);
    EXPECT_EQ(nlohmann::json::parse(body)["call_id"], "call-1");
    ASSERT_EQ(post_call("key-a", &body), 200) << "a retried POST finds its call";
    EXPECT_EQ(nlohmann::json::parse(body)["call_id"], "call-1");
    upload_call_event("key-a");  // the same call's queued event, after its POST
    ASSERT_EQ(post_call("key-b", &body), 201);
    EXPECT_EQ(nlohmann::json::parse(body)["call_id"], "call-2") << "no number was used up by the repeats";
    upload_call_event("key-c");  // an event that arrives before its POST creates the call
    ASSERT_EQ(post_call("key-c", &body), 200);
    EXPECT_EQ(nlohmann::json::parse(body)["call_id"], "call-3");
    ASSERT_EQ(post_call("key-d", &body), 201);
    EXPECT_EQ(nlohmann::json::parse(body)["call_id"], "call-4");
}

TEST_F(Calls, AnEventThatArrivesBeforeItsRequestIsTheNormalRaceNotALateReport) {
    // CallFlow queues the call's event and POSTs the call at the same moment: either may
    // reach the hub first. The history says which created the call, once, and flags nothing.
    start_hub();
    upload_call_event("key-race");
    ASSERT_EQ(post_call("key-race"), 200);
    const auto log = hub_->records().call_log(1);
    ASSERT_EQ(log.size(), 1u) << "one entry for the call's creation";
    EXPECT_EQ(log[0].status, "queued");
    EXPECT_NE(log[0].detail.find("grid g-01-1"), std::string::npos) << log[0].detail;
    EXPECT_NE(log[0].detail.find("from the kiosk's call event"), std::string::npos) << log[0].detail;
    EXPECT_EQ(log[0].detail.find("late"), std::string::npos) << log[0].detail;

    // The usual order: the POST first, its event after; the event adds nothing.
    ASSERT_EQ(post_call("key-usual"), 201);
    upload_call_event("key-usual");
    const auto usual = hub_->records().call_log(2);
    ASSERT_EQ(usual.size(), 1u);
    EXPECT_EQ(usual[0].detail.find("call event"), std::string::npos) << usual[0].detail;
}

}  // namespace
}  // namespace redgrid::test
