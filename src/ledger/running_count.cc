#include "ledger/running_count.h"

#include <algorithm>

namespace verity::ledger::internal {
namespace {

using forces::kNoIndex;
using T = NotificationType;

bool Holds(const forces::Item& it) {
  return it.kind == treaty::ItemKind::kSubmarine || treaty::IsLauncher(it.kind);
}

}  // namespace

void RunningCount::Full(const forces::Declaration& d, const ContentsIndex& contents) {
  (void)contents;
  loaded_ = forces::Loaded(d);
  totals_.assign(counter_.treaty().limits.size(), 0);
  for (size_t i = 0; i < d.items.size(); ++i) Refresh(d, static_cast<int32_t>(i), +1);
}

void RunningCount::Refresh(const forces::Declaration& d, int32_t item, int sign) {
  if (item == kNoIndex || static_cast<size_t>(item) >= d.items.size()) return;
  if (loaded_.size() < d.items.size()) loaded_.resize(d.items.size(), 0);
  const uint64_t mask = counter_.Classify(d, static_cast<size_t>(item), loaded_, cache_.get());
  if (mask == 0) return;
  const forces::Item& it = d.items[static_cast<size_t>(item)];
  for (size_t l = 0; l < totals_.size(); ++l) {
    totals_[l] += sign * counter_.Amount(d, it, mask, static_cast<int>(l));
  }
}

void RunningCount::SyncLoaded(const forces::Declaration& d, const ContentsIndex& contents,
                              int32_t launcher) {
  if (launcher == kNoIndex) return;
  if (loaded_.size() < d.items.size()) loaded_.resize(d.items.size(), 0);
  loaded_[static_cast<size_t>(launcher)] = contents.Occupant(launcher) != kNoIndex ? 1 : 0;
}

void RunningCount::Apply(const Event& e, forces::Declaration* d, ContentsIndex* contents,
                         std::vector<Ambiguity>* found) {
  if (!contents->built()) contents->Rebuild(*d);
  if (totals_.empty()) Full(*d, *contents);
  // The items whose facts the event can change: the item, the launcher it
  // goes into or leaves, and what a launcher holds.
  std::vector<int32_t> touched;
  bool full = false;
  const int32_t item = e.uid.empty() ? kNoIndex : d->FindItem(e.uid);
  switch (e.type) {
    case T::kProduction:
      break;  // the new item is added below
    case T::kMovement:
      full = item != kNoIndex && Holds(d->items[static_cast<size_t>(item)]);
      touched = {item};
      break;
    case T::kLoading:
    case T::kUnloading:
    case T::kWarheadChange:
    case T::kConversionStarted:
    case T::kConversionCompleted:
    case T::kElimination:
      touched = {item, d->FindItem(e.launcher)};
      if (item != kNoIndex) {
        touched.push_back(d->items[static_cast<size_t>(item)].container);
        touched.push_back(contents->Occupant(item));
      }
      break;
    case T::kFacilityDeclared:
    case T::kFacilityClosed:
    case T::kNewType:
    case T::kDataExchange:
      full = true;
      break;
    default:
      return;  // no change to forces
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  if (!full) {
    for (int32_t i : touched) Refresh(*d, i, -1);
  }
  const size_t before = d->items.size();
  ApplyEvent(e, d, found, contents);
  if (full) return Full(*d, *contents);
  for (int32_t i : touched) SyncLoaded(*d, *contents, i);
  for (int32_t i : touched) Refresh(*d, i, +1);
  for (size_t i = before; i < d->items.size(); ++i) Refresh(*d, static_cast<int32_t>(i), +1);
}

}  // namespace verity::ledger::internal
