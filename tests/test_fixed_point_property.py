"""Properties of compiled models: sound bounds, budgets met, no overflow inside the ranges."""

import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from srcc_strategies import VARIABLES, expressions, polynomials, ranges

import srcc


def probe_points(model: srcc.Model, seed: int, rows: int = 2000) -> np.ndarray:
    """Random points in the ranges, their corners and ends, and zeros where in range."""
    bounds = np.array(model.ranges)
    rng = np.random.default_rng(seed)
    points = rng.uniform(bounds[:, 0], bounds[:, 1], size=(rows, len(bounds)))
    corners = rng.integers(0, 2, size=(64, len(bounds)))
    points[:64] = np.where(corners, bounds[:, 1], bounds[:, 0])
    zeros = (bounds[:, 0] <= 0) & (bounds[:, 1] >= 0)
    points[64:128, zeros] = 0.0
    return points


def measured_error(model: srcc.Model, points: np.ndarray) -> np.ndarray:
    return np.abs(model.predict(points) - model.evaluate(points)).max(axis=0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(polynomials, ranges(), st.integers(0, 2**32 - 1))
def test_auto_bound_holds_and_meets_budget(text: str, box: dict, seed: int) -> None:
    model = srcc.compile(text, ranges=box, names=list(VARIABLES))
    points = probe_points(model, seed)
    assert np.all(measured_error(model, points) <= model.error_bound)
    assert np.all(model.error_bound <= model.output_error)
    model.predict_raw(points, report_overflow=True)
    assert [event for event in model.overflow_report if event.rows] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(polynomials, ranges(), st.integers(0, 2**32 - 1))
def test_uniform_bound_holds(text: str, box: dict, seed: int) -> None:
    model = srcc.compile(text, ranges=box, names=list(VARIABLES), precision="ap_fixed<24,10>")
    points = probe_points(model, seed)
    assert np.all(measured_error(model, points) <= model.error_bound)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(polynomials, ranges(), st.integers(10, 18), st.integers(0, 2**32 - 1))
def test_max_width_caps_every_value(text: str, box: dict, width: int, seed: int) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", srcc.SrccWarning)
        model = srcc.compile(text, ranges=box, names=list(VARIABLES), max_width=width)
    assert all(fmt.width <= width for fmt in model.plan.formats.values())
    missed = bool(np.any(model.error_bound > model.output_error))
    assert missed == any(issubclass(w.category, srcc.SrccWarning) for w in caught)
    points = probe_points(model, seed)
    assert np.all(measured_error(model, points) <= model.error_bound)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, ranges(), st.integers(0, 2**32 - 1))
def test_bound_holds_with_lookup_tables(text: str, box: dict, seed: int) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", srcc.SrccWarning)
        model = srcc.compile(text, ranges=box, names=list(VARIABLES))
    points = probe_points(model, seed)
    assert np.all(measured_error(model, points) <= model.error_bound)
    # The table-size cap can bind like max_width: then, and only then, a warning says so.
    missed = bool(np.any(model.error_bound > model.output_error))
    assert missed == any(issubclass(w.category, srcc.SrccWarning) for w in caught)


def test_unused_input_does_not_hide_the_double_rounding_of_inputs() -> None:
    # x0 is unused and would get the most fractional bits; input_t is the common format of
    # x1 and x2 only, so x2 is rounded twice at input_t's coarser step (a hypothesis find).
    box = {"x0": (0.0, 0.25), "x1": (0.0, 2.0), "x2": (0.0, 1.0)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", srcc.SrccWarning)  # the budget is out of reach at 10 bits
        model = srcc.compile("-(x1 + x2)", ranges=box, names=list(VARIABLES), max_width=10)
    points = np.array([[0.07271253, 1.93375724, 0.64462246]])
    assert np.all(
        measured_error(model, np.concatenate([points, probe_points(model, 0)])) <= model.error_bound
    )


def test_uniform_type_too_narrow_for_a_constant_wraps_it_and_drops_the_bound() -> None:
    model = srcc.compile("x0 - 81", ranges=(-1, 1), precision="ap_fixed<16,6>")
    assert model.error_bound[0] == np.inf
    # ap_fixed<16,6>(-81.0) wraps to -81 + 64 = -17, as the C++ constant does.
    assert model.predict(np.array([[0.0]]))[0, 0] == -17.0
    assert model.csim(np.array([[0.0], [0.5], [-1.0]])).passed
