// API tokens and roles.
//
// Tokens are bearer secrets handed to each party, observer and admin. The
// server keeps only their SHA-256 digests (from the config file) and
// compares a presented token's digest with every stored digest in constant
// time, so neither the stored file nor response timing reveals a token.
//
// Roles: a party writes only its own notifications and reads both parties'
// detail; an observer reads only what is public (the same as no token);
// an admin reads everything and writes nothing in a party's name.
//
// Thread safety: an Authenticator is immutable after construction and may be
// shared by threads.
#ifndef VERITY_SERVER_AUTH_H_
#define VERITY_SERVER_AUTH_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"

namespace verity::server {

enum class Role : uint8_t { kAnonymous, kObserver, kParty, kAdmin };
std::string_view Name(Role role);

// Who made a request.
struct Principal {
  Role role = Role::kAnonymous;
  std::string name;   // the token's label in the config ("US", "press", ...)
  std::string party;  // the party id when role == kParty, else empty
};

// What an endpoint requires.
enum class Access : uint8_t {
  kPublic,     // anyone, with or without a token
  kDetail,     // a party or an admin: party-level detail
  kPartyOnly,  // a party (writes in its own name)
  kAdmin,
};

// "public", "detail", "party", "admin" (as in openapi.json's x-verity-access).
std::string_view Name(Access access);

struct TokenEntry {
  Hash256 digest;  // SHA-256 of the token
  Principal principal;
};

class Authenticator {
 public:
  explicit Authenticator(std::vector<TokenEntry> entries);

  // The principal for an Authorization header value. An empty header is the
  // anonymous principal. Unauthenticated if the header is not "Bearer <token>"
  // (the scheme in any case, RFC 7235) or the token is unknown.
  StatusOr<Principal> Authenticate(std::string_view authorization_header) const;

  // OK if `who` may use an endpoint requiring `access`: Unauthenticated
  // when a token is needed and none was given, PermissionDenied when the
  // token's role is not enough.
  static Status Authorize(const Principal& who, Access access);

 private:
  std::vector<TokenEntry> entries_;
};

// The hex SHA-256 digest to store in the config for `token`.
std::string HashToken(std::string_view token);

}  // namespace verity::server

#endif  // VERITY_SERVER_AUTH_H_
