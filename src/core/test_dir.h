// Test helper: a fresh folder under the system's temporary folder, unique
// to the process and its name, removed with the object.
#ifndef VERITY_CORE_TEST_DIR_H_
#define VERITY_CORE_TEST_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace verity::testing {

class TestDir {
 public:
  explicit TestDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("verity-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TestDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

  // Writes `text` to `name` in the folder and returns the file's path.
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return Path(name);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace verity::testing

#endif  // VERITY_CORE_TEST_DIR_H_
