// What the two translation units of the extension module `verity._verity`
// share: how a Status becomes a Python exception, and how JSON crosses.
//
// The binding edge: every library error arrives here as a Status and leaves
// as an exception of verity._errors (InvalidInput, VerificationFailed,
// EngineError); a C++ exception that escapes a library is caught by the
// translator registered in module.cc and becomes EngineError. Nothing
// crosses the edge as a C++ exception or an abort.
#ifndef VERITY_PYTHON_BINDING_H_
#define VERITY_PYTHON_BINDING_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "core/json.h"
#include "core/status.h"
#include "forces/counter.h"
#include "treaty/treaty.h"

namespace verity::python {

namespace py = pybind11;

// Thrown by Unwrap; turned into a Python exception by the translator.
class StatusError : public std::exception {
 public:
  explicit StatusError(Status status) : status_(std::move(status)) {}
  const Status& status() const { return status_; }
  const char* what() const noexcept override { return status_.message().c_str(); }

 private:
  Status status_;
};

template <typename T>
T Unwrap(StatusOr<T> v) {
  if (!v.ok()) throw StatusError(v.status());
  return std::move(*v);
}
inline void Check(const Status& s) {
  if (!s.ok()) throw StatusError(s);
}

// A treaty and the counter compiled from it, which refers to it: held by a
// shared_ptr so that it never moves.
struct TreatyHandle {
  treaty::Treaty treaty;
  std::unique_ptr<forces::Counter> counter;
};
std::shared_ptr<TreatyHandle> LoadTreatyHandle(const std::string& name_or_path);

// JSON values as Python objects (dict, list, str, int, float, bool, None).
py::object ToPython(const Json& j);
// Python's json.dumps of an object, parsed under the library's JSON limits;
// `source` names it in errors.
Json FromPythonText(const std::string& text, std::string_view source);

// Registers the ledger, simulation and sweep functions (ledger_module.cc).
void AddLedgerAndSimulation(py::module_& m);

}  // namespace verity::python

#endif  // VERITY_PYTHON_BINDING_H_
