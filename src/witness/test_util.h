// Helpers shared by the witness tests: a log of test entries with its
// key, and a real witness (store, service, HTTP server) on loopback.
#ifndef VERITY_WITNESS_TEST_UTIL_H_
#define VERITY_WITNESS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/test_dir.h"
#include "http/server.h"
#include "tlog/checkpoint.h"
#include "tlog/merkle.h"
#include "tlog/policy.h"
#include "tlog/test_util.h"
#include "witness/service.h"
#include "witness/store.h"

namespace verity::witness::testing {

inline constexpr std::string_view kOrigin = "verity.example/test-log";

// A log of "entry-<i>" leaves, signed by a fixed key.
struct TestLog {
  tlog::Signer key = tlog::testing::TestKey(kOrigin, tlog::SignatureType::kEd25519, 1);

  static std::vector<Hash256> Leaves(uint64_t n, const std::string& prefix = "entry-") {
    std::vector<Hash256> out;
    for (uint64_t i = 0; i < n; ++i) out.push_back(tlog::LeafHash(prefix + std::to_string(i)));
    return out;
  }
  // The signed checkpoint of the first `n` leaves (or of another history).
  std::string Note(uint64_t n, const std::string& prefix = "entry-") const {
    const auto leaves = Leaves(n, prefix);
    return *tlog::SignCheckpoint({std::string(kOrigin), n, tlog::RootOf(leaves), {}}, key);
  }
  // The add-checkpoint body for the tree of `n` from `old`.
  std::string Body(uint64_t old, uint64_t n, const std::string& prefix = "entry-") const {
    const auto leaves = Leaves(n, prefix);
    std::vector<Hash256> proof;
    if (old > 0 && old < n) proof = tlog::ConsistencyProof(leaves, old);
    return *tlog::FormatAddCheckpointRequest({old, proof, Note(n, prefix)});
  }
};

// A witness on 127.0.0.1 with its own state folder.
class LoopbackWitness {
 public:
  LoopbackWitness(const std::string& name, uint8_t seed, const TestLog& log)
      : LoopbackWitness(name, seed, log.key.verifier()) {}
  // A witness of the log whose key is `log`.
  LoopbackWitness(const std::string& name, uint8_t seed, const tlog::Verifier& log)
      : dir_(name),
        key_(tlog::testing::TestKey("witness.example/" + name, tlog::SignatureType::kCosignatureV1,
                                    seed)) {
    store_ = std::move(Store::Open(dir_.Path("state"))).value();
    tlog::WitnessConfig config;
    config.keys.push_back(key_);
    (void)config.logs.Add(log);
    service_ = std::make_unique<Service>(std::move(config), store_.get(), [] { return 1700; });
    http::ServerOptions options;
    options.limits.max_body_bytes = kMaxBodyBytes;
    server_ = std::make_unique<http::Server>(options, *service_);
    EXPECT_TRUE(server_->Start().ok());
  }
  ~LoopbackWitness() { server_->Stop(); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  int port() const { return server_->port(); }
  const tlog::Signer& key() const { return key_; }
  Store& store() { return *store_; }
  std::string PolicyLine(const std::string& name) const {
    return "witness " + name + " " + key_.verifier().ToString() + " " + url() + "\n";
  }

 private:
  verity::testing::TestDir dir_;
  tlog::Signer key_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace verity::witness::testing

#endif  // VERITY_WITNESS_TEST_UTIL_H_
