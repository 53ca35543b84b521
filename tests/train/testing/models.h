// Small TF1 programs rebuilt with GraphBuilder for the train tests.
#ifndef TFPERSIST_TESTS_TRAIN_TESTING_MODELS_H_
#define TFPERSIST_TESTS_TRAIN_TESTING_MODELS_H_

#include <memory>
#include <string>

#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist::testing {

// The program of TF's "save and restore" tutorials:
//   v1 = tf.Variable(tf.constant(1.0, shape=[1]), name="v1")
//   v2 = tf.Variable(tf.constant(2.0, shape=[1]), name="v2")
//   result = v1 + v2
//   init = tf.global_variables_initializer()
// with the given names (and initial values v1_init, v2_init).
struct V1V2Model {
  std::unique_ptr<Graph> graph = std::make_unique<Graph>();
  std::unique_ptr<GraphBuilder> b = std::make_unique<GraphBuilder>(graph.get());
  RefVariable v1, v2;
  Output add;
  Node* init = nullptr;
};

inline std::unique_ptr<V1V2Model> BuildV1V2Model(
    const std::string& v1_name = "v1", const std::string& v2_name = "v2",
    float v1_init = 1.0f, float v2_init = 2.0f) {
  auto m = std::make_unique<V1V2Model>();
  GraphBuilder& b = *m->b;
  Output c1 = Constant(b, Tensor::FromVector<float>({v1_init}));
  m->v1 = Variable(b, c1, v1_name);
  Output c2 = Constant(b, Tensor::FromVector<float>({v2_init}));
  m->v2 = Variable(b, c2, v2_name);
  m->add = Add(b, m->v1.value(), m->v2.value());
  m->init = GlobalVariablesInitializer(b);
  return m;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TRAIN_TESTING_MODELS_H_
