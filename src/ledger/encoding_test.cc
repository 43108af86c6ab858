// The bytes a notification is signed over and stored as must never change
// (leaf hashes, roots and existing ledgers depend on them). These tests
// compare Notification::SigningBytes / EntryBytes and the entries Append
// stores against the reference encoding of docs/notifications.md, the
// canonical JSON of ToJson() (without "signature" for the signing bytes),
// over the documented examples, the sample history and unusual notifications;
// and pin a digest of a fixed corpus's bytes computed by the reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/file_io.h"
#include "ledger/batch.h"
#include "ledger/sample.h"
#include "ledger/test_util.h"

namespace verity::ledger {
namespace {

using testing::FreshDir;
using testing::TestKey;
using testing::TestNow;

std::string ReferenceSigningBytes(const Notification& n) {
  Json j = n.ToJson();
  j.erase("signature");
  return CanonicalJson(j).value();
}

std::string ReferenceEntryBytes(const Notification& n) { return CanonicalJson(n.ToJson()).value(); }

// Drafts of every documented example (docs/notifications.md: one per type).
std::vector<Json> DocumentedDrafts() {
  const std::string text =
      ReadFile(std::string(VERITY_SOURCE_DIR) + "/docs/notifications.md").value();
  std::vector<Json> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.rfind("{\"format\":1", 0) == 0)
      out.push_back(ParseJson(line, "notifications.md").value());
  }
  return out;
}

// Open inspection bodies with what the canonical encoding must get right:
// escapes, non-ASCII text, integers at the limits, nesting, keys that look
// like envelope members.
std::vector<Json> UnusualBodies() {
  return {
      {{"kind", "type_one"}, {"note", "quote \" backslash \\ slash / tab \t newline \n"}},
      {{"kind", "type_one"}, {"ctl", std::string("nul \0 \x01 \x1f \x7f end", 15)}},
      {{"kind", "type_two"},
       {"name", "Kozel\xe2\x80\x99sk \xc3\xa9t\xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x9a\x80"}},
      {{"kind", "type_one"},
       {"site", "\xd0\x9a\xd0\xbe\xd0\xb7\xd0\xb5\xd0\xbb\xd1\x8c\xd1\x81\xd0\xba"}},
      {{"kind", "type_one"},
       {"n", {0, -1, 1, 9007199254740993LL, INT64_MIN, INT64_MAX, UINT64_MAX}}},
      {{"kind", "type_one"}, {"signature", "x"}, {"type", "y"}, {"zz", {{"signature", ","}}}},
      {{"kind", "type_one"}, {"s", "\",\"signature\":\"ab\",\"type\":\"movement\"}"}},
      {{"kind", "type_one"},
       {"deep", {{"b", {1, {{"z", nullptr}, {"a", true}}, Json::array()}}, {"a", Json::object()}}}},
      {{"kind", "k"}, {"A", 1}, {"a", 2}, {"_", 3}, {"~", 4}, {"\xc3\xa9", 5}, {"", 6}},
  };
}

Json InspectionDraft(const std::string& party, Json body) {
  Json j = testing::MovementDraft(party, 1);
  j["type"] = "inspection_findings";
  j["body"] = std::move(body);
  return j;
}

// The documented examples and the unusual bodies, signed, with serials
// 1, 2, ... per party (so that one ledger takes them all).
std::vector<Notification> SignedCorpus() {
  std::vector<Json> drafts = DocumentedDrafts();
  for (Json& b : UnusualBodies()) drafts.push_back(InspectionDraft("US", std::move(b)));
  std::map<std::string, int64_t> serial;
  std::vector<Notification> out;
  for (Json& d : drafts) {
    const std::string party = d.at("party");
    d["serial"] = ++serial[party];
    out.push_back(testing::Signed(d, TestKey(party, party == "US" ? 1 : 2)));
  }
  return out;
}

// Notifications built in code that parsing would reject but the encoders
// still take: strings that need escapes, drafts, unusual numbers.
std::vector<Notification> UnparsedCorpus() {
  std::vector<Notification> out;
  Notification n = ParseNotification(testing::MovementDraft("US", 7), Draft::kUnsigned, "").value();
  out.push_back(n);  // a draft: no key_id, no signature
  Notification q = n;
  q.party = "U\"S\\\n\xc3\x9c";
  q.key_id = "k\"\x01";
  q.signed_ = true;
  q.signature.fill(0xfe);
  out.push_back(q);
  q.format = -3;
  q.serial = INT64_MIN;
  q.key_id = "";
  q.party = "";
  q.body = Json::array({1, "two"});
  out.push_back(q);
  q.body = nullptr;
  q.serial = INT64_MAX;
  q.occurred = Date::FromYmd(1, 1, 1);
  q.sent = Timestamp::FromSeconds(0);
  out.push_back(q);
  return out;
}

// Signed notifications whose party or key id holds one character the
// canonical encoding escapes (or that is borderline), and nothing else odd.
std::vector<Notification> OddEnvelopeStrings() {
  std::vector<Notification> out;
  Notification n = ParseNotification(testing::MovementDraft("US", 7), Draft::kUnsigned, "").value();
  n.signed_ = true;
  n.key_id = "0123456789abcdef";
  for (const char* party : {"U\"S", "U\\S", "U\x7fS", "U/S", "U\x1fS", "U~S"}) {
    n.party = party;
    out.push_back(n);
  }
  n.party = "US";
  for (const char* key_id : {"0123456\"89abcdef", "0123\\", "\x7f", " "}) {
    n.key_id = key_id;
    out.push_back(n);
  }
  return out;
}

std::vector<Notification> SampleHistory() {
  static const treaty::Treaty* t = new treaty::Treaty(treaty::LoadTreaty("new-start").value());
  const forces::Counter counter(*t);
  // Eight months: every kind of change the sample makes, and quick under the sanitizers.
  return SampleNotifications(counter, Date::FromYmd(2011, 2, 5), Date::FromYmd(2011, 10, 1))
      .value();
}

void ExpectReferenceBytes(const std::vector<Notification>& corpus) {
  for (const Notification& n : corpus) {
    const std::string signing = n.SigningBytes();
    ASSERT_EQ(signing, ReferenceSigningBytes(n)) << ReferenceEntryBytes(n);
    ASSERT_EQ(n.EntryBytes(), ReferenceEntryBytes(n));
    if (n.signed_) {
      ASSERT_EQ(n.EntryBytesFrom(signing), ReferenceEntryBytes(n));
    }
  }
}

TEST(EncodingTest, SignedCorpusEncodesAsTheReference) { ExpectReferenceBytes(SignedCorpus()); }

TEST(EncodingTest, UnparsedNotificationsEncodeAsTheReference) {
  ExpectReferenceBytes(UnparsedCorpus());
  ExpectReferenceBytes(OddEnvelopeStrings());
}

TEST(EncodingTest, SampleHistoryEncodesAsTheReference) {
  const auto sample = SampleHistory();
  ASSERT_GT(sample.size(), 100u);
  ExpectReferenceBytes(sample);
}

// The reference bytes of the fixed corpus, hashed when this test was written
// (before the encoder was rewritten): guards the reference itself.
TEST(EncodingTest, FixedCorpusBytesAreUnchanged) {
  std::string all;
  std::vector<Notification> corpus;
  for (Json& b : UnusualBodies()) {
    corpus.push_back(testing::Signed(InspectionDraft("US", std::move(b)), TestKey("US", 1)));
  }
  for (const Notification& n : UnparsedCorpus()) corpus.push_back(n);
  for (const Notification& n : OddEnvelopeStrings()) corpus.push_back(n);
  for (const Notification& n : corpus) all += n.SigningBytes() + "\n" + n.EntryBytes() + "\n";
  EXPECT_EQ(ToHex(Sha256(all)), "e0af4570c60b55373b62aba6eccbdf9b40ab83f32c60ebe88010f94ae2bd589f");
}

// The UTF-8 string `s` as a JSON string of \u escapes only (upper-case hex,
// surrogate pairs above U+FFFF).
std::string EscapedString(const std::string& s) {
  std::string out = "\"";
  char buf[16];
  auto put = [&](unsigned u) {
    std::snprintf(buf, sizeof buf, "\\u%04X", u);
    out += buf;
  };
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    unsigned cp = len == 1 ? c : c & (0x7f >> len);
    for (size_t k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += len;
    if (cp < 0x10000) {
      put(cp);
    } else {
      put(0xd800 + ((cp - 0x10000) >> 10));
      put(0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
  }
  return out + "\"";
}

// `v` as valid JSON far from canonical: members in reverse order, spaces
// around separators, every string character escaped, zero written as -0.
std::string NonCanonicalText(const Json& v) {
  std::string out;
  if (v.is_object()) {
    out = "{ ";
    for (auto it = v.crbegin(); it != v.crend(); ++it) {
      if (it != v.crbegin()) out += " ,\t";
      out += EscapedString(it.key()) + " : " + NonCanonicalText(it.value());
    }
    return out + " }";
  }
  if (v.is_array()) {
    out = "[ ";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? " , " : "") + NonCanonicalText(v.at(i));
    return out + " ]";
  }
  if (v.is_string()) return EscapedString(v.get<std::string>());
  if (v.is_number_integer() && v.get<int64_t>() == 0) return "-0";
  return v.dump();
}

std::string UpperCaseSignature(Json j) {
  std::string sig = j.at("signature");
  std::transform(sig.begin(), sig.end(), sig.begin(), [](char c) { return std::toupper(c); });
  j["signature"] = sig;
  return j.dump();
}

// Appends `text` as one batch to a fresh ledger and returns the stored entries.
std::vector<std::string> StoredEntries(const std::string& text, std::span<const PublicKey> keys) {
  const std::string dir = FreshDir("encoding");
  EXPECT_TRUE(Ledger::Init(dir, keys).ok());
  auto ledger = Ledger::Open(dir).value();
  auto batch = ParseBatchText(text, "batch");
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  auto r = ledger->Append(*batch, TestNow());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> out;
  EXPECT_TRUE(ledger
                  ->ForEachRow([&](const StoredRow& row) {
                    out.push_back(row.entry);
                    return Status::Ok();
                  })
                  .ok());
  ledger.reset();
  std::filesystem::remove_all(dir);
  return out;
}

// Received in any valid spelling, a notification is stored as the reference.
void ExpectStoredAsReference(const std::vector<Notification>& corpus,
                             std::span<const PublicKey> keys) {
  std::vector<std::string> expected;
  std::string canonical, reordered, upper;
  Json array = Json::array();
  for (const Notification& n : corpus) {
    expected.push_back(ReferenceEntryBytes(n));
    canonical += expected.back() + "\n";
    reordered += NonCanonicalText(n.ToJson()) + "\n";
    upper += UpperCaseSignature(n.ToJson()) + "\n";
    array.push_back(n.ToJson());
  }
  EXPECT_EQ(StoredEntries(canonical, keys), expected);
  EXPECT_EQ(StoredEntries(reordered, keys), expected);
  EXPECT_EQ(StoredEntries(upper, keys), expected);
  EXPECT_EQ(StoredEntries(array.dump(2), keys), expected);
}

TEST(EncodingTest, NonCanonicalInputIsStoredAsTheReference) {
  const std::vector<PublicKey> keys = {TestKey("US", 1).pub, TestKey("RU", 2).pub};
  ExpectStoredAsReference(SignedCorpus(), keys);
}

TEST(EncodingTest, NonCanonicalSampleIsStoredAsTheReference) {
  const std::vector<PublicKey> keys = {SampleKey("US").pub, SampleKey("RU").pub};
  ExpectStoredAsReference(SampleHistory(), keys);
}

TEST(EncodingTest, NonCanonicalTextParsesToTheSameNotification) {
  for (const Notification& n : SignedCorpus()) {
    const Json j = ParseJson(NonCanonicalText(n.ToJson()), "text").value();
    const Notification back = ParseNotification(j, Draft::kSigned, "").value();
    EXPECT_EQ(back.SigningBytes(), ReferenceSigningBytes(n));
  }
}

}  // namespace
}  // namespace verity::ledger
