// The durable queue's upload to the hub, on loopback: at least once from the kiosk,
// exactly once in the hub's table.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <map>

#include "records_support.h"

namespace redgrid::test {
namespace {

using net::EventKind;

class Events : public RecordsFixture {};

TEST_F(Events, HubDownForTheWholeTestThenUpEveryEventArrivesOnceInOrderPerKind) {
    provision();
    const int port = unused_port();
    std::map<std::string, std::vector<std::string>> enqueued;  // type -> ids in enqueue order
    for (int i = 0; i < 1100; ++i) {
        const auto kind = i % 100 == 0 ? EventKind::rating : i % 3 == 0 ? EventKind::touch : EventKind::page_view;
        auto event = queue().enqueue(kind, nlohmann::json{{"i", i}}.dump());
        ASSERT_TRUE(event.has_value());
        enqueued[std::string(net::to_string(kind))].push_back(event->id);
    }
    uploader_ = std::make_unique<net::EventUploader>(queue(), endpoint("http://127.0.0.1:" + std::to_string(port)),
                                                     clock_, upload_timing());
    uploader_->start();
    ASSERT_TRUE(eventually([&] { return uploader_->stats().consecutive_failures >= 1; }));
    for (int attempt = 0; attempt < 3; ++attempt) {  // backoff: each later try fails as well
        clock_.advance(10min);
        ASSERT_TRUE(eventually([&] { return uploader_->stats().consecutive_failures >= 2 + attempt; }));
    }
    auto stats = uploader_->stats();
    EXPECT_EQ(stats.depth, 1100u) << "nothing leaves the queue without an acknowledgement";
    EXPECT_NE(stats.last_error.find("127.0.0.1"), std::string::npos) << stats.last_error;
    ASSERT_TRUE(stats.oldest_age.has_value());

    start_hub({}, port);
    uploader_->network_status(true);  // the sync worker saw the network come back
    // The queue empties as soon as the last batch is acknowledged; the uploader's counters
    // follow a moment later on its own thread, so wait for both.
    ASSERT_TRUE(eventually(
        [&] {
            const auto s = uploader_->stats();
            return s.depth == 0 && s.uploaded == 1100u && s.consecutive_failures == 0;
        },
        30s))
        << uploader_->stats().depth;
    stats = uploader_->stats();
    EXPECT_EQ(stats.uploaded, 1100u);
    EXPECT_EQ(stats.consecutive_failures, 0);
    EXPECT_EQ(stats.last_error, "");

    const auto rows = hub_->records().events("k1");
    ASSERT_EQ(rows.size(), 1100u);
    std::map<std::string, std::vector<std::string>> arrived;
    std::map<std::string, std::int64_t> last_seq;
    for (const auto& row : rows) {
        arrived[row.type].push_back(row.id);
        EXPECT_GT(row.seq, last_seq[row.type]) << "in order per kind";
        last_seq[row.type] = row.seq;
    }
    EXPECT_EQ(arrived, enqueued) << "every event once, in enqueue order per kind";
    protocol::HeartbeatInfo info;
    uploader_->fill(info);
    EXPECT_EQ(info.queue_depth, 0);
    EXPECT_FALSE(info.queue_oldest_s.has_value());
}

TEST_F(Events, AcknowledgementLostAfterTheHubStoredLeavesNoDuplicateRows) {
    start_hub();
    // A proxy that forwards every upload to the hub but loses the first two answers.
    int forwarded = 0;
    LoopbackServer proxy;
    proxy.http().Post(R"(/api/v1/kiosks/k1/events)", [&](const httplib::Request& request, httplib::Response& response) {
        httplib::Client hub(hub_url());
        auto answer = hub.Post(request.path, {{"Authorization", request.get_header_value("Authorization")}},
                               request.body, "application/json");
        if (++forwarded <= 2) {
            response.status = 504;  // the hub stored them; the kiosk never hears so
            return;
        }
        response.status = answer->status;
        response.set_content(answer->body, "application/json");
    });
    const int port = proxy.start();
    std::vector<std::string> ids;
    for (int i = 0; i < 40; ++i)
        ids.push_back(queue().enqueue(i % 2 ? EventKind::rating : EventKind::request, R"({"n":1})")->id);
    net::EventUploader uploader(queue(), endpoint("http://127.0.0.1:" + std::to_string(port)), clock_, upload_timing());
    EXPECT_FALSE(uploader.upload_batch().has_value());
    EXPECT_FALSE(uploader.upload_batch().has_value());
    EXPECT_EQ(queue().depth(), 40u) << "not acknowledged: still queued";
    auto third = uploader.upload_batch();
    ASSERT_TRUE(third.has_value()) << third.error().message;
    EXPECT_EQ(third->acknowledged, 40u) << "the hub answers the ids it already held";
    EXPECT_EQ(queue().depth(), 0u);
    EXPECT_EQ(forwarded, 3);
    const auto rows = hub_->records().events("k1");
    ASSERT_EQ(rows.size(), 40u) << "three deliveries, one row each";
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].id, ids[i]);
}

TEST_F(Events, RejectedEventsLeaveTheQueueAndTheRestAreStored) {
    start_hub();
    httplib::Client client(hub_url());
    const nlohmann::json body = {{"events",
                                  {{{"id", "e-1"}, {"type", "page_view"}, {"data", {{"screen", "members"}}}},
                                   {{"id", "e-2"}, {"type", "teleport"}},
                                   {{"id", "e-3"}, {"type", "call_cancel"}, {"data", nlohmann::json::object()}}}}};
    auto answer = client.Post("/api/v1/kiosks/k1/events", {{"Authorization", "Bearer " + token_}}, body.dump(),
                              "application/json");
    ASSERT_EQ(answer->status, 200);
    const auto json = nlohmann::json::parse(answer->body);
    EXPECT_EQ(json["accepted"], nlohmann::json({"e-1"}));
    ASSERT_EQ(json["rejected"].size(), 2u);
    EXPECT_EQ(json["rejected"][0]["error"], "unknown event type \"teleport\"");
    EXPECT_EQ(
        client
            .Post("/api/v1/kiosks/k2/events", {{"Authorization", "Bearer " + token_}}, body.dump(), "application/json")
            ->status,
        403);
    nlohmann::json many = {{"events", nlohmann::json::array()}};
    for (int i = 0; i < 501; ++i) many["events"].push_back({{"id", std::to_string(i)}, {"type", "touch"}});
    EXPECT_EQ(
        client
            .Post("/api/v1/kiosks/k1/events", {{"Authorization", "Bearer " + token_}}, many.dump(), "application/json")
            ->status,
        413);
    std::string listing;
    EXPECT_EQ(cli({"events", "--kiosk", "k1"}, &listing), 0);
    EXPECT_NE(listing.find("page_view"), std::string::npos) << listing;
    EXPECT_NE(listing.find("1 event(s)"), std::string::npos) << listing;
}

// A database that cannot take the upload (a full disk, a lost PostgreSQL): the hub says
// 503 with Retry-After instead of rejecting (a rejected event is deleted by the kiosk),
// the queue keeps every event, and they arrive once when the database is back.
TEST_F(Events, AnUploadTheDatabaseCannotStoreStaysInTheQueueUntilItCan) {
    start_hub();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((hub_dir_.path() / "hub.sqlite").c_str(), &raw), SQLITE_OK);
    auto exec = [&](const char* sql) {
        ASSERT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    };
    exec("CREATE TRIGGER full_disk BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");

    httplib::Client client(hub_url());
    const nlohmann::json body = {{"events", {{{"id", "e-1"}, {"type", "touch"}}}}};
    auto answer = client.Post("/api/v1/kiosks/k1/events", {{"Authorization", "Bearer " + token_}}, body.dump(),
                              "application/json");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 503);
    EXPECT_FALSE(answer->get_header_value("Retry-After").empty());

    for (int i = 0; i < 20; ++i) ASSERT_TRUE(queue().enqueue(EventKind::rating, nlohmann::json{{"i", i}}.dump()));
    uploader_ = std::make_unique<net::EventUploader>(queue(), endpoint(hub_url()), clock_, upload_timing());
    uploader_->start();
    ASSERT_TRUE(eventually([&] { return uploader_->stats().consecutive_failures >= 1; }));
    EXPECT_EQ(uploader_->stats().depth, 20u) << "nothing acknowledged, nothing deleted";

    exec("DROP TRIGGER full_disk");
    sqlite3_close(raw);
    ASSERT_TRUE(eventually(
        [&] {
            clock_.advance(1min);  // past the Retry-After and the backoff
            return uploader_->stats().depth == 0;
        },
        30s));
    EXPECT_EQ(hub_->records().events("k1", "rating").size(), 20u);
}

TEST_F(Events, BackoffDoublesIsCappedAndJittered) {
    provision();
    net::UploadTiming timing = upload_timing();
    timing.first_backoff = 5s;
    timing.max_backoff = 60s;
    net::EventUploader uploader(queue(), endpoint("http://127.0.0.1:1"), clock_, timing);
    for (int failures = 1; failures <= 8; ++failures) {
        const auto expected = std::min<std::chrono::milliseconds>(5s * (1 << (failures - 1)), 60s);
        const auto delay = uploader.backoff_delay(failures, std::nullopt);
        EXPECT_GE(delay, expected * 8 / 10) << failures;
        EXPECT_LE(delay, expected * 12 / 10) << failures;
    }
    EXPECT_GE(uploader.backoff_delay(1, 40s), 40s) << "Retry-After honoured";
}

}  // namespace
}  // namespace redgrid::test
