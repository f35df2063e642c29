// Bundles and media through ordinary HTTP caches (docs/hub.md, "Bundles through HTTP
// caches"): strong ETags and Cache-Control a shared cache can act on, the cheap access
// check a proxy asks before it answers, and the exported tree a plain web server serves.
#include <gtest/gtest.h>

#include <fstream>

#include "records_support.h"
#include "redgrid/content/media_check.h"

namespace redgrid::test {
namespace {

class HttpCache : public RecordsFixture {
protected:
    httplib::Headers bearer() const { return {{"Authorization", "Bearer " + token_}}; }
    // k1's bundle again, now with a member's photo, so there are media to serve. Returns its sha256.
    std::string publish_with_photo() {
        const auto photo = media_from(make_png(2, 1, "exported"));
        std::ofstream(source_.path() / "media" / photo.sha256, std::ios::binary) << photo.bytes;
        std::ofstream(source_.path() / "place.json") << make_bundle_json("k1", "v2", {photo}).dump(2);
        std::string output;
        EXPECT_EQ(cli({"publish", source_.path().string()}, &output), 0) << output;
        return photo.sha256;
    }
    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
};

TEST_F(HttpCache, TheBundleHasAStrongEtagAndASharedCacheMayHoldItBriefly) {
    start_hub();
    httplib::Client client(hub_url());
    auto bundle = client.Get("/api/v1/kiosks/k1/bundle", bearer());
    ASSERT_TRUE(bundle);
    ASSERT_EQ(bundle->status, 200);
    const auto etag = bundle->get_header_value("ETag");
    EXPECT_EQ(etag, "\"" + content::sha256_hex(bundle->body) + "\"") << "strong: the bytes' own hash";
    EXPECT_EQ(bundle->get_header_value("Cache-Control"), "public, max-age=0, s-maxage=5");
    auto headers = bearer();
    headers.emplace("If-None-Match", etag);
    auto again = client.Get("/api/v1/kiosks/k1/bundle", headers);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_EQ(again->get_header_value("ETag"), etag);
}

TEST_F(HttpCache, AProxyCanAskWhetherATokenMayReadAKiosksBundle) {
    start_hub();
    httplib::Client client(hub_url());
    EXPECT_EQ(client.Get("/api/v1/kiosks/k1/access", bearer())->status, 204);
    EXPECT_EQ(client.Get("/api/v1/kiosks/k2/access", bearer())->status, 403) << "another kiosk's bundle";
    EXPECT_EQ(client.Get("/api/v1/kiosks/k1/access")->status, 401);
    EXPECT_EQ(client.Get("/api/v1/kiosks/k1/access", {{"Authorization", "Bearer nope"}})->status, 401);
    EXPECT_EQ(client.Get("/api/v1/access", bearer())->status, 204) << "media: any kiosk's token";
    EXPECT_EQ(client.Get("/api/v1/access")->status, 401);
}

TEST_F(HttpCache, ExportStaticWritesWhatTheHubServesAtTheSamePathsAndOnlyChangesAfterwards) {
    // A bundle with a photo, so media is exported too.
    provision();
    const auto sha = publish_with_photo();
    std::string output;
    start_hub();

    TempDir web;
    ASSERT_EQ(cli({"export-static", web.path().string()}, &output), 0) << output;
    EXPECT_NE(output.find("2 file(s) written"), std::string::npos) << output;
    httplib::Client client(hub_url());
    EXPECT_EQ(read(web.path() / "api/v1/kiosks/k1/bundle"), client.Get("/api/v1/kiosks/k1/bundle", bearer())->body);
    EXPECT_EQ(read(web.path() / "api/v1/media" / sha), client.Get("/api/v1/media/" + sha, bearer())->body);

    ASSERT_EQ(cli({"export-static", web.path().string()}, &output), 0) << output;
    EXPECT_NE(output.find("0 file(s) written"), std::string::npos) << "nothing changed: " << output;
}

TEST_F(HttpCache, AMediaRevalidationIsAnsweredWithoutTheBytes) {
    provision();
    const auto sha = publish_with_photo();
    start_hub();
    httplib::Client client(hub_url());
    auto headers = bearer();
    headers.emplace("If-None-Match", "\"" + sha + "\"");
    auto answer = client.Get("/api/v1/media/" + sha, headers);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 304);
    EXPECT_TRUE(answer->body.empty());
    EXPECT_EQ(answer->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
    const std::string unknown(64, 'b');
    headers = bearer();
    headers.emplace("If-None-Match", "\"" + unknown + "\"");
    EXPECT_EQ(client.Get("/api/v1/media/" + unknown, headers)->status, 404) << "no 304 for media the hub lacks";
}

}  // namespace
}  // namespace redgrid::test
