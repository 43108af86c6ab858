#include "exercise/report.h"

#include <cstdio>
#include <filesystem>

#include "core/file_io.h"
#include "core/limits.h"

namespace verity::exercise {
namespace {

std::string Percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * p);
  return buf;
}

Json FindingJson(const Finding& f) {
  Json j = f.ambiguity.ToJson();
  j["deviation"] = f.deviation.empty() ? Json(nullptr) : Json(f.deviation);
  return j;
}

Json InspectionJson(const InspectionRun& i) {
  Json findings = Json::array();
  for (const Finding& f : i.findings) findings.push_back(FindingJson(f));
  return {{"date", i.date.ToString()},
          {"kind", i.kind},
          {"site", i.site},
          {"designated", i.designated},
          {"notice_index", i.notice_index},
          {"findings_index", i.findings_index},
          {"ambiguities", findings}};
}

Json OutcomeJson(const Report& r, const Outcome& o) {
  const Deviation& d = o.deviation;
  Json j = {{"id", d.id},
            {"kind", std::string(Name(d.kind))},
            {"from", d.from.ToString()},
            {"note", d.note},
            {"items", o.items},
            {"detectable", o.detectable},
            {"detections", o.detections},
            {"detected", o.first_finding >= 0}};
  if (o.first_finding >= 0) {
    const InspectionRun& i = r.inspections[static_cast<size_t>(o.first_finding)];
    j["first_detected"] = {{"date", i.date.ToString()},
                           {"days_after", i.date.days() - d.from.days()},
                           {"inspection", o.first_finding},
                           {"kind", i.kind},
                           {"site", i.site}};
  }
  return j;
}

Json YearJson(const YearRun& y) {
  Json j = {{"treaty_year", y.treaty_year},
            {"from", y.from.ToString()},
            {"to", y.to.ToString()},
            {"type_one", y.type_one},
            {"type_two", y.type_two}};
  j["planned_detection"] = y.planned_detection < 0 ? Json(nullptr) : Json(y.planned_detection);
  return j;
}

std::string OutcomeLine(const Report& r, const Outcome& o) {
  const Deviation& d = o.deviation;
  std::string line =
      "- **" + d.id + "** (" + std::string(Name(d.kind)) + ", from " + d.from.ToString() + "): ";
  if (o.first_finding >= 0) {
    const InspectionRun& i = r.inspections[static_cast<size_t>(o.first_finding)];
    line += "caught on " + i.date.ToString() + " (" +
            std::to_string(i.date.days() - d.from.days()) + " days later) by a " + i.kind +
            " inspection at " + i.site + "; " + std::to_string(o.detections) + " ambiguit" +
            (o.detections == 1 ? "y" : "ies") + " in all";
  } else if (!o.detectable) {
    line +=
        "not caught: no inspection record can show it (findings count reentry vehicles, "
        "UIDs and items by type, not a bomber's armament)";
  } else {
    line += "not caught";
  }
  if (!d.note.empty()) line += ". " + d.note;
  return line + "\n";
}

}  // namespace

Json ReportToJson(const Report& r) {
  const Script& s = r.script;
  Json years = Json::array(), inspections = Json::array(), outcomes = Json::array(),
       others = Json::array();
  for (const YearRun& y : r.years) years.push_back(YearJson(y));
  for (const InspectionRun& i : r.inspections) inspections.push_back(InspectionJson(i));
  for (const Outcome& o : r.outcomes) outcomes.push_back(OutcomeJson(r, o));
  for (const ledger::Ambiguity& a : r.others) others.push_back(a.ToJson());
  return {{"format", kReportFormat},
          {"script",
           {{"source", s.source},
            {"name", s.name},
            {"teaching_point", s.teaching_point},
            {"sha256", s.sha256},
            {"seed", s.seed}}},
          {"treaty", r.treaty},
          {"host", s.host},
          {"inspector", s.inspector},
          {"start", s.start.ToString()},
          {"policy",
           {{"choice", std::string(Name(s.policy.choice))},
            {"type_one", s.policy.type_one},
            {"type_two", s.policy.type_two},
            {"detection_probability", s.policy.detection_probability},
            {"assumed_hidden", s.policy.assumed_hidden}}},
          {"years", years},
          {"inspections", inspections},
          {"deviations", outcomes},
          {"other_ambiguities", others},
          {"ledger", {{"notifications", r.notifications}, {"root", r.root}}}};
}

std::string ReportMarkdown(const Report& r) {
  const Script& s = r.script;
  std::string md = "# Exercise: " + s.name + "\n\n";
  md += "*Teaching point:* " + s.teaching_point + "\n\n";
  md += "Script `" + s.source + "` (sha256 " + s.sha256.substr(0, 16) + "…, seed " +
        std::to_string(s.seed) + "), " + r.treaty + ", host " + s.host + ", inspector " +
        s.inspector + ", from " + s.start.ToString() + " for " + std::to_string(s.years) +
        " treaty year(s). Policy: " + std::string(Name(s.policy.choice)) + ", " +
        std::to_string(s.policy.type_one) + " Type One and " + std::to_string(s.policy.type_two) +
        " Type Two inspections a year, each noticing a deviation with probability " +
        Percent(s.policy.detection_probability) + ".\n\n## What was caught\n\n";
  int64_t caught = 0;
  for (const Outcome& o : r.outcomes) caught += o.first_finding >= 0 ? 1 : 0;
  md += std::to_string(caught) + " of " + std::to_string(r.outcomes.size()) +
        " deviations caught.\n\n";
  for (const Outcome& o : r.outcomes) md += OutcomeLine(r, o);
  md +=
      "\n## Treaty years\n\n| year | from | to | Type One | Type Two | planned detection |\n"
      "|---|---|---|---|---|---|\n";
  for (const YearRun& y : r.years) {
    md += "| " + std::to_string(y.treaty_year) + " | " + y.from.ToString() + " | " +
          y.to.ToString() + " | " + std::to_string(y.type_one) + " | " +
          std::to_string(y.type_two) + " | " +
          (y.planned_detection < 0 ? std::string("—") : Percent(y.planned_detection)) + " |\n";
  }
  md += "\n## Inspections and the ambiguities that followed\n\n";
  for (const InspectionRun& i : r.inspections) {
    md += "- " + i.date.ToString() + " " + i.kind + " at " + i.site + " (log #" +
          std::to_string(i.findings_index) + ")" +
          (i.findings.empty() ? ": nothing found\n" : ":\n");
    for (const Finding& f : i.findings) {
      md += "  - " + std::string(ledger::Name(f.ambiguity.kind)) + ": " + f.ambiguity.message +
            (f.deviation.empty() ? "" : " → " + f.deviation) + "\n";
    }
  }
  if (!r.others.empty()) {
    md += "\n## Other ambiguities\n\n";
    for (const ledger::Ambiguity& a : r.others) {
      md += "- #" + std::to_string(a.index) + " " + a.occurred.ToString() + " " +
            std::string(ledger::Name(a.kind)) + ": " + a.message + "\n";
    }
  }
  md += "\nLedger: " + r.dir + ", " + std::to_string(r.notifications) + " notifications, root " +
        r.root + ".\n";
  return md;
}

Status WriteReport(const Report& r) {
  const std::filesystem::path dir(r.dir);
  VERITY_RETURN_IF_ERROR(
      WriteFileAtomic((dir / kReportJson).string(), ReportToJson(r).dump(2) + "\n"));
  return WriteFileAtomic((dir / kReportMarkdown).string(), ReportMarkdown(r));
}

StatusOr<Report> RunScript(const std::string& name_or_path, const std::string& dir) {
  VERITY_ASSIGN_OR_RETURN(Script script, LoadScript(name_or_path));
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty treaty, LoadScriptTreaty(script));
  VERITY_RETURN_IF_ERROR(CheckScript(&script, treaty));
  VERITY_ASSIGN_OR_RETURN(Report report, RunExercise(script, treaty, dir));
  VERITY_RETURN_IF_ERROR(WriteReport(report));
  return report;
}

StatusOr<Json> ReadReport(const std::string& dir) {
  const std::string path = (std::filesystem::path(dir) / kReportJson).string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return NotFound(dir + ": no exercise report (run 'verity exercise run SCRIPT --data DIR')");
  }
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path, limits::kMaxExerciseReportBytes));
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, path));
  if (!j.is_object() || j.value("format", std::string()) != kReportFormat) {
    return InvalidArgument(path + ": not an exercise report (format " + kReportFormat + ")");
  }
  return j;
}

}  // namespace verity::exercise
