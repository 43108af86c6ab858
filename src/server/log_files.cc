#include "server/log_files.h"

#include <filesystem>

#include "ledger/checkpoint_note.h"
#include "ledger/mirror.h"
#include "ledger/tile_export.h"
#include "server/http_error.h"
#include "server/ledger_access.h"
#include "tlog/tiles.h"

namespace verity::server {
namespace {

constexpr std::string_view kCheckpointPath = "/checkpoint";
constexpr char kImmutable[] = "public, max-age=31536000, immutable";
constexpr char kShort[] = "public, max-age=60";

Status Empty() { return NotFound("the ledger is empty (no signed tree head yet)"); }

StatusOr<std::string> Checkpoint(const ServerContext& ctx) {
  return WithLedger(ctx, [](ledger::Ledger& l) -> StatusOr<std::string> {
    auto note = ledger::PublishedCheckpoint(l);
    if (note.status().code() == StatusCode::kNotFound) return Empty();
    return note;
  });
}

// The file at `path` (relative, already a mirror path) of the tiles folder,
// brought up to date first.
StatusOr<std::string> TileFile(const ServerContext& ctx, const std::string& path) {
  const std::string dir = (std::filesystem::path(ctx.data_dir) / kTilesFolder).string();
  return WithLedger(ctx, [&](ledger::Ledger& l) -> StatusOr<std::string> {
    auto exported = ledger::ExportTiles(l, dir);
    if (exported.status().code() == StatusCode::kNotFound) return Empty();
    if (!exported.ok()) return Unavailable("the tiles cannot be brought up to date");
    ledger::DirectoryMirror files(dir);
    auto bytes = files.Read(path);
    if (bytes.status().code() == StatusCode::kNotFound) {
      return NotFound(path + ": not a file of the tree of size " + std::to_string(exported->size));
    }
    return bytes;
  });
}

http::Response Ok(std::string body, std::string type, std::string cache) {
  http::Response r;
  r.SetBody(std::move(body), std::move(type));
  r.cache_control = std::move(cache);
  return r;
}

std::string CacheOf(const std::string& path) {
  if (path == ledger::kPartyKeysPath) return "no-store";
  const auto tile = tlog::ParseTilePath(path);
  return tile.ok() && !tile->full() ? kShort : kImmutable;
}

std::string TypeOf(const std::string& path) {
  if (path.starts_with("verity/")) return "application/json";
  return "application/octet-stream";
}

}  // namespace

bool IsLogFilePath(std::string_view path) {
  return path == kCheckpointPath || path.starts_with("/tile/") || path.starts_with("/verity/");
}

http::Response ServeLogFile(const ApiRouter& router, const ServerContext& ctx,
                            const http::Request& request) {
  if (request.method != "GET") return router.Fail(request, MethodNotAllowed(request.method, "GET"));
  if (request.path == kCheckpointPath) {
    auto note = Checkpoint(ctx);
    if (!note.ok()) return router.Fail(request, FailureFromStatus(note.status()));
    return Ok(*std::move(note), "text/plain; charset=utf-8", "no-store");
  }
  const std::string path = request.path.substr(1);
  if (Status s = ledger::MirrorFileLimit(path).status(); !s.ok() || path == "checkpoint") {
    return router.Fail(request, FailureFromStatus(InvalidArgument("not a tile path")));
  }
  auto bytes = TileFile(ctx, path);
  if (!bytes.ok()) return router.Fail(request, FailureFromStatus(bytes.status()));
  return Ok(*std::move(bytes), TypeOf(path), CacheOf(path));
}

}  // namespace verity::server
