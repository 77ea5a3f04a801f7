"""Error bounds against measured error: how sound and how tight `Model.error_bound` is.

    python bench/bounds.py [--rows 100000]

For the examples of tests/test_examples.py: each output's budget, proven bound and the
largest error measured on random points in the ranges (plus their corners), and the ratio
measured / bound (the bound is sound if it never exceeds 1, useful if it is not tiny).
"""

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_examples import CASES  # noqa: E402

import srcc  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'model':44} {'out':>3} {'budget':>9} {'bound':>9} {'measured':>9} {'ratio':>6}")
    for source, ranges in CASES:
        model = srcc.compile(source, ranges=ranges)
        bounds = np.array(model.ranges)
        rng = np.random.default_rng(7)
        X = rng.uniform(bounds[:, 0], bounds[:, 1], size=(args.rows, len(bounds)))
        X[: len(bounds) * 2] = np.repeat(bounds.T, len(bounds), axis=0)
        measured = np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)
        label = Path(source).name if source.endswith(".txt") else source
        for index, (budget, bound, error) in enumerate(
            zip(model.output_error, model.error_bound, measured)
        ):
            print(
                f"{label[:44]:44} {index:3d} {budget:9.3g} {bound:9.3g} {error:9.3g} "
                f"{error / bound:6.2f}"
            )


if __name__ == "__main__":
    main()
