// Reading an exercise script from TOML (script.h). The [declaration] table
// is turned into JSON and read by the declaration reader, so a script's
// force obeys exactly the rules and limits of a declaration file.
#include <filesystem>
#include <set>

#include "core/file_io.h"
#include "core/hash.h"
#include "core/limits.h"
#include "core/resources.h"
#include "core/text.h"
#include "core/toml.h"
#include "exercise/script.h"
#include "forces/declaration_io.h"
#include "ledger/notification.h"

namespace verity::exercise {
namespace {

constexpr char kShippedPrefix[] = "exercises/";

std::string TwoDigits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// A TOML value as JSON, for the declaration reader. Nesting is bounded by
// the JSON limit (the declaration format nests 5 deep).
StatusOr<Json> ToJson(const toml::node& n, const std::string& path, int depth) {
  if (depth > limits::kMaxJsonDepth) {
    return InvalidArgument(path + ": nested deeper than the limit of " +
                           std::to_string(limits::kMaxJsonDepth) + " tables and arrays");
  }
  if (const auto* t = n.as_table()) {
    Json out = Json::object();
    for (const auto& [k, v] : *t) {
      VERITY_ASSIGN_OR_RETURN(out[std::string(k.str())],
                              ToJson(v, path + "." + std::string(k.str()), depth + 1));
    }
    return out;
  }
  if (const auto* a = n.as_array()) {
    Json out = Json::array();
    for (size_t i = 0; i < a->size(); ++i) {
      VERITY_ASSIGN_OR_RETURN(Json v,
                              ToJson((*a)[i], path + "[" + std::to_string(i) + "]", depth + 1));
      out.push_back(std::move(v));
    }
    return out;
  }
  if (const auto* s = n.as_string()) return Json(s->get());
  if (const auto* i = n.as_integer()) return Json(i->get());
  if (const auto* b = n.as_boolean()) return Json(b->get());
  if (const auto* d = n.as_date()) {
    const toml::date v = d->get();
    return Json(std::to_string(v.year) + "-" + TwoDigits(v.month) + "-" + TwoDigits(v.day));
  }
  return InvalidArgument(path + ": expected a string, an integer, true/false or a date " +
                         "(a declaration holds no decimals or times)");
}

Status CheckText(const std::string& text, const std::string& path) {
  if (text.size() > limits::kMaxExerciseTextBytes) {
    return InvalidArgument(path + ": " + std::to_string(text.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(limits::kMaxExerciseTextBytes));
  }
  return Status::Ok();
}

// An id, uid or site: non-empty, at most kMaxExerciseIdBytes, no control bytes.
StatusOr<std::string> Id(const TomlReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(std::string v, r.String(key));
  if (v.empty()) return InvalidArgument(r.PathOf(key) + ": empty");
  if (v.size() > limits::kMaxExerciseIdBytes) {
    return InvalidArgument(r.PathOf(key) + ": " + Quote(v, 40) + " is longer than the limit of " +
                           std::to_string(limits::kMaxExerciseIdBytes) + " bytes");
  }
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) return InvalidArgument(r.PathOf(key) + ": control character");
  }
  return v;
}

Status ReadExercise(const TomlReader& r, Script* s) {
  VERITY_RETURN_IF_ERROR(r.RejectUnknown(
      {"name", "teaching_point", "treaty", "host", "inspector", "start", "years", "seed"}));
  VERITY_ASSIGN_OR_RETURN(s->name, r.String("name"));
  VERITY_RETURN_IF_ERROR(CheckText(s->name, r.PathOf("name")));
  VERITY_ASSIGN_OR_RETURN(s->teaching_point, r.String("teaching_point"));
  VERITY_RETURN_IF_ERROR(CheckText(s->teaching_point, r.PathOf("teaching_point")));
  if (r.Has("treaty")) {
    VERITY_ASSIGN_OR_RETURN(s->treaty, Id(r, "treaty"));
  }
  VERITY_ASSIGN_OR_RETURN(s->host, r.String("host"));
  VERITY_RETURN_IF_ERROR(ledger::CheckPartyName(s->host, r.PathOf("host")));
  VERITY_ASSIGN_OR_RETURN(s->inspector, r.String("inspector"));
  VERITY_RETURN_IF_ERROR(ledger::CheckPartyName(s->inspector, r.PathOf("inspector")));
  if (s->host == s->inspector) {
    return InvalidArgument(r.PathOf("inspector") + ": the inspecting party must differ from host");
  }
  VERITY_ASSIGN_OR_RETURN(s->start, r.DateValue("start"));
  VERITY_ASSIGN_OR_RETURN(int64_t years, r.Int("years", 1, limits::kMaxExerciseYears));
  s->years = static_cast<int>(years);
  VERITY_ASSIGN_OR_RETURN(int64_t seed, r.Int("seed", 0, INT64_MAX));
  s->seed = static_cast<uint64_t>(seed);
  return Status::Ok();
}

Status ReadPolicy(const TomlReader& r, Policy* p) {
  VERITY_RETURN_IF_ERROR(r.RejectUnknown(
      {"choice", "type_one", "type_two", "detection_probability", "assumed_hidden"}));
  VERITY_ASSIGN_OR_RETURN(std::string choice, r.String("choice"));
  if (choice == "planner") {
    p->choice = Choice::kPlanner;
  } else if (choice == "random") {
    p->choice = Choice::kRandom;
  } else {
    return InvalidArgument(r.PathOf("choice") + ": unknown value " + Quote(choice) +
                           " (expected one of: planner, random)");
  }
  const int64_t max = limits::kMaxExerciseInspectionsPerYear;
  VERITY_ASSIGN_OR_RETURN(p->type_one, r.OptInt("type_one", 0, max, -1));
  VERITY_ASSIGN_OR_RETURN(p->type_two, r.OptInt("type_two", 0, max, -1));
  VERITY_ASSIGN_OR_RETURN(p->detection_probability, r.OptDouble("detection_probability", 0, 1, 1));
  if (r.Has("assumed_hidden") && p->choice != Choice::kPlanner) {
    return InvalidArgument(r.PathOf("assumed_hidden") + ": only for choice = \"planner\"");
  }
  VERITY_ASSIGN_OR_RETURN(p->assumed_hidden,
                          r.OptInt("assumed_hidden", 1, limits::kMaxExerciseItems, 1));
  return Status::Ok();
}

Status ReadDeclaration(const toml::table& t, const std::string& source, Script* s) {
  for (const char* key : {"party", "as_of"}) {
    if (t.contains(key)) {
      return InvalidArgument(source + ": declaration." + key +
                             ": set by [exercise] (host and start), leave it out");
    }
  }
  VERITY_ASSIGN_OR_RETURN(Json doc, ToJson(t, source + ": declaration", 1));
  if (!doc.contains("format")) doc["format"] = "verity-declaration/1";
  doc["party"] = s->host;
  doc["as_of"] = s->start.ToString();
  forces::DeclarationOptions options;  // no base_dir: the script names no CSV file
  options.max_items = limits::kMaxExerciseItems;
  VERITY_ASSIGN_OR_RETURN(s->declaration,
                          forces::ParseDeclaration(doc, source + ": declaration", options));
  return Status::Ok();
}

StatusOr<DeviationKind> KindOf(const TomlReader& r) {
  VERITY_ASSIGN_OR_RETURN(std::string kind, r.String("kind"));
  for (DeviationKind k : {DeviationKind::kHiddenItem, DeviationKind::kUpload,
                          DeviationKind::kUnreportedMovement, DeviationKind::kConversionNotDone}) {
    if (kind == Name(k)) return k;
  }
  return InvalidArgument(r.PathOf("kind") + ": unknown value " + Quote(kind) +
                         " (expected one of: hidden_item, upload, unreported_movement, "
                         "conversion_not_done)");
}

Status ReadKindKeys(const TomlReader& r, Deviation* d) {
  switch (d->kind) {
    case DeviationKind::kHiddenItem: {
      VERITY_RETURN_IF_ERROR(
          r.RejectUnknown({"id", "kind", "from", "note", "uid", "type", "facility", "warheads"}));
      VERITY_ASSIGN_OR_RETURN(d->uid, Id(r, "uid"));
      VERITY_ASSIGN_OR_RETURN(d->type, Id(r, "type"));
      VERITY_ASSIGN_OR_RETURN(d->facility, Id(r, "facility"));
      VERITY_ASSIGN_OR_RETURN(int64_t w, r.OptInt("warheads", 0, 1000, 0));
      d->warheads = static_cast<int32_t>(w);
      return Status::Ok();
    }
    case DeviationKind::kUpload: {
      VERITY_RETURN_IF_ERROR(
          r.RejectUnknown({"id", "kind", "from", "note", "site", "count", "extra_warheads"}));
      VERITY_ASSIGN_OR_RETURN(d->site, Id(r, "site"));
      VERITY_ASSIGN_OR_RETURN(d->count, r.Int("count", 1, limits::kMaxExerciseItems));
      VERITY_ASSIGN_OR_RETURN(int64_t extra, r.Int("extra_warheads", 1, 1000));
      d->extra_warheads = static_cast<int32_t>(extra);
      return Status::Ok();
    }
    case DeviationKind::kUnreportedMovement: {
      VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "kind", "from", "note", "uid", "to"}));
      VERITY_ASSIGN_OR_RETURN(d->uid, Id(r, "uid"));
      VERITY_ASSIGN_OR_RETURN(d->to, Id(r, "to"));
      return Status::Ok();
    }
    case DeviationKind::kConversionNotDone: {
      VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "kind", "from", "note", "uid", "procedure"}));
      VERITY_ASSIGN_OR_RETURN(d->uid, Id(r, "uid"));
      VERITY_ASSIGN_OR_RETURN(d->procedure, r.OptString("procedure", "conversion to non-nuclear"));
      return CheckText(d->procedure, r.PathOf("procedure"));
    }
  }
  return Status::Ok();
}

StatusOr<Deviation> ReadDeviation(const TomlReader& r, size_t i) {
  Deviation d;
  VERITY_ASSIGN_OR_RETURN(d.kind, KindOf(r));
  d.id = std::string(Name(d.kind)) + "-" + std::to_string(i + 1);
  if (r.Has("id")) {
    VERITY_ASSIGN_OR_RETURN(d.id, Id(r, "id"));
  }
  VERITY_ASSIGN_OR_RETURN(d.from, r.DateValue("from"));
  VERITY_ASSIGN_OR_RETURN(d.note, r.OptString("note", ""));
  VERITY_RETURN_IF_ERROR(CheckText(d.note, r.PathOf("note")));
  VERITY_RETURN_IF_ERROR(ReadKindKeys(r, &d));
  return d;
}

Status ReadDeviations(const TomlReader& root, Script* s) {
  VERITY_ASSIGN_OR_RETURN(auto tables, root.Tables("deviations"));
  if (tables.size() > static_cast<size_t>(limits::kMaxExerciseDeviations)) {
    return InvalidArgument("deviations: " + std::to_string(tables.size()) +
                           " deviations, more than the limit of " +
                           std::to_string(limits::kMaxExerciseDeviations));
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < tables.size(); ++i) {
    const TomlReader r(*tables[i], "deviations[" + std::to_string(i) + "]");
    VERITY_ASSIGN_OR_RETURN(Deviation d, ReadDeviation(r, i));
    if (!ids.insert(d.id).second) {
      return InvalidArgument(r.PathOf("id") + ": " + Quote(d.id) + " is used twice");
    }
    s->deviations.push_back(std::move(d));
  }
  return Status::Ok();
}

Status ReadAll(const toml::table& root, Script* s) {
  const TomlReader r(root, "");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"exercise", "policy", "declaration", "deviations"}));
  VERITY_ASSIGN_OR_RETURN(const toml::table* exercise, r.Table("exercise"));
  VERITY_RETURN_IF_ERROR(ReadExercise(TomlReader(*exercise, "exercise"), s));
  VERITY_ASSIGN_OR_RETURN(const toml::table* policy, r.Table("policy"));
  VERITY_RETURN_IF_ERROR(ReadPolicy(TomlReader(*policy, "policy"), &s->policy));
  return ReadDeviations(r, s);
}

}  // namespace

StatusOr<Script> ParseScript(std::string_view text, std::string_view source,
                             const std::string& base_dir) {
  if (text.size() > limits::kMaxExerciseScriptBytes) {
    return InvalidArgument(std::string(source) + ": " + std::to_string(text.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(limits::kMaxExerciseScriptBytes) + " bytes");
  }
  VERITY_ASSIGN_OR_RETURN(toml::table root, ParseToml(text, source));
  Script s;
  s.source = std::string(source);
  s.sha256 = ToHex(Sha256(text));
  if (Status st = ReadAll(root, &s); !st.ok()) return st.WithContext(source);
  const toml::node* decl = root.get("declaration");
  if (decl == nullptr || !decl->is_table()) {
    return InvalidArgument(std::string(source) + ": declaration: missing (required: a table)");
  }
  VERITY_RETURN_IF_ERROR(ReadDeclaration(*decl->as_table(), s.source, &s));
  if (s.treaty.size() > 5 && s.treaty.ends_with(".toml")) {
    s.treaty_path = (std::filesystem::path(base_dir) / s.treaty).string();
  }
  return s;
}

std::vector<std::string> ShippedScripts() {
  std::vector<std::string> out;
  for (const std::string& f : EmbeddedFiles(kShippedPrefix)) {
    if (!f.ends_with(".toml")) continue;
    out.push_back(
        f.substr(sizeof(kShippedPrefix) - 1, f.size() - (sizeof(kShippedPrefix) - 1) - 5));
  }
  return out;
}

StatusOr<Script> LoadScript(const std::string& name_or_path) {
  std::error_code ec;
  if (std::filesystem::exists(name_or_path, ec)) {
    VERITY_ASSIGN_OR_RETURN(std::string text,
                            ReadFile(name_or_path, limits::kMaxExerciseScriptBytes));
    const std::string dir = std::filesystem::path(name_or_path).parent_path().string();
    return ParseScript(text, name_or_path, dir);
  }
  if (auto shipped = EmbeddedFile(kShippedPrefix + name_or_path + ".toml")) {
    return ParseScript(*shipped, name_or_path + ".toml");
  }
  std::string names;
  for (const std::string& n : ShippedScripts()) names += (names.empty() ? "" : ", ") + n;
  return NotFound(Quote(name_or_path) +
                  ": no such file, nor a shipped exercise (shipped: " + names + ")");
}

}  // namespace verity::exercise
