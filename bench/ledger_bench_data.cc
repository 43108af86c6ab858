#include "ledger_bench_data.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "forces/declaration_io.h"
#include "ledger/replay.h"
#include "ledger/sample.h"

namespace verity::bench {
namespace {

constexpr int kYears = 15;
constexpr size_t kBatch = 20'000;

Json MovementBody(size_t i) {
  return {{"uid", "B-" + std::to_string(i % 100)}, {"from", "minot-air"}, {"to", "barksdale"}};
}

struct Force {
  std::vector<std::string> bombers, air_bases, loaded_silos, missiles;
  std::vector<int> max_warheads;
};

Force ForceOf(const forces::Declaration& d) {
  Force f;
  for (const auto& fac : d.facilities) {
    if (fac.type == treaty::FacilityType::kAirBase) f.air_bases.push_back(fac.id);
  }
  for (const auto& it : d.items) {
    if (it.kind == treaty::ItemKind::kHeavyBomber && it.facility != forces::kNoIndex &&
        d.facilities[static_cast<size_t>(it.facility)].type == treaty::FacilityType::kAirBase) {
      f.bombers.push_back(it.uid);
    }
    if (it.kind == treaty::ItemKind::kMissile && it.container != forces::kNoIndex) {
      f.loaded_silos.push_back(d.items[static_cast<size_t>(it.container)].uid);
      f.missiles.push_back(it.uid);
      f.max_warheads.push_back(d.types[static_cast<size_t>(it.type)].max_warheads);
    }
  }
  return f;
}

// Reads the body of a notification built here (as ParseNotification would);
// a failure is a bug of this file.
void ReadOrDie(ledger::Notification* n) {
  const Status s = ledger::ReadBody(n, "bench");
  if (s.ok()) return;
  std::fprintf(stderr, "bench data: %s\n", s.message().c_str());
  std::abort();
}

}  // namespace

std::vector<ledger::Notification> SignedMovements(size_t count) {
  const ledger::SecretKey key = ledger::SampleKey("US");
  std::vector<ledger::Notification> out;
  for (size_t i = 0; i < count; ++i) {
    ledger::Notification n;
    n.party = "US";
    n.serial = static_cast<int64_t>(i + 1);
    n.type = ledger::NotificationType::kMovement;
    n.occurred = Date::FromYmd(2015, 1, 1).AddDays(static_cast<int32_t>(i / 50));
    n.sent = Timestamp::StartOf(n.occurred.AddDays(1));
    n.body = MovementBody(i);
    ReadOrDie(&n);
    ledger::SignInPlace(&n, key);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<ledger::Notification> LongHistory(const forces::Counter& counter,
                                              const std::string& party, size_t count) {
  const Date start = Date::FromYmd(2011, 2, 5);
  auto first = ledger::SampleNotifications(counter, start, start).value();
  std::vector<ledger::Notification> out;
  for (auto& n : first) {
    if (n.party == party) out.push_back(std::move(n));
  }
  const auto d = forces::ParseDeclaration(out.front().body.at("declaration"), "sample").value();
  const Force f = ForceOf(d);
  std::vector<std::string> where(f.bombers.size(), "");
  for (size_t b = 0; b < f.bombers.size(); ++b) {
    const auto& it = d.items[static_cast<size_t>(d.FindItem(f.bombers[b]))];
    where[b] = d.facilities[static_cast<size_t>(it.facility)].id;
  }
  const int32_t days = 365 * kYears;
  for (size_t i = 0; i < count; ++i) {
    ledger::Notification n;
    n.party = party;
    n.occurred = start.AddDays(1 + static_cast<int32_t>((i * static_cast<size_t>(days)) / count));
    n.sent = Timestamp::StartOf(n.occurred.AddDays(1));
    const size_t k = i / 3;
    switch (i % 3) {
      case 0: {  // a bomber shuttles between air bases
        const size_t b = k % f.bombers.size();
        const std::string from = where[b];
        std::string dest = f.air_bases[(k / f.bombers.size() + 1) % f.air_bases.size()];
        for (size_t a = 0; dest == from && a < f.air_bases.size(); ++a) dest = f.air_bases[a];
        n.type = ledger::NotificationType::kMovement;
        n.body = {{"uid", f.bombers[b]}, {"from", from}, {"to", dest}};
        where[b] = dest;
        break;
      }
      case 1: {  // a warhead change on a deployed missile
        const size_t m = k % f.missiles.size();
        n.type = ledger::NotificationType::kWarheadChange;
        n.body = {{"missile", f.missiles[m]},
                  {"warheads", 1 + static_cast<int>(k % static_cast<size_t>(f.max_warheads[m]))}};
        break;
      }
      default: {  // unloading and reloading alternate on one silo
        const size_t m = (k / 2) % f.missiles.size();
        n.type =
            k % 2 == 0 ? ledger::NotificationType::kUnloading : ledger::NotificationType::kLoading;
        n.body = {{"missile", f.missiles[m]}, {"launcher", f.loaded_silos[m]}};
        break;
      }
    }
    out.push_back(std::move(n));
  }
  const ledger::SecretKey key = ledger::SampleKey(party);
  int64_t serial = 0;
  for (auto& n : out) {
    n.serial = ++serial;
    ReadOrDie(&n);
    ledger::SignInPlace(&n, key);
  }
  return out;
}

std::unique_ptr<ledger::Ledger> BigLedger(const forces::Counter& counter) {
  const std::string dir =
      (std::filesystem::path(VERITY_BINARY_DIR) / "bench-data" / "ledger-1m-v2").string();
  if (auto l = ledger::Ledger::Open(dir); l.ok() && (*l)->Size().value() >= kBigLedgerSize) {
    return std::move(*l);
  }
  std::filesystem::remove_all(dir);
  std::cerr << "building the 1M-notification benchmark ledger in " << dir << " (once)\n";
  const std::vector<ledger::PublicKey> keys = {ledger::SampleKey("US").pub,
                                               ledger::SampleKey("RU").pub};
  if (!ledger::Ledger::Init(dir, keys).ok()) return nullptr;
  auto l = ledger::Ledger::Open(dir).value();
  for (const std::string party : {"US", "RU"}) {
    auto history = LongHistory(counter, party, kBigLedgerSize / 2 - 1);
    for (size_t i = 0; i < history.size(); i += kBatch) {
      std::vector<ledger::Notification> batch(
          history.begin() + static_cast<long>(i),
          history.begin() + static_cast<long>(std::min(i + kBatch, history.size())));
      if (!l->AppendParsed(std::move(batch), Timestamp::StartOf(Date::FromYmd(2026, 3, 1))).ok())
        return nullptr;
    }
    if (!ledger::UpdateCheckpoints(*l, party, std::nullopt).ok()) return nullptr;
  }
  return l;
}

}  // namespace verity::bench
