#include "exercise/force.h"

#include <algorithm>

#include "ledger/apply.h"
#include "ledger/event.h"

namespace verity::exercise {
namespace {

using forces::Declaration;
using forces::Item;
using forces::kNoIndex;
using ledger::NotificationType;

StatusOr<ledger::Notification> MakeDraft(const std::string& party, NotificationType type, Date on,
                                         Json body) {
  ledger::Notification n;
  n.party = party;
  n.type = type;
  n.occurred = on;
  n.body = std::move(body);
  VERITY_RETURN_IF_ERROR(ledger::ReadBody(&n, Name(type)));
  return n;
}

// Bit mask of the treaty's deployed-missile categories (0 if it has none).
uint64_t DeployedMissileMask(const treaty::Treaty& t) {
  uint64_t mask = 0;
  for (const char* id : {"deployed_icbm", "deployed_slbm"}) {
    const int c = t.FindCategory(id);
    if (c >= 0) mask |= uint64_t{1} << c;
  }
  return mask;
}

}  // namespace

std::string FacilityIdOf(const Declaration& d, const Item& it) {
  return it.facility == kNoIndex ? "at_sea" : d.facilities[static_cast<size_t>(it.facility)].id;
}

std::vector<std::string> Designatable(const Declaration& d, const forces::Counter& counter,
                                      const std::string& site) {
  const uint64_t deployed = DeployedMissileMask(counter.treaty());
  const std::vector<uint8_t> loaded = forces::Loaded(d);
  std::vector<std::string> out;
  for (size_t i = 0; i < d.items.size(); ++i) {
    const Item& it = d.items[i];
    if (it.eliminated || FacilityIdOf(d, it) != site) continue;
    const bool bomber = it.kind == treaty::ItemKind::kHeavyBomber;
    if (bomber || (counter.Classify(d, i, loaded) & deployed) != 0) out.push_back(it.uid);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> EligibleSites(const Declaration& d, const forces::Counter& counter,
                                       const treaty::InspectionQuota& quota) {
  std::vector<std::string> out;
  for (const forces::Facility& f : d.facilities) {
    if (std::find(quota.sites.begin(), quota.sites.end(), f.type) == quota.sites.end()) continue;
    if (quota.designations > 0 && Designatable(d, counter, f.id).empty()) continue;
    out.push_back(f.id);
  }
  return out;
}

std::vector<std::string> UploadedMissiles(const Deviation& upload, const Declaration& d,
                                          const forces::Counter& counter) {
  std::vector<std::string> out;
  for (const std::string& uid : Designatable(d, counter, upload.site)) {
    if (static_cast<int64_t>(out.size()) == upload.count) break;
    const Item& it = d.items[static_cast<size_t>(d.FindItem(uid))];
    if (it.kind == treaty::ItemKind::kMissile) out.push_back(uid);
  }
  return out;
}

std::vector<std::string> DeviationItems(const Deviation& dev, const Declaration& d,
                                        const forces::Counter& counter) {
  if (dev.kind == DeviationKind::kUpload) return UploadedMissiles(dev, d, counter);
  return {dev.uid};
}

StatusOr<std::vector<ledger::Notification>> TruthChanges(const Deviation& dev,
                                                         const std::vector<std::string>& items,
                                                         const Declaration& truth) {
  const std::string& party = truth.party;
  std::vector<ledger::Notification> out;
  switch (dev.kind) {
    case DeviationKind::kHiddenItem: {
      VERITY_ASSIGN_OR_RETURN(
          out.emplace_back(),
          MakeDraft(party, NotificationType::kProduction, dev.from,
                    {{"uid", dev.uid}, {"type", dev.type}, {"facility", dev.facility}}));
      if (dev.warheads > 0) {
        VERITY_ASSIGN_OR_RETURN(out.emplace_back(),
                                MakeDraft(party, NotificationType::kWarheadChange, dev.from,
                                          {{"missile", dev.uid}, {"warheads", dev.warheads}}));
      }
      return out;
    }
    case DeviationKind::kUpload:
      for (const std::string& uid : items) {
        const Item& it = truth.items[static_cast<size_t>(truth.FindItem(uid))];
        VERITY_ASSIGN_OR_RETURN(
            out.emplace_back(),
            MakeDraft(party, NotificationType::kWarheadChange, dev.from,
                      {{"missile", uid}, {"warheads", it.warheads + dev.extra_warheads}}));
      }
      return out;
    case DeviationKind::kUnreportedMovement: {
      const Item& it = truth.items[static_cast<size_t>(truth.FindItem(dev.uid))];
      VERITY_ASSIGN_OR_RETURN(
          out.emplace_back(),
          MakeDraft(party, NotificationType::kMovement, dev.from,
                    {{"uid", dev.uid}, {"from", FacilityIdOf(truth, it)}, {"to", dev.to}}));
      return out;
    }
    case DeviationKind::kConversionNotDone:
      return out;  // the truth stays as it was
  }
  return out;
}

StatusOr<std::vector<ledger::Notification>> DeclaredChanges(const Deviation& dev,
                                                            const std::string& host) {
  std::vector<ledger::Notification> out;
  if (dev.kind != DeviationKind::kConversionNotDone) return out;
  for (NotificationType t :
       {NotificationType::kConversionStarted, NotificationType::kConversionCompleted}) {
    VERITY_ASSIGN_OR_RETURN(
        out.emplace_back(),
        MakeDraft(host, t, dev.from, {{"uid", dev.uid}, {"procedure", dev.procedure}}));
  }
  return out;
}

Status ApplyAll(const std::vector<ledger::Notification>& changes, Declaration* state) {
  for (const ledger::Notification& n : changes) {
    std::vector<ledger::Ambiguity> found;
    ledger::ApplyEvent(ledger::EventFromNotification(n, 0), state, &found);
    if (!found.empty())
      return Internal("applying " + std::string(Name(n.type)) + ": " + found[0].message);
  }
  return Status::Ok();
}

}  // namespace verity::exercise
