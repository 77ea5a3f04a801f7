"""Emulator throughput: `Model.predict` rows/s beside numpy float64 evaluation.

    python bench/emulator.py [--rows 1000000]

Targets (issue: fixed point): at least 5 M rows/s for a 20-op expression on one core,
and within 5x of float64 evaluation of the same expression.
"""

import argparse
import time
from collections.abc import Callable

import numpy as np

import srcc

EXAMPLES = {
    "polynomial (examples/polynomial.txt)": ("examples/polynomial.txt", (-3.0, 3.0)),
    "rational by constants": ("2.2 - x0/11 + 7*x1*x1 - 0.5*x0*x1*x2 + x2/3", (-4.0, 4.0)),
    "jet tagger, 2 outputs (examples/jet_tagger.txt)": ("examples/jet_tagger.txt", (-3.0, 3.0)),
}


def best_time(fn: Callable[[np.ndarray], object], X: np.ndarray, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(X)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    print(
        f"{'expression':50} {'fix ops':>7} {'predict Mrow/s':>15} "
        f"{'float64 Mrow/s':>15} {'ratio':>6}"
    )
    for label, (source, bounds) in EXAMPLES.items():
        model = srcc.compile(source, ranges=bounds)
        ops = len(list(model.firmware.body.block.ops)) - 1
        X = np.random.default_rng(0).uniform(*bounds, size=(args.rows, len(model.input_names)))
        t_fix = best_time(model.predict, X)
        t_float = best_time(model.evaluate, X)
        print(
            f"{label:50} {ops:7d} {args.rows / t_fix / 1e6:15.1f} "
            f"{args.rows / t_float / 1e6:15.1f} {t_fix / t_float:6.2f}"
        )


if __name__ == "__main__":
    main()
