// The extension module verity._verity: declarations, treaties, counts,
// comparisons, upload and the exact statistics. The Python modules of the
// package (src/python/verity/) turn these answers into objects and tables;
// the ledger, the Monte Carlo engine and sweeps are in ledger_module.cc.
#include <optional>
#include <string>
#include <vector>

#include "binding.h"
#include "core/date.h"
#include "forces/compare.h"
#include "forces/count_json.h"
#include "forces/declaration_io.h"
#include "forces/public_series.h"
#include "forces/report.h"
#include "stats/answers.h"
#include "upload/upload_report.h"

namespace verity::python {
namespace {

using forces::Declaration;

std::optional<Date> OptDate(const std::optional<std::string>& text, const char* what) {
  if (!text) return std::nullopt;
  auto d = Date::Parse(*text);
  if (!d.ok()) throw StatusError(d.status().WithContext(what));
  return *d;
}

void Translate(std::exception_ptr p) {
  std::string code = "internal", message;
  try {
    if (p) std::rethrow_exception(p);
    return;
  } catch (const StatusError& e) {
    code = std::string(StatusCodeName(e.status().code()));
    message = e.status().message();
  } catch (const py::error_already_set&) {
    throw;  // a Python exception (e.g. from a callback) passes through unchanged
  } catch (const py::builtin_exception&) {
    throw;  // pybind11's own TypeError, ValueError, ...
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
  }
  py::object exc = py::module_::import("verity._errors").attr("from_status")(code, message);
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
}

py::dict LimitDict(const treaty::Limit& l) {
  py::dict d;
  d["id"] = l.id, d["name"] = l.name, d["max"] = l.max, d["source"] = l.source;
  return d;
}

void AddTreaty(py::module_& m) {
  py::class_<TreatyHandle, std::shared_ptr<TreatyHandle>>(m, "Treaty")
      .def_property_readonly("id", [](const TreatyHandle& t) { return t.treaty.id; })
      .def_property_readonly("name", [](const TreatyHandle& t) { return t.treaty.name; })
      .def_property_readonly("source", [](const TreatyHandle& t) { return t.treaty.source; })
      .def_property_readonly("limits",
                             [](const TreatyHandle& t) {
                               py::list out;
                               for (const auto& l : t.treaty.limits) out.append(LimitDict(l));
                               return out;
                             })
      .def_property_readonly("categories", [](const TreatyHandle& t) {
        py::list out;
        for (const auto& c : t.treaty.categories) out.append(py::make_tuple(c.id, c.description));
        return out;
      });
  m.def("load_treaty", &LoadTreatyHandle, py::arg("name_or_path"));
  m.def("shipped_treaties", &treaty::ShippedTreaties);
}

void AddDeclaration(py::module_& m) {
  py::class_<Declaration, std::shared_ptr<Declaration>>(m, "Declaration")
      .def_property_readonly("party", [](const Declaration& d) { return d.party; })
      .def_property_readonly("as_of", [](const Declaration& d) { return d.as_of.ToString(); })
      .def("__len__", [](const Declaration& d) { return d.items.size(); })
      .def("to_dict", [](const Declaration& d) { return ToPython(forces::DeclarationToJson(d)); });
  m.def("load_declaration_file", [](const std::string& path_or_name) {
    return std::make_shared<Declaration>(Unwrap(forces::LoadDeclaration(path_or_name)));
  });
  m.def("parse_declaration",
        [](const std::string& text, const std::string& source, const std::string& base_dir) {
          return std::make_shared<Declaration>(Unwrap(forces::ParseDeclarationText(
              text, source, forces::DeclarationOptions{.base_dir = base_dir})));
        });
  m.def("shipped_declarations", &forces::ShippedDeclarations);
  m.def("public_series", [] {
    py::list out;
    for (const auto& a : Unwrap(forces::LoadPublicSeries())) {
      py::dict row;
      row["date"] = a.date.ToString(), row["party"] = a.party;
      for (const char* limit : {"deployed", "warheads", "launchers"}) {
        const auto v = a.Get(limit);
        row[limit] = v ? py::object(py::int_(*v)) : py::none();
      }
      row["source"] = a.source;
      out.append(std::move(row));
    }
    return out;
  });
}

forces::CountRequest Request(const TreatyHandle& t, const std::optional<std::string>& as_of,
                             bool full, const std::optional<std::string>& explain, bool sources) {
  forces::CountRequest request;
  request.detail = full ? forces::CountDetail::kFull : forces::CountDetail::kLimits;
  request.as_of = OptDate(as_of, "as_of");
  request.sources = sources;
  if (explain) {
    request.explain = t.treaty.FindLimit(*explain);
    if (request.explain < 0) {
      throw StatusError(
          InvalidArgument("explain: '" + *explain + "' is not a limit of " + t.treaty.name));
    }
  }
  return request;
}

// (the CLI's --json answer, whether a binding limit is exceeded)
py::tuple Count(const Declaration& d, const TreatyHandle& t,
                const std::optional<std::string>& as_of, bool full,
                const std::optional<std::string>& explain, bool sources) {
  const forces::CountAnswer answer =
      forces::CountJson(*t.counter, d, Request(t, as_of, full, explain, sources));
  return py::make_tuple(ToPython(answer.json), answer.over);
}

// The CLI's table (check: the limits; report: with categories and breakdowns).
std::string CountText(const Declaration& d, const TreatyHandle& t,
                      const std::optional<std::string>& as_of, bool full) {
  const forces::Report r =
      forces::MakeReport(*t.counter, d, OptDate(as_of, "as_of").value_or(d.as_of));
  return full ? forces::ReportText(r) : forces::LimitsText(r);
}

py::object Compare(const std::vector<std::shared_ptr<Declaration>>& decls,
                   const std::vector<std::shared_ptr<TreatyHandle>>& treaties,
                   const std::optional<std::string>& as_of) {
  std::vector<const treaty::Treaty*> tp;
  for (const auto& t : treaties) tp.push_back(&t->treaty);
  std::vector<const Declaration*> dp;
  for (const auto& d : decls) dp.push_back(d.get());
  return ToPython(forces::CompareJson(forces::Compare(tp, dp, OptDate(as_of, "as_of"))));
}

py::tuple Upload(const Declaration& d, const std::optional<std::string>& assumptions) {
  upload::Assumptions a;
  if (assumptions) {
    auto loaded = upload::LoadAssumptions(*assumptions);
    if (!loaded.ok()) throw StatusError(loaded.status().WithContext("assumptions"));
    a = std::move(*loaded);
  } else {
    a = Unwrap(upload::DefaultAssumptions(d.party));
  }
  const upload::UploadResult r = Unwrap(upload::ComputeUpload(d, a));
  return py::make_tuple(ToPython(upload::UploadJson(d, a, r)), upload::UploadText(d, a, r));
}

void AddAnalysis(py::module_& m) {
  m.def("count", &Count, py::arg("declaration"), py::arg("treaty"), py::arg("as_of"),
        py::arg("full"), py::arg("explain"), py::arg("sources"));
  m.def("count_text", &CountText, py::arg("declaration"), py::arg("treaty"), py::arg("as_of"),
        py::arg("full"));
  m.def("compare", &Compare, py::arg("declarations"), py::arg("treaties"), py::arg("as_of"));
  m.def("upload", &Upload, py::arg("declaration"), py::arg("assumptions"));
}

void AddStats(py::module_& m) {
  m.def("detect", [](int64_t n, int64_t r, int64_t s) {
    return ToPython(Unwrap(stats::DetectAnswer(n, r, s)));
  });
  m.def("sample_size", [](int64_t n, int64_t r, const std::string& detect) {
    return ToPython(Unwrap(stats::SampleSizeAnswer(n, r, detect)));
  });
  m.def("game", [](int64_t periods, int64_t inspections) {
    return ToPython(Unwrap(stats::GameAnswer(periods, inspections)));
  });
  m.def("game2x2", [](double d, double b, double c, double a, double loss, double detection,
                      double false_alarm, double false_alarm_cost) {
    stats::InspectionGamePayoffs p;
    p.violation_gain = d, p.sanction = b, p.inspection_cost = c, p.detection_gain = a;
    p.violation_loss = loss, p.detection_probability = detection;
    p.false_alarm = false_alarm, p.false_alarm_cost = false_alarm_cost;
    return ToPython(Unwrap(stats::Game2x2Answer(p)));
  });
  const stats::InspectionGamePayoffs defaults;
  py::dict d;
  d["gain"] = defaults.violation_gain, d["sanction"] = defaults.sanction;
  d["cost"] = defaults.inspection_cost, d["catch_gain"] = defaults.detection_gain;
  d["loss"] = defaults.violation_loss, d["detection"] = defaults.detection_probability;
  d["false_alarm"] = defaults.false_alarm, d["false_alarm_cost"] = defaults.false_alarm_cost;
  m.attr("GAME2X2_DEFAULTS") = d;
}

}  // namespace

std::shared_ptr<TreatyHandle> LoadTreatyHandle(const std::string& name_or_path) {
  auto h = std::make_shared<TreatyHandle>();
  h->treaty = Unwrap(treaty::LoadTreaty(name_or_path));
  h->counter = std::make_unique<forces::Counter>(h->treaty);
  return h;
}

py::object ToPython(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: {
      py::dict d;
      for (const auto& [k, v] : j.items()) d[py::str(k)] = ToPython(v);
      return d;
    }
    case Json::value_t::array: {
      py::list l(j.size());
      for (size_t i = 0; i < j.size(); ++i) l[i] = ToPython(j[i]);
      return l;
    }
    case Json::value_t::string:
      return py::str(j.get_ref<const std::string&>());
    case Json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case Json::value_t::number_integer:
      return py::int_(j.get<int64_t>());
    case Json::value_t::number_unsigned:
      return py::int_(j.get<uint64_t>());
    case Json::value_t::number_float:
      return py::float_(j.get<double>());
    default:
      return py::none();
  }
}

Json FromPythonText(const std::string& text, std::string_view source) {
  return Unwrap(ParseJson(text, source));
}

}  // namespace verity::python

PYBIND11_MODULE(_verity, m) {
  using namespace verity::python;
  m.doc() = "Verity's C++ libraries; use the package `verity`, not this module.";
  py::register_exception_translator(&Translate);
  AddTreaty(m);
  AddDeclaration(m);
  AddAnalysis(m);
  AddStats(m);
  AddLedgerAndSimulation(m);
}
