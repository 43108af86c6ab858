#include "core/status.h"

#include <gtest/gtest.h>

namespace verity {
namespace {

StatusOr<int> Half(int n) {
  if (n % 2) return InvalidArgument("odd");
  return n / 2;
}

Status Quarter(int n, int* out) {
  VERITY_ASSIGN_OR_RETURN(int h, Half(n));
  VERITY_ASSIGN_OR_RETURN(*out, Half(h));
  return Status::Ok();
}

TEST(StatusTest, ContextIsPrefixed) {
  Status s = NotFound("no such uid").WithContext("items[3].launcher");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "items[3].launcher: no such uid");
  EXPECT_EQ(s.ToString(), "not_found: items[3].launcher: no such uid");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(StatusTest, AssignOrReturnPropagatesTheFirstError) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, &out).ok());
  EXPECT_EQ(out, 2);
  Status s = Quarter(6, &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "odd");
}

}  // namespace
}  // namespace verity
