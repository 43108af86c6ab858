#include "ledger/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/file_io.h"
#include "core/hash.h"

namespace verity::ledger {
namespace {

constexpr size_t kKeyIdBytes = 8;
constexpr unsigned kSecretFileMode = 0600;
constexpr unsigned kGroupOtherBits = 077;
constexpr auto kKeyDirPerms = std::filesystem::perms::owner_all;  // 0700
constexpr size_t kMaxSecretFileBytes = 64 * 1024;                 // a key file is ~300 bytes
constexpr unsigned kPublicFileMode = 0644;
constexpr std::string_view kPublicKind = "verity-public-key";
constexpr std::string_view kSecretKind = "verity-secret-key";

template <size_t N>
Status ReadHexField(const FieldReader& r, std::string_view key, std::array<uint8_t, N>* out) {
  VERITY_ASSIGN_OR_RETURN(std::string hex, r.String(key));
  auto bytes = FromHex(hex);
  if (!bytes.ok() || bytes->size() != N) {
    return InvalidArgument(r.PathOf(key) + ": expected " + std::to_string(2 * N) + " hex digits");
  }
  std::copy(bytes->begin(), bytes->end(), out->begin());
  return Status::Ok();
}

StatusOr<PublicKey> ReadPublic(const FieldReader& r, std::string_view kind) {
  VERITY_ASSIGN_OR_RETURN(std::string k, r.String("kind"));
  if (k != kind) {
    return InvalidArgument(r.PathOf("kind") + ": expected '" + std::string(kind) + "', got '" + k +
                           "'");
  }
  PublicKey pub;
  VERITY_ASSIGN_OR_RETURN(pub.party, r.String("party"));
  VERITY_RETURN_IF_ERROR(CheckPartyName(pub.party, r.PathOf("party")));
  VERITY_ASSIGN_OR_RETURN(pub.key_id, r.String("key_id"));
  VERITY_RETURN_IF_ERROR(ReadHexField(r, "public_key", &pub.bytes));
  if (KeyIdOf(pub.bytes) != pub.key_id) {
    return InvalidArgument(r.PathOf("key_id") + ": '" + pub.key_id +
                           "' does not match the public key (expected " + KeyIdOf(pub.bytes) + ")");
  }
  return pub;
}

// Creates `path` with mode 0600 from the start, so the secret is never
// readable by others, not even briefly.
Status WriteNewPrivateFile(const std::string& path, const std::string& contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, kSecretFileMode);
  if (fd < 0) {
    if (errno == EEXIST) return AlreadyExists(path + ": exists; a key is never overwritten");
    return Unavailable(path + ": cannot create: " + std::strerror(errno));
  }
  const ssize_t written = ::write(fd, contents.data(), contents.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(contents.size()) || !synced) {
    return Unavailable(path + ": write error");
  }
  return Status::Ok();
}

StatusOr<Json> LoadJson(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseJson(text, path);
}

std::string ModeText(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

// Refuses a secret key file that is not a regular file or that its owner
// does not keep to itself. Checked on the open descriptor, so the file read
// is the file checked.
Status CheckPrivate(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Unavailable(path + ": cannot stat: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return InvalidArgument(path + ": not a regular file");
  const unsigned mode = st.st_mode & 07777;
  if ((mode & kGroupOtherBits) != 0) {
    return PermissionDenied(
        path + ": the secret key file is " + ((mode & 044) != 0 ? "readable" : "accessible") +
        " by group or others (mode " + ModeText(mode) +
        "); a secret key must be private to its owner: run 'chmod 600 " + path + "'");
  }
  if (st.st_size > static_cast<off_t>(kMaxSecretFileBytes)) {
    return InvalidArgument(path + ": " + std::to_string(st.st_size) +
                           " bytes is too large for a key file");
  }
  return Status::Ok();
}

// The contents of a secret key file, after CheckPrivate.
StatusOr<std::string> ReadPrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such file");
    return Unavailable(path + ": cannot open: " + std::strerror(errno));
  }
  Status ok = CheckPrivate(fd, path);
  std::string text;
  char buf[4096];
  while (ok.ok()) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = Unavailable(path + ": read error: " + std::strerror(errno));
    if (n > 0) text.append(buf, static_cast<size_t>(n));
    if (text.size() > kMaxSecretFileBytes)
      ok = InvalidArgument(path + ": too large for a key file");
  }
  ::close(fd);
  VERITY_RETURN_IF_ERROR(ok);
  return text;
}

}  // namespace

std::string KeyIdOf(const std::array<uint8_t, kPublicKeyBytes>& pub) {
  const Hash256 h = Sha256(std::string_view(reinterpret_cast<const char*>(pub.data()), pub.size()));
  return ToHex(h.data(), kKeyIdBytes);
}

StatusOr<SecretKey> KeyFromSeed(std::string_view party,
                                const std::array<uint8_t, kSeedBytes>& seed) {
  VERITY_RETURN_IF_ERROR(InitCrypto());
  VERITY_RETURN_IF_ERROR(CheckPartyName(party, "party"));
  SecretKey k;
  crypto_sign_ed25519_seed_keypair(k.pub.bytes.data(), k.bytes.data(), seed.data());
  k.pub.party = std::string(party);
  k.pub.key_id = KeyIdOf(k.pub.bytes);
  return k;
}

StatusOr<SecretKey> GenerateKey(std::string_view party) {
  VERITY_RETURN_IF_ERROR(InitCrypto());
  std::array<uint8_t, kSeedBytes> seed;
  randombytes_buf(seed.data(), seed.size());
  auto k = KeyFromSeed(party, seed);
  sodium_memzero(seed.data(), seed.size());
  return k;
}

Signature SignBytes(const SecretKey& key, std::string_view message) {
  Signature sig;
  crypto_sign_ed25519_detached(sig.data(), nullptr,
                               reinterpret_cast<const unsigned char*>(message.data()),
                               message.size(), key.bytes.data());
  return sig;
}

bool VerifyBytes(const PublicKey& key, std::string_view message, const Signature& sig) {
  return crypto_sign_ed25519_verify_detached(sig.data(),
                                             reinterpret_cast<const unsigned char*>(message.data()),
                                             message.size(), key.bytes.data()) == 0;
}

Json PublicKeyToJson(const PublicKey& k) {
  return {{"kind", kPublicKind},
          {"party", k.party},
          {"key_id", k.key_id},
          {"public_key", ToHex(k.bytes.data(), k.bytes.size())}};
}

Json SecretKeyToJson(const SecretKey& k) {
  Json j = PublicKeyToJson(k.pub);
  j["kind"] = kSecretKind;
  j["secret_key"] = ToHex(k.bytes.data(), k.bytes.size());
  return j;
}

StatusOr<PublicKey> ParsePublicKey(const Json& j, std::string_view source) {
  FieldReader r(j, std::string(source));
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"kind", "party", "key_id", "public_key"}));
  return ReadPublic(r, kPublicKind);
}

StatusOr<SecretKey> ParseSecretKey(const Json& j, std::string_view source) {
  FieldReader r(j, std::string(source));
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"kind", "party", "key_id", "public_key", "secret_key"}));
  SecretKey k;
  VERITY_ASSIGN_OR_RETURN(k.pub, ReadPublic(r, kSecretKind));
  VERITY_RETURN_IF_ERROR(ReadHexField(r, "secret_key", &k.bytes));
  // libsodium's Ed25519 secret key is seed || public key.
  if (!std::equal(k.pub.bytes.begin(), k.pub.bytes.end(), k.bytes.begin() + kSeedBytes)) {
    return InvalidArgument(r.PathOf("secret_key") + ": does not belong to the public key");
  }
  return k;
}

StatusOr<PublicKey> LoadPublicKey(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(Json j, LoadJson(path));
  return ParsePublicKey(j, path);
}

StatusOr<SecretKey> LoadSecretKey(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadPrivateFile(path));
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, path));
  return ParseSecretKey(j, path);
}

Status WriteKeyFiles(const SecretKey& key, const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (!ec) std::filesystem::permissions(dir, kKeyDirPerms, ec);
  }
  if (ec) return Unavailable(dir + ": cannot create directory: " + ec.message());
  const std::string base = (std::filesystem::path(dir) / key.pub.party).string();
  if (std::filesystem::exists(base + ".pub")) {
    return AlreadyExists(base + ".pub: exists; a key is never overwritten");
  }
  VERITY_RETURN_IF_ERROR(WriteSecretKeyFile(key, base + ".key"));
  return WriteFileAtomic(base + ".pub", PublicKeyToJson(key.pub).dump(2) + "\n", kPublicFileMode);
}

Status WriteSecretKeyFile(const SecretKey& key, const std::string& path) {
  return WriteNewPrivateFile(path, SecretKeyToJson(key).dump(2) + "\n");
}

void SignInPlace(Notification* n, const SecretKey& key) {
  n->key_id = key.pub.key_id;
  n->signed_ = true;
  n->signature = SignBytes(key, n->SigningBytes());
}

StatusOr<Json> SignNotification(const Json& draft, const SecretKey& key) {
  VERITY_ASSIGN_OR_RETURN(Notification n, ParseNotification(draft, Draft::kUnsigned, "draft"));
  if (n.party != key.pub.party) {
    return InvalidArgument("draft: party: '" + n.party + "' but the key " + key.pub.key_id +
                           " belongs to " + key.pub.party);
  }
  SignInPlace(&n, key);
  return n.ToJson();
}

Status VerifyNotification(const Notification& n, const PublicKey& key) {
  return VerifyNotification(n, key, n.SigningBytes());
}

Status VerifyNotification(const Notification& n, const PublicKey& key,
                          std::string_view signing_bytes) {
  if (n.key_id != key.key_id) {
    return InvalidArgument("key_id: '" + n.key_id + "' is not the key " + key.key_id);
  }
  if (!VerifyBytes(key, signing_bytes, n.signature)) {
    return InvalidArgument("signature: does not verify with key " + key.key_id + " of " +
                           key.party);
  }
  return Status::Ok();
}

}  // namespace verity::ledger
