// The durable sink: what the call flow records is in the queue file when record() returns.
#include <gtest/gtest.h>

#include <filesystem>

#include "redgrid/net/queue_interaction_sink.h"

namespace redgrid::net {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("redgrid-sink-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

TEST(QueueInteractionSink, ARatingIsOnDiskWhenRecordReturns) {
    const fs::path dir = fresh_dir("rating");
    int nudges = 0;
    {
        auto queue = EventQueue::open(dir / "queue.db");
        ASSERT_TRUE(queue) << queue.error().message;
        QueueInteractionSink sink(*queue, [&] { ++nudges; });
        const auto result = sink.record({protocol::InteractionKind::rating, R"({"stars":5,"tags":["及时"]})"});
        EXPECT_EQ(result.kept, protocol::Kept::on_disk) << result.message;
        EXPECT_EQ(nudges, 1);
    }
    // A new process (here: a new connection) finds it, with its kind and payload.
    auto reopened = EventQueue::open(dir / "queue.db");
    ASSERT_TRUE(reopened);
    const auto batch = reopened->peek_batch(10, 1 << 20);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch[0].kind, EventKind::rating);
    EXPECT_EQ(batch[0].payload_json, R"({"stars":5,"tags":["及时"]})");
    fs::remove_all(dir);
}

TEST(QueueInteractionSink, ARefusedInteractionSaysWhyAndIsNotCounted) {
    const fs::path dir = fresh_dir("refused");
    auto queue = EventQueue::open(dir / "queue.db");
    ASSERT_TRUE(queue);
    int nudges = 0;
    QueueInteractionSink sink(*queue, [&] { ++nudges; });
    const auto result = sink.record({protocol::InteractionKind::call, "not json"});
    EXPECT_EQ(result.kept, protocol::Kept::not_kept);
    EXPECT_FALSE(result.message.empty());
    EXPECT_EQ(nudges, 0);
    EXPECT_EQ(queue->depth(), 0u);
    fs::remove_all(dir);
}

TEST(QueueInteractionSink, EveryKindMapsToTheSameNamedEvent) {
    using K = protocol::InteractionKind;
    for (K k : {K::call, K::call_cancel, K::rating, K::request, K::page_view, K::touch})
        EXPECT_EQ(to_string(event_kind_of(k)), protocol::to_string(k));
}

}  // namespace
}  // namespace redgrid::net
