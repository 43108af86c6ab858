#include "ledger/seals.h"

#include <string>

namespace verity::ledger::internal {
namespace {

void Put(std::string_view field, std::string* out) {
  const uint64_t n = field.size();
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((n >> (56 - 8 * i)) & 0xff));
  out->append(field);
}

Hash256 Digest(std::string_view tag, std::initializer_list<std::string_view> fields) {
  std::string buf;
  Put(tag, &buf);
  for (std::string_view f : fields) Put(f, &buf);
  return Sha256(buf);
}

}  // namespace

Hash256 CheckpointDigest(std::string_view party, std::string_view day, uint64_t index,
                         std::string_view state) {
  const Hash256 state_hash = Sha256(state);
  return Digest("verity checkpoint v1",
                {party, day, std::to_string(index), DigestBytes(state_hash)});
}

Hash256 CheckpointSealDigest(std::string_view log_key_id, uint64_t tree_size, const Hash256& root,
                             uint64_t count, const Hash256& list) {
  return Digest("verity checkpoint seal v1",
                {log_key_id, std::to_string(tree_size), DigestBytes(root), std::to_string(count),
                 DigestBytes(list)});
}

Hash256 DigestList(std::string_view concatenated) {
  return Digest("verity checkpoint list v1", {concatenated});
}

Hash256 AmbiguityDigest(const AmbiguityColumns& r) {
  return Digest("verity ambiguity v1", {std::to_string(r.id), std::to_string(r.index), r.party,
                                        r.kind, r.occurred, r.message, r.evidence});
}

Hash256 AmbiguitySealDigest(std::string_view log_key_id, uint64_t size, const Hash256& root,
                            std::string_view rows) {
  return Digest("verity ambiguity seal v1",
                {log_key_id, std::to_string(size), DigestBytes(root), rows});
}

}  // namespace verity::ledger::internal
