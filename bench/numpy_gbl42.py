"""GBL §4.2 (Gidel, Bach & Lacoste-Julien 2019), the linear autoencoder, as a researcher would
write it in numpy: the baseline LNN Lab's `bench` compares against.

n = 1000, d = 20, rank 5, spectrum [4, 2, 1, 0.5, 0.25], noise 1e-3, Y = X. The dynamics run on
the moments Σx = XᵀX/n, Σxy = XᵀY/n (the loss f(W) = ‖Y − XW‖²_F/(2n) needs nothing else).
Models: depth 1, and depth 2 of width 20; identity init with δ = 8 (each factor e^(−δ/L)·I);
gd with η = 0.01 for 20000 steps; every 20 steps the loss, the singular values of W = W1⋯WL
(np.linalg.svd) and the nuclear norm are recorded.

Prints {"wallSeconds": ..., "steps": 20000, "parts": {...}, ...} on stdout; the time covers the whole work of the
process (numpy import, data generation, both runs, the records).
"""
import time

t_start = time.perf_counter()

import json  # noqa: E402
import numpy as np  # noqa: E402

n, d, rank = 1000, 20, 5
spectrum = np.array([4.0, 2.0, 1.0, 0.5, 0.25])
noise = 1e-3
delta = 8.0
eta = 0.01
steps = 20000
every = 20

# data (GBL §4.2): x = B z + noise·ε, B (d×rank) entries U[0,1], z ~ N(0, diag(spectrum)); Y = X
rng = np.random.default_rng(0)
B = rng.uniform(0.0, 1.0, size=(d, rank))
Z = rng.standard_normal((n, rank)) * np.sqrt(spectrum)
X = Z @ B.T + noise * rng.standard_normal((n, d))
Y = X
Sx = X.T @ X / n  # Σx
Sxy = X.T @ Y / n  # Σxy
trSy = np.sum(Y * Y) / n  # tr Σy


def loss(W):
    # f(W) = ½ tr(WᵀΣxW) − tr(WᵀΣxy) + ½ trΣy  (= ‖Y − XW‖²_F / (2n))
    return 0.5 * np.sum(W * (Sx @ W)) - np.sum(W * Sxy) + 0.5 * trSy


def run(depth, width):
    # identity init: each factor e^(−δ/L) times the (rectangular) identity
    shapes = [(d, d)] if depth == 1 else [(d, width)] + [(width, width)] * (depth - 2) + [(width, d)]
    Ws = [np.exp(-delta / depth) * np.eye(r, c) for r, c in shapes]
    rec = {"step": [], "loss": [], "sv": [], "nuclear": []}

    def product(Ws):
        W = Ws[0]
        for F in Ws[1:]:
            W = W @ F
        return W

    def record(k, W):
        s = np.linalg.svd(W, compute_uv=False)
        rec["step"].append(k)
        rec["loss"].append(loss(W))
        rec["sv"].append(s)
        rec["nuclear"].append(s.sum())

    for k in range(steps):
        W = product(Ws)
        if k % every == 0:
            record(k, W)
        G = Sx @ W - Sxy  # GBL eq. 7
        # ∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11); gd updates all factors from the same iterate
        grads = []
        for l in range(depth):
            left = product(Ws[:l]) if l > 0 else None
            right = product(Ws[l + 1:]) if l < depth - 1 else None
            g = G
            if left is not None:
                g = left.T @ g
            if right is not None:
                g = g @ right.T
            grads.append(g)
        Ws = [F - eta * g for F, g in zip(Ws, grads)]
    record(steps, product(Ws))
    return rec


t_data = time.perf_counter() - t_start
t = time.perf_counter()
results = {"depth1": run(1, d)}
t_depth1 = time.perf_counter() - t
t = time.perf_counter()
results["depth2"] = run(2, 20)
t_depth2 = time.perf_counter() - t
wall = time.perf_counter() - t_start
print(
    json.dumps(
        {
            "wallSeconds": wall,
            "steps": steps,
            "parts": {"import, data": t_data, "depth 1": t_depth1, "depth 2": t_depth2},
            "records": len(results["depth1"]["step"]),
            "finalLoss": {k: float(r["loss"][-1]) for k, r in results.items()},
            "finalNuclearNorm": {k: float(r["nuclear"][-1]) for k, r in results.items()},
        }
    )
)
