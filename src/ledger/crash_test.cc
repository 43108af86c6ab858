// Kill -9 during appends: every acknowledged notification must survive and
// the reopened ledger must verify.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>

#include "ledger/store.h"
#include "ledger/test_util.h"
#include "ledger/verify.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;
using testing::SignedMovements;
using testing::TestKey;

constexpr int kPlanned = 5000;       // notifications the child would append
constexpr int kBatch = 20;           // per append
constexpr int kKillAfterAcks = 100;  // batches acknowledged before the kill

// The child: appends batches and writes each acknowledged last serial to `fd`.
[[noreturn]] void AppendUntilKilled(const std::string& dir, const std::vector<BatchItem>& items,
                                    int fd) {
  auto ledger = Ledger::Open(dir);
  if (!ledger.ok()) _exit(3);
  for (size_t i = 0; i + kBatch <= items.size(); i += kBatch) {
    std::vector<BatchItem> batch(items.begin() + static_cast<long>(i),
                                 items.begin() + static_cast<long>(i + kBatch));
    if (!(*ledger)->Append(batch, testing::TestNow()).ok()) _exit(4);
    const int32_t acked = static_cast<int32_t>(i + kBatch);  // serials 1..acked are stored
    if (write(fd, &acked, sizeof acked) != sizeof acked) _exit(5);
  }
  _exit(0);
}

TEST(CrashTest, AcknowledgedAppendsSurviveSigkill) {
  const std::string dir = FreshDir("crash");
  const SecretKey us = TestKey("US", 1);
  const std::vector<PublicKey> keys = {us.pub};
  ASSERT_TRUE(Ledger::Init(dir, keys).ok());
  const auto items = SignedMovements(us, 1, kPlanned);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    AppendUntilKilled(dir, items, fds[1]);
  }
  close(fds[1]);
  int32_t acked = 0, value = 0;
  int acks = 0;
  while (acks < kKillAfterAcks && read(fds[0], &value, sizeof value) == sizeof value) {
    acked = value;
    ++acks;
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the child finished before it was killed";
  // Acknowledgements written before the kill still count.
  while (read(fds[0], &value, sizeof value) == sizeof value) acked = value;
  close(fds[0]);

  auto ledger = Ledger::Open(dir).value();
  const uint64_t size = ledger->Size().value();
  EXPECT_GE(size, static_cast<uint64_t>(acked));
  EXPECT_LT(size, static_cast<uint64_t>(kPlanned));
  std::set<int64_t> serials;
  const auto entries = ledger->Entries(0, size).value();
  for (const auto& n : entries) serials.insert(n.serial);
  for (int32_t s = 1; s <= acked; ++s)
    ASSERT_TRUE(serials.count(s)) << "acknowledged serial " << s << " lost";
  const VerifyReport report = VerifyLedger(*ledger).value();
  EXPECT_TRUE(report.ok()) << report.ToJson().dump(2);
  EXPECT_EQ(report.rows, size);
  std::filesystem::remove_all(dir);
}

// Two processes append to one folder at the same time, each its own party:
// SQLite's write lock serialises the appends, every one succeeds, each
// party's serials stay in order and the ledger verifies.
TEST(CrashTest, ConcurrentAppendsFromTwoProcessesSerialise) {
  const std::string dir = FreshDir("concurrent");
  const SecretKey us = TestKey("US", 1), ru = TestKey("RU", 2);
  const std::vector<PublicKey> keys = {us.pub, ru.pub};
  ASSERT_TRUE(Ledger::Init(dir, keys).ok());
  constexpr int kCalls = 25, kPerCall = 4;
  std::vector<pid_t> children;
  for (const SecretKey* key : {&us, &ru}) {
    const auto items = SignedMovements(*key, 1, kCalls * kPerCall);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      auto ledger = Ledger::Open(dir);
      if (!ledger.ok()) _exit(3);
      for (int c = 0; c < kCalls; ++c) {
        std::vector<BatchItem> batch(items.begin() + c * kPerCall,
                                     items.begin() + (c + 1) * kPerCall);
        if (!(*ledger)->Append(batch, testing::TestNow()).ok()) _exit(4);
      }
      _exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  }
  auto ledger = Ledger::Open(dir).value();
  EXPECT_EQ(ledger->Size().value(), static_cast<uint64_t>(2 * kCalls * kPerCall));
  EXPECT_EQ(ledger->TreeHeads().value().size(), static_cast<size_t>(2 * kCalls));
  std::map<std::string, int64_t> last;
  const std::vector<Notification> entries = ledger->Entries(0, 2 * kCalls * kPerCall).value();
  for (const auto& n : entries) {
    EXPECT_EQ(n.serial, last[n.party] + 1) << n.party;
    last[n.party] = n.serial;
  }
  EXPECT_TRUE(ledger->Ambiguities().value().empty());
  const VerifyReport report = VerifyLedger(*ledger).value();
  EXPECT_TRUE(report.ok()) << report.ToJson().dump(2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verity::ledger
