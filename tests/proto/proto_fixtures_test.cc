// Parses every TensorFlow-written protobuf file under shared/fixtures/tf with
// our own .proto definitions and checks that nothing is lost: parsing
// succeeds, no field anywhere is unknown to our schema (including inside
// google.protobuf.Any payloads and serialized protos kept in bytes fields),
// and binary and text round trips give back an equal message.

#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/types.pb.h"
#include "tensorflow/core/framework/variable.pb.h"
#include "tensorflow/core/protobuf/fingerprint.pb.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tensorflow/core/protobuf/saved_model.pb.h"
#include "tensorflow/core/protobuf/saver.pb.h"
#include "tensorflow/core/protobuf/tensor_bundle.pb.h"
#include "tensorflow/core/protobuf/trackable_object_graph.pb.h"
#include "tensorflow/python/training/checkpoint_state.pb.h"
#include "testing/fixtures.h"

namespace tfpersist {
namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;

// ---------------------------------------------------------------------------
// Helpers.

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Field numbers of an UnknownFieldSet, for messages.
std::string DescribeUnknown(const pb::UnknownFieldSet& set) {
  std::string out;
  for (int i = 0; i < set.field_count(); ++i) {
    if (!out.empty()) out += ",";
    out += std::to_string(set.field(i).number());
  }
  return out;
}

// Walks `msg` recursively and appends "path: fields N,M" for every message
// that carries unknown fields. google.protobuf.Any payloads whose type is in
// the generated pool are parsed and walked too; unresolvable Any types are
// appended to `unresolved_any` (not an error).
void CollectUnknown(const pb::Message& msg, const std::string& path,
                    std::vector<std::string>* problems,
                    std::set<std::string>* unresolved_any) {
  const pb::Reflection* refl = msg.GetReflection();
  const pb::UnknownFieldSet& unknown = refl->GetUnknownFields(msg);
  if (!unknown.empty()) {
    problems->push_back(path + " (" + msg.GetTypeName() +
                        "): unknown field(s) " + DescribeUnknown(unknown));
  }

  if (msg.GetDescriptor()->full_name() == "google.protobuf.Any") {
    pb::Any any;
    any.CopyFrom(msg);
    std::string type_url = any.type_url();
    std::string type_name = type_url.substr(type_url.rfind('/') + 1);
    const pb::Descriptor* desc =
        pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name);
    if (desc == nullptr) {
      if (unresolved_any != nullptr) unresolved_any->insert(type_url);
    } else {
      std::unique_ptr<pb::Message> inner(
          pb::MessageFactory::generated_factory()->GetPrototype(desc)->New());
      if (!inner->ParseFromString(any.value())) {
        problems->push_back(path + ": Any payload of type " + type_name +
                            " does not parse");
      } else {
        CollectUnknown(*inner, path + "<" + type_name + ">", problems,
                       unresolved_any);
      }
    }
  }

  std::vector<const pb::FieldDescriptor*> fields;
  refl->ListFields(msg, &fields);
  for (const pb::FieldDescriptor* field : fields) {
    if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      int n = refl->FieldSize(msg, field);
      for (int i = 0; i < n; ++i) {
        CollectUnknown(
            refl->GetRepeatedMessage(msg, field, i),
            path + "." + field->name() + "[" + std::to_string(i) + "]",
            problems, unresolved_any);
      }
    } else {
      CollectUnknown(refl->GetMessage(msg, field), path + "." + field->name(),
                     problems, unresolved_any);
    }
  }
}

std::string JoinLines(const std::vector<std::string>& lines, size_t max = 20) {
  std::string out;
  for (size_t i = 0; i < lines.size() && i < max; ++i) out += lines[i] + "\n";
  if (lines.size() > max) {
    out += "... and " + std::to_string(lines.size() - max) + " more\n";
  }
  return out;
}

// Equality that treats NaN as equal to NaN (tensors may contain NaNs).
bool MessagesEqual(const pb::Message& a, const pb::Message& b,
                   std::string* report) {
  pb::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  pb::util::MessageDifferencer differ;
  differ.set_field_comparator(&comparator);
  differ.ReportDifferencesToString(report);
  return differ.Compare(a, b);
}

// Collections whose bytes_list values are serialized VariableDefs, and the
// one that holds SaverDefs (TF1 Python's registered proto converters).
const std::set<std::string>& VariableCollections() {
  static const std::set<std::string> kNames = {
      "variables",       "trainable_variables",      "local_variables",
      "model_variables", "moving_average_variables", "global_step",
      "metric_variables"};
  return kNames;
}

// Parses the serialized protos that TF keeps inside bytes fields of a
// MetaGraphDef: VariableDef / SaverDef collections and, for TF2 SavedModels,
// the TrackableObjectGraph stored in a string Const of the graph.
void CheckEmbeddedProtos(const tensorflow::MetaGraphDef& meta,
                         const std::string& path,
                         std::vector<std::string>* problems,
                         int* embedded_checked) {
  for (const auto& [key, collection] : meta.collection_def()) {
    if (!collection.has_bytes_list()) continue;
    const bool is_vars = VariableCollections().count(key) > 0;
    const bool is_savers = key == "savers";
    if (!is_vars && !is_savers) continue;
    const auto& values = collection.bytes_list().value();
    for (int i = 0; i < values.size(); ++i) {
      std::unique_ptr<pb::Message> inner;
      if (is_vars) {
        inner = std::make_unique<tensorflow::VariableDef>();
      } else {
        inner = std::make_unique<tensorflow::SaverDef>();
      }
      std::string where =
          path + ".collection_def[" + key + "][" + std::to_string(i) + "]";
      if (!inner->ParseFromString(values[i])) {
        problems->push_back(where + ": does not parse as " +
                            inner->GetTypeName());
        continue;
      }
      ++*embedded_checked;
      CollectUnknown(*inner, where, problems, nullptr);
    }
  }

  if (!meta.has_object_graph_def()) return;
  // TF2 saving: one string Const holds the serialized TrackableObjectGraph
  // that the save function writes to the checkpoint. (Its node count can
  // differ from the SavedObjectGraph's: Keras adds objects to the latter.)
  int found = 0;
  for (const tensorflow::NodeDef& node : meta.graph_def().node()) {
    if (node.op() != "Const") continue;
    auto it = node.attr().find("value");
    if (it == node.attr().end() || !it->second.has_tensor()) continue;
    const tensorflow::TensorProto& t = it->second.tensor();
    if (t.dtype() != tensorflow::DT_STRING || t.string_val_size() != 1) {
      continue;
    }
    tensorflow::TrackableObjectGraph graph;
    if (!graph.ParseFromString(t.string_val(0)) || graph.nodes_size() == 0 ||
        graph.nodes(0).children_size() == 0) {
      continue;
    }
    ++found;
    ++*embedded_checked;
    CollectUnknown(graph,
                   path + ".graph_def[" + node.name() + "]<object graph>",
                   problems, nullptr);
  }
  if (found == 0) {
    problems->push_back(path +
                        ": no Const holding the TrackableObjectGraph found");
  }
}

// ---------------------------------------------------------------------------
// Fixture discovery.

enum class Kind { kGraphDef, kMetaGraphDef, kSavedModel, kFingerprint };

struct ProtoFile {
  std::string path;      // Absolute path; empty if shared/ is absent.
  std::string relative;  // Relative to fixtures/tf.
  Kind kind = Kind::kGraphDef;
  bool text = false;  // .pbtxt
};

// Lets gtest print a parameter as its path instead of raw bytes.
void PrintTo(const ProtoFile& file, std::ostream* os) { *os << file.relative; }

std::unique_ptr<pb::Message> NewMessage(Kind kind) {
  switch (kind) {
    case Kind::kGraphDef:
      return std::make_unique<tensorflow::GraphDef>();
    case Kind::kMetaGraphDef:
      return std::make_unique<tensorflow::MetaGraphDef>();
    case Kind::kSavedModel:
      return std::make_unique<tensorflow::SavedModel>();
    case Kind::kFingerprint:
      return std::make_unique<tensorflow::FingerprintDef>();
  }
  return nullptr;
}

std::string Relative(const std::string& path) {
  std::string root = testing::SharedDir() + "/fixtures/tf/";
  return path.rfind(root, 0) == 0 ? path.substr(root.size()) : path;
}

std::vector<ProtoFile> DiscoverProtoFiles() {
  std::vector<ProtoFile> out;
  auto add = [&](const std::string& path, Kind kind, bool text) {
    out.push_back({path, Relative(path), kind, text});
  };
  for (const std::string& p : testing::FixtureFilesWithSuffix(".pb")) {
    std::string base = fs::path(p).filename().string();
    if (base == "keras_metadata.pb") continue;  // JSON, not a proto.
    if (base == "saved_model.pb") {
      add(p, Kind::kSavedModel, false);
    } else if (base == "fingerprint.pb") {
      add(p, Kind::kFingerprint, false);
    } else {
      add(p, Kind::kGraphDef, false);
    }
  }
  for (const std::string& p : testing::FixtureFilesWithSuffix(".meta")) {
    add(p, Kind::kMetaGraphDef, false);
  }
  for (const std::string& p : testing::FixtureFilesWithSuffix(".pbtxt")) {
    std::string base = fs::path(p).filename().string();
    if (base == "saved_model.pbtxt") {
      add(p, Kind::kSavedModel, true);
    } else if (base.find("meta") != std::string::npos) {
      add(p, Kind::kMetaGraphDef, true);
    } else {
      add(p, Kind::kGraphDef, true);
    }
  }
  std::sort(out.begin(), out.end(), [](const ProtoFile& a, const ProtoFile& b) {
    return a.relative < b.relative;
  });
  // Keep one (skipping) case when shared/ is absent, so the suite is never
  // empty.
  if (out.empty()) out.push_back({"", "no_shared_dir", Kind::kGraphDef, false});
  return out;
}

std::vector<std::string> DiscoverCheckpointStateFiles() {
  std::vector<std::string> out;
  for (const std::string& p : testing::FixtureFilesWithSuffix("/checkpoint")) {
    out.push_back(p);
  }
  if (out.empty()) out.push_back("");
  return out;
}

std::string SanitizeName(const std::string& s) {
  std::string out;
  for (char c : s) {
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return out;
}

// ---------------------------------------------------------------------------
// Per-file tests.

class ProtoFixtureTest : public ::testing::TestWithParam<ProtoFile> {
 protected:
  void SetUp() override {
    if (GetParam().path.empty()) {
      GTEST_SKIP() << "../shared (TF fixtures) is absent; set TFP_SHARED_DIR "
                      "to run this conformance test";
    }
  }

  // Parses the file into a fresh message; fails the test on error.
  std::unique_ptr<pb::Message> Parse() {
    const ProtoFile& file = GetParam();
    std::unique_ptr<pb::Message> msg = NewMessage(file.kind);
    std::string data = ReadFile(file.path);
    EXPECT_FALSE(data.empty()) << file.path;
    bool ok = file.text ? pb::TextFormat::ParseFromString(data, msg.get())
                        : msg->ParseFromString(data);
    EXPECT_TRUE(ok) << "cannot parse " << file.path << " as "
                    << msg->GetTypeName();
    return ok ? std::move(msg) : nullptr;
  }
};

TEST_P(ProtoFixtureTest, ParsesWithoutUnknownFields) {
  std::unique_ptr<pb::Message> msg = Parse();
  ASSERT_NE(msg, nullptr);

  std::vector<std::string> problems;
  std::set<std::string> unresolved_any;
  CollectUnknown(*msg, msg->GetDescriptor()->name(), &problems,
                 &unresolved_any);

  int embedded = 0;
  const ProtoFile& file = GetParam();
  if (file.kind == Kind::kMetaGraphDef) {
    CheckEmbeddedProtos(static_cast<const tensorflow::MetaGraphDef&>(*msg),
                        "MetaGraphDef", &problems, &embedded);
  } else if (file.kind == Kind::kSavedModel) {
    const auto& sm = static_cast<const tensorflow::SavedModel&>(*msg);
    EXPECT_GE(sm.meta_graphs_size(), 1);
    for (int i = 0; i < sm.meta_graphs_size(); ++i) {
      CheckEmbeddedProtos(sm.meta_graphs(i),
                          "SavedModel.meta_graphs[" + std::to_string(i) + "]",
                          &problems, &embedded);
    }
  }

  EXPECT_TRUE(problems.empty()) << file.relative << ":\n"
                                << JoinLines(problems);
  for (const std::string& url : unresolved_any) {
    std::cout << "[ info ] " << file.relative << ": Any of unknown type " << url
              << " not checked\n";
  }
  RecordProperty("embedded_protos_checked", embedded);
}

TEST_P(ProtoFixtureTest, BinaryRoundTripIsEqual) {
  std::unique_ptr<pb::Message> msg = Parse();
  ASSERT_NE(msg, nullptr);
  std::string bytes;
  ASSERT_TRUE(msg->SerializeToString(&bytes));
  std::unique_ptr<pb::Message> again = NewMessage(GetParam().kind);
  ASSERT_TRUE(again->ParseFromString(bytes));
  std::string report;
  EXPECT_TRUE(MessagesEqual(*msg, *again, &report)) << report.substr(0, 4000);
  if (!GetParam().text) {
    // Same field set, so the size cannot change (map order may).
    EXPECT_EQ(bytes.size(), fs::file_size(GetParam().path));
  }
}

TEST_P(ProtoFixtureTest, TextRoundTripIsEqual) {
  std::unique_ptr<pb::Message> msg = Parse();
  ASSERT_NE(msg, nullptr);
  std::string text;
  ASSERT_TRUE(pb::TextFormat::PrintToString(*msg, &text));
  std::unique_ptr<pb::Message> again = NewMessage(GetParam().kind);
  ASSERT_TRUE(pb::TextFormat::ParseFromString(text, again.get()));
  std::string report;
  EXPECT_TRUE(MessagesEqual(*msg, *again, &report)) << report.substr(0, 4000);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ProtoFixtureTest,
                         ::testing::ValuesIn(DiscoverProtoFiles()),
                         [](const ::testing::TestParamInfo<ProtoFile>& info) {
                           return SanitizeName(info.param.relative);
                         });

// ---------------------------------------------------------------------------
// `checkpoint` state files (text-format CheckpointState).

class CheckpointStateFixtureTest
    : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckpointStateFixtureTest, ParsesAsTextCheckpointState) {
  if (GetParam().empty()) {
    GTEST_SKIP() << "../shared (TF fixtures) is absent; set TFP_SHARED_DIR "
                    "to run this conformance test";
  }
  std::string text = ReadFile(GetParam());
  tensorflow::CheckpointState state;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(text, &state)) << GetParam();
  EXPECT_FALSE(state.model_checkpoint_path().empty());
  ASSERT_GE(state.all_model_checkpoint_paths_size(), 1);
  // TF keeps the newest checkpoint last.
  EXPECT_EQ(state.all_model_checkpoint_paths(
                state.all_model_checkpoint_paths_size() - 1),
            state.model_checkpoint_path());
  EXPECT_TRUE(state.GetReflection()->GetUnknownFields(state).empty());

  // Text round trip.
  std::string printed;
  ASSERT_TRUE(pb::TextFormat::PrintToString(state, &printed));
  tensorflow::CheckpointState again;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(printed, &again));
  EXPECT_TRUE(pb::util::MessageDifferencer::Equals(state, again));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CheckpointStateFixtureTest,
                         ::testing::ValuesIn(DiscoverCheckpointStateFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.empty()
                                      ? std::string("no_shared_dir")
                                      : SanitizeName(Relative(info.param));
                         });

// ---------------------------------------------------------------------------
}  // namespace
}  // namespace tfpersist
