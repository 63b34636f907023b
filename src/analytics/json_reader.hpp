#pragma once

#include <boost/json.hpp>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/money.hpp"

namespace kam::analytics {

// Reads typed values out of a settings document (rule sets, pipelines), collecting every
// problem with its path ("stages[2].probability") instead of stopping at the first, so that
// an administrator sees all of them at once.
class JsonReader {
 public:
  // `document` names the root in problems about it; `unknown_key` is the message for a key
  // the document does not have ("is not a rule").
  JsonReader(std::vector<FieldError>& problems, std::string document, std::string unknown_key)
      : problems_(problems), document_(std::move(document)), unknown_key_(std::move(unknown_key)) {}

  template <class Int>
  void integer(const boost::json::value& v, const std::string& path, Int& out) {
    if (!v.is_int64()) {
      fail(path, "must be a whole number");
    } else if (!std::in_range<Int>(v.as_int64())) {
      fail(path, "is out of range");
    } else {
      out = static_cast<Int>(v.as_int64());
    }
  }
  void text(const boost::json::value& v, const std::string& path, std::string& out) {
    if (v.is_string()) {
      out = std::string(v.as_string());
    } else {
      fail(path, "must be a string");
    }
  }
  void money(const boost::json::value& v, const std::string& path, Money& out) {
    if (!v.is_string()) {
      fail(path, "must be an amount in yuan as a string, e.g. \"5000000.00\"");
      return;
    }
    auto m = parse_money(std::string_view(v.as_string()), path);
    if (m) {
      out = *m;
    } else {
      problems_.push_back(m.error().fields.front());
    }
  }
  // Calls on_key(key, value) or on_key(key, key_path, value) for each member; a false
  // answer means the key is unknown.
  template <class F>
  void object(const boost::json::value& v, const std::string& path, F&& on_key) {
    if (!v.is_object()) {
      fail(path.empty() ? document_ : path, "must be an object");
      return;
    }
    for (const auto& [key, value] : v.as_object()) {
      const std::string k(key);
      const std::string key_path = path.empty() ? k : path + "." + k;
      bool known = false;
      if constexpr (std::is_invocable_v<F, const std::string&, const std::string&,
                                        const boost::json::value&>) {
        known = on_key(k, key_path, value);
      } else {
        known = on_key(k, value);
      }
      if (!known) fail(key_path, unknown_key_);
    }
  }
  template <class F>
  void array(const boost::json::value& v, const std::string& path, F&& on_item) {
    if (!v.is_array()) {
      fail(path, "must be an array");
      return;
    }
    size_t i = 0;
    for (const auto& item : v.as_array())
      on_item(item, path + "[" + std::to_string(i++) + "]");
  }
  void fail(const std::string& path, std::string message) {
    problems_.push_back({path, std::move(message)});
  }

 private:
  std::vector<FieldError>& problems_;
  std::string document_;
  std::string unknown_key_;
};

}  // namespace kam::analytics
