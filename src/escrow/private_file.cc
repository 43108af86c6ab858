#include "escrow/private_file.h"

#include <sys/stat.h>

#include <cstdio>

#include "core/file_io.h"

namespace verity::escrow {
namespace {

std::string Octal(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

}  // namespace

Status WritePrivateFile(const std::string& path, const std::string& contents,
                        std::string_view what) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    return AlreadyExists(path + ": exists (" + std::string(what) + " is never overwritten)");
  }
  return WriteFileAtomic(path, contents, 0600);
}

StatusOr<std::string> ReadPrivateFile(const std::string& path, size_t max_bytes,
                                      std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return FailedPrecondition(path + ": readable by others (mode " + Octal(st.st_mode) + "): " +
                              std::string(what) + " must stay with its party (chmod 600 it)");
  }
  return ReadFile(path, max_bytes);
}

}  // namespace verity::escrow
