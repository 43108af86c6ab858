// Whole-file reading and atomic writing.
#ifndef VERITY_CORE_FILE_IO_H_
#define VERITY_CORE_FILE_IO_H_

#include <cstddef>
#include <string>

#include "core/limits.h"
#include "core/status.h"

namespace verity {

// Reads the whole file at `path`; "-" reads standard input. Only a regular
// file is read, and only up to `max_bytes`, both checked before reading
// (standard input, whose size is unknown, is read until it passes the
// limit). Errors name the path:
//   NotFound         "<path>: no such file"
//   InvalidArgument  "<path>: is a folder, not a file"
//                    "<path>: not a regular file (a device, FIFO or socket)"
//                    "<path>: N bytes, more than the limit of M bytes"
//                    "standard input: more than the limit of M bytes"
//   Unavailable      "<path>: cannot open: <reason>", "<path>: read error"
StatusOr<std::string> ReadFile(const std::string& path,
                               size_t max_bytes = limits::kMaxInputFileBytes);

// "<path>: cannot create: <strerror(error)>": InvalidArgument when the
// path the user gave cannot be written (a parent is a file, permission
// denied, a read-only file system, a name too long, a loop of links),
// Unavailable for a machine failure (disk full, I/O error).
Status CannotCreate(const std::string& path, int error);

// Makes the folder `dir` (and its parents) with `mode` if it does not
// exist; an existing folder keeps its mode. "<dir>: exists and is not a
// folder" (InvalidArgument), else CannotCreate's errors.
Status MakeFolder(const std::string& dir, unsigned mode);

// Writes `contents` to `path` through a temporary file and a rename, so a
// reader never sees a half-written file. `mode` is applied before the rename.
Status WriteFileAtomic(const std::string& path, const std::string& contents, unsigned mode = 0644);

}  // namespace verity

#endif  // VERITY_CORE_FILE_IO_H_
