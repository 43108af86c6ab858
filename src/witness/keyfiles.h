// A witness's key files and the log keys it trusts.
//
//   <out>/<name>.key   the cosignature/v1 skey (tlog/keys.h), mode 0600
//   <out>/<name>.vkey  its vkey and a newline, for policies and logs
//
// Errors name the file: InvalidArgument for a key that does not parse, a
// private key readable by group or others, or a name that is no valid key
// name (or holds '/'); AlreadyExists when a key file is already there
// (never overwritten); NotFound and Unavailable as core/file_io.h.
//
// Thread safety: pure functions.
#ifndef VERITY_WITNESS_KEYFILES_H_
#define VERITY_WITNESS_KEYFILES_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "tlog/keys.h"
#include "tlog/note.h"

namespace verity::witness {

struct KeyPaths {
  std::string key;
  std::string vkey;
};

// A new cosignature/v1 key named `name`, written into `out_dir` (created).
StatusOr<KeyPaths> GenerateKeyFiles(const std::string& name, const std::string& out_dir);

// A private key file, of any signature type.
StatusOr<tlog::Signer> LoadSigner(const std::string& path);

// A vkey given as text, or the path of a file holding one (one line).
StatusOr<tlog::Verifier> LoadVerifier(const std::string& vkey_or_path);

// The log keys (type 0x01) a witness trusts; AlreadyExists for a duplicate.
StatusOr<tlog::VerifierSet> LoadLogKeys(const std::vector<std::string>& vkeys_or_paths);

}  // namespace verity::witness

#endif  // VERITY_WITNESS_KEYFILES_H_
