// The last good content bundle and its media on disk, so the kiosk shows content at
// boot before any network. Everything is written atomically (temp file, fsync,
// rename, fsync of the directory) and checked by hash when read back: a crash or
// power cut at any moment leaves either the old or the new bundle, never a mix, and a
// corrupt file is ignored with a log line.
//
// Layout of the directory:
//   bundles/<sha256>.json   bundle texts, named by their hash
//   media/<sha256>          media bytes, named by their hash
//   current, previous       small JSON pointers: {"bundle_sha256", "etag", "version"}
//   tmp/                    partial writes; emptied on open
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/content/content.h"
#include "redgrid/net/vocabulary.h"
#include "redgrid/net/file_ops.h"

namespace redgrid::kiosk {
}

namespace redgrid::net {

struct CachedContent {
    std::shared_ptr<const content::Content> content;
    std::filesystem::path media_dir;   // media/<sha256> files live here
    std::string version;               // Bundle::version
    std::string bundle_sha256;
    // The server's ETag, or "" when some media are missing: then the next sync must do
    // a full GET to fetch them again.
    std::string etag;
    std::vector<std::string> missing_media;  // referenced but absent or corrupt on disk
};

class ContentCache {
public:
    static constexpr std::uint64_t kDefaultMaxBytes = 256ull * 1024 * 1024;

    // `ops`: the file calls to use (nullptr: the real ones); tests pass a FaultFileOps.
    explicit ContentCache(std::filesystem::path dir, std::uint64_t max_bytes = kDefaultMaxBytes,
                          std::shared_ptr<FileOps> ops = nullptr);

    // The newest bundle that is intact on disk: "current", else "previous". Each file's
    // hash is checked; corrupt media are deleted and listed in missing_media.
    std::expected<CachedContent, std::string> load_last_good();
    // Only "current", checked as above: the server's reload command (never an older
    // bundle in its place). The error names the file and what is wrong with it.
    std::expected<CachedContent, std::string> load_current();

    // True when media/<sha256> exists with the right size (its hash was checked when it
    // was stored, and is checked again by load_last_good).
    bool has_media(const content::MediaInfo& info) const;

    // Checks the bytes (check_media: hash, size, type, dimensions) and writes them
    // atomically. A failed write leaves no file under the media's name.
    std::expected<void, std::string> store_media(const content::MediaInfo& info, std::string_view bytes);

    // The bundle's text plus every media it references must fit the size cap.
    std::expected<void, std::string> check_fits(const content::Bundle& bundle, std::size_t text_bytes) const;

    // Makes `text` (already validated into `bundle`) the current bundle, atomically;
    // every media entry must already be stored. The old current becomes "previous".
    // Then removes bundles and media neither of them references. On an error (what
    // failed and the file, e.g. "cannot sync .../tmp/current.12.3: Input/output error")
    // the old bundle is still the one load_last_good() finds, unless only the final
    // directory sync after "current" was renamed failed: then it is the new one, intact.
    std::expected<void, std::string> store(std::string_view text, const content::Bundle& bundle,
                                           const std::string& etag);

    // Removes files that neither "current" nor "previous" references; drops "previous"
    // when both together exceed the size cap. Does nothing (with a log line) when a
    // pointer or bundle cannot be read because of an I/O error.
    void collect_garbage();

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path media_dir() const { return dir_ / "media"; }
    std::uint64_t max_bytes() const { return max_bytes_; }

    // Fault injection for the crash tests: called with a stage name at each step of a
    // write ("bundle-partly-written", "bundle-renamed", "previous-written",
    // "current-partly-written", "current-renamed"); a test's hook may _exit() there.
    using StageHook = std::function<void(std::string_view stage)>;
    void set_stage_hook(StageHook hook) { stage_hook_ = std::move(hook); }

private:
    // The bundle the pointer file `name` names, with its media checked.
    std::expected<CachedContent, std::string> load_pointed(const char* name);
    void stage(std::string_view name) const;
    std::expected<void, std::string> write_atomically(const std::filesystem::path& target, std::string_view bytes,
                                                      std::string_view stage_prefix) const;
    std::filesystem::path dir_;
    std::uint64_t max_bytes_;
    std::shared_ptr<FileOps> ops_;
    StageHook stage_hook_;
};

}  // namespace redgrid::net
