// Internal to the HTTP layer: the Beast parser it reads requests with, and
// the step from a parsed Beast message (or a parse error) to a Parsed.
#ifndef VERITY_HTTP_BEAST_REQUEST_H_
#define VERITY_HTTP_BEAST_REQUEST_H_

#include <boost/beast/http.hpp>
#include <string>

#include "http/request.h"

namespace verity::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Sets the parser's header and body limits.
void ConfigureParser(RequestParser& parser, const Limits& limits);

// The checked request of a parser that is done.
Parsed FromParser(RequestParser& parser, std::string peer, const Limits& limits);

// The failure to answer for a parse error (431, 413 or 400), worded without
// the library's text.
Parsed ParsedFromError(const boost::beast::error_code& ec, const Limits& limits);

}  // namespace verity::http

#endif  // VERITY_HTTP_BEAST_REQUEST_H_
