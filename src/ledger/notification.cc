#include "ledger/notification.h"

#include <algorithm>
#include <cstring>

#include "core/hash.h"
#include "ledger/body.h"
#include "ledger/body_schema.h"

namespace verity::ledger {
namespace {

constexpr int64_t kMaxSerial = int64_t{1} << 53;  // exact in every JSON reader
constexpr size_t kMaxPartyLength = 8;
constexpr size_t kKeyIdHexLength = 16;

std::string Prefixed(std::string_view path, std::string_view field) {
  if (path.empty()) return std::string(field);
  return std::string(path) + ": " + std::string(field);
}

Status ReadSignature(const FieldReader& r, Notification* n) {
  VERITY_ASSIGN_OR_RETURN(n->key_id, r.String("key_id"));
  std::array<uint8_t, kKeyIdHexLength / 2> id;
  if (!HexToBytes(n->key_id, id)) {
    return InvalidArgument(r.PathOf("key_id") + ": expected " + std::to_string(kKeyIdHexLength) +
                           " hex digits");
  }
  VERITY_ASSIGN_OR_RETURN(std::string sig, r.String("signature"));
  if (!HexToBytes(sig, n->signature)) {
    return InvalidArgument(r.PathOf("signature") + ": expected " +
                           std::to_string(2 * kSignatureBytes) + " hex digits");
  }
  n->signed_ = true;
  return Status::Ok();
}

Status ReadEnvelope(const FieldReader& r, Notification* n) {
  VERITY_ASSIGN_OR_RETURN(int64_t format,
                          r.Int("format", kNotificationFormat, kNotificationFormat));
  n->format = static_cast<int>(format);
  VERITY_ASSIGN_OR_RETURN(n->party, r.String("party"));
  VERITY_RETURN_IF_ERROR(CheckPartyName(n->party, r.PathOf("party")));
  VERITY_ASSIGN_OR_RETURN(n->serial, r.Int("serial", 1, kMaxSerial));
  VERITY_ASSIGN_OR_RETURN(std::string type, r.String("type"));
  auto t = ParseNotificationType(type);
  if (!t) {
    return InvalidArgument(r.PathOf("type") + ": unknown notification type '" + type +
                           "' (expected one of: " + NotificationTypeNames() + ")");
  }
  n->type = *t;
  VERITY_ASSIGN_OR_RETURN(n->occurred, r.DateField("occurred"));
  VERITY_ASSIGN_OR_RETURN(std::string sent, r.String("sent"));
  auto ts = Timestamp::Parse(sent);
  if (!ts.ok()) return ts.status().WithContext(r.PathOf("sent"));
  n->sent = *ts;
  VERITY_ASSIGN_OR_RETURN(const Json* body, r.Member("body"));
  VERITY_ASSIGN_OR_RETURN(Body typed, ParseBody(n->type, *body, r.PathOf("body")));
  n->typed_body = std::make_shared<const Body>(std::move(typed));
  n->body = *body;
  return Status::Ok();
}

// True if the canonical encoding writes `s` between quotes unchanged:
// printable ASCII other than '"' and '\\' (nothing to escape).
bool IsPlain(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c >= ' ' && c <= '~' && c != '"' && c != '\\'; });
}

// Appends ,"key":"value" for a plain `value`.
void AppendPlainMember(std::string* out, std::string_view key, std::string_view value) {
  out->append(",\"").append(key).append("\":\"").append(value).append("\"");
}

// The definition of the signing bytes: the canonical encoding of ToJson()
// without "signature". SigningBytes writes the same bytes directly when no
// envelope string needs escaping, and falls back on this otherwise.
std::string SigningBytesViaJson(const Notification& n) {
  Json j = n.ToJson();
  j.erase("signature");
  return CanonicalJson(j).value();
}

}  // namespace

std::string_view Name(NotificationType t) { return internal::SchemaOf(t).name; }

std::optional<NotificationType> ParseNotificationType(std::string_view s) {
  for (const auto& schema : internal::AllSchemas()) {
    if (schema.name == s) return schema.type;
  }
  return std::nullopt;
}

std::string NotificationTypeNames() {
  std::string out;
  for (const auto& schema : internal::AllSchemas()) {
    out += (out.empty() ? "" : ", ") + std::string(schema.name);
  }
  return out;
}

Status CheckPartyName(std::string_view party, std::string_view path) {
  const bool ok =
      party.size() >= 2 && party.size() <= kMaxPartyLength &&
      std::all_of(party.begin(), party.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (ok) return Status::Ok();
  return InvalidArgument(std::string(path) + ": '" + std::string(party) +
                         "' is not a party name (expected 2 to 8 upper-case letters, e.g. US)");
}

Json Notification::ToJson() const {
  Json j = {{"format", format},
            {"party", party},
            {"serial", serial},
            {"type", std::string(Name(type))},
            {"occurred", occurred.ToString()},
            {"sent", sent.ToString()},
            {"body", body}};
  if (signed_) {
    j["key_id"] = key_id;
    j["signature"] = ToHex(signature.data(), signature.size());
  }
  return j;
}

std::string Notification::SigningBytes() const {
  const std::string occurred_text = occurred.ToString();
  const std::string sent_text = sent.ToString();
  const std::string_view type_name = Name(type);
  if (!IsPlain(party) || (signed_ && !IsPlain(key_id)) || !IsPlain(occurred_text) ||
      !IsPlain(sent_text) || !IsPlain(type_name)) {
    return SigningBytesViaJson(*this);
  }
  // The members of ToJson() but "signature", in canonical (sorted) order.
  constexpr size_t kEnvelopeBytes = 256;  // the members but "body", with room to spare
  const std::string body_text = CanonicalJson(body).value();
  std::string out;
  out.reserve(body_text.size() + kEnvelopeBytes);
  out.append("{\"body\":").append(body_text);
  out.append(",\"format\":").append(std::to_string(format));
  if (signed_) AppendPlainMember(&out, "key_id", key_id);
  AppendPlainMember(&out, "occurred", occurred_text);
  AppendPlainMember(&out, "party", party);
  AppendPlainMember(&out, "sent", sent_text);
  out.append(",\"serial\":").append(std::to_string(serial));
  AppendPlainMember(&out, "type", type_name);
  out += '}';
  return out;
}

std::string Notification::EntryBytes() const {
  // Unsigned, ToJson() has no "signature": the entry is the signing bytes.
  return signed_ ? EntryBytesFrom(SigningBytes()) : SigningBytes();
}

std::string Notification::EntryBytesFrom(std::string_view signing_bytes) const {
  // Canonical members are sorted by key: "signature" sorts just before
  // "type", the last member, whose value is a type name (no quotes inside),
  // so the last ',"type":"' is the top-level one.
  const size_t at = signing_bytes.rfind(",\"type\":\"");
  std::string out;
  out.reserve(signing_bytes.size() + 2 * kSignatureBytes + 16);
  out.append(signing_bytes.substr(0, at));
  out.append(",\"signature\":\"").append(ToHex(signature.data(), signature.size())).append("\"");
  out.append(signing_bytes.substr(at));
  return out;
}

Status ReadBody(Notification* n, std::string_view path) {
  if (n->typed_body != nullptr && n->typed_body->type() == n->type) return Status::Ok();
  auto typed = ParseBody(n->type, n->body, "body");
  if (!typed.ok()) return path.empty() ? typed.status() : typed.status().WithContext(path);
  n->typed_body = std::make_shared<const Body>(std::move(*typed));
  return Status::Ok();
}

StatusOr<Notification> ParseStoredEntry(std::string_view entry, uint64_t index) {
  const std::string where = "entries[" + std::to_string(index) + "]";
  auto j = ParseJson(entry, where);
  if (!j.ok()) return DataLoss(j.status().message());
  auto n = ParseNotification(*j, Draft::kSigned, where);
  if (!n.ok()) return DataLoss(n.status().message());
  return n;
}

StatusOr<Notification> ParseNotification(const Json& j, Draft draft, std::string_view path) {
  if (!j.is_object()) {
    return InvalidArgument(Prefixed(path, "notification") + ": expected an object, got " +
                           JsonTypeName(j));
  }
  // Field paths are relative; a location prefix is added as "<prefix>: field".
  FieldReader fr(j, "");
  Notification n;
  auto check = [&]() -> Status {
    if (draft == Draft::kSigned) {
      VERITY_RETURN_IF_ERROR(fr.RejectUnknown({"format", "party", "serial", "type", "occurred",
                                               "sent", "body", "key_id", "signature"}));
    } else {
      VERITY_RETURN_IF_ERROR(
          fr.RejectUnknown({"format", "party", "serial", "type", "occurred", "sent", "body"}));
    }
    VERITY_RETURN_IF_ERROR(ReadEnvelope(fr, &n));
    return draft == Draft::kSigned ? ReadSignature(fr, &n) : Status::Ok();
  };
  Status s = check();
  if (!s.ok()) return path.empty() ? s : s.WithContext(path);
  return n;
}

}  // namespace verity::ledger
