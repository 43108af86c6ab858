// Fuzzes what the escrow reads from the other party or from files: the
// first byte picks the reader. 0: an opening file (JSON, every leaf and
// the root recomputed); 1: a drand beacon file; 2: a stage spec; otherwise
// a batch of notifications whose escrow steps, as parsed, go through the
// whole protocol audit against the US 2020 declaration as replayed state.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "escrow/audit.h"
#include "escrow/designation.h"
#include "escrow/opening_file.h"
#include "escrow/stage.h"
#include "forces/declaration_io.h"
#include "ledger/batch.h"
#include "treaty/treaty.h"

namespace {

using namespace verity;  // a fuzz target's own file

const forces::Counter& NewStart() {
  static const auto* t = new treaty::Treaty(treaty::LoadTreaty("new-start").value());
  static const auto* c = new forces::Counter(*t);
  return *c;
}

void AuditBatch(std::string_view text) {
  auto items = ledger::ParseBatchText(text, "fuzz");
  if (!items.ok()) return;
  std::vector<escrow::EscrowEntry> entries;
  for (size_t i = 0; i < items->size(); ++i) {
    auto n = ledger::ParseNotification((*items)[i].json, ledger::Draft::kUnsigned, "fuzz");
    if (n.ok()) entries.push_back({i, std::move(*n)});
  }
  static const auto* decl =
      new forces::Declaration(forces::LoadShippedDeclaration("us-2020-09-01").value());
  const escrow::StateSource states = [](const std::string&, Date) -> StatusOr<forces::Declaration> {
    return *decl;
  };
  const escrow::AuditReport r =
      escrow::Audit(entries, NewStart(), states, Date::Parse("2021-01-01").value());
  (void)r.ToJson().dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0]) {
    case 0: {
      auto doc = ParseJson(text, "fuzz");
      if (doc.ok()) (void)escrow::ParseOpeningFile(*doc, "fuzz");
      break;
    }
    case 1: {
      auto doc = ParseJson(text, "fuzz");
      if (!doc.ok()) break;
      auto b = ledger::ParseDrandBeacon(*doc, "fuzz");
      if (b.ok()) (void)escrow::CheckBeacon(*b, "fuzz");
      break;
    }
    case 2:
      (void)escrow::ParseStageSpec(text);
      break;
    default:
      AuditBatch(text);
  }
  return 0;
}
