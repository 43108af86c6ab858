#include "cli/mirror_source.h"

#include <httplib.h>

#include <filesystem>

namespace verity::cli {
namespace {

class HttpMirror : public ledger::MirrorSource {
 public:
  HttpMirror(std::string origin, std::string prefix)
      : client_(origin), url_(origin + prefix), prefix_(std::move(prefix)) {
    client_.set_connection_timeout(kMirrorConnectSeconds, 0);
    client_.set_read_timeout(kMirrorReadSeconds, 0);
    client_.set_follow_location(false);
  }

  StatusOr<std::string> Read(std::string_view path) override {
    VERITY_ASSIGN_OR_RETURN(const size_t limit, ledger::MirrorFileLimit(path));
    std::string body;
    bool too_large = false;
    const std::string what = url_ + "/" + std::string(path);
    auto res = client_.Get(prefix_ + "/" + std::string(path), [&](const char* data, size_t n) {
      if (body.size() + n > limit) return !(too_large = true);
      body.append(data, n);
      return true;
    });
    if (too_large) {
      return InvalidArgument(what + ": more than the limit of " + std::to_string(limit) + " bytes");
    }
    if (!res) return Unavailable(what + ": " + httplib::to_string(res.error()));
    if (res->status == 404) return NotFound(what + ": not found (404)");
    if (res->status != 200) {
      return Unavailable(what + ": answered " + std::to_string(res->status));
    }
    return body;
  }

 private:
  httplib::Client client_;
  std::string url_;
  std::string prefix_;
};

}  // namespace

StatusOr<std::unique_ptr<ledger::MirrorSource>> OpenMirrorSource(const std::string& where) {
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (!where.starts_with(scheme)) continue;
    const size_t slash = where.find('/', scheme.size());
    std::string origin = where.substr(0, slash);
    std::string prefix = slash == std::string::npos ? "" : where.substr(slash);
    while (prefix.ends_with('/')) prefix.pop_back();
    if (origin.size() == scheme.size() || where.find_first_of("?# \t\r\n") != std::string::npos) {
      return InvalidArgument("mirror URL '" + where.substr(0, 200) +
                             "': expected scheme://host[:port][/path]");
    }
    return std::unique_ptr<ledger::MirrorSource>(new HttpMirror(origin, prefix));
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(where, ec)) {
    return NotFound(where + ": no such folder (a mirror is a folder or an http(s) URL)");
  }
  return std::unique_ptr<ledger::MirrorSource>(new ledger::DirectoryMirror(where));
}

}  // namespace verity::cli
