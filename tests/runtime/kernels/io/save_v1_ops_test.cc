// Save / SaveSlices write V1 checkpoint files: read back by Restore /
// RestoreSlice (and the V1 reader), and byte-identical to a TF-written V1
// file when given the same tensors in the same order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/table/table.h"
#include "io/v1/tensor_slice_reader.h"
#include "tensorflow/core/util/saved_tensor_slice.pb.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::StatusIs;
using testing::TensorEq;

Tensor Strings(std::vector<std::string> v) { return Tensor::FromVector<tstring>(v); }

TEST(SaveOpTest, WritesTensorsRestoreReadsBack) {
  const std::string file = JoinPath(testing::NewTempDir("save_v1"), "model.ckpt");
  Tensor w = Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  Tensor step = Tensor::Scalar<int64_t>(9);
  Tensor words = Strings({"a", "bc"});
  Tensor flags = Tensor::FromVector<bool>({true, false, true});
  TFP_ASSERT_OK(KernelTester("Save")
                    .ScalarInput<tstring>(file)
                    .Input(Strings({"w", "step", "words", "flags"}))
                    .InputList({w, step, words, flags})
                    .Run()
                    .status());
  std::vector<std::pair<std::string, Tensor>> want = {
      {"w", w}, {"step", step}, {"words", words}, {"flags", flags}};
  for (const auto& [name, value] : want) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor got, KernelTester("Restore")
                                             .ScalarInput<tstring>(file)
                                             .ScalarInput<tstring>(name)
                                             .Attr("dt", value.dtype())
                                             .RunOutput());
    EXPECT_THAT(got, TensorEq(value)) << name;
  }
}

TEST(SaveSlicesOpTest, PartsAssembleIntoTheFullTensor) {
  const std::string file = JoinPath(testing::NewTempDir("save_v1"), "parts");
  TFP_ASSERT_OK(KernelTester("SaveSlices")
                    .ScalarInput<tstring>(file)
                    .Input(Strings({"emb", "emb"}))
                    .Input(Strings({"4 2 0,2:-", "4 2 2,2:-"}))
                    .InputList({Tensor::FromVector<double>({1, 2, 3, 4}, TensorShape({2, 2})),
                                Tensor::FromVector<double>({5, 6, 7, 8}, TensorShape({2, 2}))})
                    .Run()
                    .status());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor full, KernelTester("Restore")
                                            .ScalarInput<tstring>(file)
                                            .ScalarInput<tstring>("emb")
                                            .Attr("dt", DT_DOUBLE)
                                            .RunOutput());
  EXPECT_THAT(full, TensorEq(Tensor::FromVector<double>({1, 2, 3, 4, 5, 6, 7, 8},
                                                        TensorShape({4, 2}))));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor part, KernelTester("RestoreSlice")
                                            .ScalarInput<tstring>(file)
                                            .ScalarInput<tstring>("emb")
                                            .ScalarInput<tstring>("4 2 1,2:1,1")
                                            .Attr("dt", DT_DOUBLE)
                                            .RunOutput());
  EXPECT_THAT(part, TensorEq(Tensor::FromVector<double>({4, 6}, TensorShape({2, 1}))));
}

TEST(SaveOpTest, RejectsBadInputs) {
  const std::string file = JoinPath(testing::NewTempDir("save_v1"), "bad");
  EXPECT_THAT(KernelTester("Save")
                  .ScalarInput<tstring>(file)
                  .Input(Strings({"a"}))
                  .InputList({Tensor::Scalar<float>(1), Tensor::Scalar<float>(2)})
                  .Run()
                  .status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("Expected 2 tensor names")));
  EXPECT_THAT(KernelTester("SaveSlices")
                  .ScalarInput<tstring>(file)
                  .Input(Strings({"a"}))
                  .Input(Strings({"4 0,3"}))
                  .InputList({Tensor::FromVector<float>({1, 2})})
                  .Run()
                  .status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("does not match the shape")));
  EXPECT_THAT(KernelTester("Save")
                  .ScalarInput<tstring>(file)
                  .Input(Strings({"h"}))
                  .InputList({Tensor(DT_QINT16, TensorShape({1}))})
                  .Run()
                  .status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("cannot be saved")));
  EXPECT_FALSE(Env::Default()->FileExists(file).ok());
}

// The tensor names of a V1 file's metadata, in stored order.
std::vector<std::string> MetaOrder(const std::string& path) {
  std::vector<std::string> names;
  auto file = Env::Default()->NewRandomAccessFile(path);
  auto size = Env::Default()->GetFileSize(path);
  if (!file.ok() || !size.ok()) return names;
  auto table = table::Table::Open(file->get(), *size);
  if (!table.ok()) return names;
  auto it = (*table)->NewIterator();
  it->SeekToFirst();
  tensorflow::SavedTensorSlices sts;
  if (it->Valid() && it->key().empty() && sts.ParseFromString(std::string(it->value()))) {
    for (const auto& t : sts.meta().tensor()) names.push_back(t.name());
  }
  return names;
}

TEST(SaveOpTest, RewritesATfV1FileByteForByte) {
  TFP_REQUIRE_SHARED();
  const std::string tf_file = JoinPath(testing::FixtureDir("ckpt-v1-nxt-adam"), "model.ckpt");
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, v1::TensorSliceReader::Open(Env::Default(), tf_file));
  std::vector<std::string> names = MetaOrder(tf_file);
  ASSERT_EQ(names.size(), reader->tensors().size());
  std::vector<Tensor> values;
  for (const std::string& n : names) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, reader->GetTensor(n));
    values.push_back(t);
  }
  const std::string ours = JoinPath(testing::NewTempDir("save_v1"), "model.ckpt");
  TFP_ASSERT_OK(KernelTester("SaveSlices")
                    .ScalarInput<tstring>(ours)
                    .Input(Strings(names))
                    .Input(Strings(std::vector<std::string>(names.size(), "")))
                    .InputList(values)
                    .Run()
                    .status());
  TFP_ASSERT_OK_AND_ASSIGN(std::string want, ReadFileToString(Env::Default(), tf_file));
  TFP_ASSERT_OK_AND_ASSIGN(std::string got, ReadFileToString(Env::Default(), ours));
  EXPECT_EQ(got.size(), want.size());
  EXPECT_TRUE(got == want);
}

}  // namespace
}  // namespace tfpersist
