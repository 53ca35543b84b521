// String ops used by savers: OpDefs as TF's core/ops/string_ops.cc.
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// Scalars broadcast; all non-scalar inputs must agree.
Status StringJoinShape(InferenceContext* c) {
  PartialTensorShape out({});
  bool all_scalar = true;
  for (int i = 0; i < c->num_inputs(); ++i) {
    const PartialTensorShape& s = c->input(i);
    if (s.dims() == 0) continue;
    if (all_scalar) {
      out = s;
      all_scalar = false;
    } else {
      TFP_RETURN_IF_ERROR(InferenceContext::Merge(out, s, &out));
    }
  }
  c->set_output(0, out);
  return OkStatus();
}

}  // namespace

void RegisterStringOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("StringJoin")
                   .Input("inputs: N * string")
                   .Attr("N: int >= 0")
                   .Attr("separator: string = ''")
                   .Output("output: string")
                   .SetShapeFn(StringJoinShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("StaticRegexFullMatch")
                   .Input("input: string")
                   .Attr("pattern: string")
                   .Output("output: bool")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("EncodeBase64")
                   .Input("input: string")
                   .Output("output: string")
                   .Attr("pad: bool = false")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DecodeBase64")
                   .Input("input: string")
                   .Output("output: string")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("StringLength")
                   .Input("input: string")
                   .Output("output: int32")
                   .Attr("unit: {'BYTE', 'UTF8_CHAR'} = 'BYTE'")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("StringToHashBucketFast")
                   .Input("input: string")
                   .Output("output: int64")
                   .Attr("num_buckets: int >= 1")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
}

}  // namespace tfpersist
