#include "upload/assumptions.h"

#include <algorithm>

#include "core/file_io.h"
#include "core/resources.h"
#include "core/table.h"
#include "core/text.h"
#include "core/toml.h"

namespace verity::upload {
namespace {

constexpr int64_t kMaxLoading = 1000;
constexpr int64_t kMaxWarheads = 1'000'000;
constexpr int64_t kMaxMonths = 600;

// A value written as { value = N, low = L, high = H, source = "..." }.
StatusOr<RangedInt> ReadRanged(const TomlReader& r, std::string_view key, int64_t min,
                               int64_t max) {
  VERITY_ASSIGN_OR_RETURN(const toml::table* t, r.Table(key));
  TomlReader v(*t, r.PathOf(key));
  VERITY_RETURN_IF_ERROR(v.RejectUnknown({"value", "low", "high", "source"}));
  RangedInt out;
  VERITY_ASSIGN_OR_RETURN(out.value, v.Int("value", min, max));
  VERITY_ASSIGN_OR_RETURN(out.low, v.OptInt("low", min, max, out.value));
  VERITY_ASSIGN_OR_RETURN(out.high, v.OptInt("high", min, max, out.value));
  VERITY_ASSIGN_OR_RETURN(out.source, v.String("source"));
  if (out.source.empty())
    return InvalidArgument(v.PathOf("source") + ": expected a non-empty string");
  VERITY_RETURN_IF_ERROR(forces::CheckRangeOrder(out, v.path()));
  return out;
}

StatusOr<RangedInt> OptRanged(const TomlReader& r, std::string_view key, int64_t min, int64_t max) {
  if (!r.Has(key)) return RangedInt::Exact(0);
  return ReadRanged(r, key, min, max);
}

StatusOr<SourcedBool> OptSourcedBool(const TomlReader& r, std::string_view key) {
  if (!r.Has(key)) return SourcedBool{};
  VERITY_ASSIGN_OR_RETURN(const toml::table* t, r.Table(key));
  TomlReader v(*t, r.PathOf(key));
  VERITY_RETURN_IF_ERROR(v.RejectUnknown({"value", "source"}));
  if (!v.Has("value")) return InvalidArgument(v.PathOf("value") + ": missing (required)");
  SourcedBool out;
  VERITY_ASSIGN_OR_RETURN(out.value, v.OptBool("value", false));
  VERITY_ASSIGN_OR_RETURN(out.source, v.String("source"));
  return out;
}

StatusOr<TypeAssumptions> ReadType(const TomlReader& r, std::string type) {
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"max_loading", "warheads_available", "upload_rate", "reload_months",
                       "current_loading", "reconvert_months", "reconvertible"}));
  TypeAssumptions t;
  t.type = std::move(type);
  VERITY_ASSIGN_OR_RETURN(t.max_loading, ReadRanged(r, "max_loading", 0, kMaxLoading));
  VERITY_ASSIGN_OR_RETURN(t.warheads_available,
                          ReadRanged(r, "warheads_available", 0, kMaxWarheads));
  VERITY_ASSIGN_OR_RETURN(t.upload_rate, ReadRanged(r, "upload_rate", 1, kMaxWarheads));
  VERITY_ASSIGN_OR_RETURN(t.reload_months, OptRanged(r, "reload_months", 0, kMaxMonths));
  VERITY_ASSIGN_OR_RETURN(t.current_loading, OptRanged(r, "current_loading", 0, kMaxLoading));
  VERITY_ASSIGN_OR_RETURN(t.reconvert_months, OptRanged(r, "reconvert_months", 0, kMaxMonths));
  VERITY_ASSIGN_OR_RETURN(t.reconvertible, OptSourcedBool(r, "reconvertible"));
  return t;
}

StatusOr<PoolAssumptions> ReadPool(const TomlReader& r, std::string name, const Assumptions& a) {
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"types", "warheads"}));
  PoolAssumptions p;
  p.name = std::move(name);
  VERITY_ASSIGN_OR_RETURN(p.types, r.Strings("types"));
  if (p.types.empty())
    return InvalidArgument(r.PathOf("types") + ": expected at least one type id");
  for (size_t i = 0; i < p.types.size(); ++i) {
    const std::string at = r.PathOf("types") + "[" + std::to_string(i) + "]";
    if (a.Find(p.types[i]) == nullptr) {
      return InvalidArgument(at + ": " + Quote(p.types[i]) + " has no [types." + p.types[i] +
                             "] table");
    }
    if (std::find(p.types.begin(), p.types.begin() + static_cast<std::ptrdiff_t>(i), p.types[i]) !=
        p.types.begin() + static_cast<std::ptrdiff_t>(i)) {
      return InvalidArgument(at + ": " + Quote(p.types[i]) + " is listed twice");
    }
  }
  VERITY_ASSIGN_OR_RETURN(p.warheads, ReadRanged(r, "warheads", 0, kMaxWarheads));
  return p;
}

// [pools.<name>] tables, after the types they refer to.
Status ParsePools(const TomlReader& r, Assumptions* a) {
  if (!r.Has("pools")) return Status::Ok();
  VERITY_ASSIGN_OR_RETURN(const toml::table* pools, r.Table("pools"));
  for (const auto& [key, node] : *pools) {
    const std::string path = "pools." + std::string(key.str());
    if (!node.is_table()) return InvalidArgument(path + ": expected a table ([" + path + "])");
    VERITY_ASSIGN_OR_RETURN(
        auto p, ReadPool(TomlReader(*node.as_table(), path), std::string(key.str()), *a));
    a->pools.push_back(std::move(p));
  }
  return Status::Ok();
}

Status ParseInto(const toml::table& root, Assumptions* a) {
  TomlReader r(root, "");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"party", "source", "types", "pools"}));
  VERITY_ASSIGN_OR_RETURN(a->party, r.String("party"));
  VERITY_ASSIGN_OR_RETURN(a->source, r.OptString("source", ""));
  VERITY_ASSIGN_OR_RETURN(const toml::table* types, r.Table("types"));
  for (const auto& [key, node] : *types) {
    const std::string path = "types." + std::string(key.str());
    if (!node.is_table()) return InvalidArgument(path + ": expected a table ([" + path + "])");
    VERITY_ASSIGN_OR_RETURN(auto t,
                            ReadType(TomlReader(*node.as_table(), path), std::string(key.str())));
    a->types.push_back(std::move(t));
  }
  if (a->types.empty()) return InvalidArgument("types: expected at least one [types.<id>] table");
  return ParsePools(r, a);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

const TypeAssumptions* Assumptions::Find(std::string_view type) const {
  for (const auto& t : types) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

StatusOr<Assumptions> ParseAssumptions(std::string_view toml_text, std::string_view source) {
  VERITY_ASSIGN_OR_RETURN(toml::table root, ParseToml(toml_text, source));
  Assumptions a;
  a.origin = std::string(source);
  Status s = ParseInto(root, &a);
  if (!s.ok()) return s.WithContext(source);
  return a;
}

StatusOr<Assumptions> LoadAssumptions(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseAssumptions(text, path);
}

StatusOr<Assumptions> DefaultAssumptions(std::string_view party) {
  const std::string path = "assumptions/" + Lower(party) + ".toml";
  const auto text = EmbeddedFile(path);
  if (!text) {
    std::string known;
    for (const auto& f : EmbeddedFiles("assumptions/")) known += (known.empty() ? "" : ", ") + f;
    return NotFound("no shipped upload assumptions for party " + Quote(std::string(party)) +
                    " (shipped: " + known + "); pass --assumptions FILE");
  }
  return ParseAssumptions(*text, path);
}

namespace {

Json RangedJson(const RangedInt& v) {
  return {{"value", v.value}, {"low", v.low}, {"high", v.high}, {"source", v.source}};
}

// The values a type states, in file order, skipping absent optional ones.
std::vector<std::pair<std::string, const RangedInt*>> NamedValues(const TypeAssumptions& t) {
  std::vector<std::pair<std::string, const RangedInt*>> out = {
      {"max_loading", &t.max_loading},         {"warheads_available", &t.warheads_available},
      {"upload_rate", &t.upload_rate},         {"reload_months", &t.reload_months},
      {"current_loading", &t.current_loading}, {"reconvert_months", &t.reconvert_months}};
  std::erase_if(out, [](const auto& p) { return p.second->source.empty(); });
  return out;
}

}  // namespace

Json AssumptionsJson(const Assumptions& a) {
  Json types = Json::object();
  for (const auto& t : a.types) {
    Json j = Json::object();
    for (const auto& [name, v] : NamedValues(t)) j[name] = RangedJson(*v);
    if (!t.reconvertible.source.empty()) {
      j["reconvertible"] = {{"value", t.reconvertible.value}, {"source", t.reconvertible.source}};
    }
    types[t.type] = std::move(j);
  }
  Json pools = Json::object();
  for (const auto& p : a.pools)
    pools[p.name] = {{"types", p.types}, {"warheads", RangedJson(p.warheads)}};
  return {{"party", a.party},
          {"source", a.source},
          {"origin", a.origin},
          {"types", types},
          {"pools", pools}};
}

std::string AssumptionsText(const Assumptions& a) {
  TextTable table({"type", "assumption", "value", "low", "high", "source"});
  for (const auto& t : a.types) {
    for (const auto& [name, v] : NamedValues(t)) {
      table.AddRow({t.type, name, std::to_string(v->value), std::to_string(v->low),
                    std::to_string(v->high), v->source});
    }
    if (!t.reconvertible.source.empty()) {
      const std::string b = t.reconvertible.value ? "true" : "false";
      table.AddRow({t.type, "reconvertible", b, b, b, t.reconvertible.source});
    }
  }
  for (const auto& p : a.pools) {
    std::string types;
    for (const auto& t : p.types) types += (types.empty() ? "" : " ") + t;
    table.AddRow({"pool " + p.name + " (" + types + ")", "warheads",
                  std::to_string(p.warheads.value), std::to_string(p.warheads.low),
                  std::to_string(p.warheads.high), p.warheads.source});
  }
  return "Assumptions (" + a.origin + (a.source.empty() ? "" : "; " + a.source) + ")\n" +
         table.ToText();
}

}  // namespace verity::upload
