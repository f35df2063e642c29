#include "font_file_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

namespace redgrid::render {
namespace {

// FreeType's reads alternate between a few places (an index's offsets, then the glyph
// program they point at, then a subroutine), so several small blocks, least recently used
// replaced: one 16 KB block thrashed, 2,461 reads of 16 KB (40 MB copied) for one screen.
constexpr Sint64 kBlockSize = 4096;
constexpr std::size_t kBlocks = 8;

struct Block {
    Sint64 start = -1;  // file offset, -1 while empty
    Sint64 length = 0;
    std::uint64_t last_used = 0;
    std::array<char, kBlockSize> bytes{};
};

struct FontFile {
    int fd = -1;
    Sint64 size = 0;
    Sint64 position = 0;
    std::uint64_t uses = 0;
    std::array<Block, kBlocks> blocks{};

    FontFile() = default;
    FontFile(const FontFile&) = delete;
    FontFile& operator=(const FontFile&) = delete;
    ~FontFile() {
        if (fd >= 0) ::close(fd);
    }

    // Reads exactly `length` bytes at `offset` unless the file ends first; -1 on an error.
    Sint64 read_at(Sint64 offset, char* out, Sint64 length) const {
        Sint64 done = 0;
        while (done < length) {
            const ssize_t got = ::pread(fd, out + done, static_cast<std::size_t>(length - done), offset + done);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) return -1;
            if (got == 0) break;
            done += got;
        }
        return done;
    }

    // The block holding `offset`, read if it is not held; nullptr on an error or past the end.
    const Block* block_at(Sint64 offset) {
        const Sint64 start = offset - offset % kBlockSize;
        Block* oldest = &blocks[0];
        for (Block& block : blocks) {
            if (block.start == start) {
                block.last_used = ++uses;
                return &block;
            }
            if (block.last_used < oldest->last_used) oldest = &block;
        }
        const Sint64 got = read_at(start, oldest->bytes.data(), kBlockSize);
        if (got <= 0 || offset >= start + got) {
            oldest->start = -1;
            if (got < 0) SDL_SetError("font file: %s", std::strerror(errno));
            return nullptr;
        }
        oldest->start = start;
        oldest->length = got;
        oldest->last_used = ++uses;
        return oldest;
    }
};

FontFile& file_of(SDL_RWops* stream) {
    return *static_cast<FontFile*>(stream->hidden.unknown.data1);
}

Sint64 stream_size(SDL_RWops* stream) {
    return file_of(stream).size;
}

Sint64 stream_seek(SDL_RWops* stream, Sint64 offset, int whence) {
    FontFile& file = file_of(stream);
    if (whence != RW_SEEK_SET && whence != RW_SEEK_CUR && whence != RW_SEEK_END)
        return SDL_SetError("font file: bad whence %d", whence);
    const Sint64 base = whence == RW_SEEK_SET ? 0 : whence == RW_SEEK_CUR ? file.position : file.size;
    if (base + offset < 0) return SDL_SetError("font file: seek before the start");
    file.position = base + offset;
    return file.position;
}

size_t stream_read(SDL_RWops* stream, void* out, size_t size, size_t count) {
    FontFile& file = file_of(stream);
    if (size == 0 || count == 0 || file.position >= file.size) return 0;
    const Sint64 wanted = std::min<Sint64>(static_cast<Sint64>(size * count), file.size - file.position);
    auto* to = static_cast<char*>(out);
    Sint64 copied = 0;
    if (wanted >= kBlockSize) {  // a whole table: straight into FreeType's buffer
        copied = file.read_at(file.position, to, wanted);
        if (copied < 0) {
            SDL_SetError("font file: %s", std::strerror(errno));
            return 0;
        }
    } else {
        while (copied < wanted) {
            const Sint64 at = file.position + copied;
            const Block* block = file.block_at(at);
            if (block == nullptr) break;
            const Sint64 from_block = std::min(wanted - copied, block->start + block->length - at);
            std::memcpy(to + copied, block->bytes.data() + (at - block->start), static_cast<std::size_t>(from_block));
            copied += from_block;
        }
    }
    file.position += copied;
    return static_cast<size_t>(copied) / size;
}

size_t stream_write(SDL_RWops*, const void*, size_t, size_t) {
    SDL_SetError("font file: read-only");
    return 0;
}

int stream_close(SDL_RWops* stream) {
    // Owned by the stream since open_font_file_stream handed it over.
    std::unique_ptr<FontFile> file(static_cast<FontFile*>(stream->hidden.unknown.data1));
    SDL_FreeRW(stream);
    return 0;
}

}  // namespace

SDL_RWops* open_font_file_stream(const std::filesystem::path& path) {
    auto file = std::make_unique<FontFile>();
    file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (file->fd < 0 || ::fstat(file->fd, &info) != 0) {
        SDL_SetError("%s: %s", path.c_str(), std::strerror(errno));
        return nullptr;
    }
    file->size = info.st_size;
    SDL_RWops* stream = SDL_AllocRW();
    if (stream == nullptr) return nullptr;
    stream->type = SDL_RWOPS_UNKNOWN;
    stream->size = stream_size;
    stream->seek = stream_seek;
    stream->read = stream_read;
    stream->write = stream_write;
    stream->close = stream_close;
    stream->hidden.unknown.data1 = file.release();
    return stream;
}

}  // namespace redgrid::render
