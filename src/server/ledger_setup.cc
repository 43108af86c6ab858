#include "server/ledger_setup.h"

#include <filesystem>
#include <vector>

#include "core/hash.h"
#include "inspect/treaty_ledger.h"

namespace verity::server {

StatusOr<ledger::PublicKey> PartyKey(const PartyConfig& party) {
  const std::string where = "parties[" + party.id + "].public_key";
  auto bytes = FromHex(party.public_key);
  if (!bytes.ok() || bytes->size() != ledger::kPublicKeyBytes) {
    return InvalidArgument(where + ": expected " + std::to_string(2 * ledger::kPublicKeyBytes) +
                           " hex digits (an Ed25519 public key)");
  }
  ledger::PublicKey key;
  key.party = party.id;
  std::copy(bytes->begin(), bytes->end(), key.bytes.begin());
  key.key_id = ledger::KeyIdOf(key.bytes);
  return key;
}

StatusOr<std::unique_ptr<ledger::Ledger>> OpenServerLedger(const std::string& dir,
                                                           const ServerConfig& config,
                                                           const forces::Counter& counter) {
  std::vector<ledger::PublicKey> keys;
  for (const PartyConfig& p : config.parties) {
    if (p.public_key.empty()) continue;
    VERITY_ASSIGN_OR_RETURN(ledger::PublicKey k, PartyKey(p));
    keys.push_back(std::move(k));
  }
  std::error_code ec;  // a folder that cannot be read: Init names it
  if (!std::filesystem::exists(std::filesystem::path(dir) / ledger::kDatabaseFile, ec)) {
    VERITY_RETURN_IF_ERROR(ledger::Ledger::Init(dir, keys));
  }
  VERITY_ASSIGN_OR_RETURN(std::unique_ptr<ledger::Ledger> l, inspect::OpenForTreaty(dir, counter));
  for (const ledger::PublicKey& k : keys) VERITY_RETURN_IF_ERROR(l->AddPartyKey(k));
  return l;
}

}  // namespace verity::server
