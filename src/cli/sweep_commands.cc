// `verity sweep SPEC --out DIR [--shard I/N]` and `verity sweep merge DIR`:
// a parameter sweep run in shards by any scheduler (stats/sweep.h).
#include <filesystem>
#include <iomanip>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "core/file_io.h"
#include "core/table.h"
#include "stats/sweep.h"

namespace verity::cli {
namespace {

struct SweepOptions {
  std::string spec, out, shard = "0/1", dir;
  std::optional<int> threads;
  bool json = false, csv = false;
};

StatusOr<std::pair<size_t, size_t>> ParseShard(const std::string& text) {
  const size_t slash = text.find('/');
  size_t shard = 0, shards = 0, used = 0;
  try {
    if (slash != std::string::npos) {
      shard = std::stoul(text.substr(0, slash), &used);
      if (used == slash) shards = std::stoul(text.substr(slash + 1), &used);
    }
  } catch (const std::exception&) {
    shards = 0;
  }
  if (slash == std::string::npos || shards == 0 || used != text.size() - slash - 1)
    return InvalidArgument("--shard: expected I/N (e.g. 3/16), got '" + text + "'");
  return std::make_pair(shard, shards);
}

int RunShard(const SweepOptions& o, const Io& io) {
  auto spec = stats::LoadSweepSpec(o.spec);
  if (!spec.ok()) return ReportError(io, spec.status());
  if (o.threads) spec->threads = *o.threads;
  const auto shard = ParseShard(o.shard);
  if (!shard.ok()) return ReportError(io, shard.status());
  auto doc = stats::RunSweepShard(*spec, shard->first, shard->second);
  if (!doc.ok()) return ReportError(io, doc.status());
  if (Status s = MakeFolder(o.out, 0755); !s.ok()) return ReportError(io, s);
  const std::string path =
      (std::filesystem::path(o.out) / stats::SweepShardFileName(shard->first, shard->second))
          .string();
  if (Status s = WriteFileAtomic(path, doc->dump(1) + "\n"); !s.ok()) return ReportError(io, s);
  io.out << "sweep " << doc->at("fingerprint").get<std::string>().substr(0, 12) << ": shard "
         << shard->first << "/" << shard->second << ", " << doc->at("rows").size() << " of "
         << doc->at("points") << " points -> " << path << "\n";
  return kExitOk;
}

std::string Cell(const Json& v) {
  if (!v.is_number_float()) return v.dump();
  std::ostringstream s;
  s << std::fixed << std::setprecision(6) << v.get<double>();
  return s.str();
}

int Merge(const SweepOptions& o, const Io& io) {
  const auto merged = stats::MergeSweepShards(o.dir);
  if (!merged.ok()) return ReportError(io, merged.status());
  if (o.json) {
    io.out << merged->dump(1) << "\n";
    return kExitOk;
  }
  const Json& rows = merged->at("rows");
  std::vector<std::string> header;
  for (const auto& [name, v] : rows.at(0).at("point").items()) header.push_back(name);
  const size_t params = header.size();
  for (const char* c : {"seed", "trials", "detected_trials", "estimate", "low", "high"})
    header.emplace_back(c);
  TextTable t(header);
  for (const Json& row : rows) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < header.size(); ++c) {
      const Json& v = c < params ? row.at("point").at(header[c]) : row.at(header[c]);
      cells.push_back(o.csv ? v.dump() : Cell(v));
    }
    t.AddRow(cells);
  }
  io.out << (o.csv ? t.ToCsv() : t.ToText());
  return kExitOk;
}

}  // namespace

void AddSweepCommands(CLI::App& app, const Io& io, int* code) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* sweep = app.add_subcommand(
      "sweep",
      "Run a scenario over a grid of parameters, in shards (seeds derived per point), "
      "then merge the shards into one table");
  sweep->add_option("SPEC", o->spec, "Sweep spec (TOML), e.g. data/sweeps/type-one-quota.toml");
  sweep->add_option("--out", o->out, "Folder for the shard's file (shard-I-of-N.json)");
  sweep->add_option("--shard", o->shard, "Run shard I of N (0 <= I < N): points i with i % N == I")
      ->capture_default_str();
  sweep->add_option("--threads", o->threads,
                    "Threads per point (default: the spec's; the results do not depend on it)");
  sweep->callback([o, sweep, &io, code] {
    if (!sweep->get_subcommands().empty()) return;  // `sweep merge` ran instead
    if (o->spec.empty() || o->out.empty()) {
      *code = ReportError(io, InvalidArgument("sweep: SPEC and --out are required"));
      return;
    }
    *code = RunShard(*o, io);
  });
  CLI::App* merge = sweep->add_subcommand("merge", "Merge the shards in DIR into one table");
  merge->add_option("DIR", o->dir, "The folder the shards were written to")->required();
  auto* json = merge->add_flag("--json", o->json, "Machine-readable JSON");
  merge->add_flag("--csv", o->csv, "CSV")->excludes(json);
  merge->callback([o, &io, code] { *code = Merge(*o, io); });
}

}  // namespace verity::cli
