// A small JSON reader for test expectations (e.g. the fixtures'
// expected_tensors.json). Numbers are kept as doubles; strings are UTF-8.
#ifndef TFPERSIST_TESTS_TESTING_JSON_H_
#define TFPERSIST_TESTS_TESTING_JSON_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/statusor.h"

namespace tfpersist::testing {

struct Json {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  // Member `key` of an object; a static null for anything missing.
  const Json& operator[](const std::string& key) const;
  bool is_null() const { return type == Type::kNull; }
};

// INVALID_ARGUMENT with the byte offset for malformed input.
StatusOr<Json> ParseJson(std::string_view text);

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TESTING_JSON_H_
