// Group commit (hub/store/include/redgrid/hub/store/group_commit.h) and the heartbeat
// batch it writes: many callers, one batch, each caller its own answer.
#include "redgrid/hub/store/group_commit.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "net_test_support.h"
#include "redgrid/hub/store/hub_store.h"

namespace redgrid::hub {
namespace {

TEST(GroupCommit, ALoneItemIsWrittenAtOnceAsABatchOfOne) {
    GroupCommit<int, int> commit([](std::vector<int>& items) {
        std::vector<int> out;
        for (int item : items) out.push_back(item * 10);
        return out;
    });
    EXPECT_EQ(commit.submit(4), 40);
    EXPECT_EQ(commit.counts(), (std::pair<std::size_t, std::size_t>{1, 1}));
}

// While one batch is being written the others queue up; they are written as the next
// batch, together, and each caller gets the answer to its own item.
TEST(GroupCommit, ItemsThatArriveDuringAWriteAreTheNextBatchAndEachGetsItsOwnAnswer) {
    constexpr int kCallers = 16;
    GroupCommit<int, std::string>* commit_ptr = nullptr;
    std::atomic<int> batches{0};
    GroupCommit<int, std::string> commit([&](std::vector<int>& items) {
        if (batches++ == 0)  // the first writer holds its batch until every other caller waits
            while (commit_ptr->waiting() < kCallers - 1) std::this_thread::yield();
        std::vector<std::string> out;
        for (int item : items) out.push_back("answer " + std::to_string(item));
        return out;
    });
    commit_ptr = &commit;
    std::vector<std::string> answers(kCallers);
    std::vector<std::thread> callers;
    callers.emplace_back([&] { answers[0] = commit.submit(0); });
    while (batches.load() == 0) std::this_thread::yield();
    for (int i = 1; i < kCallers; ++i) callers.emplace_back([&, i] { answers[std::size_t(i)] = commit.submit(i); });
    for (auto& caller : callers) caller.join();
    for (int i = 0; i < kCallers; ++i) EXPECT_EQ(answers[std::size_t(i)], "answer " + std::to_string(i));
    EXPECT_EQ(commit.counts(), (std::pair<std::size_t, std::size_t>{2, kCallers}))
        << "one batch, then one for the rest";
}

TEST(HeartbeatBatch, EveryKioskOfABatchIsRecordedAndGetsItsOwnCommands) {
    test::TempDir dir;
    auto store = HubStore::open((dir.path() / "hub.sqlite").string());
    ASSERT_TRUE(store.has_value()) << store.error();
    for (const char* kiosk : {"k1", "k2"}) ASSERT_TRUE((*store)->new_token(kiosk));
    const auto reload = (*store)->add_command("k2", "reload", "");
    ASSERT_TRUE(reload);
    const auto at = Clock::time_point(std::chrono::seconds(1'800'000'000));
    std::vector<Heartbeat> batch;
    for (const char* kiosk : {"k1", "k2"}) {
        auto parsed = HubStore::parse_heartbeat(kiosk, at, R"({"firmware_version":"1.2","queue_depth":3})");
        ASSERT_TRUE(parsed) << parsed.error();
        batch.push_back(std::move(*parsed));
    }
    const auto answers = (*store)->record_heartbeats(batch);
    ASSERT_EQ(answers.size(), 2u);
    ASSERT_TRUE(answers[0] && answers[1]);
    EXPECT_TRUE(answers[0]->empty());
    ASSERT_EQ(answers[1]->size(), 1u);
    EXPECT_EQ((*answers[1])[0].id, *reload);
    for (const auto& row : (*store)->kiosks()) {
        EXPECT_EQ(row.firmware_version, "1.2") << row.id;
        EXPECT_EQ(row.queue_depth, 3) << row.id;
        EXPECT_EQ(row.last_heartbeat, at) << row.id;
    }
    // The result comes back in a later heartbeat; the command is not sent again.
    auto with_result = HubStore::parse_heartbeat(
        "k2", at, R"({"command_results":[{"id":"c-)" + std::to_string(*reload) + R"(","status":"done"}]})");
    ASSERT_TRUE(with_result);
    const auto next = (*store)->record_heartbeat(std::move(*with_result));
    ASSERT_TRUE(next);
    EXPECT_TRUE(next->empty());
    EXPECT_EQ((*store)->commands("k2").at(0).status, "done");
}

TEST(HeartbeatBatch, ABatchTheDatabaseRefusesFailsEveryItemWithTheReason) {
    test::TempDir dir;
    const auto path = dir.path() / "hub.sqlite";
    auto store = HubStore::open(path.string());
    ASSERT_TRUE(store.has_value()) << store.error();
    ASSERT_TRUE((*store)->new_token("k1"));
    {
        sqlite3* raw = nullptr;
        sqlite3_open(path.c_str(), &raw);
        sqlite3_exec(raw, "DROP TABLE heartbeats", nullptr, nullptr, nullptr);
        sqlite3_close(raw);
    }
    std::vector<Heartbeat> batch;
    for (int i = 0; i < 3; ++i) batch.push_back(*HubStore::parse_heartbeat("k1", Clock::now(), "{}"));
    test::LogCapture logs;
    const auto answers = (*store)->record_heartbeats(batch);
    ASSERT_EQ(answers.size(), 3u);
    for (const auto& answer : answers) {
        ASSERT_FALSE(answer.has_value());
        EXPECT_NE(answer.error().find("no such table: heartbeats"), std::string::npos) << answer.error();
    }
    EXPECT_FALSE((*store)->kiosks().at(0).last_heartbeat.has_value()) << "the kiosk's row was rolled back too";
}

TEST(HeartbeatBatch, ABodyThatIsNotAnObjectIsRefusedBeforeItJoinsABatch) {
    EXPECT_FALSE(HubStore::parse_heartbeat("k1", Clock::now(), "[1,2]").has_value());
    EXPECT_FALSE(HubStore::parse_heartbeat("k1", Clock::now(), "{").has_value());
    const auto odd =
        HubStore::parse_heartbeat("k1", Clock::now(), R"({"command_results":[{"id":"c-"},{"id":"x-1"},{"id":"c-7"}]})");
    ASSERT_TRUE(odd);
    ASSERT_EQ(odd->command_results.size(), 1u) << "only well-formed command ids are kept";
    EXPECT_EQ(odd->command_results[0].id, 7);
    EXPECT_EQ(odd->command_results[0].status, "done");
}

}  // namespace
}  // namespace redgrid::hub
