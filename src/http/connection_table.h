// Counts open connections, in total and per client address, and refuses
// one beyond either limit.
//
// Thread safety: all members may be called from any thread.
#ifndef VERITY_HTTP_CONNECTION_TABLE_H_
#define VERITY_HTTP_CONNECTION_TABLE_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace verity::http {

class ConnectionTable {
 public:
  ConnectionTable(int64_t max_total, int64_t max_per_client)
      : max_total_(max_total), max_per_client_(max_per_client) {}

  // Counts a new connection from `client`; false (nothing counted) if it
  // would exceed either limit.
  bool TryOpen(const std::string& client);
  // Uncounts a connection TryOpen accepted.
  void Close(const std::string& client);
  int64_t open() const;

 private:
  const int64_t max_total_;
  const int64_t max_per_client_;
  mutable std::mutex mu_;
  int64_t total_ = 0;
  std::unordered_map<std::string, int64_t> per_client_;
};

}  // namespace verity::http

#endif  // VERITY_HTTP_CONNECTION_TABLE_H_
