#include "treaty/treaty.h"

#include <algorithm>
#include <filesystem>

#include "core/file_io.h"
#include "core/limits.h"
#include "core/resources.h"
#include "core/text.h"
#include "core/toml.h"
#include "treaty/treaty_process.h"

namespace verity::treaty {
namespace {

std::string Indexed(std::string_view key, size_t i) {
  return std::string(key) + "[" + std::to_string(i) + "]";
}

// The tables of `key` (an array of tables), at most limits::kMaxTreatyTables
// of them: each is looked up among the others, so their number is bounded.
StatusOr<std::vector<const toml::table*>> BoundedTables(const TomlReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(auto tables, r.Tables(key));
  if (tables.size() > static_cast<size_t>(limits::kMaxTreatyTables)) {
    return InvalidArgument(r.PathOf(key) + ": " + std::to_string(tables.size()) +
                           " tables, more than the limit of " +
                           std::to_string(limits::kMaxTreatyTables));
  }
  return tables;
}

// With a base treaty, [dates] and each of its keys are optional overrides.
Status ParseDates(const TomlReader& root, bool has_base, TreatyDates* d) {
  if (has_base && !root.Has("dates")) return Status::Ok();
  VERITY_ASSIGN_OR_RETURN(const toml::table* t, root.Table("dates"));
  TomlReader r(*t, "dates");
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"signed", "entry_into_force", "limits_binding", "expiry"}));
  const std::pair<std::string_view, Date*> keys[] = {{"signed", &d->signed_on},
                                                     {"entry_into_force", &d->entry_into_force},
                                                     {"limits_binding", &d->limits_binding},
                                                     {"expiry", &d->expiry}};
  for (auto [key, field] : keys) {
    if (has_base && !r.Has(key)) continue;
    VERITY_ASSIGN_OR_RETURN(*field, r.DateValue(key));
  }
  if (!(d->signed_on <= d->entry_into_force && d->entry_into_force <= d->limits_binding &&
        d->limits_binding < d->expiry)) {
    return InvalidArgument("dates: expected signed <= entry_into_force <= limits_binding < expiry");
  }
  return Status::Ok();
}

Status CheckCategoryCount(size_t n) {
  if (n <= static_cast<size_t>(limits::kMaxCategories)) return Status::Ok();
  return InvalidArgument("categories: " + std::to_string(n) +
                         " categories, more than the limit of " +
                         std::to_string(limits::kMaxCategories));
}

// A category as written, before its rule is compiled.
struct CategoryDef {
  std::string id, description, source, rule;
  std::string path;  // for errors
};

// Categories of the base treaty (if any), replaced by id or extended by the
// file's own; then every rule is compiled in order, so a replaced category
// also changes the categories that refer to it.
Status ParseCategories(const TomlReader& root, Treaty* t) {
  std::vector<CategoryDef> defs;
  for (const auto& c : t->categories)
    defs.push_back({c.id, c.description, c.source, c.rule.text(), "base"});
  VERITY_ASSIGN_OR_RETURN(auto tables, root.Tables("categories"));
  // Checked before the duplicate search below, which is quadratic.
  VERITY_RETURN_IF_ERROR(CheckCategoryCount(tables.size()));
  if (tables.empty() && defs.empty())
    return InvalidArgument("categories: at least one [[categories]] is required");
  for (size_t i = 0; i < tables.size(); ++i) {
    TomlReader r(*tables[i], Indexed("categories", i));
    VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "description", "rule", "source"}));
    CategoryDef c;
    c.path = r.path();
    VERITY_ASSIGN_OR_RETURN(c.id, r.String("id"));
    if (FindField(c.id) != nullptr)
      return InvalidArgument(r.PathOf("id") + ": " + Quote(c.id) + " is a field name");
    VERITY_ASSIGN_OR_RETURN(c.description, r.OptString("description", ""));
    VERITY_ASSIGN_OR_RETURN(c.source, r.OptString("source", ""));
    VERITY_ASSIGN_OR_RETURN(c.rule, r.String("rule"));
    auto same =
        std::find_if(defs.begin(), defs.end(), [&](const CategoryDef& d) { return d.id == c.id; });
    if (same != defs.end() && same->path != "base") {
      return InvalidArgument(r.PathOf("id") + ": duplicate category " + Quote(c.id));
    }
    if (same != defs.end())
      *same = std::move(c);
    else
      defs.push_back(std::move(c));
  }
  VERITY_RETURN_IF_ERROR(CheckCategoryCount(defs.size()));
  t->categories.clear();
  for (const CategoryDef& c : defs) {
    // Only the categories compiled so far (the earlier ones) are found.
    auto rule = Rule::Compile(c.rule, [t](std::string_view id) { return t->FindCategory(id); });
    if (!rule.ok())
      return rule.status().WithContext(c.path == "base" ? "base category " + c.id
                                                        : c.path + ".rule");
    t->categories.push_back({c.id, c.description, c.source, std::move(rule).value()});
  }
  return Status::Ok();
}

Status ParseTerm(const toml::table& tbl, const std::string& path, const Treaty& t, Term* term) {
  TomlReader r(tbl, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"category", "per_item"}));
  VERITY_ASSIGN_OR_RETURN(std::string cat, r.String("category"));
  term->category = t.FindCategory(cat);
  if (term->category < 0)
    return InvalidArgument(r.PathOf("category") + ": unknown category " + Quote(cat));
  const toml::node* w = tbl.get("per_item");
  if (w == nullptr) return Status::Ok();
  if (w->is_integer()) {
    VERITY_ASSIGN_OR_RETURN(int64_t k, r.Int("per_item", 0, 1000));
    term->weight = Weight::kConstant;
    term->constant = static_cast<int32_t>(k);
    return Status::Ok();
  }
  VERITY_ASSIGN_OR_RETURN(std::string s, r.String("per_item"));
  if (s == "one")
    term->weight = Weight::kOne;
  else if (s == "warheads")
    term->weight = Weight::kWarheads;
  else if (s == "capacity")
    term->weight = Weight::kCapacity;
  else
    return InvalidArgument(r.PathOf("per_item") +
                           ": expected one, warheads, capacity or an integer, got " + Quote(s));
  return Status::Ok();
}

// Limits of the base treaty are replaced by id; new ids are appended.
Status ParseLimits(const TomlReader& root, Treaty* t) {
  const size_t base_limits = t->limits.size();
  VERITY_ASSIGN_OR_RETURN(auto tables, BoundedTables(root, "limits"));
  for (size_t i = 0; i < tables.size(); ++i) {
    TomlReader r(*tables[i], Indexed("limits", i));
    VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "name", "max", "source", "count"}));
    Limit l;
    VERITY_ASSIGN_OR_RETURN(l.id, r.String("id"));
    const int existing = t->FindLimit(l.id);
    if (existing >= 0 && static_cast<size_t>(existing) >= base_limits) {
      return InvalidArgument(r.PathOf("id") + ": duplicate limit " + Quote(l.id));
    }
    VERITY_ASSIGN_OR_RETURN(l.name, r.OptString("name", l.id));
    VERITY_ASSIGN_OR_RETURN(l.max, r.Int("max", 0, 1'000'000'000));
    VERITY_ASSIGN_OR_RETURN(l.source, r.OptString("source", ""));
    VERITY_ASSIGN_OR_RETURN(auto terms, BoundedTables(r, "count"));
    if (terms.empty()) return InvalidArgument(r.PathOf("count") + ": expected at least one term");
    for (size_t k = 0; k < terms.size(); ++k) {
      Term term;
      VERITY_RETURN_IF_ERROR(ParseTerm(*terms[k], Indexed(r.PathOf("count"), k), *t, &term));
      l.terms.push_back(term);
    }
    if (existing >= 0)
      t->limits[static_cast<size_t>(existing)] = std::move(l);
    else
      t->limits.push_back(std::move(l));
  }
  return Status::Ok();
}

Status ParseQuotas(const TomlReader& root, Treaty* t) {
  VERITY_ASSIGN_OR_RETURN(auto tables, BoundedTables(root, "inspections"));
  for (size_t i = 0; i < tables.size(); ++i) {
    TomlReader r(*tables[i], Indexed("inspections", i));
    VERITY_RETURN_IF_ERROR(
        r.RejectUnknown({"id", "name", "per_year", "sites", "designations", "source"}));
    InspectionQuota q;
    VERITY_ASSIGN_OR_RETURN(q.id, r.String("id"));
    VERITY_ASSIGN_OR_RETURN(q.name, r.OptString("name", q.id));
    VERITY_ASSIGN_OR_RETURN(int64_t per_year, r.Int("per_year", 0, 10'000));
    q.per_year = static_cast<int>(per_year);
    VERITY_ASSIGN_OR_RETURN(int64_t des, r.OptInt("designations", 0, 1000, 0));
    q.designations = static_cast<int>(des);
    VERITY_ASSIGN_OR_RETURN(q.source, r.OptString("source", ""));
    VERITY_ASSIGN_OR_RETURN(auto sites, r.Strings("sites"));
    for (size_t k = 0; k < sites.size(); ++k) {
      auto f = ParseFacilityType(sites[k]);
      if (!f) {
        return InvalidArgument(Indexed(r.PathOf("sites"), k) + ": unknown facility type " +
                               Quote(sites[k]) + " (expected one of: " + FacilityTypeNames() + ")");
      }
      q.sites.push_back(*f);
    }
    auto same = std::find_if(t->quotas.begin(), t->quotas.end(),
                             [&](const InspectionQuota& o) { return o.id == q.id; });
    if (same != t->quotas.end())
      *same = std::move(q);
    else
      t->quotas.push_back(std::move(q));
  }
  return Status::Ok();
}

Status ParseDeadlines(const TomlReader& root, Treaty* t) {
  VERITY_ASSIGN_OR_RETURN(auto tables, BoundedTables(root, "deadlines"));
  for (size_t i = 0; i < tables.size(); ++i) {
    TomlReader r(*tables[i], Indexed("deadlines", i));
    VERITY_RETURN_IF_ERROR(r.RejectUnknown({"notification", "days", "source"}));
    Deadline d;
    VERITY_ASSIGN_OR_RETURN(d.id, r.String("notification"));
    VERITY_ASSIGN_OR_RETURN(int64_t days, r.Int("days", 0, 3650));
    d.days = static_cast<int>(days);
    VERITY_ASSIGN_OR_RETURN(d.source, r.OptString("source", ""));
    auto same = std::find_if(t->deadlines.begin(), t->deadlines.end(),
                             [&](const Deadline& o) { return o.id == d.id; });
    if (same != t->deadlines.end())
      *same = std::move(d);
    else
      t->deadlines.push_back(std::move(d));
  }
  return Status::Ok();
}

Status ParseAll(const toml::table& doc, Treaty* t) {
  TomlReader root(doc, "");
  VERITY_RETURN_IF_ERROR(
      root.RejectUnknown({"name", "source", "base", "dates", "categories", "limits", "inspections",
                          "deadlines", "commission", "data_exchanges", "regime"}));
  VERITY_ASSIGN_OR_RETURN(std::string base, root.OptString("base", ""));
  if (!base.empty()) {
    // A base may itself have a base; a cycle would recurse without end.
    static thread_local int depth = 0;
    if (depth >= limits::kMaxBaseTreaties) {
      return InvalidArgument("base: more than " + std::to_string(limits::kMaxBaseTreaties) +
                             " nested base treaties (a cycle?)");
    }
    ++depth;
    auto b = LoadTreaty(base);
    --depth;
    if (!b.ok()) return b.status().WithContext("base");
    const std::string id = t->id;
    *t = std::move(b).value();
    t->id = id;
  }
  VERITY_ASSIGN_OR_RETURN(t->name, root.String("name"));
  VERITY_ASSIGN_OR_RETURN(t->source, root.OptString("source", t->source));
  VERITY_RETURN_IF_ERROR(ParseDates(root, !base.empty(), &t->dates));
  VERITY_RETURN_IF_ERROR(ParseCategories(root, t));
  VERITY_RETURN_IF_ERROR(ParseLimits(root, t));
  VERITY_RETURN_IF_ERROR(ParseQuotas(root, t));
  VERITY_RETURN_IF_ERROR(ParseDeadlines(root, t));
  return internal::ParseProcess(root, t);
}

}  // namespace

std::string_view Name(LimitStatus s) {
  switch (s) {
    case LimitStatus::kWithin:
      return "within";
    case LimitStatus::kOver:
      return "over";
    case LimitStatus::kNotBinding:
      return "not_binding";
    case LimitStatus::kExpired:
      return "expired";
  }
  return "unknown";
}

int Treaty::FindCategory(std::string_view cid) const {
  for (size_t i = 0; i < categories.size(); ++i) {
    if (categories[i].id == cid) return static_cast<int>(i);
  }
  return -1;
}

uint64_t Treaty::CategoriesOf(const FactRow& facts) const {
  uint64_t mask = 0;
  for (size_t c = 0; c < categories.size(); ++c) {
    if (categories[c].rule.Matches(facts, mask)) mask |= uint64_t{1} << c;
  }
  return mask;
}

int Treaty::FindLimit(std::string_view lid) const {
  for (size_t i = 0; i < limits.size(); ++i) {
    if (limits[i].id == lid) return static_cast<int>(i);
  }
  return -1;
}

const InspectionQuota* Treaty::FindQuota(std::string_view qid) const {
  for (const auto& q : quotas) {
    if (q.id == qid) return &q;
  }
  return nullptr;
}

int Treaty::DeadlineDays(std::string_view type) const {
  int fallback = 5;
  for (const auto& d : deadlines) {
    if (d.id == type) return d.days;
    if (d.id == "default") fallback = d.days;
  }
  return fallback;
}

LimitStatus Treaty::StatusOn(Date as_of, const Limit& limit, int64_t count) const {
  if (as_of >= dates.expiry) return LimitStatus::kExpired;
  if (as_of < dates.limits_binding) return LimitStatus::kNotBinding;
  return count > limit.max ? LimitStatus::kOver : LimitStatus::kWithin;
}

int Treaty::TreatyYear(Date d) const {
  if (d < dates.entry_into_force) return 0;
  int year = d.year() - dates.entry_into_force.year() + 1;
  while (TreatyYearStart(year) > d) --year;
  return year;
}

Date Treaty::TreatyYearStart(int year) const { return dates.entry_into_force.AddYears(year - 1); }

StatusOr<Treaty> ParseTreaty(std::string_view toml_text, std::string_view source,
                             std::string_view id) {
  VERITY_ASSIGN_OR_RETURN(toml::table doc, ParseToml(toml_text, source));
  Treaty t;
  t.id = std::string(id);
  Status s = ParseAll(doc, &t);
  if (!s.ok()) return s.WithContext(source);
  return t;
}

std::vector<std::string> ShippedTreaties() {
  std::vector<std::string> out;
  for (const auto& path : EmbeddedFiles("treaties/")) {
    out.push_back(std::filesystem::path(path).stem().string());
  }
  return out;
}

StatusOr<Treaty> LoadTreaty(const std::string& name_or_path) {
  const std::filesystem::path p(name_or_path);
  std::error_code ec;  // the non-throwing form: a name too long for a path is just a name
  if (p.extension() == ".toml" || std::filesystem::exists(p, ec)) {
    VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(name_or_path));
    return ParseTreaty(text, name_or_path, p.stem().string());
  }
  if (auto text = EmbeddedFile("treaties/" + name_or_path + ".toml")) {
    return ParseTreaty(*text, name_or_path + ".toml", name_or_path);
  }
  std::string names;
  for (const auto& n : ShippedTreaties()) names += (names.empty() ? "" : ", ") + n;
  return NotFound("no treaty named " + Quote(name_or_path) + " (shipped: " + names +
                  "; or give a path to a .toml file)");
}

}  // namespace verity::treaty
