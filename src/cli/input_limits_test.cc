// Hostile files through the CLI: every reader refuses with exit 2 and a
// message naming the file, where in it and the limit, prints nothing on
// stdout, and never crashes or hangs. In-process through RunCli, and
// through the real binary where standard input or the process matters.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli/cli_test_util.h"
#include "core/json.h"
#include "core/limits.h"
#include "core/test_dir.h"

namespace verity::cli {
namespace {

namespace fs = std::filesystem;

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

constexpr char kDeclarationHead[] = R"({"party": "US", "as_of": "2020-09-01",
  "facilities": [{"id": "base", "type": "icbm_base"}],
  "types": [{"id": "silo", "class": "icbm", "kind": "silo_launcher"}],)";

// A treaty file that starts from New START and adds its own categories.
constexpr char kTreatyHead[] = "name = \"hostile\"\nbase = \"new-start\"\n";

class InputLimitsTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) const {
    return dir_.Write(name, text);
  }

  // Runs the built binary through the shell; stdout and stderr to files.
  Result Binary(const std::string& args) const {
    const std::string out = dir_.Path("stdout"), err = dir_.Path("stderr");
    const std::string cmd =
        std::string(VERITY_BINARY_DIR) + "/bin/verity " + args + " >" + out + " 2>" + err;
    const int status = std::system(cmd.c_str());
    auto slurp = [](const std::string& p) {
      std::ifstream in(p);
      return std::string(std::istreambuf_iterator<char>(in), {});
    };
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out),
            slurp(err)};
  }

  // `verity check FILE` must refuse with exit 2 and exactly `message`.
  void ExpectRefused(const std::vector<std::string>& args, const std::string& message) const {
    Result r = Verity(args);
    EXPECT_EQ(r.code, kExitBadInput) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "verity: " + message + "\n");
  }

  testing::TestDir dir_{"input-limits"};
};

TEST_F(InputLimitsTest, DeepJsonIsRefusedWithItsLineAndColumn) {
  for (size_t n : {20'000u, 60'000u}) {
    const std::string arrays = Write("arrays.json", Repeat("[", n) + Repeat("]", n));
    ExpectRefused({"check", arrays},
                  arrays +
                      ": line 1, column 65: nested deeper than the limit of 64 arrays and "
                      "objects");
    const std::string objects =
        Write("objects.json", Repeat(R"({"items": )", n) + "1" + Repeat("}", n));
    ExpectRefused({"check", objects},
                  objects +
                      ": line 1, column 641: nested deeper than the limit of 64 arrays and "
                      "objects");
  }
}

TEST_F(InputLimitsTest, DeepJsonOnStandardInputIsRefusedByTheBinary) {
  const std::string deep = Write("deep.json", Repeat("[", 60'000) + Repeat("]", 60'000));
  Result r = Binary("check - < " + deep);
  EXPECT_EQ(r.code, kExitBadInput) << r.err;
  EXPECT_EQ(r.err,
            "verity: <stdin>: line 1, column 65: nested deeper than the limit of 64 arrays and "
            "objects\n");
}

TEST_F(InputLimitsTest, DeepNotificationLineIsRefusedByLedgerAppend) {
  const std::string data = dir_.Path("ledger"), keys = dir_.Path("keys");
  ASSERT_EQ(Verity({"keys", "new", "--party", "US", "--out", keys}).code, kExitOk);
  ASSERT_EQ(Verity({"ledger", "init", "--data", data, "--key", keys + "/US.pub"}).code, kExitOk);
  const std::string line =
      Write("deep.jsonl", R"({"format":1,"party":"US","serial":1,"type":"inspection_notice",)"
                          R"("body":)" +
                              Repeat("[", 60'000) + Repeat("]", 60'000) + "}\n");
  Result r = Verity({"ledger", "append", "--data", data, line});
  EXPECT_EQ(r.code, kExitBadInput) << r.err;
  EXPECT_EQ(r.err.rfind("verity: " + line + ": line 1, column ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("nested deeper than the limit of 64"), std::string::npos) << r.err;
  Result verify = Verity({"ledger", "verify", "--data", data});
  EXPECT_EQ(verify.code, kExitOk) << verify.err;
  EXPECT_NE(verify.out.find("ok: 0 rows"), std::string::npos) << verify.out;
}

TEST_F(InputLimitsTest, DuplicateKeysAreRefusedWithTheirPath) {
  const std::string path =
      Write("dup.json", std::string(kDeclarationHead) +
                            R"( "items": [{"uid": "S1", "type": "silo", "facility": "base",
                                            "uid": "S2"}]})");
  ExpectRefused({"check", path},
                path +
                    ": line 4, column 45: items[0].uid: duplicate key (a key may appear once "
                    "in an object)");
}

TEST_F(InputLimitsTest, InvalidUtf8IsRefusedInJsonCsvAndToml) {
  const std::string json = Write("bad.json", "{\"party\": \"U\xFFS\"}");
  ExpectRefused({"check", json},
                json + ": line 1, column 13: invalid UTF-8 (invalid byte, byte 0xFF)");
  Write("items.csv",
        "uid,type,facility\nS1,silo,b\xC0\xAF"
        "ase\n");
  const std::string csv =
      Write("csv.json", std::string(kDeclarationHead) + R"( "items_csv": "items.csv"})");
  ExpectRefused({"check", csv}, csv + ": " + dir_.Path("items.csv") +
                                    ": line 2, column 10: invalid UTF-8 (overlong encoding, byte "
                                    "0xC0)");
  const std::string toml =
      Write("bad.toml", std::string(kTreatyHead) + "[[categories]]\nid = \"c\xED\xA0\x80\"\n");
  ExpectRefused({"check", "us-2020-09-01", "--treaty", toml},
                toml +
                    ": line 4, column 8: invalid UTF-8 (surrogate code point (U+D800..U+DFFF), "
                    "byte 0xED)");
}

TEST_F(InputLimitsTest, DeepRulesAreRefusedAndCategoryChainsAreCheap) {
  const std::string parens = Write(
      "parens.toml", std::string(kTreatyHead) + "[[categories]]\nid = \"c\"\nrule = \"" +
                         Repeat("(", 20'000) + "kind == missile" + Repeat(")", 20'000) + "\"\n");
  ExpectRefused({"check", "us-2020-09-01", "--treaty", parens},
                parens +
                    ": categories[0].rule: column 65: parentheses and 'not' nested deeper "
                    "than the limit of 64");
  const std::string nots =
      Write("nots.toml", std::string(kTreatyHead) + "[[categories]]\nid = \"c\"\nrule = \"" +
                             Repeat("not ", 100'000) + "eliminated\"\n");
  ExpectRefused({"check", "us-2020-09-01", "--treaty", nots},
                nots +
                    ": categories[0].rule: column 257: parentheses and 'not' nested deeper "
                    "than the limit of 64");
  // 40 levels of `cN = cN-1 and cN-1` with a limit on the last: counted,
  // not inlined 2^40 times.
  std::string chain =
      std::string(kTreatyHead) + "[[categories]]\nid = \"c0\"\nrule = \"kind == silo_launcher\"\n";
  for (int i = 1; i <= 40; ++i) {
    const std::string prev = "c" + std::to_string(i - 1);
    chain += "[[categories]]\nid = \"c" + std::to_string(i) + "\"\nrule = \"" + prev + " and " +
             prev + "\"\n";
  }
  chain += "[[limits]]\nid = \"first\"\nmax = 1000\ncount = [{ category = \"c0\" }]\n";
  chain += "[[limits]]\nid = \"last\"\nmax = 1000\ncount = [{ category = \"c40\" }]\n";
  Result r = Verity({"check", "us-2020-09-01", "--treaty", Write("chain.toml", chain), "--json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  std::map<std::string, int64_t> counts;
  const Json report = *ParseJson(r.out, "stdout");
  for (const Json& l : report.at("limits"))
    counts[l.at("id").get<std::string>()] = l.at("count").get<int64_t>();
  EXPECT_GT(counts["first"], 0);
  EXPECT_EQ(counts["last"], counts["first"]);  // c40 holds exactly the silos
}

TEST_F(InputLimitsTest, DeepDottedTomlKeysAreRefused) {
  std::string key = "a";
  for (int i = 0; i < 300'000; ++i) key += ".a";
  const std::string path = Write("dotted.toml", std::string(kTreatyHead) + key + " = 1\n");
  Result r = Verity({"check", "us-2020-09-01", "--treaty", path});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_EQ(r.err, "verity: " + path +
                       ": line 3, column 514: more than 256 '.' on one line outside strings (the "
                       "limit on dotted keys)\n");
}

TEST_F(InputLimitsTest, CountAmplificationIsRefusedNamingTheGroup) {
  const std::string path =
      Write("count.json", std::string(kDeclarationHead) +
                              R"( "items": [{"uid": "S", "type": "silo", "facility": "base",
                                             "count": 10000000}]})");
  ExpectRefused({"check", path},
                path +
                    ": items[0]: a group of 10000000 brings the declaration to 10000000 "
                    "items, more than the limit of 100000");
}

TEST_F(InputLimitsTest, FoldersDevicesFifosAndHugeFilesAreRefused) {
  ExpectRefused({"check", dir_.path().string()},
                dir_.path().string() + ": is a folder, not a file");
  ExpectRefused({"check", "/dev/zero"}, "/dev/zero: not a regular file (a device, FIFO or socket)");
  const std::string fifo = dir_.Path("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ExpectRefused({"check", fifo}, fifo + ": not a regular file (a device, FIFO or socket)");
  ExpectRefused({"check", "us-2020-09-01", "--treaty", "/dev/zero"},
                "/dev/zero: not a regular file (a device, FIFO or socket)");
  const std::string big = Write("big.json", "");
  fs::resize_file(big, limits::kMaxInputFileBytes + 1);
  ExpectRefused({"check", big}, big + ": " + std::to_string(limits::kMaxInputFileBytes + 1) +
                                    " bytes, more than the limit of " +
                                    std::to_string(limits::kMaxInputFileBytes) + " bytes");
  const std::string items =
      Write("zero.json", std::string(kDeclarationHead) + R"( "items_csv": "/dev/zero"})");
  ExpectRefused({"check", items},
                items + ": items_csv: /dev/zero: not a regular file (a device, FIFO or socket)");
}

TEST_F(InputLimitsTest, StandardInputIsReadOnlyUpToTheLimit) {
  Result r = Binary("check - < /dev/zero");
  EXPECT_EQ(r.code, kExitBadInput) << r.err;
  EXPECT_EQ(r.err, "verity: standard input: more than the limit of " +
                       std::to_string(limits::kMaxInputFileBytes) + " bytes\n");
}

TEST_F(InputLimitsTest, VersionAndExitCodesAreDocumented) {
  Result v = Binary("--version");
  EXPECT_EQ(v.code, kExitOk) << v.err;
  EXPECT_EQ(v.out, std::string("verity ") + VERITY_VERSION + "\n");
  Result help = Verity({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  for (int code : {kExitOk, kExitViolation, kExitBadInput, kExitInternal}) {
    EXPECT_NE(help.out.find("\n  " + std::to_string(code) + "  "), std::string::npos) << code;
  }
  EXPECT_NE(help.out.find("--version"), std::string::npos);
}

}  // namespace
}  // namespace verity::cli
