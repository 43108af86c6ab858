// The readers of the concern bodies and of a treaty event's duties
// (ledger/concern_body.h and ledger/body.h state the rules). Every reader
// sees an object none of whose known members is null.
#include <algorithm>

#include "core/hash.h"
#include "core/limits.h"
#include "ledger/ambiguity.h"
#include "ledger/body_schema.h"
#include "ledger/concerns.h"

namespace verity::ledger {
namespace {

constexpr int64_t kMaxEntryIndex = int64_t{1} << 53;  // exact in every JSON reader
constexpr size_t kKeyIdHexDigits = 16;

Status Absent(const FieldReader& r, std::string_view key) {
  return InvalidArgument(r.PathOf(key) + ": missing (required)");
}

// A string of at most limits::kMaxConcernTextBytes (non-empty: the common
// rule); an absent member is an empty optional.
StatusOr<std::optional<std::string>> BoundedText(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return std::optional<std::string>();
  VERITY_ASSIGN_OR_RETURN(std::string s, r.String(key));
  if (s.empty()) return InvalidArgument(r.PathOf(key) + ": expected a non-empty string");
  if (s.size() > limits::kMaxConcernTextBytes) {
    return InvalidArgument(r.PathOf(key) + ": " + std::to_string(s.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(limits::kMaxConcernTextBytes));
  }
  return std::optional<std::string>(std::move(s));
}

StatusOr<std::string> RequiredText(const FieldReader& r, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(auto s, BoundedText(r, key));
  if (!s) return Absent(r, key);
  return std::move(*s);
}

bool IdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

StatusOr<std::string> ConcernId(const FieldReader& r) {
  if (!r.Has("concern")) return Absent(r, "concern");
  VERITY_ASSIGN_OR_RETURN(std::string id, r.String("concern"));
  if (!IsConcernId(id)) {
    return InvalidArgument(r.PathOf("concern") + ": expected 1 to " +
                           std::to_string(limits::kMaxConcernIdBytes) +
                           " of A-Z a-z 0-9 . _ - (e.g. RU-2022-01)");
  }
  return id;
}

StatusOr<std::string> PartyField(const FieldReader& r, std::string_view key) {
  if (!r.Has(key)) return Absent(r, key);
  VERITY_ASSIGN_OR_RETURN(std::string p, r.String(key));
  VERITY_RETURN_IF_ERROR(CheckPartyName(p, r.PathOf(key)));
  return p;
}

// The array at `key` (absent: empty), checked against `room` references
// left; `room` is reduced by its size.
StatusOr<const Json*> ReferenceArray(const FieldReader& r, std::string_view key, int64_t* room) {
  VERITY_ASSIGN_OR_RETURN(const Json* arr, r.OptArray(key));
  if (arr == nullptr) return arr;
  if (static_cast<int64_t>(arr->size()) > *room) {
    return InvalidArgument(r.PathOf(key) + ": more references than the limit of " +
                           std::to_string(limits::kMaxConcernReferences) +
                           " (entries and ambiguities together)");
  }
  *room -= static_cast<int64_t>(arr->size());
  return arr;
}

StatusOr<uint64_t> EntryIndex(const Json& v, const std::string& path) {
  if (!v.is_number_integer()) {
    return InvalidArgument(path + ": expected a log index (an integer), got " + JsonTypeName(v));
  }
  const int64_t i = v.is_number_unsigned() && v.get<uint64_t>() > uint64_t{INT64_MAX}
                        ? kMaxEntryIndex + 1
                        : v.get<int64_t>();
  if (i < 0 || i > kMaxEntryIndex) {
    return InvalidArgument(path + ": expected a log index in 0.." + std::to_string(kMaxEntryIndex));
  }
  return static_cast<uint64_t>(i);
}

Status ReadReferences(const FieldReader& r, ConcernRaisedBody* b) {
  int64_t room = limits::kMaxConcernReferences;
  VERITY_ASSIGN_OR_RETURN(const Json* entries, ReferenceArray(r, "entries", &room));
  for (size_t k = 0; entries != nullptr && k < entries->size(); ++k) {
    VERITY_ASSIGN_OR_RETURN(uint64_t i,
                            EntryIndex(entries->at(k), JsonPathIndex(r.PathOf("entries"), k)));
    b->entries.push_back(i);
  }
  VERITY_ASSIGN_OR_RETURN(const Json* ambiguities, ReferenceArray(r, "ambiguities", &room));
  for (size_t k = 0; ambiguities != nullptr && k < ambiguities->size(); ++k) {
    const FieldReader a(ambiguities->at(k), JsonPathIndex(r.PathOf("ambiguities"), k));
    VERITY_RETURN_IF_ERROR(a.RejectUnknown({"entry", "kind"}));
    if (!a.Has("entry")) return Absent(a, "entry");
    VERITY_ASSIGN_OR_RETURN(const Json* entry, a.Member("entry"));
    VERITY_ASSIGN_OR_RETURN(uint64_t i, EntryIndex(*entry, a.PathOf("entry")));
    if (!a.Has("kind")) return Absent(a, "kind");
    VERITY_ASSIGN_OR_RETURN(std::string kind, a.String("kind"));
    if (!ParseAmbiguityKind(kind)) {
      return InvalidArgument(a.PathOf("kind") + ": '" + kind + "' is not an ambiguity kind");
    }
    b->ambiguities.push_back({i, std::move(kind)});
  }
  return Status::Ok();
}

std::optional<ConcernOutcome> ParseOutcome(std::string_view s) {
  for (auto o :
       {ConcernOutcome::kWithdrawn, ConcernOutcome::kSettled, ConcernOutcome::kUnresolved}) {
    if (Name(o) == s) return o;
  }
  return std::nullopt;
}

StatusOr<StatementSignature> ReadStatementSignature(const Json& v, const std::string& path) {
  const FieldReader r(v, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"party", "key_id", "signature"}));
  StatementSignature s;
  VERITY_ASSIGN_OR_RETURN(s.party, PartyField(r, "party"));
  if (!r.Has("key_id")) return Absent(r, "key_id");
  VERITY_ASSIGN_OR_RETURN(s.key_id, r.String("key_id"));
  std::array<uint8_t, kKeyIdHexDigits / 2> id;
  if (!HexToBytes(s.key_id, id)) {
    return InvalidArgument(r.PathOf("key_id") + ": expected " + std::to_string(kKeyIdHexDigits) +
                           " hex digits");
  }
  if (!r.Has("signature")) return Absent(r, "signature");
  VERITY_ASSIGN_OR_RETURN(std::string sig, r.String("signature"));
  if (!HexToBytes(sig, s.signature)) {
    return InvalidArgument(r.PathOf("signature") + ": expected " +
                           std::to_string(2 * kSignatureBytes) + " hex digits");
  }
  return s;
}

}  // namespace

bool IsConcernId(std::string_view id) {
  return !id.empty() && id.size() <= limits::kMaxConcernIdBytes &&
         std::all_of(id.begin(), id.end(), IdChar);
}

std::string_view Name(ConcernOutcome o) {
  switch (o) {
    case ConcernOutcome::kWithdrawn:
      return "withdrawn";
    case ConcernOutcome::kSettled:
      return "settled";
    case ConcernOutcome::kUnresolved:
      return "unresolved";
  }
  return "?";
}

std::string JointStatement::SigningBytes() const {
  const Json j = {{"format", kJointStatementFormat}, {"concern", concern}, {"text", text}};
  return CanonicalJson(j).value();  // strings only: always encodable
}

Json JointStatement::ToJson() const {
  Json sigs = Json::array();
  for (const StatementSignature& s : signatures) {
    sigs.push_back({{"party", s.party},
                    {"key_id", s.key_id},
                    {"signature", ToHex(s.signature.data(), s.signature.size())}});
  }
  return {{"format", kJointStatementFormat},
          {"concern", concern},
          {"text", text},
          {"signatures", sigs}};
}

StatusOr<JointStatement> ParseJointStatement(const Json& j, const std::string& path) {
  const FieldReader r(j, path);
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"format", "concern", "text", "signatures"}));
  if (!r.Has("format")) return Absent(r, "format");
  VERITY_ASSIGN_OR_RETURN(std::string format, r.String("format"));
  if (format != kJointStatementFormat) {
    return InvalidArgument(r.PathOf("format") + ": expected \"" +
                           std::string(kJointStatementFormat) + "\"");
  }
  JointStatement s;
  VERITY_ASSIGN_OR_RETURN(s.concern, ConcernId(r));
  VERITY_ASSIGN_OR_RETURN(s.text, RequiredText(r, "text"));
  if (!r.Has("signatures")) return Absent(r, "signatures");
  VERITY_ASSIGN_OR_RETURN(const Json* sigs, r.OptArray("signatures"));
  if (sigs == nullptr) {
    return InvalidArgument(r.PathOf("signatures") + ": expected an array");
  }
  if (sigs->size() > static_cast<size_t>(limits::kMaxStatementSignatures)) {
    return InvalidArgument(r.PathOf("signatures") + ": more than " +
                           std::to_string(limits::kMaxStatementSignatures) + " signatures");
  }
  for (size_t k = 0; k < sigs->size(); ++k) {
    VERITY_ASSIGN_OR_RETURN(
        StatementSignature sig,
        ReadStatementSignature(sigs->at(k), JsonPathIndex(r.PathOf("signatures"), k)));
    s.signatures.push_back(std::move(sig));
  }
  return s;
}

namespace internal {

StatusOr<std::vector<Duty>> ReadDuties(const FieldReader& r, TreatyEvent event) {
  std::vector<Duty> out;
  const bool takes = event == TreatyEvent::kCountermeasure || event == TreatyEvent::kResumption;
  if (!r.Has("duties")) {
    if (event == TreatyEvent::kCountermeasure) {
      return InvalidArgument(r.PathOf("duties") +
                             ": missing (a countermeasure names the duties it withholds)");
    }
    return out;
  }
  if (!takes) {
    return InvalidArgument(r.PathOf("duties") + ": only a countermeasure or a resumption names " +
                           "duties, not a " + std::string(Name(event)));
  }
  VERITY_ASSIGN_OR_RETURN(const Json* arr, r.OptArray("duties"));
  if (arr == nullptr) return InvalidArgument(r.PathOf("duties") + ": expected an array");
  if (arr->size() > static_cast<size_t>(limits::kMaxTreatyEventDuties)) {
    return InvalidArgument(r.PathOf("duties") + ": more than " +
                           std::to_string(limits::kMaxTreatyEventDuties) + " duties");
  }
  for (size_t k = 0; k < arr->size(); ++k) {
    const std::string path = JsonPathIndex(r.PathOf("duties"), k);
    const Json& v = arr->at(k);
    const auto d = v.is_string() ? ParseDuty(v.get_ref<const std::string&>()) : std::nullopt;
    if (!d) {
      return InvalidArgument(path + ": expected a duty (one of: " + DutyNames() + ")");
    }
    if (std::find(out.begin(), out.end(), *d) != out.end()) {
      return InvalidArgument(path + ": '" + std::string(Name(*d)) + "' is named twice");
    }
    out.push_back(*d);
  }
  if (out.empty() && event == TreatyEvent::kCountermeasure) {
    return InvalidArgument(r.PathOf("duties") +
                           ": empty (a countermeasure names the duties it withholds)");
  }
  return out;
}

StatusOr<BodyValue> ReadConcernRaised(const FieldReader& r) {
  ConcernRaisedBody b;
  VERITY_ASSIGN_OR_RETURN(b.concern, ConcernId(r));
  VERITY_ASSIGN_OR_RETURN(b.addressed_to, PartyField(r, "addressed_to"));
  VERITY_ASSIGN_OR_RETURN(b.question, RequiredText(r, "question"));
  VERITY_ASSIGN_OR_RETURN(b.provision, RequiredText(r, "provision"));
  VERITY_RETURN_IF_ERROR(ReadReferences(r, &b));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadConcernAnswered(const FieldReader& r) {
  ConcernAnsweredBody b;
  VERITY_ASSIGN_OR_RETURN(b.concern, ConcernId(r));
  VERITY_ASSIGN_OR_RETURN(b.answer, RequiredText(r, "answer"));
  VERITY_ASSIGN_OR_RETURN(b.provision, BoundedText(r, "provision"));
  return BodyValue(std::move(b));
}

StatusOr<BodyValue> ReadConcernClosed(const FieldReader& r) {
  ConcernClosedBody b;
  VERITY_ASSIGN_OR_RETURN(b.concern, ConcernId(r));
  if (!r.Has("outcome")) return Absent(r, "outcome");
  VERITY_ASSIGN_OR_RETURN(std::string outcome, r.String("outcome"));
  const auto o = ParseOutcome(outcome);
  if (!o) {
    return InvalidArgument(r.PathOf("outcome") + ": '" + outcome +
                           "' is not an outcome (expected one of: withdrawn, settled, unresolved)");
  }
  b.outcome = *o;
  VERITY_ASSIGN_OR_RETURN(b.note, BoundedText(r, "note"));
  const bool settled = b.outcome == ConcernOutcome::kSettled;
  if (settled != r.Has("joint_statement")) {
    return InvalidArgument(r.PathOf("joint_statement") +
                           (settled ? ": missing (a settlement carries the joint statement)"
                                    : ": only a settled concern carries a joint statement"));
  }
  if (settled) {
    VERITY_ASSIGN_OR_RETURN(const Json* st, r.Member("joint_statement"));
    VERITY_ASSIGN_OR_RETURN(JointStatement s,
                            ParseJointStatement(*st, r.PathOf("joint_statement")));
    if (s.concern != b.concern) {
      return InvalidArgument(r.PathOf("joint_statement") + ".concern: '" + s.concern +
                             "' is not the concern closed ('" + b.concern + "')");
    }
    b.joint_statement = std::move(s);
  }
  return BodyValue(std::move(b));
}

}  // namespace internal
}  // namespace verity::ledger
