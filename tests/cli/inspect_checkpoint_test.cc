// Runs the built `tfpersist` binary and compares its output with text
// computed from CheckpointReader's values: by NumPy itself (the printer TF's
// tool uses) when a python3 with numpy is installed, and always by parsing
// the printed numbers back.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "cli/run_command.h"
#include "io/bundle/bundle_test_util.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::tfpersist::testing::CommandResult;

CommandResult Inspect(const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {TFP_CLI_BINARY, "inspect_checkpoint"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return testing::RunCommand(argv);
}

// The checkpoints of the fixtures (V2 prefixes and V1 files).
std::vector<std::string> FixtureCheckpoints() {
  return {"ckpt-v1-bad-half-plus-two/export",
          "ckpt-v1-nxt-adam/model.ckpt",
          "ckpt-v1-session-bundle-half-plus-two/export-00000-of-00001",
          "ckpt-v1-traffic-signs/model.ckpt",
          "ckpt-v2-estimator-wide-deep/model.ckpt-3760",
          "ckpt-v2-lenet-adam/lenet",
          "ckpt-v2-mnist-fc-feed/model.ckpt-1999",
          "ckpt-v2-mnist-mlp-ema/model.ckpt-29001",
          "ckpt-v2-sharded-tf2/model.ckpt",
          "ckpt-v2-tf2onnx-regression/model",
          "savedmodel-tf2-keras-multi-io/variables/variables"};
}

const char* NumpyDtype(DataType dtype) {
  switch (dtype) {
    case DT_FLOAT:
      return "<f4";
    case DT_DOUBLE:
      return "<f8";
    case DT_HALF:
      return "<f2";
    case DT_INT8:
      return "i1";
    case DT_UINT8:
      return "u1";
    case DT_INT16:
      return "<i2";
    case DT_UINT16:
      return "<u2";
    case DT_INT32:
      return "<i4";
    case DT_UINT32:
      return "<u4";
    case DT_INT64:
      return "<i8";
    case DT_UINT64:
      return "<u8";
    case DT_BOOL:
      return "?";
    case DT_COMPLEX64:
      return "<c8";
    case DT_COMPLEX128:
      return "<c16";
    case DT_STRING:
      return "bytes";
    default:
      return nullptr;
  }
}

// What `--all_tensors` prints for the reader's tensors, computed by NumPy;
// nullopt when no python3 with numpy is installed.
std::optional<std::string> NumpyAllTensors(const CheckpointReader& reader) {
  static const std::string python = testing::PythonWithNumpy();
  if (python.empty()) return std::nullopt;
  const std::string dir = testing::NewTempDir("oracle");
  std::ofstream manifest(dir + "/manifest");
  int i = 0;
  for (const std::string& name : reader.TensorNames()) {
    const Tensor t = reader.GetTensor(name).value();
    const std::string raw = StrCat(dir, "/", i++);
    EXPECT_TRUE(
        WriteStringToFile(Env::Default(), raw, testing::HashableBytes(t)).ok());
    EXPECT_NE(NumpyDtype(t.dtype()), nullptr) << name;
    manifest << name << "\t" << NumpyDtype(t.dtype()) << "\t"
             << StrJoin(t.shape().dim_sizes(), ",") << "\t" << raw << "\n";
  }
  manifest.close();
  CommandResult r = testing::RunCommand(
      {python, TFP_SOURCE_DIR "/tests/cli/numpy_oracle.py", dir + "/manifest"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// Independent of NumPy: the numbers printed for a float tensor are its
// values (to the printed precision), all of them or, past 1000 elements,
// exactly the 3 leading and trailing items of every long axis.
void ExpectFloatBlockMatches(const std::string& block, const Tensor& t) {
  std::string cleaned = block;
  for (char& c : cleaned) {
    if (c == '[' || c == ']') c = ' ';
  }
  std::istringstream words(cleaned);
  std::vector<double> printed;
  bool ellipsis = false;
  for (std::string w; words >> w;) {
    if (w == "...") {
      ellipsis = true;
      continue;
    }
    char* end = nullptr;
    printed.push_back(std::strtod(w.c_str(), &end));
    ASSERT_EQ(*end, '\0') << "not a number: " << w;
  }
  const bool summary = t.NumElements() > 1000;
  EXPECT_EQ(ellipsis, summary);
  int64_t expected_count = 1;
  for (int64_t d : t.shape().dim_sizes()) {
    expected_count *= summary && d > 6 ? 6 : d;
  }
  ASSERT_EQ(static_cast<int64_t>(printed.size()), expected_count);
  if (summary) return;
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    const double v = t.data<float>()[i];
    if (!std::isfinite(v)) {
      EXPECT_EQ(std::isnan(printed[i]), std::isnan(v)) << i;
      if (std::isinf(v)) EXPECT_EQ(printed[i], v) << i;
      continue;
    }
    EXPECT_NEAR(printed[i], v, 1e-7 * std::max(1.0, std::fabs(v))) << i;
  }
}

// Checks `--all_tensors` output against the reader: headers in name order,
// float blocks by value, and the whole text against NumPy when available.
void ExpectAllTensorsOutput(const CheckpointReader& reader,
                            const std::string& out) {
  std::vector<std::string> names = reader.TensorNames();
  size_t pos = 0;
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string header = "tensor_name:  " + names[k] + "\n";
    ASSERT_EQ(out.compare(pos, header.size(), header), 0) << names[k];
    pos += header.size();
    const size_t next =
        k + 1 < names.size()
            ? out.find("tensor_name:  " + names[k + 1] + "\n", pos)
            : out.size();
    ASSERT_NE(next, std::string::npos);
    const Tensor t = reader.GetTensor(names[k]).value();
    if (t.dtype() == DT_FLOAT) {
      SCOPED_TRACE(names[k]);
      ExpectFloatBlockMatches(out.substr(pos, next - pos), t);
    }
    pos = next;
  }
  std::optional<std::string> numpy = NumpyAllTensors(reader);
  if (numpy.has_value()) EXPECT_EQ(out, *numpy);
}

TEST(InspectCheckpointTest, AllTensorsOfEveryFixtureCheckpoint) {
  TFP_REQUIRE_SHARED();
  for (const std::string& ckpt : FixtureCheckpoints()) {
    SCOPED_TRACE(ckpt);
    const std::string path = testing::SharedDir() + "/fixtures/tf/" + ckpt;
    TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                             CheckpointReader::Open(Env::Default(), path));
    CommandResult r = Inspect({"--file_name=" + path, "--all_tensors"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    ExpectAllTensorsOutput(*reader, r.out);
  }
}

template <typename T, typename Gen>
Tensor Filled(const TensorShape& shape, Gen gen) {
  Tensor t(DataTypeToEnum<T>::value, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) t.data<T>()[i] = gen(i);
  return t;
}

// Tensors that exercise NumPy's layout rules: magnitudes that switch to
// scientific notation, nan/inf padding, line wrapping, summarization of
// long axes, every element kind and 0-d scalars.
std::map<std::string, Tensor> LayoutCases() {
  std::mt19937 rng(42);
  std::normal_distribution<float> normal;
  auto n = [&](float scale) {
    return [&, scale](int64_t) { return normal(rng) * scale; };
  };
  std::map<std::string, Tensor> c;
  c["f_small"] = Filled<float>(TensorShape({7, 5}), n(1));
  c["f_mixed"] = Filled<float>(TensorShape({2, 3, 4}), [&](int64_t i) {
    return normal(rng) * std::pow(10.f, static_cast<float>(i % 9) - 4);
  });
  c["f_ints"] = Filled<float>(TensorShape({3}), [](int64_t i) { return i; });
  c["f_nonfinite"] =
      Tensor::FromVector<float>({1.5f, NAN, INFINITY, -INFINITY, -2.f});
  c["f_wrap"] = Filled<float>(TensorShape({30}), n(100));
  c["f_summary_1d"] = Filled<float>(TensorShape({1200}), n(1));
  c["f_summary_2d"] = Filled<float>(TensorShape({40, 40}), n(3));
  c["f_summary_3d"] = Filled<float>(TensorShape({11, 11, 11}), n(1));
  c["f_summary_rows"] = Filled<float>(TensorShape({3, 400}), n(1));
  c["f_exact_digits"] = Tensor::FromVector<float>({1e-5f, 1.2345678f});
  c["f_big_ints"] = Tensor::FromVector<float>({69605056.f, 3.f, -0.f});
  c["f_scalar_big"] = Tensor::Scalar<float>(69605056.f);
  c["f_scalar"] = Tensor::Scalar<float>(0.1f);
  c["f_scalar_tiny"] = Tensor::Scalar<float>(1e-5f);
  c["d_values"] = Tensor::FromVector<double>({1.0 / 3, 2.5, -7.0});
  c["d_exp"] = Tensor::FromVector<double>({1e-5, 123456789.123, 0.0});
  c["d_scalar"] = Tensor::Scalar<double>(1e16);
  c["h_values"] = Filled<half>(
      TensorShape({2, 3}), [&](int64_t) { return FloatToHalf(normal(rng)); });
  c["i32"] = Tensor::FromVector<int32_t>({-5, 12345, 0, 7});
  c["i64_big"] = Tensor::FromVector<int64_t>({int64_t{1} << 62, -3});
  c["u8"] = Filled<uint8_t>(TensorShape({2, 20}),
                            [](int64_t i) { return i * 13 % 256; });
  c["i8_scalar"] = Tensor::Scalar<int8_t>(-7);
  c["b"] = Tensor::FromVector<bool>({true, false, true, true, false, false},
                                    TensorShape({2, 3}));
  c["b_scalar"] = Tensor::Scalar<bool>(true);
  c["s"] = testing::StringTensor(
      {"plain", "it's", "say \"hi\"", std::string("\0\x01\n\xff\\", 5)},
      TensorShape({2, 2}));
  c["s_scalar"] = Tensor::Scalar<tstring>("model");
  c["c64"] = Tensor::FromVector<complex64>({{1, 2}, {-0.5f, 0}, {3, -4.25f}});
  c["empty"] = Tensor(DT_FLOAT, TensorShape({0, 3}));
  return c;
}

TEST(InspectCheckpointTest, NumpyLayoutRulesOnSyntheticTensors) {
  const std::string prefix = testing::NewTempDir("layout") + "/m";
  BundleWriter writer(Env::Default(), prefix);
  for (const auto& [name, t] : LayoutCases()) writer.Add(name, t);
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           CheckpointReader::Open(Env::Default(), prefix));
  CommandResult r = Inspect({"--file_name=" + prefix, "--all_tensors"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAllTensorsOutput(*reader, r.out);
  for (const std::string& line : StrSplit(r.out, '\n')) {
    EXPECT_LE(line.size(), 75u) << line;  // NumPy's default line width.
  }
}

TEST(InspectCheckpointTest, DefaultPrintsTheDebugString) {
  TFP_REQUIRE_SHARED();
  for (const std::string& ckpt : FixtureCheckpoints()) {
    SCOPED_TRACE(ckpt);
    const std::string path = testing::SharedDir() + "/fixtures/tf/" + ckpt;
    TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                             CheckpointReader::Open(Env::Default(), path));
    CommandResult r = Inspect({"--file_name=" + path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Python's print() adds a newline after the debug string's own.
    EXPECT_EQ(r.out, reader->DebugString() + "\n");
    std::string names;
    for (const std::string& n : reader->TensorNames()) {
      names += "tensor_name:  " + n + "\n";
    }
    CommandResult all = Inspect({"--file_name=" + path, "--all_tensor_names"});
    EXPECT_EQ(all.exit_code, 0);
    EXPECT_EQ(all.out, names);
  }
}

// TF2 object-based checkpoints list their tensors by object path (slots
// say which variable they belong to); a TF1 checkpoint is NOT_FOUND.
TEST(InspectCheckpointTest, ObjectGraphListsObjectPaths) {
  TFP_REQUIRE_SHARED();
  const std::string tf2 =
      testing::FixtureDir("ckpt-v2-sharded-tf2") + "/model.ckpt";
  CommandResult r = Inspect({"--file_name=" + tf2, "--object_graph"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr(
                         "layer-1/kernel (VARIABLE_VALUE) DT_FLOAT [4,128] "
                         "key=layer-1/kernel/.ATTRIBUTES/VARIABLE_VALUE "
                         "full_name=sequential/dense/kernel\n"));
  EXPECT_THAT(r.out, ::testing::HasSubstr(" slot=m of layer-1/kernel\n"));
  const std::string tf1 =
      testing::FixtureDir("ckpt-v2-mnist-fc-feed") + "/model.ckpt-1999";
  CommandResult bad = Inspect({"--file_name=" + tf1, "--object_graph"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("not an object-based checkpoint"));
}

}  // namespace
}  // namespace tfpersist
