// Crash safety of Saver::Save: a forked child saves checkpoints in a loop
// (max_to_keep 3, so old ones are deleted too) and is SIGKILLed at a random
// moment; after every kill, LatestCheckpoint names a complete checkpoint
// holding exactly the values of that save, and every checkpoint the state
// file still lists restores with its own values.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

constexpr int kTrials = 240;

// v1 = [s, s + 0.5], v2 = [-s]: the values saved at step s.
std::vector<float> V1At(int64_t s) { return {float(s), float(s) + 0.5f}; }
std::vector<float> V2At(int64_t s) { return {-float(s)}; }

struct Model {
  Graph graph;
  GraphBuilder b{&graph};
  std::unique_ptr<Saver> saver;
  std::unique_ptr<Session> session;
};

// Two small variables, feedable setters and a Saver (max_to_keep 3).
Status BuildModel(Model* m) {
  GraphBuilder& b = m->b;
  RefVariable v1 = Variable(b, Tensor::FromVector<float>({0, 0}), "v1");
  RefVariable v2 = Variable(b, Tensor::FromVector<float>({0}), "v2");
  Assign(b, v1.variable,
         Placeholder(b, DT_FLOAT, PartialTensorShape({2}), "p1"), true, true,
         "set1");
  Assign(b, v2.variable,
         Placeholder(b, DT_FLOAT, PartialTensorShape({1}), "p2"), true, true,
         "set2");
  GlobalVariablesInitializer(b);
  SaverOptions options;
  options.max_to_keep = 3;
  TFP_ASSIGN_OR_RETURN(m->saver, Saver::Create(b, options));
  SessionOptions session_options;
  session_options.intra_op_threads = 1;
  TFP_ASSIGN_OR_RETURN(m->session,
                       Session::Create(m->graph.ToGraphDef(), session_options));
  return m->session->Run({}, {}, {"init"}, nullptr);
}

int64_t StepOf(const std::string& prefix) {
  return std::stoll(prefix.substr(prefix.rfind('-') + 1));
}

// The child: continues the step count of earlier children and saves until
// killed; writes one byte to `ready_fd` once its model is built, so kills
// land among the saves. Never returns into the test framework.
[[noreturn]] void SaveForever(const std::string& dir, int ready_fd) {
  Model m;
  if (!BuildModel(&m).ok()) _exit(2);
  int64_t step = 1;
  auto state = GetCheckpointState(Env::Default(), dir);
  if (state.ok()) {
    m.saver->RecoverLastCheckpoints(state->all_model_checkpoint_paths);
    step = StepOf(state->model_checkpoint_path) + 1;
  }
  if (write(ready_fd, "r", 1) != 1) _exit(4);
  for (;; ++step) {
    Status s = m.session->Run({{"p1:0", Tensor::FromVector<float>(V1At(step))},
                               {"p2:0", Tensor::FromVector<float>(V2At(step))}},
                              {}, {"set1", "set2"}, nullptr);
    if (s.ok())
      s = m.saver->Save(m.session.get(), JoinPath(dir, "m"), step).status();
    if (!s.ok()) _exit(3);
  }
}

// Restores `prefix` into the checker model and compares with its step's values.
void ExpectRestoresItsValues(Model* checker, const std::string& prefix) {
  SCOPED_TRACE(prefix);
  ASSERT_THAT(checker->saver->Restore(checker->session.get(), prefix),
              testing::IsOk());
  std::vector<Tensor> out;
  ASSERT_THAT(checker->session->Run({}, {"v1:0", "v2:0"}, {}, &out),
              testing::IsOk());
  const int64_t step = StepOf(prefix);
  EXPECT_TRUE(out[0].IsSameAs(Tensor::FromVector<float>(V1At(step))));
  EXPECT_TRUE(out[1].IsSameAs(Tensor::FromVector<float>(V2At(step))));
}

// Forks a saving child and SIGKILLs it after `delay_us` microseconds of
// saving.
void RunAndKillChild(const std::string& dir, int delay_us) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) SaveForever(dir, ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);
  close(ready[0]);
  close(ready[1]);
  usleep(delay_us);
  kill(pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << status;
}

// Mean microseconds of one save of the model, measured in this process.
int MeanSaveMicros(Model* m) {
  const std::string prefix = JoinPath(testing::NewTempDir("crash_timing"), "m");
  const uint64_t start = Env::Default()->NowMicros();
  constexpr int kSaves = 5;
  for (int i = 0; i < kSaves; ++i) {
    EXPECT_THAT(m->saver->Save(m->session.get(), prefix, i).status(),
                testing::IsOk());
  }
  return static_cast<int>((Env::Default()->NowMicros() - start) / kSaves);
}

TEST(SaverCrashTest, KilledSavesNeverDamageCheckpoints) {
  const std::string dir = testing::NewTempDir("crash");
  Model checker;
  ASSERT_THAT(BuildModel(&checker), testing::IsOk());
  // Kills land uniformly over about the child's first three saves.
  const int save_us = MeanSaveMicros(&checker);
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> delay_us(0, 3 * save_us);
  int verified = 0, advanced = 0;
  int64_t last_step = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    ASSERT_NO_FATAL_FAILURE(RunAndKillChild(dir, delay_us(rng)));
    auto latest = LatestCheckpoint(Env::Default(), dir);
    if (!latest.ok()) {
      ASSERT_EQ(last_step, 0) << latest.status();  // Nothing saved yet.
      continue;
    }
    ASSERT_GE(StepOf(*latest), last_step);
    if (StepOf(*latest) > last_step) ++advanced;
    last_step = StepOf(*latest);
    ExpectRestoresItsValues(&checker, *latest);
    TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                             GetCheckpointState(Env::Default(), dir));
    for (const std::string& p : state.all_model_checkpoint_paths) {
      ExpectRestoresItsValues(&checker, p);
    }
    ++verified;
    if (HasFatalFailure() || HasNonfatalFailure()) break;
  }
  // Kills landed both after completed saves and inside the child's first
  // save (the latest step did not move).
  EXPECT_GE(verified, 200);
  EXPECT_GE(advanced, 20);
  EXPECT_GE(kTrials - advanced, 20);
  std::printf(
      "%d kills, %d after a completed save, %lld saves in all, "
      "%d us per save\n",
      kTrials, advanced, static_cast<long long>(last_step), save_us);
}

}  // namespace
}  // namespace tfpersist
