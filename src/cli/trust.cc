#include "cli/trust.h"

#include "core/file_io.h"
#include "server/cosign.h"

namespace verity::cli {

inline constexpr size_t kMaxVkeyFileBytes = 4096;

StatusOr<tlog::Verifier> LoadVkey(const std::string& arg) {
  std::string vkey = arg;
  if (vkey.find('+') == std::string::npos) {
    VERITY_ASSIGN_OR_RETURN(vkey, ReadFile(arg, kMaxVkeyFileBytes));
    while (!vkey.empty() && (vkey.back() == '\n' || vkey.back() == '\r')) vkey.pop_back();
  }
  auto v = tlog::Verifier::Parse(vkey);
  if (!v.ok()) return v.status().WithContext("--vkey");
  return v;
}

StatusOr<tlog::Policy> LoadPolicy(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(server::PolicyFile file, server::LoadPolicy(path));
  return std::move(file.policy);
}

StatusOr<tlog::Policy> PolicyOf(const std::string& policy_path, const std::string& vkey) {
  if (!policy_path.empty()) return LoadPolicy(policy_path);
  if (vkey.empty()) {
    return InvalidArgument(
        "name the log's key: --vkey VKEY (from 'verity ledger vkey') or "
        "--policy FILE");
  }
  VERITY_ASSIGN_OR_RETURN(tlog::Verifier v, LoadVkey(vkey));
  return tlog::ParsePolicy("log " + v.ToString() + "\nquorum none\n");
}

}  // namespace verity::cli
