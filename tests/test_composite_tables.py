"""Composite tables (`sym-composite`, `srcc.analysis.composite_tables`): the enclosures of f,
f' and f'' hold, and a composite table's proven error holds on every argument.

The reference of a random chain is evaluated with mpmath at 50 digits (its float64 value
may be off by more than an ulp where the chain cancels), and allowed the margin the
elementary tables' tests allow (1e-15 relative).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_lut_tables import DOMAINS, REFERENCE_MARGIN, arg_type, run_table
from xdsl.dialects.builtin import f64
from xdsl.ir import Block, Operation, Region, SSAValue

import srcc
from srcc.analysis.composite_tables import SIGNS, composite_range, formula
from srcc.analysis.interval import Interval
from srcc.analysis.lut_tables import FUNCTIONS, design_table, lipschitz
from srcc.dialects import sym

mpmath.mp.dps = 50


@pytest.mark.parametrize("function", sorted(SIGNS))
def test_signs_turn_the_curves_into_the_derivatives(function: str) -> None:
    """SIGNS times FUNCTIONS' slope and curvature are f' and f'' (central differences)."""
    domain = DOMAINS[function]
    x = np.linspace(domain.lo, domain.hi, 41)[1:-1]
    fn = sym.UNARY_OPS[function].NUMPY_FN
    step = 1e-4
    slope_sign, curvature_sign = SIGNS[function]
    slope = (fn(x + step) - fn(x - step)) / (2 * step)
    curvature = (fn(x + step) - 2 * fn(x) + fn(x - step)) / step**2
    elementary = FUNCTIONS[function]
    assert np.allclose(slope_sign * elementary.slope.fn(x), slope, rtol=1e-5, atol=1e-6)
    assert np.allclose(curvature_sign * elementary.curvature.fn(x), curvature, rtol=1e-3, atol=1e-3)


_MPMATH = {
    "sin": mpmath.sin,
    "cos": mpmath.cos,
    "atan": mpmath.atan,
    "tanh": mpmath.tanh,
    "erf": mpmath.erf,
    "asinh": mpmath.asinh,
    "gauss": lambda u: mpmath.exp(-u * u),
}
_STEPS = st.one_of(
    st.tuples(st.sampled_from(sorted(_MPMATH))),
    st.tuples(st.just("scale"), st.floats(-2.5, 2.5).filter(lambda c: abs(c) > 0.1)),
    st.tuples(st.just("shift"), st.floats(-1.5, 1.5)),
    st.tuples(st.just("times_u")),
    st.tuples(st.just("square")),
    st.tuples(st.just("reciprocal_of_one_plus_square")),
)


def _chain(steps: list[tuple]) -> tuple[sym.CompositeOp, object]:
    """A composite of the steps applied in turn to u, and its mpmath reference."""
    block = Block(arg_types=[f64])
    u = block.args[0]
    value: SSAValue = u

    def add(op: Operation) -> SSAValue:
        block.add_op(op)
        return op.results[0]

    def constant(c: float) -> SSAValue:
        return add(sym.ConstantOp(c))

    for step in steps:
        kind = step[0]
        if kind in _MPMATH:
            value = add(sym.UNARY_OPS[kind](value))
        elif kind == "scale":
            value = add(sym.MulOp(value, constant(step[1])))
        elif kind == "shift":
            value = add(sym.AddOp(value, constant(step[1])))
        elif kind == "times_u":
            value = add(sym.MulOp(value, u))
        elif kind == "square":
            value = add(sym.MulOp(value, value))
        else:
            square = add(sym.MulOp(value, value))
            value = add(sym.InvOp(add(sym.AddOp(square, constant(1.0)))))
    block.add_op(sym.YieldOp(value))

    def reference(x: object) -> object:
        v = x
        for step in steps:
            kind = step[0]
            if kind in _MPMATH:
                v = _MPMATH[kind](v)
            elif kind == "scale":
                v = v * mpmath.mpf(step[1])
            elif kind == "shift":
                v = v + mpmath.mpf(step[1])
            elif kind == "times_u":
                v = v * x
            elif kind == "square":
                v = v * v
            else:
                v = 1 / (v * v + 1)
        return v

    return sym.CompositeOp(sym.ConstantOp(0.0), Region(block)), reference


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(_STEPS, min_size=2, max_size=5).filter(
        lambda steps: any(step[0] in _MPMATH for step in steps)
    ),
    lo=st.floats(-3.0, 2.0),
    width=st.floats(0.25, 4.0),
    log2_cells=st.integers(3, 8),
    entry_frac_bits=st.integers(6, 16),
    interpolate=st.booleans(),
)
def test_composite_table_bound_holds_on_every_argument(
    steps: list[tuple],
    lo: float,
    width: float,
    log2_cells: int,
    entry_frac_bits: int,
    interpolate: bool,
) -> None:
    composite, reference = _chain(steps)
    function = formula(composite)
    domain = Interval(lo, lo + width)
    arg = arg_type(domain, 9)
    raw = np.arange(arg.min_raw, arg.max_raw + 1, dtype=np.int64)
    x = np.ldexp(raw.astype(np.float64), -arg.frac_bits)
    # Enclosures: f on the whole domain, |f'| (the Lipschitz bound) against differences.
    inside = np.unique(np.clip(x, domain.lo, domain.hi))
    values = np.array([float(reference(mpmath.mpf(float(v)))) for v in inside])
    enclosure = composite_range(composite, domain)
    assert enclosure.lo <= values.min() and values.max() <= enclosure.hi
    if inside.size > 1:
        slopes = np.abs(np.diff(values) / np.diff(inside))
        assert slopes.max() <= lipschitz(function, domain) * (1 + 1e-9)
    for symmetric in (False, True):
        table = design_table(
            function,
            domain,
            arg.frac_bits,
            log2_cells,
            entry_frac_bits,
            interpolate=interpolate,
            symmetric=symmetric,
        )
        clamped = np.clip(x, table.domain.lo, table.domain.hi)
        expected = np.array([float(reference(mpmath.mpf(float(v)))) for v in clamped])
        error = np.abs(run_table(table, arg, raw) - expected)
        excess = float(np.max(error - REFERENCE_MARGIN * np.abs(expected))) - table.max_error
        assert excess <= 0.0, (function.name, table.max_error, excess)


BENCHMARK = [
    ("x**3/(exp(x) - 1)", {"x": (0.5, 3.0)}),
    ("1/(exp(E/(k*T)) - 1)", {"E": (0.5, 3.0), "k": (1.0, 2.0), "T": (1.0, 3.0)}),
    ("I0*(sin(a)/a)**2", {"I0": (1.0, 5.0), "a": (0.1, 3.0)}),
]


@pytest.mark.filterwarnings("ignore::srcc.SrccWarning")
@pytest.mark.parametrize(("source", "ranges"), BENCHMARK)
def test_composite_models_are_bounded_and_tight(
    source: str, ranges: dict[str, tuple[float, float]]
) -> None:
    """One table for the chain, where there was one per function; the bound holds on a
    dense sample, within 5x of the largest error there."""
    models = [
        srcc.compile(
            source,
            names=list(ranges),
            ranges=ranges,
            max_width=16,
            max_intermediate_width=32,
            composite=composite,
            divider=False,
        )
        for composite in (False, True)
    ]
    plain, fused = ([t["function"] for t in model.tables] for model in models)
    composites = [name for name in fused if name not in FUNCTIONS]
    assert len(composites) == 1 and len(fused) == len(plain) - 1
    bounds = np.array(list(ranges.values()))
    X = np.random.default_rng(3).uniform(bounds[:, 0], bounds[:, 1], size=(200_000, len(bounds)))
    measured = float(np.max(np.abs(models[1].predict(X) - models[1].evaluate(X))))
    bound = float(models[1].error_bound[0])
    assert measured <= bound <= 5 * measured


def test_without_composites_each_function_has_its_table() -> None:
    fused = srcc.compile("x**3/(exp(x) - 1)", ranges=(0.5, 3.0))
    plain = srcc.compile("x**3/(exp(x) - 1)", ranges=(0.5, 3.0), composite=False)
    assert "sym-composite" in fused.pipeline and "sym-composite" not in plain.pipeline
    assert [t["function"] for t in plain.tables] == ["exp", "inv"]
    assert math.isclose(float(fused.evaluate([[1.5]])[0, 0]), 1.5**3 / math.expm1(1.5))
