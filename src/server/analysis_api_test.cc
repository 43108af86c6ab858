// The post-treaty analysis endpoints over a real HTTP server on loopback.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "forces/declaration_io.h"
#include "server/test_server.h"
#include "treaty/treaty.h"
#include "upload/upload_report.h"

namespace verity::server {
namespace {

class AnalysisApiTest : public ::testing::Test {
 protected:
  Answer Get(const std::string& path) {
    auto res = ts_.Client()->Get(path);
    if (!res) return {};
    return {res->status, ResponseJson(res)};
  }
  TestServer ts_;
};

TEST_F(AnalysisApiTest, CatalogueListsTheShippedDeclarationsAndTreaties) {
  const Answer a = Get("/api/v1/analysis/catalogue");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  std::set<std::string> names;
  for (const Json& d : a.body.at("declarations")) names.insert(d.at("name").get<std::string>());
  EXPECT_TRUE(names.contains("us-2020-09-01"));
  EXPECT_TRUE(names.contains("ru-2021-09-01"));
  EXPECT_EQ(a.body.at("declarations").at(1).at("party"), "US");
  EXPECT_EQ(a.body.at("declarations").at(1).at("as_of"), "2020-09-01");
  EXPECT_EQ(a.body.at("treaties").size(), treaty::ShippedTreaties().size());
}

TEST_F(AnalysisApiTest, UploadIsTheLibrarysAnswerAndItsTimelineEndsAtTheTotal) {
  const Answer a = Get("/api/v1/analysis/upload?declaration=us-2020-09-01");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  auto d = forces::LoadShippedDeclaration("us-2020-09-01");
  auto assumptions = upload::DefaultAssumptions("US");
  ASSERT_TRUE(d.ok() && assumptions.ok());
  auto r = upload::ComputeUpload(*d, *assumptions);
  ASSERT_TRUE(r.ok());
  Json expected = upload::UploadJson(*d, *assumptions, *r);
  expected["declaration"] = "us-2020-09-01";
  EXPECT_EQ(a.body, expected);
  const Json& totals = a.body.at("totals");
  int64_t per_type = 0;
  for (const Json& t : a.body.at("types")) per_type += t.at("added_warheads").get<int64_t>();
  EXPECT_EQ(totals.at("added_warheads").get<int64_t>(), per_type);
  EXPECT_EQ(a.body.at("timeline").back().at("warheads"), totals.at("added_warheads"));
  EXPECT_LE(totals.at("low").at("added_warheads").get<int64_t>(), per_type);
  EXPECT_GE(totals.at("high").at("added_warheads").get<int64_t>(), per_type);
}

TEST_F(AnalysisApiTest, UploadAcceptsOnlyShippedNames) {
  const Answer unknown = Get("/api/v1/analysis/upload?declaration=fr-2020-01-01");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body.at("message"),
            "no shipped declaration 'fr-2020-01-01' (shipped: ru-2021-09-01, us-2020-09-01)");
  // A path is a name like any other: the server never opens it.
  EXPECT_EQ(Get("/api/v1/analysis/upload?declaration=data/declarations/us-2020-09-01").status, 404);
  const Answer missing = Get("/api/v1/analysis/upload");
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.at("message").get<std::string>().find("'declaration'"), std::string::npos);
}

TEST_F(AnalysisApiTest, CompareGivesEveryShippedTreatyAColumn) {
  const Answer a = Get("/api/v1/analysis/compare");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(a.body.at("treaties").size(), treaty::ShippedTreaties().size());
  // Two declarations, three limits each.
  ASSERT_EQ(a.body.at("rows").size(), 6u);
  bool found = false;
  for (const Json& row : a.body.at("rows")) {
    if (row.at("party") != "US" || row.at("limit") != "deployed") continue;
    found = true;
    EXPECT_EQ(row.at("cells").at("new-start").at("status"), "within");
    EXPECT_EQ(row.at("cells").at("follow-on-example").at("count"), 675);
    EXPECT_EQ(row.at("cells").at("follow-on-example").at("max"), 500);
    EXPECT_EQ(row.at("cells").at("follow-on-example").at("status"), "over");
  }
  EXPECT_TRUE(found);
}

TEST_F(AnalysisApiTest, CompareSubsetsAndRefusesUnknownNames) {
  const Answer a =
      Get("/api/v1/analysis/compare?declarations=us-2020-09-01&treaties=new-start,new-start");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  ASSERT_EQ(a.body.at("rows").size(), 3u);
  ASSERT_EQ(a.body.at("treaties").size(), 1u);  // a repeated name counts once
  EXPECT_EQ(a.body.at("rows").at(1).at("cells").at("new-start").at("count"), 1457);
  EXPECT_FALSE(a.body.at("rows").at(1).at("cells").contains("follow-on-example"));
  const Answer bad = Get("/api/v1/analysis/compare?treaties=new-start,/etc/passwd");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body.at("message"),
            "query parameter 'treaties': '/etc/passwd' is not shipped (shipped: "
            "bomber-capacity-example, follow-on-example, new-start-ru-reading, new-start)");
  EXPECT_EQ(Get("/api/v1/analysis/compare?declarations=").status, 422);
}

}  // namespace
}  // namespace verity::server
