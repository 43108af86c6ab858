// The log's files outside the JSON API, as C2SP tlog-tiles names them, all
// public (the log's whole point is that anyone may read them):
//
//   GET /checkpoint             the published checkpoint note with its
//                               cosignatures (text/plain; charset=utf-8, never cached)
//   GET /tile/<L>/<N>[.p/<W>]   hash tiles and, under tile/entries/, entry bundles
//   GET /verity/entries/<N>     an entry whose leaf is its record (ledger/leaf.h)
//   GET /verity/party-keys      the registered party keys (never cached)
//
// The tiles are those `verity ledger export-tiles` writes (the same
// library call), kept in the data folder's tiles/ and brought up to date
// with the newest head before a tile is served. The folder is a cache, not
// an authority: readers check every tile against the signed checkpoint.
// Full tiles and recorded entries never change: they are served with
// "Cache-Control: public, max-age=31536000, immutable"; a partial tile
// (replaced when the tree grows) with "public, max-age=60".
#ifndef VERITY_SERVER_LOG_FILES_H_
#define VERITY_SERVER_LOG_FILES_H_

#include <string_view>

#include "http/message.h"
#include "server/context.h"
#include "server/router.h"

namespace verity::server {

inline constexpr char kTilesFolder[] = "tiles";

// True if `path` is under one of the log's paths (whatever the method).
bool IsLogFilePath(std::string_view path);

// The answer to a request for a log file: 405 for another method than GET,
// 422 for a path that is not canonical, 404 for a tile the tree does not
// have or before the first append, 503 without a ledger or when the tiles
// folder cannot be written; failures as the router renders them.
http::Response ServeLogFile(const ApiRouter& router, const ServerContext& ctx,
                            const http::Request& request);

}  // namespace verity::server

#endif  // VERITY_SERVER_LOG_FILES_H_
