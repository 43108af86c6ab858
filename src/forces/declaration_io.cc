#include "forces/declaration_io.h"

#include <filesystem>

#include "core/file_io.h"
#include "core/resources.h"
#include "core/text.h"
#include "forces/ranged.h"
#include "forces/raw_item.h"

namespace verity::forces {
namespace {

using internal::RawItem;

constexpr std::string_view kFormat = "verity-declaration/1";

Status ReadFacilities(const FieldReader& root, Declaration* d) {
  VERITY_ASSIGN_OR_RETURN(const Json* arr, root.OptArray("facilities"));
  if (arr == nullptr) return Status::Ok();
  for (size_t i = 0; i < arr->size(); ++i) {
    FieldReader r(arr->at(i), JsonPathIndex("facilities", i));
    VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "type", "name", "location", "source"}));
    Facility f;
    VERITY_ASSIGN_OR_RETURN(f.id, r.String("id"));
    VERITY_ASSIGN_OR_RETURN(std::string type, r.String("type"));
    auto ft = treaty::ParseFacilityType(type);
    if (!ft || *ft == FacilityType::kAtSea) {
      return InvalidArgument(r.PathOf("type") + ": unknown facility type " + Quote(type) +
                             " (expected one of: " + treaty::FacilityTypeNames() + ")");
    }
    f.type = *ft;
    VERITY_ASSIGN_OR_RETURN(auto name, r.OptString("name"));
    VERITY_ASSIGN_OR_RETURN(auto location, r.OptString("location"));
    VERITY_ASSIGN_OR_RETURN(auto source, r.OptString("source"));
    f.name = name.value_or(f.id);
    f.location = location.value_or("");
    f.source = source.value_or("");
    if (f.id == "at_sea" ||
        !d->facility_index.emplace(f.id, static_cast<int32_t>(d->facilities.size())).second) {
      return InvalidArgument(r.PathOf("id") + ": duplicate or reserved facility id " + Quote(f.id));
    }
    d->facilities.push_back(std::move(f));
  }
  return Status::Ok();
}

// Keeps the low/high values and sources of a type's ranged numbers.
void RecordTypeRange(const std::optional<RangedInt>& mw, const std::optional<RangedInt>& cap,
                     int32_t type, Declaration* d) {
  const RangedInt m = mw.value_or(RangedInt::Exact(0)), c = cap.value_or(RangedInt::Exact(0));
  if (!m.Annotated() && !c.Annotated()) return;
  d->type_ranges.push_back({.type = type,
                            .max_warheads_low = static_cast<int32_t>(m.low),
                            .max_warheads_high = static_cast<int32_t>(m.high),
                            .capacity_low = static_cast<int32_t>(c.low),
                            .capacity_high = static_cast<int32_t>(c.high),
                            .max_warheads_source = d->InternSource(m.source),
                            .capacity_source = d->InternSource(c.source)});
}

Status ReadTypes(const FieldReader& root, Declaration* d) {
  VERITY_ASSIGN_OR_RETURN(const Json* arr, root.OptArray("types"));
  if (arr == nullptr) return Status::Ok();
  for (size_t i = 0; i < arr->size(); ++i) {
    FieldReader r(arr->at(i), JsonPathIndex("types", i));
    VERITY_RETURN_IF_ERROR(
        r.RejectUnknown({"id", "name", "class", "kind", "max_warheads", "capacity", "source"}));
    TypeDef t;
    VERITY_ASSIGN_OR_RETURN(t.id, r.String("id"));
    VERITY_ASSIGN_OR_RETURN(std::string cls, r.String("class"));
    VERITY_ASSIGN_OR_RETURN(std::string kind, r.String("kind"));
    auto c = treaty::ParseSystemClass(cls);
    if (!c)
      return InvalidArgument(r.PathOf("class") + ": unknown value " + Quote(cls) +
                             " (expected one of: " + treaty::SystemClassNames() + ")");
    auto k = treaty::ParseItemKind(kind);
    if (!k)
      return InvalidArgument(r.PathOf("kind") + ": unknown value " + Quote(kind) +
                             " (expected one of: " + treaty::ItemKindNames() + ")");
    t.system_class = *c;
    t.kind = *k;
    VERITY_ASSIGN_OR_RETURN(auto mw, OptRangedInt(r, "max_warheads", 0, kMaxWarheadsPerType));
    VERITY_ASSIGN_OR_RETURN(auto cap, OptRangedInt(r, "capacity", 0, kMaxWarheadsPerType));
    VERITY_ASSIGN_OR_RETURN(auto name, r.OptString("name"));
    VERITY_ASSIGN_OR_RETURN(auto source, r.OptString("source"));
    t.max_warheads = static_cast<int32_t>(mw.value_or(RangedInt::Exact(0)).value);
    t.capacity = static_cast<int32_t>(cap.value_or(RangedInt::Exact(0)).value);
    RecordTypeRange(mw, cap, static_cast<int32_t>(d->types.size()), d);
    t.name = name.value_or(t.id);
    t.source = source.value_or("");
    VERITY_RETURN_IF_ERROR(CheckTypeDef(t, r.path()));
    if (!d->type_index.emplace(t.id, static_cast<int32_t>(d->types.size())).second) {
      return InvalidArgument(r.PathOf("id") + ": duplicate type id " + Quote(t.id));
    }
    d->types.push_back(std::move(t));
  }
  return Status::Ok();
}

// Refuses a declaration whose items, with groups expanded and inline
// missiles added, would pass `max_items`: before any group is expanded.
Status CheckItemTotal(const std::vector<RawItem>& raw, int64_t max_items) {
  int64_t total = 0;  // no overflow: each count is at most 10^7
  for (const RawItem& r : raw) {
    total += r.count * (r.has_missile ? 2 : 1);
    if (total > max_items) {
      const std::string what =
          r.count > 1 ? "a group of " + std::to_string(r.count) : std::string("this item");
      return InvalidArgument(r.where + ": " + what + " brings the declaration to " +
                             std::to_string(total) + " items, more than the limit of " +
                             std::to_string(max_items));
    }
  }
  return Status::Ok();
}

StatusOr<std::vector<RawItem>> ReadCsvFile(const FieldReader& root, const std::string& name,
                                           const DeclarationOptions& options) {
  if (!options.base_dir) {
    return InvalidArgument(root.PathOf("items_csv") +
                           ": not allowed here (only a declaration file may name a CSV file; "
                           "give the items inline)");
  }
  const std::filesystem::path p = std::filesystem::path(*options.base_dir) / name;
  auto text = ReadFile(p.string());
  if (!text.ok()) return text.status().WithContext(root.PathOf("items_csv"));
  // The header and one row per item: more rows cannot fit the limit.
  const auto max_rows = static_cast<size_t>(options.max_items) + 1;
  return internal::ReadCsvItems(*text, p.string(), max_rows);
}

StatusOr<std::vector<RawItem>> ReadItems(const FieldReader& root,
                                         const DeclarationOptions& options) {
  std::vector<RawItem> raw;
  VERITY_ASSIGN_OR_RETURN(const Json* arr, root.OptArray("items"));
  for (size_t i = 0; arr != nullptr && i < arr->size(); ++i) {
    VERITY_ASSIGN_OR_RETURN(RawItem item,
                            internal::ReadJsonItem(arr->at(i), JsonPathIndex("items", i)));
    raw.push_back(std::move(item));
  }
  VERITY_ASSIGN_OR_RETURN(auto csv, root.OptString("items_csv"));
  if (csv) {
    VERITY_ASSIGN_OR_RETURN(auto rows, ReadCsvFile(root, *csv, options));
    for (auto& r : rows) raw.push_back(std::move(r));
  }
  VERITY_RETURN_IF_ERROR(CheckItemTotal(raw, options.max_items));
  return raw;
}

Status ParseInto(const Json& doc, const DeclarationOptions& options, Declaration* d) {
  FieldReader root(doc, "");
  VERITY_RETURN_IF_ERROR(root.RejectUnknown(
      {"format", "party", "as_of", "source", "facilities", "types", "items", "items_csv"}));
  VERITY_ASSIGN_OR_RETURN(auto format, root.OptString("format"));
  if (format && *format != kFormat) {
    return InvalidArgument("format: unsupported " + Quote(*format) + " (expected " +
                           std::string(kFormat) + ")");
  }
  VERITY_ASSIGN_OR_RETURN(d->party, root.String("party"));
  VERITY_ASSIGN_OR_RETURN(d->as_of, root.DateField("as_of"));
  VERITY_ASSIGN_OR_RETURN(auto source, root.OptString("source"));
  d->source = source.value_or("");
  VERITY_RETURN_IF_ERROR(ReadFacilities(root, d));
  VERITY_RETURN_IF_ERROR(ReadTypes(root, d));
  VERITY_ASSIGN_OR_RETURN(auto raw, ReadItems(root, options));
  VERITY_RETURN_IF_ERROR(internal::ResolveItems(raw, d));
  d->BuildIndex();
  return Status::Ok();
}

}  // namespace

Status CheckTypeDef(const TypeDef& t, std::string_view path) {
  using treaty::ItemKind;
  using treaty::SystemClass;
  const auto at = [&](std::string_view member) { return JsonPathField(path, member); };
  for (const auto& [member, value] :
       {std::pair{"max_warheads", t.max_warheads}, std::pair{"capacity", t.capacity}}) {
    if (value < 0 || value > kMaxWarheadsPerType) {
      return InvalidArgument(at(member) + ": " + std::to_string(value) +
                             " is out of range (expected 0.." +
                             std::to_string(kMaxWarheadsPerType) + ")");
    }
  }
  const bool bomber_kind = t.kind == ItemKind::kHeavyBomber;
  const bool bomber_class = t.system_class == SystemClass::kHeavyBomber;
  const bool sea_kind = t.kind == ItemKind::kSlbmLauncher || t.kind == ItemKind::kSubmarine;
  if (bomber_kind != bomber_class || (sea_kind && t.system_class != SystemClass::kSlbm) ||
      ((t.kind == ItemKind::kSiloLauncher || t.kind == ItemKind::kMobileLauncher) &&
       t.system_class != SystemClass::kIcbm)) {
    return InvalidArgument(at("kind") + ": a " + std::string(treaty::Name(t.kind)) +
                           " cannot be of class " + std::string(treaty::Name(t.system_class)));
  }
  if (t.kind == ItemKind::kMissile && t.max_warheads < 1) {
    return InvalidArgument(at("max_warheads") +
                           ": missing (a missile type needs max_warheads >= 1)");
  }
  return Status::Ok();
}

StatusOr<Declaration> ParseDeclaration(const Json& doc, std::string_view source,
                                       const DeclarationOptions& options) {
  Declaration d;
  Status s = ParseInto(doc, options, &d);
  if (!s.ok()) return s.WithContext(source);
  return d;
}

StatusOr<Declaration> ParseDeclarationText(std::string_view text, std::string_view source,
                                           const DeclarationOptions& options) {
  VERITY_ASSIGN_OR_RETURN(Json doc, ParseJson(text, source));
  return ParseDeclaration(doc, source, options);
}

std::vector<std::string> ShippedDeclarations() {
  std::vector<std::string> out;
  for (const auto& path : EmbeddedFiles("declarations/")) {
    const std::filesystem::path p(path);
    if (p.extension() == ".json") out.push_back(p.stem().string());
  }
  return out;
}

StatusOr<Declaration> LoadShippedDeclaration(const std::string& name) {
  if (auto text = EmbeddedFile("declarations/" + name + ".json")) {
    return ParseDeclarationText(*text, name + ".json");
  }
  std::string known;
  for (const auto& n : ShippedDeclarations()) known += (known.empty() ? "" : ", ") + n;
  return NotFound("no shipped declaration " + Quote(name) + " (shipped: " + known + ")");
}

StatusOr<Declaration> LoadDeclaration(const std::string& path_or_name) {
  std::error_code ec;  // the non-throwing form: a name too long for a path is just a name
  if (path_or_name != "-" && !std::filesystem::exists(path_or_name, ec)) {
    if (auto text = EmbeddedFile("declarations/" + path_or_name + ".json")) {
      return ParseDeclarationText(*text, path_or_name + ".json");
    }
  }
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path_or_name));
  const std::string source = path_or_name == "-" ? "<stdin>" : path_or_name;
  DeclarationOptions options;
  options.base_dir =
      path_or_name == "-" ? "" : std::filesystem::path(path_or_name).parent_path().string();
  return ParseDeclarationText(text, source, options);
}

}  // namespace verity::forces
