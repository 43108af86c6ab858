// Random designation nobody can steer (docs/escrow.md, "Designation").
//
// Each party commits to a 32-byte value it keeps secret,
//   commitment = SHA-256("verity-escrow-randomness/1" || 0x00 || escrow || 0x00 ||
//                        designation || 0x00 || party || 0x00 || value)
// and reveals the value only once both commitments are in the log. The
// seed mixes the committed root, the tree size, the number of leaves to
// open, both values in party-name order and, if the designation names a
// drand round, the beacon's round and randomness:
//   seed = SHA-256("verity-escrow-seed/1" || root || u64(leaves) || u64(k) ||
//                  value_1 || value_2 [|| u64(round) || randomness])
// (u64: 8 bytes big-endian). The leaves are drawn from the seed by a
// partial Fisher-Yates shuffle of 0..N-1 whose random words are
//   word_j = first 8 bytes, big-endian, of SHA-256("verity-escrow-draw/1" || seed || u64(j))
// used by UniformBelow (escrow/commitment.h), so each of the C(N,k)
// subsets is equally likely (rejection sampling leaves no modulo bias).
// Pure functions; thread-safe.
#ifndef VERITY_ESCROW_DESIGNATION_H_
#define VERITY_ESCROW_DESIGNATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/status.h"
#include "ledger/body.h"

namespace verity::escrow {

inline constexpr char kRandomnessTag[] = "verity-escrow-randomness/1";
inline constexpr char kSeedTag[] = "verity-escrow-seed/1";
inline constexpr char kDrawTag[] = "verity-escrow-draw/1";

using Value = ledger::EscrowBytes;

Hash256 RandomnessCommitment(std::string_view escrow, std::string_view designation,
                             std::string_view party, const Value& value);

// One party's revealed value.
struct PartyValue {
  std::string party;
  Value value{};
};

// The seed of a designation. `values` in any order (sorted here by party).
Hash256 DesignationSeed(const Hash256& root, uint64_t leaves, uint64_t openings,
                        std::vector<PartyValue> values,
                        const std::optional<ledger::DrandBeacon>& beacon);

// What the inspecting party's commitment fixes (absent for the host's).
struct DesignationTerms {
  int64_t openings = 0;  // k
  std::optional<Date> reveal_by, open_by;
  std::optional<uint64_t> beacon_round;
};

// The escrow_randomness_commit body of `party`'s `value` (terms given by
// the inspecting party only).
Json RandomnessCommitBody(const std::string& escrow, const std::string& designation,
                          const std::string& party, const Value& value,
                          const std::optional<DesignationTerms>& terms);
// The escrow_randomness_reveal body.
Json RandomnessRevealBody(const std::string& escrow, const std::string& designation,
                          const Value& value);

// A secret value file (what a party keeps between its commitment and its
// reveal): {"escrow","designation","party","value"}, mode 0600, never
// overwritten. Reading refuses a file others may read, as the opening file.
struct SecretValue {
  std::string escrow, designation, party;
  Value value{};
};
Status WriteSecretValue(const SecretValue& v, const std::string& path);
StatusOr<SecretValue> ReadSecretValue(const std::string& path);

// k distinct leaf indices in [0, n), in the order drawn.
// REQUIRES: 0 < k <= n.
std::vector<uint64_t> DrawLeaves(const Hash256& seed, uint64_t n, uint64_t k);

// OK if the beacon's randomness is SHA-256 of its signature (drand's
// definition); InvalidArgument naming `where` otherwise. The BLS signature
// itself is not checked against a drand group key (docs/escrow.md).
Status CheckBeacon(const ledger::DrandBeacon& b, std::string_view where);

// Reads a drand beacon file (JSON, at most limits::kMaxBeaconFileBytes):
// errors name the path and the member; CheckBeacon applies.
StatusOr<ledger::DrandBeacon> ReadBeaconFile(const std::string& path);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_DESIGNATION_H_
