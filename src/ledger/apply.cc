#include "ledger/apply.h"

#include <variant>

namespace verity::ledger {
namespace {

using forces::Declaration;
using forces::Item;
using forces::kNoIndex;
using treaty::ItemKind;

constexpr char kAtSea[] = "at_sea";
constexpr size_t kMaxDifferences = 50;

class Applier {
 public:
  Applier(const Event& e, Declaration* d, std::vector<Ambiguity>* found, ContentsIndex* contents)
      : e_(e), d_(*d), found_(*found), contents_(contents) {}

  void Run() {
    using T = NotificationType;
    switch (e_.type) {
      case T::kProduction:
        return Production();
      case T::kMovement:
        return Movement();
      case T::kLoading:
        return Loading();
      case T::kUnloading:
        return Unloading();
      case T::kWarheadChange:
        return WarheadChange();
      case T::kConversionStarted:
        return Convert(treaty::Conversion::kInProgress);
      case T::kConversionCompleted:
        return Convert(treaty::Conversion::kComplete);
      case T::kElimination:
        return Eliminate();
      case T::kFacilityDeclared:
        return FacilityDeclared();
      case T::kFacilityClosed:
        return FacilityClosed();
      case T::kNewType:
        return NewType();
      case T::kDataExchange:
        return DataExchange();
      default:
        return;
    }
  }

 private:
  void Flag(AmbiguityKind kind, std::string message, Json evidence = Json::object()) {
    found_.push_back(
        {e_.index, e_.party, kind, e_.occurred, std::move(message), std::move(evidence)});
  }

  // The item's index, or kNoIndex after flagging an unknown UID.
  int32_t Find(const std::string& uid) {
    const int32_t i = d_.FindItem(uid);
    if (i == kNoIndex)
      Flag(AmbiguityKind::kUnknownUid, "unknown UID '" + uid + "'", {{"uid", uid}});
    return i;
  }

  // Facility index for an id; "at_sea" -> kNoIndex. False after flagging.
  bool FindFacility(const std::string& id, int32_t* out) {
    if (id == kAtSea) {
      *out = kNoIndex;
      return true;
    }
    *out = d_.FindFacility(id);
    if (*out != kNoIndex) return true;
    Flag(AmbiguityKind::kInvalidReference, "unknown facility '" + id + "'", {{"facility", id}});
    return false;
  }

  std::string FacilityName(int32_t f) const {
    return f == kNoIndex ? kAtSea : d_.facilities[static_cast<size_t>(f)].id;
  }

  Item& At(int32_t i) { return d_.items[static_cast<size_t>(i)]; }

  // The event's typed body as a `B`, or null (an event made without one).
  template <typename B>
  const B* TypedBody() const {
    return e_.body == nullptr ? nullptr : std::get_if<B>(&e_.body->value);
  }

  void Production() {
    if (d_.FindItem(e_.uid) != kNoIndex) {
      Flag(AmbiguityKind::kInvalidReference,
           "production of UID '" + e_.uid + "' which exists already", {{"uid", e_.uid}});
      return;
    }
    const int32_t type = d_.FindType(e_.type_id);
    if (type == kNoIndex) {
      Flag(AmbiguityKind::kInvalidReference, "unknown type '" + e_.type_id + "'",
           {{"type", e_.type_id}});
      return;
    }
    Item item;
    if (!FindFacility(e_.facility, &item.facility)) return;
    item.uid = e_.uid;
    item.type = type;
    item.kind = d_.types[static_cast<size_t>(type)].kind;
    item.role = e_.role;
    if (!e_.submarine.empty()) {
      item.submarine = Find(e_.submarine);
      if (item.submarine != kNoIndex) item.facility = At(item.submarine).facility;
    }
    d_.items.push_back(std::move(item));
    d_.item_index[e_.uid] = static_cast<int32_t>(d_.items.size() - 1);
  }

  // Moves item `i` and everything it holds (launchers on a submarine,
  // missiles in launchers) to facility `f`.
  void MoveWithContents(int32_t i, int32_t f) {
    At(i).facility = f;
    for (size_t k = 0; k < d_.items.size(); ++k) {
      Item& other = d_.items[k];
      if (other.submarine == i || other.container == i)
        MoveWithContents(static_cast<int32_t>(k), f);
    }
  }

  void Movement() {
    const int32_t i = Find(e_.uid);
    if (i == kNoIndex) return;
    int32_t from = kNoIndex, to = kNoIndex;
    if (FindFacility(e_.facility, &from) && At(i).facility != from) {
      Flag(AmbiguityKind::kNotAtFacility,
           "move of '" + e_.uid + "' from " + e_.facility + " but the record has it at " +
               FacilityName(At(i).facility),
           {{"uid", e_.uid}, {"from", e_.facility}, {"recorded_at", FacilityName(At(i).facility)}});
    }
    if (!FindFacility(e_.to, &to)) return;
    const bool holds = At(i).kind == ItemKind::kSubmarine || treaty::IsLauncher(At(i).kind);
    if (holds) {
      MoveWithContents(i, to);
    } else {
      At(i).facility = to;
    }
  }

  void CheckWarheads(int32_t missile, int32_t warheads) {
    const int32_t max = d_.types[static_cast<size_t>(At(missile).type)].max_warheads;
    if (warheads > max) {
      Flag(AmbiguityKind::kWarheadsAboveMaximum,
           "'" + e_.uid + "' carries " + std::to_string(warheads) + " warheads; its type allows " +
               std::to_string(max),
           {{"uid", e_.uid}, {"warheads", warheads}, {"type_maximum", max}});
    }
  }

  void Loading() {
    const int32_t m = Find(e_.uid);
    const int32_t l = Find(e_.launcher);
    if (m == kNoIndex || l == kNoIndex) return;
    if (const int32_t o = OtherOccupant(l, m); o != kNoIndex) {
      const std::string& occupant = At(o).uid;
      Flag(AmbiguityKind::kLauncherOccupied,
           "loading '" + e_.uid + "' into '" + e_.launcher + "' which holds '" + occupant + "'",
           {{"launcher", e_.launcher}, {"missile", e_.uid}, {"occupant", occupant}});
    }
    SetContainer(m, l);
    At(m).facility = At(l).facility;
    if (e_.warheads != kNoWarheads) {
      CheckWarheads(m, e_.warheads);
      At(m).warheads = e_.warheads;
    }
  }

  void Unloading() {
    const int32_t m = Find(e_.uid);
    const int32_t l = Find(e_.launcher);
    if (m == kNoIndex || l == kNoIndex) return;
    if (At(m).container != l) {
      Flag(AmbiguityKind::kNotAtFacility,
           "unloading '" + e_.uid + "' from '" + e_.launcher + "' which does not hold it",
           {{"missile", e_.uid}, {"launcher", e_.launcher}});
    }
    SetContainer(m, kNoIndex);
  }

  void WarheadChange() {
    const int32_t m = Find(e_.uid);
    if (m == kNoIndex) return;
    CheckWarheads(m, e_.warheads);
    At(m).warheads = e_.warheads;
  }

  void Convert(treaty::Conversion c) {
    const int32_t i = Find(e_.uid);
    if (i == kNoIndex) return;
    At(i).conversion = c;
    if (c == treaty::Conversion::kComplete && At(i).kind == ItemKind::kHeavyBomber) {
      At(i).armament = treaty::Armament::kNonNuclear;
    }
  }

  void Eliminate() {
    const int32_t i = Find(e_.uid);
    if (i == kNoIndex) return;
    At(i).eliminated = true;
    if (At(i).container != kNoIndex) SetContainer(i, kNoIndex);
    for (size_t k = 0; k < d_.items.size(); ++k) {
      if (d_.items[k].container == i) SetContainer(static_cast<int32_t>(k), kNoIndex);
    }
  }

  void FacilityDeclared() {
    const auto* b = TypedBody<FacilityDeclaredBody>();
    if (b == nullptr) return;
    if (d_.FindFacility(e_.uid) != kNoIndex) {
      Flag(AmbiguityKind::kInvalidReference, "facility '" + e_.uid + "' is declared already",
           {{"facility", e_.uid}});
      return;
    }
    d_.facilities.push_back(b->facility);
    d_.facility_index[e_.uid] = static_cast<int32_t>(d_.facilities.size() - 1);
  }

  void FacilityClosed() {
    const int32_t f = d_.FindFacility(e_.uid);
    if (f == kNoIndex) {
      Flag(AmbiguityKind::kInvalidReference, "unknown facility '" + e_.uid + "'",
           {{"facility", e_.uid}});
      return;
    }
    d_.facilities[static_cast<size_t>(f)].type = treaty::FacilityType::kFormerlyDeclaredFacility;
  }

  void NewType() {
    const auto* b = TypedBody<NewTypeBody>();
    if (b == nullptr) return;
    if (d_.FindType(e_.uid) != kNoIndex) {
      Flag(AmbiguityKind::kInvalidReference, "type '" + e_.uid + "' exists already",
           {{"type", e_.uid}});
      return;
    }
    d_.types.push_back(b->type);
    d_.type_index[e_.uid] = static_cast<int32_t>(d_.types.size() - 1);
  }

  void DataExchange() {
    const auto* b = TypedBody<DataExchangeBody>();
    if (b == nullptr || b->declaration == nullptr) return;
    const Declaration& declared = *b->declaration;
    if (declared.party != e_.party) {
      Flag(AmbiguityKind::kInvalidReference, "the declared data is of party " + declared.party);
      return;
    }
    if (!d_.items.empty()) {
      const auto diffs = DiffStates(d_, declared, kMaxDifferences);
      if (!diffs.empty()) {
        Flag(AmbiguityKind::kDataExchangeDiffers,
             "the data exchange differs from the replayed state in " +
                 std::to_string(diffs.size()) + (diffs.size() > kMaxDifferences ? "+" : "") +
                 " place(s)",
             {{"differences", diffs}});
      }
    }
    d_ = declared;
    if (contents_ != nullptr) contents_->Rebuild(d_);
  }

  // The missile in launcher `l` other than `m`, or kNoIndex.
  int32_t OtherOccupant(int32_t l, int32_t m) const {
    if (contents_ != nullptr) {
      const int32_t o = contents_->Occupant(l);
      return o == m ? kNoIndex : o;
    }
    for (size_t k = 0; k < d_.items.size(); ++k) {
      const Item& other = d_.items[k];
      if (other.container == l && static_cast<int32_t>(k) != m && !other.eliminated) {
        return static_cast<int32_t>(k);
      }
    }
    return kNoIndex;
  }

  void SetContainer(int32_t m, int32_t l) {
    if (contents_ != nullptr) {
      if (At(m).container != kNoIndex) contents_->Set(At(m).container, kNoIndex);
      if (l != kNoIndex) contents_->Set(l, m);
    }
    At(m).container = l;
  }

  const Event& e_;
  Declaration& d_;
  std::vector<Ambiguity>& found_;
  ContentsIndex* contents_;
};

std::string ItemFacts(const Declaration& d, const Item& it) {
  auto uid_of = [&](int32_t i) {
    return i == kNoIndex ? std::string("-") : d.items[static_cast<size_t>(i)].uid;
  };
  const std::string where =
      it.facility == kNoIndex ? kAtSea : d.facilities[static_cast<size_t>(it.facility)].id;
  return "type " + d.types[static_cast<size_t>(it.type)].id + ", at " + where + ", in " +
         uid_of(it.container) + ", warheads " + std::to_string(it.warheads) + ", role " +
         std::string(treaty::Name(it.role)) + ", conversion " +
         std::string(treaty::Name(it.conversion)) + (it.eliminated ? ", eliminated" : "");
}

}  // namespace

void ContentsIndex::Rebuild(const Declaration& d) {
  occupant_.assign(d.items.size(), kNoIndex);
  for (size_t k = 0; k < d.items.size(); ++k) {
    const Item& it = d.items[k];
    if (it.container != kNoIndex && !it.eliminated) {
      occupant_[static_cast<size_t>(it.container)] = static_cast<int32_t>(k);
    }
  }
  built_ = true;
}

int32_t ContentsIndex::Occupant(int32_t launcher) const {
  const auto l = static_cast<size_t>(launcher);
  return l < occupant_.size() ? occupant_[l] : kNoIndex;
}

void ContentsIndex::Set(int32_t launcher, int32_t missile) {
  const auto l = static_cast<size_t>(launcher);
  if (l >= occupant_.size()) occupant_.resize(l + 1, kNoIndex);
  occupant_[l] = missile;
}

void ApplyEvent(const Event& e, Declaration* d, std::vector<Ambiguity>* found,
                ContentsIndex* contents) {
  if (contents != nullptr && !contents->built()) contents->Rebuild(*d);
  Applier(e, d, found, contents).Run();
}

std::vector<std::string> DiffStates(const Declaration& replayed, const Declaration& declared,
                                    size_t max_listed) {
  std::vector<std::string> out;
  size_t total = 0;
  auto add = [&](std::string s) {
    if (++total <= max_listed) out.push_back(std::move(s));
  };
  for (const Item& it : declared.items) {
    const int32_t r = replayed.FindItem(it.uid);
    if (r == kNoIndex) {
      add("item " + it.uid + ": declared but not in the replayed state");
      continue;
    }
    const std::string a = ItemFacts(replayed, replayed.items[static_cast<size_t>(r)]);
    const std::string b = ItemFacts(declared, it);
    if (a != b) add("item " + it.uid + ": replayed " + a + "; declared " + b);
  }
  for (const Item& it : replayed.items) {
    if (declared.FindItem(it.uid) == kNoIndex)
      add("item " + it.uid + ": in the replayed state but not declared");
  }
  if (total > max_listed) out.push_back("... and " + std::to_string(total - max_listed) + " more");
  return out;
}

}  // namespace verity::ledger
