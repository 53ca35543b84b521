"""Load time and peak memory, for compare_peers.py.

Load: ReadGraphDefFile + Session::Create (reported by bench_driver at start,
a fresh process each time) against cv2.dnn.readNetFromTensorflow (in
process), median of 3 each.
Peak RSS: a fresh process per framework that loads the model and runs one
forward at batch 1 (ours: bench_driver; OpenCV: python3 + cv2; TorchScript:
python3 + torch loading the frozen module saved by torch_peer)."""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

OPENCV_RSS = """
import resource, sys, numpy as np, cv2
cv2.setNumThreads(1)
net = cv2.dnn.readNetFromTensorflow(sys.argv[1])
x = np.load(sys.argv[2])
net.setInput(np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if x.ndim == 4 else x)
net.forward("output")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

TORCH_RSS = """
import resource, sys, numpy as np, torch
torch.set_num_threads(1)
m = torch.jit.load(sys.argv[1])
with torch.no_grad():
    m(torch.from_numpy(np.load(sys.argv[2])))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def ours_create(driver, pb):
    p = subprocess.run([driver, pb, "1", "input:0", "output:0"], input="quit\n",
                       capture_output=True, text=True, check=True)
    return float(p.stdout.split()[1])


def opencv_create(pb):
    import cv2
    start = time.perf_counter()
    cv2.dnn.readNetFromTensorflow(pb)
    return (time.perf_counter() - start) * 1e3


def ours_rss(driver, pb, x_path):
    p = subprocess.run([driver, pb, "1", "input:0", "output:0"],
                       input="feed %s\nrun 1\nrss\nquit\n" % x_path,
                       capture_output=True, text=True, check=True)
    return int(p.stdout.split("rss_kib")[1].split()[0])


def python_rss(code, *args):
    p = subprocess.run(["/usr/bin/python3", "-c", code] + list(args),
                       capture_output=True, text=True, check=True)
    return int(p.stdout.split()[-1])


def report(driver, models, names):
    print()
    print("| model | ours Session::Create ms | OpenCV readNetFromTensorflow ms | OpenCV / ours |")
    print("|---|---|---|---|")
    for name in names:
        pb = os.path.join(models, name + ".pb")
        ours = statistics.median(ours_create(driver, pb) for _ in range(3))
        cv = statistics.median(opencv_create(pb) for _ in range(3))
        print("| %s | %.1f | %.1f | %.1fx |" % (name, ours, cv, cv / ours))
    if "mobilenet" not in names:
        return
    import torch
    import tf_graph
    import torch_peer
    pb = os.path.join(models, "mobilenet.pb")
    with tempfile.TemporaryDirectory() as tmp:
        x = np.random.default_rng(1).uniform(-1, 1, [1, 224, 224, 3]).astype(np.float32)
        x_path = os.path.join(tmp, "x.npy")
        np.save(x_path, x)
        pt = os.path.join(tmp, "mobilenet.pt")
        torch.jit.save(torch_peer.build(tf_graph.read_graph(pb), "input", "output", x), pt)
        rss = {"ours": ours_rss(driver, pb, x_path),
               "OpenCV": python_rss(OPENCV_RSS, pb, x_path),
               "TorchScript": python_rss(TORCH_RSS, pt, x_path)}
    print()
    print("peak RSS, mobilenet batch 1, fresh process: " + ", ".join(
        "%s %.0f MiB" % (k, v / 1024) for k, v in rss.items()) +
        "; ours / best peer %.2f" % (rss["ours"] / min(rss["OpenCV"], rss["TorchScript"])))
