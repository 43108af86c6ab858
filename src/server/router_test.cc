// The router without a socket: last-resort handling and what errors show.
#include "server/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace verity::server {
namespace {

http::Request Get(std::string path) {
  http::Request r;
  r.method = "GET";
  r.path = std::move(path);
  return r;
}

Json JsonOf(const http::Response& r) { return ParseJson(*r.body, "answer").value(); }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : router_(auth_, 1024, {"/srv/verity-data"}) {
    router_.Get("/throws", Access::kPublic, [](const ApiRequest&) -> StatusOr<ApiResponse> {
      throw std::runtime_error("secret text from a library /srv/verity-data/ledger.sqlite");
    });
    router_.Get("/internal", Access::kPublic, [](const ApiRequest&) -> StatusOr<ApiResponse> {
      return DataLoss("/srv/verity-data/ledger.sqlite: row 3 is corrupt");
    });
    router_.Get("/missing", Access::kPublic, [](const ApiRequest&) -> StatusOr<ApiResponse> {
      return NotFound("/srv/verity-data: no such ledger");
    });
    router_.Get("/items/{id}", Access::kPublic, [](const ApiRequest& r) -> StatusOr<ApiResponse> {
      return ApiResponse{200, Json{{"id", r.captures.at(0)}}};
    });
  }
  Authenticator auth_{{}};
  ApiRouter router_;
};

TEST_F(RouterTest, AnExceptionOrInternalErrorGivesAGeneric500) {
  for (const char* path : {"/api/v1/throws", "/api/v1/internal"}) {
    const http::Response r = router_.Serve(Get(path));
    EXPECT_EQ(r.status, 500) << path;
    EXPECT_EQ(JsonOf(r).at("message"), "internal error while serving the request") << path;
    EXPECT_EQ(r.body->find("secret"), std::string::npos);
    EXPECT_EQ(r.body->find("sqlite"), std::string::npos);
  }
}

TEST_F(RouterTest, ErrorsNeverShowTheDeploymentsFolders) {
  const http::Response r = router_.Serve(Get("/api/v1/missing"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(JsonOf(r).at("message"), "<data>: no such ledger");
}

TEST_F(RouterTest, CapturesAreWholeNonEmptySegments) {
  EXPECT_EQ(JsonOf(router_.Serve(Get("/api/v1/items/a b"))).at("id"), "a b");
  EXPECT_EQ(router_.Serve(Get("/api/v1/items/")).status, 404);
  EXPECT_EQ(router_.Serve(Get("/api/v1/items/a/b")).status, 404);
  const http::Response quoted = router_.Serve(Get("/api/v1/x\x7f"));
  EXPECT_EQ(JsonOf(quoted).at("message"), "no such resource: /api/v1/x\\x7F");
}

}  // namespace
}  // namespace verity::server
