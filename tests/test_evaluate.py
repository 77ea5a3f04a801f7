"""The reference evaluator against numpy, on hand-built `sym` IR."""

import math
from collections.abc import Callable, Sequence

import mpmath
import numpy as np
import pytest
from xdsl.dialects.arith import AddfOp
from xdsl.dialects.builtin import f64
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Operation, SSAValue
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects.sym import (
    BINARY_OPS,
    UNARY_OPS,
    AddOp,
    ConstantOp,
    MulOp,
    PowiOp,
    SinOp,
)
from srcc.runtime.evaluate import evaluate

Body = Callable[[Sequence[SSAValue]], tuple[list[Operation], list[SSAValue]]]


def by_mpmath(fn: Callable[[mpmath.mpf], mpmath.mpf]) -> Callable[[np.ndarray], np.ndarray]:
    """An independent float64 reference: mpmath at 30 digits, NaN at poles."""

    def value(x: float) -> float:
        with mpmath.workdps(30):
            try:
                result = fn(mpmath.mpf(x))
            except (ValueError, ZeroDivisionError):
                return math.nan
        return float(result.real) if result.imag == 0 else math.nan

    return lambda xs: np.array([value(x) for x in xs])


def atanh_clip(xs: np.ndarray) -> np.ndarray:
    """Julia's atanh(mod(x + 1, 2) - 1), mod taking the divisor's sign as Python's % does."""
    return by_mpmath(lambda x: mpmath.atanh((x + 1) % 2 - 1))(xs)


UNARY_REFERENCE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "neg": lambda x: -x,
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "tanh": np.tanh,
    "asin": np.arcsin,
    "acos": np.arccos,
    "atan": np.arctan,
    "square": lambda x: x**2,
    "cube": lambda x: x**3,
    "inv": lambda x: 1.0 / x,
    "sign": np.sign,
    "relu": lambda x: np.where(x > 0.0, x, 0.0),
    "log_abs": lambda x: np.log(np.abs(x)),
    "sqrt_abs": lambda x: np.sqrt(np.abs(x)),
    "gauss": lambda x: np.exp(-(x**2)),
    "erf": by_mpmath(mpmath.erf),
    "erfc": by_mpmath(mpmath.erfc),
    "gamma": by_mpmath(mpmath.gamma),
    "asinh": by_mpmath(mpmath.asinh),
    "acosh": by_mpmath(mpmath.acosh),
    "atanh": by_mpmath(mpmath.atanh),
    "atanh_clip": atanh_clip,
}

BINARY_REFERENCE: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "add": lambda x, y: x + y,
    "sub": lambda x, y: x - y,
    "mul": lambda x, y: x * y,
    "div": lambda x, y: x / y,
}

# Inside and outside every op's domain: outside, the value is NaN (or inf for 1/0).
X = np.array([-3.0, -1.0, -0.5, -1e-3, 0.0, 0.25, 0.5, 1.0, 2.0, 7.5])
Y = np.array([2.0, 0.0, -4.0, 0.5, 3.0, -0.25, 1.5, -1.0, 0.0, 1e-3])


def build(inputs: int, outputs: int, body: Body) -> FuncOp:
    """A function of `inputs` f64 arguments whose ops and results `body` makes."""
    func_op = FuncOp("f", ([f64] * inputs, [f64] * outputs))
    block = func_op.body.block
    ops, results = body(block.args)
    block.add_ops([*ops, ReturnOp(*results)])
    func_op.verify()
    return func_op


def single_op(op_type: Callable[..., Operation], inputs: int) -> FuncOp:
    def body(args: Sequence[SSAValue]) -> tuple[list[Operation], list[SSAValue]]:
        op = op_type(*args)
        return [op], [op.results[0]]

    return build(inputs, 1, body)


def assert_close(actual: np.ndarray, expected: np.ndarray) -> None:
    np.testing.assert_allclose(actual, expected, rtol=1e-15, atol=0.0, equal_nan=True)


def test_every_op_has_a_reference() -> None:
    assert set(UNARY_REFERENCE) == set(UNARY_OPS)
    assert set(BINARY_REFERENCE) == set(BINARY_OPS)


@pytest.mark.parametrize("name", sorted(UNARY_OPS))
def test_unary(name: str) -> None:
    with np.errstate(all="ignore"):
        expected = UNARY_REFERENCE[name](X)
    result = evaluate(single_op(UNARY_OPS[name], 1), X[:, None])
    assert result.shape == (len(X), 1)
    assert_close(result[:, 0], expected)


@pytest.mark.parametrize("name", sorted(BINARY_OPS))
def test_binary(name: str) -> None:
    with np.errstate(all="ignore"):
        expected = BINARY_REFERENCE[name](X, Y)
    result = evaluate(single_op(BINARY_OPS[name], 2), np.stack([X, Y], axis=1))
    assert_close(result[:, 0], expected)


def test_division_by_zero_is_infinite() -> None:
    result = evaluate(single_op(BINARY_OPS["div"], 2), np.array([[1.0, 0.0], [-1.0, 0.0]]))
    assert result[:, 0].tolist() == [np.inf, -np.inf]


@pytest.mark.parametrize("exponent", [-3, -2, -1, 2, 3, 4, 7])
def test_powi(exponent: int) -> None:
    with np.errstate(all="ignore"):
        expected = X ** float(exponent)
    result = evaluate(single_op(lambda x: PowiOp(x, exponent), 1), X[:, None])
    assert_close(result[:, 0], expected)


def test_constant_fills_every_row() -> None:
    def body(args: Sequence[SSAValue]) -> tuple[list[Operation], list[SSAValue]]:
        constant = ConstantOp(-1.25)
        return [constant], [constant.result]

    result = evaluate(build(1, 1, body), np.zeros((4, 1)))
    assert result.tolist() == [[-1.25]] * 4


def test_expression_with_several_outputs() -> None:
    # (sin(x0) * x1 + 0.5, x1, x0)
    def body(args: Sequence[SSAValue]) -> tuple[list[Operation], list[SSAValue]]:
        x0, x1 = args
        sin = SinOp(x0)
        product = MulOp(sin, x1)
        half = ConstantOp(0.5)
        total = AddOp(product, half)
        return [sin, product, half, total], [total.result, x1, x0]

    inputs = np.stack([X, Y], axis=1)
    result = evaluate(build(2, 3, body), inputs)
    assert result.shape == (len(X), 3)
    assert_close(result[:, 0], np.sin(X) * Y + 0.5)
    assert result[:, 1].tolist() == Y.tolist()
    assert result[:, 2].tolist() == X.tolist()


def test_many_rows() -> None:
    rows = np.random.default_rng(0).uniform(-2.0, 2.0, size=(200_000, 2))
    result = evaluate(single_op(BINARY_OPS["mul"], 2), rows)
    assert_close(result[:, 0], rows[:, 0] * rows[:, 1])


def test_wrong_input_shape() -> None:
    with pytest.raises(ValueError, match="expected a rows x 2 array for @f, got shape \\(3,\\)"):
        evaluate(single_op(BINARY_OPS["add"], 2), np.zeros(3))


def test_non_sym_op() -> None:
    with pytest.raises(DiagnosticException, match="cannot evaluate `arith.addf`"):
        evaluate(single_op(AddfOp, 2), np.zeros((1, 2)))
