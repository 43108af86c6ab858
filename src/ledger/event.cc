#include "ledger/event.h"

namespace verity::ledger {
namespace {

std::string Str(const Json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Event EventFromNotification(const Notification& n, uint64_t index) {
  using T = NotificationType;
  Event e;
  e.type = n.type;
  e.index = index;
  e.party = n.party;
  e.occurred = n.occurred;
  e.sent = n.sent;
  const Json& b = n.body;
  switch (n.type) {
    case T::kProduction:
      e.uid = Str(b, "uid"), e.type_id = Str(b, "type"), e.facility = Str(b, "facility");
      e.submarine = Str(b, "submarine"), e.role = Str(b, "role");
      break;
    case T::kMovement:
      e.uid = Str(b, "uid"), e.facility = Str(b, "from"), e.to = Str(b, "to");
      break;
    case T::kLoading:
    case T::kUnloading:
    case T::kWarheadChange:
      e.uid = Str(b, "missile"), e.launcher = Str(b, "launcher");
      if (b.contains("warheads")) e.warheads = b.at("warheads").get<int32_t>();
      break;
    case T::kConversionStarted:
    case T::kConversionCompleted:
    case T::kElimination:
      e.uid = Str(b, "uid");
      break;
    case T::kFacilityDeclared:
    case T::kFacilityClosed:
    case T::kNewType:
      e.uid = Str(b, "id");
      e.body = std::make_shared<const Json>(b);
      break;
    case T::kDataExchange:
      e.body = std::make_shared<const Json>(b.at("declaration"));
      break;
    default:
      break;
  }
  return e;
}

}  // namespace verity::ledger
