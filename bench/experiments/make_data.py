"""The data files of bench/experiments/*.lnn.json, written once into bench/experiments/data/ (not in
git): the lab (data.kind "files", or "completion" with matrix and mask files) and the numpy loops
(bench/numpy_*.py) read the same numbers, so both run on identical data from an identical init.

  ae64-x.npy    1000 × 64   GBL §4.2's autoencoder (x = Q z + noise·ε, Y = X) with Q orthonormal
  ae256-x.npy   2000 × 256  (d×rank), so that Σx's top eigenvalues are the spectrum and η = 0.01
                            is stable at any d; rank 8, spectrum 4, 2, 1, …, noise 1e-3
  achl-m.npy    100 × 100   ACHL's completion: M = A Bᵀ, A, B standard Gaussian, rank 5, scaled
  achl-mask.npy 100 × 100   to ‖M‖_F = √(rows·cols); 2000 observed entries uniformly (uint8, 1 = observed)

Run: python3 bench/experiments/make_data.py  (bench/endToEnd.ts runs it when a file is missing)
"""
import os
import numpy as np

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
os.makedirs(here, exist_ok=True)


def save(name, a):
    # atomically: a half-written file is never read
    tmp = os.path.join(here, f".{name}.tmp.npy")
    np.save(tmp, a)
    os.replace(tmp, os.path.join(here, name))


def autoencoder(n, d, rank, seed):
    rng = np.random.default_rng(seed)
    spectrum = 4.0 * 0.5 ** np.arange(rank)
    Q, _ = np.linalg.qr(rng.standard_normal((d, rank)))
    Z = rng.standard_normal((n, rank)) * np.sqrt(spectrum)
    return Z @ Q.T + 1e-3 * rng.standard_normal((n, d))


save("ae64-x.npy", autoencoder(1000, 64, 8, 64))
save("ae256-x.npy", autoencoder(2000, 256, 8, 256))

rng = np.random.default_rng(100)
rows, cols, rank, observed = 100, 100, 5, 2000
M = rng.standard_normal((rows, rank)) @ rng.standard_normal((cols, rank)).T
M *= np.sqrt(rows * cols) / np.linalg.norm(M)
mask = np.zeros(rows * cols, dtype=np.uint8)
mask[rng.choice(rows * cols, observed, replace=False)] = 1
save("achl-m.npy", M)
save("achl-mask.npy", mask.reshape(rows, cols))
