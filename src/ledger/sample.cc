#include "ledger/sample.h"

#include <algorithm>
#include <map>

#include "forces/public_series.h"
#include "ledger/replay.h"
#include "ledger/sample_force.h"
#include "ledger/sample_process.h"
#include "ledger/store.h"

namespace verity::ledger {
namespace {

constexpr uint64_t kUsSeed = 0x5553'2011'0205ULL;
constexpr uint64_t kRuSeed = 0x5255'2011'0205ULL;
constexpr int kYearOfInconsistentEntry = 2019;

std::vector<internal::Target> TargetsOf(const std::vector<forces::PublicAggregate>& series,
                                        const std::string& party, Date from, Date to) {
  std::vector<internal::Target> out;
  for (const auto& a : series) {
    if (a.party != party || !a.Complete() || a.date < from || a.date > to) continue;
    out.push_back({a.date, *a.deployed, *a.warheads, *a.launchers});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

StatusOr<std::vector<Notification>> PartyHistory(internal::ForceProfile profile,
                                                 const std::vector<internal::Target>& targets,
                                                 const forces::Counter& counter, uint64_t seed) {
  const std::string party = profile.party;
  if (targets.empty())
    return InvalidArgument("no published aggregate of " + party + " in the range");
  internal::SampleForce force(std::move(profile), counter, seed);
  VERITY_RETURN_IF_ERROR(force.Start(targets.front()));
  for (size_t i = 1; i < targets.size(); ++i) {
    VERITY_RETURN_IF_ERROR(force.StepTo(targets[i]));
    const Date mid = targets[i].date.AddDays(14);
    if (party == "RU" && targets[i].date.year() == kYearOfInconsistentEntry &&
        targets[i].date.month() == 3 && i + 1 < targets.size()) {
      force.AddInconsistentEntry(mid);
    }
  }
  return std::move(force.notifications());
}

}  // namespace

SecretKey SampleKey(const std::string& party) {
  const Hash256 seed = Sha256("verity sample key " + party);
  return KeyFromSeed(party, seed).value();
}

StatusOr<std::vector<Notification>> SampleNotifications(const forces::Counter& counter, Date from,
                                                        Date to) {
  VERITY_ASSIGN_OR_RETURN(auto series, forces::LoadPublicSeries());
  VERITY_ASSIGN_OR_RETURN(
      auto us,
      PartyHistory(internal::UsProfile(), TargetsOf(series, "US", from, to), counter, kUsSeed));
  VERITY_ASSIGN_OR_RETURN(
      auto ru,
      PartyHistory(internal::RuProfile(), TargetsOf(series, "RU", from, to), counter, kRuSeed));
  std::vector<Notification> all = std::move(us);
  all.insert(all.end(), std::make_move_iterator(ru.begin()), std::make_move_iterator(ru.end()));
  // The treaty's own process; the log holds notifications in the order
  // they were sent.
  VERITY_RETURN_IF_ERROR(internal::AddProcessHistory(counter.treaty(), from, to, &all));
  std::map<std::string, int64_t> serial;
  std::map<std::string, SecretKey> keys = {{"US", SampleKey("US")}, {"RU", SampleKey("RU")}};
  for (Notification& n : all) {
    n.serial = ++serial[n.party];
    SignInPlace(&n, keys.at(n.party));
  }
  return all;
}

std::string SampleResult::Summary() const {
  std::string s = "sample ledger in " + dir + ": " + std::to_string(notifications) +
                  " signed notifications (US and RU), root " + ToHex(root) + "\n";
  s += std::to_string(ambiguities.size()) +
       " ambiguities (from the deliberately inconsistent entry):\n";
  for (const auto& a : ambiguities) s += "  " + a + "\n";
  return s;
}

StatusOr<SampleResult> WriteSample(const std::string& dir, Date from, Date to,
                                   const std::string& treaty_name, const FinderFactory& finders) {
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, treaty::LoadTreaty(treaty_name));
  const forces::Counter counter(t);
  VERITY_ASSIGN_OR_RETURN(std::vector<Notification> all, SampleNotifications(counter, from, to));
  const std::vector<PublicKey> keys = {SampleKey("US").pub, SampleKey("RU").pub};
  VERITY_RETURN_IF_ERROR(Ledger::Init(dir, keys));
  VERITY_ASSIGN_OR_RETURN(auto ledger, Ledger::Open(dir));
  ledger->set_ambiguity_finder(finders(ledger.get(), &counter));
  const Timestamp stamp = Timestamp::StartOf(to.AddDays(30));
  VERITY_ASSIGN_OR_RETURN(AppendResult r, ledger->AppendParsed(std::move(all), stamp));
  VERITY_RETURN_IF_ERROR(UpdateCheckpointsAfter(*ledger, r));
  SampleResult out;
  out.dir = dir;
  out.notifications = r.count;
  out.root = r.head.root;
  for (const auto& a : r.ambiguities) {
    out.ambiguities.push_back("#" + std::to_string(a.index) + " " + a.party + " " +
                              a.occurred.ToString() + " " + std::string(Name(a.kind)) + ": " +
                              a.message);
  }
  return out;
}

}  // namespace verity::ledger
