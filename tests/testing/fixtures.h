// Access to ../shared (TF-written fixtures and bench models) from tests.
// Tests that need it call TFP_REQUIRE_SHARED() first: it skips the test with
// a clear message when the shared folder is absent.
#ifndef TFPERSIST_TESTS_TESTING_FIXTURES_H_
#define TFPERSIST_TESTS_TESTING_FIXTURES_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tfpersist::testing {

// The shared/ folder: $TFP_SHARED_DIR, else the compiled-in default. Empty
// if it does not exist.
std::string SharedDir();
// SharedDir()/fixtures/tf/<name> (no existence check).
std::string FixtureDir(const std::string& name);
// Names of all fixture folders under fixtures/tf, sorted.
std::vector<std::string> FixtureNames();
// Every regular file under fixtures/tf whose name ends with `suffix`,
// as absolute paths, sorted.
std::vector<std::string> FixtureFilesWithSuffix(const std::string& suffix);
// A fresh empty directory under the test temp dir, removed at exit.
std::string NewTempDir(const std::string& tag);

}  // namespace tfpersist::testing

#define TFP_REQUIRE_SHARED()                                            \
  if (::tfpersist::testing::SharedDir().empty())                        \
  GTEST_SKIP() << "../shared (TF fixtures) is absent; set TFP_SHARED_DIR " \
                  "to run this conformance test"

#endif  // TFPERSIST_TESTS_TESTING_FIXTURES_H_
