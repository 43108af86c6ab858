// A witness killed with SIGKILL while clients post checkpoints comes back
// with its state intact: it holds at least every checkpoint it answered
// 200 for, and still refuses a fork of what it holds. Runs the real
// `verity witness serve`.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "witness/keyfiles.h"
#include "witness/test_util.h"

namespace verity::witness {
namespace {

using testing::TestLog;

constexpr int kAcksBeforeKill = 40;

// `verity witness serve` on a free port; the port it printed.
struct Child {
  pid_t pid = -1;
  int port = 0;
};

Child StartWitness(const std::string& data, const std::string& key, const std::string& vkey) {
  int out[2];
  if (::pipe(out) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    const std::string bin = std::string(VERITY_BINARY_DIR) + "/bin/verity";
    ::execl(bin.c_str(), bin.c_str(), "witness", "serve", "--data", data.c_str(), "--key",
            key.c_str(), "--log", vkey.c_str(), "--port", "0", nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  ::close(out[0]);
  const size_t colon = line.rfind(':');
  Child child{pid, colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1)};
  return child;
}

TEST(WitnessCrashTest, KilledMidRequestsItComesBackIntact) {
  verity::testing::TestDir dir("witness-crash");
  TestLog log;
  auto keys = GenerateKeyFiles("crash", dir.Path("keys"));
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  const std::string vkey = dir.Write("log.vkey", log.key.verifier().ToString() + "\n");
  Child child = StartWitness(dir.Path("data"), keys->key, vkey);
  ASSERT_GT(child.port, 0);

  // Four clients race to grow the log; each keeps the size the witness
  // announced. The largest size answered 200 is what must survive.
  std::atomic<uint64_t> acked{0};
  std::atomic<int> acks{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client http("127.0.0.1", child.port);
      http.set_read_timeout(std::chrono::seconds(2));
      uint64_t old = 0;
      for (uint64_t n = 1 + t; !stop && n < 100'000; n += 4) {
        auto r = http.Post("/add-checkpoint", log.Body(old, n), "text/plain");
        if (!r) return;  // the witness is gone
        if (r->status == 200) {
          old = n;
          uint64_t seen = acked;
          while (n > seen && !acked.compare_exchange_weak(seen, n)) {
          }
          ++acks;
        } else if (r->status == 409) {
          old = std::strtoull(r->body.c_str(), nullptr, 10);
          if (old > n) n = old;  // skip ahead past the witness
        }
      }
    });
  }
  for (int i = 0; i < 60'000 && acks < kAcksBeforeKill; ++i) {  // a guard against a hang
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(::kill(child.pid, SIGKILL), 0);
  int status = 0;
  ::waitpid(child.pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));
  stop = true;
  for (std::thread& t : clients) t.join();
  ASSERT_GE(acks, kAcksBeforeKill);
  const uint64_t must_hold = acked;

  Child again = StartWitness(dir.Path("data"), keys->key, vkey);
  ASSERT_GT(again.port, 0);
  httplib::Client http("127.0.0.1", again.port);
  auto cp = http.Get("/" + tlog::OriginHash(testing::kOrigin) + "/checkpoint");
  ASSERT_TRUE(cp);
  ASSERT_EQ(cp->status, 200);
  const uint64_t held = std::strtoull(cp->body.c_str() + testing::kOrigin.size() + 1, nullptr, 10);
  EXPECT_GE(held, must_hold);
  const std::string note = log.Note(held);
  EXPECT_TRUE(cp->body.starts_with(note.substr(0, note.find("\n\n") + 1)));  // that tree's
  EXPECT_EQ(http.Post("/add-checkpoint", log.Body(held, held, "fork-"), "text/plain")->status, 422);
  EXPECT_EQ(http.Post("/add-checkpoint", log.Body(held, held + 1), "text/plain")->status, 200);
  ::kill(again.pid, SIGTERM);
  ::waitpid(again.pid, &status, 0);
}

}  // namespace
}  // namespace verity::witness
