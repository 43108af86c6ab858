// Upload plans on small declarations, every expected number worked out by
// hand in the comments.
#include "upload/upload.h"

#include <gtest/gtest.h>

#include "forces/declaration_io.h"
#include "upload/upload_report.h"

namespace verity::upload {
namespace {

// One ICBM base: two silos with a 1-warhead missile, one emptied silo;
// two spare missiles in storage. One air base: two nuclear bombers and one
// converted to conventional-only.
constexpr std::string_view kForce = R"({
  "party": "XX", "as_of": "2026-02-05",
  "facilities": [{"id": "base", "type": "icbm_base"}, {"id": "store", "type": "storage_facility"},
                 {"id": "air", "type": "air_base"}],
  "types": [{"id": "m", "class": "icbm", "kind": "missile", "max_warheads": 3},
            {"id": "silo", "class": "icbm", "kind": "silo_launcher"},
            {"id": "bomber", "class": "heavy_bomber", "kind": "heavy_bomber", "capacity": 10}],
  "items": [
    {"uid": "S", "count": 2, "type": "silo", "facility": "base", "missile": {"type": "m", "warheads": 1}},
    {"uid": "E", "type": "silo", "facility": "base"},
    {"uid": "SP", "count": 2, "type": "m", "facility": "store", "warheads": 0},
    {"uid": "B", "count": 2, "type": "bomber", "facility": "air"},
    {"uid": "C", "type": "bomber", "facility": "air", "armament": "non_nuclear", "conversion": "complete"}]
})";

std::string Value(int64_t v) { return "{ value = " + std::to_string(v) + ", source = \"test\" }"; }

std::string MissileToml(int64_t available) {
  return "party = \"XX\"\n[types.m]\nmax_loading = " + Value(3) +
         "\nwarheads_available = " + Value(available) + "\nupload_rate = " + Value(2) +
         "\nreload_months = " + Value(2) + "\n";
}

std::string BomberToml(bool reconvertible) {
  return "party = \"XX\"\n[types.bomber]\nmax_loading = " + Value(10) +
         "\ncurrent_loading = " + Value(1) + "\nwarheads_available = " + Value(100) +
         "\nupload_rate = " + Value(10) + "\nreconvert_months = " + Value(3) +
         "\nreconvertible = { value = " + (reconvertible ? "true" : "false") +
         ", source = \"test\" }\n";
}

class UploadTest : public testing::Test {
 protected:
  void SetUp() override {
    auto d = forces::ParseDeclarationText(kForce, "force.json");
    ASSERT_TRUE(d.ok()) << d.status().message();
    decl_ = std::move(d).value();
  }
  Plan PlanFor(const std::string& toml) {
    auto a = ParseAssumptions(toml, "a.toml");
    EXPECT_TRUE(a.ok()) << a.status().message();
    auto p = PlanUpload(decl_, *a);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? *p : Plan{};
  }
  static std::vector<int64_t> Warheads(const Plan& p) {
    std::vector<int64_t> out;
    for (const auto& row : p.timeline) out.push_back(row.total_warheads);
    return out;
  }
  static std::vector<int64_t> Vehicles(const Plan& p) {
    std::vector<int64_t> out;
    for (const auto& row : p.timeline) out.push_back(row.total_vehicles);
    return out;
  }
  forces::Declaration decl_;
};

TEST_F(UploadTest, AssumptionsForAnotherPartyAreRefused) {
  std::string toml = MissileToml(10);
  toml.replace(toml.find("\"XX\""), 4, "\"US\"");
  auto a = ParseAssumptions(toml, "us.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  for (const auto& r : {PlanUpload(decl_, *a).status(), ComputeUpload(decl_, *a).status()}) {
    EXPECT_EQ(r.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.message(),
              "us.toml: party: the assumptions are for party 'US', the declaration is of party "
              "'XX'");
  }
}

TEST_F(UploadTest, MissilesAreFilledAndEmptiedSilosReloadedAtTheBaseRate) {
  const Plan p = PlanFor(MissileToml(100));
  ASSERT_EQ(p.types.size(), 1u);
  const TypeUpload& u = p.types[0];
  // Fill: 2 missiles x (3 - 1) = 4. Reload: 1 empty silo, 2 spares -> 1 x 3.
  EXPECT_EQ(u.current_vehicles, 2);
  EXPECT_EQ(u.current_warheads, 2);
  EXPECT_EQ(u.vehicles_filled, 2);
  EXPECT_EQ(u.fill_warheads, 4);
  EXPECT_EQ(u.spare_missiles, 2);
  EXPECT_EQ(u.launchers_reloaded, 1);
  EXPECT_EQ(u.reload_warheads, 3);
  EXPECT_EQ(u.added_warheads, 7);
  EXPECT_EQ(u.added_vehicles, 1);
  EXPECT_FALSE(u.capped);
  // 2 warheads a month at the one base; the reloaded silo is ready at the
  // end of month 2 and its warheads go on from month 3.
  EXPECT_EQ(Warheads(p), (std::vector<int64_t>{0, 2, 4, 6, 7}));
  EXPECT_EQ(Vehicles(p), (std::vector<int64_t>{0, 0, 1, 1, 1}));
  EXPECT_EQ(p.months_to_max, 4);
  EXPECT_EQ(p.not_assessed, (std::vector<std::string>{"bomber"}));
}

TEST_F(UploadTest, WarheadsAvailableCapsTheUpload) {
  const Plan p = PlanFor(MissileToml(5));
  EXPECT_EQ(p.types[0].uncapped_warheads, 7);
  EXPECT_EQ(p.types[0].added_warheads, 5);
  EXPECT_TRUE(p.types[0].capped);
  EXPECT_EQ(Warheads(p), (std::vector<int64_t>{0, 2, 4, 5}));
  EXPECT_EQ(p.months_to_max, 3);
}

TEST_F(UploadTest, BombersAreArmedAndConvertedOnesReconverted) {
  const Plan p = PlanFor(BomberToml(true));
  const TypeUpload& u = p.types[0];
  // Arm: 2 x (10 - 1) = 18. Reconvert: 1 bomber, ready after 3 months, 10.
  EXPECT_EQ(u.fill_warheads, 18);
  EXPECT_EQ(u.bombers_reconverted, 1);
  EXPECT_EQ(u.reconvert_warheads, 10);
  EXPECT_EQ(u.added_warheads, 28);
  EXPECT_EQ(u.added_vehicles, 1);
  EXPECT_EQ(Warheads(p), (std::vector<int64_t>{0, 10, 18, 18, 28}));
  EXPECT_EQ(Vehicles(p), (std::vector<int64_t>{0, 0, 0, 1, 1}));
}

TEST_F(UploadTest, IrreversibleConversionAddsNoBombers) {
  const Plan p = PlanFor(BomberToml(false));
  EXPECT_EQ(p.types[0].added_warheads, 18);
  EXPECT_EQ(p.types[0].added_vehicles, 0);
  EXPECT_EQ(p.months_to_max, 2);
}

// Missiles (7 uncapped: 0, 2, 4, 6, 7) and bombers (28: 0, 10, 18, 18, 28)
// share a pool of 20. Month 1 takes 2 + 10 = 12; month 2 wants 2 + 8 = 10
// with 8 left: shares 8 x 2/10 = 1.6 and 8 x 8/10 = 6.4 round to 1 and 6,
// and the larger remainder (0.6) gets the last one: 2 and 6.
TEST_F(UploadTest, ASharedPoolCapsItsTypesTogether) {
  const std::string bombers = BomberToml(true);
  const std::string toml = MissileToml(100) + bombers.substr(bombers.find("[types")) +
                           "[pools.reserve]\ntypes = [\"m\", \"bomber\"]\nwarheads = " + Value(20) +
                           "\n";
  const Plan p = PlanFor(toml);
  ASSERT_EQ(p.types.size(), 2u);
  const TypeUpload& bomber = p.types[0];  // types come in key order
  const TypeUpload& missile = p.types[1];
  ASSERT_EQ(missile.type, "m");
  EXPECT_EQ(missile.added_warheads, 4);
  EXPECT_EQ(bomber.added_warheads, 16);
  EXPECT_EQ(missile.pool_capped, "reserve");
  EXPECT_EQ(bomber.pool_capped, "reserve");
  EXPECT_FALSE(missile.capped);
  EXPECT_EQ(p.added_warheads, 20);
  ASSERT_EQ(p.pools.size(), 1u);
  EXPECT_EQ(p.pools[0].used, 20);
  EXPECT_TRUE(p.pools[0].capped);
  // Vehicles still come: the reloaded silo at month 2, the bomber at month 3.
  EXPECT_EQ(Warheads(p), (std::vector<int64_t>{0, 12, 20, 20}));
  EXPECT_EQ(Vehicles(p), (std::vector<int64_t>{0, 0, 1, 2}));
  EXPECT_EQ(p.months_to_max, 3);
}

TEST_F(UploadTest, APoolLargeEnoughChangesNothing) {
  const Plan p =
      PlanFor(MissileToml(100) + "[pools.all]\ntypes = [\"m\"]\nwarheads = " + Value(7) + "\n");
  EXPECT_EQ(p.types[0].added_warheads, 7);
  EXPECT_EQ(p.types[0].pool_capped, "");
  EXPECT_EQ(Warheads(p), (std::vector<int64_t>{0, 2, 4, 6, 7}));
  EXPECT_EQ(p.pools[0].used, 7);
  EXPECT_FALSE(p.pools[0].capped);
}

// Silos: a group of 2 (between 1 and 3) with 1 warhead (between 1 and 2);
// maximum loading 3 (between 2 and 3); rate 10 (between 5 and 20).
TEST(UploadRangesTest, LowAndHighPlansUseTheEndsOfEveryRange) {
  auto d = forces::ParseDeclarationText(R"({
    "party": "XX", "as_of": "2026-02-05",
    "facilities": [{"id": "base", "type": "icbm_base"}],
    "types": [{"id": "m", "class": "icbm", "kind": "missile", "max_warheads": 3},
              {"id": "silo", "class": "icbm", "kind": "silo_launcher"}],
    "items": [{"uid": "S", "type": "silo", "facility": "base", "count": {"value": 2, "low": 1, "high": 3},
               "missile": {"type": "m", "warheads": {"value": 1, "low": 1, "high": 2}}}]})",
                                        "r.json");
  ASSERT_TRUE(d.ok()) << d.status().message();
  auto a = ParseAssumptions(R"(party = "XX"
[types.m]
max_loading = { value = 3, low = 2, high = 3, source = "t" }
warheads_available = { value = 100, source = "t" }
upload_rate = { value = 10, low = 5, high = 20, source = "t" }
)",
                            "r.toml");
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto r = ComputeUpload(*d, *a);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(r->low && r->high);
  // Central: 2 missiles x (3 - 1) = 4. Low: 1 missile x (2 - 1) = 1.
  // High: 3 missiles already at 2, x (3 - 2) = 3.
  EXPECT_EQ(r->central.added_warheads, 4);
  EXPECT_EQ(r->low->added_warheads, 1);
  EXPECT_EQ(r->high->added_warheads, 3);
  EXPECT_EQ(r->central.types[0].current_warheads, 2);
  EXPECT_EQ(r->low->types[0].current_warheads, 1);
  EXPECT_EQ(r->high->types[0].current_warheads, 6);
  const Json j = UploadJson(*d, *a, *r);
  EXPECT_EQ(j.at("totals").at("low").at("added_warheads"), 1);
  EXPECT_EQ(j.at("scenarios"), Json::array({"central", "low", "high"}));
}

// A shipped declaration under its party's shipped assumptions.
class UploadShippedTest : public testing::Test {
 protected:
  void Load(const std::string& name) {
    auto d = forces::LoadDeclaration(name);
    ASSERT_TRUE(d.ok()) << d.status().message();
    decl_ = std::move(d).value();
    auto a = DefaultAssumptions(decl_.party);
    ASSERT_TRUE(a.ok()) << a.status().message();
    assumptions_ = std::move(a).value();
    auto r = ComputeUpload(decl_, assumptions_);
    ASSERT_TRUE(r.ok()) << r.status().message();
    result_ = std::move(r).value();
    for (const auto& u : result_.central.types) by_[u.type] = u;
  }
  forces::Declaration decl_;
  Assumptions assumptions_;
  UploadResult result_;
  std::map<std::string, TypeUpload> by_;
};

TEST_F(UploadShippedTest, UsDeclarationUnderShippedAssumptions) {
  ASSERT_NO_FATAL_FAILURE(Load("us-2020-09-01"));
  auto& by = by_;
  // Minuteman III: 397 missiles from 1 to 3 = 794; 53 emptied base silos
  // reloaded from 261 spares, x 3 = 159; above the 800 assumed available,
  // and in the end limited by the shared reserve (below).
  EXPECT_EQ(by["mm3"].fill_warheads, 794);
  EXPECT_EQ(by["mm3"].launchers_reloaded, 53);
  EXPECT_TRUE(by["mm3"].capped);
  EXPECT_EQ(by["mm3"].pool_capped, "reserve");
  EXPECT_LT(by["mm3"].added_warheads, 800);
  // Trident II: 230 missiles carrying 1,012 (1,457 - 397 - 48), to 8 each = 828.
  EXPECT_EQ(by["d5"].current_warheads, 1012);
  EXPECT_EQ(by["d5"].fill_warheads, 828);
  EXPECT_EQ(by["d5"].launchers_reloaded, 50);
  // B-52H: the 41 converted aircraft come back as delivery vehicles.
  EXPECT_EQ(by["b52h"].bombers_reconverted, 41);
  // The four types together would add more than the 1,938 reserve warheads
  // (BAS 2024: 3,708 stockpiled - 1,770 deployed): the reserve binds.
  int64_t uncapped = 0;
  for (const auto& [type, u] : by) uncapped += std::min(u.uncapped_warheads, int64_t{1000000});
  EXPECT_GT(uncapped, 1938);
  ASSERT_EQ(result_.central.pools.size(), 1u);
  EXPECT_EQ(result_.central.pools[0].warheads, 1938);
  EXPECT_TRUE(result_.central.pools[0].capped);
  EXPECT_EQ(result_.central.added_warheads, 1938);
  EXPECT_EQ(result_.low->pools[0].warheads, 969);
  EXPECT_LE(result_.low->added_warheads, 969);
  const Json j = UploadJson(decl_, assumptions_, result_);
  for (const auto& [type, values] : j.at("assumptions").at("types").items()) {
    for (const auto& [name, v] : values.items())
      EXPECT_FALSE(v.at("source").get<std::string>().empty()) << type << "." << name;
  }
}

TEST_F(UploadShippedTest, RussianDeclarationUnderShippedAssumptions) {
  ASSERT_NO_FATAL_FAILURE(Load("ru-2021-09-01"));
  // SS-18: 40 missiles from 6 to 10 = 160.
  EXPECT_EQ(by_["ss18"].fill_warheads, 160);
  // No spare missiles are declared, so no emptied launcher is reloaded.
  EXPECT_EQ(result_.central.added_vehicles, 0);
}

}  // namespace
}  // namespace verity::upload
