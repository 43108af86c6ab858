#include "stats/scenario.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <string>

#include "core/text.h"

namespace verity::stats {
namespace {

__extension__ typedef __int128 Int128;

std::string SitePath(size_t i, std::string_view key) {
  return "sites[" + std::to_string(i) + "]." + std::string(key);
}

Status CheckCount(int64_t v, int64_t max, const std::string& path) {
  if (v < 0 || v > max) {
    return InvalidArgument(path + ": expected an integer between 0 and " + std::to_string(max) +
                           ", got " + std::to_string(v));
  }
  return Status::Ok();
}

Status CheckSite(const Site& s, size_t i) {
  if (s.id.empty()) return InvalidArgument(SitePath(i, "id") + ": must not be empty");
  VERITY_RETURN_IF_ERROR(
      CheckCount(s.deployed_missiles, kMaxItemsPerSite, SitePath(i, "deployed_missiles")));
  VERITY_RETURN_IF_ERROR(CheckCount(s.declared_warheads, 1000, SitePath(i, "declared_warheads")));
  VERITY_RETURN_IF_ERROR(CheckCount(s.non_deployed, kMaxItemsPerSite, SitePath(i, "non_deployed")));
  VERITY_RETURN_IF_ERROR(CheckCount(s.undeclared, kMaxItemsPerSite, SitePath(i, "undeclared")));
  if (s.kind == SiteKind::kNonDeployed && s.deployed_missiles > 0) {
    return InvalidArgument(SitePath(i, "deployed_missiles") +
                           ": a non_deployed site cannot hold deployed missiles");
  }
  if (s.overloaded > s.deployed_missiles || s.overloaded < 0) {
    return InvalidArgument(SitePath(i, "overloaded") + ": expected between 0 and the " +
                           std::to_string(s.deployed_missiles) + " deployed missiles, got " +
                           std::to_string(s.overloaded));
  }
  if (!(s.weight >= 0) || s.weight > 1e12) {
    return InvalidArgument(SitePath(i, "weight") + ": expected a number >= 0");
  }
  return Status::Ok();
}

// Largest-remainder apportionment of `total` over `sizes` (sum > 0).
std::vector<int64_t> Proportional(const std::vector<int64_t>& sizes, int64_t total) {
  const int64_t sum = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  std::vector<int64_t> share(sizes.size());
  std::vector<std::pair<Int128, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    const Int128 exact = static_cast<Int128>(sizes[i]) * total;
    share[i] = static_cast<int64_t>(exact / sum);
    given += share[i];
    remainders.push_back({-(exact % sum), i});  // larger remainder first, then index
  }
  std::sort(remainders.begin(), remainders.end());
  for (size_t j = 0; given < total; ++j, ++given) ++share[remainders[j].second];
  return share;
}

std::vector<int64_t> Even(const std::vector<int64_t>& sizes, int64_t total) {
  std::vector<int64_t> share(sizes.size(), 0);
  // Water-filling in rounds: each round either fills a base or ends.
  while (total > 0) {
    std::vector<size_t> open;
    for (size_t i = 0; i < sizes.size(); ++i) {
      if (share[i] < sizes[i]) open.push_back(i);
    }
    if (open.empty()) break;
    const int64_t each = total / static_cast<int64_t>(open.size());
    for (size_t i : open) {
      const int64_t add = each == 0 ? (total > 0 ? 1 : 0) : std::min(each, sizes[i] - share[i]);
      share[i] += add;
      total -= add;
    }
  }
  return share;
}

std::vector<int64_t> Concentrated(const std::vector<int64_t>& sizes, int64_t total) {
  std::vector<size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  std::vector<int64_t> share(sizes.size(), 0);
  for (size_t i : order) {
    share[i] = std::min(sizes[i], total);
    total -= share[i];
  }
  return share;
}

Status SpreadOverloaded(Scenario* s) {
  const Concealment& c = s->concealment;
  std::vector<int64_t> sizes;
  for (const Site& site : s->force.sites) sizes.push_back(site.deployed_missiles);
  const int64_t deployed = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
  if (c.spread == Spread::kExplicit) {
    s->concealment.overloaded_missiles = 0;
    for (const Site& site : s->force.sites) s->concealment.overloaded_missiles += site.overloaded;
    return Status::Ok();
  }
  if (c.overloaded_missiles > deployed) {
    return InvalidArgument(
        "concealment.overloaded_missiles: " + std::to_string(c.overloaded_missiles) +
        " exceeds the " + std::to_string(deployed) + " deployed missiles at bases");
  }
  if (c.overloaded_missiles == 0) return Status::Ok();
  std::vector<int64_t> share;
  switch (c.spread) {
    case Spread::kProportional:
      share = Proportional(sizes, c.overloaded_missiles);
      break;
    case Spread::kEven:
      share = Even(sizes, c.overloaded_missiles);
      break;
    case Spread::kConcentrated:
      share = Concentrated(sizes, c.overloaded_missiles);
      break;
    case Spread::kExplicit:
      break;
  }
  for (size_t i = 0; i < share.size(); ++i) s->force.sites[i].overloaded = share[i];
  return Status::Ok();
}

Status CheckPolicy(const InspectionPolicy& p) {
  VERITY_RETURN_IF_ERROR(
      CheckCount(p.type_one_per_year, kMaxInspectionsPerYear, "inspection.type_one_per_year"));
  VERITY_RETURN_IF_ERROR(
      CheckCount(p.type_two_per_year, kMaxInspectionsPerYear, "inspection.type_two_per_year"));
  if (!(p.detection_probability >= 0 && p.detection_probability <= 1)) {
    return InvalidArgument("inspection.detection_probability: expected a number in [0, 1]");
  }
  return Status::Ok();
}

}  // namespace

Status ResolveScenario(Scenario* s) {
  if (s->force.sites.empty()) return InvalidArgument("sites: expected at least one site");
  std::set<std::string> ids;
  for (size_t i = 0; i < s->force.sites.size(); ++i) {
    Site& site = s->force.sites[i];
    if (s->concealment.spread != Spread::kExplicit) site.overloaded = 0;
    VERITY_RETURN_IF_ERROR(CheckSite(site, i));
    if (!ids.insert(site.id).second) {
      return InvalidArgument(SitePath(i, "id") + ": duplicate site id " + Quote(site.id));
    }
  }
  VERITY_RETURN_IF_ERROR(CheckCount(s->concealment.overloaded_missiles, kMaxItemsPerSite,
                                    "concealment.overloaded_missiles"));
  VERITY_RETURN_IF_ERROR(
      CheckCount(s->concealment.extra_warheads, 1000, "concealment.extra_warheads"));
  VERITY_RETURN_IF_ERROR(CheckPolicy(s->inspection));
  return SpreadOverloaded(s);
}

std::string_view SpreadName(Spread s) {
  switch (s) {
    case Spread::kProportional:
      return "proportional";
    case Spread::kEven:
      return "even";
    case Spread::kConcentrated:
      return "concentrated";
    case Spread::kExplicit:
      return "explicit";
  }
  return "?";
}

std::string_view SiteChoiceName(SiteChoice c) {
  switch (c) {
    case SiteChoice::kUniform:
      return "uniform";
    case SiteChoice::kWeighted:
      return "weighted";
    case SiteChoice::kGiven:
      return "given";
  }
  return "?";
}

std::string_view DesignationName(Designation d) {
  return d == Designation::kDistinct ? "distinct" : "independent";
}

std::string_view SiteKindName(SiteKind k) { return k == SiteKind::kBase ? "base" : "non_deployed"; }

}  // namespace verity::stats
