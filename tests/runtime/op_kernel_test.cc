#include "runtime/op_kernel.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

class NullKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext*) override {}
};

// A kernel for node "n" with the given runtime types.
struct KernelFixture {
  KernelFixture(std::vector<DataType> in, std::vector<DataType> out,
                bool allows_uninitialized = false) {
    def.set_name("n");
    def.set_op("Fake");
    for (size_t i = 0; i < in.size(); ++i)
      def.add_input("src" + std::to_string(i));
    (*def.mutable_attr())["big"] = MakeAttr(int64_t{1} << 40);
    (*def.mutable_attr())["small"] = MakeAttr(int64_t{7});
    op_def.set_allows_uninitialized_input(allows_uninitialized);
    OpKernelConstruction c(def, op_def, in, out, nullptr);
    construction_status = c.status();
    int32_t v = 0;
    big_status = c.GetAttr("big", &v);
    construction_status.Update(c.GetAttr("small", &small));
    kernel = std::make_unique<NullKernel>(&c);
  }
  tensorflow::NodeDef def;
  tensorflow::OpDef op_def;
  Status construction_status, big_status;
  int32_t small = 0;
  std::unique_ptr<OpKernel> kernel;
};

TEST(OpKernelConstructionTest, Int32AttrsAreRangeChecked) {
  KernelFixture f({}, {});
  TFP_EXPECT_OK(f.construction_status);
  EXPECT_EQ(f.small, 7);
  EXPECT_THAT(f.big_status, StatusIs(StatusCode::kInvalidArgument,
                                     HasSubstr("out of range for an int32")));
}

TEST(PrepareInputValueTest, RefToValueSnapshotsOrFails) {
  KernelFixture f({DT_FLOAT}, {});
  auto var = std::make_shared<Var>(DT_FLOAT);
  TensorValue v = TensorValue::OfRef(var);
  EXPECT_THAT(PrepareInputValue(*f.kernel, 0, &v),
              StatusIs(StatusCode::kFailedPrecondition,
                       "Attempting to use uninitialized value src0"));
  var->Set(Tensor::Scalar<float>(2));
  v = TensorValue::OfRef(var);
  TFP_ASSERT_OK(PrepareInputValue(*f.kernel, 0, &v));
  EXPECT_FALSE(v.is_ref());
  EXPECT_EQ(v.tensor.scalar<float>(), 2);
  TensorValue wrong = TensorValue::OfTensor(Tensor::Scalar<int32_t>(1));
  EXPECT_THAT(PrepareInputValue(*f.kernel, 0, &wrong),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("expects float but got int32 from 'src0'")));
}

TEST(PrepareInputValueTest, RefInputsNeedARef) {
  KernelFixture f({DT_FLOAT_REF}, {});
  TensorValue plain = TensorValue::OfTensor(Tensor::Scalar<float>(1));
  EXPECT_THAT(PrepareInputValue(*f.kernel, 0, &plain),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("expects float_ref but got float")));
  TensorValue ref = TensorValue::OfRef(std::make_shared<Var>(DT_FLOAT));
  TFP_EXPECT_OK(PrepareInputValue(*f.kernel, 0, &ref));
  EXPECT_TRUE(ref.is_ref());
}

TEST(PrepareInputValueTest, AllowsUninitializedForInitOps) {
  KernelFixture f({DT_FLOAT}, {}, /*allows_uninitialized=*/true);
  TensorValue v = TensorValue::OfRef(std::make_shared<Var>(DT_FLOAT));
  TFP_EXPECT_OK(PrepareInputValue(*f.kernel, 0, &v));
}

TEST(OpKernelContextTest, ValidateOutputsChecksKindAndDtype) {
  KernelFixture f({}, {DT_FLOAT, DT_INT32_REF});
  std::vector<TensorValue> inputs;
  OpKernelContext::Params p;
  p.op_kernel = f.kernel.get();
  p.inputs = &inputs;
  OpKernelContext ctx(&p);
  EXPECT_THAT(ctx.ValidateOutputs(false),
              StatusIs(StatusCode::kInternal,
                       HasSubstr("Missing 0-th output from node 'n'")));
  TFP_EXPECT_OK(ctx.ValidateOutputs(true));
  ctx.set_output(0, Tensor::Scalar<int32_t>(1));
  EXPECT_THAT(ctx.ValidateOutputs(true),
              StatusIs(StatusCode::kInternal,
                       HasSubstr("has type int32 but its declared type is "
                                 "float")));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor * t,
                           ctx.allocate_output(0, TensorShape({2})));
  EXPECT_EQ(t->dtype(), DT_FLOAT);
  ctx.set_output(1, Tensor::Scalar<int32_t>(1));
  EXPECT_THAT(ctx.ValidateOutputs(false),
              StatusIs(StatusCode::kInternal, HasSubstr("must be a ref")));
  ctx.set_output_ref(1, std::make_shared<Var>(DT_INT32));
  TFP_EXPECT_OK(ctx.ValidateOutputs(false));
}

TEST(OpKernelContextTest, SetStatusAttachesTheNodeOnce) {
  KernelFixture f({}, {});
  std::vector<TensorValue> inputs;
  OpKernelContext::Params p;
  p.op_kernel = f.kernel.get();
  p.inputs = &inputs;
  OpKernelContext ctx(&p);
  ctx.SetStatus(errors::InvalidArgument("bad"));
  ctx.SetStatus(errors::Internal("second"));
  EXPECT_THAT(ctx.status(),
              StatusIs(StatusCode::kInvalidArgument, "bad\n\t [[{{node n}}]]"));
  EXPECT_EQ(AttachNodeName(ctx.status(), "n"), ctx.status());
}

}  // namespace
}  // namespace tfpersist
