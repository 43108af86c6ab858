// Using the server's ledger from a request handler. Internal to the server.
#ifndef VERITY_SERVER_LEDGER_ACCESS_H_
#define VERITY_SERVER_LEDGER_ACCESS_H_

#include <mutex>

#include "server/context.h"
#include "server/router.h"

namespace verity::server {

// Runs `fn(ledger::Ledger&)` under the ledger's lock (a ledger::Ledger is used
// by one thread at a time) and returns what it returns, a StatusOr;
// Unavailable if the server has no ledger.
template <typename Fn>
auto WithLedger(const ServerContext& ctx, Fn fn) -> decltype(fn(*ctx.ledger->ledger)) {
  if (ctx.ledger == nullptr) return Unavailable("the ledger is not loaded on this server");
  std::lock_guard lock(ctx.ledger->mu);
  return fn(*ctx.ledger->ledger);
}

}  // namespace verity::server

#endif  // VERITY_SERVER_LEDGER_ACCESS_H_
