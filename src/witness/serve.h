// `verity witness serve`: a tlog-witness server on Verity's HTTP layer
// (service.h) until SIGINT or SIGTERM.
#ifndef VERITY_WITNESS_SERVE_H_
#define VERITY_WITNESS_SERVE_H_

#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"

namespace verity::witness {

struct WitnessServeOptions {
  std::string data_dir;
  std::string key_path;           // the cosignature/v1 skey (0600)
  std::vector<std::string> logs;  // vkeys (or files) of the logs it witnesses; at least one
  std::string bind = "127.0.0.1";
  int port = 8090;  // 0: any free port (printed)
};

// Blocks until a stop signal. Prints the address and the witness's vkey
// to `out` ("Witness <vkey> on http://<bind>:<port>/"). InvalidArgument
// for a bad key or log key (naming the file), a key that is not
// cosignature/v1, or no --log; Unavailable when the address cannot be
// bound or the database opened.
Status RunWitness(const WitnessServeOptions& options, std::ostream& out);

}  // namespace verity::witness

#endif  // VERITY_WITNESS_SERVE_H_
