#include "witness/keyfiles.h"

#include <sys/stat.h>

#include <filesystem>

#include "core/file_io.h"
#include "core/text.h"

namespace verity::witness {
namespace {

constexpr size_t kMaxKeyFileBytes = 4096;

// The file's text without one final newline.
StatusOr<std::string> ReadKeyText(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path, kMaxKeyFileBytes));
  if (text.ends_with('\n')) text.pop_back();
  if (text.ends_with('\r')) text.pop_back();
  return text;
}

}  // namespace

StatusOr<KeyPaths> GenerateKeyFiles(const std::string& name, const std::string& out_dir) {
  if (name.find('/') != std::string::npos || name == "." || name == "..") {
    return InvalidArgument("witness key name '" + name + "': not usable as a file name");
  }
  VERITY_ASSIGN_OR_RETURN(tlog::Signer key,
                          tlog::Signer::Generate(name, tlog::SignatureType::kCosignatureV1));
  const std::filesystem::path dir(out_dir);
  KeyPaths paths{(dir / (name + ".key")).string(), (dir / (name + ".vkey")).string()};
  for (const std::string& p : {paths.key, paths.vkey}) {
    if (std::filesystem::exists(p)) return AlreadyExists(p + ": already exists (not overwritten)");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unavailable(out_dir + ": cannot create: " + ec.message());
  VERITY_RETURN_IF_ERROR(WriteFileAtomic(paths.key, key.ToString() + "\n", 0600));
  VERITY_RETURN_IF_ERROR(WriteFileAtomic(paths.vkey, key.verifier().ToString() + "\n", 0644));
  return paths;
}

StatusOr<tlog::Signer> LoadSigner(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return InvalidArgument(path + ": a private key readable by other users (chmod 600 it)");
  }
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadKeyText(path));
  auto key = tlog::Signer::Parse(text);
  if (!key.ok()) return key.status().WithContext(path);
  return key;
}

StatusOr<tlog::Verifier> LoadVerifier(const std::string& vkey_or_path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(vkey_or_path, ec)) {
    VERITY_ASSIGN_OR_RETURN(std::string text, ReadKeyText(vkey_or_path));
    auto key = tlog::Verifier::Parse(text);
    if (!key.ok()) return key.status().WithContext(vkey_or_path);
    return key;
  }
  auto key = tlog::Verifier::Parse(vkey_or_path);
  if (!key.ok()) {
    return InvalidArgument("'" + EscapeBytes(std::string_view(vkey_or_path).substr(0, 80)) +
                           "': no such file, and not a vkey (" + key.status().message() + ")");
  }
  return key;
}

StatusOr<tlog::VerifierSet> LoadLogKeys(const std::vector<std::string>& vkeys_or_paths) {
  tlog::VerifierSet set;
  for (const std::string& v : vkeys_or_paths) {
    VERITY_ASSIGN_OR_RETURN(tlog::Verifier key, LoadVerifier(v));
    if (key.type() != tlog::SignatureType::kEd25519) {
      return InvalidArgument("log key " + key.name() + ": not an Ed25519 note key (type 0x01)");
    }
    VERITY_RETURN_IF_ERROR(set.Add(key));
  }
  return set;
}

}  // namespace verity::witness
