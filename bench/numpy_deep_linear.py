"""The loops bench/numpy_*.py run: gradient descent (GBL eq. 5) or ACHL's grouprmsprop on the factors
of a deep linear network, as a researcher would write them in numpy (OpenBLAS on every core), the
work of the matching bench/experiments/*.lnn.json: the same data, the same identity init, the same
steps and the same record schedule (0, every, 2·every, …, steps). At each record: the loss f(W), the
singular values of W = W1⋯WL (np.linalg.svd(W, compute_uv=False)) and their sum ‖W‖_*, and the
excess loss f(W) − f(W*) (moments) or the reconstruction error ‖W − M‖²_F/‖M‖²_F (completion).
The lab records these too, and more (see bench/endToEnd.ts): the loss at every step (its divergence
and stopLoss check), the theory of each component, and it computes the theory (eigh Σx, SVD of Σxy,
W*) before the run. Used by the row scripts; not run alone.
"""
import json
import os
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def identity_factors(d, p, depth, width, scale):
    """Each factor scale^(1/L) times the rectangular identity (spec §2 `identity`, e^(−δ/L)·I)."""
    shapes = [(d, p)] if depth == 1 else [(d, width)] + [(width, width)] * (depth - 2) + [(width, p)]
    return [scale ** (1.0 / depth) * np.eye(r, c) for r, c in shapes]


def schedule(steps, every):
    return set(range(0, steps, every)) | {steps}


def factor_gradients(Ws, G):
    """∇_l = (W1⋯W(l−1))ᵀ G (W(l+1)⋯WL)ᵀ (GBL eq. 11), from prefix and suffix products."""
    L = len(Ws)
    if L == 1:
        return [G]
    suffix = [None] * L  # suffix[l] = W(l+1)⋯WL
    suffix[L - 1] = Ws[L - 1]
    for l in range(L - 2, 0, -1):
        suffix[l] = Ws[l] @ suffix[l + 1]
    grads = [G @ suffix[1].T]
    left = Ws[0].T @ G  # (W1⋯Wl)ᵀ G
    for l in range(1, L):
        grads.append(left if l == L - 1 else left @ suffix[l + 1].T)
        if l < L - 1:
            left = Ws[l].T @ left
    return grads


def product(Ws):
    W = Ws[0]
    for F in Ws[1:]:
        W = W @ F
    return W


def moments_gd(Sx, Sxy, trSy, Ws, eta, steps, every, wstar):
    """gd on f(W) = ½ tr(WᵀΣxW) − tr(WᵀΣxy) + ½ trΣy (= ‖Y − XW‖²_F/(2n)), G = ΣxW − Σxy (GBL eq. 7)."""
    rec = {"step": [], "loss": [], "excessLoss": [], "sv": [], "nuclear": []}
    at = schedule(steps, every)
    for k in range(steps + 1):
        W = product(Ws)
        SW = Sx @ W
        if k in at:
            s = np.linalg.svd(W, compute_uv=False)
            D = W - wstar
            rec["step"].append(k)
            rec["loss"].append(0.5 * np.sum(W * SW) - np.sum(W * Sxy) + 0.5 * trSy)
            rec["excessLoss"].append(0.5 * np.sum(D * (Sx @ D)))
            rec["sv"].append(s)
            rec["nuclear"].append(s.sum())
        if k == steps:
            break
        grads = factor_gradients(Ws, SW - Sxy)
        Ws = [F - eta * g for F, g in zip(Ws, grads)]  # every factor from the same iterate (GBL eq. 5)
    return rec


def completion_grouprmsprop(M, mask, Ws, eta, steps, every, alpha=0.99, eps=1e-4):
    """ACHL §5: f(W) = Σ_Ω (W − M)²/(2|Ω|), G = P_Ω(W − M)/|Ω|; grouprmsprop: v ← αv + (1−α)Σ_l‖∇_l‖²,
    one step η/(√(v/(1−α^t)) + ε) for all factors, as ACHL's code does it."""
    rec = {"step": [], "loss": [], "reconstructionError": [], "sv": [], "nuclear": []}
    at = schedule(steps, every)
    count = mask.sum()
    m2 = np.sum(M * M)
    v = 0.0
    for k in range(steps + 1):
        W = product(Ws)
        R = mask * (W - M)
        if k in at:
            s = np.linalg.svd(W, compute_uv=False)
            rec["step"].append(k)
            rec["loss"].append(np.sum(R * R) / (2 * count))
            rec["reconstructionError"].append(np.sum((W - M) ** 2) / m2)
            rec["sv"].append(s)
            rec["nuclear"].append(s.sum())
        if k == steps:
            break
        grads = factor_gradients(Ws, R / count)
        v = alpha * v + (1 - alpha) * sum(np.sum(g * g) for g in grads)
        lr = eta / (np.sqrt(v / (1 - alpha ** (k + 1))) + eps)
        Ws = [F - lr * g for F, g in zip(Ws, grads)]
    return rec


def moments_of(X, Y):
    n = X.shape[0]
    Sx = X.T @ X / n
    Sxy = X.T @ Y / n
    trSy = np.sum(Y * Y) / n
    wstar = np.linalg.lstsq(Sx, Sxy, rcond=None)[0]  # W* = Σx⁺Σxy (a least-squares solution)
    return Sx, Sxy, trSy, wstar


def report(t_start, parts, runs, **extra):
    """One JSON line: wall seconds of the whole process, its parts, each run's final loss and records."""
    out = {
        "wallSeconds": time.perf_counter() - t_start,
        "parts": parts,
        "records": {k: len(r["step"]) for k, r in runs.items()},
        "finalLoss": {k: float(r["loss"][-1]) for k, r in runs.items()},
        "finalNuclearNorm": {k: float(r["nuclear"][-1]) for k, r in runs.items()},
    }
    out.update(extra)
    print(json.dumps(out))
