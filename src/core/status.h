// Status and StatusOr: expected failures as values.
//
// A Status is either OK or carries one code from a small closed set and a
// human-readable message. Layers add context as an error crosses them with
// WithContext ("items[17]: ..."). StatusOr<T> holds either a value or a
// non-OK Status.
//
// Thread safety: values; safe to copy between threads.
#ifndef VERITY_CORE_STATUS_H_
#define VERITY_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace verity {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad input: the caller can fix it (CLI exit 2, HTTP 400/422)
  kNotFound,            // a named thing does not exist (HTTP 404)
  kAlreadyExists,       // a unique key is taken (HTTP 409)
  kFailedPrecondition,  // the system is not in a state to do this (HTTP 409)
  kPermissionDenied,    // the caller may not do this (HTTP 403)
  kUnauthenticated,     // the caller is not known (HTTP 401)
  kDataLoss,            // stored data is corrupt or was tampered with
  kInternal,            // a bug or an unexpected library failure
  kUnavailable,         // a resource (file, database) cannot be reached now
};

// Stable lower-case name of a code, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  // The message is kept as core/text.h's CleanMessage makes it: valid
  // UTF-8 without control characters but newline and tab, so no message
  // carries raw input bytes to a terminal, a log or a JSON string.
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message". OK stays OK.
  Status WithContext(std::string_view context) const;

  // "invalid_argument: message", or "ok".
  std::string ToString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }

// Either a T or a non-OK Status.
// REQUIRES: constructing from a Status only with a non-OK one.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(const Status& s) : v_(s) { assert(!s.ok()); }  // NOLINT: implicit by design
  StatusOr(Status&& s) : v_(std::move(s)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT
  StatusOr(const T& value) : v_(value) {}                                          // NOLINT
  StatusOr(T&& value) : v_(std::move(value)) {}                                    // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

  // REQUIRES: ok().
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace verity

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define VERITY_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::verity::Status verity_status_ = (expr);        \
    if (!verity_status_.ok()) return verity_status_; \
  } while (0)

#define VERITY_CONCAT_INNER_(a, b) a##b
#define VERITY_CONCAT_(a, b) VERITY_CONCAT_INNER_(a, b)

// Declares `lhs` from a StatusOr expression, returning its Status on error.
#define VERITY_ASSIGN_OR_RETURN(lhs, expr) \
  VERITY_ASSIGN_OR_RETURN_IMPL_(VERITY_CONCAT_(verity_or_, __LINE__), lhs, expr)
#define VERITY_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#endif  // VERITY_CORE_STATUS_H_
