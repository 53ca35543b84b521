// Naive Einsum (the oracle for kernels/math/einsum_op.cc): for every
// assignment of every label, out[output labels] += prod_i op_i[its labels].
// Labels are letters; repeated labels inside one operand take diagonals;
// labels absent from `output` are summed. No ellipsis (tests spell broadcast
// dims out). REQUIRES: each operand's dims match its labels' sizes.
// Thread-safety: pure function.
#ifndef TFPERSIST_RUNTIME_KERNELS_REFERENCE_EINSUM_H_
#define TFPERSIST_RUNTIME_KERNELS_REFERENCE_EINSUM_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tfpersist::reference {

inline std::vector<double> Einsum(
    const std::vector<std::vector<double>>& operands,
    const std::vector<std::string>& labels, const std::string& output,
    const std::map<char, int64_t>& sizes) {
  std::vector<char> all;
  for (const auto& [label, size] : sizes) all.push_back(label);
  std::map<char, int64_t> at;
  int64_t out_size = 1, total = 1;
  for (char c : output) out_size *= sizes.at(c);
  for (char c : all) total *= sizes.at(c);
  std::vector<double> out(out_size, 0.0);
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t rest = flat;
    for (size_t i = all.size(); i-- > 0;) {
      at[all[i]] = rest % sizes.at(all[i]);
      rest /= sizes.at(all[i]);
    }
    double prod = 1;
    for (size_t k = 0; k < operands.size(); ++k) {
      int64_t off = 0;
      for (char c : labels[k]) off = off * sizes.at(c) + at[c];
      prod *= operands[k][off];
    }
    int64_t o = 0;
    for (char c : output) o = o * sizes.at(c) + at[c];
    out[o] += prod;
  }
  return out;
}

}  // namespace tfpersist::reference

#endif  // TFPERSIST_RUNTIME_KERNELS_REFERENCE_EINSUM_H_
