#include "redgrid/net/fault_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <utility>

namespace redgrid::net {

struct FaultVfs::State {
    std::string name;
    sqlite3_vfs vfs{};
    sqlite3_vfs* real = nullptr;

    mutable std::mutex mutex;
    std::uint64_t writes = 0;
    std::uint64_t syncs = 0;
    std::uint64_t injected = 0;
    std::uint64_t fail_write_at = 0;  // 0 = never
    bool write_fault_sticky = false;
    InjectedFault write_fault = InjectedFault::io_error;
    std::uint64_t fail_sync_at = 0;  // 0 = never
    bool opens_fail = false;

    void reset_counters_locked() {
        writes = 0;
        syncs = 0;
    }

    // Called before forwarding a write; returns the SQLite code to fail with, or OK.
    int on_write() {
        std::lock_guard lock(mutex);
        ++writes;
        if (fail_write_at == 0 || writes < fail_write_at) return SQLITE_OK;
        if (writes > fail_write_at && !write_fault_sticky) return SQLITE_OK;
        ++injected;
        return write_fault == InjectedFault::disk_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }

    int on_sync() {
        std::lock_guard lock(mutex);
        ++syncs;
        if (fail_sync_at == 0 || syncs != fail_sync_at) return SQLITE_OK;
        ++injected;
        return SQLITE_IOERR_FSYNC;
    }

    bool on_open() {
        std::lock_guard lock(mutex);
        if (opens_fail) ++injected;
        return opens_fail;
    }
};

namespace {

using State = FaultVfs::State;

// The shim's file: our header, then the real VFS's file object in the same allocation
// (SQLite allocates szOsFile bytes for us).
struct ShimFile {
    sqlite3_file base;
    State* state;
    sqlite3_file* real;
};

State* state_of(sqlite3_vfs* vfs) { return static_cast<State*>(vfs->pAppData); }
ShimFile* shim(sqlite3_file* file) { return reinterpret_cast<ShimFile*>(file); }
sqlite3_file* real(sqlite3_file* file) { return shim(file)->real; }

std::size_t real_file_offset() {
    constexpr std::size_t align = alignof(std::max_align_t);
    return (sizeof(ShimFile) + align - 1) / align * align;
}

int shim_close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
int shim_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
}
int shim_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
    if (const int rc = shim(f)->state->on_write(); rc != SQLITE_OK) return rc;
    return real(f)->pMethods->xWrite(real(f), buffer, amount, offset);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int shim_sync(sqlite3_file* f, int flags) {
    if (const int rc = shim(f)->state->on_sync(); rc != SQLITE_OK) return rc;
    return real(f)->pMethods->xSync(real(f), flags);
}
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int shim_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int shim_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int shim_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int shim_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int shim_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int shim_device_characteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int shim_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    if (real(f)->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    if (real(f)->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) {
    if (real(f)->pMethods->iVersion >= 2) real(f)->pMethods->xShmBarrier(real(f));
}
int shim_shm_unmap(sqlite3_file* f, int delete_flag) {
    if (real(f)->pMethods->iVersion < 2) return SQLITE_OK;
    return real(f)->pMethods->xShmUnmap(real(f), delete_flag);
}
int shim_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    if (real(f)->pMethods->iVersion < 3) {
        *out = nullptr;
        return SQLITE_OK;
    }
    return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
int shim_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
    if (real(f)->pMethods->iVersion < 3) return SQLITE_OK;
    return real(f)->pMethods->xUnfetch(real(f), offset, page);
}

const sqlite3_io_methods kShimMethods = {
    3,
    shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size,
    shim_lock, shim_unlock, shim_check_reserved, shim_file_control, shim_sector_size,
    shim_device_characteristics, shim_shm_map, shim_shm_lock, shim_shm_barrier,
    shim_shm_unmap, shim_fetch, shim_unfetch,
};

int vfs_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    State* state = state_of(vfs);
    auto* shim_file = shim(file);
    shim_file->base.pMethods = nullptr;
    if (state->on_open()) return SQLITE_CANTOPEN;
    shim_file->state = state;
    shim_file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + real_file_offset());
    shim_file->real->pMethods = nullptr;
    const int rc = state->real->xOpen(state->real, name, shim_file->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (shim_file->real->pMethods != nullptr) shim_file->real->pMethods->xClose(shim_file->real);
        return rc;
    }
    shim_file->base.pMethods = &kShimMethods;
    return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    return state_of(vfs)->real->xDelete(state_of(vfs)->real, name, sync_dir);
}
int vfs_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return state_of(vfs)->real->xAccess(state_of(vfs)->real, name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    return state_of(vfs)->real->xFullPathname(state_of(vfs)->real, name, size, out);
}
void* vfs_dl_open(sqlite3_vfs* vfs, const char* name) { return state_of(vfs)->real->xDlOpen(state_of(vfs)->real, name); }
void vfs_dl_error(sqlite3_vfs* vfs, int size, char* out) { state_of(vfs)->real->xDlError(state_of(vfs)->real, size, out); }
void (*vfs_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return state_of(vfs)->real->xDlSym(state_of(vfs)->real, handle, symbol);
}
void vfs_dl_close(sqlite3_vfs* vfs, void* handle) { state_of(vfs)->real->xDlClose(state_of(vfs)->real, handle); }
int vfs_randomness(sqlite3_vfs* vfs, int size, char* out) {
    return state_of(vfs)->real->xRandomness(state_of(vfs)->real, size, out);
}
int vfs_sleep(sqlite3_vfs* vfs, int micros) { return state_of(vfs)->real->xSleep(state_of(vfs)->real, micros); }
int vfs_current_time(sqlite3_vfs* vfs, double* out) {
    return state_of(vfs)->real->xCurrentTime(state_of(vfs)->real, out);
}
int vfs_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
    return state_of(vfs)->real->xGetLastError(state_of(vfs)->real, size, out);
}
int vfs_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    sqlite3_vfs* r = state_of(vfs)->real;
    if (r->iVersion >= 2 && r->xCurrentTimeInt64 != nullptr) return r->xCurrentTimeInt64(r, out);
    double days = 0;
    const int rc = r->xCurrentTime(r, &days);
    *out = static_cast<sqlite3_int64>(days * 86400000.0);
    return rc;
}

}  // namespace

std::expected<FaultVfs, std::string> FaultVfs::install(std::string name) {
    if (sqlite3_initialize() != SQLITE_OK) return std::unexpected("fault VFS: sqlite3_initialize failed");
    auto state = std::make_unique<State>();
    state->name = std::move(name);
    state->real = sqlite3_vfs_find(nullptr);
    if (state->real == nullptr) return std::unexpected("fault VFS: SQLite has no default VFS to wrap");
    if (sqlite3_vfs_find(state->name.c_str()) != nullptr) {
        return std::unexpected("fault VFS: a VFS named '" + state->name + "' is already registered");
    }
    sqlite3_vfs& vfs = state->vfs;
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(real_file_offset()) + state->real->szOsFile;
    vfs.mxPathname = state->real->mxPathname;
    vfs.zName = state->name.c_str();
    vfs.pAppData = state.get();
    vfs.xOpen = vfs_open;
    vfs.xDelete = vfs_delete;
    vfs.xAccess = vfs_access;
    vfs.xFullPathname = vfs_full_pathname;
    vfs.xDlOpen = vfs_dl_open;
    vfs.xDlError = vfs_dl_error;
    vfs.xDlSym = vfs_dl_sym;
    vfs.xDlClose = vfs_dl_close;
    vfs.xRandomness = vfs_randomness;
    vfs.xSleep = vfs_sleep;
    vfs.xCurrentTime = vfs_current_time;
    vfs.xGetLastError = vfs_get_last_error;
    vfs.xCurrentTimeInt64 = vfs_current_time_int64;
    if (const int rc = sqlite3_vfs_register(&vfs, 0); rc != SQLITE_OK) {
        return std::unexpected("fault VFS: registering '" + state->name + "' failed: " + sqlite3_errstr(rc));
    }
    return FaultVfs(std::move(state));
}

FaultVfs::FaultVfs(std::unique_ptr<State> state) : state_(std::move(state)) {}
FaultVfs::FaultVfs(FaultVfs&&) noexcept = default;

FaultVfs::~FaultVfs() {
    if (state_) sqlite3_vfs_unregister(&state_->vfs);
}

const std::string& FaultVfs::name() const { return state_->name; }

void FaultVfs::fail_nth_write(std::uint64_t n, InjectedFault fault) {
    std::lock_guard lock(state_->mutex);
    state_->reset_counters_locked();
    state_->fail_write_at = n;
    state_->write_fault_sticky = false;
    state_->write_fault = fault;
}

void FaultVfs::fail_writes_from(std::uint64_t n, InjectedFault fault) {
    std::lock_guard lock(state_->mutex);
    state_->reset_counters_locked();
    state_->fail_write_at = std::max<std::uint64_t>(n, 1);
    state_->write_fault_sticky = true;
    state_->write_fault = fault;
}

void FaultVfs::fail_nth_sync(std::uint64_t n) {
    std::lock_guard lock(state_->mutex);
    state_->reset_counters_locked();
    state_->fail_sync_at = n;
}

void FaultVfs::fail_opens(bool fail) {
    std::lock_guard lock(state_->mutex);
    state_->opens_fail = fail;
}

void FaultVfs::heal() {
    std::lock_guard lock(state_->mutex);
    state_->reset_counters_locked();
    state_->fail_write_at = 0;
    state_->write_fault_sticky = false;
    state_->fail_sync_at = 0;
    state_->opens_fail = false;
}

std::uint64_t FaultVfs::writes() const {
    std::lock_guard lock(state_->mutex);
    return state_->writes;
}

std::uint64_t FaultVfs::syncs() const {
    std::lock_guard lock(state_->mutex);
    return state_->syncs;
}

std::uint64_t FaultVfs::injected() const {
    std::lock_guard lock(state_->mutex);
    return state_->injected;
}

}  // namespace redgrid::net
