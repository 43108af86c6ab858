#include "exercise/run.h"

#include <gtest/gtest.h>

#include <string>

#include "core/test_dir.h"
#include "exercise/report.h"
#include "exercise/test_util.h"
#include "inspect/treaty_ledger.h"
#include "ledger/store.h"

namespace verity::exercise {
namespace {

using exercise::testing::Replaced;
using exercise::testing::Shipped;
using verity::testing::TestDir;

StatusOr<Report> Play(const std::string& text, const std::string& dir) {
  VERITY_ASSIGN_OR_RETURN(Script s, ParseScript(text, "t.toml"));
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, LoadScriptTreaty(s));
  VERITY_RETURN_IF_ERROR(CheckScript(&s, t));
  return RunExercise(s, t, dir);
}

const Outcome& OutcomeOf(const Report& r, const std::string& id) {
  for (const Outcome& o : r.outcomes) {
    if (o.deviation.id == id) return o;
  }
  ADD_FAILURE() << "no outcome " << id;
  return r.outcomes.front();
}

TEST(ExerciseRun, HiddenMissileIsCaughtAtAVisitToItsBase) {
  TestDir dir("exercise-hidden");
  auto r = RunScript("hidden-missile", dir.Path("data"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Outcome& o = OutcomeOf(*r, "hidden-missile");
  ASSERT_GE(o.first_finding, 0);
  const InspectionRun& first = r->inspections[static_cast<size_t>(o.first_finding)];
  EXPECT_EQ(first.site, "base-b");
  EXPECT_GE(first.date, o.deviation.from);
  // Every visit to base B after the missile appeared catches it (p = 1),
  // and no visit before does.
  for (const InspectionRun& i : r->inspections) {
    bool reveals = false;
    for (const Finding& f : i.findings) reveals |= f.deviation == "hidden-missile";
    EXPECT_EQ(reveals, i.site == "base-b" && i.date >= o.deviation.from) << i.date.ToString();
  }
  // Two treaty years, the treaty's quotas each year.
  ASSERT_EQ(r->years.size(), 2u);
  for (const YearRun& y : r->years) {
    EXPECT_EQ(y.type_one, 10);
    EXPECT_EQ(y.type_two, 8);
    EXPECT_LT(y.planned_detection, 0);  // random designation: no plan
  }
  EXPECT_TRUE(r->others.empty());  // the host's declarations agree with each other
}

TEST(ExerciseRun, TheLedgerHoldsTheRecordsAndTheirAmbiguities) {
  TestDir dir("exercise-ledger");
  auto r = RunScript("hidden-missile", dir.Path("data"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto opened = inspect::OpenForTreaty(dir.Path("data"), "new-start");
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto head = opened->ledger->LatestTreeHead();
  ASSERT_TRUE(head.ok());
  // Four data exchanges and 36 inspections of two records each.
  EXPECT_EQ(head->size, 4u + 2 * 36);
  EXPECT_EQ(r->notifications, head->size);
  auto stored = opened->ledger->Ambiguities();
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  size_t found = 0;
  for (const InspectionRun& i : r->inspections) found += i.findings.size();
  EXPECT_EQ(stored->size(), found);
  // Running the same script again is refused: the folder holds a ledger.
  auto again = RunScript("hidden-missile", dir.Path("data"));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists) << again.status().message();
}

TEST(ExerciseRun, SameSeedSameRunOtherSeedOtherInspections) {
  TestDir dir("exercise-seed");
  const std::string text = Shipped("hidden-missile");
  auto a = Play(text, dir.Path("a"));
  auto b = Play(text, dir.Path("b"));
  auto c = Play(Replaced(text, "seed = 20120205", "seed = 99"), dir.Path("c"));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->root, b->root);
  Json ja = ReportToJson(*a), jb = ReportToJson(*b);
  EXPECT_EQ(ja.dump(), jb.dump());
  EXPECT_NE(a->root, c->root);
  std::string sites_a, sites_c;
  for (const InspectionRun& i : a->inspections) sites_a += i.site + ",";
  for (const InspectionRun& i : c->inspections) sites_c += i.site + ",";
  EXPECT_NE(sites_a, sites_c);
}

TEST(ExerciseRun, InspectorsWhoNeverNoticeCatchNothing) {
  TestDir dir("exercise-blind");
  auto r = Play(Replaced(Shipped("hidden-missile"), "detection_probability = 1.0",
                         "detection_probability = 0.0"),
                dir.Path("data"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_LT(r->outcomes[0].first_finding, 0);
  for (const InspectionRun& i : r->inspections) EXPECT_TRUE(i.findings.empty());
}

TEST(ExerciseRun, UploadsAreFoundByDesignationUnderThePlanner) {
  TestDir dir("exercise-upload");
  auto r = RunScript("upload-planner", dir.Path("data"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const YearRun& y : r->years) {
    EXPECT_GT(y.planned_detection, 0);
    EXPECT_LE(y.planned_detection, 1);
  }
  const Outcome& o = OutcomeOf(*r, "upload-b");
  EXPECT_EQ(o.items.size(), 3u);
  for (const InspectionRun& i : r->inspections) {
    for (const Finding& f : i.findings) {
      EXPECT_EQ(f.ambiguity.evidence.value("issue", ""), "rv_count_differs");
      EXPECT_EQ(f.deviation, "upload-b");
      EXPECT_EQ(f.ambiguity.evidence.value("found", 0), 4);
      EXPECT_EQ(f.ambiguity.evidence.value("declared", 0), 3);
    }
  }
}

TEST(ExerciseRun, AMovementIsCountedAConversionOnPaperIsNot) {
  TestDir dir("exercise-conversion");
  auto r = RunScript("conversion-and-movement", dir.Path("data"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Outcome& moved = OutcomeOf(*r, "moved-bomber");
  EXPECT_TRUE(moved.detectable);
  ASSERT_GE(moved.first_finding, 0);
  const std::string site = r->inspections[static_cast<size_t>(moved.first_finding)].site;
  EXPECT_TRUE(site == "air-1" || site == "air-2") << site;
  const Outcome& paper = OutcomeOf(*r, "paper-conversion");
  EXPECT_FALSE(paper.detectable);
  EXPECT_LT(paper.first_finding, 0);
  EXPECT_NE(ReportMarkdown(*r).find("no inspection record can show it"), std::string::npos);
}

TEST(ExerciseRun, TheReportIsWrittenAndReadBack) {
  TestDir dir("exercise-report");
  auto r = RunScript("hidden-missile", dir.Path("data"));
  ASSERT_TRUE(r.ok());
  auto j = ReadReport(dir.Path("data"));
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ(j->at("format"), kReportFormat);
  EXPECT_EQ(j->at("deviations")[0].at("detected"), true);
  EXPECT_EQ(j->at("ledger").at("root"), r->root);
  EXPECT_EQ(ReadReport(dir.Path("none")).status().code(), StatusCode::kNotFound);
  dir.Write("data/exercise-report.json", "{\"format\": \"something else\"}");
  auto bad = ReadReport(dir.Path("data"));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("not an exercise report"), std::string::npos);
}

}  // namespace
}  // namespace verity::exercise
