#include "ledger/tree_head.h"

#include <algorithm>

namespace verity::ledger {
namespace {
constexpr int64_t kMaxTreeSize = int64_t{1} << 53;
}

std::string TreeHead::SignedBytes() const {
  const Json j = {{"log_key_id", log_key_id},
                  {"root", ToHex(root)},
                  {"size", size},
                  {"timestamp", timestamp.ToString()}};
  return CanonicalJson(j).value();
}

Json TreeHead::ToJson() const {
  return {{"log_key_id", log_key_id},
          {"root", ToHex(root)},
          {"size", size},
          {"timestamp", timestamp.ToString()},
          {"signature", ToHex(signature.data(), signature.size())}};
}

TreeHead SignTreeHead(uint64_t size, const Hash256& root, Timestamp at, const SecretKey& log_key) {
  TreeHead th{size, root, at, log_key.pub.key_id, {}};
  th.signature = SignBytes(log_key, th.SignedBytes());
  return th;
}

Status VerifyTreeHead(const TreeHead& th, const PublicKey& log_key) {
  const std::string what = "tree head of size " + std::to_string(th.size);
  if (th.log_key_id != log_key.key_id) {
    return DataLoss(what + ": signed by key " + th.log_key_id + ", not the log key " +
                    log_key.key_id);
  }
  if (!VerifyBytes(log_key, th.SignedBytes(), th.signature)) {
    return DataLoss(what + ": the signature does not verify with the log key " + log_key.key_id);
  }
  return Status::Ok();
}

StatusOr<TreeHead> ParseTreeHead(const Json& j, std::string_view source) {
  FieldReader r(j, std::string(source));
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"log_key_id", "root", "size", "timestamp", "signature"}));
  TreeHead th;
  VERITY_ASSIGN_OR_RETURN(th.log_key_id, r.String("log_key_id"));
  VERITY_ASSIGN_OR_RETURN(int64_t size, r.Int("size", 0, kMaxTreeSize));
  th.size = static_cast<uint64_t>(size);
  VERITY_ASSIGN_OR_RETURN(std::string root, r.String("root"));
  auto h = HashFromHex(root);
  if (!h.ok()) return InvalidArgument(r.PathOf("root") + ": expected 64 hex digits");
  th.root = *h;
  VERITY_ASSIGN_OR_RETURN(std::string ts, r.String("timestamp"));
  auto t = Timestamp::Parse(ts);
  if (!t.ok()) return t.status().WithContext(r.PathOf("timestamp"));
  th.timestamp = *t;
  VERITY_ASSIGN_OR_RETURN(std::string sig, r.String("signature"));
  auto bytes = FromHex(sig);
  if (!bytes.ok() || bytes->size() != kSignatureBytes) {
    return InvalidArgument(r.PathOf("signature") + ": expected 128 hex digits");
  }
  std::copy(bytes->begin(), bytes->end(), th.signature.begin());
  return th;
}

}  // namespace verity::ledger
