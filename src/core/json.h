// JSON helpers over nlohmann::json: parsing with a clear error, reading
// typed fields with their JSON path in every error, and the canonical
// encoding used for hashing and signatures.
//
// Parsing refuses what RFC 8259 leaves to the implementation: a key that
// appears twice in one object (RFC 8785 section 3.1 forbids it too),
// nesting deeper than limits::kMaxJsonDepth, and text that is not UTF-8.
//
// Canonical encoding: RFC 8785 (JCS) with one documented restriction:
// numbers must be integers (no floats), written exactly in decimal, so
// number formatting is identical everywhere. (JCS writes numbers as ES6
// doubles; the two agree for integers up to 2^53, and Verity's bodies hold
// none larger.) Object keys are sorted by their UTF-16 code units (JCS
// section 3.2.3), no insignificant whitespace, strings are UTF-8 with JCS
// escapes (\" \\ \b \t \n \f \r, \u00xx for other controls).
#ifndef VERITY_CORE_JSON_H_
#define VERITY_CORE_JSON_H_

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace verity {

using Json = nlohmann::json;

// Parses `text`, which must be UTF-8. Every error is InvalidArgument
// "<source>: line L, column C: <what>", where <what> is one of
//   "invalid UTF-8 (<reason>, byte 0xNN)",
//   "invalid JSON: <the parser's description>",
//   "nested deeper than the limit of 64 arrays and objects",
//   "<path>: duplicate key (a key may appear once in an object)".
// The parse never recurses, whatever the input.
StatusOr<Json> ParseJson(std::string_view text, std::string_view source);
StatusOr<Json> ParseJson(std::string_view text, std::string_view source, int max_depth);

// The canonical encoding of `value`. InvalidArgument if it holds a
// non-integral number, a string that is not UTF-8, or nesting deeper than
// limits::kMaxJsonDepth.
StatusOr<std::string> CanonicalJson(const Json& value);

// The order of RFC 8785 section 3.2.3: true if key `a` sorts before `b`
// when both are compared as UTF-16 code units. For a writer that emits
// members one by one (REQUIRES: both are UTF-8).
bool JcsKeyLess(std::string_view a, std::string_view b);

// OK if every number in `value` is an integer; else InvalidArgument naming
// the first other one: "<path>.x[2]: 1.5 is not an integer (canonical JSON
// here holds integers only)".
Status CheckIntegral(const Json& value, std::string_view path);

// "items" + 17 -> "items[17]"; "items[17]" + "launcher" -> "items[17].launcher".
// A key that is not a plain name (letters, digits, '_', '-', '.', up to 64
// bytes) is quoted and escaped: "items[17]" + "a b" -> "items[17].'a b'".
std::string JsonPathIndex(std::string_view base, size_t index);
std::string JsonPathField(std::string_view base, std::string_view key);

// Reads the fields of one JSON object; every error is InvalidArgument and
// names the field's path and what was expected. A member set to null is
// refused ("<path>: null is not allowed"), never read as absent; Has() is
// true for it.
class FieldReader {
 public:
  // `obj` must outlive the reader. If it is not an object, every accessor
  // fails with "<path>: expected an object".
  FieldReader(const Json& obj, std::string path);

  const std::string& path() const { return path_; }
  bool Has(std::string_view key) const;
  std::string PathOf(std::string_view key) const { return JsonPathField(path_, key); }

  StatusOr<std::string> String(std::string_view key) const;
  StatusOr<std::optional<std::string>> OptString(std::string_view key) const;
  StatusOr<int64_t> Int(std::string_view key, int64_t min, int64_t max) const;
  StatusOr<std::optional<int64_t>> OptInt(std::string_view key, int64_t min, int64_t max) const;
  StatusOr<bool> OptBool(std::string_view key, bool fallback) const;
  StatusOr<Date> DateField(std::string_view key) const;
  StatusOr<std::optional<Date>> OptDate(std::string_view key) const;
  // The member's value. NotFound-style InvalidArgument if missing.
  StatusOr<const Json*> Member(std::string_view key) const;
  // The member if it is an array (empty optional if absent).
  StatusOr<const Json*> OptArray(std::string_view key) const;

  // InvalidArgument naming the first key not in `known`.
  Status RejectUnknown(std::initializer_list<std::string_view> known) const;

 private:
  Status CheckObject() const;
  // The member `key`; nullptr if absent, null, or not an object.
  const Json* Find(std::string_view key) const;
  const Json& obj_;
  std::string path_;
};

// A name for a JSON value's type in error messages ("a string", "a number").
std::string JsonTypeName(const Json& v);

}  // namespace verity

#endif  // VERITY_CORE_JSON_H_
