// What the endpoint groups read and call: the configuration and the loaded
// domain objects.
//
// The server owns no domain logic; it holds pointers to what the serve
// command loaded and passes them to each group. A null domain member means
// that part is not available in this deployment; its endpoints answer 503
// "unavailable".
//
// Thread safety: the members are immutable once the server starts, or
// internally synchronised.
#ifndef VERITY_SERVER_CONTEXT_H_
#define VERITY_SERVER_CONTEXT_H_

#include <vector>

#include "forces/public_series.h"
#include "server/config.h"
#include "treaty/treaty.h"

namespace verity::server {

struct ServerContext {
  const ServerConfig* config = nullptr;  // required
  const treaty::Treaty* treaty = nullptr;
  const std::vector<forces::PublicAggregate>* aggregates = nullptr;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_CONTEXT_H_
