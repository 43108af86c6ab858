#include "server/jobs.h"

#include <exception>

namespace verity::server {

JobTable::JobTable(size_t max_running, size_t max_kept)
    : max_running_(max_running), max_kept_(max_kept) {}

JobTable::~JobTable() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [this] { return running_ == 0; });
}

StatusOr<std::string> JobTable::Start(Json request, Work work) {
  std::string id;
  {
    std::lock_guard lock(mu_);
    if (running_ >= max_running_) {
      return Unavailable(std::to_string(running_) + " jobs are running; try again later");
    }
    id = "job-" + std::to_string(next_id_++);
    jobs_.emplace(id, Job{std::move(request)});
    ++running_;
  }
  // Detached: the destructor waits on running_ instead of joining.
  std::thread([this, id, w = std::move(work)] { Run(id, w); }).detach();
  return id;
}

void JobTable::Run(const std::string& id, const Work& work) {
  auto progress = [this, &id](double fraction) {
    std::lock_guard lock(mu_);
    jobs_.at(id).progress = fraction;
  };
  StatusOr<Json> outcome = Internal("not run");
  try {
    outcome = work(progress);
  } catch (const std::exception& e) {
    outcome = Internal(std::string("job failed: ") + e.what());
  }
  std::lock_guard lock(mu_);
  Job& job = jobs_.at(id);
  job.outcome = std::move(outcome);
  job.finished = true;
  if (job.outcome.ok()) job.progress = 1;
  finished_order_.push_back(id);
  Forget();
  --running_;
  idle_.notify_all();
}

void JobTable::Forget() {
  while (finished_order_.size() > max_kept_) {
    jobs_.erase(finished_order_.front());
    finished_order_.pop_front();
  }
}

StatusOr<Json> JobTable::Get(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return NotFound("no job '" + id + "'");
  const Job& job = it->second;
  Json out = {{"id", id}, {"progress", job.progress}, {"request", job.request}};
  if (!job.finished) {
    out["state"] = "running";
  } else if (job.outcome.ok()) {
    out["state"] = "done";
    out["result"] = *job.outcome;
  } else {
    out["state"] = "failed";
    out["error"] = {{"code", StatusCodeName(job.outcome.status().code())},
                    {"message", job.outcome.status().message()}};
  }
  return out;
}

}  // namespace verity::server
