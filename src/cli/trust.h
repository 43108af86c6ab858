// What a checker trusts, from the command line: a tlog-policy file
// (--policy) or the log's vkey (--vkey, the key itself or a file holding
// it, as `verity ledger vkey` prints it).
#ifndef VERITY_CLI_TRUST_H_
#define VERITY_CLI_TRUST_H_

#include <optional>
#include <string>

#include "core/status.h"
#include "tlog/keys.h"
#include "tlog/policy.h"

namespace verity::cli {

// The vkey in `arg`, or in the file `arg` names (one line).
StatusOr<tlog::Verifier> LoadVkey(const std::string& arg);
// The policy file at `path`; errors name it.
StatusOr<tlog::Policy> LoadPolicy(const std::string& path);
// The policy at `policy_path`, else the one-log policy of `vkey` with
// quorum none. InvalidArgument "name the log's key: ..." with neither.
StatusOr<tlog::Policy> PolicyOf(const std::string& policy_path, const std::string& vkey);

}  // namespace verity::cli

#endif  // VERITY_CLI_TRUST_H_
