// JSON helpers over nlohmann::json: parsing with a clear error, reading
// typed fields with their JSON path in every error, and the canonical
// encoding used for hashing and signatures.
//
// Canonical encoding (RFC 8785, JCS) with one documented restriction: only
// integral numbers are allowed (no floats), so number formatting is
// exact and identical everywhere. Object keys are sorted by code point
// (identical to JCS's UTF-16 order for the ASCII keys Verity uses), no
// insignificant whitespace, strings are UTF-8 with JCS escapes.
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

// Parses `text`. On a syntax error, InvalidArgument "<source>: line L,
// column C: <what>".
StatusOr<Json> ParseJson(std::string_view text, std::string_view source);

// The canonical encoding of `value`. InvalidArgument if it contains a
// non-integral number.
StatusOr<std::string> CanonicalJson(const Json& value);

// OK if every number in `value` is an integer; else InvalidArgument naming
// the first other one: "<path>.x[2]: 1.5 is not an integer (canonical JSON
// here holds integers only)".
Status CheckIntegral(const Json& value, std::string_view path);

// "items" + 17 -> "items[17]"; "items[17]" + "launcher" -> "items[17].launcher".
std::string JsonPathIndex(std::string_view base, size_t index);
std::string JsonPathField(std::string_view base, std::string_view key);

// Reads the fields of one JSON object; every error is InvalidArgument and
// names the field's path and what was expected.
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
