#include "http/static_files.h"

#include <array>
#include <fstream>
#include <sstream>

namespace verity::http {
namespace fs = std::filesystem;
namespace {

struct TypeRow {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array kTypes = {
    TypeRow{".html", "text/html; charset=utf-8"},
    TypeRow{".js", "text/javascript; charset=utf-8"},
    TypeRow{".mjs", "text/javascript; charset=utf-8"},
    TypeRow{".css", "text/css; charset=utf-8"},
    TypeRow{".json", "application/json"},
    TypeRow{".map", "application/json"},
    TypeRow{".txt", "text/plain; charset=utf-8"},
    TypeRow{".svg", "image/svg+xml"},
    TypeRow{".png", "image/png"},
    TypeRow{".ico", "image/x-icon"},
    TypeRow{".woff2", "font/woff2"},
    TypeRow{".wasm", "application/wasm"},
};

// The path's segments are plain names: no ".", "..", backslash or NUL.
Status CheckSegments(std::string_view path) {
  if (path.empty() || path[0] != '/') return InvalidArgument("path: must start with '/'");
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return InvalidArgument("path: contains a backslash or a NUL byte");
  }
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(start, end - start);
    if (seg == "." || seg == "..") return InvalidArgument("path: '.' and '..' are not allowed");
    start = end + 1;
  }
  return Status::Ok();
}

bool IsInside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  for (const TypeRow& row : kTypes) {
    if (name.size() >= row.extension.size() &&
        name.substr(name.size() - row.extension.size()) == row.extension) {
      return row.type;
    }
  }
  return "application/octet-stream";
}

StatusOr<StaticFiles> StaticFiles::Open(const std::string& root, int64_t max_file_bytes) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) return NotFound("folder " + root + " does not exist");
  return StaticFiles(canonical, max_file_bytes);
}

StatusOr<Response> StaticFiles::Serve(std::string_view path, std::string cache_control) const {
  VERITY_RETURN_IF_ERROR(CheckSegments(path));
  std::string relative(path.substr(1));
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::error_code ec;
  const fs::path file = fs::canonical(root_ / relative, ec);
  if (ec || !IsInside(root_, file) || !fs::is_regular_file(file, ec)) {
    return NotFound("no such file");
  }
  const auto size = fs::file_size(file, ec);
  if (ec || static_cast<int64_t>(size) > max_) return Unavailable("the file cannot be served");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) return Unavailable("the file cannot be read");
  Response r;
  r.SetBody(std::move(text).str(), std::string(ContentTypeFor(file.filename().string())));
  r.cache_control = std::move(cache_control);
  return r;
}

}  // namespace verity::http
