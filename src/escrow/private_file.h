// Files that must stay with their party (an opening file's salts, a secret
// randomness value): written with mode 0600 from creation and never
// overwritten; refused on reading when the group or others may read them.
#ifndef VERITY_ESCROW_PRIVATE_FILE_H_
#define VERITY_ESCROW_PRIVATE_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace verity::escrow {

// AlreadyExists "<path>: exists (<what> is never overwritten)" if there is
// a file; the errors of WriteFileAtomic otherwise.
Status WritePrivateFile(const std::string& path, const std::string& contents,
                        std::string_view what);

// FailedPrecondition "<path>: readable by others (mode 0644): <what> ...
// (chmod 600 it)" if the group or others may read it; else ReadFile's
// errors with the limit `max_bytes`.
StatusOr<std::string> ReadPrivateFile(const std::string& path, size_t max_bytes,
                                      std::string_view what);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_PRIVATE_FILE_H_
