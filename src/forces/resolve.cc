// Turns raw items into resolved Items: group expansion, reference
// resolution and the structural checks of docs/declaration-format.md.
#include <algorithm>

#include "core/text.h"
#include "forces/model.h"
#include "forces/raw_item.h"

namespace verity::forces::internal {
namespace {

using treaty::ItemKind;

// Where an item came from, for errors found after expansion.
struct Origin {
  const RawItem* raw;
  bool inline_missile;  // created from a launcher's "missile" object
};

std::string GroupUid(const std::string& prefix, int64_t i, int64_t count) {
  const size_t width = std::to_string(count).size();
  std::string n = std::to_string(i);
  return prefix + "-" + std::string(width > n.size() ? width - n.size() : 0, '0') + n;
}

template <typename E>
Status ParseEnum(const RawItem& r, std::string_view field, const std::optional<std::string>& v,
                 std::optional<E> (*parse)(std::string_view), std::string (*names)(), E* out) {
  if (!v) return Status::Ok();
  auto e = parse(*v);
  if (!e) {
    return InvalidArgument(FieldPath(r, field) + ": unknown value " + Quote(*v) +
                           " (expected one of: " + names() + ")");
  }
  *out = *e;
  return Status::Ok();
}

class Resolver {
 public:
  explicit Resolver(Declaration* d) : d_(d) {}

  Status Run(const std::vector<RawItem>& raw) {
    for (const RawItem& r : raw) VERITY_RETURN_IF_ERROR(Expand(r));
    for (size_t i = 0; i < d_->items.size(); ++i) VERITY_RETURN_IF_ERROR(Link(i));
    for (size_t i = 0; i < d_->items.size(); ++i) VERITY_RETURN_IF_ERROR(Place(i));
    return Status::Ok();
  }

 private:
  const std::string& Where(size_t i) const { return origins_[i].raw->where; }
  std::string Path(size_t i, std::string_view field) const {
    const Origin& o = origins_[i];
    if (o.inline_missile) return FieldPath(*o.raw, "missile." + std::string(field));
    return FieldPath(*o.raw, field);
  }

  Status Expand(const RawItem& r) {
    for (int64_t k = 1; k <= r.count; ++k) {
      const std::string uid = r.count > 1 ? GroupUid(r.uid, k, r.count) : r.uid;
      VERITY_RETURN_IF_ERROR(AddItem(r, uid));
      VERITY_RETURN_IF_ERROR(RecordRange(r, k, r.warheads_range, "warheads"));
      if (!r.has_missile) continue;
      VERITY_RETURN_IF_ERROR(AddInlineMissile(r, uid, k));
      VERITY_RETURN_IF_ERROR(RecordRange(r, k, r.missile_warheads_range, "missile.warheads"));
    }
    return Status::Ok();
  }

  int64_t MaxWarheadsHigh(int32_t type) const {
    for (const TypeRange& t : d_->type_ranges) {
      if (t.type == type) return t.max_warheads_high;
    }
    return d_->types[static_cast<size_t>(type)].max_warheads;
  }

  // Records the ranged numbers of the item just added, member k of the
  // group r: its warheads' low/high, and how many items it stands for
  // under the group count's low and high values (the last member carries
  // any excess of high over count; members past low stand for none).
  Status RecordRange(const RawItem& r, int64_t k, const std::optional<RangedInt>& warheads,
                     std::string_view field) {
    if (!warheads && !r.count_range) return Status::Ok();
    const int32_t i = static_cast<int32_t>(d_->items.size()) - 1;
    const Item& item = d_->items[static_cast<size_t>(i)];
    ItemRange range{.item = i, .warheads_low = item.warheads, .warheads_high = item.warheads};
    if (warheads) {
      const int64_t max = MaxWarheadsHigh(item.type);
      if (warheads->low < 0 || warheads->high > max) {
        return InvalidArgument(FieldPath(r, field) + ": range " + std::to_string(warheads->low) +
                               ".." + std::to_string(warheads->high) + " is outside 0.." +
                               std::to_string(max) + " (the maximum for type " +
                               Quote(d_->types[static_cast<size_t>(item.type)].id) + ")");
      }
      range.warheads_low = static_cast<int32_t>(warheads->low);
      range.warheads_high = static_cast<int32_t>(warheads->high);
      range.warheads_source = d_->InternSource(warheads->source);
    }
    if (r.count_range) {
      range.copies_low = k <= r.count_range->low ? 1 : 0;
      range.copies_high =
          static_cast<int32_t>(1 + (k == r.count ? r.count_range->high - r.count : 0));
      range.count_source = d_->InternSource(r.count_range->source);
    }
    d_->item_ranges.push_back(range);
    return Status::Ok();
  }

  StatusOr<int32_t> TypeOf(const RawItem& r, const std::string& type, std::string_view field) {
    const int32_t t = d_->FindType(type);
    if (t == kNoIndex)
      return InvalidArgument(FieldPath(r, field) + ": unknown type " + Quote(type));
    return t;
  }

  Status Register(const RawItem& r, Item item, std::string_view uid_field, bool inline_missile) {
    auto [it, inserted] = d_->item_index.emplace(item.uid, static_cast<int32_t>(d_->items.size()));
    if (!inserted) {
      const size_t first = static_cast<size_t>(it->second);
      const Origin& fo = origins_[first];
      const bool new_in_launcher = inline_missile || r.launcher.has_value();
      const bool old_in_launcher = fo.inline_missile || fo.raw->launcher.has_value();
      if (item.kind == ItemKind::kMissile && new_in_launcher && old_in_launcher) {
        return InvalidArgument(FieldPath(r, uid_field) + ": missile " + Quote(item.uid) +
                               " is already in a launcher (" + Where(first) +
                               "); a missile can be in only one launcher");
      }
      return InvalidArgument(FieldPath(r, uid_field) + ": duplicate unique identifier " +
                             Quote(item.uid) + " (first declared at " +
                             Where(static_cast<size_t>(it->second)) + ")");
    }
    d_->items.push_back(std::move(item));
    origins_.push_back({&r, inline_missile});
    return Status::Ok();
  }

  Status AddItem(const RawItem& r, const std::string& uid) {
    Item item;
    item.uid = uid;
    VERITY_ASSIGN_OR_RETURN(item.type, TypeOf(r, r.type, "type"));
    const TypeDef& type = d_->types[static_cast<size_t>(item.type)];
    item.kind = type.kind;
    item.eliminated = r.eliminated;
    item.source = d_->InternSource(r.source);
    VERITY_RETURN_IF_ERROR(CheckFieldsFitKind(r, type));
    VERITY_RETURN_IF_ERROR(
        ParseEnum(r, "role", r.role, treaty::ParseRole, treaty::RoleNames, &item.role));
    VERITY_RETURN_IF_ERROR(ParseEnum(r, "conversion", r.conversion, treaty::ParseConversion,
                                     treaty::ConversionNames, &item.conversion));
    VERITY_RETURN_IF_ERROR(ParseEnum(r, "armament", r.armament, treaty::ParseArmament,
                                     treaty::ArmamentNames, &item.armament));
    if (r.warheads) VERITY_RETURN_IF_ERROR(CheckWarheads(r, "warheads", *r.warheads, type, &item));
    VERITY_RETURN_IF_ERROR(ResolveFacility(r, type, &item));
    return Register(r, std::move(item), "uid", false);
  }

  // A launcher's "missile" object: the missile's UID is given, generated
  // per group member from the given one, or "<launcher uid>/M".
  Status AddInlineMissile(const RawItem& r, const std::string& launcher_uid, int64_t k) {
    Item m;
    if (!r.missile_uid)
      m.uid = launcher_uid + "/M";
    else
      m.uid = r.count > 1 ? GroupUid(*r.missile_uid, k, r.count) : *r.missile_uid;
    VERITY_ASSIGN_OR_RETURN(m.type, TypeOf(r, r.missile_type, "missile.type"));
    const TypeDef& type = d_->types[static_cast<size_t>(m.type)];
    if (type.kind != ItemKind::kMissile) {
      return InvalidArgument(FieldPath(r, "missile.type") + ": type " + Quote(type.id) + " is a " +
                             std::string(treaty::Name(type.kind)) + ", expected a missile type");
    }
    m.kind = ItemKind::kMissile;
    m.source = d_->InternSource(r.source);
    m.container = static_cast<int32_t>(d_->items.size()) - 1;  // the launcher just added
    if (r.missile_warheads) {
      VERITY_RETURN_IF_ERROR(CheckWarheads(r, "missile.warheads", *r.missile_warheads, type, &m));
    }
    loaded_by_.emplace(m.container, static_cast<int32_t>(d_->items.size()));
    return Register(r, std::move(m), "missile.uid", true);
  }

  Status CheckFieldsFitKind(const RawItem& r, const TypeDef& type) {
    const ItemKind k = type.kind;
    auto only = [&](bool present, std::string_view field, bool allowed, std::string_view who) {
      if (present && !allowed) {
        return InvalidArgument(FieldPath(r, field) + ": not allowed on a " +
                               std::string(treaty::Name(k)) + " (only " + std::string(who) + ")");
      }
      return Status::Ok();
    };
    VERITY_RETURN_IF_ERROR(only(r.warheads.has_value(), "warheads", k == ItemKind::kMissile,
                                "missiles carry warheads"));
    VERITY_RETURN_IF_ERROR(only(r.launcher.has_value(), "launcher", k == ItemKind::kMissile,
                                "missiles are in launchers"));
    VERITY_RETURN_IF_ERROR(only(r.submarine.has_value(), "submarine", k == ItemKind::kSlbmLauncher,
                                "SLBM launchers are on submarines"));
    VERITY_RETURN_IF_ERROR(only(r.armament.has_value(), "armament", k == ItemKind::kHeavyBomber,
                                "heavy bombers have an armament"));
    VERITY_RETURN_IF_ERROR(
        only(r.has_missile, "missile", treaty::IsLauncher(k), "launchers hold a missile"));
    if (k == ItemKind::kSlbmLauncher && !r.submarine && r.role.value_or("operational") != "test") {
      return InvalidArgument(
          FieldPath(r, "submarine") +
          ": missing: an SLBM launcher must name the submarine it is installed on");
    }
    return Status::Ok();
  }

  Status CheckWarheads(const RawItem& r, std::string_view field, int64_t n, const TypeDef& type,
                       Item* item) {
    if (n < 0 || n > type.max_warheads) {
      return InvalidArgument(FieldPath(r, field) + ": " + std::to_string(n) +
                             " is out of range (expected 0.." + std::to_string(type.max_warheads) +
                             ", the maximum for type " + Quote(type.id) + ")");
    }
    item->warheads = static_cast<int32_t>(n);
    return Status::Ok();
  }

  Status ResolveFacility(const RawItem& r, const TypeDef& type, Item* item) {
    const bool inherits = (type.kind == ItemKind::kMissile && r.launcher) ||
                          (type.kind == ItemKind::kSlbmLauncher && r.submarine);
    if (!r.facility) {
      if (inherits) return Status::Ok();
      return InvalidArgument(FieldPath(r, "facility") + ": missing (required for a " +
                             std::string(treaty::Name(type.kind)) + " not inside another item)");
    }
    if (*r.facility == "at_sea") {
      if (type.kind != ItemKind::kSubmarine) {
        return InvalidArgument(FieldPath(r, "facility") + ": only a submarine can be at_sea");
      }
      item->facility = kNoIndex;
      return Status::Ok();
    }
    item->facility = d_->FindFacility(*r.facility);
    if (item->facility == kNoIndex) {
      return InvalidArgument(FieldPath(r, "facility") + ": unknown facility " + Quote(*r.facility));
    }
    return Status::Ok();
  }

  // Links a missile to its launcher and an SLBM launcher to its submarine.
  Status Link(size_t i) {
    const Origin& o = origins_[i];
    if (o.inline_missile) return Status::Ok();
    Item& item = d_->items[i];
    if (item.kind == ItemKind::kMissile && o.raw->launcher) return LinkMissile(i, *o.raw->launcher);
    if (item.kind == ItemKind::kSlbmLauncher && o.raw->submarine) {
      const int32_t s = d_->FindItem(*o.raw->submarine);
      if (s == kNoIndex || d_->items[static_cast<size_t>(s)].kind != ItemKind::kSubmarine) {
        return InvalidArgument(Path(i, "submarine") + ": " + Quote(*o.raw->submarine) +
                               " is not a declared submarine");
      }
      item.submarine = s;
    }
    return Status::Ok();
  }

  Status LinkMissile(size_t i, const std::string& launcher_uid) {
    Item& m = d_->items[i];
    const int32_t l = d_->FindItem(launcher_uid);
    if (l == kNoIndex)
      return InvalidArgument(Path(i, "launcher") + ": unknown launcher " + Quote(launcher_uid));
    const Item& launcher = d_->items[static_cast<size_t>(l)];
    if (!treaty::IsLauncher(launcher.kind)) {
      return InvalidArgument(Path(i, "launcher") + ": " + Quote(launcher_uid) + " is a " +
                             std::string(treaty::Name(launcher.kind)) + ", not a launcher");
    }
    const auto mclass = d_->types[static_cast<size_t>(m.type)].system_class;
    const auto lclass = d_->types[static_cast<size_t>(launcher.type)].system_class;
    if (mclass != lclass) {
      return InvalidArgument(Path(i, "launcher") + ": a missile of class " +
                             std::string(treaty::Name(mclass)) + " cannot be in launcher " +
                             Quote(launcher_uid) + " of class " +
                             std::string(treaty::Name(lclass)));
    }
    auto [it, inserted] = loaded_by_.emplace(l, static_cast<int32_t>(i));
    if (!inserted) {
      return InvalidArgument(
          Path(i, "launcher") + ": launcher " + Quote(launcher_uid) + " already contains missile " +
          Quote(d_->items[static_cast<size_t>(it->second)].uid) + " (" +
          Where(static_cast<size_t>(it->second)) + "); a launcher holds one missile");
    }
    m.container = l;
    return Status::Ok();
  }

  // Contained missiles are where their launcher is; SLBM launchers are
  // where their submarine is.
  Status Place(size_t i) {
    Item& item = d_->items[i];
    int32_t host = kNoIndex;
    if (item.kind == ItemKind::kSlbmLauncher) host = item.submarine;
    if (item.kind == ItemKind::kMissile) host = item.container;
    if (host == kNoIndex) return Status::Ok();
    const Item& h = d_->items[static_cast<size_t>(host)];
    int32_t where = h.facility;
    if (h.kind == ItemKind::kSlbmLauncher && h.submarine != kNoIndex) {
      where = d_->items[static_cast<size_t>(h.submarine)].facility;
    }
    const Origin& o = origins_[i];
    if (!o.inline_missile && o.raw->facility && where != item.facility) {
      return InvalidArgument(Path(i, "facility") + ": " + Quote(*o.raw->facility) +
                             " differs from where its " +
                             (item.kind == ItemKind::kMissile ? "launcher" : "submarine") + " is");
    }
    item.facility = where;
    return Status::Ok();
  }

  Declaration* d_;
  std::vector<Origin> origins_;
  std::unordered_map<int32_t, int32_t> loaded_by_;  // launcher index -> missile index
};

}  // namespace

Status ResolveItems(const std::vector<RawItem>& raw, Declaration* d) {
  return Resolver(d).Run(raw);
}

}  // namespace verity::forces::internal
