// A small real ledger for tests that edit or replay one many times: a cut
// down US data exchange from the sample and then its bombers moving between
// air bases, with checkpoints. Small enough to copy,
// verify and replay dozens of times under the sanitizers.
#ifndef VERITY_LEDGER_TESTING_SMALL_LEDGER_H_
#define VERITY_LEDGER_TESTING_SMALL_LEDGER_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "forces/counter.h"
#include "ledger/replay.h"
#include "ledger/sample.h"
#include "ledger/store.h"
#include "treaty/facts.h"
#include "treaty/treaty.h"

namespace verity::ledger::testing {

inline constexpr size_t kSmallLedgerCheckpointEvery = 20;

// Signed movements of the US bombers that are at air bases on 2011-02-05,
// each to another air base, serials from `first_serial`, five a day from
// 2011-02-06.
inline std::vector<BatchItem> BomberMoves(const Ledger& l, int count, int64_t first_serial) {
  const forces::Declaration d = StateAsOf(l, "US", Date::FromYmd(2011, 2, 5)).value();
  std::vector<std::string> bases, bombers, at;
  for (const auto& f : d.facilities) {
    if (f.type == treaty::FacilityType::kAirBase) bases.push_back(f.id);
  }
  for (const auto& it : d.items) {
    if (it.kind != treaty::ItemKind::kHeavyBomber || it.facility == forces::kNoIndex) continue;
    const std::string& base = d.facilities[static_cast<size_t>(it.facility)].id;
    if (std::find(bases.begin(), bases.end(), base) == bases.end()) continue;
    bombers.push_back(it.uid);
    at.push_back(base);
  }
  std::vector<BatchItem> out;
  for (int k = 0; k < count && !bombers.empty() && bases.size() > 1; ++k) {
    const size_t b = static_cast<size_t>(k) % bombers.size();
    std::string to = bases[static_cast<size_t>(k / 3) % bases.size()];
    if (to == at[b]) to = bases[(static_cast<size_t>(k / 3) + 1) % bases.size()];
    const Date day = Date::FromYmd(2011, 2, 6).AddDays(k / 5);
    const Json draft = {{"format", 1},
                        {"party", "US"},
                        {"serial", first_serial + k},
                        {"type", "movement"},
                        {"occurred", day.ToString()},
                        {"sent", day.AddDays(1).ToString() + "T00:00:00Z"},
                        {"body", {{"uid", bombers[b]}, {"from", at[b]}, {"to", to}}}};
    out.push_back({SignNotification(draft, SampleKey("US")).value(), "move " + std::to_string(k)});
    at[b] = to;
  }
  return out;
}

// The sample's first US data exchange (2011-02-05) cut down to its heavy
// bombers at air bases (the first `bombers` of them) and its facilities and
// types, re-signed with the sample key.
inline Notification SmallExchange(size_t bombers) {
  const treaty::Treaty t = treaty::LoadTreaty("new-start").value();
  const forces::Counter counter(t);
  const Date start = Date::FromYmd(2011, 2, 5);
  std::vector<Notification> sample = SampleNotifications(counter, start, start).value();
  for (Notification& n : sample) {
    if (n.party != "US") continue;
    Json& d = n.body.at("declaration");
    std::set<std::string> air_bases;
    for (const Json& f : d.at("facilities")) {
      if (f.at("type") == "air_base") air_bases.insert(f.at("id").get<std::string>());
    }
    Json kept = Json::array();
    for (const Json& it : d.at("items")) {
      if (kept.size() < bombers && it.contains("armament") && it.contains("facility") &&
          air_bases.contains(it.at("facility").get<std::string>())) {
        kept.push_back(it);
      }
    }
    d["items"] = kept;
    SignInPlace(&n, SampleKey("US"));
    return n;
  }
  ADD_FAILURE() << "no US exchange in the sample";
  return {};
}

// Writes the small ledger into `dir` (which must not hold one): the cut
// down exchange, then `moves` movements in `batches` batches, then
// checkpoints every kSmallLedgerCheckpointEvery changes. Both sample parties'
// keys are registered; RU has notified nothing.
inline void WriteSmallLedger(const std::string& dir, int moves = 120, int batches = 3) {
  const std::vector<PublicKey> keys = {SampleKey("US").pub, SampleKey("RU").pub};
  ASSERT_TRUE(Ledger::Init(dir, keys).ok());
  auto l = Ledger::Open(dir).value();
  const Timestamp now = Timestamp::FromSeconds(1'700'000'000);
  ASSERT_TRUE(l->AppendParsed({SmallExchange(12)}, now).ok());
  const std::vector<BatchItem> all = BomberMoves(*l, moves, 2);
  ASSERT_EQ(all.size(), static_cast<size_t>(moves));
  const size_t per = all.size() / static_cast<size_t>(batches) + 1;
  for (size_t i = 0; i < all.size(); i += per) {
    std::vector<BatchItem> batch(all.begin() + static_cast<long>(i),
                                 all.begin() + static_cast<long>(std::min(i + per, all.size())));
    ASSERT_TRUE(l->Append(batch, now).ok());
  }
  ASSERT_TRUE(UpdateCheckpoints(*l, "US", std::nullopt, kSmallLedgerCheckpointEvery).ok());
}

}  // namespace verity::ledger::testing

#endif  // VERITY_LEDGER_TESTING_SMALL_LEDGER_H_
