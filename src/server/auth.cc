#include "server/auth.h"

#include <sodium.h>

namespace verity::server {
namespace {
constexpr std::string_view kBearer = "Bearer ";
}  // namespace

std::string_view Name(Role role) {
  switch (role) {
    case Role::kAnonymous:
      return "anonymous";
    case Role::kObserver:
      return "observer";
    case Role::kParty:
      return "party";
    case Role::kAdmin:
      return "admin";
  }
  return "anonymous";
}

std::string_view Name(Access access) {
  switch (access) {
    case Access::kPublic:
      return "public";
    case Access::kDetail:
      return "detail";
    case Access::kPartyOnly:
      return "party";
    case Access::kAdmin:
      return "admin";
  }
  return "public";
}

Authenticator::Authenticator(std::vector<TokenEntry> entries) : entries_(std::move(entries)) {}

StatusOr<Principal> Authenticator::Authenticate(std::string_view header) const {
  if (header.empty()) return Principal{};
  if (header.substr(0, kBearer.size()) != kBearer || header.size() == kBearer.size()) {
    return Unauthenticated("Authorization header must be 'Bearer <token>'");
  }
  const Hash256 digest = Sha256(header.substr(kBearer.size()));
  // Compare with every entry, without an early exit, so the time taken does
  // not depend on which entry (if any) matches.
  const TokenEntry* match = nullptr;
  for (const TokenEntry& e : entries_) {
    const bool equal = sodium_memcmp(e.digest.data(), digest.data(), digest.size()) == 0;
    if (equal && match == nullptr) match = &e;
  }
  if (match == nullptr) return Unauthenticated("unknown API token");
  return match->principal;
}

Status Authenticator::Authorize(const Principal& who, Access access) {
  const bool party = who.role == Role::kParty;
  const bool admin = who.role == Role::kAdmin;
  bool allowed = false;
  switch (access) {
    case Access::kPublic:
      return Status::Ok();
    case Access::kDetail:
      allowed = party || admin;
      break;
    case Access::kPartyOnly:
      allowed = party;
      break;
    case Access::kAdmin:
      allowed = admin;
      break;
  }
  if (allowed) return Status::Ok();
  if (who.role == Role::kAnonymous) return Unauthenticated("this resource needs an API token");
  return PermissionDenied("role '" + std::string(Name(who.role)) + "' may not use this resource");
}

std::string HashToken(std::string_view token) { return ToHex(Sha256(token)); }

}  // namespace verity::server
