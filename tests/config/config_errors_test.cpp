// Bad configurations: each problem names the file, the line and the key, and says
// what is wrong in words a technician can act on.
#include <unistd.h>

#include "config_test_support.h"

namespace redgrid::config {
namespace {

using testing::contains;
using testing::describe;
using testing::expect_single_problem;
using testing::problems;
using testing::ScratchDir;

TEST(ConfigSyntax, MissingCommaIsReportedAtItsLine) {
    expect_single_problem(R"({
  "kiosk_id": "k1"
  "log_level": "info"
})", "", 3, "syntax error");
}

TEST(ConfigSyntax, TrailingCommaIsReportedAtItsLine) {
    expect_single_problem("{\n  \"screen\": {\n    \"width\": 1920,\n  }\n}\n", "", 4,
                          "syntax error");
}

TEST(ConfigSyntax, EmptyFileIsASyntaxError) {
    expect_single_problem("", "", 1, "unexpected end of input");
}

TEST(ConfigSyntax, UnclosedCommentIsASyntaxError) {
    const auto errors = problems("{\n  \"kiosk_id\": \"k1\"\n  /* forgot to close\n}\n");
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_TRUE(contains(errors[0].message, "syntax error")) << errors[0].to_string();
    EXPECT_GE(errors[0].line, 3);
}

TEST(ConfigSyntax, TopLevelMustBeAnObject) {
    expect_single_problem("\n[1, 2]\n", "", 2, "one JSON object");
}

TEST(ConfigKeys, UnknownTopLevelKey) {
    expect_single_problem(R"({
  "kiosk_id": "k1",
  "colour_scheme": "dark"
})", "colour_scheme", 3, "unknown key");
}

TEST(ConfigKeys, UnknownNestedKeySuggestsTheCloseOne) {
    expect_single_problem(R"({
  "screen": {
    "height": 1080,
    "widht": 1280
  }
})", "screen.widht", 4, "did you mean \"screen.width\"?");
}

TEST(ConfigKeys, KeyInTheWrongSectionSuggestsWhereItBelongs) {
    expect_single_problem(R"({
  "language": "en"
})", "language", 2, "did you mean \"ui.language\"?");
}

TEST(ConfigKeys, FarOffUnknownKeyGetsNoSuggestion) {
    const auto errors = problems("{\n  \"ui\": { \"brightness\": 80 }\n}");
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].key, "ui.brightness");
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[0].message, "unknown key");
}

TEST(ConfigKeys, DuplicateKeyNamesBothLines) {
    expect_single_problem(R"({
  "ui": {
    "language": "en",
    "sound": true,
    "language": "zh-CN"
  }
})", "ui.language", 5, "also at line 3");
}

TEST(ConfigTypes, StringWhereANumberBelongs) {
    expect_single_problem(R"({
  "screen": {
    "width": "1920"
  }
})", "screen.width", 3, "whole number, got \"1920\"");
}

TEST(ConfigTypes, FractionWhereAWholeNumberBelongs) {
    expect_single_problem("{\"server\": {\n\"poll_interval_s\": 60.5}}", "server.poll_interval_s", 2,
                          "whole number, got 60.5");
}

TEST(ConfigTypes, NumberWhereABoolBelongs) {
    expect_single_problem(R"({
  "screen": { "fullscreen": 1 }
})", "screen.fullscreen", 2, "true or false, got 1");
}

TEST(ConfigTypes, StringWhereABoolBelongs) {
    expect_single_problem(R"({
  "ui": {

    "sound": "yes"
  }
})", "ui.sound", 4, "true or false");
}

TEST(ConfigTypes, ArrayWhereAnObjectBelongs) {
    expect_single_problem(R"({
  "kiosk_id": "k1",
  "screen": [1920, 1080]
})", "screen", 3, "must be an object");
}

TEST(ConfigTypes, PinAsANumberLosesLeadingZeros) {
    expect_single_problem(R"({
  "maintenance": { "pin": 1234 }
})", "maintenance.pin", 2, "put it in quotes");
    // The PIN is a secret: it must not reach the journal through an error message.
    const auto errors = problems("{\"maintenance\": {\"pin\": 918273}}");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_FALSE(contains(errors[0].message, "918273")) << errors[0].to_string();
}

TEST(ConfigTypes, FontListMustBeAnArray) {
    expect_single_problem(R"({
  "fonts": { "text": "/usr/share/fonts/a.ttf" }
})", "fonts.text", 2, "array of font file paths");
}

TEST(ConfigTypes, FontListElementIsNamedByIndexAndLine) {
    expect_single_problem(R"({
  "fonts": { "text": [
    "/usr/share/fonts/a.ttf",
    42
  ] }
})", "fonts.text[1]", 4, "font file path, got 42");
}

TEST(ConfigTypes, NullIsNotADefault) {
    expect_single_problem("{\"server\": {\"proxy\": null}}", "server.proxy", 1, "string, got null");
}

TEST(ConfigRanges, WidthTooSmall) {
    expect_single_problem(R"({
  "screen": {
    "width": 5
  }
})", "screen.width", 3, "must be 320..7680, got 5");
}

TEST(ConfigRanges, NegativePollInterval) {
    expect_single_problem(R"({
  "server": { "poll_interval_s": -5 }
})", "server.poll_interval_s", 2, "must be 10..86400, got -5");
}

TEST(ConfigRanges, NumberBeyondAnIntIsOutOfRange) {
    expect_single_problem(R"({"ui": {"attract_after_s": 4294967296}})", "ui.attract_after_s", 1,
                          "must be 30..86400");
}

// Found by the fuzz smoke run in CI: nlohmann throws out_of_range (not parse_error) for a
// number beyond a double, which escaped parse_config and aborted the kiosk.
TEST(ConfigRanges, NumberBeyondADoubleIsAnErrorNotACrash) {
    expect_single_problem("{\n  \"poll_interval_s\": 1e999\n}", "", 2, "1e999 is too large");
    const auto parsed = parse_config("2232222e2232222m", "fuzz.json", {});
    ASSERT_FALSE(parsed.has_value());
    EXPECT_NE(describe(parsed.error()).find("too large"), std::string::npos) << describe(parsed.error());
}

TEST(ConfigRanges, UtcOffsetBeyondAnyTimeZone) {
    expect_single_problem("{\"ui\": {\"utc_offset_minutes\": -800}}", "ui.utc_offset_minutes", 1,
                          "-720..840");
}

TEST(ConfigRanges, IdleReturnTooShortToReadAnything) {
    expect_single_problem("{\"ui\": {\"idle_return_s\": 5}}", "ui.idle_return_s", 1, "10..3600");
}

TEST(ConfigValues, RotationMustBeAQuarterTurn) {
    expect_single_problem(R"({
  "screen": { "rotation": 45 }
})", "screen.rotation", 2, "0, 90, 180 or 270, got 45");
}

TEST(ConfigValues, LanguageMustBeChineseOrEnglish) {
    expect_single_problem(R"({
  "ui": {
    "language": "fr"
  }
})", "ui.language", 3, "\"zh-CN\" or \"en\", got \"fr\"");
}

TEST(ConfigValues, LogLevelMustBeKnown) {
    expect_single_problem("{\n\"log_level\": \"verbose\"\n}", "log_level", 2, "got \"verbose\"");
}

TEST(ConfigValues, UrlSchemeMustBeHttps) {
    expect_single_problem(R"({
  "server": {
    "url": "ftp://hub.example/"
  }
})", "server.url", 3, "scheme must be https://");
}

TEST(ConfigValues, UrlNeedsAHost) {
    expect_single_problem("{\"server\": {\"url\": \"https:///bundle\"}}", "server.url", 1,
                          "with a host");
}

TEST(ConfigValues, PlainHttpToARemoteHostNeedsConsent) {
    expect_single_problem(R"({
  "server": {
    "url": "http://hub.guangming.example/",
    "poll_interval_s": 60
  }
})", "server.url", 3, "allow_insecure_http");
}

TEST(ConfigValues, LookAlikeLoopbackNameIsStillRemote) {
    expect_single_problem("{\"server\": {\"url\": \"http://127.0.0.1.evil.example/\"}}", "server.url",
                          1, "remote host");
}

TEST(ConfigValues, RelativeDataDir) {
    expect_single_problem(R"({
  "paths": {
    "cache_dir": "/var/cache/redgrid",
    "data_dir": "var/lib/redgrid"
  }
})", "paths.data_dir", 4, "absolute path");
}

TEST(ConfigValues, RelativeTokenFile) {
    expect_single_problem("{\"server\": {\n\n\"token_file\": \"token\"}}", "server.token_file", 3,
                          "absolute path");
}

TEST(ConfigValues, PinWithLetters) {
    expect_single_problem(R"({
  "maintenance": { "pin": "12ab" }
})", "maintenance.pin", 2, "4..12 digits");
}

TEST(ConfigValues, PinTooShortIsNotRepeated) {
    expect_single_problem("{\"maintenance\": {\"pin\": \"987\"}}", "maintenance.pin", 1,
                          "4..12 digits");
    EXPECT_FALSE(contains(problems("{\"maintenance\": {\"pin\": \"987\"}}")[0].message, "987"));
}

TEST(ConfigValues, ScheduleNotHhMm) {
    expect_single_problem(R"({
  "screen": { "display_schedule": "7-22" }
})", "screen.display_schedule", 2, "HH:MM-HH:MM");
}

TEST(ConfigValues, ScheduleHourPastMidnight) {
    expect_single_problem("{\"screen\": {\"display_schedule\": \"07:00-24:00\"}}",
                          "screen.display_schedule", 1, "HH:MM-HH:MM");
}

TEST(ConfigValues, ScheduleThatNeverSwitches) {
    expect_single_problem("{\"screen\": {\"display_schedule\": \"08:00-08:00\"}}",
                          "screen.display_schedule", 1, "same time");
}

TEST(ConfigValues, PinnedKeyNotInCurlForm) {
    expect_single_problem("{\"server\": {\"pinned_public_key\": \"AAAA\"}}",
                          "server.pinned_public_key", 1, "sha256//");
}

TEST(ConfigValues, ProxyWithUnknownScheme) {
    expect_single_problem("{\"server\": {\"proxy\": \"ftp://proxy:21\"}}", "server.proxy", 1,
                          "socks5h");
}

TEST(ConfigValues, KioskIdWithSpaces) {
    expect_single_problem("{\"kiosk_id\": \"lobby screen\"}", "kiosk_id", 1, "letters, digits");
}

TEST(ConfigCollect, EveryProblemIsReportedInLineOrder) {
    const auto errors = problems(R"({
  "ui": { "language": "fr" },
  "screen": {
    "width": 5,
    "rotation": 45
  },
  "colour": "red"
})");
    ASSERT_EQ(errors.size(), 4u) << describe(errors);
    EXPECT_EQ(errors[0].key, "ui.language");
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[1].key, "screen.width");
    EXPECT_EQ(errors[1].line, 4);
    EXPECT_EQ(errors[2].key, "screen.rotation");
    EXPECT_EQ(errors[2].line, 5);
    EXPECT_EQ(errors[3].key, "colour");
    EXPECT_EQ(errors[3].line, 7);
    EXPECT_EQ(errors[1].to_string(), "kiosk.json:4: screen.width: must be 320..7680, got 5");
}

TEST(ConfigEnvironmentErrors, RelativeDataDirInTheEnvironment) {
    const auto errors = problems("{}", {{"REDGRID_DATA_DIR", "data"}});
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].file, "environment");
    EXPECT_EQ(errors[0].line, 0);
    EXPECT_EQ(errors[0].key, "REDGRID_DATA_DIR");
    EXPECT_EQ(errors[0].to_string(),
              "environment: REDGRID_DATA_DIR: must be an absolute path (starting with /), got \"data\"");
}

TEST(ConfigEnvironmentErrors, InsecureUrlFromTheEnvironmentIsBlamedOnIt) {
    const auto errors = problems("{}", {{"REDGRID_SERVER_URL", "http://hub.example/"}});
    ASSERT_EQ(errors.size(), 1u) << describe(errors);
    EXPECT_EQ(errors[0].file, "environment");
    EXPECT_EQ(errors[0].key, "REDGRID_SERVER_URL");
    EXPECT_TRUE(contains(errors[0].message, "allow_insecure_http")) << errors[0].to_string();
}

TEST(ConfigEnvironmentErrors, FileProblemsComeFirstThenTheEnvironment) {
    const auto errors = problems("{\n\"screen\": {\"height\": 10}\n}",
                                 {{"REDGRID_KIOSK_ID", "a b"}, {"REDGRID_TOKEN_FILE", "tok"}});
    ASSERT_EQ(errors.size(), 3u) << describe(errors);
    EXPECT_EQ(errors[0].key, "screen.height");
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[1].file, "environment");
    EXPECT_EQ(errors[2].file, "environment");
}

TEST(ConfigEnvironmentErrors, SyntaxErrorStillReportsTheEnvironment) {
    const auto errors = problems("{\n\"kiosk_id\": }", {{"REDGRID_SERVER_URL", "gopher://x"}});
    ASSERT_EQ(errors.size(), 2u) << describe(errors);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_TRUE(contains(errors[0].message, "syntax error"));
    EXPECT_EQ(errors[1].key, "REDGRID_SERVER_URL");
}

TEST(ConfigFiles, ExplicitlyGivenMissingFile) {
    ScratchDir dir;
    const auto path = dir.path() / "missing.json";
    const auto result = load_config(path, {}, /*must_exist=*/true);
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_EQ(result.error()[0].file, path.string());
    EXPECT_EQ(result.error()[0].line, 0);
    EXPECT_EQ(result.error()[0].to_string(), path.string() + ": no such file");
}

TEST(ConfigFiles, DirectoryInsteadOfAFile) {
    ScratchDir dir;
    const auto result = load_config(dir.path(), {}, /*must_exist=*/false);
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_EQ(result.error()[0].file, dir.path().string());
    EXPECT_TRUE(contains(result.error()[0].message, "is a directory"));
}

TEST(ConfigFiles, DeviceInsteadOfAFile) {
    const auto result = load_config("/dev/null", {}, /*must_exist=*/true);
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_TRUE(contains(result.error()[0].message, "not a regular file"));
}

TEST(ConfigFiles, FileWithoutReadPermission) {
    if (geteuid() == 0) {
        GTEST_SKIP() << "root reads files whatever their mode";
    }
    ScratchDir dir;
    const auto path = dir.write("kiosk.json", "{}");
    std::filesystem::permissions(path, std::filesystem::perms::none);
    const auto result = load_config(path, {}, /*must_exist=*/true);
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_TRUE(contains(result.error()[0].message, "cannot read")) << result.error()[0].to_string();
}

TEST(ConfigFiles, ErrorsNameTheRealFilePath) {
    ScratchDir dir;
    const auto path = dir.write("kiosk.json", "{\n  \"screen\": {\"rotation\": 45}\n}\n");
    const auto result = load_config(path, {}, /*must_exist=*/true);
    ASSERT_FALSE(result.has_value());
    ASSERT_EQ(result.error().size(), 1u) << describe(result.error());
    EXPECT_EQ(result.error()[0].to_string(),
              path.string() + ":2: screen.rotation: must be 0, 90, 180 or 270, got 45");
}

}  // namespace
}  // namespace redgrid::config
