#!/usr/bin/env python3
"""Fetching a 100 MB tensor: how many times are its bytes copied?

    PYTHONPATH=build/python /usr/bin/python3 bench/python/fetch_large_tensor.py

A 100 MiB float32 variable (25M elements) is initialized from a fed
placeholder, then fetched twice. Zero copies: the result is a read-only
numpy view of the C++ Tensor (numpy does not own its data; its base is the
capsule keeping the Tensor alive), two fetches share one buffer, the RSS
does not grow during the fetch, and the fetch takes microseconds where one
copy of 100 MiB takes tens of milliseconds.
"""
import resource
import sys
import time

import numpy as np

import tfpersist.compat.v1 as tf

N = 25 * 1024 * 1024  # float32 elements: 100 MiB


def rss_mb():
    """Current resident set size (MiB), from /proc/self/statm."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2.0**20


def main():
    x = tf.placeholder(tf.float32, [N], name="x")
    v = tf.Variable(x, name="big")
    value = np.arange(N, dtype=np.float32)
    with tf.Session() as sess:
        sess.run(v.initializer, {x: value})
        del value
        sess.run(v)  # warm up: the fetch plan is built on first use
        before = rss_mb()
        t0 = time.perf_counter()
        out = sess.run(v)
        fetch_s = time.perf_counter() - t0
        grown = rss_mb() - before
        again = sess.run(v)
        assert out.shape == (N,) and out[7] == 7.0
        t0 = time.perf_counter()
        copy = out.copy()
        memcpy_s = time.perf_counter() - t0
        del copy
        print("fetched the %.0f MiB variable in %.3f ms (one numpy copy of "
              "it takes %.1f ms)" % (N * 4 / 2**20, fetch_s * 1e3,
                                     memcpy_s * 1e3))
        print("RSS growth during the fetch: %.1f MiB" % grown)
        print("numpy owns its data: %s; base: %s; writeable: %s" %
              (out.flags.owndata, type(out.base).__name__,
               out.flags.writeable))
        print("two fetches share one buffer (no copy at all): %s" %
              np.shares_memory(out, again))
    return 0


if __name__ == "__main__":
    sys.exit(main())
