// NonMaxSuppressionV2..V5 (greedy IoU suppression; V5 adds Gaussian soft
// NMS), as TF's non_max_suppression_op.cc: candidates with score >
// score_threshold are taken best first (ties: lower index first); a
// candidate whose IoU with an already selected box exceeds iou_threshold
// is dropped; with soft_nms_sigma > 0 its score is instead multiplied by
// exp(-0.5 * iou^2 / sigma) and it re-enters the queue while above the
// threshold. Boxes are [y1, x1, y2, x2] with corners in either order.
// T = float or half (computed in float).
#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/image/image_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

float Iou(const float* a, const float* b) {
  const float ay0 = std::min(a[0], a[2]), ay1 = std::max(a[0], a[2]);
  const float ax0 = std::min(a[1], a[3]), ax1 = std::max(a[1], a[3]);
  const float by0 = std::min(b[0], b[2]), by1 = std::max(b[0], b[2]);
  const float bx0 = std::min(b[1], b[3]), bx1 = std::max(b[1], b[3]);
  const float area_a = (ay1 - ay0) * (ax1 - ax0);
  const float area_b = (by1 - by0) * (bx1 - bx0);
  if (area_a <= 0 || area_b <= 0) return 0.0f;
  const float iy = std::max(std::min(ay1, by1) - std::max(ay0, by0), 0.0f);
  const float ix = std::max(std::min(ax1, bx1) - std::max(ax0, bx0), 0.0f);
  const float inter = iy * ix;
  return inter / (area_a + area_b - inter);
}

struct Candidate {
  int index;
  float score;
  int suppress_begin;
};

struct Selection {
  std::vector<int> indices;
  std::vector<float> scores;
};

Selection Suppress(const std::vector<float>& boxes,
                   const std::vector<float>& scores, int max_out, float iou_t,
                   float score_t, float sigma) {
  auto worse = [](const Candidate& a, const Candidate& b) {
    return a.score == b.score ? a.index > b.index : a.score < b.score;
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> q(
      worse);
  for (int i = 0; i < static_cast<int>(scores.size()); ++i) {
    if (scores[i] > score_t) q.push({i, scores[i], 0});
  }
  const bool soft = sigma > 0;
  const float scale = soft ? -0.5f / sigma : 0.0f;
  Selection sel;
  while (static_cast<int>(sel.indices.size()) < max_out && !q.empty()) {
    Candidate next = q.top();
    q.pop();
    const float original = next.score;
    bool hard = false;
    for (int j = static_cast<int>(sel.indices.size()) - 1;
         j >= next.suppress_begin; --j) {
      const float iou = Iou(&boxes[4 * next.index], &boxes[4 * sel.indices[j]]);
      const float w = std::exp(scale * iou * iou);
      next.score *= (soft || iou <= iou_t) ? w : 0.0f;
      if (!soft && iou > iou_t) {
        hard = true;
        break;
      }
      if (next.score <= score_t) break;
    }
    next.suppress_begin = static_cast<int>(sel.indices.size());
    if (hard) continue;
    if (next.score == original) {
      sel.indices.push_back(next.index);
      sel.scores.push_back(next.score);
    } else if (next.score > score_t) {
      q.push(next);
    }
  }
  return sel;
}

// Reads a scalar float/half input.
float ScalarOf(const Tensor& t) {
  return t.dtype() == DT_HALF
             ? static_cast<float>(reference::ToCompute(t.scalar<half>()))
             : t.scalar<float>();
}

std::vector<float> FloatsOf(const Tensor& t) {
  std::vector<float> v(t.NumElements());
  for (size_t i = 0; i < v.size(); ++i) {
    v[i] = t.dtype() == DT_HALF
               ? static_cast<float>(reference::ToCompute(t.flat<half>()[i]))
               : t.flat<float>()[i];
  }
  return v;
}

Status CheckInputs(OpKernelContext* ctx, int scalars) {
  const Tensor& boxes = ctx->input(0);
  const Tensor& scores = ctx->input(1);
  if (boxes.dims() != 2) {
    return errors::InvalidArgument("boxes must be 2-D",
                                   boxes.shape().DebugString());
  }
  if (boxes.dim_size(1) != 4) {
    return errors::InvalidArgument("boxes must have 4 columns");
  }
  if (scores.dims() != 1 || scores.dim_size(0) != boxes.dim_size(0)) {
    return errors::InvalidArgument("scores has incompatible shape");
  }
  if (ctx->input(2).dims() != 0) {
    return errors::InvalidArgument("max_output_size must be 0-D, got shape ",
                                   ctx->input(2).shape().DebugString());
  }
  for (int i = 3; i < 3 + scalars; ++i) {
    if (ctx->input(i).dims() != 0) {
      return errors::InvalidArgument("Input ", i, " must be 0-D, got shape ",
                                     ctx->input(i).shape().DebugString());
    }
  }
  if (ctx->input(2).scalar<int32_t>() < 0) {
    return errors::InvalidArgument("max_output_size must be non-negative");
  }
  const float iou = ScalarOf(ctx->input(3));
  if (!(iou >= 0 && iou <= 1)) {
    return errors::InvalidArgument("iou_threshold must be in [0, 1]");
  }
  return OkStatus();
}

// kVersion 2..5: V2 has no score threshold, V4/V5 may pad, V5 is soft.
template <int kVersion>
class NonMaxSuppressionOp : public OpKernel {
 public:
  explicit NonMaxSuppressionOp(OpKernelConstruction* c) : OpKernel(c) {
    if (kVersion >= 4)
      OP_REQUIRES_OK(c, c->GetAttr("pad_to_max_output_size", &pad_));
  }

  void Compute(OpKernelContext* ctx) override {
    constexpr int kScalars = kVersion == 2 ? 1 : kVersion == 5 ? 3 : 2;
    OP_REQUIRES_OK(ctx, CheckInputs(ctx, kScalars));
    const int max_out = ctx->input(2).scalar<int32_t>();
    const float score_t = kVersion == 2
                              ? -std::numeric_limits<float>::infinity()
                              : ScalarOf(ctx->input(4));
    const float sigma = kVersion == 5 ? ScalarOf(ctx->input(5)) : 0.0f;
    OP_REQUIRES(ctx, sigma >= 0,
                errors::InvalidArgument("soft_nms_sigma must be non-negative"));
    Selection sel = Suppress(FloatsOf(ctx->input(0)), FloatsOf(ctx->input(1)),
                             max_out, ScalarOf(ctx->input(3)), score_t, sigma);
    const int valid = static_cast<int>(sel.indices.size());
    const int64_t len = pad_ ? max_out : valid;
    OP_REQUIRES_ASSIGN(ctx, Tensor * idx,
                       ctx->allocate_output(0, TensorShape({len})));
    for (int64_t i = 0; i < len; ++i) {
      idx->flat<int32_t>()[i] = i < valid ? sel.indices[i] : 0;
    }
    if (kVersion == 5) {
      OP_REQUIRES_ASSIGN(ctx, Tensor * sc,
                         ctx->allocate_output(1, TensorShape({len})));
      for (int64_t i = 0; i < len; ++i) {
        const float s = i < valid ? sel.scores[i] : 0.0f;
        if (sc->dtype() == DT_HALF) {
          sc->flat<half>()[i] = reference::FromCompute<half>(s);
        } else {
          sc->flat<float>()[i] = s;
        }
      }
    }
    if (kVersion >= 4) {
      ctx->set_output(kVersion == 5 ? 2 : 1, Tensor::Scalar<int32_t>(valid));
    }
  }

 private:
  bool pad_ = false;
};

}  // namespace

void RegisterNonMaxSuppressionKernels(KernelRegistry* r) {
  r->Register<NonMaxSuppressionOp<2>>("NonMaxSuppressionV2");
  r->Register<NonMaxSuppressionOp<3>>("NonMaxSuppressionV3");
  r->Register<NonMaxSuppressionOp<4>>("NonMaxSuppressionV4");
  r->Register<NonMaxSuppressionOp<5>>("NonMaxSuppressionV5");
}

}  // namespace tfpersist
