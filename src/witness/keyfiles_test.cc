// Key files and the serve command's refusals, with their exact errors.
#include "witness/keyfiles.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <sstream>

#include "witness/serve.h"
#include "witness/test_util.h"

namespace verity::witness {
namespace {

TEST(KeyFilesTest, KeygenWritesAPrivateKeyAndItsVkeyAndNeverOverwrites) {
  verity::testing::TestDir dir("witness-keys");
  auto paths = GenerateKeyFiles("us", dir.Path("k"));
  ASSERT_TRUE(paths.ok()) << paths.status().message();
  struct stat st {};
  ASSERT_EQ(::stat(paths->key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto key = LoadSigner(paths->key);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->type(), tlog::SignatureType::kCosignatureV1);
  auto vkey = LoadVerifier(paths->vkey);
  ASSERT_TRUE(vkey.ok());
  EXPECT_EQ(vkey->ToString(), key->verifier().ToString());
  auto again = GenerateKeyFiles("us", dir.Path("k"));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("us.key: already exists"), std::string::npos);
  EXPECT_EQ(GenerateKeyFiles("a/b", dir.Path("k")).status().message(),
            "witness key name 'a/b': not usable as a file name");
  EXPECT_EQ(GenerateKeyFiles("a b", dir.Path("k")).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyFilesTest, HostileKeyFilesAreRefusedByName) {
  verity::testing::TestDir dir("witness-badkeys");
  auto paths = GenerateKeyFiles("us", dir.Path("k"));
  ASSERT_TRUE(paths.ok());
  ::chmod(paths->key.c_str(), 0644);
  EXPECT_EQ(LoadSigner(paths->key).status().message(),
            paths->key + ": a private key readable by other users (chmod 600 it)");
  const std::string junk = dir.Write("junk.vkey", "not+a+vkey\n");
  auto v = LoadVerifier(junk);
  ASSERT_FALSE(v.ok());
  EXPECT_TRUE(v.status().message().starts_with(junk + ": vkey:")) << v.status().message();
  auto literal = LoadVerifier("\xff\xfe");
  EXPECT_TRUE(literal.status().message().starts_with("'\\xFF\\xFE': no such file, and not a vkey"))
      << literal.status().message();
  // A witness key given as a log key.
  auto logs = LoadLogKeys({paths->vkey});
  EXPECT_EQ(logs.status().message(), "log key us: not an Ed25519 note key (type 0x01)");
}

TEST(KeyFilesTest, ServeRefusesWhatItCannotRunWith) {
  verity::testing::TestDir dir("witness-serve");
  auto paths = GenerateKeyFiles("us", dir.Path("k"));
  ASSERT_TRUE(paths.ok());
  const std::string log_vkey = testing::TestLog().key.verifier().ToString();
  std::ostringstream out;
  WitnessServeOptions o{dir.Path("data"), paths->key, {}, "127.0.0.1", 0};
  EXPECT_EQ(RunWitness(o, out).message(), "witness: no --log key: a witness needs a log");
  const std::string log_key = dir.Write("log.key", testing::TestLog().key.ToString() + "\n");
  ::chmod(log_key.c_str(), 0600);
  o.logs = {log_vkey};
  o.key_path = log_key;
  EXPECT_EQ(RunWitness(o, out).message(),
            log_key + ": not a cosignature/v1 key (make one with 'verity witness keygen')");
  o.key_path = paths->key;
  o.bind = "256.0.0.1";
  EXPECT_EQ(RunWitness(o, out).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace verity::witness
