#include "forces/counter.h"

#include <array>
#include <cassert>
#include <unordered_map>

namespace verity::forces {
namespace {

using treaty::Field;

int32_t I(auto e) { return static_cast<int32_t>(e); }

}  // namespace

std::vector<uint8_t> Loaded(const Declaration& d) {
  std::vector<uint8_t> loaded(d.items.size(), 0);
  for (const Item& it : d.items) {
    if (it.kind == ItemKind::kMissile && it.container != kNoIndex && !it.eliminated) {
      loaded[static_cast<size_t>(it.container)] = 1;
    }
  }
  return loaded;
}

treaty::FactRow ItemFacts(const Declaration& d, size_t i, const std::vector<uint8_t>& loaded) {
  const Item& it = d.items[i];
  const TypeDef& type = d.types[static_cast<size_t>(it.type)];
  treaty::FactRow f;
  f[I(Field::kKind)] = I(it.kind);
  f[I(Field::kClass)] = I(type.system_class);
  f[I(Field::kRole)] = I(it.role);
  f[I(Field::kConversion)] = I(it.conversion);
  f[I(Field::kArmament)] = I(it.armament);
  f[I(Field::kEliminated)] = it.eliminated;
  f[I(Field::kFacility)] = I(WhereIs(d, it));
  f[I(Field::kContained)] = it.container != kNoIndex;
  f[I(Field::kLoaded)] = loaded[i];
  f[I(Field::kOnSubmarine)] = it.submarine != kNoIndex;
  f[I(Field::kWarheads)] = it.warheads;
  f[I(Field::kMaxWarheads)] = type.max_warheads;
  f[I(Field::kCapacity)] = type.capacity;
  if (it.container == kNoIndex) {
    for (Field k : {Field::kLauncherKind, Field::kLauncherRole, Field::kLauncherFacility,
                    Field::kLauncherConversion}) {
      f[I(k)] = treaty::kNone;
    }
    f[I(Field::kLauncherOnSubmarine)] = 0;
  } else {
    const Item& l = d.items[static_cast<size_t>(it.container)];
    f[I(Field::kLauncherKind)] = I(l.kind);
    f[I(Field::kLauncherRole)] = I(l.role);
    f[I(Field::kLauncherFacility)] = I(WhereIs(d, l));
    f[I(Field::kLauncherConversion)] = I(l.conversion);
    f[I(Field::kLauncherOnSubmarine)] = l.submarine != kNoIndex;
  }
  return f;
}

Counter::Counter(const treaty::Treaty& treaty) : treaty_(treaty) {
  assert(treaty.categories.size() <= 64);
}

uint64_t Counter::MaskOf(const treaty::FactRow& f, ClassCache* cache) const {
  uint64_t key = 0, mask = 0;
  const bool cacheable = cache != nullptr && ClassCache::Key(f, &key);
  if (cacheable && cache->Get(key, &mask)) return mask;
  mask = treaty_.CategoriesOf(f);
  if (cacheable) cache->Put(key, mask);
  return mask;
}

uint64_t Counter::Classify(const Declaration& d, size_t i, const std::vector<uint8_t>& loaded,
                           ClassCache* cache) const {
  return MaskOf(ItemFacts(d, i, loaded), cache);
}

int64_t Counter::Amount(const Declaration& d, const Item& item, uint64_t categories,
                        int limit) const {
  int64_t sum = 0;
  for (const treaty::Term& t : treaty_.limits[static_cast<size_t>(limit)].terms) {
    if (!((categories >> t.category) & 1)) continue;
    switch (t.weight) {
      case treaty::Weight::kOne:
        sum += 1;
        break;
      case treaty::Weight::kWarheads:
        sum += item.warheads;
        break;
      case treaty::Weight::kCapacity:
        sum += d.types[static_cast<size_t>(item.type)].capacity;
        break;
      case treaty::Weight::kConstant:
        sum += t.constant;
        break;
    }
  }
  return sum;
}

namespace {

// What an item in a given set of categories adds to each limit, as
// constant + per_warhead * warheads + per_capacity * capacity.
struct Coefficients {
  int64_t constant = 0, per_warhead = 0, per_capacity = 0;
};

std::vector<Coefficients> CoefficientsFor(const treaty::Treaty& t, uint64_t mask) {
  std::vector<Coefficients> out(t.limits.size());
  for (size_t l = 0; l < t.limits.size(); ++l) {
    for (const treaty::Term& term : t.limits[l].terms) {
      if (!((mask >> term.category) & 1)) continue;
      switch (term.weight) {
        case treaty::Weight::kOne:
          out[l].constant += 1;
          break;
        case treaty::Weight::kWarheads:
          out[l].per_warhead += 1;
          break;
        case treaty::Weight::kCapacity:
          out[l].per_capacity += 1;
          break;
        case treaty::Weight::kConstant:
          out[l].constant += term.constant;
          break;
      }
    }
  }
  return out;
}

}  // namespace

Counts Counter::Count(const Declaration& d) const {
  Counts out;
  out.categories.assign(treaty_.categories.size(), 0);
  out.limits.resize(treaty_.limits.size());
  for (auto& l : out.limits) {
    l.by_type.assign(d.types.size(), 0);
    l.by_facility.assign(d.facilities.size() + 1, 0);
  }
  const std::vector<uint8_t> loaded = Loaded(d);
  auto cache = std::make_unique<ClassCache>();
  // Limit coefficients per distinct category mask; masks are few.
  std::unordered_map<uint64_t, std::vector<Coefficients>> coefficients;
  uint64_t last_mask = ~uint64_t{0};
  const std::vector<Coefficients>* coef = nullptr;
  for (size_t i = 0; i < d.items.size(); ++i) {
    const uint64_t mask = MaskOf(ItemFacts(d, i, loaded), cache.get());
    if (mask == 0) continue;
    for (uint64_t m = mask; m; m &= m - 1)
      ++out.categories[static_cast<size_t>(__builtin_ctzll(m))];
    if (mask != last_mask) {
      auto it = coefficients.find(mask);
      if (it == coefficients.end())
        it = coefficients.emplace(mask, CoefficientsFor(treaty_, mask)).first;
      coef = &it->second;
      last_mask = mask;
    }
    const Item& it = d.items[i];
    const int64_t capacity = d.types[static_cast<size_t>(it.type)].capacity;
    const size_t fac =
        it.facility == kNoIndex ? d.facilities.size() : static_cast<size_t>(it.facility);
    for (size_t l = 0; l < out.limits.size(); ++l) {
      const Coefficients& c = (*coef)[l];
      const int64_t a = c.constant + c.per_warhead * it.warheads + c.per_capacity * capacity;
      if (a == 0) continue;
      LimitCount& lc = out.limits[l];
      lc.count += a;
      lc.by_type[static_cast<size_t>(it.type)] += a;
      lc.by_facility[fac] += a;
    }
  }
  return out;
}

std::vector<Contribution> Counter::Explain(const Declaration& d, int limit) const {
  std::vector<Contribution> out;
  const std::vector<uint8_t> loaded = Loaded(d);
  for (size_t i = 0; i < d.items.size(); ++i) {
    const int64_t a = Amount(d, d.items[i], Classify(d, i, loaded), limit);
    if (a != 0) out.push_back({static_cast<int32_t>(i), a});
  }
  return out;
}

}  // namespace verity::forces
