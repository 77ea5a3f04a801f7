"""The seed paper's 13 models: proven bound against measured error, outside the guards.

    python bench/seed_models.py [--rows 200000]

Each model of examples/seed_models/ compiled with its inputs on [-3, 3] (its README): the
output type, budget, proven bound and the largest error measured on random points (plus
the box's corners) whose guarded arguments are outside their excluded regions, the ratio
measured / bound, the guards, and the estimated latency and LUTs at 5 ns.
"""

import argparse
import warnings
from pathlib import Path

import numpy as np

import srcc

SEEDS = sorted((Path(__file__).resolve().parent.parent / "examples" / "seed_models").glob("*.txt"))
RANGE = (-3.0, 3.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    print(
        f"{'model':20} {'type':>15} {'budget':>9} {'bound':>9} {'measured':>9} {'ratio':>6} "
        f"{'guards':>6} {'cycles':>6} {'LUT':>6}"
    )
    for path in SEEDS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", srcc.SrccWarning)
            model = srcc.compile(str(path), ranges=RANGE)
        inputs = len(model.input_types)
        corners = np.array(np.meshgrid(*[RANGE] * inputs)).reshape(inputs, -1).T
        X = np.random.default_rng(7).uniform(*RANGE, size=(args.rows, inputs))
        X = np.concatenate([corners, X])
        outside = model.outside_guards(X)
        measured = np.abs(model.predict(X) - model.evaluate(X))[outside].max(axis=0)
        cost = model.cost(5.0)
        for fmt, budget, bound, error in zip(
            model.output_formats, model.output_error, model.error_bound, measured
        ):
            print(
                f"{path.stem:20} {fmt.cxx():>15} {budget:9.3g} {bound:9.3g} {error:9.3g} "
                f"{error / bound:6.2f} {len(model.guards):6d} {cost.latency_cycles:6d} "
                f"{cost.lut:6d}"
            )


if __name__ == "__main__":
    main()
