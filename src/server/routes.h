// The endpoint groups. Each Add*Routes registers one group on the router;
// handlers parse the request, call the domain and return JSON (router.h
// maps every failure). docs/api.md and openapi.json describe them.
#ifndef VERITY_SERVER_ROUTES_H_
#define VERITY_SERVER_ROUTES_H_

#include <string_view>

#include "server/context.h"
#include "server/router.h"

namespace verity::server {

// GET /health, /openapi.json, /treaty, /parties, /public/aggregates,
// /public/compliance.
void AddPublicRoutes(ApiRouter& router, const ServerContext& context);

// GET /ledger/head (public); GET /ledger/entries, /ledger/entries/{index},
// /ledger/proofs/inclusion, /ledger/proofs/consistency, /ledger/serials/{party}
// (404 for a party the server does not know), /ambiguities (party or admin);
// POST /notifications (a party, its own notifications only).
void AddLedgerRoutes(ApiRouter& router, const ServerContext& context);

// GET /simulations/scenarios, POST /simulations, GET /simulations/{id}
// (party or admin).
void AddSimulationRoutes(ApiRouter& router, const ServerContext& context);

// GET /inspections/quotas?year= (party or admin): quota use per party in a
// treaty year and that year's inspection notices; GET /exercise (party or
// admin): the report of the exercise played into the ledger (404 if none).
void AddInspectionRoutes(ApiRouter& router, const ServerContext& context);

// GET /escrow?as_of= (party or admin): every escrow of the ledger, its
// stages, designations and openings, and the findings (docs/escrow.md).
void AddEscrowRoutes(ApiRouter& router, const ServerContext& context);

// GET /parties/{party}/state?as_of=, /parties/{party}/compliance?as_of=,
// /parties/{party}/timeline?from=&to= (party or admin): the record replayed.
void AddReplayRoutes(ApiRouter& router, const ServerContext& context);

// GET /analysis/catalogue, /analysis/upload?declaration=,
// /analysis/compare?declarations=&treaties= (public): upload potential and
// treaties side by side over the shipped declarations and treaties.
void AddAnalysisRoutes(ApiRouter& router);

// GET /regime?as_of= (public; indices for a party or admin): which treaty is
// in force, who is suspended since when, each party's last data; GET
// /concerns?as_of=, /concerns/{id} (party or admin): the commission's
// concerns (routes_bcc.cc).
void AddBccRoutes(ApiRouter& router, const ServerContext& context);

// The OpenAPI 3 document served at /api/v1/openapi.json (embedded at build time).
std::string_view OpenApiDocument();

}  // namespace verity::server

#endif  // VERITY_SERVER_ROUTES_H_
