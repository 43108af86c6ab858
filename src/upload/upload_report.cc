#include "upload/upload_report.h"

#include "core/table.h"

namespace verity::upload {
namespace {

Json Summary(int64_t warheads, int64_t vehicles, int months, bool reached) {
  return {{"added_warheads", warheads},
          {"added_vehicles", vehicles},
          {"months_to_max", months},
          {"reached", reached}};
}

Json TypeJson(const TypeUpload& u) {
  return {{"type", u.type},
          {"name", u.name},
          {"class", u.system_class},
          {"current_vehicles", u.current_vehicles},
          {"current_warheads", u.current_warheads},
          {"vehicles_filled", u.vehicles_filled},
          {"fill_warheads", u.fill_warheads},
          {"spare_missiles", u.spare_missiles},
          {"launchers_reloaded", u.launchers_reloaded},
          {"reload_warheads", u.reload_warheads},
          {"bombers_reconverted", u.bombers_reconverted},
          {"reconvert_warheads", u.reconvert_warheads},
          {"uncapped_warheads", u.uncapped_warheads},
          {"added_warheads", u.added_warheads},
          {"added_vehicles", u.added_vehicles},
          {"capped", u.capped},
          {"pool_capped", u.pool_capped.empty() ? Json(nullptr) : Json(u.pool_capped)},
          {"months_to_max", u.months_to_max},
          {"reached", u.reached}};
}

Json PoolsJson(const Plan& p) {
  Json pools = Json::array();
  for (const PoolUse& u : p.pools) {
    pools.push_back(
        {{"name", u.name}, {"warheads", u.warheads}, {"used", u.used}, {"capped", u.capped}});
  }
  return pools;
}

std::string PoolsText(const Plan& p) {
  std::string out;
  for (const PoolUse& u : p.pools) {
    out += "Pool " + u.name + ": " + std::to_string(u.used) + " of " + std::to_string(u.warheads) +
           " warheads used" + (u.capped ? " (exhausted: its types could add more)" : "") + "\n";
  }
  return out;
}

Json TimelineJson(const Plan& p) {
  Json rows = Json::array();
  for (const TimelineRow& row : p.timeline) {
    Json by_type = Json::object();
    for (size_t t = 0; t < p.types.size(); ++t) {
      by_type[p.types[t].type] = {{"warheads", row.warheads[t]}, {"vehicles", row.vehicles[t]}};
    }
    rows.push_back({{"month", row.month},
                    {"warheads", row.total_warheads},
                    {"vehicles", row.total_vehicles},
                    {"by_type", by_type}});
  }
  return rows;
}

std::string Span(const UploadResult& r, int64_t central, int64_t (*get)(const Plan&)) {
  if (!r.low) return std::to_string(central);
  return std::to_string(central) + " [" + std::to_string(get(*r.low)) + ".." +
         std::to_string(get(*r.high)) + "]";
}

std::string TypesText(const UploadResult& r) {
  TextTable t({"type", "class", "now: vehicles", "warheads", "filled", "+fill", "reloaded",
               "+reload", "reconverted", "+reconvert", "added warheads", "added vehicles", "months",
               "limited by"});
  for (const TypeUpload& u : r.central.types) {
    t.AddRow({u.type, u.system_class, std::to_string(u.current_vehicles),
              std::to_string(u.current_warheads), std::to_string(u.vehicles_filled),
              std::to_string(u.fill_warheads), std::to_string(u.launchers_reloaded),
              std::to_string(u.reload_warheads), std::to_string(u.bombers_reconverted),
              std::to_string(u.reconvert_warheads), std::to_string(u.added_warheads),
              std::to_string(u.added_vehicles),
              u.reached ? std::to_string(u.months_to_max) : ">" + std::to_string(u.months_to_max),
              !u.pool_capped.empty() ? "pool " + u.pool_capped
              : u.capped             ? "warheads available"
                                     : "loading"});
  }
  return t.ToText();
}

std::string TimelineText(const Plan& p) {
  std::vector<std::string> header{"month", "warheads", "vehicles"};
  for (const TypeUpload& u : p.types) header.push_back(u.type);
  TextTable t(header);
  for (const TimelineRow& row : p.timeline) {
    std::vector<std::string> cells{std::to_string(row.month), std::to_string(row.total_warheads),
                                   std::to_string(row.total_vehicles)};
    for (int64_t w : row.warheads) cells.push_back(std::to_string(w));
    t.AddRow(std::move(cells));
  }
  return t.ToText();
}

std::string IdList(const std::string& title, const std::vector<std::string>& ids) {
  if (ids.empty()) return "";
  std::string out = title;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
  return out + "\n";
}

}  // namespace

Json UploadJson(const forces::Declaration& d, const Assumptions& a, const UploadResult& r) {
  Json types = Json::array();
  for (size_t t = 0; t < r.central.types.size(); ++t) {
    Json j = TypeJson(r.central.types[t]);
    for (const auto* p : {&r.low, &r.high}) {
      if (!*p) continue;
      const TypeUpload& u = (*p)->types[t];
      j[std::string(Name((*p)->scenario))] =
          Summary(u.added_warheads, u.added_vehicles, u.months_to_max, u.reached);
    }
    types.push_back(std::move(j));
  }
  const Plan& c = r.central;
  Json totals = Summary(c.added_warheads, c.added_vehicles, c.months_to_max, c.reached);
  Json out = {{"party", d.party},
              {"as_of", d.as_of.ToString()},
              {"assumptions", AssumptionsJson(a)},
              {"scenarios", Json::array({"central"})},
              {"types", types}};
  for (const auto* p : {&r.low, &r.high}) {
    if (!*p) continue;
    const std::string name(Name((*p)->scenario));
    out["scenarios"].push_back(name);
    totals[name] =
        Summary((*p)->added_warheads, (*p)->added_vehicles, (*p)->months_to_max, (*p)->reached);
    out["timeline_" + name] = TimelineJson(**p);
    out["pools_" + name] = PoolsJson(**p);
  }
  out["totals"] = totals;
  out["timeline"] = TimelineJson(c);
  out["pools"] = PoolsJson(c);
  out["not_assessed"] = c.not_assessed;
  out["not_in_declaration"] = c.not_in_declaration;
  return out;
}

std::string UploadText(const forces::Declaration& d, const Assumptions& a, const UploadResult& r) {
  const Plan& c = r.central;
  std::string out = "Upload potential - " + d.party + " as of " + d.as_of.ToString() + "\n\n" +
                    AssumptionsText(a) + "\nPer type (central values)\n" + TypesText(r);
  out += "\nTotal: +" + Span(r, c.added_warheads, [](const Plan& p) { return p.added_warheads; }) +
         " warheads, +" +
         Span(r, c.added_vehicles, [](const Plan& p) { return p.added_vehicles; }) +
         " delivery vehicles, in " +
         Span(r, c.months_to_max, [](const Plan& p) { return int64_t{p.months_to_max}; }) +
         " months" + (c.reached ? "" : " (not reached within the timeline)") +
         (r.low ? " (central [low..high])" : "") + "\n";
  out += PoolsText(c);
  out += IdList("Not assessed (no assumptions): ", c.not_assessed);
  out += IdList("Assumed types the declaration lacks: ", c.not_in_declaration);
  out +=
      "\nTimeline (cumulative additions at the end of each month; per-type columns are "
      "warheads)\n" +
      TimelineText(c);
  return out;
}

}  // namespace verity::upload
