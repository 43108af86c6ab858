// Public endpoints: what anyone may read without a token.
#include <optional>
#include <string>

#include "server/routes.h"
#include "server/views.h"

namespace verity::server {
namespace {

Status Unconfigured(std::string_view what) {
  return Unavailable(std::string(what) + " is not loaded on this server");
}

StatusOr<ApiResponse> Treaty(const ServerContext& ctx) {
  if (ctx.treaty == nullptr) return Unconfigured("the treaty");
  return ApiResponse{200, TreatyToJson(*ctx.treaty)};
}

StatusOr<ApiResponse> Parties(const ServerContext& ctx) {
  Json out = Json::array();
  for (const PartyConfig& p : ctx.config->parties) {
    out.push_back({{"id", p.id}, {"name", p.name}, {"public_key", p.public_key}});
  }
  return ApiResponse{200, Json{{"parties", out}}};
}

Json AggregateRows(const ServerContext& ctx, const std::string& party, std::optional<Date> from,
                   std::optional<Date> to) {
  Json rows = Json::array();
  for (const forces::PublicAggregate& a : *ctx.aggregates) {
    if (!party.empty() && a.party != party) continue;
    if ((from && a.date < *from) || (to && a.date > *to)) continue;
    rows.push_back(AggregateToJson(a));
  }
  return Json{{"aggregates", rows}};
}

// `whole` is the unfiltered answer, serialised once (the series is immutable).
StatusOr<ApiResponse> Aggregates(const ServerContext& ctx, const ApiRequest& req,
                                 const std::shared_ptr<const std::string>& whole) {
  if (ctx.aggregates == nullptr) return Unconfigured("the public aggregate series");
  VERITY_ASSIGN_OR_RETURN(auto from, req.QueryDate("from"));
  VERITY_ASSIGN_OR_RETURN(auto to, req.QueryDate("to"));
  const std::string party = req.Query("party").value_or("");
  if (party.empty() && !from && !to) return ApiResponse(200, whole);
  return ApiResponse{200, AggregateRows(ctx, party, from, to)};
}

StatusOr<ApiResponse> PublicCompliance(const ServerContext& ctx) {
  if (ctx.treaty == nullptr) return Unconfigured("the treaty");
  if (ctx.aggregates == nullptr) return Unconfigured("the public aggregate series");
  return ApiResponse{200, PublicComplianceJson(*ctx.treaty, *ctx.aggregates, ctx.now().date())};
}

}  // namespace

void AddPublicRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/health", Access::kPublic, [](const ApiRequest&) -> StatusOr<ApiResponse> {
    return ApiResponse{200, Json{{"status", "ok"}}};
  });
  router.Get("/openapi.json", Access::kPublic, [](const ApiRequest&) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(Json doc, ParseJson(OpenApiDocument(), "openapi.json"));
    return ApiResponse{200, doc};
  });
  router.Get("/whoami", Access::kPublic, [](const ApiRequest& req) -> StatusOr<ApiResponse> {
    return ApiResponse{200, PrincipalToJson(req.who)};
  });
  router.Get("/treaty", Access::kPublic, [&ctx](const ApiRequest&) { return Treaty(ctx); });
  router.Get("/parties", Access::kPublic, [&ctx](const ApiRequest&) { return Parties(ctx); });
  auto whole = std::make_shared<const std::string>(
      ctx.aggregates == nullptr ? "" : AggregateRows(ctx, "", std::nullopt, std::nullopt).dump());
  router.Get("/public/aggregates", Access::kPublic,
             [&ctx, whole](const ApiRequest& req) { return Aggregates(ctx, req, whole); });
  router.Get("/public/compliance", Access::kPublic,
             [&ctx](const ApiRequest&) { return PublicCompliance(ctx); });
}

}  // namespace verity::server
