// Text at the edge: UTF-8 validation where bytes enter, and escaping for
// error messages so that no message carries raw input bytes.
//
// Every reader checks its input with one of these before it interprets it:
// JSON (ParseJson), CSV (ParseCsv), TOML (ParseToml). The HTTP layer calls
// CheckUtf8 on each URL path segment, query key and value (after
// percent-decoding) and each header value it reads, before the bytes reach
// a message, a JSON string or a lookup; a failure is a 400.
//
// Well-formed UTF-8 is RFC 3629 / Unicode 15 table 3-7: no overlong forms,
// no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
//
// Thread safety: pure functions.
#ifndef VERITY_CORE_TEXT_H_
#define VERITY_CORE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace verity {

// The first ill-formed sequence in some bytes.
struct Utf8Error {
  size_t offset = 0;        // byte offset of the sequence's first byte
  std::string_view reason;  // e.g. "overlong encoding", "surrogate code point"
};

// std::nullopt if `bytes` is well-formed UTF-8, else where and why not.
std::optional<Utf8Error> FindInvalidUtf8(std::string_view bytes);

// OK, or InvalidArgument "<where>: invalid UTF-8 at byte N (0xNN): <reason>".
// For the server: `where` names the part ("query parameter 'as_of'",
// "header X-Party", "path"); the message never echoes the bytes themselves.
Status CheckUtf8(std::string_view bytes, std::string_view where);

// For documents: InvalidArgument "<source>: line L, column C: invalid UTF-8
// (<reason>, byte 0xNN)". Columns count bytes, from 1.
Status CheckUtf8Text(std::string_view text, std::string_view source);

// 1-based line and byte column of byte offset `pos` in `text`.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t pos);

// `bytes` made printable for quoting in a message: printable ASCII stays,
// a backslash becomes "\\", tab/newline/CR "\t" "\n" "\r", every other
// control byte (C0, DEL), the bytes of a C1 control (U+0080..U+009F) and
// every byte of an ill-formed sequence become "\xNN"; other well-formed
// UTF-8 stays as it is. Input past `max_bytes` is cut at a character
// boundary and marked with "...".
std::string EscapeBytes(std::string_view bytes, size_t max_bytes = SIZE_MAX);

// "'" + EscapeBytes(bytes) + "'", keeping at most `max_bytes` of the input
// (cut at a character boundary, then "...").
std::string Quote(std::string_view bytes, size_t max_bytes = 80);

// `message` with every ill-formed UTF-8 byte and every control character
// except newline and tab replaced by "\xNN" (a backslash is kept as it
// is). Unchanged when already clean. Every Status message passes through
// this, so a message is always valid UTF-8 and safe for a terminal, a log
// line or a JSON string.
std::string CleanMessage(std::string message);

}  // namespace verity

#endif  // VERITY_CORE_TEXT_H_
