#include "http/request.h"

#include <gtest/gtest.h>

namespace verity::http {
namespace {

Parsed Parse(const std::string& raw, Limits limits = {}) { return ParseRequest(raw, limits); }

TEST(RequestTest, DecodesPathQueryAndHeaders) {
  const Parsed p = Parse(
      "POST /api/v1/a%20b?from=2020-01-01&x=%C3%BC+y&flag HTTP/1.1\r\nHost: h\r\n"
      "X-Thing: caf\xc3\xa9\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_TRUE(p.request) << p.failure.message;
  const Request& r = *p.request;
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/api/v1/a b");
  EXPECT_EQ(r.Query("from"), "2020-01-01");
  EXPECT_EQ(r.Query("x"), "\xc3\xbc y");
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_FALSE(r.Query("nope"));
  EXPECT_EQ(r.Header("x-THING"), "caf\xc3\xa9");
  EXPECT_EQ(r.body, "{}");
}

TEST(RequestTest, InvalidUtf8IsRefusedNamingWhere) {
  struct Case {
    std::string raw;
    std::string message;
  };
  const Case cases[] = {
      {"GET /%ff HTTP/1.1\r\n\r\n", "path: invalid UTF-8 at byte 1 (FF): invalid byte"},
      {"GET /a?from=%c0%af HTTP/1.1\r\n\r\n",
       "query parameter 'from': invalid UTF-8 at byte 0 (C0): overlong encoding"},
      {"GET /a?%ff=1 HTTP/1.1\r\n\r\n",
       "query parameter name: invalid UTF-8 at byte 0 (FF): invalid byte"},
      {"GET /a HTTP/1.1\r\nUser-Agent: x\xff\r\n\r\n",
       "header 'user-agent': invalid UTF-8 at byte 1 (FF): invalid byte"},
      {"GET /a?x=%4 HTTP/1.1\r\n\r\n", "query parameter 'x': bad percent-encoding at byte 0"},
      {"GET /a%00b HTTP/1.1\r\n\r\n", "path: contains a control character"},
      {"GET /a?x=1&x=2 HTTP/1.1\r\n\r\n", "query parameter 'x': given more than once"},
      {"GET /a HTTP/1.1\r\nAuthorization: Bearer a\r\nauthorization: Bearer b\r\n\r\n",
       "header 'authorization': given more than once"},
      {"GET http://evil/ HTTP/1.1\r\n\r\n", "the request target must be a path starting with '/'"},
  };
  for (const Case& c : cases) {
    const Parsed p = Parse(c.raw);
    ASSERT_FALSE(p.request) << c.raw;
    EXPECT_EQ(p.failure.status, 400) << c.raw;
    EXPECT_EQ(p.failure.code, "malformed_request") << c.raw;
    EXPECT_EQ(p.failure.message, c.message) << c.raw;
  }
}

TEST(RequestTest, HeaderLimitsGive431AndBodyLimit413) {
  Limits limits;
  limits.max_header_bytes = 1024;
  limits.max_header_count = 4;
  limits.max_body_bytes = 10;
  const Parsed big = Parse("GET / HTTP/1.1\r\nX: " + std::string(2000, 'a') + "\r\n\r\n", limits);
  ASSERT_FALSE(big.request);
  EXPECT_EQ(big.failure.status, 431);
  EXPECT_EQ(big.failure.code, "headers_too_large");
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 5; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  const Parsed count = Parse(many + "\r\n", limits);
  ASSERT_FALSE(count.request);
  EXPECT_EQ(count.failure.status, 431);
  EXPECT_EQ(count.failure.message, "more than 4 header fields");
  const Parsed body = Parse("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n01234567890", limits);
  ASSERT_FALSE(body.request);
  EXPECT_EQ(body.failure.status, 413);
}

TEST(RequestTest, GarbageAndIncompleteRequestsAre400WithoutLibraryText) {
  for (const std::string raw : {"\x16\x03\x01 hello", "GET / HTTP/9\r\n\r\n", "GET /\r\n\r\n",
                                "GET / HTTP/1.1\r\nBad Header\r\n\r\n", "GET / HTTP/1.1\r\n"}) {
    bool complete = true;
    const Parsed p = ParseRequest(raw, Limits{}, &complete);
    ASSERT_FALSE(p.request) << raw;
    EXPECT_EQ(p.failure.status, 400) << raw;
    EXPECT_TRUE(p.failure.message == "the request is not well-formed HTTP/1.1" ||
                p.failure.message == "incomplete request")
        << p.failure.message;
  }
}

}  // namespace
}  // namespace verity::http
