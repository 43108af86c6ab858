// Helpers shared by the ledger tests: deterministic keys and drafts.
#ifndef VERITY_LEDGER_TEST_UTIL_H_
#define VERITY_LEDGER_TEST_UTIL_H_

#include <string>

#include "core/json.h"
#include "ledger/keys.h"
#include "ledger/notification.h"

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
  return {{"format", 1},
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

}  // namespace verity::ledger::testing

#endif  // VERITY_LEDGER_TEST_UTIL_H_
