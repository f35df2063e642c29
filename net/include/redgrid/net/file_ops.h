// The few POSIX file calls the content cache reads and writes with, behind an interface
// so tests can fail exactly the Nth open, write, fsync or rename (FaultFileOps) the way
// SQLite's own I/O-error tests fail the Nth xWrite. The kiosk uses FileOps::system(),
// which forwards to the real calls; the calls keep POSIX's contract (-1 and errno).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

namespace redgrid::net {

class FileOps {
public:
    virtual ~FileOps() = default;
    virtual int open(const char* path, int flags, int mode);
    virtual ssize_t read(int fd, void* buffer, std::size_t size);
    virtual ssize_t write(int fd, const void* buffer, std::size_t size);
    virtual int fsync(int fd);
    virtual int close(int fd);
    virtual int rename(const char* from, const char* to);

    // The real calls; shared, stateless.
    static std::shared_ptr<FileOps> system();
};

enum class FileOp { open, write, fsync, rename };
std::string_view to_string(FileOp op);

// Forwards to the real calls and fails the Nth call of one kind with an errno of the
// test's choosing (ENOSPC, EIO, EACCES...), once. Counting covers every file the owner
// touches (reads open files too). Thread-safe.
class FaultFileOps final : public FileOps {
public:
    // Counts restart at zero. n is 1-based: 1 = the very next call of that kind.
    void fail_nth(FileOp op, std::uint64_t n, int error);
    void heal();  // no fault armed; counts restart

    std::uint64_t calls(FileOp op) const;  // since the last fail_nth/heal
    std::uint64_t injected() const;        // faults injected since construction

    int open(const char* path, int flags, int mode) override;
    ssize_t write(int fd, const void* buffer, std::size_t size) override;
    int fsync(int fd) override;
    int rename(const char* from, const char* to) override;

private:
    bool should_fail(FileOp op);  // counts the call; sets errno when it fails
    mutable std::mutex mutex_;
    std::uint64_t counts_[4] = {};
    FileOp armed_op_ = FileOp::open;
    std::uint64_t armed_n_ = 0;  // 0 = nothing armed
    int armed_errno_ = 0;
    std::uint64_t injected_ = 0;
};

}  // namespace redgrid::net
