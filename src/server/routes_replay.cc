// A party's record replayed from the ledger: its declared state and its
// compliance as of a date, and the daily count of every limit.
#include "forces/declaration_io.h"
#include "forces/report.h"
#include "ledger/replay.h"
#include "server/ledger_access.h"
#include "server/routes.h"

namespace verity::server {
namespace {

StatusOr<std::string> PartyOf(const ServerContext& ctx, const ApiRequest& req) {
  const std::string& party = req.captures.at(0);
  if (ctx.config->FindParty(party) == nullptr) return NotFound("no party '" + party + "'");
  if (ctx.counter == nullptr) return Unavailable("the treaty is not loaded on this server");
  return party;
}

StatusOr<Date> AsOf(const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(auto as_of, req.QueryDate("as_of"));
  if (!as_of) return InvalidArgument("query parameter 'as_of' (YYYY-MM-DD) is required");
  return *as_of;
}

StatusOr<ApiResponse> State(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(std::string party, PartyOf(ctx, req));
  VERITY_ASSIGN_OR_RETURN(Date as_of, AsOf(req));
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(forces::Declaration d, ledger::StateAsOf(l, party, as_of));
    return ApiResponse{200, forces::DeclarationToJson(d)};
  });
}

StatusOr<ApiResponse> Compliance(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(std::string party, PartyOf(ctx, req));
  VERITY_ASSIGN_OR_RETURN(Date as_of, AsOf(req));
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(forces::Declaration d, ledger::StateAsOf(l, party, as_of));
    return ApiResponse{200, forces::ReportJson(forces::MakeReport(*ctx.counter, d, as_of))};
  });
}

StatusOr<ApiResponse> Timeline(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(std::string party, PartyOf(ctx, req));
  VERITY_ASSIGN_OR_RETURN(auto from, req.QueryDate("from"));
  VERITY_ASSIGN_OR_RETURN(auto to, req.QueryDate("to"));
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(auto rows, ledger::Timeline(l, *ctx.counter, party, from, to));
    Json limits = Json::array();
    for (const treaty::Limit& lim : ctx.treaty->limits) limits.push_back(lim.id);
    Json out = Json::array();
    for (const ledger::TimelineRow& r : rows)
      out.push_back({{"date", r.date.ToString()}, {"counts", r.counts}});
    return ApiResponse{200, {{"party", party}, {"limits", limits}, {"rows", out}}};
  });
}

}  // namespace

void AddReplayRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/parties/{party}/state", Access::kDetail,
             [&ctx](const ApiRequest& r) { return State(ctx, r); });
  router.Get("/parties/{party}/compliance", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Compliance(ctx, r); });
  router.Get("/parties/{party}/timeline", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Timeline(ctx, r); });
}

}  // namespace verity::server
