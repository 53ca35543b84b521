// Concurrency (run under ThreadSanitizer by `make tsan`): Session::Run on
// shared weights from many threads, Saver saves and restores from several
// threads into one session, and one CheckpointReader shared by readers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/train/saver.h"
#include "train/testing/models.h"

namespace tfpersist {
namespace {


constexpr int kThreads = 8;

// Runs fn(t) on kThreads threads and returns their statuses.
template <typename Fn>
std::vector<Status> OnThreads(Fn fn) {
  std::vector<Status> status(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { status[t] = fn(t); });
  }
  for (auto& th : threads) th.join();
  return status;
}

TEST(ConcurrencyTest, RunsSavesAndReadsShareOneSession) {
  auto m = testing::BuildV1V2Model();
  // Keep every checkpoint: with the default max_to_keep = 5 the shared Saver
  // would (correctly) delete other threads' older checkpoints.
  SaverOptions options;
  options.max_to_keep = 0;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  TFP_ASSERT_OK_AND_ASSIGN(auto session,
                           Session::Create(m->graph->ToGraphDef()));
  TFP_ASSERT_OK(session->Run({}, {}, {"init"}, nullptr));
  const std::string dir = testing::NewTempDir("concurrency");
  const std::string add = m->add.name();
  // Every thread: reads through the shared weights, saves to its own
  // prefix, restores it, and reads the result again.
  for (const Status& s : OnThreads([&](int t) -> Status {
         const std::string prefix = JoinPath(dir, StrCat("t", t, ".ckpt"));
         for (int i = 0; i < 5; ++i) {
           std::vector<Tensor> out;
           TFP_RETURN_IF_ERROR(session->Run({}, {add}, {}, &out));
           if (out[0].flat<float>()[0] != 3.0f) {
             return errors::Internal("v1 + v2 = ", out[0].flat<float>()[0]);
           }
           TFP_ASSIGN_OR_RETURN(std::string path,
                                saver->Save(session.get(), prefix));
           TFP_RETURN_IF_ERROR(saver->Restore(session.get(), path));
         }
         return OkStatus();
       })) {
    TFP_EXPECT_OK(s);
  }
  // One reader shared by every thread.
  TFP_ASSERT_OK_AND_ASSIGN(
      auto reader,
      CheckpointReader::Open(Env::Default(), JoinPath(dir, "t0.ckpt")));
  for (const Status& s : OnThreads([&](int) -> Status {
         for (int i = 0; i < 20; ++i) {
           TFP_ASSIGN_OR_RETURN(Tensor v2, reader->GetTensor("v2"));
           if (v2.flat<float>()[0] != 2.0f) return errors::Internal("v2");
         }
         return OkStatus();
       })) {
    TFP_EXPECT_OK(s);
  }
}

}  // namespace
}  // namespace tfpersist
