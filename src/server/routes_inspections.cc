// Inspections: the inspection notices in the ledger and each party's use of
// the treaty's inspection quotas in a treaty year.
#include <optional>

#include "exercise/report.h"
#include "inspect/ledger_inspections.h"
#include "server/ledger_access.h"
#include "server/routes.h"

namespace verity::server {
namespace {

constexpr int64_t kMaxTreatyYear = 100;

Json NoticeToJson(const inspect::Inspection& i) {
  return {{"inspecting_party", i.inspecting_party},
          {"inspected_party", i.inspected_party},
          {"kind", i.kind},
          {"site", i.site},
          {"date", i.date.ToString()},
          {"ledger_index", i.ledger_index},
          {"designated", i.designated}};
}

StatusOr<ApiResponse> Quotas(const ServerContext& ctx, const ApiRequest& req) {
  if (ctx.treaty == nullptr) return Unavailable("the treaty is not loaded on this server");
  VERITY_ASSIGN_OR_RETURN(auto year, req.QueryInt("year", 1, kMaxTreatyYear));
  std::vector<std::string> parties;
  for (const PartyConfig& p : ctx.config->parties) parties.push_back(p.id);
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    // The computation `verity inspect quota` makes (a malformed record is
    // listed, not counted, and fails nothing).
    VERITY_ASSIGN_OR_RETURN(
        inspect::QuotaReport r,
        inspect::LedgerQuotas(l, *ctx.treaty, parties,
                              year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt));
    Json quotas = Json::array();
    for (const inspect::PartyQuotas& p : r.parties) {
      for (const inspect::QuotaUse& q : p.quotas) {
        quotas.push_back({{"party", p.party},
                          {"quota", q.kind},
                          {"name", q.name},
                          {"year", r.year},
                          {"used", q.used},
                          {"allowed", q.allowed},
                          {"ledger_indices", q.ledger_indices}});
      }
    }
    Json list = Json::array();
    for (const inspect::Inspection& i : r.notices) list.push_back(NoticeToJson(i));
    Json malformed = Json::array();
    for (const inspect::MalformedRecord& m : r.malformed) malformed.push_back(m.ToJson());
    return ApiResponse{
        200,
        {{"year", r.year}, {"quotas", quotas}, {"inspections", list}, {"malformed", malformed}}};
  });
}

// The report `verity exercise run` wrote beside the ledger. The errors
// name no path (the data folder is never shown).
StatusOr<ApiResponse> Exercise(const ServerContext& ctx) {
  auto report = exercise::ReadReport(ctx.data_dir);
  if (report.ok()) return ApiResponse{200, *std::move(report)};
  if (report.status().code() == StatusCode::kNotFound) {
    return NotFound("no exercise has been played into this ledger (verity exercise run)");
  }
  return DataLoss("the exercise report beside the ledger cannot be read");
}

}  // namespace

void AddInspectionRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/inspections/quotas", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Quotas(ctx, r); });
  router.Get("/exercise", Access::kDetail, [&ctx](const ApiRequest&) { return Exercise(ctx); });
}

}  // namespace verity::server
