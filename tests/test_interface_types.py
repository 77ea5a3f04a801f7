"""Interface and stored types that waste no bit: unsigned formats where a value cannot be
negative, a saturated power-of-two top of the inputs and outputs under a width cap, and
outputs rounded to nearest there. The firmware stays bit-exact (g++ with `ap_fixed.h`,
Verilator) and the bound holds, tightly, where the saturation and the rounding happen."""

import warnings

import numpy as np
import pytest
from required_tools import require_csim_tools, require_rtl_tools

import srcc
from srcc.dialects import fix
from srcc.runtime.rtlsim import Design, rtlsim_many

require_csim_tools()
require_rtl_tools()

CAP = {"max_width": 16, "max_intermediate_width": 32, "output_error": 1e-9}

MODELS = [
    ("x0*x1", {"x0": (1.0, 2.0), "x1": (0.0, 2.0)}, CAP),
    ("x0*x1*x2/x3**2", {"x0": (1, 2), "x1": (1, 2), "x2": (1, 2), "x3": (1, 3)}, CAP),
    ("x0**3/(exp(x0) - 1)", {"x0": (0.5, 3.0)}, CAP),
    ("(x0 + x1)/(1 + x0*x1/x2**2)", {"x0": (-0.9, 0.9), "x1": (-0.9, 0.9), "x2": (1, 1.5)}, CAP),
    ("exp(-x0)*x1 + sqrt(x1)", {"x0": (0.0, 4.0), "x1": (0.25, 4.0)}, CAP),
    ("x0*(x1 + x2)/(x1 + x3)", {"x0": (1, 5), "x1": (5, 10), "x2": (-1, 1), "x3": (-1, 1)}, CAP),
    ("exp(-x0)*x1 + sqrt(x1)", {"x0": (0.0, 4.0), "x1": (0.25, 4.0)}, {}),
]
"""Capped models (saturating inputs, rounded saturating outputs, tables of unsigned entries,
a signed and unsigned mix, inputs of four different types) and one uncapped."""


def compile_quietly(expression: str, ranges: dict, options: dict) -> srcc.Model:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", srcc.SrccWarning)
        return srcc.compile(expression, ranges=ranges, names=list(ranges), **options)


def vectors(model: srcc.Model, rows: int = 3000) -> np.ndarray:
    """Random points, the ends of every range and points just beyond them (which saturate)."""
    bounds = np.array(model.ranges)
    rng = np.random.default_rng(7)
    points = rng.uniform(bounds[:, 0], bounds[:, 1], size=(rows, len(bounds)))
    ends = rng.integers(0, 4, size=(256, len(bounds)))
    outside = np.array([-0.01, 0.0, 1.0, 1.01])[ends]
    points[:256] = bounds[:, 0] + outside * (bounds[:, 1] - bounds[:, 0])
    return points


@pytest.fixture(scope="module")
def models() -> list[srcc.Model]:
    return [compile_quietly(*spec) for spec in MODELS]


def test_capped_interface_types_are_unsigned_and_saturate(models: list[srcc.Model]) -> None:
    product = models[0]
    assert product.input_types == [fix.UFixedType(16, 1)] * 2
    assert product.output_types == [fix.UFixedType(16, 2)]
    cast = product.firmware.body.block.last_op.operands[0].owner
    assert isinstance(cast, fix.CastOp)
    assert cast.modes == (fix.RoundingMode.RND, fix.OverflowMode.SAT)
    # The output's range by sub-boxes is [0.15, 1.5], not [0.0066, 41.6] by intervals.
    assert models[2].output_types == [fix.UFixedType(16, 1)]


def test_each_input_has_its_own_type(models: list[srcc.Model]) -> None:
    """A Doppler shift f*(c + vr)/(c + vs): vr and vs in [-1, 1] keep 15 fractional bits
    instead of the 11 that c in [5, 10] would leave them in one shared type, and the
    bound is 3.8e-4 (1.4e-3 with one shared type)."""
    doppler = models[5]
    assert doppler.input_types == [
        fix.UFixedType(16, 3),
        fix.UFixedType(16, 4),
        fix.FixedType(16, 1),
        fix.FixedType(16, 1),
    ]
    points = vectors(doppler, 20000)[256:]
    exact = points[:, 0] * (points[:, 1] + points[:, 2]) / (points[:, 1] + points[:, 3])
    error = float(np.max(np.abs(doppler.predict(points)[:, 0] - exact)))
    assert error <= doppler.error_bound[0] < 4e-4


def test_unsigned_and_saturating_types_match_csim(models: list[srcc.Model]) -> None:
    for model in models:
        result = model.csim(vectors(model))
        assert result.passed, result.mismatches[:3]


def test_unsigned_and_saturating_types_match_rtl(models: list[srcc.Model]) -> None:
    designs = [Design(model.rtl(5.0, "auto"), model.firmware) for model in models]
    points = [vectors(model, 500) for model in models]
    inputs = [np.stack(model.quantize_inputs(x), axis=1) for model, x in zip(models, points)]
    expected = [model.predict_raw(x) for model, x in zip(models, points)]
    for result in rtlsim_many(designs, inputs, expected):
        assert result.passed, result.log


def test_bound_holds_tightly_at_a_saturated_power_of_two_top(models: list[srcc.Model]) -> None:
    # x0, x1 at 2.0 enter as 2 - 2^-15 (one ulp); x0 * x1 = 4 - 2^-13 + 2^-30 rounds to
    # 4 - 2^-13, which the output holds: the error there, 2^-13, is the largest.
    product = models[0]
    grid = np.linspace(0.0, 2.0, 4097)
    points = np.stack(np.meshgrid(grid[2048:], grid), axis=-1).reshape(-1, 2)
    measured = float(np.max(np.abs(product.predict(points) - product.evaluate(points))))
    assert measured == 2.0**-13
    assert measured <= product.error_bound[0] <= 1.3 * measured


def test_rounded_outputs_are_within_half_an_ulp_and_unbiased() -> None:
    # On the inputs' own grid the inputs are exact: the output's rounding is all the error.
    model = compile_quietly("x0*x1", {"x0": (0.0, 1.0), "x1": (0.0, 1.0)}, CAP)
    ulp = model.output_types[0].ulp
    steps = np.arange(0, 2**15, 37) * model.input_types[0].ulp
    points = np.stack(np.meshgrid(steps, steps), axis=-1).reshape(-1, 2)
    error = (model.predict(points) - model.evaluate(points))[:, 0]
    assert np.max(np.abs(error)) <= ulp / 2
    assert abs(np.mean(error)) < ulp / 50
    assert np.max(np.abs(error)) <= model.error_bound[0]


def test_uncapped_outputs_truncate(models: list[srcc.Model]) -> None:
    # Without a cap the planner meets the budget either way, and truncation is free.
    casts = [op for op in models[-1].firmware.body.block.ops if isinstance(op, fix.CastOp)]
    assert all(op.round_mode is not fix.RoundingMode.RND for op in casts)
