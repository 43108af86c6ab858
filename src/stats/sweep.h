// Parameter sweeps: one Monte Carlo scenario run at every point of a grid
// of parameter values, each point with its own seed derived from the
// sweep's seed and the point, so that the table is the same however the
// points are spread over threads, processes or machines (docs/statistics.md,
// "Sweeps"). The CLI (`verity sweep`) and the Python package
// (`verity.sweep`, on Dask) both run points through RunSweepPoint.
//
// Grid: parameter name -> values. Parameters (and their values):
//   type_one_per_year, type_two_per_year   integers in [0, 10000]
//   overloaded_missiles                    integers >= 0 (re-spread by the
//                                          scenario's concealment)
//   detection_probability                  numbers in [0, 1]
// Axes are taken in the order of their names; the points are the Cartesian
// product, the last axis varying fastest; point i is the i-th of them.
//
// Seed of a point: the first 8 bytes, little-endian, of
//   SHA-256("verity-sweep-v1\n" + decimal(sweep seed) + "\n" + P)
// where P is the point as compact JSON with its members sorted by name,
// integers as integers and numbers in their shortest round-trip form, e.g.
// {"detection_probability":0.5,"type_one_per_year":10}. A point keeps its
// seed when the grid around it grows.
//
// Pure functions except where a file is read; thread-safe.
#ifndef VERITY_STATS_SWEEP_H_
#define VERITY_STATS_SWEEP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "stats/declaration_force.h"

namespace verity::stats {

inline constexpr size_t kMaxSweepPoints = 1'000'000;
inline constexpr size_t kMaxSweepAxes = 4;
inline constexpr uint64_t kMaxSweepTrials = uint64_t{1} << 40;

struct SweepAxis {
  std::string parameter;
  std::vector<Json> values;  // integers or numbers, as the parameter takes
};

struct SweepSpec {
  std::string scenario;         // path of the scenario file (TOML)
  std::vector<SweepAxis> grid;  // sorted by parameter name
  uint64_t trials = 100'000;    // per point
  uint64_t seed = 1;            // the sweep's seed
  int threads = 1;              // per point; does not change the results
};

// Checks a grid given as a JSON object {parameter: [values]} (as the Python
// package passes it) and returns its axes sorted by name. InvalidArgument
// naming `where` and the parameter, e.g. "grid.type_one_per_year[2]:
// expected an integer between 0 and 10000, got 2.5"; an unknown parameter
// lists the known ones; at most kMaxSweepAxes axes and kMaxSweepPoints points.
StatusOr<std::vector<SweepAxis>> ParseSweepGrid(const Json& grid, std::string_view where);

// Reads a sweep spec (TOML): scenario (relative to the spec's directory),
// trials, seed, threads, and [grid] with an array of values, or a table
// {from, to, step} of integers, per parameter. Errors name the file and key.
StatusOr<SweepSpec> ParseSweepToml(std::string_view text, std::string_view source,
                                   const std::string& base_dir);
StatusOr<SweepSpec> LoadSweepSpec(const std::string& path);

// InvalidArgument unless 1 <= trials <= kMaxSweepTrials and threads in
// [1, kMaxThreads].
Status CheckSweepRun(uint64_t trials, int threads);

// The points of the grid, in order: each a JSON object {parameter: value}.
std::vector<Json> SweepPoints(const std::vector<SweepAxis>& grid);

// The seed of `point` in a sweep seeded with `sweep_seed` (see above).
uint64_t SweepPointSeed(uint64_t sweep_seed, const Json& point);

// One point run: the scenario at `path` with the point's values applied,
// `trials` trials from SweepPointSeed(sweep_seed, point) on `threads`
// threads. Returns {index, point, seed, trials, detected_trials,
// estimate, low, high}: the estimated probability of detection within a
// treaty year and its 95% Wilson interval. Errors of
// LoadScenario and RunMonteCarlo pass through, with the point as context.
StatusOr<Json> RunSweepPoint(const std::string& path, size_t index, const Json& point,
                             uint64_t sweep_seed, uint64_t trials, int threads);

// What identifies a sweep's results: SHA-256 (hex) of the scenario file's
// bytes, the grid, the trials and the seed (not the threads). Shards of
// different sweeps are never merged.
StatusOr<std::string> SweepFingerprint(const SweepSpec& spec);

// Runs the points i with i % shards == shard and returns the shard document
// {fingerprint, points, shard, shards, rows}. InvalidArgument unless
// 0 <= shard < shards <= points.
StatusOr<Json> RunSweepShard(const SweepSpec& spec, size_t shard, size_t shards);

// Reads every "shard-*.json" in `dir` and returns the rows of the whole
// sweep, by index. InvalidArgument naming the file if a document is not a
// shard, belongs to another sweep or split, or repeats a point; NotFound
// naming the missing points (at most ten) if the sweep is incomplete.
StatusOr<Json> MergeSweepShards(const std::string& dir);

// The file name of a shard: "shard-0003-of-0016.json".
std::string SweepShardFileName(size_t shard, size_t shards);

}  // namespace verity::stats

#endif  // VERITY_STATS_SWEEP_H_
