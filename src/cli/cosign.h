// Cosigning from the command line, shared by `ledger cosign` and `ledger
// append --policy`.
#ifndef VERITY_CLI_COSIGN_H_
#define VERITY_CLI_COSIGN_H_

#include <string>

#include "cli/command.h"
#include "core/json.h"
#include "ledger/store.h"

namespace verity::cli {

// Collects and stores the cosignatures of the ledger's newest checkpoint,
// printing each witness's outcome and the verdict. A quorum not met is
// exit 1 when `quorum_required`, else a warning on stderr and exit 0 (the
// append it follows is committed).
int CosignAndReport(ledger::Ledger& ledger, const std::string& policy_path, bool quorum_required,
                    const Io& io);

// After a proof document checked (ledger::CheckProof): its tree must be
// the checkpoint note at `checkpoint_path`, signed by a policy log and
// cosigned by the policy's quorum; exit 1 naming what is missing.
int CheckProofAgainstPolicy(const Json& proof, const std::string& policy_path,
                            const std::string& checkpoint_path, const Io& io);

}  // namespace verity::cli

#endif  // VERITY_CLI_COSIGN_H_
