// Ed25519 keys (libsodium): generation, key files, signing notifications
// and verifying their signatures.
//
// Key id: the lower-case hex of the first 8 bytes of SHA-256(public key),
// 16 hex digits (docs/notifications.md). Key files are JSON:
//   public:  {"kind":"verity-public-key","party":"US","key_id":"..","public_key":"<64 hex>"}
//   secret:  the same with "kind":"verity-secret-key" and "secret_key":"<128 hex>",
//            written with file mode 0600.
// Thread safety: values; the functions are safe to call from any thread.
#ifndef VERITY_LEDGER_KEYS_H_
#define VERITY_LEDGER_KEYS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"
#include "ledger/notification.h"

namespace verity::ledger {

inline constexpr size_t kPublicKeyBytes = 32;
inline constexpr size_t kSecretKeyBytes = 64;
inline constexpr size_t kSeedBytes = 32;

struct PublicKey {
  std::string party;  // "US", "RU", or "LOG" for a log's tree-head key
  std::string key_id;
  std::array<uint8_t, kPublicKeyBytes> bytes{};
};

struct SecretKey {
  PublicKey pub;
  std::array<uint8_t, kSecretKeyBytes> bytes{};
};

std::string KeyIdOf(const std::array<uint8_t, kPublicKeyBytes>& pub);

// A fresh random key for `party`.
StatusOr<SecretKey> GenerateKey(std::string_view party);
// The key determined by a 32-byte seed (reproducible sample data and tests).
StatusOr<SecretKey> KeyFromSeed(std::string_view party,
                                const std::array<uint8_t, kSeedBytes>& seed);

Signature SignBytes(const SecretKey& key, std::string_view message);
bool VerifyBytes(const PublicKey& key, std::string_view message, const Signature& sig);

Json PublicKeyToJson(const PublicKey& k);
Json SecretKeyToJson(const SecretKey& k);
// Parse key JSON; InvalidArgument names `source` and the field. The key id
// must match the public key, and the secret key must match the public key.
StatusOr<PublicKey> ParsePublicKey(const Json& j, std::string_view source);
StatusOr<SecretKey> ParseSecretKey(const Json& j, std::string_view source);
StatusOr<PublicKey> LoadPublicKey(const std::string& path);
// Loads a secret key file. NotFound if it does not exist; PermissionDenied
// "<path>: the secret key file is readable by group or others (mode 0644);
// ... run 'chmod 600 <path>'" if its mode gives group or others any access;
// InvalidArgument if it is not a regular file, too large, or not a key.
StatusOr<SecretKey> LoadSecretKey(const std::string& path);

// Writes DIR/<party>.pub and DIR/<party>.key (mode 0600), creating DIR
// (mode 0700) if it does not exist.
// AlreadyExists if either file exists (a key is never overwritten).
Status WriteKeyFiles(const SecretKey& key, const std::string& dir);

// Writes the secret key file `path` (mode 0600 from creation). AlreadyExists
// if it exists.
Status WriteSecretKeyFile(const SecretKey& key, const std::string& path);

// Signs a draft (an unsigned notification JSON) with `key`: checks the draft,
// requires its party to be the key's party, and returns the signed JSON.
StatusOr<Json> SignNotification(const Json& draft, const SecretKey& key);
// Signs an already parsed notification in place.
void SignInPlace(Notification* n, const SecretKey& key);
// InvalidArgument if the key id differs from the notification's or the
// signature does not verify.
Status VerifyNotification(const Notification& n, const PublicKey& key);
// The same with n.SigningBytes() already computed.
Status VerifyNotification(const Notification& n, const PublicKey& key,
                          std::string_view signing_bytes);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_KEYS_H_
