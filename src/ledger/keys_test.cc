#include "ledger/keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/hash.h"
#include "ledger/test_util.h"

namespace verity::ledger {
namespace {

using testing::MovementDraft;
using testing::TestKey;

std::string TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("verity-keys-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

TEST(KeysTest, KeyIdIsFirstEightBytesOfSha256OfPublicKey) {
  const SecretKey k = TestKey("US", 1);
  const Hash256 h = Sha256(std::string_view(reinterpret_cast<const char*>(k.pub.bytes.data()), 32));
  EXPECT_EQ(k.pub.key_id, ToHex(h).substr(0, 16));
}

TEST(KeysTest, SignedNotificationVerifiesAndTamperingBreaksIt) {
  const SecretKey k = TestKey("US", 1);
  Notification n = testing::Signed(MovementDraft("US", 5), k);
  EXPECT_TRUE(VerifyNotification(n, k.pub).ok());
  n.body["to"] = "ELSEWHERE";
  const Status s = VerifyNotification(n, k.pub);
  EXPECT_EQ(s.message(), "signature: does not verify with key " + k.pub.key_id + " of US");
}

TEST(KeysTest, SigningADraftOfAnotherPartyIsRejected) {
  const SecretKey ru = TestKey("RU", 2);
  auto r = SignNotification(MovementDraft("US", 1), ru);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "draft: party: 'US' but the key " + ru.pub.key_id + " belongs to RU");
}

TEST(KeysTest, KeyFilesRoundTripAndSecretIsPrivate) {
  const std::string dir = TempDir("roundtrip");
  const SecretKey k = TestKey("RU", 7);
  ASSERT_TRUE(WriteKeyFiles(k, dir).ok());
  struct stat st {};
  ASSERT_EQ(::stat((dir + "/RU.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto secret = LoadSecretKey(dir + "/RU.key");
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(secret->bytes, k.bytes);
  auto pub = LoadPublicKey(dir + "/RU.pub");
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->key_id, k.pub.key_id);
  EXPECT_EQ(WriteKeyFiles(k, dir).code(), StatusCode::kAlreadyExists);
  std::filesystem::remove_all(dir);
}

TEST(KeysTest, SecretKeyFileOthersCanReachIsRefusedWithTheFix) {
  const std::string dir = TempDir("private");
  ASSERT_TRUE(WriteKeyFiles(TestKey("US", 3), dir).ok());
  const std::string path = dir + "/US.key";
  for (const auto& [mode, word] : {std::pair{0644u, "readable"}, std::pair{0604u, "readable"},
                                   std::pair{0620u, "accessible"}}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto r = LoadSecretKey(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", mode);
    EXPECT_EQ(r.status().message(), path + ": the secret key file is " + word +
                                        " by group or others (mode " + octal +
                                        "); a secret key must be private to its owner: run "
                                        "'chmod 600 " +
                                        path + "'");
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(LoadSecretKey(path).ok());
  EXPECT_EQ(LoadSecretKey(dir).status().message(), dir + ": not a regular file");
  EXPECT_EQ(LoadSecretKey(dir + "/none.key").status().code(), StatusCode::kNotFound);
  struct stat st {};
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << "the key folder it created";
  std::filesystem::remove_all(dir);
}

TEST(KeysTest, PublicKeyWithWrongKeyIdIsRejected) {
  Json j = PublicKeyToJson(TestKey("US", 1).pub);
  j["key_id"] = "0000000000000000";
  auto r = ParsePublicKey(j, "us.pub");
  EXPECT_EQ(r.status().message().rfind("us.pub.key_id: '0000000000000000' does not match", 0), 0u)
      << r.status().message();
}

TEST(KeysTest, SeededKeysAreReproducible) {
  EXPECT_EQ(TestKey("US", 9).bytes, TestKey("US", 9).bytes);
  EXPECT_NE(TestKey("US", 9).bytes, TestKey("US", 10).bytes);
}

}  // namespace
}  // namespace verity::ledger
