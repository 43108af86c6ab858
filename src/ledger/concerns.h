// The commission's concerns, replayed from the ledger (docs/bcc.md): each
// concern's question, answers and closing, and its status on a date. The
// status is derived, never stored: the notifications are the record.
//
// Replay goes in log order (an answer answers what was raised before it):
//  - concern_raised opens a concern; an id in use is concern_duplicate, a
//    concern addressed to its own party concern_wrong_party (both ignored),
//    an entry referred to that is not before it concern_reference_invalid;
//  - concern_answered, by the party addressed, adds an answer; sent after
//    the commission's deadline (treaty commission.answer_days after the
//    concern was sent) it is concern_answer_late, and kept;
//  - concern_closed closes it: withdrawn by the party that raised it;
//    settled by a joint statement that carries a valid signature of each of
//    the two parties, by a key registered to that party (else
//    joint_statement_invalid, naming the issue, and the concern stays open);
//    unresolved, by either party, on a day of a commission session listed in
//    the treaty file (else concern_not_at_session);
//  - an answer or close of a concern not raised before it is
//    concern_unknown, of a closed one concern_already_closed, by another
//    party concern_wrong_party; each is ignored;
//  - a concern notification dated when the treaty is not in force is
//    treaty_not_in_force and ignored (the commission exists only with it).
// Status on a date: the outcome if closed; else "lapsed" once the treaty is
// no longer in force; else "answered"; else "overdue" past the deadline;
// else "open".
//
// Pure functions over values (LoadConcerns reads the store); thread-safe.
#ifndef VERITY_LEDGER_CONCERNS_H_
#define VERITY_LEDGER_CONCERNS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"
#include "ledger/ambiguity.h"
#include "ledger/body.h"
#include "ledger/keys.h"
#include "ledger/regime.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::ledger {

// Whether `id` is a concern id: 1 to limits::kMaxConcernIdBytes of
// A-Z a-z 0-9 . _ - (ledger/concern_body.h; concern_readers.cc).
bool IsConcernId(std::string_view id);

enum class ConcernStatus : uint8_t {
  kOpen,
  kOverdue,
  kAnswered,
  kWithdrawn,
  kSettled,
  kUnresolved,
  kLapsed,
};
std::string_view Name(ConcernStatus s);

struct ConcernAnswer {
  uint64_t index = 0;
  Date occurred;
  Timestamp sent;
  std::string answer;
  std::optional<std::string> provision;
  bool late = false;
};

struct ConcernClose {
  uint64_t index = 0;
  std::string party;
  Date occurred;
  ConcernOutcome outcome = ConcernOutcome::kWithdrawn;
  std::optional<std::string> note;
  std::optional<JointStatement> statement;  // verified: both signatures good
};

struct ConcernReference {
  uint64_t entry = 0;
  std::string kind;   // empty for an entry; an ambiguity kind otherwise
  bool found = true;  // the entry is before the concern / the ambiguity is recorded
};

struct Concern {
  std::string id, raised_by, addressed_to, question, provision;
  uint64_t index = 0;  // of the concern_raised entry
  Date raised_on;
  Timestamp sent;
  std::optional<Date> due;  // none when the treaty sets no deadline
  std::vector<ConcernReference> references;
  std::vector<ConcernAnswer> answers;
  std::optional<ConcernClose> closed;
  ConcernStatus status = ConcernStatus::kOpen;

  Json ToJson() const;
};

// A concern notification with its log index.
struct IndexedNotification {
  uint64_t index = 0;
  Notification notification;
};

// The concerns of `notes` (concern notifications, any order) that occurred
// on or before `as_of`, in the order raised. `keys` are the ledger's party
// keys; `events` the treaty events (for whether the treaty is in force).
// `found`, if given, receives the ambiguities of every note replayed.
std::vector<Concern> DeriveConcerns(const treaty::Treaty& t, std::span<const PublicKey> keys,
                                    std::span<const IndexedNotification> notes,
                                    std::span<const RegimeEvent> events, Date as_of,
                                    std::vector<Ambiguity>* found = nullptr);

// The concern notifications with index below `before` (by the index on the
// entries' type). DataLoss if a stored entry does not parse.
StatusOr<std::vector<IndexedNotification>> LoadConcernNotes(const Ledger& ledger,
                                                            uint64_t before = UINT64_MAX);

// The concerns in the ledger on `as_of`, each ambiguity referred to looked
// up among the recorded ones.
StatusOr<std::vector<Concern>> LoadConcerns(const Ledger& ledger, const treaty::Treaty& t,
                                            Date as_of);

// The ambiguity finder of concerns and treaty events for Ledger::Append:
// each concern notification and treaty event of a batch is judged against
// the log before it (so the result does not depend on how the log was
// batched). REQUIRES: `ledger` and `treaty` outlive the finder.
AmbiguityFinder MakeConcernFinder(const Ledger* ledger, const treaty::Treaty* treaty);

// Adds (or replaces) `key`'s party's signature on `statement`.
void SignStatement(JointStatement* statement, const SecretKey& key);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_CONCERNS_H_
