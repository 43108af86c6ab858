// The audit's state while it reads the log (audit.cc drives it; each
// step's checks are in audit_steps.cc). Internal to the escrow component.
#ifndef VERITY_ESCROW_AUDIT_INTERNAL_H_
#define VERITY_ESCROW_AUDIT_INTERNAL_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "escrow/audit.h"
#include "escrow/commitment.h"

namespace verity::escrow::internal {

struct DesignationState {
  DesignationReport report;
  std::map<std::string, Hash256> commitments;  // party -> commitment
  bool any_revealed = false;
  bool designated = false;
};

struct EscrowState {
  EscrowReport report;
  std::map<Salt, uint64_t> salts;                    // salt -> leaf index, of leaves opened
  std::set<uint64_t> revealed;                       // leaves verified in stages
  std::map<std::string, int64_t> revealed_count;     // category -> leaves revealed
  std::optional<std::map<std::string, Json>> state;  // uid -> record of the replayed state
  std::map<std::string, DesignationState> designations;
  std::vector<std::string> designation_order;
};

class Auditor {
 public:
  Auditor(const forces::Counter& counter, const StateSource& states, Date as_of)
      : counter_(counter), states_(states), as_of_(as_of) {}

  void Step(const EscrowEntry& e);
  AuditReport Finish();

 private:
  void Commitment(const EscrowEntry& e, const ledger::EscrowCommitmentBody& b);
  void Reveal(const EscrowEntry& e, const ledger::EscrowRevealBody& b);
  void RandomnessCommit(const EscrowEntry& e, const ledger::EscrowRandomnessCommitBody& b);
  void RandomnessReveal(const EscrowEntry& e, const ledger::EscrowRandomnessRevealBody& b);
  void Designation(const EscrowEntry& e, const ledger::EscrowDesignationBody& b);
  void Opening(const EscrowEntry& e, const ledger::EscrowOpeningBody& b);

  // Checks one opened leaf (proof, salt reuse, the replayed state); true if
  // it holds. `where` names it in findings ("openings[3]").
  bool CheckLeaf(const EscrowEntry& e, EscrowState& s, const ledger::EscrowLeafOpening& o,
                 const std::string& where, const Json& context);
  void CheckTotals(const EscrowEntry& e, EscrowState& s, const ledger::EscrowRevealBody& b);
  void LoadState(EscrowState& s);
  void FinishDesignation(const EscrowState& s, const DesignationState& d);

  EscrowState* FindEscrow(const EscrowEntry& e, const std::string& id);
  DesignationState* FindDesignation(const EscrowEntry& e, EscrowState& s, const std::string& id);
  void Flag(const EscrowEntry& e, ledger::AmbiguityKind kind, std::string message, Json evidence);

  const forces::Counter& counter_;
  const StateSource& states_;
  Date as_of_;
  std::map<std::string, EscrowState> escrows_;
  std::vector<std::string> order_;
  std::vector<ledger::Ambiguity> findings_;
};

}  // namespace verity::escrow::internal

#endif  // VERITY_ESCROW_AUDIT_INTERNAL_H_
