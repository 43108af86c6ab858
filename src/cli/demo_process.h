// The demo's part on the treaty's own process (docs/bcc.md,
// docs/regime.md): the regime the sample history makes on a few dates,
// the 2022 concern, and the count under each side's reading. Internal to
// the CLI (demo_command.cc).
#ifndef VERITY_CLI_DEMO_PROCESS_H_
#define VERITY_CLI_DEMO_PROCESS_H_

#include <ostream>
#include <string>

#include "core/status.h"

namespace verity::cli {

// Prints section `number` from the sample ledger in `dir`.
Status PrintProcess(const std::string& dir, int number, std::ostream& out);

}  // namespace verity::cli

#endif  // VERITY_CLI_DEMO_PROCESS_H_
