// `ledger export-tiles`, `mirror sync`, `mirror verify` and tlog-proof files
// on the sample ledger, and the tree `verity serve` serves, checked over
// HTTP by `mirror verify URL`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_test_util.h"
#include "core/file_io.h"
#include "ledger/keys.h"
#include "ledger/test_util.h"
#include "server/test_server.h"

namespace verity::cli {
namespace {

class TilesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ledger::testing::FreshDir("tiles-cli");
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  std::string dir_;
};

TEST_F(TilesCliTest, TheSampleExportsVerifiesAndSyncs) {
  const std::string data = Path("data"), tiles = Path("tiles"), copy = Path("copy");
  ASSERT_EQ(Verity({"ledger", "sample", "--data", data, "--to", "2011-12-31"}).code, 0);
  const Result exp = Verity({"ledger", "export-tiles", "--data", data, "--out", tiles});
  ASSERT_EQ(exp.code, 0) << exp.err;
  const std::string vkey = Verity({"ledger", "vkey", "--data", data}).out;
  std::ofstream(Path("log.vkey")) << vkey;
  const Result ok = Verity({"mirror", "verify", tiles, "--vkey", Path("log.vkey")});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("served beside the tiles"), std::string::npos) << ok.out;
  const Result sync = Verity({"mirror", "sync", tiles, copy, "--vkey", Path("log.vkey")});
  ASSERT_EQ(sync.code, 0) << sync.err;
  EXPECT_EQ(Verity({"mirror", "verify", copy, "--vkey", Path("log.vkey")}).code, 0);
  const Result none = Verity({"mirror", "verify", tiles});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("name the log's key"), std::string::npos) << none.err;
  EXPECT_EQ(Verity({"mirror", "verify", Path("nowhere"), "--vkey", Path("log.vkey")}).code, 2);
}

TEST_F(TilesCliTest, ATlogProofFileChecksForItsEntryOnly) {
  const std::string data = Path("data");
  ASSERT_EQ(Verity({"ledger", "sample", "--data", data, "--to", "2011-03-31"}).code, 0);
  std::ofstream(Path("log.vkey")) << Verity({"ledger", "vkey", "--data", data}).out;
  const Result proof =
      Verity({"ledger", "prove", "--data", data, "--index", "1", "--format", "tlog-proof"});
  ASSERT_EQ(proof.code, 0) << proof.err;
  EXPECT_TRUE(proof.out.starts_with("c2sp.org/tlog-proof@v1\nindex 1\n")) << proof.out;
  std::ofstream(Path("proof.txt")) << proof.out;
  const Json doc =
      ParseJson(Verity({"ledger", "prove", "--data", data, "--index", "1"}).out, "").value();
  std::ofstream(Path("entry.json")) << doc.at("entry").dump();
  const Result ok = Verity({"ledger", "check-proof", Path("proof.txt"), "--entry",
                            Path("entry.json"), "--vkey", Path("log.vkey")});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("ok: entry 1 is in the tree of size"), std::string::npos) << ok.out;
  Json other = doc.at("entry");
  other["serial"] = other.at("serial").get<int64_t>() + 1;
  std::ofstream(Path("other.json")) << other.dump();
  const Result bad = Verity({"ledger", "check-proof", Path("proof.txt"), "--entry",
                             Path("other.json"), "--vkey", Path("log.vkey")});
  EXPECT_EQ(bad.code, 1) << bad.err;
  const Result no_entry =
      Verity({"ledger", "check-proof", Path("proof.txt"), "--vkey", Path("log.vkey")});
  EXPECT_EQ(no_entry.code, 2);
  EXPECT_NE(no_entry.err.find("--entry: "), std::string::npos) << no_entry.err;
}

// `verity serve` serves the tree; a mirror check over HTTP reads it.
TEST_F(TilesCliTest, TheServedTreeVerifiesOverHttp) {
  server::TestServer ts;
  auto client = ts.Client();
  for (int serial = 1; serial <= 3; ++serial) {
    const Json n =
        ledger::SignNotification(ledger::testing::MovementDraft("US", serial), server::UsKey())
            .value();
    const auto res =
        client->Post("/api/v1/notifications", server::TestServer::Bearer(server::kUsToken),
                     n.dump(), "application/json");
    ASSERT_TRUE(res && res->status == 201);
  }
  const Json head = server::ResponseJson(client->Get("/api/v1/ledger/head"));
  const std::string url = "http://127.0.0.1:" + std::to_string(ts.port());
  const Result ok = Verity({"mirror", "verify", url, "--vkey", head.at("log_vkey")});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find(", 3 entries"), std::string::npos) << ok.out;
  const auto partial = client->Get("/tile/0/000.p/3");
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->status, 200);
  EXPECT_EQ(partial->body.size(), 3u * 32);
  EXPECT_EQ(partial->get_header_value("Cache-Control"), "public, max-age=60");
  EXPECT_EQ(client->Get("/tile/0/001")->status, 404);
  EXPECT_EQ(client->Get("/tile/0/01")->status, 422);
  EXPECT_EQ(client->Get("/verity/../ledger.sqlite")->status, 422);
}

}  // namespace
}  // namespace verity::cli
