// An exercise's report (docs/exercises.md): what was played, what each
// inspection found, which deviation was caught and when, in JSON (format
// "verity-exercise-report/1", read by the dashboard) and Markdown.
#ifndef VERITY_EXERCISE_REPORT_H_
#define VERITY_EXERCISE_REPORT_H_

#include <string>

#include "core/json.h"
#include "core/status.h"
#include "exercise/run.h"

namespace verity::exercise {

inline constexpr char kReportFormat[] = "verity-exercise-report/1";
// The report's files in the ledger's folder.
inline constexpr char kReportJson[] = "exercise-report.json";
inline constexpr char kReportMarkdown[] = "exercise-report.md";

Json ReportToJson(const Report& r);
std::string ReportMarkdown(const Report& r);

// Writes both files into r.dir.
Status WriteReport(const Report& r);

// The one way to play a script: loads it (a file or a shipped name,
// LoadScript), loads and checks it against its treaty, plays it into a new
// ledger in `dir` and writes the report there. Errors of each step pass
// through (InvalidArgument and NotFound name the script, its line or key).
StatusOr<Report> RunScript(const std::string& name_or_path, const std::string& dir);

// The report written in `dir` (NotFound if none; InvalidArgument if it is
// not a report or is larger than limits::kMaxExerciseReportBytes).
StatusOr<Json> ReadReport(const std::string& dir);

}  // namespace verity::exercise

#endif  // VERITY_EXERCISE_REPORT_H_
