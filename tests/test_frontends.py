"""Frontends: expression strings, sympy expressions and PySR halls of fame → `sym` IR."""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path
from textwrap import dedent

import numpy as np
import pandas as pd
import pytest
import sympy
from xdsl.dialects.builtin import FileLineColLoc, IntAttr, ModuleOp, StringAttr
from xdsl.dialects.func import FuncOp, ReturnOp

from srcc.api import Program
from srcc.dialects.sym import UNARY_OPS, ConstantOp
from srcc.errors import SrccError
from srcc.frontends import build_module


def build(source: object, **options: object) -> ModuleOp:
    module = build_module(source, **options)  # type: ignore[arg-type]
    module.verify()
    return module


def body(module: ModuleOp) -> str:
    """The printed ops of `@model`, one per line, without the func and module lines."""
    lines = str(module).splitlines()
    return "\n".join(line.strip() for line in lines[2:-2])


def model(module: ModuleOp) -> FuncOp:
    func = module.ops.first
    assert isinstance(func, FuncOp)
    return func


def run(module: ModuleOp, *inputs: np.ndarray) -> list[np.ndarray]:
    """Evaluate `@model` op by op with each op's own `evaluate`."""
    block = model(module).body.block
    values = dict(zip(block.args, inputs, strict=True))
    for op in block.ops:
        if isinstance(op, ReturnOp):
            return [values[v] for v in op.operands]
        if isinstance(op, ConstantOp):
            values[op.results[0]] = np.float64(op.number)
        else:
            values[op.results[0]] = op.evaluate(*(values[v] for v in op.operands))
    raise AssertionError("no func.return")


def columns(module: ModuleOp) -> list[tuple[str, int]]:
    """Each `sym` op's name and the column of its location."""
    ops = list(model(module).body.block.ops)[:-1]
    return [(op.name, op.location.column.data) for op in ops]  # type: ignore[attr-defined]


def input_names(module: ModuleOp) -> list[str]:
    attrs = model(module).arg_attrs
    assert attrs is not None
    return [d.data["sym.name"].data for d in attrs.data]  # type: ignore[attr-defined]


def error(source: object, **options: object) -> SrccError:
    with pytest.raises(SrccError) as info:
        build_module(source, **options)  # type: ignore[arg-type]
    return info.value


X = np.array([0.1, 0.5, 0.9])
Y = np.array([1.5, 2.0, 3.0])


# --- expressions --------------------------------------------------------------------------


def test_exact_ir_and_argument_names():
    module = build("-x0^2 + sin(x1)")
    assert str(module) == dedent(
        """\
        builtin.module {
          func.func @model(%x0: f64 {sym.name = "x0"}, %x1: f64 {sym.name = "x1"}) -> f64 {
            %0 = sym.powi %x0, 2
            %1 = sym.neg %0
            %2 = sym.sin %x1
            %3 = sym.add %1, %2
            func.return %3 : f64
          }
        }"""
    )


@pytest.mark.parametrize("name", sorted(UNARY_OPS))
def test_every_sym_unary_op_by_name(name: str):
    module = build(f"{name}(x0)")
    assert body(module) == f"%0 = sym.{name} %x0\nfunc.return %0 : f64"


PYSR_OPERATORS = {
    "neg": np.negative,
    "square": np.square,
    "cube": lambda x: x**3,
    "exp": np.exp,
    "abs": np.abs,
    "log": np.log,
    "log10": np.log10,
    "log2": np.log2,
    "log1p": np.log1p,
    "sqrt": np.sqrt,
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "tanh": np.tanh,
    "asin": np.arcsin,
    "acos": np.arccos,
    "atan": np.arctan,
    "relu": lambda x: np.maximum(x, 0),
    "sign": np.sign,
    "inv": np.reciprocal,
    "sqrt_abs": lambda x: np.sqrt(np.abs(x)),
    "log_abs": lambda x: np.log(np.abs(x)),
    "gauss": lambda x: np.exp(-(x**2)),
    "safe_log": np.log,
    "safe_log10": np.log10,
    "safe_log2": np.log2,
    "safe_log1p": np.log1p,
    "safe_sqrt": np.sqrt,
    "exp2": np.exp2,
    "Abs": np.abs,
    "ln": np.log,
    "arcsin": np.arcsin,
    "arccos": np.arccos,
    "arctan": np.arctan,
}


@pytest.mark.parametrize("name", sorted(PYSR_OPERATORS))
def test_pysr_and_alias_operator_values(name: str):
    for x in (X, -X):
        (result,) = run(build(f"{name}(x0)"), x)
        with np.errstate(all="ignore"):
            expected = PYSR_OPERATORS[name](x)
        np.testing.assert_allclose(result, expected, rtol=1e-14, equal_nan=True)


def test_derived_operators_are_built_from_ops():
    assert body(build("log10(x0)")) == (
        "%0 = sym.log %x0\n%1 = sym.constant 2.302585092994046\n%2 = sym.div %0, %1\n"
        "func.return %2 : f64"
    )
    assert body(build("log1p(x0)")) == (
        "%0 = sym.constant 1.0\n%1 = sym.add %x0, %0\n%2 = sym.log %1\nfunc.return %2 : f64"
    )


def test_caret_is_power_like_double_star():
    assert body(build("-x0^2 + 1")) == body(build("-x0**2 + 1"))
    assert body(build("x0 ^ -1")) == "%0 = sym.powi %x0, -1\nfunc.return %0 : f64"
    (value,) = run(build("2^3^2 + x0"), np.array([0.0]))
    assert value[0] == 512.0
    assert body(build("x0^2^3")) == "%0 = sym.powi %x0, 8\nfunc.return %0 : f64"


def test_caret_errors_point_into_the_users_text():
    err = error("x0^2^2 + foo(x1)")
    assert (err.message, err.column) == ("unknown function 'foo'", 9)
    err = error("x1 ^ ^ 2")
    assert err.column == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x0**0", "%0 = sym.constant 1.0\nfunc.return %0 : f64"),
        ("x0**1", "func.return %x0 : f64"),
        ("x0**2.0", "%0 = sym.powi %x0, 2\nfunc.return %0 : f64"),
        ("x0**-3", "%0 = sym.powi %x0, -3\nfunc.return %0 : f64"),
        ("x0**0.5", "%0 = sym.sqrt %x0\nfunc.return %0 : f64"),
        ("x0**(1/2)", "%0 = sym.sqrt %x0\nfunc.return %0 : f64"),
        ("x0^-0.5", "%0 = sym.sqrt %x0\n%1 = sym.inv %0\nfunc.return %1 : f64"),
        (
            "x0**1.5",
            "%0 = sym.constant 1.5\n%1 = sym.log %x0 {sym.power_base}\n%2 = sym.mul %0, %1\n"
            "%3 = sym.exp %2\nfunc.return %3 : f64",
        ),
        ("E**x0", "%0 = sym.exp %x0\nfunc.return %0 : f64"),
        ("pow(x0, 3)", "%0 = sym.powi %x0, 3\nfunc.return %0 : f64"),
    ],
)
def test_constant_powers(text: str, expected: str):
    assert body(build(text)) == expected


def test_variable_powers():
    x, y = X, Y
    (value,) = run(build("x0 ^ x1"), x, y)
    np.testing.assert_allclose(value, x**y, rtol=1e-14)
    (value,) = run(build("pow_abs(x0, x1)"), -x, y)
    np.testing.assert_allclose(value, x**y, rtol=1e-14)
    (value,) = run(build("x0 ** 1.5"), x)
    np.testing.assert_allclose(value, x**1.5, rtol=1e-14)


def test_constants_pi_and_e():
    (value,) = run(build("pi * x0 + E"), np.array([1.0]))
    assert value[0] == pytest.approx(math.pi + math.e)
    assert input_names(build("E", names=["E"])) == ["E"]
    assert body(build("-2.5 * x0")).startswith("%0 = sym.constant -2.5\n")


def test_default_names_count_up_to_the_highest_index():
    assert input_names(build("x3")) == ["x0", "x1", "x2", "x3"]
    assert input_names(build(["x1", "x0 * 2"])) == ["x0", "x1"]
    assert input_names(build("1.5")) == []


def test_user_names_are_exactly_the_inputs_in_order():
    module = build("pt * cosh(eta)", names=["pt", "eta", "phi"])
    assert input_names(module) == ["pt", "eta", "phi"]
    assert "%pt: f64" in str(module) and "%phi: f64" in str(module)
    (value,) = run(module, X, Y, Y)
    np.testing.assert_allclose(value, X * np.cosh(Y))


def test_user_operators_are_inlined():
    functions = {
        "gauss2": lambda u: sympy.exp(-(u**2)),
        "sc": lambda u: sympy.sin(u) * sympy.cos(u),
    }
    module = build("gauss2(x0) + sc(x1)", functions=functions)
    assert body(module) == dedent(
        """\
        %0 = sym.powi %x0, 2
        %1 = sym.neg %0
        %2 = sym.exp %1
        %3 = sym.cos %x1
        %4 = sym.sin %x1
        %5 = sym.mul %3, %4
        %6 = sym.add %2, %5
        func.return %6 : f64"""
    )
    (value,) = run(module, X, Y)
    np.testing.assert_allclose(value, np.exp(-(X**2)) + np.sin(Y) * np.cos(Y), rtol=1e-14)


def test_user_operator_errors():
    err = error("x0 + f(x0)", functions={"f": lambda u: sympy.zeta(u)})
    assert err.message == "in user operator 'f': unsupported sympy function 'zeta'"
    assert err.column == 5
    err = error("f(x0)", functions={"f": lambda u: u + sympy.Symbol("y")})
    assert err.message == "user operator 'f' uses variables other than its argument: y"
    err = error("f(x0)", functions={"f": lambda u: 1 / 0})
    assert err.message.startswith("user operator 'f' fails on a sympy symbol")
    assert error("f(x0, x1)", functions={"f": sympy.sin}).message == ("f() takes 1 argument, got 2")


def test_locations_are_file_line_col():
    module = build(["x0", "1 + sin(x0)"])
    sin = next(op for op in model(module).walk() if op.name == "sym.sin")
    assert sin.location == FileLineColLoc(StringAttr("<expr>"), IntAttr(2), IntAttr(5))


def test_locations_are_where_pythons_ast_puts_them():
    """A binary op at its left operand (opening parenthesis included), a sign at itself."""
    assert columns(build("-(x0 + x1) * sin(x2) ^ 2")) == [
        ("sym.add", 3),
        ("sym.neg", 1),
        ("sym.sin", 14),
        ("sym.powi", 14),
        ("sym.mul", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "-x0**2",
        "-x0^2",
        "2**-x0",
        "2^-x0^2",
        "-2**2 + x0",
        "x0 - x1 - 1",
        "x0 / x1 / 2",
        "x0 - -x1",
        "x0*-x1",
        "-x0*x1",
        "+x0 - +x1",
        "2**3**2 * x0",
        "(x0 + x1) * (x0 - x1)",
        "x0 ** -1 / x1",
        "1 - x0 ^ 2 * 3",
        "-(x0 + x1) ** 2",
        "x1 ** x0 ** 0.5",
        "sin (x0) ** 2 + pow(x1, 2,)",
    ],
)
def test_precedence_is_pythons(text: str):
    (value,) = run(build(text, names=["x0", "x1"]), X, Y)
    python = eval(text.replace("^", "**"), {"x0": X, "x1": Y, "sin": np.sin, "pow": pow})
    np.testing.assert_allclose(value, python, rtol=1e-15)


def test_comments_keyword_names_and_unicode_names():
    assert body(build("x0 + 1.5  # offset")) == body(build("x0 + 1.5"))
    assert input_names(build("2 * lambda", names=["lambda"])) == ["lambda"]
    assert input_names(build("2 * \ufb01", names=["fi"])) == ["fi"]  # NFKC, as Python


# --- long and deep expressions: no recursion on size or depth -------------------------------


def test_ten_thousand_term_sum():
    rng = np.random.default_rng(7)
    coefficients = rng.normal(size=10_000)
    text = " + ".join(f"{float(c)!r}*x{i % 50}" for i, c in enumerate(coefficients))
    module = build(text)
    counts = Counter(op.name for op in model(module).body.block.ops)
    assert counts == {"sym.constant": 10_000, "sym.mul": 10_000, "sym.add": 9_999, "func.return": 1}
    inputs = rng.uniform(-2.0, 2.0, size=(50, 20))
    (value,) = run(module, *inputs)
    expected = coefficients[0] * inputs[0]
    for i, c in enumerate(coefficients[1:], start=1):
        expected = expected + c * inputs[i % 50]
    np.testing.assert_array_equal(value, expected)


def test_two_thousand_nested_parentheses():
    module = build("(" * 2000 + "x0 + 2.5" + ")" * 2000 + " * x1")
    assert body(module) == (
        "%0 = sym.constant 2.5\n%1 = sym.add %x0, %0\n%2 = sym.mul %1, %x1\nfunc.return %2 : f64"
    )
    assert columns(module) == [("sym.constant", 2006), ("sym.add", 2001), ("sym.mul", 1)]
    assert error("(" * 2000 + "x0").message == "syntax error: '(' was never closed"


def test_five_hundred_nested_calls():
    module = build("sin(" * 500 + "x0" + ")" * 500)
    assert Counter(op.name for op in model(module).body.block.ops) == {
        "sym.sin": 500,
        "func.return": 1,
    }
    (value,) = run(module, X)
    expected = X
    for _ in range(500):
        expected = np.sin(expected)
    np.testing.assert_array_equal(value, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "-" * 2001 + "x0",
            "%0 = sym.neg %x0\n"
            + "".join(f"%{i} = sym.neg %{i - 1}\n" for i in range(1, 2001))
            + "func.return %2000 : f64",
        ),
        ("x0" + "^1" * 2000, "func.return %x0 : f64"),
        ("x0 ** " + "-(" * 1000 + "2" + ")" * 1000, "%0 = sym.powi %x0, 2\nfunc.return %0 : f64"),
    ],
)
def test_deep_signs_and_powers(text: str, expected: str):
    assert body(build(text)) == expected


def test_deep_sympy_expression():
    x0, x1 = sympy.symbols("x0 x1")
    expr = x0
    for level in range(1000):
        expr = (expr + 1) * x1 if level % 2 else sympy.tanh(expr)
    (value,) = run(build(expr), X, Y)
    expected = X
    for level in range(1000):
        expected = (expected + 1) * Y if level % 2 else np.tanh(expected)
    np.testing.assert_array_equal(value, expected)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("x0 +", "syntax error: invalid syntax", 4),
        ("sin(x0", "syntax error: '(' was never closed", 3),
        ("", "empty expression", 0),
        ("x0 + foo(x1)", "unknown function 'foo'", 5),
        ("x0 * nan", "'nan' is not a finite number", 5),
        ("inf", "'inf' is not a finite number", 0),
        ("x0 + 1e999", "constant 1e999 is not a finite number", 5),
        ("x0 - -1e999", "constant 1e999 is not a finite number", 6),
        ("x0 ** 1e999", "exponent is not a finite number", 6),
        ("max(x0, 1)", "max() is not supported (sym has no max or min op)", 0),
        ("x0 + min(x0, 1)", "min() is not supported (sym has no max or min op)", 5),
        ("x0 % 2", "unsupported operator", 3),
        ("x0 < 2", "comparisons are not supported", 0),
        ("np.sin(x0)", "only plain function names can be called", 0),
        ("sin(x=x0)", "sin() takes no keyword arguments", 6),
        ("pow_abs(x0)", "pow_abs() takes 2 arguments, got 1", 0),
        ("x0 + 1j", "unsupported constant 1j", 5),
        ("  \t", "empty expression", 0),
        ("sin((x0", "syntax error: '(' was never closed", 4),
        ("sin(x0))", "syntax error: unmatched ')'", 7),
        ("x0 x1", "syntax error: invalid syntax", 3),
        ("sin(*x0)", "syntax error: invalid syntax", 4),
        ("x0 + $", "syntax error: unexpected character '$'", 5),
        ("x0, x1", "syntax error: ',' outside a function call", 2),
        ("x0 // 2", "unsupported operator", 3),
        ("~x0", "unsupported operator", 0),
        ("sin(x0, x1 < 1)", "comparisons are not supported", 8),
        ("(x0 == 1)", "comparisons are not supported", 1),
        ("x0 and x1", "'and' is not supported", 3),
        ("not x0", "'not' is not supported", 0),
        ("x0 if x1 else 2", "'if' is not supported", 3),
        ("np.pi", "unsupported syntax", 0),
        ("x0 + 2(x1)", "only plain function names can be called", 5),
        ("sin()", "sin() takes 1 argument, got 0", 0),
    ],
)
def test_expression_errors_have_a_caret(text: str, message: str, column: int):
    err = error(text)
    assert (err.message, err.column, err.source) == (message, column, text)


def test_error_rendering():
    err = error("x0 + foo(x1)")
    assert err.render() == ("srcc: error: unknown function 'foo'\n  x0 + foo(x1)\n       ^")
    err = error("pt + y", names=["pt"])
    assert err.message == "unknown variable 'y' (inputs are pt)"


def test_without_names_inputs_are_the_free_variables():
    """x0, x1, ... by number, then in the order of `order` (the ranges'), then naturally."""
    assert Program(build("(2.2 - x/11) + 7*cos(y)")).input_names == ["x", "y"]
    assert Program(build("(2.2 - x/11) + 7*cos(y)", order=["y", "x"])).input_names == ["y", "x"]
    assert Program(build("b10 + a + b2 + x1 + pi")).input_names == ["x0", "x1", "a", "b2", "b10"]
    assert Program(build(sympy.Symbol("y") * sympy.Symbol("x0"))).input_names == ["x0", "y"]


def test_duplicate_names():
    assert error("a", names=["a", "a"]).message == "input name 'a' is given twice"


# --- sympy --------------------------------------------------------------------------------


def test_sympy_expression():
    x0, x1 = sympy.symbols("x0 x1")
    module = build(x0 / 3 - 2 * sympy.sqrt(x1) + sympy.Max(x0, 0))
    assert body(module) == dedent(
        """\
        %0 = sym.constant 3.0
        %1 = sym.div %x0, %0
        %2 = sym.relu %x0
        %3 = sym.add %1, %2
        %4 = sym.constant 2.0
        %5 = sym.sqrt %x1
        %6 = sym.mul %4, %5
        %7 = sym.sub %3, %6
        func.return %7 : f64"""
    )


def test_sympy_values_and_outputs():
    x0, x1 = sympy.symbols("x0 x1")
    exprs = [
        sympy.pi * x0 / (x1 + 1) ** 2 - sympy.Abs(x1) / 7,
        -x0 / 2 + sympy.exp(-(x1**2)) * sympy.sign(x0 - 0.3) + sympy.atan(x1) ** 3,
        x0**x1 + x1 ** sympy.Rational(1, 3) + sympy.log(x0, 2),
    ]
    results = run(build(exprs), X, Y)
    for expr, result in zip(exprs, results, strict=True):
        expected = sympy.lambdify([x0, x1], expr, "numpy")(X, Y)
        np.testing.assert_allclose(result, expected, rtol=1e-13)


def test_sympy_names_and_mixed_lists():
    pt, eta = sympy.symbols("pt eta")
    module = build([pt * sympy.cosh(eta), "pt ^ 2"], names=["pt", "eta"])
    assert input_names(module) == ["pt", "eta"]
    assert len(model(module).function_type.outputs) == 2


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        (sympy.zeta(sympy.Symbol("x0")), "unsupported sympy function 'zeta'"),
        (sympy.Function("f")(sympy.Symbol("x0")), "unsupported sympy function 'f'"),
        (sympy.Min(sympy.Symbol("x0"), 1), "unsupported sympy expression 'Min'"),
        (sympy.Symbol("x0") + sympy.nan, "constant nan is not a finite real number"),
        (sympy.Symbol("x0") * sympy.I, "constant I is not a finite real number"),
    ],
)
def test_sympy_errors(expr: sympy.Basic, message: str):
    assert error(expr).message == message


# --- PySR halls of fame -------------------------------------------------------------------

# scores by PySR's rule: 0, ln(4)/2 = 0.693, -ln(0.9)/2 = 0.053, ln(1.8)/2 = 0.294,
# -ln(0.9) = 0.105. Losses within 1.5 × 0.45: complexities 7 and 8, so "best" is 7
# (3 scores higher but is too inaccurate) and "accuracy" is 8.
HALL_OF_FAME = """\
Complexity,Loss,Equation
1,4.0,"x0"
3,1.0,"(x0 + x1)"
5,0.9,"(x0 + (x1 * 1.1))"
7,0.5,"(x0 + sin(x1))"
8,0.45,"(x0 + (sin(x1) * 0.9))"
"""


@pytest.fixture
def hof(tmp_path: Path) -> Path:
    path = tmp_path / "hall_of_fame.csv"
    path.write_text(HALL_OF_FAME)
    return path


def evaluate_one(module: ModuleOp) -> float:
    (value,) = run(module, np.array([1.0]), np.array([2.0]))
    return float(value[0])


def test_csv_selection(hof: Path):
    assert evaluate_one(build(str(hof))) == 1.0 + math.sin(2.0)
    assert evaluate_one(build(hof, select="accuracy")) == 1.0 + math.sin(2.0) * 0.9
    assert evaluate_one(build(str(hof), complexity=5)) == 1.0 + 2.0 * 1.1
    assert evaluate_one(build(str(hof), complexity=1, names=["x0", "x1"])) == 1.0


def test_csv_locations(hof: Path):
    module = build(str(hof))
    sin = next(op for op in model(module).walk() if op.name == "sym.sin")
    assert sin.location == FileLineColLoc(StringAttr(str(hof)), IntAttr(5), IntAttr(14))


def test_csv_several_outputs(tmp_path: Path, hof: Path):
    second = tmp_path / "hall_of_fame_output1.csv"
    second.write_text('Complexity,Loss,Equation\n1,2.0,"x1"\n4,0.1,"square(x2)"\n')
    module = build([str(hof), str(second)], complexity=[3, 4])
    assert input_names(module) == ["x0", "x1", "x2"]
    values = run(module, np.array([1.0]), np.array([2.0]), np.array([3.0]))
    assert [v[0] for v in values] == [3.0, 9.0]


def test_csv_with_user_names_and_operators(tmp_path: Path):
    path = tmp_path / "hof.csv"
    path.write_text('Complexity,Loss,Equation\n3,0.5,"gauss2(pt) * eta"\n')
    module = build(str(path), names=["pt", "eta"], functions={"gauss2": lambda u: sympy.exp(-u)})
    assert "sym.exp" in str(module)
    (value,) = run(module, np.array([2.0]), np.array([3.0]))
    assert value[0] == pytest.approx(3.0 * math.exp(-2.0))


def test_dataframes():
    frame = pd.DataFrame(
        {
            "complexity": [1, 3, 7, 8],
            "loss": [4.0, 1.0, 0.5, 0.45],
            "score": [0.0, 0.7, 0.2, 0.25],
            "equation": ["x0", "x0 + x1", "x0 + sin(x1)", "x0 + sin(x1) * 0.9"],
        }
    )
    # the given score column is used: complexity 8 scores higher than 7 there
    assert evaluate_one(build(frame)) == 1.0 + math.sin(2.0) * 0.9
    assert evaluate_one(build(frame.drop(columns="score"))) == 1.0 + math.sin(2.0)
    module = build([frame, frame], complexity=3)
    values = run(module, np.array([1.0]), np.array([2.0]))
    assert [v[0] for v in values] == [3.0, 3.0]


def test_dataframe_error_names_the_row():
    frame = pd.DataFrame({"complexity": [1, 2], "loss": [1.0, 0.5], "equation": ["x0", "x0 +"]})
    err = error(frame)
    assert (err.where, err.message) == ("<dataframe> row 1", "syntax error: invalid syntax")


def test_csv_errors(tmp_path: Path, hof: Path):
    empty = tmp_path / "empty.csv"
    empty.write_text("\n")
    assert (error(str(empty)).message, error(str(empty)).where) == ("empty file", str(empty))

    header_only = tmp_path / "header.csv"
    header_only.write_text("Complexity,Loss,Equation\n")
    assert error(str(header_only)).message == "no equations (only a header)"

    columns = tmp_path / "columns.csv"
    columns.write_text("Complexity,MSE\n1,0.5\n")
    assert error(str(columns)).message == (
        "missing column(s) loss, equation (found: complexity, mse)"
    )

    err = error(str(hof), complexity=4)
    assert err.message == "no equation of complexity 4; available: 1, 3, 5, 7, 8"
    assert err.where == str(hof)

    bad = tmp_path / "bad.csv"
    bad.write_text('Complexity,Loss,Equation\n1,1.0,"x0"\n2,0.5,"(x0 + foo(x1))"\n')
    err = error(str(bad))
    assert (err.where, err.message, err.column) == (f"{bad}:3", "unknown function 'foo'", 6)
    assert err.render().startswith(f"srcc: error: {bad}:3: unknown function 'foo'")

    assert error(str(tmp_path / "missing.csv")).message.startswith("cannot read")
    assert error(str(hof), select="simplest").message.startswith("unknown selection 'simplest'")
    assert error([str(hof)], complexity=[1, 3]).message == "2 complexities given for 1 outputs"


def test_csv_equation_longer_than_the_csv_modules_field_limit(tmp_path: Path):
    limit = csv.field_size_limit()
    padding = " " * limit
    path = tmp_path / "hof.csv"
    path.write_text(f'Complexity,Loss,Equation\n4,0.1,"x0 +{padding}sin(x1)"\n')
    assert columns(build(str(path))) == [("sym.sin", limit + 12), ("sym.add", 8)]
    assert csv.field_size_limit() == limit


def test_a_file_is_named_by_its_suffix_or_a_path_object(tmp_path: Path):
    path = tmp_path / "hof"
    path.write_text(HALL_OF_FAME)
    assert evaluate_one(build(path)) == 1.0 + math.sin(2.0)
    message = error(str(path)).message
    assert message.startswith("syntax error") and "read as an expression" in message


def test_bad_sources():
    assert error([]).message == "nothing to compile: the list of expressions is empty"
    assert error(["x0", "hof.csv"]).message == (
        "cannot mix expressions and halls of fame in one model"
    )
    assert error(object()).message == "cannot compile a object"
