#include "server/log_files.h"

#include "ledger/checkpoint_note.h"
#include "server/http_error.h"
#include "server/ledger_access.h"

namespace verity::server {
namespace {

constexpr std::string_view kCheckpointPath = "/checkpoint";

StatusOr<std::string> Checkpoint(const ServerContext& ctx) {
  return WithLedger(ctx, [](ledger::Ledger& l) -> StatusOr<std::string> {
    auto note = ledger::PublishedCheckpoint(l);
    if (note.status().code() == StatusCode::kNotFound) {
      return NotFound("the ledger is empty (no signed tree head yet)");
    }
    return note;
  });
}

}  // namespace

bool IsLogFilePath(std::string_view path) { return path == kCheckpointPath; }

http::Response ServeLogFile(const ApiRouter& router, const ServerContext& ctx,
                            const http::Request& request) {
  if (request.method != "GET") return router.Fail(request, MethodNotAllowed(request.method, "GET"));
  auto note = Checkpoint(ctx);
  if (!note.ok()) return router.Fail(request, FailureFromStatus(note.status()));
  http::Response r;
  r.SetBody(*std::move(note), "text/plain; charset=utf-8");
  return r;
}

}  // namespace verity::server
