"""Row "d = 64, depths 2 and 3" of npm run bench's end-to-end section: the work of
bench/experiments/ae64-depths-2-3.lnn.json in numpy (bench/numpy_deep_linear.py's gd loop).
Run: python3 bench/numpy_ae64.py  (after python3 bench/experiments/make_data.py)"""
import time

t_start = time.perf_counter()
import os  # noqa: E402
import numpy as np  # noqa: E402
from numpy_deep_linear import HERE, identity_factors, moments_gd, moments_of, report  # noqa: E402

parts = {}
t = time.perf_counter()
X = np.load(os.path.join(HERE, "experiments", "data", "ae64-x.npy"))
Sx, Sxy, trSy, wstar = moments_of(X, X)  # autoencoder: Y = X
parts["data"] = time.perf_counter() - t
d = X.shape[1]
runs = {}
for depth in (2, 3):
    t = time.perf_counter()
    runs[f"depth {depth}"] = moments_gd(Sx, Sxy, trSy, identity_factors(d, d, depth, 64, np.exp(-8.0)), 0.01, 5000, 10, wstar)
    parts[f"depth {depth}"] = time.perf_counter() - t
report(t_start, parts, runs)
