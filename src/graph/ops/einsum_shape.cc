#include "graph/ops/einsum_shape.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

StatusOr<std::vector<int>> ParseSubscript(std::string_view s,
                                          std::string_view equation) {
  std::vector<int> labels;
  bool ellipsis = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    if (s.substr(i, 3) == "...") {
      if (ellipsis) {
        return errors::InvalidArgument(
            "Found more than one ellipsis in "
            "einsum equation: ",
            equation);
      }
      ellipsis = true;
      labels.push_back(kEllipsisLabel);
      i += 2;
    } else if (std::isalpha(ch)) {
      labels.push_back(ch);
    } else if (ch != ' ') {
      return errors::InvalidArgument("Invalid character '", s.substr(i, 1),
                                     "' in einsum equation: ", equation);
    }
  }
  return labels;
}

// Merges `size` into the label's recorded size (-1 = unknown).
Status MergeLabel(int64_t size, int label, EinsumDims* dims) {
  int64_t& cur = dims->label_size[label];
  if (cur < 0 || size < 0 || cur == size) {
    if (size >= 0) cur = size;
    return OkStatus();
  }
  return errors::InvalidArgument("Expected dimension ", cur, " for label '",
                                 std::string(1, static_cast<char>(label)),
                                 "' but got dimension ", size);
}

// Broadcasts `dims` into `acc` (aligned at the end).
Status BroadcastInto(const std::vector<int64_t>& dims,
                     std::vector<int64_t>* acc) {
  if (dims.size() > acc->size())
    acc->insert(acc->begin(), dims.size() - acc->size(), 1);
  const size_t off = acc->size() - dims.size();
  for (size_t i = 0; i < dims.size(); ++i) {
    int64_t& a = (*acc)[off + i];
    const int64_t d = dims[i];
    if (a == 1 || a == d) {
      a = d;
    } else if (d == 1) {
      continue;
    } else if (a < 0 || d < 0) {
      a = -1;
    } else {
      return errors::InvalidArgument(
          "Einsum ellipsis dimensions cannot be broadcast: ", a, " vs. ", d);
    }
  }
  return OkStatus();
}

}  // namespace

StatusOr<EinsumEquation> ParseEinsumEquation(std::string_view equation,
                                             int num_inputs) {
  const size_t arrow = equation.find("->");
  if (arrow == std::string_view::npos ||
      equation.find("->", arrow + 2) != std::string_view::npos) {
    return errors::InvalidArgument(
        "Expecting exactly one '->' in einsum equation: ", equation);
  }
  const std::vector<std::string> parts =
      StrSplit(equation.substr(0, arrow), ',');
  if (parts.empty() || parts.size() > 2) {
    return errors::InvalidArgument(
        "Expecting 1 or 2 input subscripts in "
        "equation '",
        equation, "' but got: ", parts.size());
  }
  if (static_cast<int>(parts.size()) != num_inputs) {
    return errors::InvalidArgument("Expecting ", num_inputs,
                                   " input subscripts in equation '", equation,
                                   "' but got: ", parts.size());
  }
  EinsumEquation eq;
  for (const std::string& p : parts) {
    TFP_ASSIGN_OR_RETURN(std::vector<int> labels, ParseSubscript(p, equation));
    eq.inputs.push_back(std::move(labels));
  }
  TFP_ASSIGN_OR_RETURN(eq.output,
                       ParseSubscript(equation.substr(arrow + 2), equation));
  for (int label : eq.output) {
    if (std::count(eq.output.begin(), eq.output.end(), label) > 1) {
      return errors::InvalidArgument(
          "Output subscript contains repeated labels: ", equation);
    }
    bool found = false;
    for (const auto& in : eq.inputs) {
      found |= std::find(in.begin(), in.end(), label) != in.end();
    }
    if (!found) {
      return errors::InvalidArgument(
          "Output subscript contains a label not "
          "present in any input subscript: ",
          equation);
    }
  }
  return eq;
}

StatusOr<EinsumDims> ResolveEinsumDims(
    const EinsumEquation& eq, const std::vector<PartialTensorShape>& inputs) {
  EinsumDims dims;
  for (size_t i = 0; i < eq.inputs.size(); ++i) {
    const std::vector<int>& labels = eq.inputs[i];
    const PartialTensorShape& s = inputs[i];
    if (s.unknown_rank()) {
      dims.rank_unknown = true;
      continue;
    }
    const bool has_ellipsis =
        std::find(labels.begin(), labels.end(), kEllipsisLabel) != labels.end();
    const int named = static_cast<int>(labels.size()) - (has_ellipsis ? 1 : 0);
    if (has_ellipsis ? s.dims() < named : s.dims() != named) {
      return errors::InvalidArgument(
          "Input ", i, " to einsum has rank ", s.dims(),
          " which does not match its subscript with ", named, " labels");
    }
    const int ell_rank = s.dims() - named;
    int d = 0;
    for (int label : labels) {
      if (label == kEllipsisLabel) {
        std::vector<int64_t> e(s.dim_sizes().begin() + d,
                               s.dim_sizes().begin() + d + ell_rank);
        TFP_RETURN_IF_ERROR(BroadcastInto(e, &dims.ellipsis));
        d += ell_rank;
      } else {
        TFP_RETURN_IF_ERROR(MergeLabel(s.dim_size(d++), label, &dims));
      }
    }
  }
  return dims;
}

StatusOr<PartialTensorShape> EinsumOutputShape(
    std::string_view equation, const std::vector<PartialTensorShape>& inputs) {
  TFP_ASSIGN_OR_RETURN(
      EinsumEquation eq,
      ParseEinsumEquation(equation, static_cast<int>(inputs.size())));
  TFP_ASSIGN_OR_RETURN(EinsumDims dims, ResolveEinsumDims(eq, inputs));
  if (dims.rank_unknown) return PartialTensorShape();
  std::vector<int64_t> out;
  for (int label : eq.output) {
    if (label == kEllipsisLabel) {
      out.insert(out.end(), dims.ellipsis.begin(), dims.ellipsis.end());
    } else {
      out.push_back(dims.label_size[label]);
    }
  }
  return PartialTensorShape(out);
}

}  // namespace tfpersist
