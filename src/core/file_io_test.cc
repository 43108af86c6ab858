#include "core/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "core/test_dir.h"

namespace verity {
namespace {

namespace fs = std::filesystem;

class FileIoTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) const { return dir_.Path(name); }
  testing::TestDir dir_{"file-io"};
};

TEST_F(FileIoTest, ReadsARegularFile) {
  dir_.Write("a.json", "{}");
  EXPECT_EQ(*ReadFile(Path("a.json")), "{}");
  EXPECT_EQ(ReadFile(Path("missing")).status().message(), Path("missing") + ": no such file");
}

TEST_F(FileIoTest, AFolderIsRefused) {
  const auto r = ReadFile(dir_.path().string());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), dir_.path().string() + ": is a folder, not a file");
}

TEST_F(FileIoTest, MakeFolderNamesAPathThatCannotBeAFolder) {
  dir_.Write("f", "x");
  EXPECT_TRUE(MakeFolder(Path("new/sub"), 0700).ok());
  EXPECT_EQ(fs::status(Path("new/sub")).permissions(), fs::perms::owner_all);
  EXPECT_TRUE(MakeFolder(Path("new/sub"), 0700).ok());  // an existing folder is kept
  const Status file = MakeFolder(Path("f"), 0700);
  EXPECT_EQ(file.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(file.message(), Path("f") + ": exists and is not a folder");
  const Status under = MakeFolder(Path("f/sub"), 0700);
  EXPECT_EQ(under.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(under.message(), Path("f/sub") + ": cannot create: Not a directory");
  EXPECT_EQ(CannotCreate("p", ENOSPC).code(), StatusCode::kUnavailable);
}

TEST_F(FileIoTest, DevicesAndFifosAreRefusedWithoutReading) {
  EXPECT_EQ(ReadFile("/dev/zero").status().message(),
            "/dev/zero: not a regular file (a device, FIFO or socket)");
  // Opening a FIFO with no writer would block: it is refused at once.
  ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0600), 0);
  EXPECT_EQ(ReadFile(Path("fifo")).status().message(),
            Path("fifo") + ": not a regular file (a device, FIFO or socket)");
}

TEST_F(FileIoTest, AFileOverTheLimitIsRefusedBeforeReading) {
  // A sparse file: its size is known without writing it.
  const std::string big = dir_.Write("big.json", "");
  fs::resize_file(big, limits::kMaxInputFileBytes + 1);
  EXPECT_EQ(ReadFile(big).status().message(),
            big + ": " + std::to_string(limits::kMaxInputFileBytes + 1) +
                " bytes, more than the limit of " + std::to_string(limits::kMaxInputFileBytes) +
                " bytes");
  dir_.Write("small", "12345");
  EXPECT_EQ(ReadFile(Path("small"), 4).status().message(),
            Path("small") + ": 5 bytes, more than the limit of 4 bytes");
  EXPECT_EQ(*ReadFile(Path("small"), 5), "12345");
}

}  // namespace
}  // namespace verity
