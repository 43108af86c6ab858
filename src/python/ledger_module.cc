// verity._verity, second part: the ledger (replay, timelines, proofs), the
// Monte Carlo engine with a progress callback, inspection planning and the
// sweep points. Timelines and Monte Carlo tallies leave as NumPy arrays
// that own the C++ vectors they view (no copy).
#include <pybind11/numpy.h>

#include <optional>
#include <vector>

#include "binding.h"
#include "inspect/treaty_ledger.h"
#include "ledger/proofs.h"
#include "ledger/replay.h"
#include "ledger/sample.h"
#include "ledger/verify.h"
#include "stats/answers.h"
#include "stats/declaration_force.h"
#include "stats/montecarlo.h"
#include "stats/sweep.h"

namespace verity::python {
namespace {

// A NumPy array viewing `v`, which it keeps alive.
template <typename T>
py::array_t<T> ToArray(std::vector<T> v, std::vector<py::ssize_t> shape) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(shape, owned->data(), free);
}

Date ParseDate(const std::string& text, const char* what) {
  auto d = Date::Parse(text);
  if (!d.ok()) throw StatusError(d.status().WithContext(what));
  return *d;
}

std::optional<Date> OptDate(const std::optional<std::string>& text, const char* what) {
  if (!text) return std::nullopt;
  return ParseDate(*text, what);
}

std::optional<ledger::TreeHead> OptTreeHead(const std::optional<std::string>& json) {
  if (!json) return std::nullopt;
  return Unwrap(ledger::ParseTreeHead(FromPythonText(*json, "tree_head"), "tree_head"));
}

class LedgerHandle {
 public:
  LedgerHandle(const std::string& dir, const std::string& treaty)
      : r_(Unwrap(inspect::OpenForTreaty(dir, treaty))) {}

  std::shared_ptr<forces::Declaration> State(const std::string& as_of_text,
                                             const std::string& party, bool checkpoints) {
    const Date as_of = ParseDate(as_of_text, "as_of");
    Check(ledger::CheckPartyName(party, "party"));
    auto state = Unwrap(ledger::StateAsOf(*r_.ledger, party, as_of, checkpoints));
    if (state.items.empty())
      throw StatusError(NotFound("no notifications of " + party + " on or before " + as_of_text));
    return std::make_shared<forces::Declaration>(std::move(state));
  }

  // (days since 1970-01-01, counts[row][limit], limit ids)
  py::tuple Timeline(const std::string& party, const std::optional<std::string>& from,
                     const std::optional<std::string>& to) {
    const auto rows = Unwrap(ledger::Timeline(*r_.ledger, *r_.counter, party,
                                              OptDate(from, "start"), OptDate(to, "end")));
    const size_t limits = r_.treaty->limits.size();
    std::vector<int64_t> days, counts;
    days.reserve(rows.size());
    counts.reserve(rows.size() * limits);
    for (const auto& row : rows) {
      days.push_back(row.date.days());
      counts.insert(counts.end(), row.counts.begin(), row.counts.end());
    }
    py::list ids;
    for (const auto& l : r_.treaty->limits) ids.append(l.id);
    const auto n = static_cast<py::ssize_t>(rows.size());
    return py::make_tuple(ToArray(std::move(days), {n}),
                          ToArray(std::move(counts), {n, static_cast<py::ssize_t>(limits)}), ids);
  }

  py::list Entries(uint64_t from, std::optional<uint64_t> to) {
    const uint64_t end = to ? *to : Unwrap(r_.ledger->Size());
    py::list out;
    uint64_t index = from;
    for (const auto& n : Unwrap(r_.ledger->Entries(from, end))) {
      py::dict d = ToPython(n.ToJson()).cast<py::dict>();
      d["index"] = index++;
      out.append(std::move(d));
    }
    return out;
  }

  py::list Ambiguities() {
    py::list out;
    for (const auto& a : Unwrap(r_.ledger->Ambiguities())) out.append(ToPython(a.ToJson()));
    return out;
  }

  py::tuple Verify(const std::optional<std::string>& tree_head) {
    const auto saved = OptTreeHead(tree_head);
    const auto report = Unwrap(ledger::VerifyLedger(*r_.ledger, saved ? &*saved : nullptr));
    return py::make_tuple(report.ok(), ToPython(report.ToJson()));
  }

  py::object Prove(uint64_t index, std::optional<uint64_t> size) {
    return ToPython(Unwrap(ledger::MakeInclusionProof(*r_.ledger, index, size)));
  }
  py::object Consistency(uint64_t from, std::optional<uint64_t> to) {
    return ToPython(Unwrap(ledger::MakeConsistencyProof(*r_.ledger, from, to)));
  }
  uint64_t Size() { return Unwrap(r_.ledger->Size()); }

 private:
  inspect::TreatyLedger r_;
};

stats::LoadedScenario Load(const std::string& path, const std::optional<std::string>& data) {
  return Unwrap(stats::LoadScenario(path, inspect::LedgerStates(data ? *data : "verity-data")));
}

// Runs with the GIL released; `progress` (a callable or None) is called with
// the GIL held from this thread. An exception it raises is re-raised once
// the run is over.
py::tuple Simulate(const std::string& path, std::optional<uint64_t> trials, int threads,
                   std::optional<uint64_t> seed, py::object progress,
                   const std::optional<std::string>& data) {
  const stats::LoadedScenario loaded = Load(path, data);
  stats::MonteCarloOptions mc;
  mc.trials = trials.value_or(loaded.trials.value_or(1'000'000));
  mc.seed = seed.value_or(loaded.seed.value_or(1));
  mc.threads = threads;
  std::optional<py::error_already_set> raised;
  if (!progress.is_none()) {
    mc.progress = [&](uint64_t done, uint64_t total) {
      py::gil_scoped_acquire gil;
      if (raised) return;
      try {
        progress(done, total);
      } catch (py::error_already_set& e) {
        raised.emplace(std::move(e));
      }
    };
  }
  StatusOr<stats::MonteCarloResult> r = Internal("not run");
  {
    py::gil_scoped_release release;
    r = stats::RunMonteCarlo(loaded.scenario, mc);
  }
  if (raised) throw std::move(*raised);
  stats::MonteCarloResult result = Unwrap(std::move(r));
  const py::object answer = ToPython(stats::SimulationAnswer(loaded.scenario, result));
  const auto steps = static_cast<py::ssize_t>(result.first_detection.size());
  const auto sites = static_cast<py::ssize_t>(result.site_detections.size());
  return py::make_tuple(answer, ToArray(std::move(result.first_detection), {steps}),
                        ToArray(std::move(result.site_detections), {sites}));
}

py::object Plan(const std::string& path, std::optional<int64_t> inspections,
                std::optional<int64_t> overloaded, const std::optional<std::string>& data) {
  const stats::LoadedScenario loaded = Load(path, data);
  const stats::PlanInput in = stats::PlanInputFor(loaded.scenario, inspections, overloaded);
  auto r = stats::PlanInspections(in);  // GLPK: keeps the GIL, one plan at a time
  if (!r.ok()) throw StatusError(r.status().WithContext(path));
  return ToPython(stats::PlanAnswer(loaded.scenario, in, *r));
}

// [(index, point, seed)] of a grid given as JSON text.
py::list SweepPoints(const std::string& grid, uint64_t trials, int threads, uint64_t seed) {
  Check(stats::CheckSweepRun(trials, threads));
  const auto axes = Unwrap(stats::ParseSweepGrid(FromPythonText(grid, "grid"), "grid"));
  py::list out;
  size_t i = 0;
  for (const Json& p : stats::SweepPoints(axes))
    out.append(py::make_tuple(i++, ToPython(p), stats::SweepPointSeed(seed, p)));
  return out;
}

py::object SweepPoint(const std::string& path, size_t index, const std::string& point,
                      uint64_t seed, uint64_t trials, int threads) {
  const Json p = FromPythonText(point, "point");
  StatusOr<Json> row = Internal("not run");
  {
    py::gil_scoped_release release;
    row = stats::RunSweepPoint(path, index, p, seed, trials, threads);
  }
  return ToPython(Unwrap(std::move(row)));
}

}  // namespace

void AddLedgerAndSimulation(py::module_& m) {
  py::class_<LedgerHandle>(m, "Ledger")
      .def(py::init<const std::string&, const std::string&>())
      .def("state", &LedgerHandle::State)
      .def("timeline", &LedgerHandle::Timeline)
      .def("entries", &LedgerHandle::Entries)
      .def("ambiguities", &LedgerHandle::Ambiguities)
      .def("verify", &LedgerHandle::Verify)
      .def("prove", &LedgerHandle::Prove)
      .def("consistency", &LedgerHandle::Consistency)
      .def("size", &LedgerHandle::Size);
  m.def("check_proof", [](const std::string& proof, const std::optional<std::string>& tree_head) {
    const auto saved = OptTreeHead(tree_head);
    return Unwrap(ledger::CheckProof(FromPythonText(proof, "proof"), saved ? &*saved : nullptr));
  });
  m.def("write_sample", [](const std::string& dir, const std::string& from, const std::string& to,
                           const std::string& treaty) {
    const Date f = ParseDate(from, "start"), t = ParseDate(to, "end");
    StatusOr<ledger::SampleResult> r = Internal("not run");
    {
      py::gil_scoped_release release;
      r = ledger::WriteSample(dir, f, t, treaty, inspect::MakeTreatyFinder);
    }
    return Unwrap(std::move(r)).Summary();
  });
  m.def("simulate", &Simulate);
  m.def("plan", &Plan);
  m.def("sweep_points", &SweepPoints);
  m.def("sweep_point", &SweepPoint);
}

}  // namespace verity::python
