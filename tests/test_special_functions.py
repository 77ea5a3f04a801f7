"""PySR's smooth special functions (erf, erfc, gamma, asinh, acosh, atanh, atanh_clip) and
the guarded singular functions (log, log|u|, 1/u, u**-k, sqrt near 0): each compiles from
an expression and from a PySR hall of fame alike, is bit-exact against C simulation (one g++
build for all), and meets its bound on dense samples (hypothesis, per family), outside the
guards' excluded regions for the guarded ones."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from required_tools import require_csim_tools

import srcc
from srcc.emitters import project
from srcc.errors import SrccWarning
from srcc.report import render_report
from srcc.runtime.csim import csim_outputs_many

require_csim_tools()

SMOOTH = {
    "erf": (-4.0, 4.0),
    "erfc": (-4.0, 4.0),
    "gamma": (0.1, 6.0),
    "asinh": (-8.0, 8.0),
    "acosh": (1.0, 8.0),
    "atanh": (-0.99, 0.99),
    "atanh_clip": (3.05, 4.95),
}
"""Each function and the widest argument range a test gives it (atanh_clip: the branch of
atanh between the poles at 3 and 5, atanh(x - 4))."""

GUARDED = {
    "log_abs": "log(abs(x0))",
    "log_abs PySR": "log_abs(x0)",
    "inv": "1/x0",
    "power": "x0**-2",
    "log": "safe_log(x0)",
    "sqrt": "safe_sqrt(x0)",
    "pow": "safe_pow(x0, 1.5)",
}
"""Singular functions over ranges holding 0, as an expression spells them."""


def compile_quietly(source: object, **options: object) -> srcc.Model:
    """Guarded models near the pole may not meet the default budget: the warning says so."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SrccWarning)
        return srcc.compile(source, **options)


def dense(lo: float, hi: float, seed: int, rows: int = 20_001) -> np.ndarray:
    grid = np.linspace(lo, hi, rows)
    random = np.random.default_rng(seed).uniform(lo, hi, rows)
    return np.concatenate([grid, random])[:, None]


def assert_bound_holds(model: srcc.Model, X: np.ndarray) -> None:
    outside = model.outside_guards(X)
    error = np.abs(model.predict(X) - model.evaluate(X))[outside].max(axis=0)
    assert np.all(error <= model.error_bound), (error, model.error_bound)


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(sorted(SMOOTH)),
    st.floats(0.0, 0.45),
    st.floats(0.55, 1.0),
    st.sampled_from([None, 1e-2, 1e-4]),
)
def test_smooth_bound_holds_on_dense_samples(
    function: str, start: float, stop: float, budget: float | None
) -> None:
    lo, hi = SMOOTH[function]
    lo, hi = lo + start * (hi - lo), lo + stop * (hi - lo)
    model = compile_quietly(f"{function}(x0)", ranges=(lo, hi), output_error=budget)
    assert [table["function"] for table in model.tables] == [function]
    assert_bound_holds(model, dense(lo, hi, 1))


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(sorted(GUARDED)),
    st.floats(-4.0, -0.25),
    st.floats(0.25, 4.0),
    st.sampled_from([None, 2.0**-4, 0.01]),
)
def test_guarded_bound_holds_outside_the_excluded_regions(
    case: str, lo: float, hi: float, eps: float | None
) -> None:
    model = compile_quietly(GUARDED[case], ranges=(lo, hi), guard=eps)
    assert "sym-guard" in model.pipeline
    assert len(model.guards) == 1
    (guard,) = model.guards
    if eps is not None:
        assert guard.eps == eps
    assert_bound_holds(model, dense(lo, hi, 2))


def test_default_eps_is_a_power_of_two_at_most_1_256_of_the_extent() -> None:
    (log_abs,) = compile_quietly("log_abs(x0 - 1)", ranges=(-2.0, 4.0)).guards
    assert log_abs.eps == 2.0**-7 and log_abs.excluded == (-(2.0**-7), 2.0**-7)
    assert log_abs.function == "log_abs" and log_abs.around_zero
    # log(abs(u)) stays log of |u|: the guard excludes [0, eps) of |u|, the same inputs.
    (log_of_abs,) = compile_quietly("log(abs(x0 - 1))", ranges=(-2.0, 4.0)).guards
    assert log_of_abs.eps == 2.0**-7 and log_of_abs.excluded == (0.0, 2.0**-7)
    (log,) = compile_quietly("log(x0)", ranges=(-2.0, 0.5)).guards
    # log is defined above 0 only: the extent is the range's upper end.
    assert log.eps == 2.0**-9 and log.excluded == (-2.0, 2.0**-9)
    assert log.returns == f"log(eps) = {math.log(2.0**-9):.6g}"
    (inv,) = compile_quietly("1/x0", ranges=(-1.0, 1.0)).guards
    assert inv.returns == "inv(eps) = 256 for arguments >= 0, inv(-eps) = -256 below"


def test_no_singular_point_no_guard() -> None:
    model = srcc.compile("log(abs(x0)) + 1/x1", ranges={"x0": (0.5, 2.0), "x1": (-2.0, -0.5)})
    assert model.guards == []
    assert "sym-guard" not in model.pipeline and "guards" not in model.report()


def test_guards_in_report_json_and_srcc_report(tmp_path: Path) -> None:
    model = compile_quietly("0.1*log_abs(x0) + x1", ranges=(-2.0, 2.0))
    written = model.write(tmp_path / "prj")
    report = json.loads((written / "report.json").read_text())
    (entry,) = report["guards"]
    assert entry == {
        "operator": "sym.log_abs at <expr>:1:5",
        "function": "log_abs",
        "eps": 2.0**-7,
        "excluded": [-(2.0**-7), 2.0**-7],
        "returns": f"log_abs(eps) = {math.log(2.0**-7):.6g}",
    }
    text = render_report(report)
    assert "guards (the error bounds hold for inputs whose guarded arguments are all" in text
    assert "    argument in (-0.007812, 0.007812) returns log_abs(eps) = -4.85203" in text


def test_outside_guards_marks_rows_by_the_guarded_argument() -> None:
    model = compile_quietly("log_abs(x0 - x1)", ranges=(-1.0, 1.0))
    eps = model.guards[0].eps
    X = np.array([[0.5, 0.5], [0.5, 0.5 - eps / 2], [0.5, 0.5 - eps], [0.9, -0.9]])
    assert model.outside_guards(X).tolist() == [False, False, True, True]


def test_log_with_a_base_is_a_quotient_of_logs() -> None:
    model = srcc.compile("log(x0, 3)", ranges=(0.5, 4.0))
    X = dense(0.5, 4.0, 3)
    np.testing.assert_allclose(model.evaluate(X)[:, 0], np.log(X[:, 0]) / np.log(3.0))


def hall_of_fame(path: Path, equation: str) -> Path:
    path.write_text(f'Complexity,Loss,Equation\n3,0.5,"{equation}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("function", sorted(SMOOTH))
def test_hall_of_fame_compiles_as_the_expression(function: str, tmp_path: Path) -> None:
    equation = f"{function}(x0) + 0.5*x1"
    ranges = {"x0": SMOOTH[function], "x1": (-1.0, 1.0)}
    csv = hall_of_fame(tmp_path / "hall_of_fame.csv", equation)
    from_csv = compile_quietly(str(csv), ranges=ranges)
    from_text = compile_quietly(equation, ranges=ranges)
    assert from_csv.input_names == ["x0", "x1"]
    assert from_csv.ir["fix"].replace(str(csv), "<expr>") == from_text.ir["fix"]


def test_c_simulation_is_bit_exact() -> None:
    sources = [(f"{f}(x0)", SMOOTH[f]) for f in sorted(SMOOTH)]
    sources += [(text, (-3.0, 3.0)) for text in GUARDED.values()]
    models = [compile_quietly(text, ranges=bounds) for text, bounds in sources]
    inputs, expected = [], []
    for index, model in enumerate(models):
        vectors, raw = project.test_vectors(model, rows=2000, seed=index)
        inputs.append(vectors)
        expected.append(raw)
    simulated = csim_outputs_many([m.firmware for m in models], inputs)
    mismatches = {
        text: int(np.sum(got != want))
        for (text, _), got, want in zip(sources, simulated, expected, strict=True)
        if not np.array_equal(got, want)
    }
    assert mismatches == {}
