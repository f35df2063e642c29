#include "redgrid/net/content_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "redgrid/config/log.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/content/media_check.h"
#include "redgrid/net/vocabulary.h"

namespace redgrid::net {
namespace fs = std::filesystem;
using config::LogLevel;
using config::log;

namespace {

// Closes through the same FileOps that opened it.
class FileDescriptor {
public:
    FileDescriptor(FileOps& ops, int fd) : ops_(ops), fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ops_.close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    FileOps& ops_;
    int fd_;
};

std::string errno_text() { return std::strerror(errno); }

bool write_all(FileOps& ops, int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const auto written = ops.write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (written == 0) {
            errno = EIO;  // a write that takes nothing would loop for ever
            return false;
        }
        bytes.remove_prefix(std::size_t(written));
    }
    return true;
}

// After a rename the directory entry is only durable once the directory is synced.
std::expected<void, std::string> fsync_directory(FileOps& ops, const fs::path& dir) {
    FileDescriptor fd(ops, ops.open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0));
    if (fd.get() < 0) return std::unexpected("cannot open directory " + dir.string() + " to sync it: " + errno_text());
    if (ops.fsync(fd.get()) != 0) return std::unexpected("cannot sync directory " + dir.string() + ": " + errno_text());
    return {};
}

// Why a file could not be read: `io` when the disk failed (the file may be fine, try
// again later), not when it is absent, too large or holds the wrong content.
struct ReadFailure {
    std::string message;
    bool io = false;
};

std::expected<std::string, ReadFailure> read_file(FileOps& ops, const fs::path& path, std::uintmax_t max_bytes) {
    FileDescriptor fd(ops, ops.open(path.c_str(), O_RDONLY | O_CLOEXEC, 0));
    if (fd.get() < 0) {
        const bool absent = errno == ENOENT;
        return std::unexpected(ReadFailure{path.string() + ": " + errno_text(), !absent});
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return std::unexpected(ReadFailure{path.string() + ": " + errno_text(), true});
    const auto size = std::uintmax_t(info.st_size);
    if (size > max_bytes)
        return std::unexpected(ReadFailure{path.string() + ": " + std::to_string(size) + " bytes, too large", false});
    std::string bytes(size, '\0');
    std::size_t done = 0;
    while (done < size) {
        const auto got = ops.read(fd.get(), bytes.data() + done, size - done);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return std::unexpected(ReadFailure{path.string() + ": read error: " + errno_text(), true});
        if (got == 0) break;  // shrank under us: the hash check refuses what is left
        done += std::size_t(got);
    }
    bytes.resize(done);
    return bytes;
}

struct Pointer {
    std::string bundle_sha256;
    std::string etag;
    std::string version;
};

std::expected<Pointer, ReadFailure> read_pointer(FileOps& ops, const fs::path& path) {
    auto text = read_file(ops, path, 64 * 1024);
    if (!text) return std::unexpected(text.error());
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("bundle_sha256") ||
        !json["bundle_sha256"].is_string())
        return std::unexpected(ReadFailure{path.string() + ": not a cache pointer (corrupt)"});
    Pointer pointer{json["bundle_sha256"].get<std::string>(), json.value("etag", ""), json.value("version", "")};
    if (!is_sha256_hex(pointer.bundle_sha256)) return std::unexpected(ReadFailure{path.string() + ": bad bundle hash"});
    return pointer;
}

std::string pointer_text(const Pointer& pointer) {
    return nlohmann::json{{"bundle_sha256", pointer.bundle_sha256}, {"etag", pointer.etag}, {"version", pointer.version}}
        .dump();
}

}  // namespace

ContentCache::ContentCache(fs::path dir, std::uint64_t max_bytes, std::shared_ptr<FileOps> ops)
    : dir_(std::move(dir)), max_bytes_(max_bytes), ops_(ops ? std::move(ops) : FileOps::system()) {
    std::error_code error;
    fs::create_directories(dir_ / "bundles", error);
    fs::create_directories(dir_ / "media", error);
    fs::remove_all(dir_ / "tmp", error);  // leftovers of writes cut short
    fs::create_directories(dir_ / "tmp", error);
    if (error) log(LogLevel::error, "content cache: cannot create {}: {}", dir_.string(), error.message());
}

void ContentCache::stage(std::string_view name) const {
    if (stage_hook_) stage_hook_(name);
}

std::expected<void, std::string> ContentCache::write_atomically(const fs::path& target, std::string_view bytes,
                                                                std::string_view stage_prefix) const {
    static std::atomic<unsigned> counter{0};
    const fs::path temp = dir_ / "tmp" / (target.filename().string() + "." + std::to_string(::getpid()) + "." +
                                          std::to_string(counter++));
    // A write cut short leaves nothing behind: the partial temp file is removed (and
    // tmp/ is emptied at the next start anyway); only a complete, synced file is renamed.
    const auto fail = [&](std::string message) -> std::expected<void, std::string> {
        std::error_code ignored;
        fs::remove(temp, ignored);
        return std::unexpected(std::move(message));
    };
    {
        FileDescriptor fd(*ops_, ops_->open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) return fail("cannot create " + temp.string() + ": " + errno_text());
        const auto half = bytes.size() / 2;
        if (!write_all(*ops_, fd.get(), bytes.substr(0, half)))
            return fail("cannot write " + temp.string() + ": " + errno_text());
        stage(std::string(stage_prefix) + "-partly-written");
        if (!write_all(*ops_, fd.get(), bytes.substr(half)))
            return fail("cannot write " + temp.string() + ": " + errno_text());
        if (ops_->fsync(fd.get()) != 0) return fail("cannot sync " + temp.string() + ": " + errno_text());
        if (ops_->close(fd.release()) != 0) return fail("cannot close " + temp.string() + ": " + errno_text());
    }
    if (ops_->rename(temp.c_str(), target.c_str()) != 0)
        return fail("cannot rename " + temp.string() + " to " + target.string() + ": " + errno_text());
    // The new file is in place and complete; if the directory cannot be synced, a power
    // cut could still bring back the old entry, so the write is not reported as done.
    if (auto synced = fsync_directory(*ops_, target.parent_path()); !synced) return synced;
    stage(std::string(stage_prefix) + "-renamed");
    return {};
}

bool ContentCache::has_media(const content::MediaInfo& info) const {
    std::error_code error;
    const auto size = fs::file_size(media_dir() / info.sha256, error);
    return !error && std::int64_t(size) == info.size;
}

std::expected<void, std::string> ContentCache::store_media(const content::MediaInfo& info, std::string_view bytes) {
    if (auto checked = check_media(info, bytes); !checked) return checked;
    return write_atomically(media_dir() / info.sha256, bytes, "media");
}

std::expected<void, std::string> ContentCache::check_fits(const content::Bundle& bundle, std::size_t text_bytes) const {
    std::uint64_t total = text_bytes;
    for (const auto& media : bundle.media) total += std::uint64_t(std::max<std::int64_t>(media.size, 0));
    if (total > max_bytes_)
        return std::unexpected("bundle " + bundle.version + " needs " + std::to_string(total) +
                               " bytes with its media, over the cache cap of " + std::to_string(max_bytes_));
    return {};
}

std::expected<void, std::string> ContentCache::store(std::string_view text, const content::Bundle& bundle,
                                                     const std::string& etag) {
    if (auto fits = check_fits(bundle, text.size()); !fits) return fits;
    for (const auto& media : bundle.media)
        if (!has_media(media)) return std::unexpected("cannot store bundle: media " + media.sha256 + " not in the cache");
    const Pointer next{sha256_hex(text), etag, bundle.version};
    if (auto written = write_atomically(dir_ / "bundles" / (next.bundle_sha256 + ".json"), text, "bundle"); !written)
        return written;
    const auto current = read_pointer(*ops_, dir_ / "current");
    // A current bundle that is there but cannot be read now must not be dropped: it
    // becomes "previous" below, and without it the garbage collection would delete it.
    if (!current && current.error().io)
        return std::unexpected("cannot read the current pointer: " + current.error().message);
    if (current && current->bundle_sha256 != next.bundle_sha256) {
        if (auto written = write_atomically(dir_ / "previous", pointer_text(*current), "previous"); !written)
            return written;
    }
    if (auto written = write_atomically(dir_ / "current", pointer_text(next), "current"); !written) return written;
    collect_garbage();
    return {};
}

std::expected<CachedContent, std::string> ContentCache::load_pointed(const char* name) {
    const auto pointer = read_pointer(*ops_, dir_ / name);
    if (!pointer) return std::unexpected(pointer.error().message);
    const fs::path bundle_path = dir_ / "bundles" / (pointer->bundle_sha256 + ".json");
    auto text = read_file(*ops_, bundle_path, content::content_limits::max_document_bytes);
    if (!text) return std::unexpected(text.error().message);
    if (sha256_hex(*text) != pointer->bundle_sha256)
        return std::unexpected(bundle_path.string() + ": content does not match its hash (corrupt)");
    auto bundle = content::parse_bundle(*text);
    if (!bundle) return std::unexpected(bundle_path.string() + ": no longer valid: " + bundle.error().front().to_string());
    CachedContent cached;
    cached.media_dir = media_dir();
    cached.version = bundle->version;
    cached.bundle_sha256 = pointer->bundle_sha256;
    for (const auto& media : bundle->media) {
        const fs::path path = media_dir() / media.sha256;
        auto bytes = read_file(*ops_, path, std::uintmax_t(content::content_limits::max_media_bytes));
        if (!bytes) {
            cached.missing_media.push_back(media.sha256);
            continue;
        }
        if (auto checked = check_media(media, *bytes); !checked) {
            log(LogLevel::warning, "content cache: removing corrupt {}", checked.error());
            std::error_code ignored;
            fs::remove(path, ignored);
            cached.missing_media.push_back(media.sha256);
        }
    }
    if (!cached.missing_media.empty())
        log(LogLevel::warning, "content cache: bundle {} lacks {} media file(s); the next sync fetches them",
            cached.version, cached.missing_media.size());
    cached.etag = cached.missing_media.empty() ? pointer->etag : "";
    cached.content = content::Content::make(std::move(*bundle));
    return cached;
}

std::expected<CachedContent, std::string> ContentCache::load_last_good() {
    std::string problems;
    for (const char* name : {"current", "previous"}) {
        auto cached = load_pointed(name);
        if (!cached) {
            // An absent pointer is no problem (a new cache, or no previous bundle yet).
            if (fs::exists(dir_ / name)) {
                log(LogLevel::warning, "content cache: ignoring {} bundle: {}", name, cached.error());
                problems += cached.error() + "; ";
            }
            continue;
        }
        if (std::string(name) == "previous")
            log(LogLevel::notice, "content cache: using the previous bundle {}", cached->version);
        return cached;
    }
    return std::unexpected(problems.empty() ? "content cache " + dir_.string() + " is empty"
                                            : "no intact bundle in " + dir_.string() + ": " + problems);
}

std::expected<CachedContent, std::string> ContentCache::load_current() {
    auto cached = load_pointed("current");
    if (!cached) log(LogLevel::warning, "content cache: current bundle not loaded: {}", cached.error());
    return cached;
}

void ContentCache::collect_garbage() {
    std::error_code error;
    const auto skip = [](const std::string& why) {
        log(LogLevel::warning, "content cache: garbage collection skipped: {}", why);
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::set<std::string> bundles;
        std::set<std::string> media;
        std::uint64_t referenced_bytes = 0;
        for (const char* name : {"current", "previous"}) {
            // A file that cannot be read right now may still be referenced: collecting
            // without it would delete a good bundle's files. Try again after the next store.
            const auto pointer = read_pointer(*ops_, dir_ / name);
            if (!pointer && pointer.error().io) return skip(pointer.error().message);
            if (!pointer) continue;
            const fs::path path = dir_ / "bundles" / (pointer->bundle_sha256 + ".json");
            auto text = read_file(*ops_, path, content::content_limits::max_document_bytes);
            if (!text && text.error().io) return skip(text.error().message);
            if (!text) continue;
            const auto bundle = content::parse_bundle(*text);
            if (!bundle) continue;
            if (bundles.insert(pointer->bundle_sha256).second) referenced_bytes += text->size();
            for (const auto& entry : bundle->media)
                if (media.insert(entry.sha256).second) referenced_bytes += std::uint64_t(entry.size);
        }
        if (referenced_bytes > max_bytes_ && attempt == 0 && fs::exists(dir_ / "previous")) {
            log(LogLevel::info, "content cache: over its {} byte cap, dropping the previous bundle", max_bytes_);
            fs::remove(dir_ / "previous", error);
            continue;
        }
        std::size_t removed = 0;
        for (const auto& entry : fs::directory_iterator(dir_ / "bundles", error)) {
            const auto stem = entry.path().stem().string();
            if (!bundles.contains(stem) && fs::remove(entry.path(), error)) ++removed;
        }
        for (const auto& entry : fs::directory_iterator(media_dir(), error)) {
            if (!media.contains(entry.path().filename().string()) && fs::remove(entry.path(), error)) ++removed;
        }
        if (removed) log(LogLevel::info, "content cache: removed {} unreferenced file(s)", removed);
        return;
    }
}

}  // namespace redgrid::net
