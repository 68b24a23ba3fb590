"""Row "ACHL completion 100 × 100, depths 2 and 3" of npm run bench's end-to-end section: the work
of bench/experiments/achl-completion-depths-2-3.lnn.json in numpy (bench/numpy_deep_linear.py's
grouprmsprop loop, ACHL §5), on the same M and mask, from the same identity init (scale 1e-3).
Run: python3 bench/numpy_achl_completion.py"""
import time

t_start = time.perf_counter()
import os  # noqa: E402
import numpy as np  # noqa: E402
from numpy_deep_linear import HERE, completion_grouprmsprop, identity_factors, report  # noqa: E402

parts = {}
t = time.perf_counter()
M = np.load(os.path.join(HERE, "experiments", "data", "achl-m.npy"))
mask = np.load(os.path.join(HERE, "experiments", "data", "achl-mask.npy")).astype(np.float64)
parts["data"] = time.perf_counter() - t
runs = {}
for depth in (2, 3):
    t = time.perf_counter()
    runs[f"depth {depth}"] = completion_grouprmsprop(M, mask, identity_factors(100, 100, depth, 100, 1e-3), 1e-2, 3000, 25)
    parts[f"depth {depth}"] = time.perf_counter() - t
report(t_start, parts, runs)
