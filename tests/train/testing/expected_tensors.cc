#include "train/testing/expected_tensors.h"

#include "testing/json.h"
#include "testing/sha256.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/path.h"

namespace tfpersist::testing {

StatusOr<std::map<std::string, ExpectedCheckpoint>> LoadExpectedTensors(
    const std::string& fixture_dir) {
  TFP_ASSIGN_OR_RETURN(
      std::string text,
      ReadFileToString(Env::Default(),
                       JoinPath(fixture_dir, "expected_tensors.json")));
  TFP_ASSIGN_OR_RETURN(Json root, ParseJson(text));
  if (root.type != Json::Type::kObject) {
    return errors::InvalidArgument("expected_tensors.json: not an object");
  }
  std::map<std::string, ExpectedCheckpoint> result;
  for (const auto& [key, value] : root.object) {
    ExpectedCheckpoint& ckpt = result[key];
    ckpt.format = value["format"].string;
    for (const Json& t : value["tensors"].array) {
      ExpectedTensor et;
      et.name = t["name"].string;
      et.dtype = t["dtype"].string;
      et.sha256 = t["sha256"].string;
      for (const Json& d : t["shape"].array) {
        et.shape.push_back(static_cast<int64_t>(d.number));
      }
      ckpt.tensors.push_back(std::move(et));
    }
  }
  return result;
}

std::string TensorSha256(const Tensor& t) {
  if (t.dtype() != DT_STRING) return Sha256Hex(t.tensor_data());
  std::string bytes;
  for (const std::string& s : t.flat<tstring>()) {
    uint64_t n = s.size();
    for (int i = 0; i < 8; ++i)
      bytes.push_back(static_cast<char>(n >> (8 * i)));
    bytes += s;
  }
  return Sha256Hex(bytes);
}

}  // namespace tfpersist::testing
