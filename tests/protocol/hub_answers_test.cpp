// The hub's answers to calls and events, read by pure functions (also fuzzed:
// tests/fuzz/fuzz_call_status.cpp, fuzz_event_ack.cpp). Each hostile case here is a
// regression test: numbers that overflowed before they were range-checked, texts that
// reached a log line or the screen unchecked.
#include "redgrid/protocol/hub_answers.h"

#include <gtest/gtest.h>

#include <string>

namespace redgrid::protocol {
namespace {

using protocol::CallState;

constexpr const char* kProtocolExample = R"({
  "call_id": "call-12",
  "client_call_id": "4c1d5e5a-2f7e-4d0e-8a51-0b8f2f6a9e10",
  "status": "dispatched",
  "final": false,
  "member": { "id": "m-0001", "name": "李建国",
              "photo": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
  "eta_s": 240,
  "escalated_to": null,
  "category": "health",
  "updated_at": "2026-11-25T09:13:40Z",
  "poll_after_s": 5
})";

TEST(CallStatusAnswer, TheProtocolExampleReadsAsDocumented) {
    const auto answer = parse_call_status(kProtocolExample);
    ASSERT_TRUE(answer.has_value()) << answer.error();
    EXPECT_EQ(answer->call_id, "call-12");
    EXPECT_EQ(answer->state, CallState::dispatched);
    ASSERT_TRUE(answer->member.has_value());
    EXPECT_EQ(answer->member->id, "m-0001");
    EXPECT_EQ(answer->member->name, "李建国");
    EXPECT_EQ(answer->member->photo, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    EXPECT_EQ(answer->member->eta_minutes, 4);
    EXPECT_EQ(answer->poll_after, std::chrono::seconds(5));
    const auto update = to_update("key-1", *answer);
    EXPECT_EQ(update.call_id, "key-1");
    EXPECT_EQ(update.state, CallState::dispatched);
    EXPECT_EQ(update.member, answer->member);
}

TEST(CallStatusAnswer, EveryStatusOfTheProtocolIsKnownAndOthersAreRefused) {
    for (const char* status : {"queued", "dispatched", "arrived", "closed", "cancelled", "expired", "refused", "escalated"})
        EXPECT_TRUE(parse_call_status(std::string(R"({"status":")") + status + "\"}").has_value()) << status;
    for (const char* bad : {R"({"status":"QUEUED"})", R"({"status":1})", R"({})", "[]", "\"queued\"", "", "{",
                            R"({"status":"queued")"}) {
        const auto answer = parse_call_status(bad);
        EXPECT_FALSE(answer.has_value()) << bad;
    }
    const auto long_status = parse_call_status(R"({"status":")" + std::string(5000, 'x') + "\"}");
    ASSERT_FALSE(long_status.has_value());
    EXPECT_LT(long_status.error().size(), 120u) << "the hub's text is capped in our error line";
}

// eta_s + 59 overflowed int64 for eta_s near INT64_MAX (undefined behaviour), and
// poll_after_s in seconds overflowed when converted to milliseconds.
TEST(CallStatusAnswer, HugeAndNegativeNumbersAreRefusedNotOverflowed) {
    for (const char* eta : {"9223372036854775807", "18446744073709551615", "-9223372036854775808", "86401", "1e300"}) {
        const auto answer = parse_call_status(std::string(R"({"status":"dispatched","member":{"id":"m"},"eta_s":)") +
                                              eta + R"(,"poll_after_s":)" + eta + "}");
        ASSERT_TRUE(answer.has_value()) << eta;
        ASSERT_TRUE(answer->member.has_value());
        EXPECT_GE(answer->member->eta_minutes, 0) << eta;
        EXPECT_LE(answer->member->eta_minutes, 24 * 60) << eta;
        if (answer->poll_after) {
            EXPECT_GE(answer->poll_after->count(), 1) << eta;
            EXPECT_LE(answer->poll_after->count(), kMaxPollAfterSeconds) << eta;
        }
    }
    const auto negative = parse_call_status(R"({"status":"dispatched","member":{},"eta_s":-5,"poll_after_s":-5})");
    ASSERT_TRUE(negative.has_value());
    EXPECT_EQ(negative->member->eta_minutes, 0);
    EXPECT_EQ(negative->poll_after, std::chrono::seconds(1));
}

TEST(CallStatusAnswer, HostileTextsAreCappedCleanedAndNeverAPath) {
    const std::string long_name(300, 'n');
    const auto answer = parse_call_status(R"({"status":"escalated","call_id":"call 1",)"
                                          R"("member":{"id":")" + std::string(65, 'i') + R"(","name":"a\nb\u0007c)" +
                                          long_name + R"(","photo":"../../etc/passwd"},)"
                                          R"("escalated_to":"值班室\r\n[error] forged line"})");
    ASSERT_TRUE(answer.has_value()) << answer.error();
    EXPECT_EQ(answer->call_id, "") << "an id with a space is not usable";
    EXPECT_EQ(answer->member->id, "") << "over 64 characters";
    EXPECT_EQ(answer->member->name.substr(0, 4), "abcn");
    EXPECT_EQ(answer->member->name.size(), kMaxAnswerTextBytes);
    EXPECT_EQ(answer->member->photo, std::nullopt) << "only a SHA-256 may name a photo";
    EXPECT_EQ(answer->escalated_to, "值班室[error] forged line");
    EXPECT_EQ(to_update("k", *answer).message, "passed to 值班室[error] forged line");
}

TEST(OneLine, CutsAtACharacterBoundaryAndDropsC1Controls) {
    EXPECT_EQ(one_line("李建国", 7), "李建");  // 3 bytes each: the third does not fit whole
    EXPECT_EQ(one_line("a\xC2\x85" "b\xC2\xA0" "c"), "ab\xC2\xA0" "c");  // NEL dropped, NBSP kept
    EXPECT_EQ(one_line("\t\x7f ok"), " ok");
}

TEST(EventAck, TheProtocolExampleReadsAsDocumented) {
    const auto ack = parse_event_ack(R"({ "accepted": ["0190d6e4-8f1c-7c3a-9d3b-3f0f3c5a2b11", "0190d6e5-11aa"],
        "rejected": [ { "id": "0190d6e6", "error": "unknown event type \"x\"" } ] })");
    ASSERT_TRUE(ack.has_value()) << ack.error();
    EXPECT_EQ(ack->accepted, (std::vector<std::string>{"0190d6e4-8f1c-7c3a-9d3b-3f0f3c5a2b11", "0190d6e5-11aa"}));
    ASSERT_EQ(ack->rejected.size(), 1u);
    EXPECT_EQ(ack->rejected[0].id, "0190d6e6");
    EXPECT_EQ(ack->rejected[0].reason, "unknown event type \"x\"");
}

TEST(EventAck, EntriesOfTheWrongShapeAreSkippedAndReasonsCleaned) {
    const auto ack = parse_event_ack(R"({"accepted": [1, null, "", "ok-1", ")" + std::string(65, 'x') +
                                     R"(", ["a"], "ok-2"],
        "rejected": [ "r", {"id": 5}, {"id": "r-1"}, {"id": "r-2", "error": "bad\nline\u001b[31m"} ] })");
    ASSERT_TRUE(ack.has_value());
    EXPECT_EQ(ack->accepted, (std::vector<std::string>{"ok-1", "ok-2"}));
    ASSERT_EQ(ack->rejected.size(), 2u);
    EXPECT_EQ(ack->rejected[0].reason, "no reason");
    EXPECT_EQ(ack->rejected[1].reason, "badline[31m");
    EXPECT_TRUE(parse_event_ack(R"({"accepted": "all"})").has_value()) << "nothing acknowledged, not an error";
    EXPECT_TRUE(parse_event_ack(R"({"accepted": "all"})")->accepted.empty());
    for (const char* bad : {"[]", "", "null", "{\"accepted\":[", "\xff"}) EXPECT_FALSE(parse_event_ack(bad).has_value());
}

}  // namespace
}  // namespace redgrid::protocol
