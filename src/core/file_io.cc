#include "core/file_io.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace verity {

StatusOr<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return Unavailable(path + ": cannot open: " + std::strerror(errno));
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Unavailable(path + ": read error");
  return data;
}

Status WriteFileAtomic(const std::string& path, const std::string& contents, unsigned mode) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Unavailable(tmp + ": cannot create: " + std::strerror(errno));
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
