// Declarations in escrow: every escrow of the ledger audited as of a date
// (docs/escrow.md), the computation `verity escrow verify` makes.
#include "escrow/audit.h"
#include "server/ledger_access.h"
#include "server/routes.h"

namespace verity::server {
namespace {

StatusOr<ApiResponse> Escrows(const ServerContext& ctx, const ApiRequest& req) {
  if (ctx.counter == nullptr) return Unavailable("the treaty is not loaded on this server");
  VERITY_ASSIGN_OR_RETURN(std::optional<Date> as_of, req.QueryDate("as_of"));
  const Date day = as_of ? *as_of : Timestamp::FromSeconds(std::time(nullptr)).date();
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(escrow::AuditReport r, escrow::AuditLedger(l, *ctx.counter, day));
    return ApiResponse{200, r.ToJson()};
  });
}

}  // namespace

void AddEscrowRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/escrow", Access::kDetail, [&ctx](const ApiRequest& r) { return Escrows(ctx, r); });
}

}  // namespace verity::server
