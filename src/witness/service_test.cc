// The witness over HTTP: every status of tlog-witness with its content
// type, the monitoring path, methods, and the body limit.
#include "witness/service.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "witness/test_util.h"

namespace verity::witness {
namespace {

using testing::LoopbackWitness;
using testing::TestLog;

class ServiceTest : public ::testing::Test {
 protected:
  httplib::Result Post(const std::string& body) {
    return client_.Post("/add-checkpoint", body, "text/plain");
  }
  TestLog log_;
  LoopbackWitness witness_{"service", 2, log_};
  httplib::Client client_{"127.0.0.1", witness_.port()};
};

TEST_F(ServiceTest, EveryStatusOfTheSpecification) {
  auto ok = Post(log_.Body(0, 3));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_TRUE(ok->body.starts_with("\xE2\x80\x94 witness.example/service "));

  auto conflict = Post(log_.Body(0, 5));
  EXPECT_EQ(conflict->status, 409);
  EXPECT_EQ(conflict->get_header_value("Content-Type"), "text/x.tlog.size");
  EXPECT_EQ(conflict->body, "3\n");

  EXPECT_EQ(Post("old 1\nnot base64\n\nx\n")->status, 400);
  auto above = Post(*tlog::FormatAddCheckpointRequest({9, {}, log_.Note(5)}));
  EXPECT_EQ(above->status, 400);
  EXPECT_NE(above->body.find("old size is above"), std::string::npos);

  const tlog::Signer stranger =
      tlog::testing::TestKey("other.example/log", tlog::SignatureType::kEd25519, 7);
  auto unknown = Post(*tlog::FormatAddCheckpointRequest(
      {0,
       {},
       *tlog::SignCheckpoint({"other.example/log", 0, tlog::EmptyTreeHash(), {}}, stranger)}));
  EXPECT_EQ(unknown->status, 404);

  const tlog::Signer impostor =
      tlog::testing::TestKey(testing::kOrigin, tlog::SignatureType::kEd25519, 8);
  auto forged = Post(*tlog::FormatAddCheckpointRequest(
      {3, {}, *tlog::SignCheckpoint({std::string(testing::kOrigin), 3, {}, {}}, impostor)}));
  EXPECT_EQ(forged->status, 403);

  auto fork = Post(log_.Body(3, 3, "rewritten-"));
  EXPECT_EQ(fork->status, 422);
  EXPECT_EQ(fork->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(Post(log_.Body(3, 7))->status, 200);
}

TEST_F(ServiceTest, TheMonitoringPathServesTheLatestCosignedCheckpoint) {
  const std::string path = "/" + tlog::OriginHash(testing::kOrigin) + "/checkpoint";
  EXPECT_EQ(client_.Get(path)->status, 404);
  ASSERT_EQ(Post(log_.Body(0, 4))->status, 200);
  auto got = client_.Get(path);
  ASSERT_EQ(got->status, 200);
  tlog::Policy policy = *tlog::ParsePolicy("log " + log_.key.verifier().ToString() + "\n" +
                                           witness_.PolicyLine("us") + "quorum us\n");
  auto verdict = tlog::CheckCheckpoint(policy, got->body);
  ASSERT_TRUE(verdict.ok()) << verdict.status().message();
  EXPECT_EQ(verdict->checkpoint.size, 4u);
  EXPECT_EQ(client_.Get("/" + std::string(64, 'A') + "/checkpoint")->status, 404);
}

TEST_F(ServiceTest, MethodsAndLimits) {
  auto get = client_.Get("/add-checkpoint");
  EXPECT_EQ(get->status, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");
  EXPECT_EQ(client_.Get("/elsewhere")->status, 404);
  EXPECT_EQ(Post(std::string(size_t(kMaxBodyBytes) + 1, 'x'))->status, 413);
  EXPECT_EQ(client_.Get("/health")->body, "ok\n");
}

}  // namespace
}  // namespace verity::witness
