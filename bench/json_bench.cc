// The JSON edge against the library it wraps, in the same run:
//   BM_ParseJson        ParseJson (UTF-8 check, depth and duplicate-key limits, SAX builder)
//   BM_NlohmannParse    nlohmann::json::parse, the baseline it replaced
//   BM_CanonicalJson    CanonicalJson (RFC 8785 key order, its own writer)
//   BM_NlohmannDump     nlohmann's dump(), the baseline it replaced (UTF-8 byte order)
// on a shipped declaration (39 KB) and a notification-sized document.
#include <benchmark/benchmark.h>

#include <string>

#include "core/json.h"
#include "core/resources.h"

namespace verity {
namespace {

const std::string& Document(int which) {
  static const std::string declaration(*EmbeddedFile("declarations/us-2020-09-01.json"));
  static const std::string notification =
      R"({"format":1,"party":"US","serial":1234,"type":"movement","occurred":"2012-03-01",)"
      R"("sent":"2012-03-02T10:00:00Z","key_id":"0123456789abcdef",)"
      R"("body":{"uid":"B52-1","from":"minot-air","to":"barksdale"},)"
      R"("signature":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"})";
  return which == 0 ? declaration : notification;
}

void BM_ParseJson(benchmark::State& state) {
  const std::string& text = Document(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(ParseJson(text, "bench"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseJson)->Arg(0)->Arg(1);

void BM_NlohmannParse(benchmark::State& state) {
  const std::string& text = Document(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Json::parse(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NlohmannParse)->Arg(0)->Arg(1);

void BM_CanonicalJson(benchmark::State& state) {
  const Json doc = Json::parse(Document(static_cast<int>(state.range(0))));
  for (auto _ : state) benchmark::DoNotOptimize(CanonicalJson(doc));
}
BENCHMARK(BM_CanonicalJson)->Arg(0)->Arg(1);

void BM_NlohmannDump(benchmark::State& state) {
  const Json doc = Json::parse(Document(static_cast<int>(state.range(0))));
  for (auto _ : state) benchmark::DoNotOptimize(doc.dump());
}
BENCHMARK(BM_NlohmannDump)->Arg(0)->Arg(1);

}  // namespace
}  // namespace verity

BENCHMARK_MAIN();
