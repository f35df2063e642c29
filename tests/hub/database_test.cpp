// The hub's database layer (hub/store/include/redgrid/hub/store/database.h, schema.h) on
// its embedded backend: statements that fail say which and why, values keep their bytes,
// transactions are all or nothing, and migrations adopt an old file without losing a row.
#include "redgrid/hub/store/database.h"

#include <sqlite3.h>

#include <fstream>

#include <gtest/gtest.h>

#include "net_test_support.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/hub/store/hub_store.h"
#include "redgrid/hub/store/schema.h"

namespace redgrid::hub {
namespace {

struct RawDb {
    sqlite3* db = nullptr;
    explicit RawDb(const std::filesystem::path& path) { sqlite3_open(path.c_str(), &db); }
    ~RawDb() { sqlite3_close(db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;
    void exec(const char* sql) { ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql; }
};

std::shared_ptr<sql::Database> open(const std::filesystem::path& path) {
    auto database = sql::Database::open(path.string());
    EXPECT_TRUE(database.has_value()) << database.error();
    return database ? *database : nullptr;
}

TEST(Database, ABadStatementSaysWhichAndWhy) {
    test::TempDir dir;
    auto db = open(dir.path() / "t.db");
    test::LogCapture logs;
    const auto bad = db->run("INSERT INTO missing_table(a) VALUES(?1)", {"x"});
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().find("cannot prepare \"INSERT INTO missing_table"), std::string::npos) << bad.error();
    EXPECT_NE(bad.error().find("no such table: missing_table"), std::string::npos) << bad.error();
    EXPECT_TRUE(logs.contains("hub database: cannot prepare")) << logs.all();
}

TEST(Database, ValuesKeepTheirBytesAndConstraintErrorsNameTheStatement) {
    test::TempDir dir;
    auto db = open(dir.path() / "t.db");
    ASSERT_TRUE(db->run("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)"));
    const std::string with_nul("a\0b", 3);
    auto inserted = db->run("INSERT INTO t(name, n) VALUES(?1, ?2) RETURNING id", {with_nul, std::int64_t{1} << 40});
    ASSERT_TRUE(inserted.has_value()) << inserted.error();
    EXPECT_EQ(inserted->changed(), 1);
    EXPECT_EQ(inserted->int64(0, 0), 1) << "RETURNING gives the new id";
    const auto duplicate = db->run("INSERT INTO t(name, n) VALUES(?1, ?2)", {with_nul, 2});
    ASSERT_FALSE(duplicate.has_value());
    EXPECT_NE(duplicate.error().find("UNIQUE constraint failed: t.name"), std::string::npos) << duplicate.error();
    EXPECT_NE(duplicate.error().find("INSERT INTO t"), std::string::npos) << "which statement";

    const auto rows = db->run("SELECT name, n, NULL FROM t ORDER BY id");
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->text(0, 0), with_nul) << "text keeps its bytes, NUL included";
    EXPECT_EQ(rows->int64(0, 1), std::int64_t{1} << 40);
    EXPECT_TRUE(rows->is_null(0, 2));
    EXPECT_TRUE(rows->is_null(5, 0)) << "a row that is not there reads as NULL";
    EXPECT_EQ(rows->changed(), 0) << "a SELECT changes nothing";
}

TEST(Database, ATransactionIsAllOrNothingAndAnInnerOneJoinsIt) {
    test::TempDir dir;
    auto db = open(dir.path() / "t.db");
    ASSERT_TRUE(db->run("CREATE TABLE t(v TEXT)"));
    const auto failed = db->transaction("t", [&]() -> sql::Done {
        EXPECT_TRUE(db->run("INSERT INTO t VALUES('kept?')"));
        return db->transaction("t", [&]() -> sql::Done { return std::unexpected("the inner part failed"); });
    });
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error(), "the inner part failed");
    EXPECT_TRUE(db->run("SELECT v FROM t")->empty()) << "the outer insert was rolled back with it";

    ASSERT_TRUE(db->transaction("t", [&]() -> sql::Done {
        if (auto done = db->run("INSERT INTO t VALUES('one')"); !done) return std::unexpected(done.error());
        return db->transaction("", [&]() -> sql::Done {
            if (auto done = db->run("INSERT INTO t VALUES('two')"); !done) return std::unexpected(done.error());
            return {};
        });
    }));
    EXPECT_EQ(db->run("SELECT v FROM t")->size(), 2u);
}

TEST(Database, PlaceholdersBecomeDollarsOutsideQuotesOnly) {
    EXPECT_EQ(sql::dollar_placeholders("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?3"),
              "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $3");
    EXPECT_EQ(sql::dollar_placeholders(R"(SELECT "odd?name" FROM t WHERE x = ?12)"),
              R"(SELECT "odd?name" FROM t WHERE x = $12)");
}

TEST(Migrations, AFreshDatabaseGetsEveryOneAndASecondOpenAppliesNothing) {
    test::TempDir dir;
    auto db = open(dir.path() / "hub.sqlite");
    const auto newest = sql::migrations().back().version;
    EXPECT_EQ(sql::schema_version(*db).value_or(-1), newest);
    const auto again = sql::migrate(*db);
    ASSERT_TRUE(again.has_value()) << again.error();
    EXPECT_TRUE(again->empty());
    const auto recorded = db->run("SELECT version, what FROM schema_migrations ORDER BY version");
    ASSERT_EQ(recorded->size(), sql::migrations().size());
    EXPECT_EQ(recorded->text(0, 1), std::string(sql::migrations()[0].what));
}

// A hub from before numbered migrations left a file with its tables and no
// schema_migrations: the first migration adopts it and every row stays.
TEST(Migrations, AnOldHubFileIsAdoptedWithItsRows) {
    test::TempDir dir;
    const auto path = dir.path() / "hub.sqlite";
    {
        RawDb raw(path);
        raw.exec(
            "CREATE TABLE kiosks(id TEXT PRIMARY KEY, token_sha256 TEXT UNIQUE, created_at INTEGER NOT NULL, "
            "last_heartbeat INTEGER, firmware_version TEXT NOT NULL DEFAULT '', bundle_version TEXT NOT NULL "
            "DEFAULT '', queue_depth INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '', display "
            "TEXT NOT NULL DEFAULT '')");
        raw.exec("INSERT INTO kiosks(id, created_at) VALUES('old-kiosk', 1)");
    }
    auto store = HubStore::open(path.string());
    ASSERT_TRUE(store.has_value()) << store.error();
    const auto kiosks = (*store)->kiosks();
    ASSERT_EQ(kiosks.size(), 1u);
    EXPECT_EQ(kiosks[0].id, "old-kiosk");
    EXPECT_EQ(sql::schema_version((*store)->database()).value_or(-1), sql::migrations().back().version);
}

TEST(Migrations, AFileThatIsNotADatabaseIsRefusedByName) {
    test::TempDir dir;
    const auto path = dir.path() / "hub.sqlite";
    std::ofstream(path, std::ios::binary) << std::string(4096, 'x');
    const auto opened = sql::Database::open(path.string());
    ASSERT_FALSE(opened.has_value());
    EXPECT_NE(opened.error().find(path.string()), std::string::npos) << opened.error();
    EXPECT_NE(opened.error().find("not a database"), std::string::npos) << opened.error();
    std::ifstream in(path, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), std::string(4096, 'x'))
        << "the file is left as it was";
}

// What the layer is for: a hub database that lost a table (a manual edit, a half-applied
// restore) makes the store answer with the database's reason instead of acting on nothing.
TEST(Database, AStoreWhoseTableIsGoneReportsIt) {
    test::TempDir dir;
    const auto path = dir.path() / "hub.db";
    auto store = HubStore::open(path.string());
    ASSERT_TRUE(store.has_value()) << store.error();
    ASSERT_TRUE((*store)->add_command("k1", "sync_now", "").has_value());
    {
        RawDb raw(path);
        raw.exec("DROP TABLE commands");
    }
    test::LogCapture logs;
    const auto added = (*store)->add_command("k1", "reload", "");
    ASSERT_FALSE(added.has_value());
    EXPECT_NE(added.error().find("no such table: commands"), std::string::npos) << added.error();
    EXPECT_TRUE((*store)->commands("k1").empty());
    EXPECT_TRUE(logs.contains("no such table: commands")) << logs.all();
}

// An upload the database cannot store is acknowledged for none of its events and
// rejects none (a rejected event is deleted by the kiosk): it fails whole, to come again.
TEST(Database, AnEventUploadThatCannotBeStoredAcknowledgesNothing) {
    test::TempDir dir;
    const auto path = dir.path() / "hub.db";
    auto records = HubRecords::open(path.string());
    ASSERT_TRUE(records.has_value()) << records.error();
    {
        RawDb raw(path);
        raw.exec(
            "CREATE TRIGGER no_ratings BEFORE INSERT ON events WHEN NEW.type = 'rating' "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    }
    const auto events = nlohmann::json::array({{{"id", "e1"}, {"type", "touch"}}, {{"id", "e2"}, {"type", "rating"}}});
    test::LogCapture logs;
    const auto upload = (*records)->store_events("k1", events, TimePoint{}, CallPolicy{}, Directory{});
    EXPECT_TRUE(upload.accepted.empty());
    EXPECT_TRUE(upload.rejected.empty());
    EXPECT_NE(upload.failed.find("disk says no"), std::string::npos) << upload.failed;
    EXPECT_TRUE((*records)->events("k1").empty()) << "e1 was rolled back with e2";
}

TEST(Database, APostgresqlUrlWithoutTheBackendSaysSo) {
    const auto opened = sql::Database::open("postgresql://hub@localhost/redgrid");
    ASSERT_FALSE(opened.has_value());
    EXPECT_NE(opened.error().find("PostgreSQL"), std::string::npos) << opened.error();
}

}  // namespace
}  // namespace redgrid::hub
