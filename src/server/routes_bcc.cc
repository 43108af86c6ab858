// The treaty's own process: the regime on a date (public: dates and
// statuses; a party or admin also sees log indices) and the commission's
// concerns (party or admin). The computations of `verity check --data` and
// `verity bcc list|show` (ledger/regime_report.h, ledger/concerns.h).
// Concerns are raised, answered and closed by POST /notifications, signed by
// the party as every notification is.
#include "core/limits.h"
#include "ledger/concerns.h"
#include "ledger/regime_report.h"
#include "server/ledger_access.h"
#include "server/routes.h"

namespace verity::server {
namespace {

bool Detail(const Principal& who) { return who.role == Role::kParty || who.role == Role::kAdmin; }

StatusOr<Date> AsOf(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(auto d, req.QueryDate("as_of"));
  return d.value_or(ctx.now().date());
}

StatusOr<ApiResponse> Regime(const ServerContext& ctx, const ApiRequest& req) {
  if (ctx.treaty == nullptr) return Unavailable("the treaty is not loaded on this server");
  VERITY_ASSIGN_OR_RETURN(Date as_of, AsOf(ctx, req));
  std::vector<std::string> parties;
  for (const PartyConfig& p : ctx.config->parties) parties.push_back(p.id);
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(ledger::RegimeReport r,
                            ledger::LoadRegimeReport(l, *ctx.treaty, parties, as_of));
    return ApiResponse{200, r.ToJson(Detail(req.who))};
  });
}

StatusOr<std::vector<ledger::Concern>> Concerns(const ServerContext& ctx, Date as_of) {
  if (ctx.treaty == nullptr) return Unavailable("the treaty is not loaded on this server");
  return WithLedger(ctx,
                    [&](ledger::Ledger& l) { return ledger::LoadConcerns(l, *ctx.treaty, as_of); });
}

StatusOr<ApiResponse> List(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(Date as_of, AsOf(ctx, req));
  VERITY_ASSIGN_OR_RETURN(auto concerns, Concerns(ctx, as_of));
  Json list = Json::array();
  for (const ledger::Concern& c : concerns) list.push_back(c.ToJson());
  return ApiResponse{200, {{"as_of", as_of.ToString()}, {"concerns", list}}};
}

StatusOr<ApiResponse> Show(const ServerContext& ctx, const ApiRequest& req) {
  const std::string& id = req.captures.at(0);
  if (!ledger::IsConcernId(id)) {
    return InvalidArgument("path parameter 'id': expected 1 to " +
                           std::to_string(limits::kMaxConcernIdBytes) + " of A-Z a-z 0-9 . _ -");
  }
  VERITY_ASSIGN_OR_RETURN(Date as_of, AsOf(ctx, req));
  VERITY_ASSIGN_OR_RETURN(auto concerns, Concerns(ctx, as_of));
  for (const ledger::Concern& c : concerns) {
    if (c.id == id) return ApiResponse{200, c.ToJson()};
  }
  return NotFound("concern '" + id + "': not in the ledger");
}

}  // namespace

void AddBccRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/regime", Access::kPublic, [&ctx](const ApiRequest& r) { return Regime(ctx, r); });
  router.Get("/concerns", Access::kDetail, [&ctx](const ApiRequest& r) { return List(ctx, r); });
  router.Get("/concerns/{id}", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Show(ctx, r); });
}

}  // namespace verity::server
