// Helpers shared by the escrow tests.
#ifndef VERITY_ESCROW_TEST_UTIL_H_
#define VERITY_ESCROW_TEST_UTIL_H_

#include <cstdint>

#include "escrow/designation.h"

namespace verity::escrow::testing {

// A value of 32 bytes `b`.
inline Value Filled(uint8_t b) {
  Value v{};
  v.fill(b);
  return v;
}

}  // namespace verity::escrow::testing

#endif  // VERITY_ESCROW_TEST_UTIL_H_
