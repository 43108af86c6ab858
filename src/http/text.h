// Text at the edge: UTF-8 validation, percent-decoding and escaping of bytes
// that came from a client.
//
// Thread safety: pure functions.
#ifndef VERITY_HTTP_TEXT_H_
#define VERITY_HTTP_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace verity::http {

// True if `text` is well-formed UTF-8 (RFC 3629: shortest form only, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The offset of the first byte that does not start a well-formed UTF-8
// sequence; nullopt if the whole text is well-formed.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// `text` fit to quote in a message: printable ASCII stays, every other byte
// becomes \xHH, and text past `max_bytes` is cut and marked with "...".
// The result is ASCII, whatever the input.
std::string EscapeBytes(std::string_view text, size_t max_bytes = 64);

// Decodes %HH escapes (and '+' as a space when `plus_is_space`, as in a
// query). InvalidArgument "<where>: bad percent-encoding" for a '%' not
// followed by two hex digits, "<where>: not valid UTF-8 (...)" if the
// decoded bytes are not UTF-8. `where` names the part ("path",
// "query parameter 'x'").
StatusOr<std::string> PercentDecode(std::string_view text, bool plus_is_space,
                                    std::string_view where);

// OK if `text` is UTF-8; InvalidArgument "<where>: not valid UTF-8 at byte N
// ('<escaped>')" otherwise.
Status CheckUtf8(std::string_view text, std::string_view where);

}  // namespace verity::http

#endif  // VERITY_HTTP_TEXT_H_
