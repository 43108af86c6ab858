#include "witness/serve.h"

#include <pthread.h>
#include <signal.h>

#include "http/server.h"
#include "witness/keyfiles.h"
#include "witness/service.h"
#include "witness/store.h"

namespace verity::witness {

Status RunWitness(const WitnessServeOptions& o, std::ostream& out) {
  if (o.logs.empty()) return InvalidArgument("witness: no --log key: a witness needs a log");
  VERITY_ASSIGN_OR_RETURN(tlog::Signer key, LoadSigner(o.key_path));
  if (key.type() != tlog::SignatureType::kCosignatureV1) {
    return InvalidArgument(o.key_path + ": not a cosignature/v1 key (make one with 'verity " +
                           "witness keygen')");
  }
  tlog::WitnessConfig config;
  VERITY_ASSIGN_OR_RETURN(config.logs, LoadLogKeys(o.logs));
  const std::string vkey = key.verifier().ToString();
  config.keys.push_back(std::move(key));
  VERITY_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(o.data_dir));
  Service service(std::move(config), store.get(), Now);
  http::ServerOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.limits.max_body_bytes = kMaxBodyBytes;

  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  http::Server server(options, service);
  if (Status s = server.Start(); !s.ok()) {
    pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
    return s;
  }
  out << "Witness " << vkey << " on http://" << o.bind << ":" << server.port() << "/\n"
      << std::flush;
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  server.Stop();
  pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
  out << "Stopped.\n";
  return Status::Ok();
}

}  // namespace verity::witness
