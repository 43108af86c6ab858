// Playing an exercise (docs/exercises.md): the host's declarations and the
// inspecting party's inspection records are signed and appended to a real
// ledger under the script's treaty (inspect::OpenForTreaty), whose finders
// raise the ambiguities; the run records which of them reveal which
// deviation, and when.
//
// Seeded and reproducible: the same script gives the same log (the same
// root), the same inspections and the same report. Not thread-safe.
#ifndef VERITY_EXERCISE_RUN_H_
#define VERITY_EXERCISE_RUN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "exercise/script.h"
#include "ledger/ambiguity.h"
#include "treaty/treaty.h"

namespace verity::exercise {

// One ambiguity the ledger raised, and the deviation it reveals ("" if none).
struct Finding {
  ledger::Ambiguity ambiguity;
  std::string deviation;
};

// One inspection as played: the notice and findings appended, and what the
// ledger found in them.
struct InspectionRun {
  Date date;
  std::string kind, site;
  std::vector<std::string> designated;
  uint64_t notice_index = 0, findings_index = 0;
  std::vector<Finding> findings;
};

struct YearRun {
  int treaty_year = 0;
  Date from, to;                       // its first and last day
  int64_t type_one = 0, type_two = 0;  // inspections made
  double planned_detection = -1;       // planner: the plan's value; -1 random
};

// A deviation and what became of it.
struct Outcome {
  Deviation deviation;
  std::vector<std::string> items;  // the UIDs it is about
  bool detectable = true;          // false: no inspection record can show it
  int64_t detections = 0;          // ambiguities that reveal it
  int64_t first_finding = -1;      // index into Report::inspections, -1 if never
};

struct Report {
  Script script;
  std::string treaty;  // the treaty's name
  std::string dir;     // the ledger
  std::vector<YearRun> years;
  std::vector<InspectionRun> inspections;
  std::vector<Outcome> outcomes;          // in script order
  std::vector<ledger::Ambiguity> others;  // raised outside inspections (all in log order)
  uint64_t notifications = 0;
  std::string root;  // the log's root after the run (hex)
};

// Plays `script` (checked with CheckScript against `treaty`) into a new
// ledger in `dir` (AlreadyExists if one is there). Errors: the ledger's,
// and Internal if the play itself goes wrong (a bug).
StatusOr<Report> RunExercise(const Script& script, const treaty::Treaty& treaty,
                             const std::string& dir);

}  // namespace verity::exercise

#endif  // VERITY_EXERCISE_RUN_H_
