// Whole-file reading and atomic writing.
#ifndef VERITY_CORE_FILE_IO_H_
#define VERITY_CORE_FILE_IO_H_

#include <string>

#include "core/status.h"

namespace verity {

// Reads the whole file at `path`; "-" reads standard input.
// NotFound if it does not exist, Unavailable if it cannot be read.
StatusOr<std::string> ReadFile(const std::string& path);

// Writes `contents` to `path` through a temporary file and a rename, so a
// reader never sees a half-written file. `mode` is applied before the rename.
Status WriteFileAtomic(const std::string& path, const std::string& contents, unsigned mode = 0644);

}  // namespace verity

#endif  // VERITY_CORE_FILE_IO_H_
