#include "treaty/facts.h"

#include <algorithm>

namespace verity::treaty {
namespace {

constexpr std::string_view kFacilityNames[] = {"icbm_base",
                                               "submarine_base",
                                               "air_base",
                                               "production_facility",
                                               "storage_facility",
                                               "repair_facility",
                                               "test_range",
                                               "training_facility",
                                               "conversion_or_elimination_facility",
                                               "space_launch_facility",
                                               "loading_facility",
                                               "maintenance_facility",
                                               "flight_test_center",
                                               "formerly_declared_facility",
                                               "at_sea"};
constexpr std::string_view kClassNames[] = {"icbm", "slbm", "heavy_bomber"};
constexpr std::string_view kKindNames[] = {"missile",       "silo_launcher", "mobile_launcher",
                                           "slbm_launcher", "heavy_bomber",  "submarine"};
constexpr std::string_view kRoleNames[] = {"operational", "test", "training"};
constexpr std::string_view kConversionNames[] = {"none", "in_progress", "complete"};
constexpr std::string_view kArmamentNames[] = {"nuclear", "non_nuclear"};

static_assert(std::size(kFacilityNames) == kFacilityTypeCount);
static_assert(std::size(kClassNames) == kSystemClassCount);
static_assert(std::size(kKindNames) == kItemKindCount);
static_assert(std::size(kRoleNames) == kRoleCount);
static_assert(std::size(kConversionNames) == kConversionCount);
static_assert(std::size(kArmamentNames) == kArmamentCount);

template <typename E, size_t N>
std::optional<E> ParseIn(const std::string_view (&names)[N], std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <size_t N>
std::string Join(const std::string_view (&names)[N]) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

constexpr FieldInfo kFields[] = {
    {Field::kKind, "kind", FieldDomain::kItemKind},
    {Field::kClass, "class", FieldDomain::kSystemClass},
    {Field::kRole, "role", FieldDomain::kRole},
    {Field::kConversion, "conversion", FieldDomain::kConversion},
    {Field::kArmament, "armament", FieldDomain::kArmament},
    {Field::kEliminated, "eliminated", FieldDomain::kBool},
    {Field::kFacility, "facility", FieldDomain::kFacilityType},
    {Field::kContained, "contained", FieldDomain::kBool},
    {Field::kLoaded, "loaded", FieldDomain::kBool},
    {Field::kOnSubmarine, "on_submarine", FieldDomain::kBool},
    {Field::kLauncherKind, "launcher.kind", FieldDomain::kItemKind},
    {Field::kLauncherRole, "launcher.role", FieldDomain::kRole},
    {Field::kLauncherFacility, "launcher.facility", FieldDomain::kFacilityType},
    {Field::kLauncherConversion, "launcher.conversion", FieldDomain::kConversion},
    {Field::kLauncherOnSubmarine, "launcher.on_submarine", FieldDomain::kBool},
    {Field::kWarheads, "warheads", FieldDomain::kInt},
    {Field::kMaxWarheads, "max_warheads", FieldDomain::kInt},
    {Field::kCapacity, "capacity", FieldDomain::kInt},
};
static_assert(std::size(kFields) == kFieldCount);

}  // namespace

std::string_view Name(FacilityType v) { return kFacilityNames[static_cast<int>(v)]; }
std::string_view Name(SystemClass v) { return kClassNames[static_cast<int>(v)]; }
std::string_view Name(ItemKind v) { return kKindNames[static_cast<int>(v)]; }
std::string_view Name(Role v) { return kRoleNames[static_cast<int>(v)]; }
std::string_view Name(Conversion v) { return kConversionNames[static_cast<int>(v)]; }
std::string_view Name(Armament v) { return kArmamentNames[static_cast<int>(v)]; }

std::optional<FacilityType> ParseFacilityType(std::string_view s) {
  return ParseIn<FacilityType>(kFacilityNames, s);
}
std::optional<SystemClass> ParseSystemClass(std::string_view s) {
  return ParseIn<SystemClass>(kClassNames, s);
}
std::optional<ItemKind> ParseItemKind(std::string_view s) {
  return ParseIn<ItemKind>(kKindNames, s);
}
std::optional<Role> ParseRole(std::string_view s) { return ParseIn<Role>(kRoleNames, s); }
std::optional<Conversion> ParseConversion(std::string_view s) {
  return ParseIn<Conversion>(kConversionNames, s);
}
std::optional<Armament> ParseArmament(std::string_view s) {
  return ParseIn<Armament>(kArmamentNames, s);
}

std::string FacilityTypeNames() { return Join(kFacilityNames); }
std::string SystemClassNames() { return Join(kClassNames); }
std::string ItemKindNames() { return Join(kKindNames); }
std::string RoleNames() { return Join(kRoleNames); }
std::string ConversionNames() { return Join(kConversionNames); }
std::string ArmamentNames() { return Join(kArmamentNames); }

const FieldInfo* FindField(std::string_view name) {
  auto it = std::find_if(std::begin(kFields), std::end(kFields),
                         [&](const FieldInfo& f) { return f.name == name; });
  return it == std::end(kFields) ? nullptr : it;
}

std::string FieldNames() {
  std::string out;
  for (const auto& f : kFields) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

std::optional<int32_t> ParseValue(FieldDomain domain, std::string_view s) {
  auto as_int = [](auto opt) -> std::optional<int32_t> {
    if (!opt) return std::nullopt;
    return static_cast<int32_t>(*opt);
  };
  switch (domain) {
    case FieldDomain::kItemKind:
      return as_int(ParseItemKind(s));
    case FieldDomain::kSystemClass:
      return as_int(ParseSystemClass(s));
    case FieldDomain::kRole:
      return as_int(ParseRole(s));
    case FieldDomain::kConversion:
      return as_int(ParseConversion(s));
    case FieldDomain::kArmament:
      return as_int(ParseArmament(s));
    case FieldDomain::kFacilityType:
      return as_int(ParseFacilityType(s));
    case FieldDomain::kBool:
      if (s == "true") return 1;
      if (s == "false") return 0;
      return std::nullopt;
    case FieldDomain::kInt:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string DomainValueNames(FieldDomain domain) {
  switch (domain) {
    case FieldDomain::kItemKind:
      return ItemKindNames();
    case FieldDomain::kSystemClass:
      return SystemClassNames();
    case FieldDomain::kRole:
      return RoleNames();
    case FieldDomain::kConversion:
      return ConversionNames();
    case FieldDomain::kArmament:
      return ArmamentNames();
    case FieldDomain::kFacilityType:
      return FacilityTypeNames();
    case FieldDomain::kBool:
      return "true, false";
    case FieldDomain::kInt:
      return "an integer";
  }
  return "";
}

}  // namespace verity::treaty
