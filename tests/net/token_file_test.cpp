// Token storage (docs/security.md): the bearer token is read only from a file that nobody
// but its owner can change and that others cannot read. The deployed mode is
// root:redgrid-kiosk 0640 (tmpfiles.d repairs it before every start).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "net_test_support.h"
#include "redgrid/net/sync.h"

namespace redgrid::net {
namespace {

TEST(TokenFile, WrongPermissionsAreRefusedAndTheDeployedModesAccepted) {
    test::TempDir dir;
    const auto path = dir.path() / "token";
    std::ofstream(path) << "tok-abcdefgh-12345678\n";
    const struct {
        mode_t mode;
        bool accepted;
        const char* says;
    } cases[] = {
        {0600, true, ""},  {0400, true, ""},  {0640, true, ""},  {0440, true, ""},
        {0644, false, "chmod 600"}, {0604, false, "chmod 600"}, {0602, false, "chmod 600"},
        {0660, false, "chmod 640"}, {0620, false, "chmod 640"}, {0666, false, "chmod 600"},
    };
    for (const auto& c : cases) {
        ASSERT_EQ(::chmod(path.c_str(), c.mode), 0);
        const auto token = read_token_file(path);
        EXPECT_EQ(token.has_value(), c.accepted) << std::oct << c.mode;
        if (token) {
            EXPECT_EQ(*token, "tok-abcdefgh-12345678");
        } else {
            EXPECT_NE(token.error().find(c.says), std::string::npos) << std::oct << c.mode << ": " << token.error();
            EXPECT_EQ(token.error().find("tok-abcdefgh"), std::string::npos) << "never the token itself";
        }
    }
}

TEST(TokenFile, ADirectoryOrFifoIsNotAToken) {
    test::TempDir dir;
    std::filesystem::create_directory(dir.path() / "tokendir");
    ::chmod((dir.path() / "tokendir").c_str(), 0700);
    const auto as_dir = read_token_file(dir.path() / "tokendir");
    ASSERT_FALSE(as_dir.has_value());
    EXPECT_NE(as_dir.error().find("not a regular file"), std::string::npos) << as_dir.error();
    // A FIFO would block the reader for ever (a denial of service by whoever made it).
    const auto fifo = dir.path() / "fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto as_fifo = read_token_file(fifo);
    ASSERT_FALSE(as_fifo.has_value());
    EXPECT_NE(as_fifo.error().find("not a regular file"), std::string::npos) << as_fifo.error();
}

}  // namespace
}  // namespace redgrid::net
