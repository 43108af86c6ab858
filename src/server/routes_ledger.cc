// Ledger endpoints: the signed tree head (public), entries, proofs and a
// party's last serial (party or admin), submitting notifications (a party,
// its own only), and ambiguities.
#include <algorithm>
#include <mutex>

#include "ledger/checkpoint_note.h"
#include "ledger/keys.h"
#include "ledger/notification.h"
#include "ledger/proofs.h"
#include "ledger/replay.h"
#include "ledger/store.h"
#include "server/cosign.h"
#include "server/ledger_access.h"
#include "server/routes.h"
#include "tlog/merkle.h"

namespace verity::server {
namespace {

constexpr int64_t kMaxIndex = int64_t{1} << 48;
constexpr int64_t kDefaultPage = 50;

Json EntryToJson(const ledger::Ledger& l, uint64_t index, const ledger::Notification& n) {
  return {{"index", index},
          {"leaf_hash", ToHex(ledger::LeafHashOf(n.EntryBytes(), l.leaf_format()))},
          {"notification", n.ToJson()}};
}

// The newest signed head and the log's public key, which anyone needs to
// check a head (`verity ledger check-head`); the same head as the published
// checkpoint note (with its cosignatures) and the log's note key.
StatusOr<ApiResponse> Head(const ServerContext& ctx) {
  return WithLedger(ctx, [](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    auto head = l.LatestTreeHead();
    if (head.status().code() == StatusCode::kNotFound) {
      return NotFound("the ledger is empty (no signed tree head yet)");
    }
    if (!head.ok()) return head.status();
    VERITY_ASSIGN_OR_RETURN(std::string note, ledger::PublishedCheckpoint(l));
    return ApiResponse{200,
                       {{"tree_head", head->ToJson()},
                        {"checkpoint", note},
                        {"log_vkey", ledger::LogNoteVerifier(l).ToString()},
                        {"log_key", l.log_key().key_id},
                        {"log_public_key", ledger::PublicKeyToJson(l.log_key())}}};
  });
}

StatusOr<ApiResponse> Entries(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(auto start, req.QueryInt("start", 0, kMaxIndex));
  VERITY_ASSIGN_OR_RETURN(auto limit, req.QueryInt("limit", 1, ctx.config->limits.max_page));
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(uint64_t size, l.Size());
    const uint64_t from = std::min<uint64_t>(static_cast<uint64_t>(start.value_or(0)), size);
    const uint64_t to =
        std::min<uint64_t>(size, from + static_cast<uint64_t>(limit.value_or(kDefaultPage)));
    VERITY_ASSIGN_OR_RETURN(auto entries, l.Entries(from, to));
    Json rows = Json::array();
    for (size_t i = 0; i < entries.size(); ++i)
      rows.push_back(EntryToJson(l, from + i, entries[i]));
    return ApiResponse{200,
                       {{"tree_size", size},
                        {"start", from},
                        {"entries", rows},
                        {"next", to < size ? Json(to) : Json(nullptr)}}};
  });
}

StatusOr<ApiResponse> Entry(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(int64_t index, req.CaptureInt(0, "index", 0, kMaxIndex));
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(uint64_t size, l.Size());
    if (static_cast<uint64_t>(index) >= size) {
      return NotFound("no entry " + std::to_string(index) + ": the ledger holds " +
                      std::to_string(size));
    }
    VERITY_ASSIGN_OR_RETURN(auto entries, l.Entries(index, index + 1));
    return ApiResponse{200, EntryToJson(l, index, entries.at(0))};
  });
}

StatusOr<ApiResponse> Inclusion(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(auto index, req.QueryInt("index", 0, kMaxIndex));
  VERITY_ASSIGN_OR_RETURN(auto size, req.QueryInt("tree_size", 1, kMaxIndex));
  if (!index) return InvalidArgument("query parameter 'index' is required");
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    std::optional<uint64_t> at;
    if (size) at = static_cast<uint64_t>(*size);
    VERITY_ASSIGN_OR_RETURN(Json proof, ledger::MakeInclusionProof(l, *index, at));
    return ApiResponse{200, proof};
  });
}

StatusOr<ApiResponse> Consistency(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(auto from, req.QueryInt("from", 1, kMaxIndex));
  VERITY_ASSIGN_OR_RETURN(auto to, req.QueryInt("to", 1, kMaxIndex));
  if (!from) return InvalidArgument("query parameter 'from' is required");
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    std::optional<uint64_t> until;
    if (to) until = static_cast<uint64_t>(*to);
    VERITY_ASSIGN_OR_RETURN(Json proof, ledger::MakeConsistencyProof(l, *from, until));
    return ApiResponse{200, proof};
  });
}

// A party submits one signed notification of its own. The answer holds
// where it landed, the new signed tree head and the inclusion proof.
StatusOr<ApiResponse> Submit(const ServerContext& ctx, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(
      ledger::Notification n,
      ledger::ParseNotification(req.body, ledger::Draft::kSigned, "notification"));
  if (n.party != req.who.party) {
    return PermissionDenied("a party may submit only its own notifications: token of " +
                            req.who.party + ", notification of " + n.party);
  }
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    // The new entry's proof is the frontier before it, read first: no
    // hashing and no reading of the log, whatever its size.
    uint64_t size_before = 0;
    VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> proof, ledger::PathForNextLeaf(l, &size_before));
    std::vector<ledger::Notification> batch;
    batch.push_back(std::move(n));
    VERITY_ASSIGN_OR_RETURN(ledger::AppendResult r, l.AppendParsed(std::move(batch), ctx.now()));
    // Checkpoints are a cache outside the tree: refresh what the append
    // touched. The append is committed whatever this gives (a failure only
    // leaves queries replaying from the entries), so it does not fail the
    // request.
    (void)ledger::UpdateCheckpointsAfter(l, r);
    if (ctx.cosigner != nullptr) ctx.cosigner->Notify();  // in the background, never waited for
    if (r.first_index != size_before || r.head.size != size_before + 1) {
      // Another writer appended in between: prove from the leaves.
      VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> leaves, l.LeafHashes());
      leaves.resize(r.head.size);
      proof = tlog::InclusionProof(leaves, r.first_index);
    }
    VERITY_ASSIGN_OR_RETURN(Hash256 leaf, ledger::StoredLeafHash(l, r.first_index));
    Json path = Json::array();
    for (const Hash256& h : proof) path.push_back(ToHex(h));
    Json ambiguities = Json::array();
    for (const ledger::Ambiguity& a : r.ambiguities) ambiguities.push_back(a.ToJson());
    return ApiResponse{201,
                       {{"leaf_index", r.first_index},
                        {"tree_head", r.head.ToJson()},
                        {"inclusion_proof", path},
                        {"leaf_hash", ToHex(leaf)},
                        {"ambiguities", ambiguities}}};
  });
}

// The last serial of a party the server knows, and the one its next
// notification takes: what a party's console pre-fills.
StatusOr<ApiResponse> Serials(const ServerContext& ctx, const ApiRequest& req) {
  const std::string& party = req.captures.at(0);
  if (ctx.config->FindParty(party) == nullptr) return NotFound("no party '" + party + "'");
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(int64_t last, l.LastSerial(party));
    return ApiResponse{200, {{"party", party}, {"last_serial", last}, {"next_serial", last + 1}}};
  });
}

StatusOr<ApiResponse> Ambiguities(const ServerContext& ctx, const ApiRequest& req) {
  const std::string party = req.Query("party").value_or("");
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<ApiResponse> {
    VERITY_ASSIGN_OR_RETURN(auto all, l.Ambiguities());
    Json rows = Json::array();
    for (const ledger::Ambiguity& a : all) {
      if (party.empty() || a.party == party) rows.push_back(a.ToJson());
    }
    return ApiResponse{200, {{"ambiguities", rows}}};
  });
}

}  // namespace

void AddLedgerRoutes(ApiRouter& router, const ServerContext& ctx) {
  router.Get("/ledger/head", Access::kPublic, [&ctx](const ApiRequest&) { return Head(ctx); });
  router.Get("/ledger/witnessing", Access::kPublic,
             [&ctx](const ApiRequest&) -> StatusOr<ApiResponse> {
               if (ctx.cosigner == nullptr)
                 return ApiResponse{200, {{"policy", nullptr}, {"last", nullptr}}};
               const std::optional<Json> last = ctx.cosigner->Last();
               return ApiResponse{
                   200, {{"policy", ctx.cosigner->policy_text()}, {"last", last ? *last : Json()}}};
             });
  router.Get("/ledger/entries", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Entries(ctx, r); });
  router.Get("/ledger/entries/{index}", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Entry(ctx, r); });
  router.Get("/ledger/proofs/inclusion", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Inclusion(ctx, r); });
  router.Get("/ledger/proofs/consistency", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Consistency(ctx, r); });
  router.Get("/ledger/serials/{party}", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Serials(ctx, r); });
  router.Post("/notifications", Access::kPartyOnly,
              [&ctx](const ApiRequest& r) { return Submit(ctx, r); });
  router.Get("/ambiguities", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Ambiguities(ctx, r); });
}

}  // namespace verity::server
