// A fixed set of threads running tasks from a bounded queue. Handlers run
// here, so a slow handler never holds a network I/O thread.
//
// Thread safety: TrySubmit may be called from any thread; Stop once.
#ifndef VERITY_HTTP_WORKER_POOL_H_
#define VERITY_HTTP_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace verity::http {

class WorkerPool {
 public:
  // REQUIRES: threads >= 1, max_queued >= 1.
  WorkerPool(size_t threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false (and `task` is dropped) when the queue is full or
  // the pool is stopping. A task must not throw.
  bool TrySubmit(std::function<void()> task);
  // Runs what is queued, then joins the threads.
  void Stop();

 private:
  void Run();

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace verity::http

#endif  // VERITY_HTTP_WORKER_POOL_H_
