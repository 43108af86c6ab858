// Files from one folder, for the dashboard and (later) static tiles.
//
// A request path maps to a file under the root: "/" and any path ending in
// '/' to its index.html. A path with a "." or ".." segment, a backslash or a
// NUL is refused; a path that resolves outside the root (through a symbolic
// link) is not found. Only regular files are served, up to
// kDefaultMaxStaticFileBytes. Errors never name the root or any file path.
//
// Thread safety: immutable after construction; Serve may be called from
// any thread.
#ifndef VERITY_HTTP_STATIC_FILES_H_
#define VERITY_HTTP_STATIC_FILES_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"
#include "http/limits.h"
#include "http/message.h"

namespace verity::http {

class StaticFiles {
 public:
  // `root` must be a directory (NotFound from Open otherwise).
  static StatusOr<StaticFiles> Open(const std::string& root,
                                    int64_t max_file_bytes = kDefaultMaxStaticFileBytes);

  // The file for `path` (a decoded request path) with its content type and
  // `cache_control`. NotFound "no such file" if there is none (or the path
  // leaves the root), InvalidArgument for a refused path, Unavailable if it
  // cannot be read or is over the size limit.
  StatusOr<Response> Serve(std::string_view path, std::string cache_control) const;

 private:
  StaticFiles(std::filesystem::path root, int64_t max) : root_(std::move(root)), max_(max) {}
  std::filesystem::path root_;  // canonical
  int64_t max_;
};

// The content type for a file name, by its extension
// ("application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace verity::http

#endif  // VERITY_HTTP_STATIC_FILES_H_
