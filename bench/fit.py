"""`srcc fit` recovery and `srcc sweep` throughput.

    python bench/fit.py [--seeds 3]

Recovery: each known formula is sampled without noise (2000 rows) and fitted with the
default settings under `objective="error"` and `objective="latency"`, once per seed. A
run recovers the formula when the hall of fame's most accurate equation has a normalised
mean squared error (MSE / var(y)) below 1e-10: the law found, constants to the printed
digits. Prints per formula and objective the recoveries, the mean seconds per fit, and the
estimated latency (ns) of the most accurate equation.

Throughput: a hall of fame of the formulas' most accurate fits, swept over 4 precisions x 3
width caps on a LocalCluster of 1 and then 2 workers (cluster start not counted; nothing
reused between the two). Prints tasks per second.
"""

from __future__ import annotations

import argparse
import csv
import logging
import tempfile
import time
from pathlib import Path

import numpy as np

import srcc
from srcc.sweeping import settings_grid

FORMULAS = {
    "1.5*x0*x1 + 0.5": ((-2, 2), ["+", "-", "*"]),
    "x0^2 - x1 + 1": ((-2, 2), ["+", "-", "*", "square"]),
    "2.2 - x0/11 + 7*cos(x1)": ((-3, 3), ["+", "-", "*", "/", "sin", "cos"]),
    "sin(x0)*x1": ((-2, 2), ["+", "-", "*", "sin", "cos"]),
    "exp(-x0^2) + 0.3*x1": ((-2, 2), ["+", "-", "*", "exp", "square"]),
    "x0*x1 - x2^2": ((-2, 2), ["+", "-", "*", "square"]),
}
RECOVERED_NMSE = 1e-10
PRECISIONS = ("auto", "ap_fixed<18,6>", "ap_fixed<14,5>", "ap_fixed<10,4>")
MAX_WIDTHS = (None, 16, 12)


def sample(formula: str, bounds: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    inputs = 3 if "x2" in formula else 2
    X = np.random.default_rng(7).uniform(*bounds, size=(2000, inputs))
    return X, srcc.parse(formula, names=[f"x{i}" for i in range(inputs)]).evaluate(X)[:, 0]


def recovery(seeds: int) -> list[tuple[str, str]]:
    """Prints the recovery table; returns (formula, most accurate equation) of each."""
    print(f"{'formula':26s} {'objective':9s} recovered  s/fit  latency of best (ns)")
    found = []
    for formula, (bounds, operators) in FORMULAS.items():
        X, y = sample(formula, bounds)
        for objective in ("error", "latency"):
            recovered, seconds, latencies, best = 0, 0.0, [], ""
            for seed in range(seeds):
                start = time.perf_counter()
                hall = srcc.fit(X, y, operators=operators, objective=objective, seed=seed)
                seconds += time.perf_counter() - start
                row = min(hall.rows, key=lambda r: r["Loss"])
                recovered += row["Loss"] / np.var(y) < RECOVERED_NMSE
                latencies.append(row["latency_ns"])
                best = row["Equation"]
            print(
                f"{formula:26s} {objective:9s} {recovered}/{seeds}"
                f"      {seconds / seeds:5.1f}  {np.mean(latencies):.1f}"
            )
        found.append((formula, best))
    return found


def throughput(equations: list[str], names: list[str]) -> None:
    from distributed import LocalCluster

    settings = settings_grid(PRECISIONS, MAX_WIDTHS, (5.0,))
    with tempfile.TemporaryDirectory() as tmp:
        hall = Path(tmp) / "hof.csv"
        with open(hall, "w", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["Complexity", "Loss", "Equation"])
            writer.writerows((i + 1, 0.0, e) for i, e in enumerate(equations))
        tasks = len(equations) * len(settings)
        for workers in (1, 2):
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,
            ) as cluster:
                start = time.perf_counter()
                result = srcc.sweep(
                    hall,
                    Path(tmp) / f"out{workers}",
                    names=names,
                    ranges=(-2.0, 2.0),
                    settings=settings,
                    scheduler=cluster.scheduler_address,
                )
                seconds = time.perf_counter() - start
            failed = sum(1 for row in result.rows if row["failure"])
            print(
                f"sweep, {workers} worker(s): {tasks} tasks ({failed} failed) in {seconds:.1f} s"
                f" = {tasks / seconds:.1f} tasks/s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    found = recovery(args.seeds)
    throughput([equation for _, equation in found], ["x0", "x1", "x2"])


if __name__ == "__main__":
    main()
