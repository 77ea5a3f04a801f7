"""Discrete and piecewise operators (max, min, mod, cond, greater, logical_or/and, floor, ceil,
round, Piecewise, Heaviside): every one compiles from an expression and from a PySR hall of
fame, its firmware is bit-exact with g++ and `ap_fixed.h` (one batched build), and its
proven bound holds on dense samples, across the steps it jumps at."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from required_tools import require_csim_tools
from xdsl.dialects.builtin import FunctionType
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Block, Region

import srcc
from srcc.cli import main
from srcc.dialects import fix
from srcc.dialects.fix import INPUT_ROUNDING, FixedType, UFixedType
from srcc.errors import SrccError
from srcc.runtime.csim import csim_outputs_many
from srcc.runtime.emulator import Emulator
from srcc.runtime.fixed import quantize

require_csim_tools()

RANGES = {"x0": (-4.0, 4.0), "x1": (-3.0, 5.0)}
NAMES = ["x0", "x1"]

PYSR_BINARY = ["max", "min", "cond", "greater", "logical_or", "logical_and"]
PYSR_UNARY = ["floor", "ceil", "round", "relu", "sign", "abs"]

EXPRESSIONS = [
    *(f"{name}(x0, x1)" for name in PYSR_BINARY),
    *(f"{name}(x0 * x1)" for name in PYSR_UNARY),
    "mod(x0, 0.75)",
    "mod(x1, -2)",
    "mod(x0 * x1, 0.3)",
    "mod(x0, -0.3) + mod(x1, 0.25)",
    "round(x0) + floor(-x0 / 3) + ceil(x1 / 2)",
    "Max(x0, x1, 0.5) - Min(x0, 2 * x1)",
    "Piecewise((x0, x0 > x1), (x1**2, x1 >= 0), (1.5, True))",
    "Piecewise((x0 - x1, (x0 > 0) & (x1 <= 1)), (0.25, (x0 < -1) | (x1 > 3)), (x1, True))",
    "Heaviside(x0 - 1) * x1 + Heaviside(x1, 0) + Heaviside(x0, 1)",
    "Mod(x0, 2.5) + ceiling(x1)",
    "mod(x0, x1 + 3.5)",
    "mod(x1 * x0, -x0 - 4.5) + x1",
]
DIVIDER_EXPRESSIONS = ["x0 / (x1 + 4)", "(x0 + 0.3) / (x1 * x0 - 21) + mod(x1, x0 + 4.25)"]
"""Compiled with `divider=True`: `x / y` through fix.div instead of a reciprocal table."""
AUTO_DIVIDER_EXPRESSIONS = ["1 / (x1 + 3.5) + x0 / (x1 * x1 + 1)", "(x0 + 0.3) / (x1 + 4.5)"]
"""Compiled with OUT_OF_REACH: the default choice (`divider=None`) makes dividers."""
OUT_OF_REACH = {"max_width": 16, "max_intermediate_width": 32, "output_error": 1e-9}
"""A budget no design meets under these caps: it asks for all the accuracy."""


def _compile(expression: object) -> srcc.Model:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jumps make the default budgets unreachable
        if expression in AUTO_DIVIDER_EXPRESSIONS:
            return srcc.compile(expression, ranges=RANGES, names=NAMES, **OUT_OF_REACH)
        divider = expression in DIVIDER_EXPRESSIONS
        return srcc.compile(expression, ranges=RANGES, names=NAMES, divider=divider)


def _samples(rng: np.random.Generator, rows: int) -> np.ndarray:
    """Random rows, and a grid of eighths that lands on every step (integers,
    half-integers, multiples of 0.25) and on the range ends."""
    random = np.column_stack([rng.uniform(*RANGES["x0"], rows), rng.uniform(*RANGES["x1"], rows)])
    grid = np.array(np.meshgrid(np.arange(-4.0, 4.001, 0.125), np.arange(-3.0, 5.001, 0.125)))
    return np.vstack([random, grid.reshape(2, -1).T])


def _raw(model: srcc.Model, X: np.ndarray) -> np.ndarray:
    columns = [quantize(X[:, i], t, *INPUT_ROUNDING) for i, t in enumerate(model.input_types)]
    return np.column_stack(columns)


def _comparisons_function() -> tuple[FuncOp, np.ndarray]:
    """fix.gt and fix.select between signed and unsigned operands of different formats (the
    mixes where ap_fixed's own comparison goes wrong), on every input pair."""
    signed, unsigned = FixedType(6, 2), UFixedType(5, 3)
    block = Block(arg_types=[signed, signed])
    a, b = block.args
    as_unsigned = fix.CastOp(b, unsigned)
    ops: list = [as_unsigned]
    outputs = []
    for lhs, rhs in ((a, as_unsigned.results[0]), (as_unsigned.results[0], a), (a, b)):
        gt = fix.GtOp(lhs, rhs)
        select = fix.SelectOp(gt, lhs, rhs)
        ops += [gt, select]
        outputs += [gt.results[0], select.results[0]]
    wide = FixedType(24, 12)
    casts = [fix.CastOp(value, wide) for value in outputs]
    block.add_ops([*ops, *casts, ReturnOp(*(c.results[0] for c in casts))])
    function = FuncOp("model", FunctionType.from_lists([signed, signed], [wide] * 6), Region(block))
    function.verify()
    values = np.arange(signed.min_raw, signed.max_raw + 1)
    pairs = np.array(np.meshgrid(values, values)).reshape(2, -1).T
    return function, pairs


@pytest.fixture(scope="module")
def simulated() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Emulator and C-simulation outputs of every case, from one g++ build."""
    rng = np.random.default_rng(13)
    functions, inputs, emulated = [], [], []
    for expression in [*EXPRESSIONS, *DIVIDER_EXPRESSIONS, *AUTO_DIVIDER_EXPRESSIONS]:
        model = _compile(expression)
        raw = _raw(model, _samples(rng, 2000) * 1.1)  # beyond the ranges too: saturation
        functions.append(model.firmware)
        inputs.append(raw)
    hand_built, pairs = _comparisons_function()
    functions.append(hand_built)
    inputs.append(pairs)
    for function, raw in zip(functions, inputs):
        outputs = Emulator(function).run_raw([raw[:, i] for i in range(raw.shape[1])])
        emulated.append(np.column_stack(outputs))
    csim = csim_outputs_many(functions, inputs)
    names = [*EXPRESSIONS, *DIVIDER_EXPRESSIONS, *AUTO_DIVIDER_EXPRESSIONS, "hand-built gt/select"]
    return {name: (e, c) for name, e, c in zip(names, emulated, csim)}


@pytest.mark.parametrize(
    "case", [*EXPRESSIONS, *DIVIDER_EXPRESSIONS, *AUTO_DIVIDER_EXPRESSIONS, "hand-built gt/select"]
)
def test_csim_matches_emulator(case: str, simulated: dict[str, tuple[np.ndarray, np.ndarray]]):
    emulated, csim = simulated[case]
    assert emulated.shape == csim.shape
    assert np.array_equal(emulated.astype(object), csim.astype(object))


@pytest.mark.parametrize(
    "expression", [*EXPRESSIONS, *DIVIDER_EXPRESSIONS, *AUTO_DIVIDER_EXPRESSIONS]
)
def test_bound_holds_on_dense_samples(expression: str):
    model = _compile(expression)
    X = _samples(np.random.default_rng(1), 20000)
    error = np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)
    assert np.all(error <= model.error_bound)


@pytest.mark.parametrize("name", [*PYSR_BINARY, "mod"])
def test_binary_operator_from_expression_and_hall_of_fame(name: str, tmp_path: Path):
    equation = f"{name}(x0, 1.25)" if name == "mod" else f"{name}(x0, x1 - 0.5)"
    csv = tmp_path / "hall_of_fame.csv"
    csv.write_text(f'Complexity,Loss,Equation\n4,0.1,"{equation}"\n')
    from_text = _compile(equation)
    from_csv = _compile(csv)
    assert from_csv.ir["fix"] == from_text.ir["fix"]
    X = _samples(np.random.default_rng(2), 500)
    reference = from_csv.evaluate(X)[:, 0]
    assert np.abs(from_csv.predict(X)[:, 0] - reference).max() <= from_csv.error_bound[0]


@pytest.mark.parametrize("name", PYSR_UNARY)
def test_unary_operator_from_expression_and_hall_of_fame(name: str, tmp_path: Path):
    equation = f"{name}(x0 * 1.5)"
    csv = tmp_path / "hall_of_fame.csv"
    csv.write_text(f"Complexity,Loss,Equation\n3,0.1,{equation}\n")
    assert _compile(csv).ir["fix"] == _compile(equation).ir["fix"]


JULIA_SEMANTICS = [
    ("mod(x0, 2)", [-3.0, -0.5, 0.0, 2.5], [1.0, 1.5, 0.0, 0.5]),
    ("mod(x0, -2)", [-3.0, -0.5, 0.0, 2.5], [-1.0, -0.5, 0.0, -1.5]),
    ("round(x0)", [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], [-2.0, -2.0, 0.0, 0.0, 2.0, 2.0]),
    ("cond(x0, 3)", [-1.0, 0.0, 0.5], [0.0, 0.0, 3.0]),
    ("greater(x0, 0.5)", [0.0, 0.5, 1.0], [0.0, 0.0, 1.0]),
    ("logical_or(x0, -x0)", [-1.0, 0.0, 1.0], [1.0, 0.0, 1.0]),
    ("logical_and(x0, 1 - x0)", [-1.0, 0.5, 1.0], [0.0, 1.0, 0.0]),
    ("Heaviside(x0)", [-1.0, 0.0, 2.0], [0.0, 0.5, 1.0]),
    ("floor(x0) + ceil(x0)", [-1.5, -1.0, 0.25], [-3.0, -2.0, 1.0]),
]


@pytest.mark.parametrize(("expression", "inputs", "expected"), JULIA_SEMANTICS)
def test_pysr_semantics_on_exact_inputs(expression: str, inputs: list, expected: list):
    """On inputs the firmware holds exactly, reference and firmware give PySR's values."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = srcc.compile(expression, ranges={"x0": (-4.0, 4.0)}, names=["x0"])
    X = np.array(inputs)[:, None]
    assert model.evaluate(X)[:, 0].tolist() == expected
    assert model.predict(X)[:, 0].tolist() == expected


def test_divider_replaces_the_reciprocal_table():
    (op_names,) = [
        {op.name for op in _compile(e).firmware.body.block.ops} for e in DIVIDER_EXPRESSIONS[:1]
    ]
    assert "fix.div" in op_names and "fix.lut" not in op_names
    table = srcc.compile("x0 / (x1 + 4)", ranges=RANGES, names=NAMES)
    assert "fix.lut" in {op.name for op in table.firmware.body.block.ops}


@pytest.mark.parametrize("expression", AUTO_DIVIDER_EXPRESSIONS)
def test_an_out_of_reach_budget_chooses_dividers(expression: str):
    dividers = _compile(expression).dividers
    assert dividers and all("misses its budget 1e-09" in d["why"] for d in dividers)


def test_divider_from_the_command_line(capsys: pytest.CaptureFixture[str]):
    argv = ["compile", "x0 / (x1 + 4)", "--range=-3:5", "--divider", "--print-pipeline"]
    assert main(argv) == 0
    pipeline = "simplify,lower-sym-to-fix{divider=true},fix-table-storage"
    assert capsys.readouterr().out.split() == [pipeline]


def test_sympy_piecewise_builds_what_its_printed_form_builds():
    x0, x1 = sympy.symbols("x0 x1")
    expr = sympy.Piecewise((x0, sympy.And(x0 > 0, x1 <= 1)), (x1, sympy.Not(x0 >= x1)), (0.5, True))
    assert _compile(expr).ir["fix"] == _compile(str(expr)).ir["fix"]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("Piecewise((x0, x0 > 0))", "last branch"),
        ("Piecewise((x0, True), (x1, True))", "only the last branch"),
        ("Piecewise(x0, True)", r"\(expression, condition\) pairs"),
        ("(x0, x1)", "tuple"),
        ("x0 < x1 < 2", "chained comparisons"),
        ("x0 == x1", "== and !="),
        ("Heaviside(x0, 0.3)", "h0 = 0, 1/2 or 1"),
        ("max(x0)", "2 or more arguments"),
        ("greater(x0, x1, 2)", "takes 2 arguments"),
        ("mod(x0, x1)", "divisor of mod cannot reach 0"),
        ("mod(x0, x1 + 3)", "divisor of mod cannot reach 0"),
    ],
)
def test_bad_discrete_input_is_one_clear_error(expression: str, message: str):
    with pytest.raises(SrccError, match=message):
        _compile(expression)


@settings(max_examples=12, deadline=None)
@given(
    family=st.sampled_from(
        ["floor", "ceil", "round", "mod", "modvar", "greater", "cond", "max", "pw"]
    ),
    scale=st.sampled_from([0.3, 1.0, 2.5, 7.0]),
    divisor=st.sampled_from([0.375, 0.7, 1.0, 3.0, -1.5]),
    seed=st.integers(0, 2**16),
)
def test_discrete_bounds_hold(family: str, scale: float, divisor: float, seed: int):
    """Each family's bound holds on dense samples, for arguments computed with error (a
    product) at several scales, divisors and sample sets."""
    argument = f"{scale} * x0 * x1"
    expression = {
        "floor": f"floor({argument})",
        "ceil": f"ceil({argument})",
        "round": f"round({argument})",
        "mod": f"mod({argument}, {divisor})",
        "modvar": f"mod({argument}, x1 + {abs(divisor) + 3.25})",
        "greater": f"greater({argument}, x1) + logical_and(x0, {argument})",
        "cond": f"cond({argument} - 1, x1)",
        "max": f"max({argument}, x0) - min(x1, {divisor})",
        "pw": f"Piecewise(({argument}, x0 > {divisor}), (x1, True))",
    }[family]
    model = _compile(expression)
    X = _samples(np.random.default_rng(seed), 30000)
    error = np.abs(model.predict(X) - model.evaluate(X)).max(axis=0)
    assert np.all(error <= model.error_bound)
    assert math.isfinite(model.error_bound[0])


@pytest.mark.parametrize(
    ("expression", "dominant"),
    [
        ("floor(x0) + 0.001 * x1", "sym.floor"),
        ("mod(x0, 0.3) + exp(x1 / 4)", "sym.mod"),
        ("Piecewise((x0, x0 > x1), (x1**2, True))", "sym.select"),
        ("x0 + 0.5", "input x0"),
        ("greater(x0, 5.0)", ""),
    ],
)
def test_report_names_what_dominates_each_bound(expression: str, dominant: str, tmp_path: Path):
    model = _compile(expression)
    assert model.dominated_by == [dominant]
    (output,) = model.report()["outputs"]
    assert output["dominated_by"] == dominant
    if not dominant:
        assert model.error_bound[0] == 0.0  # x0 <= 4 can never exceed 5: the step is exact
