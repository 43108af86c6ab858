#include "escrow/designation.h"

#include <algorithm>
#include <unordered_map>

#include "core/file_io.h"
#include "core/json.h"
#include "core/limits.h"
#include "escrow/commitment.h"
#include "escrow/private_file.h"
#include "ledger/notification.h"

namespace verity::escrow {
namespace {

void AppendU64(std::string* s, uint64_t x) {
  for (int shift = 56; shift >= 0; shift -= 8) s->push_back(static_cast<char>((x >> shift) & 0xff));
}

template <typename Bytes>
void AppendBytes(std::string* s, const Bytes& b) {
  s->append(reinterpret_cast<const char*>(b.data()), b.size());
}

}  // namespace

Hash256 RandomnessCommitment(std::string_view escrow, std::string_view designation,
                             std::string_view party, const Value& value) {
  std::string in(kRandomnessTag);
  for (std::string_view part : {escrow, designation, party}) {
    in.push_back('\0');
    in.append(part);
  }
  in.push_back('\0');
  AppendBytes(&in, value);
  return Sha256(in);
}

Hash256 DesignationSeed(const Hash256& root, uint64_t leaves, uint64_t openings,
                        std::vector<PartyValue> values,
                        const std::optional<ledger::DrandBeacon>& beacon) {
  std::sort(values.begin(), values.end(),
            [](const PartyValue& a, const PartyValue& b) { return a.party < b.party; });
  std::string in(kSeedTag);
  AppendBytes(&in, root);
  AppendU64(&in, leaves);
  AppendU64(&in, openings);
  for (const PartyValue& v : values) AppendBytes(&in, v.value);
  if (beacon) {
    AppendU64(&in, beacon->round);
    AppendBytes(&in, beacon->randomness);
  }
  return Sha256(in);
}

std::vector<uint64_t> DrawLeaves(const Hash256& seed, uint64_t n, uint64_t k) {
  uint64_t counter = 0;
  const auto next = [&] {
    std::string in(kDrawTag);
    AppendBytes(&in, seed);
    AppendU64(&in, counter++);
    const Hash256 h = Sha256(in);
    uint64_t x = 0;
    for (int b = 0; b < 8; ++b) x = (x << 8) | h[static_cast<size_t>(b)];
    return x;
  };
  // A sparse partial Fisher-Yates over the virtual array a[i] = i.
  std::unordered_map<uint64_t, uint64_t> moved;
  const auto at = [&](uint64_t i) {
    const auto it = moved.find(i);
    return it == moved.end() ? i : it->second;
  };
  std::vector<uint64_t> out;
  out.reserve(k);
  for (uint64_t i = 0; i < k; ++i) {
    const uint64_t r = i + UniformBelow(n - i, next);
    const uint64_t picked = at(r);
    moved[r] = at(i);
    out.push_back(picked);
  }
  return out;
}

Status CheckBeacon(const ledger::DrandBeacon& b, std::string_view where) {
  const std::string sig(b.signature.begin(), b.signature.end());
  if (Sha256(sig) != b.randomness) {
    return InvalidArgument(std::string(where) +
                           ": randomness is not SHA-256 of the signature (not a drand beacon value "
                           "as published, or changed)");
  }
  return Status::Ok();
}

StatusOr<ledger::DrandBeacon> ReadBeaconFile(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path, limits::kMaxBeaconFileBytes));
  VERITY_ASSIGN_OR_RETURN(Json doc, ParseJson(text, path));
  VERITY_ASSIGN_OR_RETURN(ledger::DrandBeacon b, ledger::ParseDrandBeacon(doc, path));
  VERITY_RETURN_IF_ERROR(CheckBeacon(b, path));
  return b;
}

Json RandomnessCommitBody(const std::string& escrow, const std::string& designation,
                          const std::string& party, const Value& value,
                          const std::optional<DesignationTerms>& terms) {
  Json j = {{"escrow", escrow},
            {"designation", designation},
            {"commitment", ToHex(RandomnessCommitment(escrow, designation, party, value))}};
  if (terms) {
    j["openings"] = terms->openings;
    if (terms->reveal_by) j["reveal_by"] = terms->reveal_by->ToString();
    if (terms->open_by) j["open_by"] = terms->open_by->ToString();
    if (terms->beacon_round) j["beacon_round"] = *terms->beacon_round;
  }
  return j;
}

Json RandomnessRevealBody(const std::string& escrow, const std::string& designation,
                          const Value& value) {
  return {{"escrow", escrow},
          {"designation", designation},
          {"value", ToHex(value.data(), value.size())}};
}

Status WriteSecretValue(const SecretValue& v, const std::string& path) {
  const Json j = {{"escrow", v.escrow},
                  {"designation", v.designation},
                  {"party", v.party},
                  {"value", ToHex(v.value.data(), v.value.size())}};
  return WritePrivateFile(path, j.dump() + "\n", "a secret randomness value");
}

StatusOr<SecretValue> ReadSecretValue(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text,
                          ReadPrivateFile(path, 4096, "a secret randomness value"));
  VERITY_ASSIGN_OR_RETURN(Json doc, ParseJson(text, path));
  const FieldReader r(doc, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"escrow", "designation", "party", "value"}));
  SecretValue v;
  VERITY_ASSIGN_OR_RETURN(v.escrow, r.String("escrow"));
  VERITY_RETURN_IF_ERROR(ledger::CheckEscrowId(v.escrow, r.PathOf("escrow")));
  VERITY_ASSIGN_OR_RETURN(v.designation, r.String("designation"));
  VERITY_RETURN_IF_ERROR(ledger::CheckEscrowId(v.designation, r.PathOf("designation")));
  VERITY_ASSIGN_OR_RETURN(v.party, r.String("party"));
  VERITY_RETURN_IF_ERROR(ledger::CheckPartyName(v.party, r.PathOf("party")));
  VERITY_ASSIGN_OR_RETURN(std::string hex, r.String("value"));
  if (!HexToBytes(hex, v.value))
    return InvalidArgument(r.PathOf("value") + ": expected 64 hex digits");
  return v;
}

}  // namespace verity::escrow
