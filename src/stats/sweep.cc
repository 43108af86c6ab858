// Grids, points, seeds and one point's run (sweep.h).
#include "stats/sweep.h"

#include <algorithm>
#include <cmath>

#include "core/hash.h"
#include "stats/montecarlo.h"

namespace verity::stats {
namespace {

enum class ValueKind { kQuota, kCount, kProbability };

struct ParameterInfo {
  std::string_view name;
  ValueKind kind;
};

constexpr ParameterInfo kParameters[] = {
    {"detection_probability", ValueKind::kProbability},
    {"overloaded_missiles", ValueKind::kCount},
    {"type_one_per_year", ValueKind::kQuota},
    {"type_two_per_year", ValueKind::kQuota},
};

const ParameterInfo* FindParameter(std::string_view name) {
  for (const ParameterInfo& p : kParameters)
    if (p.name == name) return &p;
  return nullptr;
}

std::string KnownParameters() {
  std::string out;
  for (const ParameterInfo& p : kParameters) out += (out.empty() ? "" : ", ") + std::string(p.name);
  return out;
}

// An integer value given as 10 or 10.0 becomes the integer 10, so that a
// point's canonical form (and seed) does not depend on how it was typed.
StatusOr<Json> CheckValue(const ParameterInfo& p, const Json& v, const std::string& where) {
  if (!v.is_number() || v.is_boolean())
    return InvalidArgument(where + ": expected a number, got " + JsonTypeName(v));
  const double d = v.get<double>();
  if (p.kind == ValueKind::kProbability) {
    if (!(d >= 0 && d <= 1))
      return InvalidArgument(where + ": expected a number between 0 and 1, got " + v.dump());
    return Json(d);
  }
  const int64_t max = p.kind == ValueKind::kQuota ? kMaxInspectionsPerYear : kMaxItemsPerSite;
  if (!(d >= 0 && d <= static_cast<double>(max)) || std::floor(d) != d) {
    return InvalidArgument(where + ": expected an integer between 0 and " + std::to_string(max) +
                           ", got " + v.dump());
  }
  return Json(static_cast<int64_t>(d));
}

Status ApplyPoint(const Json& point, Scenario* sc) {
  for (const auto& [name, v] : point.items()) {
    if (name == "detection_probability")
      sc->inspection.detection_probability = v.get<double>();
    else if (name == "overloaded_missiles")
      sc->concealment.overloaded_missiles = v.get<int64_t>();
    else if (name == "type_one_per_year")
      sc->inspection.type_one_per_year = v.get<int64_t>();
    else if (name == "type_two_per_year")
      sc->inspection.type_two_per_year = v.get<int64_t>();
  }
  return ResolveScenario(sc);
}

}  // namespace

StatusOr<std::vector<SweepAxis>> ParseSweepGrid(const Json& grid, std::string_view where) {
  const std::string base(where);
  if (!grid.is_object() || grid.empty())
    return InvalidArgument(base + ": expected a table of parameters, each with a list of values");
  if (grid.size() > kMaxSweepAxes)
    return InvalidArgument(base + ": at most " + std::to_string(kMaxSweepAxes) + " parameters");
  std::vector<SweepAxis> axes;
  size_t points = 1;
  for (const auto& [name, values] : grid.items()) {  // sorted by name
    const std::string path = JsonPathField(base, name);
    const ParameterInfo* p = FindParameter(name);
    if (p == nullptr)
      return InvalidArgument(path + ": not a sweep parameter (known: " + KnownParameters() + ")");
    if (!values.is_array() || values.empty() || values.size() > kMaxSweepPoints)
      return InvalidArgument(path + ": expected a non-empty list of values");
    SweepAxis axis{name, {}};
    for (size_t i = 0; i < values.size(); ++i) {
      VERITY_ASSIGN_OR_RETURN(Json v, CheckValue(*p, values[i], JsonPathIndex(path, i)));
      if (std::find(axis.values.begin(), axis.values.end(), v) != axis.values.end())
        return InvalidArgument(JsonPathIndex(path, i) + ": " + v.dump() + " is listed twice");
      axis.values.push_back(std::move(v));
    }
    points *= axis.values.size();
    if (points > kMaxSweepPoints)
      return InvalidArgument(base + ": more than " + std::to_string(kMaxSweepPoints) + " points");
    axes.push_back(std::move(axis));
  }
  return axes;
}

Status CheckSweepRun(uint64_t trials, int threads) {
  if (trials < 1 || trials > kMaxSweepTrials)
    return InvalidArgument("trials: expected an integer between 1 and " +
                           std::to_string(kMaxSweepTrials) + ", got " + std::to_string(trials));
  if (threads < 1 || threads > kMaxThreads)
    return InvalidArgument("threads: expected an integer between 1 and " +
                           std::to_string(kMaxThreads) + ", got " + std::to_string(threads));
  return Status::Ok();
}

std::vector<Json> SweepPoints(const std::vector<SweepAxis>& grid) {
  size_t total = grid.empty() ? 0 : 1;
  for (const SweepAxis& a : grid) total *= a.values.size();
  std::vector<Json> points;
  points.reserve(total);
  for (size_t i = 0; i < total; ++i) {
    Json point = Json::object();
    size_t rest = i;
    for (size_t a = grid.size(); a-- > 0;) {
      point[grid[a].parameter] = grid[a].values[rest % grid[a].values.size()];
      rest /= grid[a].values.size();
    }
    points.push_back(std::move(point));
  }
  return points;
}

uint64_t SweepPointSeed(uint64_t sweep_seed, const Json& point) {
  const Hash256 h = Sha256("verity-sweep-v1\n" + std::to_string(sweep_seed) + "\n" + point.dump());
  uint64_t seed = 0;
  for (int b = 7; b >= 0; --b) seed = (seed << 8) | h[static_cast<size_t>(b)];
  return seed;
}

StatusOr<Json> RunSweepPoint(const std::string& path, size_t index, const Json& point,
                             uint64_t sweep_seed, uint64_t trials, int threads) {
  VERITY_RETURN_IF_ERROR(CheckSweepRun(trials, threads));
  VERITY_ASSIGN_OR_RETURN(LoadedScenario loaded, LoadScenario(path));
  const std::string context = path + ": point " + point.dump();
  if (Status s = ApplyPoint(point, &loaded.scenario); !s.ok()) return s.WithContext(context);
  MonteCarloOptions mc;
  mc.trials = trials;
  mc.threads = threads;
  mc.seed = SweepPointSeed(sweep_seed, point);
  auto r = RunMonteCarlo(loaded.scenario, mc);
  if (!r.ok()) return r.status().WithContext(context);
  return Json{{"index", index},
              {"point", point},
              {"seed", r->seed},
              {"trials", r->trials},
              {"detected_trials", r->detected_trials},
              {"estimate", r->detection_probability},
              {"low", r->interval.low},
              {"high", r->interval.high}};
}

}  // namespace verity::stats
