"""The examples the issues name: each compiles in auto mode, meets its budget, and its error
bound holds on 1e5 random points (plus the range corners)."""

from pathlib import Path

import numpy as np
import pytest

import srcc

EXAMPLES = Path(__file__).parent.parent / "examples"

CASES = [
    ("2.2 - x0/11 + 7*cos(x1)", {"x0": (-4, 4), "x1": (-4, 4)}),
    (str(EXAMPLES / "jet_tagger.txt"), (-3.0, 3.0)),
    ("x0*log_abs(x1) - 0.1*sqrt_abs(x0*x1)", {"x0": (-3, 3), "x1": (0.25, 3)}),
    (str(EXAMPLES / "polynomial.txt"), (-3.0, 3.0)),
    ("(1.5*x0 - x1) / (x1*x1 + 0.5) + 0.2", {"x0": (-2, 2), "x1": (-2, 2)}),
]


@pytest.mark.parametrize(("source", "ranges"), CASES)
def test_budget_met_and_bound_holds(source: str, ranges: object) -> None:
    model = srcc.compile(source, ranges=ranges)
    assert np.all(model.error_bound <= model.output_error)
    bounds = np.array(model.ranges)
    rng = np.random.default_rng(7)
    X = rng.uniform(bounds[:, 0], bounds[:, 1], size=(100_000, len(bounds)))
    X[: len(bounds) * 2] = np.repeat(bounds.T, len(bounds), axis=0)
    error = np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)
    assert np.all(error <= model.error_bound)
    # Tight enough to use: the measured error reaches at least 1/8 of the bound.
    assert np.all(error >= model.error_bound / 8)
