#include "runtime/kernels/nn/window_attrs.h"

#include <string>

namespace tfpersist {
namespace {

// A 4-entry NHWC list whose batch and depth entries must equal `unit`.
Status CheckNhwcList(const std::vector<int64_t>& v, const char* field,
                     const char* what, int64_t unit) {
  if (v.size() != 4) {
    return errors::InvalidArgument("Sliding window ", field,
                                   " field must specify 4 dimensions");
  }
  if (v[0] != unit || v[3] != unit) {
    return errors::Unimplemented(
        "Current implementation does not yet "
        "support ",
        what, " in the batch and depth dimensions.");
  }
  return OkStatus();
}

Status CheckExplicitPaddings(const WindowAttrs& a) {
  if (a.padding != reference::Padding::kExplicit) {
    if (!a.explicit_paddings.empty()) {
      return errors::InvalidArgument(
          "explicit_paddings attribute must be empty if the padding "
          "attribute is not EXPLICIT");
    }
    return OkStatus();
  }
  if (a.explicit_paddings.size() != 8) {
    return errors::InvalidArgument(
        "explicit_paddings attribute must contain 8 values, but got: ",
        a.explicit_paddings.size());
  }
  for (int64_t p : a.explicit_paddings) {
    if (p < 0) {
      return errors::InvalidArgument(
          "All elements of explicit_paddings must be nonnegative");
    }
  }
  const auto& p = a.explicit_paddings;
  if (p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) {
    return errors::Unimplemented(
        "Nonzero explicit padding in the batch or depth dimensions is not "
        "supported");
  }
  return OkStatus();
}

}  // namespace

Status ParseWindowAttrs(const OpKernelConstruction* c,
                        const WindowAttrSpec& spec, WindowAttrs* a) {
  std::string format = "NHWC";
  if (c->HasAttr("data_format")) {
    TFP_RETURN_IF_ERROR(c->GetAttr("data_format", &format));
  }
  if (format != "NHWC") {
    return errors::Unimplemented("The ", c->type_string(),
                                 " op currently only supports the NHWC tensor "
                                 "format on the CPU. The op was given the "
                                 "format: ",
                                 format);
  }
  TFP_RETURN_IF_ERROR(c->GetAttr("strides", &a->strides));
  TFP_RETURN_IF_ERROR(CheckNhwcList(a->strides, "strides", "strides", 1));
  a->dilations = {1, 1, 1, 1};
  if (spec.has_dilations) {
    TFP_RETURN_IF_ERROR(c->GetAttr("dilations", &a->dilations));
    TFP_RETURN_IF_ERROR(
        CheckNhwcList(a->dilations, "dilations", "dilations", 1));
    if (a->dilations[1] < 1 || a->dilations[2] < 1) {
      return errors::InvalidArgument("Dilated rates should be larger than 0.");
    }
  }
  if (spec.has_ksize) {
    TFP_RETURN_IF_ERROR(c->GetAttr("ksize", &a->ksize));
    TFP_RETURN_IF_ERROR(CheckNhwcList(a->ksize, "ksize", "pooling", 1));
    if (a->ksize[1] < 1 || a->ksize[2] < 1) {
      return errors::InvalidArgument("Sliding window ksize must be positive.");
    }
  }
  std::string padding;
  TFP_RETURN_IF_ERROR(c->GetAttr("padding", &padding));
  TFP_ASSIGN_OR_RETURN(a->padding, reference::ParsePadding(padding));
  if (spec.has_explicit_paddings) {
    TFP_RETURN_IF_ERROR(c->GetAttr("explicit_paddings", &a->explicit_paddings));
  }
  return CheckExplicitPaddings(*a);
}

Status Require4D(const Tensor& t, const char* what) {
  if (t.dims() != 4) {
    return errors::InvalidArgument(
        what, " must be 4-dimensional: ", t.shape().DebugString());
  }
  return OkStatus();
}

StatusOr<reference::ConvGeometry> MakeGeometry(const WindowAttrs& a,
                                               const TensorShape& input,
                                               int64_t filter_h,
                                               int64_t filter_w) {
  const bool expl = a.padding == reference::Padding::kExplicit;
  const auto& p = a.explicit_paddings;
  TFP_ASSIGN_OR_RETURN(
      reference::WindowDim h,
      reference::ComputeWindow(input.dim_size(1), filter_h, a.strides[1],
                               a.dilations[1], a.padding, expl ? p[2] : 0,
                               expl ? p[3] : 0));
  TFP_ASSIGN_OR_RETURN(
      reference::WindowDim w,
      reference::ComputeWindow(input.dim_size(2), filter_w, a.strides[2],
                               a.dilations[2], a.padding, expl ? p[4] : 0,
                               expl ? p[5] : 0));
  reference::ConvGeometry g;
  g.batch = input.dim_size(0);
  g.in_h = input.dim_size(1);
  g.in_w = input.dim_size(2);
  g.in_c = input.dim_size(3);
  g.filter_h = filter_h;
  g.filter_w = filter_w;
  g.out_h = h.out;
  g.out_w = w.out;
  g.stride_h = a.strides[1];
  g.stride_w = a.strides[2];
  g.dilation_h = a.dilations[1];
  g.dilation_w = a.dilations[2];
  g.pad_top = h.pad_before;
  g.pad_left = w.pad_before;
  return g;
}

StatusOr<TensorShape> OutputShape(const reference::ConvGeometry& g,
                                  int64_t depth) {
  return TensorShape::Build(
      std::vector<int64_t>{g.batch, g.out_h, g.out_w, depth});
}

}  // namespace tfpersist
