#include "tlog/note.h"

#include <gtest/gtest.h>

#include "tlog/test_util.h"

namespace verity::tlog {
namespace {

using testing::TestKey;

// signed-note.md, "Verifier keys", "Example".
constexpr std::string_view kSpecVkey =
    "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
constexpr std::string_view kSpecNote =
    "This is an example message.\n"
    "\n"
    "\xE2\x80\x94 example.com/foo "
    "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM="
    "\n";

// The example of Go's golang.org/x/mod/sumdb/note package documentation:
// an skey, its vkey and the note it signs.
constexpr std::string_view kGoSkey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kGoVkey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr std::string_view kGoSignatureLine =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

VerifierSet Known(std::initializer_list<std::string_view> vkeys) {
  VerifierSet set;
  for (std::string_view v : vkeys) EXPECT_TRUE(set.Add(*Verifier::Parse(v)).ok());
  return set;
}

TEST(NoteTest, SpecExampleVerifies) {
  const auto v = Verifier::Parse(kSpecVkey);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->name(), "example.com/foo");
  EXPECT_EQ(v->key_id(), 0x530d903au);
  EXPECT_EQ(v->type(), SignatureType::kEd25519);
  EXPECT_EQ(v->ToString(), kSpecVkey);
  // The key ID is SHA-256(name || 0x0A || 0x01 || key)[:4].
  EXPECT_EQ(KeyId("example.com/foo", SignatureType::kEd25519, v->public_key()), 0x530d903au);

  const auto opened = OpenNote(kSpecNote, Known({kSpecVkey}));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->note.text, "This is an example message.\n");
  ASSERT_EQ(opened->verified.size(), 1u);
  EXPECT_EQ(opened->verified[0].name(), "example.com/foo");
}

TEST(NoteTest, SpecPoemSeparatesAtTheLastBlankLine) {
  // signed-note.md, the note at its top: the text has an empty line.
  const std::string note =
      "Ognuno sta solo sul cuor della terra\n"
      "trafitto da un raggio di sole:\n"
      "\n"
      "ed \xC3\xA8 subito sera.\n"
      "\n"
      "\xE2\x80\x94 quasimodo.example/salvatore "
      "NnugSzTjtVAewIS+Z/iJhUPeFDkO/"
      "5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";
  const auto n = ParseNote(note);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->text, note.substr(0, note.find("\n\n\xE2") + 1));
  ASSERT_EQ(n->signatures.size(), 1u);
  EXPECT_EQ(n->signatures[0].name, "quasimodo.example/salvatore");
  EXPECT_EQ(n->signatures[0].key_id, 0x367ba04bu);
  EXPECT_EQ(n->signatures[0].signature.size(), 64u);
  EXPECT_EQ(FormatNote(*n), note);
  // No key is known: the note must be rejected, not trusted.
  const auto opened = OpenNote(note, Known({kSpecVkey}));
  EXPECT_EQ(opened.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(opened.status().message(), "note: no signature from a known key");
}

TEST(NoteTest, GoSkeyGivesItsVkeyAndSignature) {
  const auto signer = Signer::Parse(kGoSkey);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->verifier().ToString(), kGoVkey);
  EXPECT_EQ(signer->ToString(), kGoSkey);
  const auto sig = SignText(*signer, kGoText);
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(sig->Line(), kGoSignatureLine);  // Ed25519 is deterministic
  const std::string note = std::string(kGoText) + "\n" + std::string(kGoSignatureLine);
  EXPECT_TRUE(OpenNote(note, Known({kGoVkey})).ok());
}

TEST(NoteTest, UnknownSignersAreIgnoredButAKnownBadOneRejects) {
  const Signer a = TestKey("a.example/log", SignatureType::kEd25519, 1);
  const Signer other = TestKey("a.example/log", SignatureType::kEd25519, 2);  // same name
  const std::string text = "hello\n";
  const NoteSignature good = *SignText(a, text);
  const NoteSignature stranger = *SignText(other, text);
  VerifierSet known;
  ASSERT_TRUE(known.Add(a.verifier()).ok());

  const auto opened = OpenNote(FormatNote(Note{text, {stranger, good}}), known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->verified.size(), 1u);
  EXPECT_EQ(opened->unknown, std::vector<size_t>{0});

  // Same name and ID as the known key, wrong bytes.
  NoteSignature forged = good;
  forged.signature[0] ^= 1;
  const auto bad = OpenNote(FormatNote(Note{text, {good, forged}}), known);
  EXPECT_EQ(bad.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(bad.status().message(), "note: the signature of a.example/log+" +
                                        std::string(a.verifier().ToString().substr(14, 8)) +
                                        " does not verify");
}

TEST(NoteTest, VerifierSetRefusesAmbiguousKeys) {
  VerifierSet set;
  const Signer a = TestKey("a", SignatureType::kEd25519, 1);
  ASSERT_TRUE(set.Add(a.verifier()).ok());
  EXPECT_EQ(set.Add(a.verifier()).code(), StatusCode::kAlreadyExists);
}

TEST(NoteTest, MalformedNotesGiveSpecificErrors) {
  const std::string sig = std::string(kGoSignatureLine);
  const std::string text(kGoText);
  struct Case {
    std::string note, message;
  };
  const std::vector<Case> cases = {
      {text + sig, "note: no blank line separates the text from the signatures"},
      {text + "\n", "note: there is no signature line"},
      {text + "\n" + sig.substr(0, sig.size() - 1),
       "note: the last signature line does not end in a newline"},
      {"a\r\n\n" + sig, "note: contains a carriage return"},
      {"a\tb\n\n" + sig, "note: contains a control character"},
      {"a\xFF\n\n" + sig, "note: is not valid UTF-8"},
      {text + "\n- PeterNeumann x08go/ZJk=\n",
       "note: a signature line does not start with an em dash and a space"},
      {text + "\n\xE2\x80\x94 PeterNeumann\n", "note: a signature line has no signature"},
      {text + "\n\xE2\x80\x94 Peter+Neumann AAAAAAA=\n",
       "note: signature line: the key name contains '+'"},
      {text + "\n\xE2\x80\x94 PeterNeumann AAAA\n",
       "note: the signature of PeterNeumann is too short"},
      {text + "\n\xE2\x80\x94 PeterNeumann AAAAAAA\n",
       "note: signature of PeterNeumann: not canonical base64"},
  };
  for (const Case& c : cases) {
    const auto n = ParseNote(c.note);
    EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument) << c.note;
    EXPECT_EQ(n.status().message(), c.message) << c.note;
  }
}

TEST(NoteTest, HostileSizesAreRefusedBeforeVerifying) {
  const Signer a = TestKey("a", SignatureType::kEd25519, 1);
  const NoteSignature s = *SignText(a, "x\n");
  Note many{"x\n", std::vector<NoteSignature>(kMaxNoteSignatures + 1, s)};
  EXPECT_EQ(ParseNote(FormatNote(many)).status().message(), "note: more than 64 signatures");
  many.signatures.resize(kMaxNoteSignatures);
  EXPECT_TRUE(ParseNote(FormatNote(many)).ok());
  // At least 16 signatures of about 5 kB (post-quantum) must be accepted.
  Note big{"x\n", std::vector<NoteSignature>(16, NoteSignature{"pq", 1, std::string(4900, 'z')})};
  EXPECT_TRUE(ParseNote(FormatNote(big)).ok());
  const std::string huge = std::string(kMaxNoteBytes, 'a') + "\n\n" + s.Line();
  EXPECT_EQ(ParseNote(huge).status().message(), "note: longer than 131072 bytes");
}

TEST(NoteTest, SigningNeedsAValidTextAndANoteKey) {
  const Signer a = TestKey("a", SignatureType::kEd25519, 1);
  EXPECT_EQ(SignText(a, "no newline").status().message(),
            "note: the text does not end in a newline");
  const Signer w = TestKey("w", SignatureType::kCosignatureV1, 1);
  EXPECT_EQ(SignText(w, "x\n").status().message(),
            "note: w is not an Ed25519 note key (type 0x01)");
}

TEST(KeysTest, VkeysAndSkeysAreCheckedStrictly) {
  struct Case {
    std::string key, message;
  };
  const std::vector<Case> cases = {
      {"example.com/foo+530d903a", "vkey: expected <name>+<key ID>+<key>"},
      {"example.com/foo+530d903a+Aeky+x", "vkey: not canonical base64"},
      {"example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
       "vkey: the key ID is not 8 lower-case hex digits"},
      {"example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
       "vkey: the key ID 530d903b is not the one of this name and key (530d903a)"},
      {"example.com/bar+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
       "vkey: the key ID 530d903a is not the one of this name and key ("},
      {"example.com/foo+530d903a+BukyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
       "vkey: ML-DSA-44 keys (type 0x06) are not supported"},
      {"example.com/foo+530d903a+CekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
       "vkey: unknown signature type 9"},
      {"example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2kAA==",
       "vkey: an Ed25519 key is 32 bytes, not 33"},
      {" a+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
       "vkey: the key name contains a space"},
  };
  for (const Case& c : cases) {
    const auto v = Verifier::Parse(c.key);
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument) << c.key;
    if (c.message.back() == '(') {  // the computed ID follows
      EXPECT_TRUE(v.status().message().starts_with(c.message)) << v.status().message();
    } else {
      EXPECT_EQ(v.status().message(), c.message) << c.key;
    }
  }
  EXPECT_EQ(Signer::Parse("PRIVATE+KEY+x").status().message(),
            "skey: expected <name>+<key ID>+<key>");
  EXPECT_EQ(Signer::Parse(std::string(kGoVkey)).status().message(),
            "skey: expected PRIVATE+KEY+<name>+<key ID>+<key>");
  // The skey's ID must be its key's.
  std::string wrong(kGoSkey);
  wrong.replace(wrong.find("c74f20a3"), 8, "c74f20a4");
  EXPECT_EQ(Signer::Parse(wrong).status().message(),
            "skey: the key ID c74f20a4 is not the one of its key");
}

TEST(KeysTest, TypesAreDomainSeparated) {
  const Signer n = TestKey("same", SignatureType::kEd25519, 7);
  const Signer c = TestKey("same", SignatureType::kCosignatureV1, 7);
  EXPECT_EQ(n.verifier().public_key(), c.verifier().public_key());
  EXPECT_NE(n.key_id(), c.key_id());
  EXPECT_TRUE(c.verifier().ToString().find("+B") != std::string::npos);  // base64 of 0x04...
  EXPECT_EQ(Verifier::Parse(c.verifier().ToString())->type(), SignatureType::kCosignatureV1);
}

}  // namespace
}  // namespace verity::tlog
