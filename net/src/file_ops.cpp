#include "redgrid/net/file_ops.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace redgrid::net {

int FileOps::open(const char* path, int flags, int mode) { return ::open(path, flags, mode); }
ssize_t FileOps::read(int fd, void* buffer, std::size_t size) { return ::read(fd, buffer, size); }
ssize_t FileOps::write(int fd, const void* buffer, std::size_t size) { return ::write(fd, buffer, size); }
int FileOps::fsync(int fd) { return ::fsync(fd); }
int FileOps::close(int fd) { return ::close(fd); }
int FileOps::rename(const char* from, const char* to) { return ::rename(from, to); }

std::shared_ptr<FileOps> FileOps::system() {
    static const auto real = std::make_shared<FileOps>();
    return real;
}

std::string_view to_string(FileOp op) {
    switch (op) {
        case FileOp::open: return "open";
        case FileOp::write: return "write";
        case FileOp::fsync: return "fsync";
        case FileOp::rename: return "rename";
    }
    return "?";
}

void FaultFileOps::fail_nth(FileOp op, std::uint64_t n, int error) {
    std::lock_guard lock(mutex_);
    for (auto& count : counts_) count = 0;
    armed_op_ = op;
    armed_n_ = n;
    armed_errno_ = error;
}

void FaultFileOps::heal() {
    std::lock_guard lock(mutex_);
    for (auto& count : counts_) count = 0;
    armed_n_ = 0;
}

std::uint64_t FaultFileOps::calls(FileOp op) const {
    std::lock_guard lock(mutex_);
    return counts_[int(op)];
}

std::uint64_t FaultFileOps::injected() const {
    std::lock_guard lock(mutex_);
    return injected_;
}

bool FaultFileOps::should_fail(FileOp op) {
    std::lock_guard lock(mutex_);
    const auto count = ++counts_[int(op)];
    if (armed_n_ == 0 || op != armed_op_ || count != armed_n_) return false;
    ++injected_;
    errno = armed_errno_;
    return true;
}

int FaultFileOps::open(const char* path, int flags, int mode) {
    return should_fail(FileOp::open) ? -1 : FileOps::open(path, flags, mode);
}

ssize_t FaultFileOps::write(int fd, const void* buffer, std::size_t size) {
    if (!should_fail(FileOp::write)) return FileOps::write(fd, buffer, size);
    // A failing disk often takes part of a write before it gives up: store half, then
    // fail the next call, so the writer's retry loop and its error path both run.
    if (size > 1) {
        const auto half = FileOps::write(fd, buffer, size / 2);
        if (half > 0) {
            std::lock_guard lock(mutex_);
            armed_n_ = counts_[int(FileOp::write)] + 1;  // the retry of the rest fails
            return half;
        }
    }
    return -1;
}

int FaultFileOps::fsync(int fd) { return should_fail(FileOp::fsync) ? -1 : FileOps::fsync(fd); }

int FaultFileOps::rename(const char* from, const char* to) {
    return should_fail(FileOp::rename) ? -1 : FileOps::rename(from, to);
}

}  // namespace redgrid::net
