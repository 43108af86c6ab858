// Stages and openings (docs/escrow.md, "Reveal in stages", "Openings").
//
// A stage spec on the command line is "ID:BY=V1,V2,..." with BY one of
// facility, type, category (e.g. "s1:category=deployed_icbm"); the stage
// holds every committed item whose facility, type or categories meet one
// of the values. An opened leaf is checked on its own against a committed
// root: its item's canonical encoding under its salt must give its leaf,
// and its proof must place the leaf at its index of the committed tree.
// Pure functions; thread-safe.
#ifndef VERITY_ESCROW_STAGE_H_
#define VERITY_ESCROW_STAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "escrow/commitment.h"
#include "ledger/body.h"

namespace verity::escrow {

struct StageSpec {
  std::string id;
  ledger::EscrowStageBody select;
};

// Parses a stage spec (at most limits::kMaxEscrowStageSpecBytes); errors
// are InvalidArgument "stage spec '...': <why>".
StatusOr<StageSpec> ParseStageSpec(std::string_view spec);

// Whether `record` is in the stage `select` chooses.
bool InStage(const Json& record, const ledger::EscrowStageBody& select);

// The leaf indices of `e` in the stage, in tree order.
std::vector<uint64_t> StageLeaves(const Escrow& e, const ledger::EscrowStageBody& select);

// The body of the escrow_reveal opening those leaves. InvalidArgument if
// the stage holds no leaf or more than limits::kMaxEscrowOpenings.
StatusOr<Json> RevealBody(const Escrow& e, const StageSpec& stage);

// The body of the escrow_opening of `leaves` (designated indices).
// InvalidArgument if one is not a leaf of `e`.
StatusOr<Json> OpeningBody(const Escrow& e, const std::string& designation,
                           const std::vector<uint64_t>& leaves);

// OK if `o` opens leaf o.index of the tree of `leaves` leaves with `root`;
// InvalidArgument "<where>: ..." saying which check fails (index outside
// the tree, the salt and item do not give the leaf, the proof does not
// lead to the root).
Status CheckOpening(const ledger::EscrowLeafOpening& o, uint64_t leaves, const Hash256& root,
                    std::string_view where);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_STAGE_H_
