// Checking a mirror of the ledger's tiles from the tiles alone
// (docs/ledger-format.md, "Mirrors"): the files ExportTiles writes, read
// through a MirrorSource (a folder, or a URL: cli/http_mirror.h).
//
// What the check trusts: a policy (tlog-policy: the log's note key, and
// any witnesses and quorum; `mirror verify --vkey` makes one of the log's
// vkey alone); the party
// keys, from a file the checker pins or else from the mirror's
// verity/party-keys. Party keys are not in the log: an entry names its key
// by key ID (the first 8 bytes of SHA-256 of the key), which the signed
// entry binds, so a keys file can only say which key an ID is, and every
// entry must verify with the key of its ID and that key's party must be
// the entry's. Everything else comes from the mirror and is checked:
// the checkpoint's signatures, every tile against the root, every entry
// bundle against its tile, every recorded entry against its record, and
// every entry's party signature.
//
// Hostile input: every file is read with the limit of its kind
// (MirrorFileLimit), paths are canonical, and a problem in one entry is
// reported without stopping the check of the others (at most
// kMaxMirrorProblems are listed; all are counted).
//
// Thread safety: a source is used by one check at a time.
#ifndef VERITY_LEDGER_MIRROR_H_
#define VERITY_LEDGER_MIRROR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "ledger/keys.h"
#include "ledger/leaf.h"
#include "tlog/note.h"
#include "tlog/policy.h"
#include "tlog/tiles.h"

namespace verity::ledger {

inline constexpr size_t kMaxPartyKeysBytes = 1 << 20;
inline constexpr size_t kMaxMirrorEntryBytes = size_t{32}
                                               << 20;  // an entry served beside the tiles
inline constexpr size_t kMaxMirrorProblems = 100;

// The largest size a file of the mirror at `path` may have: the checkpoint
// (a note), a tile or bundle, verity/party-keys, or verity/entries/<N>.
// InvalidArgument "mirror path '...': ..." for any other path (so a path
// is also safe to join to a folder or a URL).
StatusOr<size_t> MirrorFileLimit(std::string_view path);

// A mirror's files by path. NotFound when absent; InvalidArgument when
// the path is not a mirror's or the file is above its limit.
class MirrorSource : public tlog::TileReader {};

// A folder laid out as ExportTiles writes it.
class DirectoryMirror : public MirrorSource {
 public:
  explicit DirectoryMirror(std::string root) : root_(std::move(root)) {}
  StatusOr<std::string> Read(std::string_view path) override;

 private:
  std::string root_;
};

struct MirrorTrust {
  // The log and its witnesses; the checkpoint must meet the quorum (a
  // policy of the log alone has quorum none).
  tlog::Policy policy;
  // Pinned party keys; empty: the mirror's verity/party-keys.
  std::vector<PublicKey> party_keys;
};

struct MirrorReport {
  std::string origin;
  uint64_t size = 0;
  Hash256 root{};
  uint64_t entries = 0;                  // entries checked (party signature and all)
  uint64_t recorded = 0;                 // of which served beside the tiles
  std::vector<std::string> cosigned_by;  // the policy witnesses that cosigned
  bool party_keys_pinned = false;
  std::vector<std::string> problems;  // one per entry that fails, at most kMaxMirrorProblems
  uint64_t problem_count = 0;

  bool ok() const { return problem_count == 0; }
};

// Checks the whole mirror. Errors (the check cannot go on): PermissionDenied
// for a checkpoint not signed by the trusted log key or without its quorum;
// DataLoss naming the file for a tile or bundle that does not fit the root;
// InvalidArgument for a malformed or oversized file; NotFound for a missing
// one. Entries that fail are problems in the report.
StatusOr<MirrorReport> VerifyMirror(MirrorSource& source, const MirrorTrust& trust);

// Parses a verity/party-keys file (a JSON array of public key files).
StatusOr<std::vector<PublicKey>> ParsePartyKeys(std::string_view text, std::string_view where);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_MIRROR_H_
