// The log's files outside the JSON API, as C2SP tlog-tiles names them:
// GET /checkpoint, the published checkpoint note with its cosignatures
// (text/plain; charset=utf-8, never cached). Public: the log's whole
// point is that anyone may read them.
#ifndef VERITY_SERVER_LOG_FILES_H_
#define VERITY_SERVER_LOG_FILES_H_

#include <string_view>

#include "http/message.h"
#include "server/context.h"
#include "server/router.h"

namespace verity::server {

// True if `path` is one of the log's files (whatever the method).
bool IsLogFilePath(std::string_view path);

// The answer to a request for a log file: 405 for another method than GET,
// 404 "the ledger is empty ..." before the first append, 503 without a
// ledger; failures as the router renders them.
http::Response ServeLogFile(const ApiRouter& router, const ServerContext& ctx,
                            const http::Request& request);

}  // namespace verity::server

#endif  // VERITY_SERVER_LOG_FILES_H_
