#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kam {

// What kind of failure an Error is; the server maps these to HTTP statuses, the CLI to
// exit codes. Expected failures travel as values; exceptions are for broken invariants.
enum class ErrorCode {
  kInvalid,          // input rejected by validation
  kNotFound,         // no such record
  kConflict,         // stale version, duplicate key
  kUnauthenticated,  // not signed in, or wrong credentials
  kForbidden,        // signed in, but not allowed
  kRateLimited,      // too many attempts; try again later
  kIo,               // the database or file system failed
  kInternal,         // a bug: an invariant did not hold
};

// One problem, naming the field it is about (empty when it concerns the whole request).
// The message is written for the user and reaches them unchanged.
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;   // every field problem found, not only the first
  int64_t retry_after_seconds = 0;  // kRateLimited: how long to wait before trying again

  static Error invalid(std::vector<FieldError> problems);
  static Error invalid(std::string field, std::string message);
  static Error not_found(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error conflict(std::string message) {
    return {ErrorCode::kConflict, std::move(message), {}};
  }
  static Error io(std::string message) { return {ErrorCode::kIo, std::move(message), {}}; }
  static Error unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message), {}};
  }
  static Error forbidden(std::string message) {
    return {ErrorCode::kForbidden, std::move(message), {}};
  }
  static Error rate_limited(std::string message) {
    return {ErrorCode::kRateLimited, std::move(message), {}};
  }
  static Error internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
  }

  // "field: message; field: message" or the message alone.
  std::string describe() const;
};

// Either a T or an Error. Deliberately small: ok(), value(), error(), and nothing clever.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  // The value, or `fallback` on error: for stored data already validated when written.
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// The outcome of an operation with no value.
// A success holds no Error, so that making, moving and assigning one costs next to nothing:
// row decoding passes one per column.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status success() { return {}; }

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(error_);
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace kam

// Returns early from the enclosing function when `expr` (a Status) failed.
#define KAM_RETURN_IF_ERROR(expr)                                            \
  do {                                                                       \
    if (auto kam_status_ = (expr); !kam_status_) return kam_status_.error(); \
  } while (false)
