// Background jobs with progress, for long requests such as simulations:
// POST starts a job and answers at once with its id; GET reports progress
// and, when done, the result.
//
// At most `max_running` jobs run at a time (Start is Unavailable beyond it);
// the newest `max_kept` finished jobs are kept for reading. The destructor
// waits for running jobs to finish (work is expected to be bounded).
//
// Thread safety: all methods may be called concurrently.
#ifndef VERITY_SERVER_JOBS_H_
#define VERITY_SERVER_JOBS_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/json.h"
#include "core/status.h"

namespace verity::server {

class JobTable {
 public:
  // Reports progress in [0, 1]; cheap, may be called often.
  using Progress = std::function<void(double fraction)>;
  using Work = std::function<StatusOr<Json>(const Progress& progress)>;

  JobTable(size_t max_running, size_t max_kept);
  ~JobTable();
  JobTable(const JobTable&) = delete;
  JobTable& operator=(const JobTable&) = delete;

  // Starts `work` on its own thread; returns the job id ("job-1", ...).
  // Unavailable "N jobs are running; try again later" when at the limit.
  StatusOr<std::string> Start(Json request, Work work);

  // {"id", "state": "running"|"done"|"failed", "progress": 0..1,
  //  "request", "result" (when done) | "error": {"code","message"} (when failed)}.
  // NotFound for an unknown or forgotten id.
  StatusOr<Json> Get(const std::string& id) const;

 private:
  struct Job {
    Json request;
    double progress = 0;
    bool finished = false;
    StatusOr<Json> outcome = Internal("not finished");
  };
  void Run(const std::string& id, const Work& work);
  void Forget();  // drops the oldest finished jobs beyond max_kept_; mu_ held

  const size_t max_running_;
  const size_t max_kept_;
  mutable std::mutex mu_;
  std::condition_variable idle_;
  size_t running_ = 0;
  uint64_t next_id_ = 1;
  std::map<std::string, Job> jobs_;
  std::deque<std::string> finished_order_;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_JOBS_H_
