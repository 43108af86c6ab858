// Signed tree heads: the log's signed statement "the tree of `size` leaves
// has root `root`", made at `timestamp` with the log key. Anyone holding a
// saved tree head can later check inclusion and consistency proofs against
// it offline (docs/ledger-format.md).
//
// The signature covers the canonical JSON of
//   {"log_key_id":..,"root":"<hex>","size":N,"timestamp":"YYYY-MM-DDTHH:MM:SSZ"}.
#ifndef VERITY_LEDGER_TREE_HEAD_H_
#define VERITY_LEDGER_TREE_HEAD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/status.h"
#include "ledger/keys.h"

namespace verity::ledger {

struct TreeHead {
  uint64_t size = 0;
  Hash256 root{};
  Timestamp timestamp;
  std::string log_key_id;
  Signature signature{};

  std::string SignedBytes() const;
  Json ToJson() const;
};

TreeHead SignTreeHead(uint64_t size, const Hash256& root, Timestamp at, const SecretKey& log_key);
// DataLoss if the key id differs or the signature does not verify.
Status VerifyTreeHead(const TreeHead& th, const PublicKey& log_key);
// InvalidArgument naming `source` and the field.
StatusOr<TreeHead> ParseTreeHead(const Json& j, std::string_view source);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_TREE_HEAD_H_
