// Collecting cosignatures from real witnesses on loopback: quorum, 409
// resends with a proof from the witness's size, witnesses that are down,
// silent or hostile, and the exact errors.
#include "witness/collector.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "witness/test_util.h"

namespace verity::witness {
namespace {

using testing::LoopbackWitness;
using testing::TestLog;

// A TCP listener that accepts connections and never answers.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 16);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

ProofSource ProofsFor(uint64_t n) {
  return [n](uint64_t old) -> StatusOr<std::vector<Hash256>> {
    return tlog::ConsistencyProof(TestLog::Leaves(n), old);
  };
}

class CollectorTest : public ::testing::Test {
 protected:
  tlog::Policy Policy(const std::string& witnesses, const std::string& quorum) {
    auto p = tlog::ParsePolicy("log " + log_.key.verifier().ToString() + "\n" + witnesses + quorum);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return *p;
  }
  CollectOptions Fast() {
    CollectOptions o;
    o.post.deadline_ms = 500;
    o.witness_deadline_ms = 1500;
    o.retry_delay_ms = 10;
    return o;
  }
  TestLog log_;
  LoopbackWitness us_{"us", 2, log_};
  LoopbackWitness ru_{"ru", 3, log_};
};

TEST_F(CollectorTest, BothPartiesCosignAndTheQuorumIsMet) {
  Collector c(
      Policy(us_.PolicyLine("us") + ru_.PolicyLine("ru"), "group both all us ru\nquorum both\n"));
  auto first = c.Collect(log_.Note(10), ProofsFor(10));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->verdict.quorum_met) << first->verdict.missing;
  for (const WitnessOutcome& o : first->witnesses) EXPECT_TRUE(o.status.ok()) << o.Summary();
  ASSERT_TRUE(tlog::CheckCheckpoint(c.policy(), first->note).ok());
  // The next checkpoint goes out from the remembered size: one request each.
  auto next = c.Collect(log_.Note(25), ProofsFor(25));
  ASSERT_TRUE(next.ok());
  EXPECT_TRUE(next->verdict.quorum_met);
  for (const WitnessOutcome& o : next->witnesses) {
    EXPECT_EQ(o.attempts, 1);
    EXPECT_EQ(o.old_size, 10u);
  }
}

TEST_F(CollectorTest, A409IsResentWithTheWitnessSizeAndAProofFromIt) {
  ASSERT_EQ(us_.store()
                .Add({{us_.key()},
                      [&] {
                        tlog::VerifierSet s;
                        (void)s.Add(log_.key.verifier());
                        return s;
                      }()},
                     log_.Body(0, 7), 1)
                ->status,
            200);
  Collector c(Policy(us_.PolicyLine("us"), "quorum us\n"));  // knows nothing of size 7
  auto got = c.Collect(log_.Note(12), ProofsFor(12));
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->witnesses[0].status.ok()) << got->witnesses[0].Summary();
  EXPECT_EQ(got->witnesses[0].attempts, 2);
  EXPECT_EQ(got->witnesses[0].old_size, 7u);
  EXPECT_TRUE(got->verdict.quorum_met);
}

TEST_F(CollectorTest, AWitnessThatIsDownOrSilentCostsAtMostItsDeadline) {
  SilentServer silent;
  const std::string down_url = "http://127.0.0.1:1";
  Collector c(Policy(us_.PolicyLine("us") + "witness ru " + ru_.key().verifier().ToString() + " " +
                         silent.url() + "\n" + "witness obs " +
                         tlog::testing::TestKey("witness.example/obs",
                                                tlog::SignatureType::kCosignatureV1, 9)
                             .verifier()
                             .ToString() +
                         " " + down_url + "\n",
                     "group both all us ru\nquorum both\n"),
              Fast());
  auto got = c.Collect(log_.Note(5), ProofsFor(5));
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->witnesses[0].status.ok());
  EXPECT_EQ(got->witnesses[1].status.code(), StatusCode::kUnavailable);
  EXPECT_NE(got->witnesses[1].status.message().find("witness ru ("), std::string::npos);
  EXPECT_EQ(got->witnesses[2].status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(got->witnesses[2].attempts, 3);
  EXPECT_NE(got->witnesses[2].status.message().find("cannot connect"), std::string::npos);
  EXPECT_FALSE(got->verdict.quorum_met);
  EXPECT_NE(got->verdict.missing.find("ru"), std::string::npos) << got->verdict.missing;
  // The log's signature and us's cosignature are there, not the quorum.
  auto strict = tlog::CheckCheckpoint(c.policy(), got->note);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().message().find("quorum both not met"), std::string::npos);
}

TEST_F(CollectorTest, AWitnessHoldingALargerTreeIsRefusedByName) {
  tlog::VerifierSet logs;
  (void)logs.Add(log_.key.verifier());
  ASSERT_EQ(us_.store().Add({{us_.key()}, logs}, log_.Body(0, 40), 1)->status, 200);
  Collector c(Policy(us_.PolicyLine("us"), "quorum us\n"));
  auto got = c.Collect(log_.Note(12), ProofsFor(12));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->witnesses[0].status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(got->witnesses[0].status.message().find("it has cosigned size 40, above this "
                                                    "checkpoint's 12"),
            std::string::npos);
}

TEST_F(CollectorTest, AForkIsRefusedWith422AndNamed) {
  Collector c(Policy(us_.PolicyLine("us"), "quorum us\n"));
  ASSERT_TRUE(c.Collect(log_.Note(6), ProofsFor(6))->verdict.quorum_met);
  auto fork = c.Collect(log_.Note(6, "rewritten-"), ProofsFor(6));
  ASSERT_TRUE(fork.ok());
  EXPECT_EQ(fork->witnesses[0].status.code(), StatusCode::kDataLoss);
  EXPECT_NE(fork->witnesses[0].status.message().find("witness answered 422"), std::string::npos);
  EXPECT_FALSE(fork->verdict.quorum_met);
}

TEST_F(CollectorTest, ACheckpointOfAnotherLogIsNotSent) {
  Collector c(Policy(us_.PolicyLine("us"), "quorum us\n"));
  const tlog::Signer other =
      tlog::testing::TestKey("other.example/log", tlog::SignatureType::kEd25519, 4);
  auto got =
      c.Collect(*tlog::SignCheckpoint({"other.example/log", 0, tlog::EmptyTreeHash(), {}}, other),
                ProofsFor(0));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kPermissionDenied);
}

TEST(EndpointTest, SubmissionPrefixesAreCheckedAndJoined) {
  EXPECT_EQ(AddCheckpointEndpoint("http://127.0.0.1:8091")->path, "/add-checkpoint");
  EXPECT_EQ(AddCheckpointEndpoint("https://w.example/prefix/")->path, "/prefix/add-checkpoint");
  EXPECT_EQ(AddCheckpointEndpoint("https://w.example/prefix/")->scheme_host_port,
            "https://w.example");
  for (const char* bad : {"ftp://x", "http://", "http://:80", "http://x:99999", "http://x/?a=1",
                          "http://u@x/", "w.example"}) {
    auto e = AddCheckpointEndpoint(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_NE(e.status().message().find("witness URL"), std::string::npos);
  }
}

}  // namespace
}  // namespace verity::witness
