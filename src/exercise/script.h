// An exercise script (docs/exercises.md): a multi-year play in which the
// host's true force and its declarations differ in scripted ways, and the
// inspecting party inspects by a stated policy.
//
// A script is TOML: [exercise] (who, when, the seed), [policy] (how the
// inspecting party chooses sites and how often it notices what it looks
// at), [declaration] (the host's declared force on the start date, in the
// declaration format of docs/declaration-format.md) and [[deviations]]
// (how the truth departs from it). Every error is InvalidArgument
// "<source>: <key path>: <why>"; every size is bounded (core/limits.h,
// "Exercises") before the work it bounds.
//
// Plain values; thread-compatible.
#ifndef VERITY_EXERCISE_SCRIPT_H_
#define VERITY_EXERCISE_SCRIPT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "forces/model.h"
#include "treaty/treaty.h"

namespace verity::exercise {

// How the inspecting party picks the site of each inspection:
//  planner: Type One inspections by the planner's allocation (stats/plan.h),
//    the best against a host that hides `assumed_hidden` items at one base;
//    Type Two sites uniformly at random;
//  random: every site uniformly at random among the eligible ones.
// Designations are uniform without replacement among the site's
// designatable items (exercise/inspector.h).
enum class Choice : uint8_t { kPlanner, kRandom };
std::string_view Name(Choice c);

struct Policy {
  Choice choice = Choice::kRandom;
  int64_t type_one = 0;  // Type One inspections a treaty year (default: the quota)
  int64_t type_two = 0;  // Type Two inspections a treaty year (default: the quota)
  // The chance that an inspection notices one non-compliant thing it looks
  // at (an overloaded designated missile, an item that should not be there,
  // an item missing, a designated item declared converted that is not).
  double detection_probability = 1;
  int64_t assumed_hidden = 1;  // planner: the items the plan guards against
};

// How the truth departs from the declarations:
//  hidden_item: an item the host has and never declares;
//  upload: `count` deployed missiles at `site` carry `extra_warheads` more
//    reentry vehicles than declared;
//  unreported_movement: an item moves to `to` and no notification says so;
//  conversion_not_done: the host notifies a conversion of `uid` (started
//    and completed) that it does not carry out.
enum class DeviationKind : uint8_t {
  kHiddenItem,
  kUpload,
  kUnreportedMovement,
  kConversionNotDone,
};
std::string_view Name(DeviationKind k);

struct Deviation {
  std::string id;  // unique in the script ("hidden-1" by default)
  DeviationKind kind = DeviationKind::kHiddenItem;
  Date from;                   // the day the truth starts to differ (the conversion's date)
  std::string note;            // shown in the report
  std::string uid;             // hidden_item, unreported_movement, conversion_not_done
  std::string type, facility;  // hidden_item
  int32_t warheads = 0;        // hidden_item (a missile)
  std::string site;            // upload
  int64_t count = 0;           // upload
  int32_t extra_warheads = 0;  // upload
  std::string to;              // unreported_movement
  std::string procedure;       // conversion_not_done
};

struct Script {
  std::string source;  // the file name, in errors and the report
  std::string name, teaching_point;
  std::string treaty = "new-start";  // as written: a shipped name or a .toml path
  std::string treaty_path;           // a .toml path resolved against the script's folder
  std::string host, inspector;       // party ids
  Date start;                        // the first day of a treaty year
  int years = 1;
  uint64_t seed = 1;
  Policy policy;
  forces::Declaration declaration;  // the host's declared force on `start`
  std::vector<Deviation> deviations;
  std::string sha256;  // of the script's text
};

// Parses a script's text (syntax, types, ranges, the declaration by the
// declaration reader). `base_dir` is where a relative treaty path resolves.
StatusOr<Script> ParseScript(std::string_view text, std::string_view source,
                             const std::string& base_dir = "");

// Reads the script at `name_or_path`: a file, or the name of a shipped
// script (data/exercises/NAME.toml, e.g. "hidden-missile"). NotFound lists
// the shipped names.
StatusOr<Script> LoadScript(const std::string& name_or_path);

// The names of the shipped scripts.
std::vector<std::string> ShippedScripts();

// Checks the script against its treaty: the start is the first day of a
// treaty year and the whole play falls while the treaty is in force, the
// policy stays within the treaty's quotas, and every deviation names what
// the declaration has (or, for a hidden item, what it does not). Fills the
// policy's defaults from the treaty's quotas. Errors as ParseScript's.
Status CheckScript(Script* script, const treaty::Treaty& treaty);

// The treaty the script names: a shipped name, or a path ending in .toml
// (treaty_path, resolved against the script's folder).
StatusOr<treaty::Treaty> LoadScriptTreaty(const Script& script);

}  // namespace verity::exercise

#endif  // VERITY_EXERCISE_SCRIPT_H_
