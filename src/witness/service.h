// The witness's HTTP service (C2SP tlog-witness.md) as an http::Handler:
//
//   POST /add-checkpoint            the body to Store::Add; the answer's
//                                   status, Content-Type and body as the
//                                   specification names them (200 the
//                                   cosignature lines, 400, 403, 404, 409
//                                   text/x.tlog.size "<size>\n", 422)
//   GET  /<origin hash>/checkpoint  the latest cosigned checkpoint of the
//                                   origin whose lower-case hex SHA-256 is
//                                   <origin hash> (the monitoring path,
//                                   with an empty prefix), else 404
//   GET  /health                    "ok"
//
// Anything else is 404, a known path with another method 405 with Allow.
// The body is bounded by the HTTP layer (kMaxBodyBytes, 413 beyond); a
// database failure is a 503 "witness: storage unavailable" and stores
// nothing. Every answer is text/plain (or text/x.tlog.size) and no-store.
//
// Thread safety: Serve may run on several threads at once.
#ifndef VERITY_WITNESS_SERVICE_H_
#define VERITY_WITNESS_SERVICE_H_

#include <cstdint>
#include <functional>

#include "http/message.h"
#include "tlog/limits.h"
#include "tlog/witness.h"
#include "witness/store.h"

namespace verity::witness {

// The largest request body the witness's HTTP server accepts.
inline constexpr int64_t kMaxBodyBytes = int64_t(tlog::kMaxAddCheckpointBytes);

class Service : public http::Handler {
 public:
  // `store` must outlive the service. `clock` gives POSIX seconds (>= 1).
  Service(tlog::WitnessConfig config, Store* store, std::function<uint64_t()> clock);
  http::Response Serve(const http::Request& request) const override;

 private:
  http::Response AddCheckpoint(const http::Request& request) const;
  http::Response Monitoring(std::string_view origin_hash) const;

  tlog::WitnessConfig config_;
  Store* store_;
  std::function<uint64_t()> clock_;
};

// The wall clock in POSIX seconds.
uint64_t Now();

}  // namespace verity::witness

#endif  // VERITY_WITNESS_SERVICE_H_
