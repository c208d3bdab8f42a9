#!/usr/bin/env python3
"""Reference timing: scipy L-BFGS-B on the Chinchilla Huber objective from the 4,500-start grid.

The same objective Ablate's fitter minimizes (sum of Huber(delta=1e-3) terms on log residuals,
log-sum-exp parametrization, analytic gradient), started from every point of the grid
alpha, beta in {0, .5, .., 2}, e in {-1, -.5, .., 1}, a, b in {0, 5, .., 25}; keeps the lowest
objective. Usage: python3 benchmarks/chinchilla_scipy.py [CSV] [--starts N] [--numeric-grad]
Prints the best objective and parameters and the wall and CPU time of the multi-start loop
(single-threaded, so on a busy machine the CPU time is the fairer figure).
"""
import itertools
import os
import sys
import time

import numpy as np
from scipy.optimize import minimize

here = os.path.dirname(os.path.abspath(__file__))
csv = next((a for a in sys.argv[1:] if a.endswith(".csv")),
           os.path.join(here, "..", "..", "shared", "data", "scaling", "chinchilla_svg_extracted_data.csv"))
limit = int(sys.argv[sys.argv.index("--starts") + 1]) if "--starts" in sys.argv else None
# --numeric-grad: let scipy difference the objective (as the replication's notebook does).
numeric = "--numeric-grad" in sys.argv

import csv as csvmod
with open(csv) as f:
    rows = list(csvmod.DictReader(f))
N = np.array([float(r["Model Size"]) for r in rows])
C = np.array([float(r["Training FLOP"]) for r in rows])
L = np.array([float(r["loss"]) for r in rows])
keep = np.argsort(L)[: len(L) - 5]  # drop the 5 highest losses
keep.sort()
N, C, L = N[keep], C[keep], L[keep]
D = C / (6 * N)
lN, lD, lL = np.log(N), np.log(D), np.log(L)
delta = 1e-3


def objective(p):
    a, b, e, alpha, beta = p
    t = np.stack([a - alpha * lN, b - beta * lD, np.full_like(lN, e)])
    m = t.max(axis=0)
    w = np.exp(t - m)
    s = w.sum(axis=0)
    u = m + np.log(s)
    w /= s
    r = u - lL
    ar = np.abs(r)
    f = np.where(ar <= delta, 0.5 * r * r, delta * (ar - 0.5 * delta)).sum()
    psi = np.clip(r, -delta, delta)
    g = np.array([(psi * w[0]).sum(), (psi * w[1]).sum(), (psi * w[2]).sum(),
                  -(psi * w[0] * lN).sum(), -(psi * w[1] * lD).sum()])
    return f, g


grid = list(itertools.product(np.arange(0, 30, 5), np.arange(0, 30, 5), np.arange(-1, 1.5, 0.5),
                              np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5)))
if limit:
    grid = grid[:limit]
t0 = time.perf_counter()
c0 = time.process_time()
best = None
for a, b, e, alpha, beta in grid:
    x0 = np.array([a, b, e, alpha, beta])
    if numeric:
        r = minimize(lambda p: objective(p)[0], x0, method="L-BFGS-B")
    else:
        r = minimize(objective, x0, jac=True, method="L-BFGS-B",
                     options={"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-12})
    if best is None or r.fun < best.fun:
        best = r
t1 = time.perf_counter()
c1 = time.process_time()
a, b, e, alpha, beta = best.x
print(f"points {len(L)} starts {len(grid)} gradient {'numeric' if numeric else 'analytic'} wall {t1 - t0:.2f} s cpu {c1 - c0:.2f} s")
print(f"objective {best.fun:.10g}  A {np.exp(a):.6g}  B {np.exp(b):.6g}  E {np.exp(e):.7g}  "
      f"alpha {alpha:.7g}  beta {beta:.7g}")
