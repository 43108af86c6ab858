// Opening the server's ledger: creates it in the data folder on first use and
// registers the parties' public keys from the configuration.
#ifndef VERITY_SERVER_LEDGER_SETUP_H_
#define VERITY_SERVER_LEDGER_SETUP_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "forces/counter.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "server/config.h"

namespace verity::server {

// The ledger key of a configured party. InvalidArgument
// "parties[US].public_key: ..." if the key is not 32 bytes of hex.
StatusOr<ledger::PublicKey> PartyKey(const PartyConfig& party);

// Opens the ledger in `dir`, creating it if there is none, and registers
// every configured party key (AlreadyExists if a key is registered for
// another party). Errors of the ledger pass through with their codes.
// It is opened as every ledger under a treaty is (inspect::OpenForTreaty):
// `counter` (which must outlive the ledger) brings the replay's and the
// inspections' ambiguity finders to every append.
StatusOr<std::unique_ptr<ledger::Ledger>> OpenServerLedger(const std::string& dir,
                                                           const ServerConfig& config,
                                                           const forces::Counter& counter);

}  // namespace verity::server

#endif  // VERITY_SERVER_LEDGER_SETUP_H_
