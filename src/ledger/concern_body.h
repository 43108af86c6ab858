// The bodies of the commission's concern notifications (docs/bcc.md), read
// by the same rules as every body (ledger/body.h). A concern is raised by a
// party (concern_raised), answered by the party it is addressed to
// (concern_answered) and closed (concern_closed): withdrawn by the party
// that raised it, settled by a joint statement both parties signed, or
// recorded as unresolved at a session of the commission. What a concern's
// status is follows from these by replay (ledger/concerns.h); nothing here
// is checked against the record.
//
// Beyond the common rules: a concern id is 1 to limits::kMaxConcernIdBytes
// of A-Z a-z 0-9 . _ -; texts are at most limits::kMaxConcernTextBytes; a
// concern refers to at most limits::kMaxConcernReferences entries and
// ambiguities together, an ambiguity by its entry and a kind name of
// ledger/ambiguity.h. Values; thread-compatible.
#ifndef VERITY_LEDGER_CONCERN_BODY_H_
#define VERITY_LEDGER_CONCERN_BODY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "ledger/notification.h"

namespace verity::ledger {

// The spelling of a joint statement's "format" member.
inline constexpr char kJointStatementFormat[] = "verity-joint-statement/1";

// An ambiguity a concern refers to: the entry that raised it and its kind.
struct AmbiguityRef {
  uint64_t entry = 0;
  std::string kind;
};

struct ConcernRaisedBody {
  std::string concern;       // the id, chosen by the raising party
  std::string addressed_to;  // the party asked to answer
  std::string question;
  std::string provision;                  // the treaty provision it rests on
  std::vector<uint64_t> entries;          // log indices of the entries it refers to
  std::vector<AmbiguityRef> ambiguities;  // ambiguities it refers to
};

struct ConcernAnsweredBody {
  std::string concern;
  std::string answer;
  std::optional<std::string> provision;
};

enum class ConcernOutcome : uint8_t { kWithdrawn, kSettled, kUnresolved };
std::string_view Name(ConcernOutcome o);

struct StatementSignature {
  std::string party;
  std::string key_id;  // 16 hex digits, as a notification's
  Signature signature{};
};

// A statement both parties sign to settle a concern. Each signature is an
// Ed25519 signature over SigningBytes(): the canonical JSON encoding of
// {"format": kJointStatementFormat, "concern": ..., "text": ...}, so a
// statement cannot be taken for a notification or moved to another concern.
struct JointStatement {
  std::string concern;
  std::string text;
  std::vector<StatementSignature> signatures;

  std::string SigningBytes() const;
  Json ToJson() const;  // with "format" and "signatures"
};

// Reads a joint statement (a close's "joint_statement", or a statement
// file): format, concern, text, signatures ([] allowed: whether it is
// signed is the record's to judge). InvalidArgument names `path`.
StatusOr<JointStatement> ParseJointStatement(const Json& j, const std::string& path);

struct ConcernClosedBody {
  std::string concern;
  ConcernOutcome outcome = ConcernOutcome::kWithdrawn;
  std::optional<std::string> note;
  std::optional<JointStatement> joint_statement;  // present exactly when settled
};

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_CONCERN_BODY_H_
