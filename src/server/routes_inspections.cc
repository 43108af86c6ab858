// Inspections: the inspection notices in the ledger and each party's use of
// the treaty's inspection quotas in a treaty year.
#include <algorithm>

#include "inspect/checks.h"
#include "inspect/inspection.h"
#include "ledger/notification.h"
#include "server/ledger_access.h"
#include "server/routes.h"

namespace verity::server {
namespace {

constexpr int64_t kMaxTreatyYear = 100;

StatusOr<std::vector<inspect::Inspection>> Notices(const ledger::Ledger& l) {
  VERITY_ASSIGN_OR_RETURN(uint64_t size, l.Size());
  VERITY_ASSIGN_OR_RETURN(std::vector<ledger::Notification> all, l.Entries(0, size));
  std::vector<inspect::Inspection> notices;
  for (size_t i = 0; i < all.size(); ++i) {
    const ledger::Notification& n = all[i];
    if (n.type != ledger::NotificationType::kInspectionNotice) continue;
    // A stored notice whose body the inspection rules cannot read is not
    // counted here; the ledger reports it among the ambiguities.
    auto notice = inspect::ParseNotice(n.body, n.party, n.occurred, i);
    if (notice.ok()) notices.push_back(std::move(*notice));
  }
  return notices;
}

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
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(std::vector<inspect::Inspection> notices, Notices(l));
    // By default the treaty year of the latest notice (year 1 if none).
    int y = 1;
    for (const inspect::Inspection& i : notices) y = std::max(y, ctx.treaty->TreatyYear(i.date));
    if (year) y = static_cast<int>(*year);
    Json quotas = Json::array();
    for (const PartyConfig& p : ctx.config->parties) {
      for (const inspect::QuotaUse& q : inspect::QuotaUsage(*ctx.treaty, notices, p.id, y)) {
        quotas.push_back({{"party", p.id},
                          {"quota", q.kind},
                          {"name", q.name},
                          {"year", y},
                          {"used", q.used},
                          {"allowed", q.allowed},
                          {"ledger_indices", q.ledger_indices}});
      }
    }
    Json list = Json::array();
    for (const inspect::Inspection& i : notices) {
      if (ctx.treaty->TreatyYear(i.date) == y) list.push_back(NoticeToJson(i));
    }
    return ApiResponse{200, {{"year", y}, {"quotas", quotas}, {"inspections", list}}};
  });
}

}  // namespace

void AddInspectionRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/inspections/quotas", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Quotas(ctx, r); });
}

}  // namespace verity::server
