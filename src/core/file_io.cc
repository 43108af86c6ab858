#include "core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace verity {

namespace {

std::string TooLarge(const std::string& what, size_t max_bytes) {
  return what + "more than the limit of " + std::to_string(max_bytes) + " bytes";
}

// Reads `fd` until end of file, or until more than `max_bytes` have come.
// Returns false on a read error; `*over` says the limit was passed.
bool ReadAll(int fd, size_t max_bytes, std::string* out, bool* over) {
  char buf[1 << 16];
  *over = false;
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    if (out->size() + static_cast<size_t>(n) > max_bytes) {
      *over = true;
      return true;
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

// A descriptor closed when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

StatusOr<std::string> ReadStdin(size_t max_bytes) {
  std::string data;
  bool over = false;
  if (!ReadAll(STDIN_FILENO, max_bytes, &data, &over))
    return Unavailable(std::string("standard input: read error: ") + std::strerror(errno));
  if (over) return InvalidArgument(TooLarge("standard input: ", max_bytes));
  return data;
}

}  // namespace

StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  if (path == "-") return ReadStdin(max_bytes);
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
  // below, as is anything else that is not a regular file.
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (f.fd < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return Unavailable(path + ": cannot open: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return Unavailable(path + ": cannot stat: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return InvalidArgument(path + ": is a folder, not a file");
  if (!S_ISREG(st.st_mode))
    return InvalidArgument(path + ": not a regular file (a device, FIFO or socket)");
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return InvalidArgument(path + ": " + std::to_string(st.st_size) + " bytes, " +
                           TooLarge("", max_bytes));
  }
  const int flags = ::fcntl(f.fd, F_GETFL);
  if (flags >= 0) (void)::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
  std::string data;
  data.reserve(static_cast<size_t>(st.st_size));
  bool over = false;  // the file grew after fstat
  if (!ReadAll(f.fd, max_bytes, &data, &over)) return Unavailable(path + ": read error");
  if (over) return InvalidArgument(path + ": " + TooLarge("", max_bytes));
  return data;
}

Status CannotCreate(const std::string& path, int error) {
  const std::string message = path + ": cannot create: " + std::strerror(error);
  switch (error) {
    case ENOTDIR:
    case EISDIR:
    case EACCES:
    case EPERM:
    case EROFS:
    case ENAMETOOLONG:
    case ELOOP:
      return InvalidArgument(message);
    default:
      return Unavailable(message);
  }
}

Status MakeFolder(const std::string& dir, unsigned mode) {
  std::error_code ec;
  const auto st = std::filesystem::status(dir, ec);
  if (std::filesystem::is_directory(st)) return Status::Ok();
  if (std::filesystem::exists(st)) return InvalidArgument(dir + ": exists and is not a folder");
  std::filesystem::create_directories(dir, ec);
  if (!ec) std::filesystem::permissions(dir, static_cast<std::filesystem::perms>(mode), ec);
  if (!ec) return Status::Ok();
  return CannotCreate(dir, ec.value());
}

Status WriteFileAtomic(const std::string& path, const std::string& contents, unsigned mode) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return CannotCreate(tmp, errno);
    out << contents;
    out.flush();
    if (!out) return Unavailable(tmp + ": write error");
  }
  if (::chmod(tmp.c_str(), mode) != 0) return Unavailable(tmp + ": chmod: " + std::strerror(errno));
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Unavailable(path + ": rename: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace verity
