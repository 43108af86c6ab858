#include "server/auth.h"

#include <sodium.h>

#include <cctype>

namespace verity::server {
namespace {

// The token of "Bearer <token>": the scheme compared case-insensitively,
// one or more spaces, then a token without spaces (RFC 7235 section 2.1,
// RFC 6750 section 2.1). Empty if the header is not of that form.
std::string_view BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.find(' ') != std::string_view::npos) return {};
  return token;
}

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
  const std::string_view token = BearerToken(header);
  if (token.empty()) return Unauthenticated("Authorization header must be 'Bearer <token>'");
  const Hash256 digest = Sha256(token);
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
