// The server over a failing disk (a fault-injecting SQLite VFS under the
// server's real ledger), seen through an HTTP client only: a submission that
// cannot be stored is 503 and stores nothing; reads keep being served; once
// the disk is back, submissions are accepted again.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ledger/keys.h"
#include "ledger/test_util.h"
#include "ledger/testing/fault_vfs.h"
#include "server/test_server.h"

namespace verity::server {
namespace {

using ledger::testing::FaultVfs;

int HttpStatus(const httplib::Result& res) { return res ? res->status : 0; }

TEST(StorageFaultServerTest, DiskFullIs503AndReadsGoOn) {
  FaultVfs& vfs = FaultVfs::Install();
  TestServer ts;
  auto client = ts.Client();
  auto submit = [&](int64_t serial) {
    const Json n =
        ledger::SignNotification(ledger::testing::MovementDraft("US", serial), UsKey()).value();
    return client->Post("/api/v1/notifications", TestServer::Bearer(kUsToken), n.dump(),
                        "application/json");
  };
  ASSERT_EQ(HttpStatus(submit(1)), 201);

  vfs.FailWritesAfter(0, SQLITE_FULL);
  const auto refused = submit(2);
  const auto head = client->Get("/api/v1/ledger/head");
  const auto entry = client->Get("/api/v1/ledger/entries/0", TestServer::Bearer(kUsToken));
  vfs.Clear();
  EXPECT_EQ(HttpStatus(refused), 503);
  EXPECT_NE(ResponseJson(refused).dump().find("disk full"), std::string::npos)
      << ResponseJson(refused).dump();
  ASSERT_EQ(HttpStatus(head), 200);
  EXPECT_EQ(ResponseJson(head).at("tree_head").at("size"), 1);
  EXPECT_EQ(HttpStatus(entry), 200);

  ASSERT_EQ(HttpStatus(submit(2)), 201);
  const auto after = client->Get("/api/v1/ledger/head");
  EXPECT_EQ(ResponseJson(after).at("tree_head").at("size"), 2);
}

}  // namespace
}  // namespace verity::server
