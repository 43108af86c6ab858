#include "server/http_error.h"

#include <gtest/gtest.h>

namespace verity::server {
namespace {

TEST(HttpErrorTest, DomainCodesMapToTheirHttpStatus) {
  EXPECT_EQ(FailureFromStatus(InvalidArgument("x")).http_status, 422);
  EXPECT_EQ(FailureFromStatus(NotFound("x")).http_status, 404);
  EXPECT_EQ(FailureFromStatus(AlreadyExists("x")).http_status, 409);
  EXPECT_EQ(FailureFromStatus(FailedPrecondition("x")).http_status, 409);
  EXPECT_EQ(FailureFromStatus(PermissionDenied("x")).http_status, 403);
  EXPECT_EQ(FailureFromStatus(Unauthenticated("x")).http_status, 401);
  EXPECT_EQ(FailureFromStatus(Unavailable("x")).http_status, 503);
  EXPECT_EQ(FailureFromStatus(Internal("x")).http_status, 500);
}

TEST(HttpErrorTest, BodyCarriesStableCodeAndMessage) {
  const Json body = FailureFromStatus(AlreadyExists("serial 4 of US is taken")).ToJson();
  EXPECT_EQ(body.at("code"), "already_exists");
  EXPECT_EQ(body.at("message"), "serial 4 of US is taken");
}

TEST(HttpErrorTest, RequestFailuresHaveTheirOwnCodes) {
  EXPECT_EQ(MalformedRequest("bad").http_status, 400);
  EXPECT_EQ(MalformedRequest("bad").code, "malformed_request");
  const HttpFailure big = PayloadTooLarge(1024);
  EXPECT_EQ(big.http_status, 413);
  EXPECT_EQ(big.message, "request body exceeds the limit of 1024 bytes");
  EXPECT_EQ(RouteNotFound("/x").message, "no such resource: /x");
}

TEST(HttpErrorTest, MethodNotAllowedCarriesTheAllowedMethods) {
  const HttpFailure f = MethodNotAllowed("DELETE", "GET, POST");
  EXPECT_EQ(f.http_status, 405);
  EXPECT_EQ(f.allow, "GET, POST");
  EXPECT_EQ(f.message, "method DELETE is not allowed here (allowed: GET, POST)");
}

}  // namespace
}  // namespace verity::server
