// Helpers shared by the ledger tests: deterministic keys and drafts.
#ifndef VERITY_LEDGER_TEST_UTIL_H_
#define VERITY_LEDGER_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/json.h"
#include "ledger/keys.h"
#include "ledger/notification.h"
#include "ledger/store.h"

namespace verity::ledger::testing {

// The key of `party` derived from the one-byte seed `seed`.
inline SecretKey TestKey(const std::string& party, uint8_t seed) {
  std::array<uint8_t, kSeedBytes> s{};
  s.fill(seed);
  return KeyFromSeed(party, s).value();
}

// A movement draft of `party` with `serial`, occurring on 2012-03-(serial%28+1).
inline Json MovementDraft(const std::string& party, int64_t serial) {
  const std::string day = std::to_string(serial % 28 + 1);
  return {
      {"format", 1},
      {"party", party},
      {"serial", serial},
      {"type", "movement"},
      {"occurred", "2012-03-" + std::string(day.size() == 1 ? "0" : "") + day},
      {"sent", "2012-03-28T12:00:00Z"},
      {"body", {{"uid", "B52-" + std::to_string(serial)}, {"from", "MINOT"}, {"to", "BARKSDALE"}}}};
}

inline Notification Signed(const Json& draft, const SecretKey& key) {
  return ParseNotification(SignNotification(draft, key).value(), Draft::kSigned, "").value();
}

// A fresh, empty directory under the system temp dir, unique per process.
inline std::string FreshDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("verity-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

// The JSON of signed movement notifications of `party`, serials first..last.
inline std::vector<BatchItem> SignedMovements(const SecretKey& key, int64_t first, int64_t last) {
  std::vector<BatchItem> out;
  for (int64_t s = first; s <= last; ++s) {
    out.push_back({SignNotification(MovementDraft(key.pub.party, s), key).value(),
                   "item " + std::to_string(s)});
  }
  return out;
}

inline Timestamp TestNow() { return Timestamp::FromSeconds(1'700'000'000); }

}  // namespace verity::ledger::testing

#endif  // VERITY_LEDGER_TEST_UTIL_H_
