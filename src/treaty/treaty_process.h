// Reading the treaty's own process from a treaty file: [commission],
// [data_exchanges] and [regime] (docs/treaty-format.md). Internal to the
// treaty component; treaty.cc calls it.
#ifndef VERITY_TREATY_TREATY_PROCESS_H_
#define VERITY_TREATY_TREATY_PROCESS_H_

#include "core/status.h"
#include "core/toml.h"
#include "treaty/treaty.h"

namespace verity::treaty::internal {

// Reads the three tables of `root` into `t`. With a base treaty each table
// is optional and replaces the base's when present. Errors are
// InvalidArgument naming the key path ("commission.sessions[2].end: ...").
Status ParseProcess(const TomlReader& root, Treaty* t);

}  // namespace verity::treaty::internal

#endif  // VERITY_TREATY_TREATY_PROCESS_H_
