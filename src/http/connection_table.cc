#include "http/connection_table.h"

namespace verity::http {

bool ConnectionTable::TryOpen(const std::string& client) {
  std::lock_guard lock(mu_);
  if (total_ >= max_total_) return false;
  int64_t& mine = per_client_[client];
  if (mine >= max_per_client_) {
    if (mine == 0) per_client_.erase(client);
    return false;
  }
  ++mine;
  ++total_;
  return true;
}

void ConnectionTable::Close(const std::string& client) {
  std::lock_guard lock(mu_);
  auto it = per_client_.find(client);
  if (it == per_client_.end()) return;
  --total_;
  if (--it->second == 0) per_client_.erase(it);
}

int64_t ConnectionTable::open() const {
  std::lock_guard lock(mu_);
  return total_;
}

}  // namespace verity::http
