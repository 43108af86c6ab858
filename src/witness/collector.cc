#include "witness/collector.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "tlog/witness.h"

namespace verity::witness {
namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t MsSince(SteadyClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start).count();
}

}  // namespace

std::string WitnessOutcome::Summary() const {
  if (!status.ok()) return name + ": " + status.message();
  return name + ": cosigned (" + std::to_string(attempts) +
         (attempts == 1 ? " request, " : " requests, ") + std::to_string(elapsed_ms) + " ms)";
}

Collector::Collector(tlog::Policy policy, CollectOptions options)
    : policy_(std::move(policy)), options_(options) {}

uint64_t Collector::KnownSize(const std::string& name) {
  std::lock_guard lock(mu_);
  auto it = sizes_.find(name);
  return it == sizes_.end() ? 0 : it->second;
}

void Collector::Remember(const std::string& name, uint64_t size) {
  std::lock_guard lock(mu_);
  sizes_[name] = size;
}

WitnessOutcome Collector::Ask(const tlog::PolicyWitness& w, std::string_view note, uint64_t size,
                              const ProofSource& proofs) {
  WitnessOutcome out;
  out.name = w.name;
  out.url = w.url;
  const auto start = SteadyClock::now();
  const int64_t budget = options_.witness_deadline_ms;
  const std::string text = tlog::ParseNote(note)->text;  // parsed by Collect
  auto endpoint = AddCheckpointEndpoint(w.url);
  uint64_t old = std::min(KnownSize(w.name), size);
  int failures = 0, conflicts = 0;
  int64_t delay = options_.retry_delay_ms;
  Status status = endpoint.status();
  while (status.ok() || status.code() == StatusCode::kUnavailable) {
    const int64_t left = budget - MsSince(start);
    if (left <= 0) {
      status = Unavailable("no cosignature within " + std::to_string(budget) + " ms" +
                           (status.ok() ? "" : " (last: " + status.message() + ")"));
      break;
    }
    StatusOr<std::vector<Hash256>> proof =
        old == 0 || old == size ? std::vector<Hash256>{} : proofs(old);
    if (!proof.ok()) {
      status = proof.status();
      break;
    }
    out.old_size = old;
    auto body = tlog::FormatAddCheckpointRequest({old, *std::move(proof), std::string(note)});
    if (!body.ok()) return out.status = body.status(), out;
    PostLimits limits = options_.post;
    limits.deadline_ms = std::min(limits.deadline_ms, left);
    ++out.attempts;
    auto answer = Post(*endpoint, *body, limits);
    StatusOr<tlog::WitnessReply> reply =
        answer.ok() ? tlog::ParseAddCheckpointResponse(answer->status, answer->content_type,
                                                       answer->body, text, w.key)
                    : StatusOr<tlog::WitnessReply>(answer.status());
    if (reply.ok() && !reply->conflict) {
      out.cosignatures = std::move(reply->cosignatures);
      Remember(w.name, size);
      status = Status::Ok();
      break;
    }
    if (reply.ok()) {  // 409
      if (reply->witness_size > size) {
        status = FailedPrecondition("it has cosigned size " + std::to_string(reply->witness_size) +
                                    ", above this checkpoint's " + std::to_string(size));
        break;
      }
      if (++conflicts > options_.max_conflicts) {
        status = FailedPrecondition("it answered 409 " + std::to_string(conflicts) + " times");
        break;
      }
      old = reply->witness_size;
      Remember(w.name, old);
      continue;
    }
    status = reply.status();
    if (status.code() != StatusCode::kUnavailable || ++failures >= options_.max_attempts) break;
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::min(delay, std::max<int64_t>(left, 0))));
    delay *= 2;
  }
  out.elapsed_ms = MsSince(start);
  out.status = status.WithContext("witness " + w.name + " (" + w.url + ")");
  return out;
}

StatusOr<Collection> Collector::Collect(std::string_view note, const ProofSource& proofs) {
  VERITY_ASSIGN_OR_RETURN(tlog::PolicyVerdict first, tlog::EvaluateCheckpoint(policy_, note));
  Collection c;
  c.witnesses.resize(policy_.witnesses.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < policy_.witnesses.size(); ++i) {
    const tlog::PolicyWitness& w = policy_.witnesses[i];
    if (w.url.empty()) {
      c.witnesses[i].name = w.name;
      c.witnesses[i].status =
          FailedPrecondition("witness " + w.name + ": the policy gives it no URL");
      continue;
    }
    threads.emplace_back([&, i] {
      c.witnesses[i] = Ask(policy_.witnesses[i], note, first.checkpoint.size, proofs);
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<tlog::NoteSignature> all;
  for (const WitnessOutcome& o : c.witnesses) {
    all.insert(all.end(), o.cosignatures.begin(), o.cosignatures.end());
  }
  VERITY_ASSIGN_OR_RETURN(c.note, tlog::AddSignatures(note, all));
  VERITY_ASSIGN_OR_RETURN(c.verdict, tlog::EvaluateCheckpoint(policy_, c.note));
  return c;
}

}  // namespace verity::witness
