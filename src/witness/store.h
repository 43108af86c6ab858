// A witness's state in one SQLite database (<data>/witness.db, WAL,
// synchronous=FULL, mode 0600): per origin the latest checkpoint it
// cosigned, and the requests it refused.
//
// Add runs tlog::AddCheckpoint inside one IMMEDIATE transaction that reads
// the origin's row and writes the new one, so checking the old size and
// storing the new checkpoint are atomic (tlog-witness) across threads and
// processes; the answer is returned only after the commit, so a witness
// killed at any moment never cosigns two inconsistent checkpoints.
//
// Refusals are evidence: every 400, 403, 404 and 422 (not the 409 of the
// protocol's normal flow) is kept with its time, status, origin and reason.
// A 422 of a checkpoint validly signed by the log (a rewritten history or a
// fork) keeps the whole request; other refusals keep its first
// kRefusalExcerptBytes. Both kinds are bounded (kMaxEvidence and
// kMaxRefusals rows, the oldest dropped first) and counted separately, so
// a flood of malformed requests never pushes out a log's misbehaviour.
//
// Errors: Unavailable "witness database <path>: ..." for a database that
// cannot be opened or written, DataLoss for one that is corrupt or not a
// witness database.
//
// Thread safety: all methods may be called from any thread (one connection
// behind a mutex); several processes on one folder serialise on SQLite's
// lock.
#ifndef VERITY_WITNESS_STORE_H_
#define VERITY_WITNESS_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tlog/witness.h"

struct sqlite3;

namespace verity::witness {

inline constexpr std::string_view kDatabaseFile = "witness.db";
inline constexpr int64_t kMaxRefusals = 10'000;
inline constexpr int64_t kMaxEvidence = 10'000;
inline constexpr size_t kRefusalExcerptBytes = 4096;

struct Refusal {
  int64_t id = 0;
  int64_t time = 0;  // POSIX seconds
  int status = 0;
  std::string origin;   // empty when the body did not parse
  std::string reason;   // the answer's first line
  std::string request;  // the whole request (evidence) or its first bytes
  bool evidence = false;
};

struct StoreLimits {
  int64_t max_refusals = kMaxRefusals;
  int64_t max_evidence = kMaxEvidence;
};

class Store {
 public:
  // Opens (creating if needed) the database in `data_dir` (created 0700).
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& data_dir,
                                               StoreLimits limits = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The witness's answer to an add-checkpoint body, after its state (200)
  // or the refusal (4xx but 409) is committed. Unavailable if the database
  // fails; then nothing was stored and no cosignature is returned.
  StatusOr<tlog::WitnessResponse> Add(const tlog::WitnessConfig& config, std::string_view body,
                                      uint64_t now);

  // The latest checkpoint cosigned for an origin, by origin or by its
  // tlog::OriginHash; nullopt if none.
  StatusOr<std::optional<tlog::WitnessedLog>> Latest(std::string_view origin);
  StatusOr<std::optional<std::string>> CheckpointByOriginHash(std::string_view origin_hash);
  // Refusals, newest first, at most `limit`.
  StatusOr<std::vector<Refusal>> Refusals(int64_t limit);

 private:
  Store(sqlite3* db, std::string path, StoreLimits limits)
      : db_(db), path_(std::move(path)), limits_(limits) {}
  Status Exec(const char* sql);
  Status Fail(int rc, std::string_view what);
  StatusOr<std::optional<tlog::WitnessedLog>> Read(std::string_view origin);
  Status Write(const tlog::WitnessedLog& state, std::string_view origin, uint64_t now);
  Status Refuse(const tlog::WitnessResponse& r, std::string_view body, uint64_t now);

  std::mutex mu_;
  sqlite3* db_;
  std::string path_;
  StoreLimits limits_;
};

}  // namespace verity::witness

#endif  // VERITY_WITNESS_STORE_H_
