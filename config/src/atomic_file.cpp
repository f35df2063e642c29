#include "redgrid/config/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace redgrid::config {

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                                                       int mode) {
    static std::atomic<unsigned> counter{0};
    const auto temp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return std::unexpected("cannot create " + temp.string() + ": " + std::strerror(errno));
    std::string_view rest = bytes;
    bool ok = true;
    while (ok && !rest.empty()) {
        const auto written = ::write(fd, rest.data(), rest.size());
        if (written < 0 && errno == EINTR) continue;
        ok = written > 0;
        if (ok) rest.remove_prefix(std::size_t(written));
    }
    ok = ok && ::fsync(fd) == 0;
    const std::string error = ok ? "" : std::strerror(errno);
    ok = (::close(fd) == 0) && ok;
    if (ok && ::rename(temp.c_str(), target.c_str()) == 0) {
        const int dir = ::open(target.parent_path().empty() ? "." : target.parent_path().c_str(),
                               O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
        return {};
    }
    const std::string message = "cannot write " + target.string() + ": " + (error.empty() ? std::strerror(errno) : error);
    ::unlink(temp.c_str());
    return std::unexpected(message);
}

}  // namespace redgrid::config
