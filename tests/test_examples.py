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


def test_wide_sine_uses_a_quarter_wave_table_and_stays_exact() -> None:
    model = srcc.compile(
        "sin(x0)*x1 + cos(3*x1)", ranges=(-4, 4), output_error=0.05, interpolate=False
    )
    quarter = [t for t in model.tables if t["symmetry"] == "quarter"]
    assert [t["function"] for t in quarter] == ["cos"]
    assert quarter[0]["entries"] * 4 >= 2**8  # one period, a quarter stored
    X = np.random.default_rng(3).uniform(-4, 4, size=(100_000, 2))
    error = np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)
    assert np.all(error <= model.error_bound) and np.all(model.error_bound <= 0.05)
    assert model.csim(X[:2000]).passed


def test_range_reduction_switch_turns_quarter_wave_off() -> None:
    model = srcc.compile(
        "cos(3*x1)", ranges=(-4, 4), output_error=0.05, interpolate=False, range_reduction=False
    )
    assert [t["symmetry"] for t in model.tables] == ["none"]
