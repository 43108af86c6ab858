// Percent-decoding of the parts of a request target.
//
// UTF-8 validation and escaping are core's (core/text.h): every decoded part
// is checked with CheckUtf8, and request bytes quoted in a message go through
// EscapeBytes or Quote.
//
// Thread safety: pure functions.
#ifndef VERITY_HTTP_TEXT_H_
#define VERITY_HTTP_TEXT_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace verity::http {

// Decodes %HH escapes (and '+' as a space when `plus_is_space`, as in a
// query). InvalidArgument "<where>: bad percent-encoding at byte N" for a
// '%' not followed by two hex digits, and core's CheckUtf8 message
// ("<where>: invalid UTF-8 at byte N (FF): invalid byte") if the decoded
// bytes are not UTF-8. `where` names the part ("path", "query parameter 'x'").
StatusOr<std::string> PercentDecode(std::string_view text, bool plus_is_space,
                                    std::string_view where);

}  // namespace verity::http

#endif  // VERITY_HTTP_TEXT_H_
