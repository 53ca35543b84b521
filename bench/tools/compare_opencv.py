#!/usr/bin/python3
"""Times our runtime against OpenCV's dnn on the bench models, in one run.

For each model in ../shared/bench-models (mlp, cnn, mobilenet; fixed batch-2
input), with 1 and 2 threads:
  ours   = `tfpersist run MODEL.pb --input input:0=X.npy --output output:0
            --repeat=N --threads=T` (Session::Run only; load excluded)
  opencv = cv2.dnn.readNetFromTensorflow + setInput + forward, N times
           (cv2.setNumThreads(T))
and prints median milliseconds, the ratio ours/opencv, and the max abs
difference of the two outputs. Needs Debian's python3-opencv:
  /usr/bin/python3 bench/tools/compare_opencv.py BUILD_DIR [--repeat N]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = ["mlp", "cnn", "mobilenet"]


def time_ours(tool, model_dir, name, repeat, threads, out_dir):
    cmd = [tool, "run", os.path.join(model_dir, name + ".pb"), "--input",
           "input:0=" + os.path.join(model_dir, name + "_input.npy"),
           "--output", "output:0", "--output_dir", out_dir,
           f"--repeat={repeat}", f"--threads={threads}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    m = re.search(r"timing: \d+ runs, min ([\d.e+-]+) ms, median ([\d.e+-]+) ms", out)
    return float(m.group(2))


def time_opencv(cv2, np, model_dir, name, repeat, threads):
    cv2.setNumThreads(threads)
    net = cv2.dnn.readNetFromTensorflow(os.path.join(model_dir, name + ".pb"))
    x = np.load(os.path.join(model_dir, name + "_input.npy"))
    if x.ndim == 4:
        x = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
    net.setInput(x)
    out = net.forward("output")  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        net.setInput(x)
        out = net.forward("output")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build_dir")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--models", default=",".join(MODELS))
    a = p.parse_args()
    import cv2
    import numpy as np
    tool = os.path.join(a.build_dir, "cli", "tfpersist")
    model_dir = os.environ.get("TFP_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
    model_dir = os.path.join(model_dir, "bench-models")
    print(f"OpenCV {cv2.__version__}, {a.repeat} runs each, batch 2, median ms")
    print(f"{'model':<10} {'threads':>7} {'ours':>9} {'opencv':>9} {'ratio':>6} {'max|diff|':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.models.split(","):
            for threads in (1, 2):
                ours = time_ours(tool, model_dir, name, a.repeat, threads, tmp)
                theirs, cv_out = time_opencv(cv2, np, model_dir, name, a.repeat, threads)
                ours_out = np.load(os.path.join(tmp, "output_0.npy"))
                diff = float(np.max(np.abs(ours_out - cv_out.reshape(ours_out.shape))))
                print(f"{name:<10} {threads:>7} {ours:>9.2f} {theirs:>9.2f} "
                      f"{ours / theirs:>6.2f} {diff:>10.2g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
