"""Row "d = 256, depth 3" of npm run bench's end-to-end section (gemm-bound): the work of
bench/experiments/ae256-depth-3.lnn.json in numpy (bench/numpy_deep_linear.py's gd loop).
Prints the loop's GFLOP/s too (bench/endToEnd.ts's floor). Run: python3 bench/numpy_ae256.py"""
import time

t_start = time.perf_counter()
import os  # noqa: E402
import numpy as np  # noqa: E402
from numpy_deep_linear import HERE, identity_factors, moments_gd, moments_of, report  # noqa: E402

parts = {}
t = time.perf_counter()
X = np.load(os.path.join(HERE, "experiments", "data", "ae256-x.npy"))
Sx, Sxy, trSy, wstar = moments_of(X, X)
parts["data"] = time.perf_counter() - t
d = X.shape[1]
t = time.perf_counter()
runs = {"depth 3": moments_gd(Sx, Sxy, trSy, identity_factors(d, d, 3, 256, np.exp(-8.0)), 0.01, 200, 10, wstar)}
parts["depth 3"] = time.perf_counter() - t
report(t_start, parts, runs)
