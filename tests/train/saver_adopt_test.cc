// Restores and initializers where the variable adopts the buffer its value
// was produced in (RestoreV2 / Fill output forwarded to Assign, issue 14):
// values, TF's validation errors and data-loss reports stay as before, and
// values the caller can still see (feeds, fetches) are copied, not adopted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::StatusIs;

constexpr int64_t kBig = int64_t{1} << 20;  // floats: 4 MiB

// 0.25 * i for i in [0, n): exact in float for these n.
Tensor Ramp(int64_t n) {
  Tensor t(DT_FLOAT, TensorShape({n}));
  for (int64_t i = 0; i < n; ++i) t.data<float>()[i] = 0.25f * float(i);
  return t;
}

struct Model {
  Graph graph;
  GraphBuilder b{&graph};
  std::unique_ptr<Saver> saver;
  std::unique_ptr<Session> session;
};

// One float variable "big" of `n` elements initialised from `init`.
std::unique_ptr<Model> BuildModel(const Tensor& init) {
  auto m = std::make_unique<Model>();
  Variable(m->b, init, "big");
  GlobalVariablesInitializer(m->b);
  m->saver = std::move(Saver::Create(m->b)).value();
  m->session = std::move(Session::Create(m->graph.ToGraphDef())).value();
  return m;
}

Tensor Fetch(Session* session, const std::string& name) {
  std::vector<Tensor> out;
  EXPECT_THAT(session->Run({}, {name}, {}, &out), testing::IsOk());
  return out.empty() ? Tensor() : out[0];
}

class SaverAdoptTest : public ::testing::Test {
 protected:
  // Saves "big" = Ramp(kBig); returns the checkpoint prefix.
  std::string SaveBig() {
    auto m = BuildModel(Ramp(kBig));
    EXPECT_THAT(m->session->Run({}, {}, {"init"}, nullptr), testing::IsOk());
    auto path = m->saver->Save(m->session.get(), JoinPath(dir_, "m.ckpt"));
    EXPECT_THAT(path.status(), testing::IsOk());
    return path.ok() ? *path : "";
  }
  std::string dir_ = testing::NewTempDir("saver_adopt");
};

TEST_F(SaverAdoptTest, RestoredLargeVariableHasTheSavedValues) {
  const std::string path = SaveBig();
  auto m = BuildModel(Tensor::Zeros(DT_FLOAT, TensorShape({kBig})));
  ASSERT_THAT(m->saver->Restore(m->session.get(), path), testing::IsOk());
  const Tensor got = Fetch(m->session.get(), "big:0");
  ASSERT_EQ(got.NumElements(), kBig);
  for (int64_t i = 0; i < kBig; i += 4099) {
    ASSERT_EQ(got.data<float>()[i], 0.25f * float(i)) << i;
  }
  EXPECT_EQ(got.data<float>()[kBig - 1], 0.25f * float(kBig - 1));
}

TEST_F(SaverAdoptTest, WrongShapeStillNamesTheVariableAndBothShapes) {
  const std::string path = SaveBig();
  auto m = BuildModel(Tensor::Zeros(DT_FLOAT, TensorShape({kBig - 1})));
  EXPECT_THAT(m->saver->Restore(m->session.get(), path),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("'big'"), HasSubstr("[1048576]"),
                             HasSubstr("[1048575]"))));
}

TEST_F(SaverAdoptTest, CorruptedLargeTensorIsDataLossNamingIt) {
  const std::string path = SaveBig();
  {
    std::fstream f(path + ".data-00000-of-00001",
                   std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(3 * kBig / 2);  // inside "big", past the first MiB
    f.put('\x7f');
  }
  auto m = BuildModel(Tensor::Zeros(DT_FLOAT, TensorShape({kBig})));
  EXPECT_THAT(m->saver->Restore(m->session.get(), path),
              StatusIs(StatusCode::kDataLoss, HasSubstr("big")));
}

TEST_F(SaverAdoptTest, FillInitializerGivesTheFilledValue) {
  auto m = std::make_unique<Model>();
  Output dims = Constant(m->b, Tensor::FromVector<int64_t>({kBig}));
  Output value = Constant(m->b, Tensor::Scalar<float>(1.5f));
  Variable(m->b, Fill(m->b, dims, value), "filled");
  GlobalVariablesInitializer(m->b);
  auto session = std::move(Session::Create(m->graph.ToGraphDef())).value();
  // Fetching the Fill output too: it is then not adopted, both stay right.
  std::vector<Tensor> out;
  ASSERT_THAT(session->Run({}, {"Fill:0"}, {"init"}, &out), testing::IsOk());
  const Tensor var = Fetch(session.get(), "filled:0");
  ASSERT_EQ(var.NumElements(), kBig);
  EXPECT_EQ(var.data<float>()[0], 1.5f);
  EXPECT_EQ(var.data<float>()[kBig - 1], 1.5f);
  EXPECT_FALSE(var.SharesBufferWith(out[0]));
  ASSERT_THAT(session->Run({}, {}, {"init"}, nullptr), testing::IsOk());
  EXPECT_EQ(Fetch(session.get(), "filled:0").data<float>()[kBig / 2], 1.5f);
}

TEST_F(SaverAdoptTest, FedValueIsCopiedNotAdopted) {
  auto m = BuildModel(Tensor::Zeros(DT_FLOAT, TensorShape({4})));
  Tensor fed = Tensor::FromVector<float>({1, 2, 3, 4});
  ASSERT_THAT(m->session->Run({{"big/initial_value:0", fed}}, {},
                              {"big/Assign"}, nullptr),
              testing::IsOk());
  fed.data<float>()[0] = 99;  // the caller still owns its tensor
  const Tensor got = Fetch(m->session.get(), "big:0");
  EXPECT_EQ(got.data<float>()[0], 1.0f);
  EXPECT_EQ(got.data<float>()[3], 4.0f);
}

}  // namespace
}  // namespace tfpersist
