// The readers of the escrow notification bodies (ledger/body.h states the
// rules; docs/escrow.md the protocol). Every reader sees an object none of
// whose known members is null. Sizes are checked before the work they bound
// (core/limits.h).
#include <algorithm>

#include "core/hash.h"
#include "core/limits.h"
#include "ledger/body_schema.h"

namespace verity::ledger {
namespace {

constexpr int64_t kMaxIndex = int64_t{1} << 53;  // exact in every JSON reader

Status MissingMember(const FieldReader& r, std::string_view key) {
  return InvalidArgument(r.PathOf(key) + ": missing (required)");
}

StatusOr<std::string> Id(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return MissingMember(r, key);
  VERITY_ASSIGN_OR_RETURN(std::string s, r.String(key));
  VERITY_RETURN_IF_ERROR(CheckEscrowId(s, r.PathOf(key)));
  return s;
}

// `n` bytes as 2n hex digits at `path`.
Status HexInto(const Json& v, const std::string& path, std::span<uint8_t> out) {
  if (!v.is_string()) {
    return InvalidArgument(path + ": expected " + std::to_string(2 * out.size()) +
                           " hex digits, got " + JsonTypeName(v));
  }
  if (!HexToBytes(v.get_ref<const std::string&>(), out)) {
    return InvalidArgument(path + ": expected " + std::to_string(2 * out.size()) + " hex digits");
  }
  return Status::Ok();
}

StatusOr<Hash256> HashMember(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return MissingMember(r, key);
  VERITY_ASSIGN_OR_RETURN(const Json* v, r.Member(key));
  Hash256 h{};
  VERITY_RETURN_IF_ERROR(HexInto(*v, r.PathOf(key), h));
  return h;
}

// Hex of 1..max bytes.
StatusOr<std::vector<uint8_t>> BytesMember(const FieldReader& r, std::string_view key, size_t max) {
  if (!r.Has(key)) return MissingMember(r, key);
  VERITY_ASSIGN_OR_RETURN(std::string s, r.String(key));
  if (s.empty() || s.size() > 2 * max || s.size() % 2 != 0) {
    return InvalidArgument(r.PathOf(key) + ": expected 2 to " + std::to_string(2 * max) +
                           " hex digits, an even number");
  }
  std::vector<uint8_t> out(s.size() / 2);
  if (!HexToBytes(s, out)) return InvalidArgument(r.PathOf(key) + ": not hex");
  return out;
}

// The array at `key` (required), of at most `max` elements.
StatusOr<const Json*> Array(const FieldReader& r, std::string_view key, int64_t max) {
  if (!r.Has(key)) return MissingMember(r, key);
  VERITY_ASSIGN_OR_RETURN(const Json* a, r.OptArray(key));
  if (a == nullptr) return InvalidArgument(r.PathOf(key) + ": expected an array");
  if (a->size() > static_cast<size_t>(max)) {
    return InvalidArgument(r.PathOf(key) + ": " + std::to_string(a->size()) +
                           " elements, more than the limit of " + std::to_string(max));
  }
  return a;
}

StatusOr<std::vector<Hash256>> Proof(const FieldReader& r) {
  VERITY_ASSIGN_OR_RETURN(const Json* a, Array(r, "proof", limits::kMaxEscrowProofLength));
  std::vector<Hash256> out(a->size());
  for (size_t k = 0; k < a->size(); ++k) {
    VERITY_RETURN_IF_ERROR(HexInto(a->at(k), JsonPathIndex(r.PathOf("proof"), k), out[k]));
  }
  return out;
}

StatusOr<EscrowLeafOpening> LeafOpening(const Json& v, const std::string& path) {
  const FieldReader r(v, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"index", "salt", "item", "leaf", "proof"}));
  EscrowLeafOpening o;
  if (!r.Has("index")) return MissingMember(r, "index");
  VERITY_ASSIGN_OR_RETURN(int64_t index, r.Int("index", 0, kMaxIndex));
  o.index = static_cast<uint64_t>(index);
  VERITY_ASSIGN_OR_RETURN(o.salt, HashMember(r, "salt"));
  VERITY_ASSIGN_OR_RETURN(o.leaf, HashMember(r, "leaf"));
  if (!r.Has("item")) return MissingMember(r, "item");
  VERITY_ASSIGN_OR_RETURN(const Json* item, r.Member("item"));
  if (!item->is_object()) {
    return InvalidArgument(r.PathOf("item") + ": expected an object, got " + JsonTypeName(*item));
  }
  // The canonical encoding is what the leaf hashes: bound it before use.
  VERITY_ASSIGN_OR_RETURN(std::string bytes, CanonicalJson(*item));
  if (bytes.size() > limits::kMaxEscrowItemBytes) {
    return InvalidArgument(r.PathOf("item") + ": " + std::to_string(bytes.size()) +
                           " bytes encoded, more than the limit of " +
                           std::to_string(limits::kMaxEscrowItemBytes));
  }
  o.item = *item;
  VERITY_ASSIGN_OR_RETURN(o.proof, Proof(r));
  return o;
}

StatusOr<std::vector<EscrowLeafOpening>> Openings(const FieldReader& r) {
  VERITY_ASSIGN_OR_RETURN(const Json* a, Array(r, "openings", limits::kMaxEscrowOpenings));
  std::vector<EscrowLeafOpening> out;
  out.reserve(a->size());
  for (size_t k = 0; k < a->size(); ++k) {
    VERITY_ASSIGN_OR_RETURN(EscrowLeafOpening o,
                            LeafOpening(a->at(k), JsonPathIndex(r.PathOf("openings"), k)));
    out.push_back(std::move(o));
  }
  return out;
}

StatusOr<std::vector<EscrowTotal>> Totals(const FieldReader& r) {
  VERITY_ASSIGN_OR_RETURN(const Json* a, Array(r, "totals", limits::kMaxCategories));
  std::vector<EscrowTotal> out;
  for (size_t k = 0; k < a->size(); ++k) {
    const FieldReader e(a->at(k), JsonPathIndex(r.PathOf("totals"), k));
    VERITY_RETURN_IF_ERROR(e.RejectUnknown({"category", "count"}));
    EscrowTotal t;
    VERITY_ASSIGN_OR_RETURN(t.category, Id(e, "category"));
    if (!e.Has("count")) return MissingMember(e, "count");
    VERITY_ASSIGN_OR_RETURN(t.count, e.Int("count", 0, limits::kMaxEscrowLeaves));
    out.push_back(std::move(t));
  }
  return out;
}

StatusOr<EscrowStageBody> Select(const FieldReader& r) {
  if (!r.Has("select")) return MissingMember(r, "select");
  VERITY_ASSIGN_OR_RETURN(const Json* v, r.Member("select"));
  const FieldReader s(*v, r.PathOf("select"));
  VERITY_RETURN_IF_ERROR(s.RejectUnknown({"by", "values"}));
  EscrowStageBody b;
  if (!s.Has("by")) return MissingMember(s, "by");
  VERITY_ASSIGN_OR_RETURN(b.by, s.String("by"));
  if (b.by != "facility" && b.by != "type" && b.by != "category") {
    return InvalidArgument(s.PathOf("by") + ": '" + b.by +
                           "' is not a stage selector (expected one of: facility, type, category)");
  }
  VERITY_ASSIGN_OR_RETURN(const Json* values, Array(s, "values", limits::kMaxEscrowOpenings));
  if (values->empty()) return InvalidArgument(s.PathOf("values") + ": expected at least one value");
  for (size_t k = 0; k < values->size(); ++k) {
    const Json& x = values->at(k);
    if (!x.is_string() || x.get_ref<const std::string&>().empty()) {
      return InvalidArgument(JsonPathIndex(s.PathOf("values"), k) +
                             ": expected a non-empty string");
    }
    b.values.push_back(x.get<std::string>());
  }
  return b;
}

StatusOr<std::optional<Date>> OptDay(const FieldReader& r, std::string_view key) {
  return r.OptDate(key);
}

}  // namespace

// An id: 1..kMaxEscrowIdLength of [A-Za-z0-9._-].
Status CheckEscrowId(std::string_view s, std::string_view path) {
  const bool ok = !s.empty() && s.size() <= limits::kMaxEscrowIdLength &&
                  std::all_of(s.begin(), s.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                  });
  if (ok) return Status::Ok();
  return InvalidArgument(std::string(path) + ": expected an id of 1 to " +
                         std::to_string(limits::kMaxEscrowIdLength) +
                         " letters, digits, '.', '_' or '-'");
}

StatusOr<DrandBeacon> ParseDrandBeacon(const Json& json, std::string_view path) {
  const FieldReader r(json, std::string(path));
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"round", "randomness", "signature", "previous_signature"}));
  DrandBeacon b;
  if (!r.Has("round")) return MissingMember(r, "round");
  VERITY_ASSIGN_OR_RETURN(int64_t round, r.Int("round", 1, kMaxIndex));
  b.round = static_cast<uint64_t>(round);
  VERITY_ASSIGN_OR_RETURN(b.randomness, HashMember(r, "randomness"));
  VERITY_ASSIGN_OR_RETURN(b.signature,
                          BytesMember(r, "signature", limits::kMaxBeaconSignatureBytes));
  if (r.Has("previous_signature")) {
    VERITY_ASSIGN_OR_RETURN(b.previous_signature,
                            BytesMember(r, "previous_signature", limits::kMaxBeaconSignatureBytes));
  }
  return b;
}

Json DrandBeaconToJson(const DrandBeacon& b) {
  Json j = {{"round", b.round},
            {"randomness", ToHex(b.randomness)},
            {"signature", ToHex(b.signature.data(), b.signature.size())}};
  if (!b.previous_signature.empty()) {
    j["previous_signature"] = ToHex(b.previous_signature.data(), b.previous_signature.size());
  }
  return j;
}

namespace internal {

StatusOr<BodyValue> ReadEscrowCommitment(const FieldReader& r) {
  EscrowCommitmentBody b;
  VERITY_ASSIGN_OR_RETURN(b.escrow, Id(r, "escrow"));
  VERITY_ASSIGN_OR_RETURN(b.treaty, Id(r, "treaty"));
  if (!r.Has("as_of")) return MissingMember(r, "as_of");
  VERITY_ASSIGN_OR_RETURN(b.as_of, r.DateField("as_of"));
  VERITY_ASSIGN_OR_RETURN(b.root, HashMember(r, "root"));
  if (!r.Has("leaves")) return MissingMember(r, "leaves");
  VERITY_ASSIGN_OR_RETURN(b.leaves, r.Int("leaves", 1, limits::kMaxEscrowLeaves));
  VERITY_ASSIGN_OR_RETURN(b.totals, Totals(r));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadEscrowReveal(const FieldReader& r) {
  EscrowRevealBody b;
  VERITY_ASSIGN_OR_RETURN(b.escrow, Id(r, "escrow"));
  VERITY_ASSIGN_OR_RETURN(b.stage, Id(r, "stage"));
  VERITY_ASSIGN_OR_RETURN(b.select, Select(r));
  VERITY_ASSIGN_OR_RETURN(b.openings, Openings(r));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadEscrowRandomnessCommit(const FieldReader& r) {
  EscrowRandomnessCommitBody b;
  VERITY_ASSIGN_OR_RETURN(b.escrow, Id(r, "escrow"));
  VERITY_ASSIGN_OR_RETURN(b.designation, Id(r, "designation"));
  VERITY_ASSIGN_OR_RETURN(b.commitment, HashMember(r, "commitment"));
  VERITY_ASSIGN_OR_RETURN(b.openings, r.OptInt("openings", 1, limits::kMaxEscrowDesignated));
  VERITY_ASSIGN_OR_RETURN(auto round, r.OptInt("beacon_round", 1, kMaxIndex));
  if (round) b.beacon_round = static_cast<uint64_t>(*round);
  VERITY_ASSIGN_OR_RETURN(b.reveal_by, OptDay(r, "reveal_by"));
  VERITY_ASSIGN_OR_RETURN(b.open_by, OptDay(r, "open_by"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadEscrowRandomnessReveal(const FieldReader& r) {
  EscrowRandomnessRevealBody b;
  VERITY_ASSIGN_OR_RETURN(b.escrow, Id(r, "escrow"));
  VERITY_ASSIGN_OR_RETURN(b.designation, Id(r, "designation"));
  VERITY_ASSIGN_OR_RETURN(b.value, HashMember(r, "value"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadEscrowDesignation(const FieldReader& r) {
  EscrowDesignationBody b;
  VERITY_ASSIGN_OR_RETURN(b.escrow, Id(r, "escrow"));
  VERITY_ASSIGN_OR_RETURN(b.designation, Id(r, "designation"));
  if (r.Has("beacon")) {
    VERITY_ASSIGN_OR_RETURN(const Json* v, r.Member("beacon"));
    VERITY_ASSIGN_OR_RETURN(b.beacon, ParseDrandBeacon(*v, r.PathOf("beacon")));
  }
  VERITY_ASSIGN_OR_RETURN(b.seed, HashMember(r, "seed"));
  VERITY_ASSIGN_OR_RETURN(const Json* a, Array(r, "leaves", limits::kMaxEscrowDesignated));
  for (size_t k = 0; k < a->size(); ++k) {
    const Json& x = a->at(k);
    if (!x.is_number_integer() || x.get<int64_t>() < 0 || x.get<int64_t>() > kMaxIndex) {
      return InvalidArgument(JsonPathIndex(r.PathOf("leaves"), k) +
                             ": expected a leaf index (an integer 0..2^53)");
    }
    b.leaves.push_back(x.get<uint64_t>());
  }
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadEscrowOpening(const FieldReader& r) {
  EscrowOpeningBody b;
  VERITY_ASSIGN_OR_RETURN(b.escrow, Id(r, "escrow"));
  VERITY_ASSIGN_OR_RETURN(b.designation, Id(r, "designation"));
  VERITY_ASSIGN_OR_RETURN(b.openings, Openings(r));
  return BodyValue(std::move(b));
}

}  // namespace internal
}  // namespace verity::ledger
