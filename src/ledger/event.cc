#include "ledger/event.h"

namespace verity::ledger {
namespace {

// Copies the ids of one typed body into the event.
struct Flatten {
  Event& e;
  const std::shared_ptr<const Body>& body;

  void operator()(const ProductionBody& b) const {
    e.uid = b.uid, e.type_id = b.type, e.facility = b.facility, e.role = b.role;
    e.submarine = b.submarine.value_or("");
  }
  void operator()(const MovementBody& b) const { e.uid = b.uid, e.facility = b.from, e.to = b.to; }
  void operator()(const LoadingBody& b) const {
    e.uid = b.missile, e.launcher = b.launcher, e.warheads = b.warheads.value_or(kNoWarheads);
  }
  void operator()(const UnloadingBody& b) const { e.uid = b.missile, e.launcher = b.launcher; }
  void operator()(const WarheadChangeBody& b) const { e.uid = b.missile, e.warheads = b.warheads; }
  // (Both conversions by name: the catch-all below would beat a base class.)
  void operator()(const ConversionStartedBody& b) const { e.uid = b.uid; }
  void operator()(const ConversionCompletedBody& b) const { e.uid = b.uid; }
  void operator()(const EliminationBody& b) const { e.uid = b.uid; }
  void operator()(const FacilityDeclaredBody& b) const { e.uid = b.facility.id, e.body = body; }
  void operator()(const FacilityClosedBody& b) const { e.uid = b.id; }
  void operator()(const NewTypeBody& b) const { e.uid = b.type.id, e.body = body; }
  void operator()(const DataExchangeBody&) const { e.body = body; }
  // Launches, exercises, inspection records and treaty events change no force.
  template <typename Other>
  void operator()(const Other&) const {}
};

}  // namespace

Event EventFromNotification(const Notification& n, uint64_t index) {
  Event e;
  e.type = n.type;
  e.index = index;
  e.party = n.party;
  e.occurred = n.occurred;
  e.sent = n.sent;
  if (n.typed_body != nullptr && n.typed_body->type() == n.type) {
    std::visit(Flatten{e, n.typed_body}, n.typed_body->value);
  }
  return e;
}

}  // namespace verity::ledger
