#include "stats/scenario_toml.h"

#include <toml++/toml.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/file_io.h"
#include "core/toml.h"

namespace verity::stats {
namespace {

constexpr int64_t kMaxTrialsInFile = int64_t{1} << 40;

// Reads typed keys of one TOML table; errors carry the source, key path and line.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, std::string_view source)
      : table_(table), path_(std::move(path)), source_(source) {}

  Status Error(std::string_view key, const toml::node* node, const std::string& what) const {
    std::string where = std::string(source_) + ": " + KeyPath(key);
    if (node != nullptr && node->source().begin.line > 0) {
      where += " (line " + std::to_string(node->source().begin.line) + ")";
    }
    return InvalidArgument(where + ": " + what);
  }
  std::string KeyPath(std::string_view key) const {
    if (key.empty()) return path_.empty() ? "(top level)" : path_;
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const toml::node* Get(std::string_view key) const { return table_.get(key); }

  Status Int(std::string_view key, int64_t min, int64_t max, int64_t* out) const {
    const toml::node* n = Get(key);
    if (n == nullptr) return Status::Ok();
    const auto* v = n->as_integer();
    if (v == nullptr || v->get() < min || v->get() > max) {
      return Error(key, n,
                   "expected an integer between " + std::to_string(min) + " and " +
                       std::to_string(max) + Got(*n));
    }
    *out = v->get();
    return Status::Ok();
  }

  Status Number(std::string_view key, double min, double max, double* out) const {
    const toml::node* n = Get(key);
    if (n == nullptr) return Status::Ok();
    double v;
    if (const auto* f = n->as_floating_point())
      v = f->get();
    else if (const auto* i = n->as_integer())
      v = static_cast<double>(i->get());
    else
      return Error(key, n, "expected a number" + Got(*n));
    if (!(v >= min && v <= max)) {
      return Error(key, n,
                   "expected a number between " + Short(min) + " and " + Short(max) + Got(*n));
    }
    *out = v;
    return Status::Ok();
  }

  Status String(std::string_view key, bool required, std::string* out) const {
    const toml::node* n = Get(key);
    if (n == nullptr)
      return required ? Error(key, nullptr, "missing; expected a string") : Status::Ok();
    const auto* v = n->as_string();
    if (v == nullptr) return Error(key, n, "expected a string" + Got(*n));
    *out = v->get();
    return Status::Ok();
  }

  // Reads a string that must be one of `names`; stores the matching value.
  template <typename E>
  Status Enum(std::string_view key, std::initializer_list<std::pair<std::string_view, E>> names,
              E* out) const {
    std::string text;
    VERITY_RETURN_IF_ERROR(String(key, false, &text));
    if (Get(key) == nullptr) return Status::Ok();
    std::string list;
    for (const auto& [name, value] : names) {
      if (name == text) {
        *out = value;
        return Status::Ok();
      }
      list += (list.empty() ? "" : ", ") + std::string(name);
    }
    return Error(key, Get(key), "expected one of " + list + ", got \"" + text + "\"");
  }

  Status RejectUnknown(std::initializer_list<std::string_view> known) const {
    for (const auto& [k, v] : table_) {
      bool ok = false;
      for (std::string_view name : known) ok = ok || k.str() == name;
      if (!ok) return Error(k.str(), &v, "unknown key");
    }
    return Status::Ok();
  }

  // The sub-table at `key`, or nullptr if absent; error if not a table.
  StatusOr<const toml::table*> Table(std::string_view key) const {
    const toml::node* n = Get(key);
    if (n == nullptr) return static_cast<const toml::table*>(nullptr);
    if (!n->is_table()) return Error(key, n, "expected a table" + Got(*n));
    return n->as_table();
  }

 private:
  static std::string Got(const toml::node& n) {
    std::string type;
    switch (n.type()) {
      case toml::node_type::string:
        return ", got the string \"" + n.as_string()->get() + "\"";
      case toml::node_type::integer:
        return ", got " + std::to_string(n.as_integer()->get());
      case toml::node_type::floating_point:
        return ", got " + Short(n.as_floating_point()->get());
      case toml::node_type::boolean:
        type = "a boolean";
        break;
      case toml::node_type::table:
        type = "a table";
        break;
      case toml::node_type::array:
        type = "an array";
        break;
      default:
        type = "a date or time";
        break;
    }
    return ", got " + type;
  }
  static std::string Short(double v) {
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  const toml::table& table_;
  std::string path_;
  std::string_view source_;
};

// With a declaration, a site entry only adjusts a declared facility.
Status ReadSite(const toml::table& t, size_t index, std::string_view source, bool with_declaration,
                Site* site) {
  TableReader r(t, "sites[" + std::to_string(index) + "]", source);
  if (with_declaration) {
    VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "weight", "overloaded", "undeclared"}));
  } else {
    VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "kind", "deployed_missiles", "declared_warheads",
                                            "non_deployed", "weight", "overloaded", "undeclared"}));
  }
  VERITY_RETURN_IF_ERROR(r.String("id", true, &site->id));
  VERITY_RETURN_IF_ERROR(r.Enum<SiteKind>(
      "kind", {{"base", SiteKind::kBase}, {"non_deployed", SiteKind::kNonDeployed}}, &site->kind));
  VERITY_RETURN_IF_ERROR(r.Int("deployed_missiles", 0, kMaxItemsPerSite, &site->deployed_missiles));
  VERITY_RETURN_IF_ERROR(r.Int("declared_warheads", 0, 1000, &site->declared_warheads));
  VERITY_RETURN_IF_ERROR(r.Int("non_deployed", 0, kMaxItemsPerSite, &site->non_deployed));
  VERITY_RETURN_IF_ERROR(r.Number("weight", 0, 1e12, &site->weight));
  VERITY_RETURN_IF_ERROR(r.Int("overloaded", 0, kMaxItemsPerSite, &site->overloaded));
  VERITY_RETURN_IF_ERROR(r.Int("undeclared", 0, kMaxItemsPerSite, &site->undeclared));
  return Status::Ok();
}

Status ReadSites(const TableReader& top, std::string_view source, bool with_declaration,
                 Force* force) {
  const toml::node* n = top.Get("sites");
  if (n == nullptr) return Status::Ok();
  const toml::array* sites = n->as_array();
  if (sites == nullptr) return top.Error("sites", n, "expected an array of tables ([[sites]])");
  for (size_t i = 0; i < sites->size(); ++i) {
    const toml::table* t = (*sites)[i].as_table();
    if (t == nullptr) {
      return top.Error("sites[" + std::to_string(i) + "]", &(*sites)[i], "expected a table");
    }
    Site site;
    VERITY_RETURN_IF_ERROR(ReadSite(*t, i, source, with_declaration, &site));
    force->sites.push_back(std::move(site));
  }
  return Status::Ok();
}

Status ReadConcealment(const toml::table& t, std::string_view source, Concealment* c) {
  TableReader r(t, "concealment", source);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"overloaded_missiles", "spread", "extra_warheads"}));
  VERITY_RETURN_IF_ERROR(
      r.Int("overloaded_missiles", 0, kMaxItemsPerSite, &c->overloaded_missiles));
  VERITY_RETURN_IF_ERROR(r.Int("extra_warheads", 0, 1000, &c->extra_warheads));
  return r.Enum<Spread>("spread",
                        {{"proportional", Spread::kProportional},
                         {"even", Spread::kEven},
                         {"concentrated", Spread::kConcentrated},
                         {"explicit", Spread::kExplicit}},
                        &c->spread);
}

Status ReadInspection(const toml::table& t, std::string_view source, InspectionPolicy* p) {
  TableReader r(t, "inspection", source);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"type_one_per_year", "type_two_per_year", "site_choice",
                                          "designation", "detection_probability"}));
  VERITY_RETURN_IF_ERROR(
      r.Int("type_one_per_year", 0, kMaxInspectionsPerYear, &p->type_one_per_year));
  VERITY_RETURN_IF_ERROR(
      r.Int("type_two_per_year", 0, kMaxInspectionsPerYear, &p->type_two_per_year));
  VERITY_RETURN_IF_ERROR(r.Number("detection_probability", 0, 1, &p->detection_probability));
  VERITY_RETURN_IF_ERROR(r.Enum<SiteChoice>("site_choice",
                                            {{"uniform", SiteChoice::kUniform},
                                             {"weighted", SiteChoice::kWeighted},
                                             {"given", SiteChoice::kGiven}},
                                            &p->site_choice));
  return r.Enum<Designation>(
      "designation",
      {{"distinct", Designation::kDistinct}, {"independent", Designation::kIndependent}},
      &p->designation);
}

Status ReadSimulation(const toml::table& t, std::string_view source, ScenarioFile* f) {
  TableReader r(t, "simulation", source);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"trials", "seed"}));
  int64_t trials = -1, seed = -1;
  VERITY_RETURN_IF_ERROR(r.Int("trials", 1, kMaxTrialsInFile, &trials));
  VERITY_RETURN_IF_ERROR(r.Int("seed", 0, INT64_MAX, &seed));
  if (trials > 0) f->trials = static_cast<uint64_t>(trials);
  if (seed >= 0) f->seed = static_cast<uint64_t>(seed);
  return Status::Ok();
}

Status ReadLedgerState(const toml::table& t, std::string_view source, LedgerStateRef* out) {
  TableReader r(t, "ledger_state", source);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"party", "as_of"}));
  VERITY_RETURN_IF_ERROR(r.String("party", true, &out->party));
  std::string as_of;
  VERITY_RETURN_IF_ERROR(r.String("as_of", true, &as_of));
  auto date = Date::Parse(as_of);
  if (!date.ok())
    return r.Error("as_of", r.Get("as_of"), "expected a date YYYY-MM-DD, got \"" + as_of + "\"");
  out->as_of = *date;
  return Status::Ok();
}

Status ReadTop(const toml::table& doc, std::string_view source, const std::string& base_dir,
               ScenarioFile* f) {
  TableReader top(doc, "", source);
  VERITY_RETURN_IF_ERROR(
      top.RejectUnknown({"name", "description", "declaration", "ledger_state", "treaty", "sites",
                         "concealment", "inspection", "simulation"}));
  VERITY_RETURN_IF_ERROR(top.String("name", false, &f->scenario.name));
  std::string ignored, declaration;
  VERITY_RETURN_IF_ERROR(top.String("description", false, &ignored));
  VERITY_RETURN_IF_ERROR(top.String("declaration", false, &declaration));
  VERITY_RETURN_IF_ERROR(top.String("treaty", false, &f->treaty));
  VERITY_ASSIGN_OR_RETURN(const toml::table* ledger_state, top.Table("ledger_state"));
  if (ledger_state != nullptr) {
    if (!declaration.empty()) {
      return top.Error("ledger_state", top.Get("ledger_state"),
                       "a scenario names either a declaration file or a ledger state, not both");
    }
    VERITY_RETURN_IF_ERROR(ReadLedgerState(*ledger_state, source, &f->ledger_state.emplace()));
  }
  const bool adjusts = !declaration.empty() || ledger_state != nullptr;
  VERITY_RETURN_IF_ERROR(ReadSites(top, source, adjusts, &f->scenario.force));
  if (!declaration.empty()) {
    f->declaration = (std::filesystem::path(base_dir) / declaration).lexically_normal().string();
  } else if (!adjusts && f->scenario.force.sites.empty()) {
    return top.Error("sites", nullptr,
                     "missing; expected [[sites]], a declaration file or [ledger_state]");
  }
  VERITY_ASSIGN_OR_RETURN(const toml::table* conceal, top.Table("concealment"));
  if (conceal != nullptr)
    VERITY_RETURN_IF_ERROR(ReadConcealment(*conceal, source, &f->scenario.concealment));
  VERITY_ASSIGN_OR_RETURN(const toml::table* inspect, top.Table("inspection"));
  if (inspect != nullptr)
    VERITY_RETURN_IF_ERROR(ReadInspection(*inspect, source, &f->scenario.inspection));
  VERITY_ASSIGN_OR_RETURN(const toml::table* sim, top.Table("simulation"));
  if (sim != nullptr) VERITY_RETURN_IF_ERROR(ReadSimulation(*sim, source, f));
  return Status::Ok();
}

}  // namespace

StatusOr<ScenarioFile> ParseScenarioToml(std::string_view text, std::string_view source,
                                         const std::string& base_dir) {
  VERITY_ASSIGN_OR_RETURN(const toml::table doc, ParseToml(text, source));
  ScenarioFile f;
  VERITY_RETURN_IF_ERROR(ReadTop(doc, source, base_dir, &f));
  return f;
}

StatusOr<ScenarioFile> LoadScenarioToml(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(const std::string text, ReadFile(path));
  return ParseScenarioToml(text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace verity::stats
