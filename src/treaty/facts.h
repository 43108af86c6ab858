// The vocabulary of physical facts that a treaty's counting rules speak of.
//
// A declaration states facts about items (what an item is, where it is, what
// contains it, its role, its conversion state); a treaty's rules derive
// categories ("deployed ICBM") from them. The names below are the words used
// in declaration files and in the rule language of treaty files; their
// spelling is part of both file formats (docs/declaration-format.md,
// docs/treaty-format.md).
#ifndef VERITY_TREATY_FACTS_H_
#define VERITY_TREATY_FACTS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verity::treaty {

enum class FacilityType : uint8_t {
  kIcbmBase,
  kSubmarineBase,
  kAirBase,
  kProductionFacility,
  kStorageFacility,
  kRepairFacility,
  kTestRange,
  kTrainingFacility,
  kConversionOrEliminationFacility,
  kSpaceLaunchFacility,
  kLoadingFacility,
  kMaintenanceFacility,
  kFlightTestCenter,
  kFormerlyDeclaredFacility,
  kAtSea,  // not a facility: where a submarine (and its launchers) is when under way
};
inline constexpr int kFacilityTypeCount = 15;

enum class SystemClass : uint8_t { kIcbm, kSlbm, kHeavyBomber };
inline constexpr int kSystemClassCount = 3;

enum class ItemKind : uint8_t {
  kMissile,
  kSiloLauncher,
  kMobileLauncher,
  kSlbmLauncher,
  kHeavyBomber,
  kSubmarine,
};
inline constexpr int kItemKindCount = 6;

enum class Role : uint8_t { kOperational, kTest, kTraining };
inline constexpr int kRoleCount = 3;

enum class Conversion : uint8_t { kNone, kInProgress, kComplete };
inline constexpr int kConversionCount = 3;

enum class Armament : uint8_t { kNuclear, kNonNuclear };
inline constexpr int kArmamentCount = 2;

// Names as written in files ("icbm_base", "silo_launcher", ...).
std::string_view Name(FacilityType v);
std::string_view Name(SystemClass v);
std::string_view Name(ItemKind v);
std::string_view Name(Role v);
std::string_view Name(Conversion v);
std::string_view Name(Armament v);

// Parses a name; empty optional if it is not one of the enum's names.
std::optional<FacilityType> ParseFacilityType(std::string_view s);
std::optional<SystemClass> ParseSystemClass(std::string_view s);
std::optional<ItemKind> ParseItemKind(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<Conversion> ParseConversion(std::string_view s);
std::optional<Armament> ParseArmament(std::string_view s);

// "a, b, c": every name of the enum, for "expected one of ..." messages.
std::string FacilityTypeNames();
std::string SystemClassNames();
std::string ItemKindNames();
std::string RoleNames();
std::string ConversionNames();
std::string ArmamentNames();

// Whether the item kind is a launcher (silo, mobile or SLBM launcher).
inline bool IsLauncher(ItemKind k) {
  return k == ItemKind::kSiloLauncher || k == ItemKind::kMobileLauncher ||
         k == ItemKind::kSlbmLauncher;
}

// The facts of one item as the rule language sees them. Every field is a
// small integer so that a rule compiles to integer comparisons. Relation
// fields (launcher_*) describe the launcher that contains a missile and are
// kNone when the item is not a contained missile.
enum class Field : uint8_t {
  kKind,                 // ItemKind
  kClass,                // SystemClass
  kRole,                 // Role
  kConversion,           // Conversion
  kArmament,             // Armament
  kEliminated,           // 0/1
  kFacility,             // FacilityType of where the item is
  kContained,            // 0/1: a missile inside a launcher
  kLoaded,               // 0/1: a launcher holding a missile
  kOnSubmarine,          // 0/1: an SLBM launcher installed on a submarine
  kLauncherKind,         // ItemKind of the containing launcher, or kNone
  kLauncherRole,         // Role of the containing launcher, or kNone
  kLauncherFacility,     // FacilityType of the containing launcher, or kNone
  kLauncherConversion,   // Conversion of the containing launcher, or kNone
  kLauncherOnSubmarine,  // 0/1
  kWarheads,             // reentry vehicles emplaced (missiles), 0 otherwise
  kMaxWarheads,          // the type's maximum warheads (missiles)
  kCapacity,             // nuclear armament capacity (bombers)
};
inline constexpr int kFieldCount = 18;
inline constexpr int32_t kNone = -1;

// One item's facts, indexed by Field.
using FactRow = std::array<int32_t, kFieldCount>;

// The kind of value a field holds, for the rule compiler.
enum class FieldDomain : uint8_t {
  kBool,
  kInt,
  kItemKind,
  kSystemClass,
  kRole,
  kConversion,
  kArmament,
  kFacilityType,
};

struct FieldInfo {
  Field field;
  std::string_view name;  // as written in rules, e.g. "launcher.facility"
  FieldDomain domain;
};

// Looks up a field by its rule-language name; nullptr if unknown.
const FieldInfo* FindField(std::string_view name);
// Every field name, for error messages.
std::string FieldNames();
// Resolves a symbolic value ("icbm_base") in a field's domain.
std::optional<int32_t> ParseValue(FieldDomain domain, std::string_view s);
// Every symbol of a domain, for error messages ("" for kBool/kInt).
std::string DomainValueNames(FieldDomain domain);

}  // namespace verity::treaty

#endif  // VERITY_TREATY_FACTS_H_
