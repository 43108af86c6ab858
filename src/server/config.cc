#include "server/config.h"

#include "core/file_io.h"
#include "core/json.h"

namespace verity::server {
namespace {

// The largest value a configuration may give each limit.
constexpr int64_t kMaxBodyCeiling = int64_t{64} << 20;
constexpr int64_t kMaxTimeoutMs = 600'000;
constexpr int64_t kMaxThreads = 256;
constexpr int64_t kMaxPageCeiling = 100'000;
constexpr int64_t kMaxHeaderBytesCeiling = 1 << 20;
constexpr int64_t kMaxHeaderCountCeiling = 10'000;
constexpr int64_t kMaxConnectionsCeiling = 100'000;

StatusOr<PartyConfig> ParseParty(const Json& j, const std::string& path) {
  FieldReader r(j, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"id", "name", "public_key"}));
  PartyConfig p;
  VERITY_ASSIGN_OR_RETURN(p.id, r.String("id"));
  VERITY_ASSIGN_OR_RETURN(auto name, r.OptString("name"));
  p.name = name.value_or(p.id);
  VERITY_ASSIGN_OR_RETURN(auto key, r.OptString("public_key"));
  p.public_key = key.value_or("");
  if (!p.public_key.empty() && !FromHex(p.public_key).ok()) {
    return InvalidArgument(r.PathOf("public_key") + ": expected a hex string");
  }
  return p;
}

StatusOr<Role> ParseRole(const FieldReader& r) {
  VERITY_ASSIGN_OR_RETURN(std::string role, r.String("role"));
  if (role == "party") return Role::kParty;
  if (role == "observer") return Role::kObserver;
  if (role == "admin") return Role::kAdmin;
  return InvalidArgument(r.PathOf("role") + ": expected one of party, observer, admin, got '" +
                         role + "'");
}

StatusOr<TokenEntry> ParseToken(const Json& j, const std::string& path, const ServerConfig& cfg) {
  FieldReader r(j, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"role", "party", "name", "sha256"}));
  TokenEntry t;
  VERITY_ASSIGN_OR_RETURN(t.principal.role, ParseRole(r));
  VERITY_ASSIGN_OR_RETURN(auto party, r.OptString("party"));
  if (t.principal.role == Role::kParty) {
    if (!party) return InvalidArgument(r.PathOf("party") + ": a party token must name its party");
    if (cfg.FindParty(*party) == nullptr) {
      return InvalidArgument(r.PathOf("party") + ": unknown party '" + *party + "'");
    }
    t.principal.party = *party;
  } else if (party) {
    return InvalidArgument(r.PathOf("party") + ": only a party token names a party");
  }
  VERITY_ASSIGN_OR_RETURN(auto name, r.OptString("name"));
  t.principal.name = name.value_or(t.principal.party);
  VERITY_ASSIGN_OR_RETURN(std::string digest, r.String("sha256"));
  auto hash = HashFromHex(digest);
  if (!hash.ok()) {
    return InvalidArgument(r.PathOf("sha256") + ": expected 64 hex digits (SHA-256 of the token)");
  }
  t.digest = *hash;
  return t;
}

Status ParseLimits(const FieldReader& r, ServerLimits* out) {
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"max_body_bytes", "request_timeout_ms", "idle_timeout_ms",
                       "write_timeout_ms", "max_header_bytes", "max_header_count",
                       "max_connections", "max_connections_per_client", "threads", "max_page"}));
  struct Field {
    std::string_view key;
    int64_t min, max;
    int64_t* target;
  };
  const Field fields[] = {
      {"max_body_bytes", 1, kMaxBodyCeiling, &out->max_body_bytes},
      {"request_timeout_ms", 1, kMaxTimeoutMs, &out->request_timeout_ms},
      {"idle_timeout_ms", 1, kMaxTimeoutMs, &out->idle_timeout_ms},
      {"write_timeout_ms", 1, kMaxTimeoutMs, &out->write_timeout_ms},
      {"max_header_bytes", 256, kMaxHeaderBytesCeiling, &out->max_header_bytes},
      {"max_header_count", 1, kMaxHeaderCountCeiling, &out->max_header_count},
      {"max_connections", 1, kMaxConnectionsCeiling, &out->max_connections},
      {"max_connections_per_client", 1, kMaxConnectionsCeiling, &out->max_connections_per_client},
      {"threads", 1, kMaxThreads, &out->threads},
      {"max_page", 1, kMaxPageCeiling, &out->max_page}};
  for (const Field& f : fields) {
    VERITY_ASSIGN_OR_RETURN(auto v, r.OptInt(f.key, f.min, f.max));
    if (v) *f.target = *v;
  }
  return Status::Ok();
}

Status ParseInto(const Json& j, ServerConfig* cfg) {
  FieldReader r(j, "");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"treaty", "parties", "tokens", "limits"}));
  VERITY_ASSIGN_OR_RETURN(auto treaty, r.OptString("treaty"));
  if (treaty) cfg->treaty = *treaty;
  VERITY_ASSIGN_OR_RETURN(const Json* parties, r.OptArray("parties"));
  for (size_t i = 0; parties != nullptr && i < parties->size(); ++i) {
    const std::string path = JsonPathIndex("parties", i);
    VERITY_ASSIGN_OR_RETURN(PartyConfig p, ParseParty(parties->at(i), path));
    if (cfg->FindParty(p.id) != nullptr) {
      return InvalidArgument(path + ".id: party '" + p.id + "' is listed twice");
    }
    cfg->parties.push_back(std::move(p));
  }
  VERITY_ASSIGN_OR_RETURN(const Json* tokens, r.OptArray("tokens"));
  for (size_t i = 0; tokens != nullptr && i < tokens->size(); ++i) {
    VERITY_ASSIGN_OR_RETURN(TokenEntry t,
                            ParseToken(tokens->at(i), JsonPathIndex("tokens", i), *cfg));
    cfg->tokens.push_back(std::move(t));
  }
  if (r.Has("limits")) {
    VERITY_ASSIGN_OR_RETURN(const Json* limits, r.Member("limits"));
    VERITY_RETURN_IF_ERROR(ParseLimits(FieldReader(*limits, "limits"), &cfg->limits));
  }
  return Status::Ok();
}

}  // namespace

http::Limits ServerLimits::ForHttp() const {
  http::Limits l;
  l.max_body_bytes = max_body_bytes;
  l.request_timeout_ms = request_timeout_ms;
  l.idle_timeout_ms = idle_timeout_ms;
  l.write_timeout_ms = write_timeout_ms;
  l.max_header_bytes = max_header_bytes;
  l.max_header_count = max_header_count;
  l.max_connections = max_connections;
  l.max_connections_per_client = max_connections_per_client;
  l.worker_threads = threads;
  return l;
}

const PartyConfig* ServerConfig::FindParty(std::string_view id) const {
  for (const PartyConfig& p : parties) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

StatusOr<ServerConfig> ParseServerConfig(std::string_view text, std::string_view source) {
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, source));
  ServerConfig cfg;
  Status s = ParseInto(j, &cfg);
  if (!s.ok()) return s.WithContext(source);
  return cfg;
}

StatusOr<ServerConfig> LoadServerConfig(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseServerConfig(text, path);
}

}  // namespace verity::server
