#!/usr/bin/python3
"""Inference speed of tfpersist against OpenCV dnn and TorchScript, in one run.

For each bench model (../shared/bench-models), batch 1 and 32, 1 and 2
threads: ROUNDS rounds, each timing N forwards of our Session::Run
(bench/inference/bench_driver, graph loaded once), OpenCV's
readNetFromTensorflow net and a TorchScript module built from the .pb's own
weights (torch_peer.py), in an order that rotates every round. Prints the
median ms of each, ours / best peer per row, the worst ratio last; then the
load time (ReadGraphDefFile + Session::Create vs readNetFromTensorflow) and
the peak RSS of a fresh process running mobilenet at batch 1.

Before timing, each peer's logits and output on the fixed input are checked
against OpenCV's recorded ones (README of bench-models: logits 1e-4,
output 1e-5 max abs diff).

  /usr/bin/python3 bench/inference/compare_peers.py BUILD_DIR
      [--models mlp,cnn,mobilenet] [--batches 1,32] [--threads 1,2]
      [--rounds 3] [--runs 10]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tf_graph  # noqa: E402

ROOT = tf_graph.ROOT


class Ours:
    name = "ours"

    def __init__(self, driver, pb, threads):
        self.proc = subprocess.Popen(
            [driver, pb, str(threads), "input:0", "output:0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.create_ms = float(self._line().split()[1])

    def _line(self):
        line = self.proc.stdout.readline()
        if not line or line.startswith("error"):
            raise RuntimeError("bench driver: " + (line or "exited"))
        return line

    def ask(self, cmd):
        self.proc.stdin.write(cmd + "\n")
        self.proc.stdin.flush()
        return self._line().split()

    def set_input(self, path, x):
        self.ask("feed " + path)

    def time(self, n):
        return [float(t) for t in self.ask("run %d" % n)[1:]]

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait()


class OpenCV:
    name = "opencv"

    def __init__(self, cv2, pb, threads):
        cv2.setNumThreads(threads)
        self.net = cv2.dnn.readNetFromTensorflow(pb)

    def set_input(self, path, x):
        self.x = np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if x.ndim == 4 else x

    def run(self, fetch="output"):
        self.net.setInput(self.x)
        return self.net.forward(fetch)

    def time(self, n):
        times = []
        for _ in range(n):
            start = time.perf_counter()
            self.run()
            times.append((time.perf_counter() - start) * 1e3)
        return times


class TorchScript:
    name = "torchscript"

    def __init__(self, torch, graph, threads):
        self.torch, self.graph = torch, graph
        torch.set_num_threads(threads)
        self.modules = {}

    def module(self, fetch, x):
        import torch_peer
        key = (fetch, x.shape)
        if key not in self.modules:
            self.modules[key] = torch_peer.build(self.graph, "input", fetch, x)
        return self.modules[key]

    def set_input(self, path, x):
        self.x = self.torch.from_numpy(x)
        self.mod = self.module("output", x)

    def time(self, n):
        times = []
        with self.torch.no_grad():
            for _ in range(n):
                start = time.perf_counter()
                self.mod(self.x)
                times.append((time.perf_counter() - start) * 1e3)
        return times


def random_input(name, shape, batch, path):
    rng = np.random.default_rng(batch)
    low = -1.0 if name == "mobilenet" else 0.0
    x = rng.uniform(low, 1.0, [batch] + list(shape[1:])).astype(np.float32)
    np.save(path, x)
    return x


def check(name, meta, models, ours, ocv, ts, tmp):
    """Max abs diff of each peer's logits/output vs OpenCV's recorded ones."""
    import torch
    x = np.load(os.path.join(models, name + "_input.npy"))
    path = os.path.join(tmp, "fixed.npy")
    np.save(path, x)
    worst = {}
    for fetch, ref, tol in ((meta["logits_node"], "logits", 1e-4),
                            ("output", "output", 1e-5)):
        want = np.load(os.path.join(models, "%s_%s_opencv.npy" % (name, ref)))
        ours.set_input(path, x)
        ours.ask("save %s:0 %s" % (fetch, os.path.join(tmp, "got.npy")))
        got = {"ours": np.load(os.path.join(tmp, "got.npy"))}
        ocv.set_input(path, x)
        # OpenCV fuses BiasAdd into its MatMul layer (bench-models README).
        got["opencv"] = ocv.run(fetch.replace("BiasAdd", "MatMul"))
        with torch.no_grad():
            got["torchscript"] = ts.module(fetch, x)(torch.from_numpy(x)).numpy()
        for peer, value in got.items():
            diff = float(np.max(np.abs(value.reshape(want.shape) - want)))
            worst[peer + " " + ref] = diff
            if not diff <= tol:
                raise SystemExit("%s: %s %s differs from OpenCV's recorded "
                                 "value by %.3g (> %g)" % (name, peer, ref, diff, tol))
    return worst


def time_row(peers, rounds, runs, row_index):
    times = {p.name: [] for p in peers}
    for p in peers:
        p.time(1)  # warm-up (and TorchScript's profiling runs)
        p.time(1)
    probe = statistics.median(peers[0].time(3))
    n = max(3, min(runs, int(3000 / max(probe, 1e-3))))
    for r in range(rounds):
        k = (r + row_index) % len(peers)
        for p in peers[k:] + peers[:k]:
            times[p.name] += p.time(n)
    return {k: statistics.median(v) for k, v in times.items()}, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build_dir")
    ap.add_argument("--models", default="mlp,cnn,mobilenet")
    ap.add_argument("--batches", default="1,32")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--skip_load", action="store_true")
    a = ap.parse_args()
    import cv2
    import torch
    driver = os.path.join(os.path.abspath(a.build_dir), "bench", "inference",
                          "inference_bench_driver")
    shared = os.environ.get("TFP_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
    models = os.path.join(shared, "bench-models")
    meta = json.load(open(os.path.join(models, "models.json")))
    print("OpenCV %s, torch %s (TorchScript, frozen), load %s" %
          (cv2.__version__, torch.__version__, os.getloadavg()))
    print("%d rounds x N forwards each, order rotating; median ms" % a.rounds)
    header = "| model | batch | threads | N | ours ms | OpenCV ms | TorchScript ms | ours / best peer |"
    rows, worst = [], (0.0, "")
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.models.split(","):
            pb = os.path.join(models, name + ".pb")
            graph = tf_graph.read_graph(pb)
            for threads in [int(t) for t in a.threads.split(",")]:
                peers = [Ours(driver, pb, threads), OpenCV(cv2, pb, threads),
                         TorchScript(torch, graph, threads)]
                diffs = check(name, meta[name], models, *peers, tmp)
                print("%s threads=%d numerics vs OpenCV recorded: %s" % (
                    name, threads, ", ".join("%s %.2g" % kv for kv in diffs.items())))
                for batch in [int(b) for b in a.batches.split(",")]:
                    path = os.path.join(tmp, "in.npy")
                    x = random_input(name, meta[name]["input_shape"], batch, path)
                    for p in peers:
                        p.set_input(path, x)
                    med, n = time_row(peers, a.rounds, a.runs, len(rows))
                    best = min(med["opencv"], med["torchscript"])
                    ratio = med["ours"] / best
                    rows.append("| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.2f |" % (
                        name, batch, threads, n, med["ours"], med["opencv"],
                        med["torchscript"], ratio))
                    print(rows[-1], " load", "%.2f" % os.getloadavg()[0], flush=True)
                    if ratio > worst[0]:
                        worst = (ratio, "%s batch %d threads %d" % (name, batch, threads))
                peers[0].close()
    print()
    print(header)
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(r)
    print("worst ratio: %.2f (%s)" % worst)
    if not a.skip_load:
        import load_and_rss
        load_and_rss.report(driver, models, a.models.split(","))
    return 0


if __name__ == "__main__":
    sys.exit(main())
