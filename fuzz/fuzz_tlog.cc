// Fuzzes every tlog reader with the same bytes: signed notes (opened with a
// known key), checkpoints, vkeys and skeys, policies, tile paths, entry
// bundles, proof files and the witness's add-checkpoint decision. None may
// crash, hang or read out of bounds, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tlog/checkpoint.h"
#include "tlog/policy.h"
#include "tlog/proof_file.h"
#include "tlog/tiles.h"
#include "tlog/witness.h"

namespace {

using namespace verity::tlog;  // NOLINT: a fuzz target's body

Signer Key(std::string_view name, SignatureType type, uint8_t fill) {
  Seed seed;
  seed.fill(fill);
  return std::move(Signer::FromSeed(name, type, seed)).value();
}

const WitnessConfig& Config() {
  static const WitnessConfig* config = [] {
    auto* c = new WitnessConfig;
    c->keys.push_back(Key("witness.example", SignatureType::kCosignatureV1, 2));
    (void)c->logs.Add(Key("example.com/log", SignatureType::kEd25519, 1).verifier());
    return c;
  }();
  return *config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)OpenNote(text, Config().logs);
  (void)ParseCheckpoint(text);
  (void)Verifier::Parse(text);
  (void)Signer::Parse(text);
  (void)ParseTilePath(text);
  (void)ParseEntryBundle(text, size == 0 ? 0 : data[0]);
  if (auto p = ParsePolicy(text); p.ok()) (void)EvaluateCheckpoint(*p, text);
  if (auto p = ParseProofFile(text); p.ok()) (void)FormatProofFile(*p);
  const WitnessedLog state{3, {}, {}};
  (void)AddCheckpoint(
      Config(), text, [&](std::string_view) { return state; }, 1);
  return 0;
}
