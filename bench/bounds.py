"""Error bounds against measured error: how sound and how tight `Model.error_bound` is.

    python bench/bounds.py [--rows 100000]

For the examples of tests/test_examples.py (srcc's defaults) and every formula of the
benchmark corpus (bench/corpus.py, compiled as bench/vs_hls4ml.py compiles them: 16-bit
interface, 32-bit intermediates, all the width spent on accuracy): each output's budget,
proven bound and the largest error measured on random points in the ranges (plus their
corners), and the ratio bound / measured. Targets: never below 1 (the bound is a bound),
median at most 2 and worst at most 8 (tight enough to lean on).
"""

import argparse
import sys
from pathlib import Path

import numpy as np
from corpus import corpus
from vs_hls4ml import CAPPED, REWRITE, srcc_compile

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_examples import CASES  # noqa: E402

import srcc  # noqa: E402

MEDIAN_TARGET = 2.0
WORST_TARGET = 8.0


def measured_error(model: srcc.Model, rows: int) -> np.ndarray:
    """Per output, the largest |predict - evaluate| on random points and the box's corners."""
    bounds = np.array(model.ranges)
    rng = np.random.default_rng(7)
    X = rng.uniform(bounds[:, 0], bounds[:, 1], size=(rows, len(bounds)))
    X[: len(bounds) * 2] = np.repeat(bounds.T, len(bounds), axis=0)
    return np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)


def models() -> list[tuple[str, srcc.Model]]:
    examples = [
        (Path(source).name if source.endswith(".txt") else source, srcc.compile(source, ranges=r))
        for source, r in CASES
    ]
    formulas = [(f.name, srcc_compile(f, **CAPPED, rewrite=REWRITE)) for f in corpus()]
    return examples + formulas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'model':44} {'out':>3} {'budget':>9} {'bound':>9} {'measured':>9} {'bound/meas':>10}")
    ratios = []
    for label, model in models():
        measured = measured_error(model, args.rows)
        for index, (budget, bound, error) in enumerate(
            zip(model.output_error, model.error_bound, measured)
        ):
            ratio = bound / error if error > 0 else np.inf
            ratios.append((ratio, f"{label[:44]} output {index}"))
            row = f"{label[:44]:44} {index:3d} {budget:9.3g} {bound:9.3g} {error:9.3g}"
            print(f"{row} {ratio:10.2f}")
    values = np.array([r for r, _ in ratios])
    worst = max(ratios)
    median = float(np.median(values))
    below = [name for r, name in ratios if r < 1]
    print(
        f"\nbound / measured over {len(values)} outputs: median {median:.2f}"
        f" (target <= {MEDIAN_TARGET:g}: {'met' if median <= MEDIAN_TARGET else 'MISSED'}),"
        f" worst {worst[0]:.2f} on {worst[1]}"
        f" (target <= {WORST_TARGET:g}: {'met' if worst[0] <= WORST_TARGET else 'MISSED'}),"
        f" below 1 (unsound): {', '.join(below) or 'none'}"
    )


if __name__ == "__main__":
    main()
