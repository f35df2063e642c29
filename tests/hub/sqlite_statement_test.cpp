// The hub's one SQLite statement helper (hub/store/include/redgrid/hub/store/sqlite_statement.h): a statement that
// does not prepare, a step that fails, and a store whose schema lost a table all say what
// failed instead of acting on a null statement.
#include "redgrid/hub/store/sqlite_statement.h"

#include <gtest/gtest.h>

#include "net_test_support.h"
#include "redgrid/hub/store/hub_store.h"

namespace redgrid::hub {
namespace {

using sql::Statement;

struct Db {
    sqlite3* db = nullptr;
    explicit Db(const std::filesystem::path& path) { sqlite3_open(path.c_str(), &db); }
    ~Db() { sqlite3_close(db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
};

TEST(SqliteStatement, ABadStatementSaysWhichAndWhyAndEveryUseFails) {
    test::TempDir dir;
    Db db(dir.path() / "t.db");
    test::LogCapture logs;
    Statement bad(db.db, "INSERT INTO missing_table(a) VALUES(?1)");
    EXPECT_FALSE(bad.ok());
    EXPECT_NE(bad.error().find("cannot prepare \"INSERT INTO missing_table"), std::string::npos) << bad.error();
    EXPECT_NE(bad.error().find("no such table: missing_table"), std::string::npos) << bad.error();
    EXPECT_TRUE(logs.contains("hub database: cannot prepare")) << logs.all();
    bad.bind(1, "x");  // harmless
    bad.bind(1, std::int64_t{7});
    EXPECT_EQ(bad.step(), SQLITE_ERROR);
    ASSERT_FALSE(bad.run().has_value());
    EXPECT_EQ(bad.run().error(), bad.error());
    ASSERT_FALSE(bad.next().has_value());
    EXPECT_FALSE(bad.run_or_log());
    EXPECT_EQ(bad.text(0), "");
    EXPECT_EQ(bad.int64(0), 0);
    EXPECT_TRUE(bad.is_null(0));
}

TEST(SqliteStatement, RowsBindingsAndConstraintErrors) {
    test::TempDir dir;
    Db db(dir.path() / "t.db");
    ASSERT_TRUE(Statement(db.db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)").run());
    Statement insert(db.db, "INSERT INTO t(name, n) VALUES(?1, ?2)");
    const std::string with_nul("a\0b", 3);
    insert.bind(1, with_nul);
    insert.bind(2, std::int64_t{1} << 40);
    ASSERT_TRUE(insert.run().has_value());
    insert.reset();
    insert.bind(1, with_nul);
    insert.bind(2, std::int64_t{2});
    const auto duplicate = insert.run();
    ASSERT_FALSE(duplicate.has_value());
    EXPECT_NE(duplicate.error().find("UNIQUE constraint failed: t.name"), std::string::npos) << duplicate.error();
    EXPECT_NE(duplicate.error().find("INSERT INTO t"), std::string::npos) << "which statement";

    Statement select(db.db, "SELECT name, n, NULL FROM t ORDER BY id");
    auto row = select.next();
    ASSERT_TRUE(row.has_value() && *row);
    EXPECT_EQ(select.text(0), with_nul) << "text keeps its bytes, NUL included";
    EXPECT_EQ(select.int64(1), std::int64_t{1} << 40);
    EXPECT_TRUE(select.is_null(2));
    row = select.next();
    ASSERT_TRUE(row.has_value());
    EXPECT_FALSE(*row);
}

// What the helper is for: a hub database that lost a table (a manual edit, a half-applied
// migration) makes the store answer with SQLite's reason instead of acting on nothing.
TEST(SqliteStatement, AStoreWhoseTableIsGoneReportsIt) {
    test::TempDir dir;
    const auto path = dir.path() / "hub.db";
    auto store = HubStore::open(path);
    ASSERT_TRUE(store.has_value()) << store.error();
    ASSERT_TRUE((*store)->add_command("k1", "sync_now", "").has_value());
    {
        Db db(path);
        ASSERT_EQ(sqlite3_exec(db.db, "DROP TABLE commands", nullptr, nullptr, nullptr), SQLITE_OK);
    }
    test::LogCapture logs;
    const auto added = (*store)->add_command("k1", "reload", "");
    ASSERT_FALSE(added.has_value());
    EXPECT_NE(added.error().find("no such table: commands"), std::string::npos) << added.error();
    EXPECT_TRUE((*store)->commands("k1").empty());
    EXPECT_TRUE(logs.contains("no such table: commands")) << logs.all();
}

}  // namespace
}  // namespace redgrid::hub
