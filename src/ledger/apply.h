// Applying events to a party's declared state, and comparing a declared
// state with a replayed one. Inconsistencies become ambiguities; the event
// is applied as far as it can be (the party's word stands in the record).
//
// Semantics (docs/notifications.md): production adds an item; movement sets
// the item's facility ("at_sea" for a submarine), carrying what it holds;
// loading puts a missile in a launcher (at the launcher's facility);
// unloading takes it out; warhead_change sets the warheads; conversion
// marks the item in progress / complete (a completed heavy bomber becomes
// non-nuclear); elimination marks it eliminated; facility_declared adds a
// facility, facility_closed makes it a formerly declared facility;
// new_type adds a type; a data exchange replaces the state. Launches,
// exercises, inspection records and treaty events do not change forces.
#ifndef VERITY_LEDGER_APPLY_H_
#define VERITY_LEDGER_APPLY_H_

#include <string>
#include <vector>

#include "forces/model.h"
#include "ledger/ambiguity.h"
#include "ledger/event.h"

namespace verity::ledger {

// Which missile each launcher holds, kept beside a replayed state so that
// loading does not scan every item. Optional: without one, ApplyEvent scans.
class ContentsIndex {
 public:
  void Rebuild(const forces::Declaration& d);
  // The missile in `launcher`, or forces::kNoIndex.
  int32_t Occupant(int32_t launcher) const;
  void Set(int32_t launcher, int32_t missile);
  bool built() const { return built_; }

 private:
  std::vector<int32_t> occupant_;
  bool built_ = false;
};

// REQUIRES: d->BuildIndex() is current; it stays current. If `contents` is
// given it must describe `d` (Rebuild) and is kept up to date.
void ApplyEvent(const Event& e, forces::Declaration* d, std::vector<Ambiguity>* found,
                ContentsIndex* contents = nullptr);

// The differences between a replayed and a declared state, one line each
// ("item US-MM3-1: facility: replayed malmstrom, declared minot"), at most
// `max_listed` (then "... and N more").
std::vector<std::string> DiffStates(const forces::Declaration& replayed,
                                    const forces::Declaration& declared, size_t max_listed);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_APPLY_H_
