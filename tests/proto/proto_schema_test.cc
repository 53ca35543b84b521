// Schema-level checks of our .proto files against TensorFlow's wire facts
// (enum values, bundle header bytes, fixed32 crc, text-format names).

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/types.pb.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tensorflow/core/protobuf/tensor_bundle.pb.h"

namespace tfpersist {
namespace {

namespace pb = google::protobuf;

TEST(ProtoSchemaTest, EveryDataTypeHasItsRefTwin) {
  const pb::EnumDescriptor* e = tensorflow::DataType_descriptor();
  int base_count = 0;
  for (int i = 0; i < e->value_count(); ++i) {
    const pb::EnumValueDescriptor* v = e->value(i);
    if (v->number() == 0 || v->number() > 100) continue;
    ++base_count;
    const pb::EnumValueDescriptor* ref =
        e->FindValueByNumber(v->number() + 100);
    ASSERT_NE(ref, nullptr) << v->name();
    EXPECT_EQ(ref->name(), v->name() + "_REF");
  }
  EXPECT_EQ(base_count, 33);  // DT_FLOAT (1) .. DT_FLOAT4_E2M1FN (33).
  EXPECT_EQ(tensorflow::DT_FLOAT4_E2M1FN_REF, 133);
  EXPECT_EQ(tensorflow::DT_FLOAT8_E4M3B11FNUZ, 27);
  EXPECT_EQ(tensorflow::DT_UINT2, 32);
}

TEST(ProtoSchemaTest, BundleHeaderBytesMatchTensorFlow) {
  // The header value of every single-shard bundle TF writes.
  const std::string kHeader("\x08\x01\x1a\x02\x08\x01", 6);
  tensorflow::BundleHeaderProto header;
  ASSERT_TRUE(header.ParseFromString(kHeader));
  EXPECT_EQ(header.num_shards(), 1);
  EXPECT_EQ(header.endianness(), tensorflow::BundleHeaderProto::LITTLE);
  EXPECT_EQ(header.version().producer(), 1);
  std::string out;
  ASSERT_TRUE(header.SerializeToString(&out));
  EXPECT_EQ(out, kHeader);
}

TEST(ProtoSchemaTest, BundleEntryCrcIsFixed32) {
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(tensorflow::DT_FLOAT);
  entry.mutable_shape();
  entry.set_size(4);
  entry.set_crc32c(0x8A9136AAu);
  std::string out;
  ASSERT_TRUE(entry.SerializeToString(&out));
  // dtype, empty shape, size, crc as tag 0x35 + 4 little-endian bytes.
  EXPECT_EQ(out,
            std::string("\x08\x01\x12\x00\x28\x04\x35\xaa\x36\x91\x8a", 11));
}

TEST(ProtoSchemaTest, TextFormatUsesTensorFlowNames) {
  tensorflow::SaverDef saver;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(
      "filename_tensor_name: \"save/Const:0\" version: V2 "
      "keep_checkpoint_every_n_hours: 10000",
      &saver));
  EXPECT_EQ(saver.version(), tensorflow::SaverDef::V2);

  tensorflow::VariableDef var;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(
      "variable_name: \"v:0\" synchronization: VARIABLE_SYNCHRONIZATION_ON_READ"
      " aggregation: VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA trainable: true",
      &var));
  EXPECT_EQ(var.aggregation(),
            tensorflow::VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA);

  tensorflow::MetaGraphDef meta;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(
      R"pb(
        meta_info_def {
          tags: "serve"
          function_aliases { key: "f" value: "g" }
        }
        collection_def {
          key: "saved_model_assets"
          value {
            any_list {
              value {
                [type.googleapis.com/tensorflow.AssetFileDef] {
                  tensor_info { name: "Const:0" dtype: DT_STRING_REF }
                  filename: "foo.txt"
                }
              }
            }
          }
        }
        signature_def {
          key: "serving_default"
          value {
            defaults {
              key: "x"
              value { dtype: DT_FLOAT float_val: 1 }
            }
          }
        }
      )pb",
      &meta));
  tensorflow::AssetFileDef asset;
  ASSERT_TRUE(meta.collection_def()
                  .at("saved_model_assets")
                  .any_list()
                  .value(0)
                  .UnpackTo(&asset));
  EXPECT_EQ(asset.filename(), "foo.txt");
  EXPECT_EQ(asset.tensor_info().dtype(), tensorflow::DT_STRING_REF);
}

}  // namespace
}  // namespace tfpersist
