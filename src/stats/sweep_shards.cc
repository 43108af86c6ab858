// Sweep specs (TOML), fingerprints, shards and their merge (sweep.h).
#include <cstdio>
#include <filesystem>
#include <map>

#include "core/file_io.h"
#include "core/hash.h"
#include "core/toml.h"
#include "stats/montecarlo.h"
#include "stats/sweep.h"

namespace verity::stats {
namespace {

constexpr int64_t kMaxRangeValues = 100'000;

// [grid] value lists: an array of numbers, or {from, to, step} of integers.
StatusOr<Json> GridValues(const toml::node& node, const std::string& path) {
  if (const toml::array* a = node.as_array()) {
    Json values = Json::array();
    for (const toml::node& v : *a) {
      if (const auto* i = v.as_integer())
        values.push_back(i->get());
      else if (const auto* f = v.as_floating_point())
        values.push_back(f->get());
      else
        values.push_back(Json());  // reported as "expected a number, got null"
    }
    return values;
  }
  const toml::table* t = node.as_table();
  if (t == nullptr) return InvalidArgument(path + ": expected an array or {from, to, step}");
  const TomlReader r(*t, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"from", "to", "step"}));
  VERITY_ASSIGN_OR_RETURN(const int64_t from, r.Int("from", 0, kMaxItemsPerSite));
  VERITY_ASSIGN_OR_RETURN(const int64_t to, r.Int("to", from, kMaxItemsPerSite));
  VERITY_ASSIGN_OR_RETURN(const int64_t step, r.OptInt("step", 1, kMaxItemsPerSite, 1));
  if ((to - from) / step >= kMaxRangeValues)
    return InvalidArgument(path + ": more than " + std::to_string(kMaxRangeValues) + " values");
  Json values = Json::array();
  for (int64_t v = from; v <= to; v += step) values.push_back(v);
  return values;
}

StatusOr<SweepSpec> ParseSpec(const toml::table& root, const std::string& base_dir) {
  const TomlReader r(root, "");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"scenario", "trials", "seed", "threads", "grid"}));
  SweepSpec spec;
  VERITY_ASSIGN_OR_RETURN(spec.scenario, r.String("scenario"));
  if (!base_dir.empty() && !std::filesystem::path(spec.scenario).is_absolute())
    spec.scenario = (std::filesystem::path(base_dir) / spec.scenario).lexically_normal().string();
  VERITY_ASSIGN_OR_RETURN(const int64_t trials,
                          r.OptInt("trials", 1, static_cast<int64_t>(kMaxSweepTrials), 100'000));
  spec.trials = static_cast<uint64_t>(trials);
  VERITY_ASSIGN_OR_RETURN(const int64_t seed, r.OptInt("seed", 0, INT64_MAX, 1));
  spec.seed = static_cast<uint64_t>(seed);
  VERITY_ASSIGN_OR_RETURN(const int64_t threads, r.OptInt("threads", 1, kMaxThreads, 1));
  spec.threads = static_cast<int>(threads);
  VERITY_ASSIGN_OR_RETURN(const toml::table* grid, r.Table("grid"));
  Json j = Json::object();
  for (const auto& [key, node] : *grid) {
    const std::string name(key.str());
    VERITY_ASSIGN_OR_RETURN(j[name], GridValues(node, "grid." + name));
  }
  VERITY_ASSIGN_OR_RETURN(spec.grid, ParseSweepGrid(j, "grid"));
  return spec;
}

// Reads one shard document, checking the members merge relies on.
StatusOr<Json> ReadShard(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, path));
  auto bad = [&](const std::string& what) { return InvalidArgument(path + ": " + what); };
  if (!j.is_object() || !j.contains("fingerprint") || !j.at("fingerprint").is_string())
    return bad("not a sweep shard (no fingerprint)");
  for (const char* key : {"points", "shard", "shards"}) {
    if (!j.contains(key) || !j.at(key).is_number_unsigned())
      return bad(std::string(key) + ": expected a non-negative integer");
  }
  if (!j.contains("rows") || !j.at("rows").is_array()) return bad("rows: expected an array");
  const uint64_t points = j.at("points").get<uint64_t>();
  if (points == 0 || points > kMaxSweepPoints) return bad("points: out of range");
  for (size_t i = 0; i < j.at("rows").size(); ++i) {
    const Json& row = j.at("rows")[i];
    if (!row.is_object() || !row.contains("index") || !row.at("index").is_number_unsigned() ||
        row.at("index").get<uint64_t>() >= points)
      return bad(JsonPathIndex("rows", i) + ".index: expected a point index below " +
                 std::to_string(points));
  }
  return j;
}

}  // namespace

StatusOr<SweepSpec> ParseSweepToml(std::string_view text, std::string_view source,
                                   const std::string& base_dir) {
  VERITY_ASSIGN_OR_RETURN(const toml::table root, ParseToml(text, source));
  auto spec = ParseSpec(root, base_dir);
  if (!spec.ok()) return spec.status().WithContext(source);
  return spec;
}

StatusOr<SweepSpec> LoadSweepSpec(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  return ParseSweepToml(text, path, std::filesystem::path(path).parent_path().string());
}

StatusOr<std::string> SweepFingerprint(const SweepSpec& spec) {
  VERITY_ASSIGN_OR_RETURN(const std::string scenario, ReadFile(spec.scenario));
  Json grid = Json::object();
  for (const SweepAxis& a : spec.grid) grid[a.parameter] = a.values;
  const Json what = {{"scenario_sha256", ToHex(Sha256(scenario))},
                     {"grid", grid},
                     {"trials", spec.trials},
                     {"seed", spec.seed}};
  return ToHex(Sha256(what.dump()));
}

std::string SweepShardFileName(size_t shard, size_t shards) {
  char name[64];
  std::snprintf(name, sizeof name, "shard-%04zu-of-%04zu.json", shard, shards);
  return name;
}

StatusOr<Json> RunSweepShard(const SweepSpec& spec, size_t shard, size_t shards) {
  VERITY_RETURN_IF_ERROR(CheckSweepRun(spec.trials, spec.threads));
  const std::vector<Json> points = SweepPoints(spec.grid);
  if (shards < 1 || shards > points.size() || shard >= shards) {
    return InvalidArgument(
        "--shard: expected I/N with 0 <= I < N <= " + std::to_string(points.size()) +
        " (the points), got " + std::to_string(shard) + "/" + std::to_string(shards));
  }
  VERITY_ASSIGN_OR_RETURN(const std::string fingerprint, SweepFingerprint(spec));
  Json rows = Json::array();
  for (size_t i = shard; i < points.size(); i += shards) {
    VERITY_ASSIGN_OR_RETURN(
        Json row, RunSweepPoint(spec.scenario, i, points[i], spec.seed, spec.trials, spec.threads));
    rows.push_back(std::move(row));
  }
  return Json{{"fingerprint", fingerprint},
              {"points", points.size()},
              {"shard", shard},
              {"shards", shards},
              {"rows", rows}};
}

StatusOr<Json> MergeSweepShards(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("shard-") && name.ends_with(".json")) files.push_back(e.path().string());
  }
  if (ec) return NotFound(dir + ": " + ec.message());
  if (files.empty()) return NotFound(dir + ": no shard-*.json files");
  std::sort(files.begin(), files.end());
  std::map<uint64_t, Json> rows;
  Json first;
  for (const std::string& f : files) {
    VERITY_ASSIGN_OR_RETURN(Json shard, ReadShard(f));
    if (first.is_null()) first = shard;
    for (const char* key : {"fingerprint", "points", "shards"}) {
      if (shard.at(key) != first.at(key))
        return InvalidArgument(f + ": " + key + " differs from " + files.front() +
                               "'s (another sweep or another split)");
    }
    for (Json& row : shard.at("rows")) {
      const uint64_t index = row.at("index").get<uint64_t>();
      if (!rows.emplace(index, std::move(row)).second)
        return InvalidArgument(f + ": point " + std::to_string(index) + " is in two shards");
    }
  }
  std::string missing;
  const uint64_t points = first.at("points").get<uint64_t>();
  for (uint64_t i = 0, n = 0; i < points && n < 10; ++i) {
    if (!rows.contains(i)) missing += (n++ ? ", " : "") + std::to_string(i);
  }
  if (!missing.empty())
    return NotFound(dir + ": the sweep is incomplete; missing points " + missing);
  Json merged = Json::array();
  for (auto& [index, row] : rows) merged.push_back(std::move(row));
  return Json{{"fingerprint", first.at("fingerprint")}, {"points", points}, {"rows", merged}};
}

}  // namespace verity::stats
