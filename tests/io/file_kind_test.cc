#include "tfpersist/io/file_kind.h"

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::tfpersist::testing::FixtureDir;
using ::tfpersist::testing::StatusIs;

struct KindCase {
  const char* fixture;
  const char* file;  // relative to the fixture; "" = the fixture dir
  FileKind kind;
};

TEST(FileKindTest, EveryFixtureKindIsRecognized) {
  TFP_REQUIRE_SHARED();
  const KindCase cases[] = {
      {"ckpt-v2-mnist-fc-feed", "model.ckpt-1999.index", FileKind::kV2Index},
      {"ckpt-v2-mnist-fc-feed", "model.ckpt-1999.data-00000-of-00001",
       FileKind::kV2Data},
      {"ckpt-v2-mnist-fc-feed", "model.ckpt-1999.meta",
       FileKind::kMetaGraphDef},
      {"ckpt-v2-mnist-fc-feed", "checkpoint", FileKind::kCheckpointState},
      {"ckpt-v2-mnist-fc-feed", "", FileKind::kCheckpointDir},
      {"ckpt-v1-nxt-adam", "model.ckpt", FileKind::kV1Checkpoint},
      {"ckpt-v1-bad-half-plus-two", "export.meta", FileKind::kMetaGraphDef},
      {"frozen-mnist-fc-feed", "mnist.pb", FileKind::kGraphDef},
      {"graph-rust-addition", "model.pb", FileKind::kGraphDef},
      {"savedmodel-tf1-half-plus-two", "00000123", FileKind::kSavedModelDir},
      {"savedmodel-tf1-half-plus-two", "00000123/saved_model.pb",
       FileKind::kSavedModelFile},
      {"savedmodel-tf2-keras-dense", "saved_model.pb",
       FileKind::kSavedModelFile},
      {"savedmodel-tf1-half-plus-two", "", FileKind::kDirectory},
      {"ckpt-v2-sharded-tf2", "x_test.npy", FileKind::kNpy},
      {"ckpt-v2-sharded-tf2", "SOURCE.md", FileKind::kUnknown},
      {"ckpt-v2-sharded-tf2", "no-such-file", FileKind::kMissing},
  };
  for (const KindCase& c : cases) {
    const std::string path = JoinPath(FixtureDir(c.fixture), c.file);
    SCOPED_TRACE(path);
    EXPECT_EQ(FileKindName(DetectFileKind(Env::Default(), path)),
              FileKindName(c.kind));
  }
}

TEST(FileKindTest, CheckpointErrorsSayWhatWasGivenAndWhatExists) {
  TFP_REQUIRE_SHARED();
  Env* env = Env::Default();
  const std::string dir = FixtureDir("ckpt-v2-mnist-fc-feed");
  // A prefix that does not exist lists those that do.
  EXPECT_THAT(CheckpointReader::Open(env, JoinPath(dir, "model.ckpt")).status(),
              StatusIs(StatusCode::kNotFound,
                       AllOf(HasSubstr("no checkpoint at"),
                             HasSubstr("Checkpoints in '" + dir + "': '" +
                                       JoinPath(dir, "model.ckpt-1999") +
                                       "'"))));
  // The .index file itself: pass the prefix.
  EXPECT_THAT(
      CheckpointReader::Open(env, JoinPath(dir, "model.ckpt-1999.index"))
          .status(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("pass the prefix '" +
                         JoinPath(dir, "model.ckpt-1999") + "'")));
  // A frozen graph given as a checkpoint.
  const std::string pb = JoinPath(FixtureDir("frozen-mnist-fc-feed"), "mnist.pb");
  EXPECT_THAT(CheckpointReader::Open(env, pb).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("is not a checkpoint"),
                             HasSubstr("It is a GraphDef (.pb)"))));
  // A SavedModel directory points at its variables.
  const std::string sm =
      JoinPath(FixtureDir("savedmodel-tf1-half-plus-two"), "00000123");
  EXPECT_THAT(CheckpointReader::Open(env, sm).status(),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("its checkpoint is '" +
                                 JoinPath(sm, "variables/variables") + "'")));
}

TEST(FileKindTest, MissingKeySuggestsTheClosestKeys) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader,
      CheckpointReader::Open(
          Env::Default(),
          JoinPath(FixtureDir("ckpt-v2-mnist-fc-feed"), "model.ckpt-1999")));
  EXPECT_THAT(reader->GetTensor("hidden1/weight").status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("Closest keys: 'hidden1/weights'")));
}

}  // namespace
}  // namespace tfpersist
