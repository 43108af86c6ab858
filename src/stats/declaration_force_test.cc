#include "stats/declaration_force.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/test_dir.h"
#include "forces/declaration_io.h"

namespace verity::stats {
namespace {

const Site* Find(const Force& f, const std::string& id) {
  for (const Site& s : f.sites) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

TEST(DeclarationForceTest, BasesHoldTheDeployedMissilesCountedByTheTreaty) {
  const forces::Declaration d =
      forces::LoadDeclaration("data/declarations/us-2020-09-01.json").value();
  const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
  const Force f = ForceFromDeclaration(d, t).value();
  const Site* warren = Find(f, "fe-warren");
  ASSERT_NE(warren, nullptr);
  EXPECT_EQ(warren->kind, SiteKind::kBase);
  EXPECT_EQ(warren->deployed_missiles, 133);  // the declaration's deployed group there
  EXPECT_EQ(warren->declared_warheads, 1);
  int64_t icbms = 0;
  for (const char* id : {"fe-warren", "malmstrom", "minot-icbm"})
    icbms += Find(f, id)->deployed_missiles;
  EXPECT_EQ(icbms, 397);  // all deployed Minuteman III, per the 1 Sep 2020 data
  ASSERT_NE(Find(f, "hill"), nullptr);
  EXPECT_EQ(Find(f, "hill")->kind, SiteKind::kNonDeployed);
  EXPECT_EQ(Find(f, "whiteman"), nullptr);  // bombers: no designated missile
}

TEST(DeclarationForceTest, AdjustmentsMustNameADeclaredSite) {
  const testing::TestDir tmp("decl-scenario");
  const auto& dir = tmp.path();
  const std::string decl =
      std::filesystem::absolute("data/declarations/us-2020-09-01.json").string();
  std::ofstream(dir / "s.toml") << "declaration = \"" << decl << "\"\n"
                                << "[[sites]]\nid = \"atlantis\"\noverloaded = 2\n"
                                << "[concealment]\nspread = \"explicit\"\n";
  const auto r = LoadScenario((dir / "s.toml").string());
  EXPECT_EQ(r.status().message(),
            (dir / "s.toml").string() +
                ": sites[0].id: no inspectable site 'atlantis' in the declaration");
}

TEST(DeclarationForceTest, AdjustmentsMayOnlySetWeightsAndConcealment) {
  const testing::TestDir tmp("decl-scenario2");
  const auto& dir = tmp.path();
  std::ofstream(dir / "s.toml")
      << "declaration = \"x.json\"\n[[sites]]\nid = \"hill\"\ndeployed_missiles = 3\n";
  const auto r = LoadScenario((dir / "s.toml").string());
  EXPECT_EQ(r.status().message(),
            (dir / "s.toml").string() + ": sites[0].deployed_missiles (line 4): unknown key");
}

TEST(DeclarationForceTest, LedgerStateScenarioNeedsALedger) {
  const testing::TestDir tmp("ledger-state");
  const auto path = tmp.path() / "ledger-state.toml";
  std::ofstream(path) << "[ledger_state]\nparty = \"US\"\nas_of = \"2020-09-01\"\n";
  const auto r = LoadScenario(path.string());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      r.status().message(),
      path.string() + ": ledger_state: this scenario reads the ledger; give one (--data DIR)");
  // A ledger without the party's items on that date is an error, not an empty force.
  const auto empty = LoadScenario(path.string(), [](const std::string& party, Date) {
    forces::Declaration d;
    d.party = party;
    return StatusOr<forces::Declaration>(d);
  });
  EXPECT_EQ(empty.status().message(),
            path.string() + ": ledger_state: the ledger holds no items of US on 2020-09-01");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace verity::stats
