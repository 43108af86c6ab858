#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace verity::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("verity-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "web" / "tile");
    std::ofstream(root_ / "web" / "index.html") << "<h1>hi</h1>";
    std::ofstream(root_ / "web" / "tile" / "0") << std::string("\x01\x02", 2);
    std::ofstream(root_ / "secret.txt") << "do not serve";
    fs::create_symlink(root_ / "secret.txt", root_ / "web" / "link.txt");
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndTheCacheControlAsked) {
  auto files = StaticFiles::Open((root_ / "web").string()).value();
  auto index = files.Serve("/", "no-cache").value();
  EXPECT_EQ(*index.body, "<h1>hi</h1>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.cache_control, "no-cache");
  auto tile = files.Serve("/tile/0", "public, max-age=31536000, immutable").value();
  EXPECT_EQ(tile.content_type, "application/octet-stream");
  EXPECT_EQ(tile.cache_control, "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, NothingOutsideTheRootAndNoPathInErrors) {
  auto files = StaticFiles::Open((root_ / "web").string()).value();
  for (const char* path : {"/../secret.txt", "/a/../../secret.txt", "/link.txt", "/tile", "/nope",
                           "/./index.html", "/..\\secret.txt"}) {
    auto r = files.Serve(path, "no-store");
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(r.status().message().find(root_.string()), std::string::npos) << path;
  }
  EXPECT_EQ(files.Serve("/nope", "").status().message(), "no such file");
  EXPECT_EQ(files.Serve("/../secret.txt", "").status().code(), StatusCode::kInvalidArgument);
}

TEST(ContentTypeTest, ByExtension) {
  EXPECT_EQ(ContentTypeFor("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("x.json"), "application/json");
  EXPECT_EQ(ContentTypeFor("checkpoint"), "application/octet-stream");
}

}  // namespace
}  // namespace verity::http
