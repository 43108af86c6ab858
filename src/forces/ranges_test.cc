// Ranged numbers with sources: parsing, round trip, low/high counts, and
// what each total rests on. Expected values are worked out by hand in the
// comments.
#include "forces/ranges.h"

#include <gtest/gtest.h>

#include "forces/declaration_io.h"
#include "forces/provenance.h"

namespace verity::forces {
namespace {

// Two silos at one ICBM base (a group whose count is 2, between 1 and 3),
// each holding a missile with 1 warhead (between 1 and 2); one bomber whose
// type's capacity is 16 (between 12 and 20).
constexpr std::string_view kRanged = R"({
  "party": "XX", "as_of": "2020-09-01",
  "facilities": [{"id": "base", "type": "icbm_base", "source": "base list"},
                 {"id": "air", "type": "air_base"}],
  "types": [
    {"id": "m", "class": "icbm", "kind": "missile", "max_warheads": 3, "source": "type sheet"},
    {"id": "silo", "class": "icbm", "kind": "silo_launcher"},
    {"id": "bomber", "class": "heavy_bomber", "kind": "heavy_bomber",
     "capacity": {"value": 16, "low": 12, "high": 20, "source": "capacity estimate"}}],
  "items": [
    {"uid": "S", "type": "silo", "facility": "base", "source": "silo survey",
     "count": {"value": 2, "low": 1, "high": 3, "source": "count estimate"},
     "missile": {"type": "m", "warheads": {"value": 1, "low": 1, "high": 2, "source": "loading estimate"}}},
    {"uid": "B", "type": "bomber", "facility": "air"}]
})";

class RangesTest : public testing::Test {
 protected:
  void SetUp() override {
    auto t = treaty::LoadTreaty("new-start");
    ASSERT_TRUE(t.ok()) << t.status().message();
    treaty_ = std::move(t).value();
    auto b = treaty::LoadTreaty("bomber-capacity-example");
    ASSERT_TRUE(b.ok()) << b.status().message();
    capacity_ = std::move(b).value();
    auto d = ParseDeclarationText(kRanged, "ranged.json");
    ASSERT_TRUE(d.ok()) << d.status().message();
    decl_ = std::move(d).value();
  }
  int64_t Limit(const Counts& c, const treaty::Treaty& t, std::string_view id) {
    return c.limits[static_cast<size_t>(t.FindLimit(id))].count;
  }
  treaty::Treaty treaty_, capacity_;
  Declaration decl_;
};

TEST_F(RangesTest, TheCentralCountUsesTheValues) {
  // 2 missiles x 1 warhead + 1 bomber; 2 silos + 1 bomber.
  const Counts c = Counter(treaty_).Count(decl_);
  EXPECT_EQ(Limit(c, treaty_, "deployed"), 3);
  EXPECT_EQ(Limit(c, treaty_, "warheads"), 3);
  EXPECT_EQ(Limit(c, treaty_, "launchers"), 3);
  EXPECT_TRUE(decl_.HasRanges());
}

TEST_F(RangesTest, LowAndHighCountsCarryCountAndWarheadRanges) {
  const auto r = CountRanges(Counter(treaty_), decl_);
  ASSERT_TRUE(r.has_value());
  // Low: 1 silo with a 1-warhead missile, + the bomber.
  EXPECT_EQ(Limit(r->low, treaty_, "deployed"), 2);
  EXPECT_EQ(Limit(r->low, treaty_, "warheads"), 2);
  EXPECT_EQ(Limit(r->low, treaty_, "launchers"), 2);
  // High: 3 silos with 2-warhead missiles, + the bomber.
  EXPECT_EQ(Limit(r->high, treaty_, "deployed"), 4);
  EXPECT_EQ(Limit(r->high, treaty_, "warheads"), 7);
  EXPECT_EQ(Limit(r->high, treaty_, "launchers"), 4);
  const size_t icbm = static_cast<size_t>(treaty_.FindCategory("deployed_icbm"));
  EXPECT_EQ(r->low.categories[icbm], 1);
  EXPECT_EQ(r->high.categories[icbm], 3);
  EXPECT_EQ(r->high.limits[static_cast<size_t>(treaty_.FindLimit("warheads"))].by_facility[0], 6);
}

TEST_F(RangesTest, TypeCapacityRangeReachesACapacityWeightedLimit) {
  const Counter counter(capacity_);
  const auto r = CountRanges(counter, decl_);
  ASSERT_TRUE(r.has_value());
  // Warheads: missiles 2 / 1 / 6 plus bomber capacity 16 / 12 / 20.
  EXPECT_EQ(Limit(counter.Count(decl_), capacity_, "warheads"), 18);
  EXPECT_EQ(Limit(r->low, capacity_, "warheads"), 13);
  EXPECT_EQ(Limit(r->high, capacity_, "warheads"), 26);
}

TEST_F(RangesTest, PlainDeclarationsHaveNoRanges) {
  auto d = LoadDeclaration("us-2020-09-01");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->HasRanges());
  EXPECT_FALSE(CountRanges(Counter(treaty_), *d).has_value());
}

TEST_F(RangesTest, ItemizedJsonKeepsRangesAndSources) {
  const Json j = DeclarationToJson(decl_);
  auto again = ParseDeclaration(j, "again.json");
  ASSERT_TRUE(again.ok()) << again.status().message();
  const auto a = CountRanges(Counter(treaty_), decl_);
  const auto b = CountRanges(Counter(treaty_), *again);
  ASSERT_TRUE(b.has_value());
  for (size_t l = 0; l < treaty_.limits.size(); ++l) {
    EXPECT_EQ(a->low.limits[l].count, b->low.limits[l].count);
    EXPECT_EQ(a->high.limits[l].count, b->high.limits[l].count);
  }
  EXPECT_EQ(DeclarationToJson(*again), j);
}

TEST_F(RangesTest, SourcesListWhatEachTotalRestsOn) {
  const Counter counter(treaty_);
  const auto shares = LimitSources(counter, decl_);
  const auto& warheads = shares[static_cast<size_t>(treaty_.FindLimit("warheads"))];
  auto find = [&](std::string_view kind, std::string_view source) -> const SourceShare* {
    for (const auto& s : warheads) {
      if (s.kind == kind && s.source == source) return &s;
    }
    return nullptr;
  };
  // Warheads 3 = 2 missiles x 1 (surveyed silos, "type sheet", "base list",
  // "loading estimate", "count estimate") + 1 bomber (no sources).
  ASSERT_NE(find("item", "silo survey"), nullptr);
  EXPECT_EQ(find("item", "silo survey")->amount, 2);
  EXPECT_EQ(find("item", "silo survey")->items, 2);
  EXPECT_EQ(find("item", "")->amount, 1);
  EXPECT_EQ(find("type", "type sheet")->amount, 2);
  EXPECT_EQ(find("facility", "base list")->amount, 2);
  EXPECT_EQ(find("warheads", "loading estimate")->amount, 2);
  EXPECT_EQ(find("count", "count estimate")->amount, 2);
  EXPECT_EQ(find("capacity", "capacity estimate"), nullptr);  // New START counts bombers as 1
}

struct BadCase {
  std::string_view item;
  std::string_view error;
};

TEST(RangedNumberTest, BadRangesNameTheField) {
  const BadCase cases[] = {
      {R"({"uid": "S", "type": "silo", "facility": "base", "count": {"value": 2, "low": 3}})",
       "bad.json: items[0].count.low: 3 is above value 2"},
      {R"({"uid": "S", "type": "silo", "facility": "base", "count": {"value": 2, "high": 1}})",
       "bad.json: items[0].count.high: 1 is below value 2"},
      {R"({"uid": "S", "type": "silo", "facility": "base", "count": {"low": 1}})",
       "bad.json: items[0].count.value: missing (required integer)"},
      {R"({"uid": "S", "type": "silo", "facility": "base", "count": {"value": 2, "sauce": "x"}})",
       "bad.json: items[0].count.sauce: unknown field (expected one of: value, low, high, source)"},
      {R"({"uid": "M", "type": "m", "facility": "base", "warheads": {"value": 1, "high": 4}})",
       "bad.json: items[0].warheads: range 1..4 is outside 0..3 (the maximum for type 'm')"},
      {R"({"uid": "S", "type": "silo", "facility": "base", "missile": {"type": "m", "warheads": {"value": 1, "source": 7}}})",
       "bad.json: items[0].missile.warheads.source: expected a string, got an integer"},
  };
  for (const BadCase& c : cases) {
    const std::string doc = R"({"party": "XX", "as_of": "2020-09-01",
      "facilities": [{"id": "base", "type": "storage_facility"}],
      "types": [{"id": "m", "class": "icbm", "kind": "missile", "max_warheads": 3},
                {"id": "silo", "class": "icbm", "kind": "silo_launcher"}],
      "items": [)" + std::string(c.item) + "]}";
    auto d = ParseDeclarationText(doc, "bad.json");
    ASSERT_FALSE(d.ok()) << c.item;
    EXPECT_EQ(d.status().message(), c.error);
  }
}

}  // namespace
}  // namespace verity::forces
