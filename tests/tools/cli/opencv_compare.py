#!/usr/bin/env python3
"""Checks a frozen GraphDef with an independent reader: OpenCV's dnn module.

Runs MODEL.pb through cv2.dnn.readNetFromTensorflow on INPUT.npy and compares
its output with OURS.npy (what `tfpersist run --output_dir` wrote).
Exit 0 if max |opencv - ours| <= --atol, 1 if larger, 77 if cv2 is missing
(the caller skips). Run it with Debian's /usr/bin/python3 (python3-opencv).

usage: opencv_compare.py MODEL.pb INPUT.npy OURS.npy [--layer NAME]
                         [--nchw] [--atol 1e-5]
"""
import argparse
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("input")
    p.add_argument("ours")
    p.add_argument("--layer", default="",
                   help="OpenCV layer to read (default: the net's output)")
    p.add_argument("--nchw", action="store_true",
                   help="transpose a 4-D NHWC input to NCHW for OpenCV")
    p.add_argument("--atol", type=float, default=1e-5)
    a = p.parse_args()
    try:
        import cv2
        import numpy as np
    except ImportError as e:
        print(f"skip: {e}")
        return 77
    net = cv2.dnn.readNetFromTensorflow(a.model)
    x = np.load(a.input)
    if a.nchw:
        x = x.transpose(0, 3, 1, 2)
    net.setInput(np.ascontiguousarray(x))
    theirs = net.forward(a.layer) if a.layer else net.forward()
    ours = np.load(a.ours)
    theirs = theirs.reshape(ours.shape)
    diff = float(np.max(np.abs(theirs.astype(np.float64) - ours)))
    print(f"opencv {cv2.__version__}: shape {list(ours.shape)}, "
          f"max abs diff {diff:.3g} (atol {a.atol:g})")
    return 0 if diff <= a.atol else 1


if __name__ == "__main__":
    sys.exit(main())
