#pragma once
// A SQLite VFS shim that forwards to the platform's default VFS and fails chosen
// writes, syncs or opens on purpose. Tests use it to play disk-full, I/O errors and
// unreadable files without root, tmpfs or real broken hardware:
//
//   auto vfs = FaultVfs::install("fault-1").value();
//   auto queue = EventQueue::open(path, limits, clock, {.vfs_name = vfs.name()});
//   vfs.fail_writes_from(1, InjectedFault::disk_full);  // the disk is now "full"
//
// Counting is per FaultVfs and covers every file SQLite opens through it (database,
// WAL, journals). The shared-memory index of WAL mode is mapped memory, not xWrite,
// so it is never failed; a real failing disk behaves the same way there.

#include <cstdint>
#include <expected>
#include <memory>
#include <string>

namespace redgrid::net {

enum class InjectedFault {
    io_error,   // SQLITE_IOERR_WRITE, as from EIO
    disk_full,  // SQLITE_FULL, as from ENOSPC
};

class FaultVfs {
public:
    // Registers a VFS called `name` (not made the default). Fails if the name is taken
    // or the platform has no default VFS.
    static std::expected<FaultVfs, std::string> install(std::string name);

    // Unregisters the VFS. Close every connection that uses it first: SQLite keeps a
    // pointer to it for the life of each connection.
    ~FaultVfs();
    FaultVfs(FaultVfs&&) noexcept;
    FaultVfs& operator=(FaultVfs&&) = delete;
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    const std::string& name() const;

    // Counts restart at zero on each call below. n is 1-based: 1 = the very next call.
    void fail_nth_write(std::uint64_t n, InjectedFault fault = InjectedFault::io_error);    // one shot
    void fail_writes_from(std::uint64_t n, InjectedFault fault = InjectedFault::disk_full); // until heal()
    void fail_nth_sync(std::uint64_t n);                                                   // one shot
    void fail_opens(bool fail);  // every xOpen fails with SQLITE_CANTOPEN, as an unreadable file
    void heal();                 // no more faults; counters restart

    std::uint64_t writes() const;    // xWrite calls since the last arm/heal
    std::uint64_t syncs() const;     // xSync calls since the last arm/heal
    std::uint64_t injected() const;  // faults injected since install

    struct State;

private:
    explicit FaultVfs(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace redgrid::net
