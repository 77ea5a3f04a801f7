"""docs/operators.md: every operator srcc compiles, generated from the registries it uses.

    python -m srcc.operators_doc > docs/operators.md

Rows come from the `sym` dialect's op registries (`UNARY_OPS`, `BINARY_OPS`), the
frontends' spellings (`UNARY_ALIASES`, `DERIVED_UNARY`, `SYMPY_UNARY`) and PySR's documented
operator list (`PYSR_OPERATORS`); each operator's hardware, latency and resources come from
compiling its smallest model (`srcc.costs.operator_expression`) and reading the `fix` IR
and the cost estimate; its error behaviour and guard from the error model's table
registry and the op's singularity. tests/test_operators_doc.py holds the committed file
equal to this output, so it cannot drift from the compiler.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from xdsl.dialects import func

from srcc.analysis.lut_tables import HOLDER_HALF, PERIODIC
from srcc.analysis.precision import TABLE_FUNCTIONS
from srcc.costs import BINARY_OPERATORS, OperatorCost, operator_expression
from srcc.dialects import fix, sym
from srcc.driver import compile as compile_model
from srcc.errors import SrccError, SrccWarning
from srcc.frontends.expression import DERIVED_UNARY, UNARY_ALIASES
from srcc.frontends.sympy_expr import SYMPY_UNARY

PRECISION = "ap_fixed<16,6>"
CLOCK_NS = 5.0

PYSR_OPERATORS = (
    *("+", "-", "*", "/", "^", "max", "min", "mod", "cond", "greater", "logical_or"),
    *("logical_and", "neg", "square", "cube", "exp", "abs", "log", "log10", "log2", "log1p"),
    *("sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "asinh", "acosh"),
    *("atanh_clip", "erf", "erfc", "gamma", "relu", "round", "floor", "ceil", "sign"),
    *("inv", "safe_log", "safe_log2", "safe_log10", "safe_log1p", "safe_sqrt", "safe_acosh"),
    *("safe_pow", "log_abs", "log10_abs", "log2_abs", "log1p_abs", "sqrt_abs", "acosh_abs"),
    *("logm", "logm10", "logm2", "sqrtm", "asin", "acos", "atanh"),
)
"""Operators PySR documents (docs/operators.md of PySR across its versions, and
SymbolicRegression.jl's `safe_` forms), as PySR spells them in a hall of fame."""

BINARY_SPELLINGS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
"""PySR's symbol for each binary `sym` op that has one."""
SYMPY_BINARY = {"add": "`Add`", "sub": "`Add`", "mul": "`Mul`", "div": "`Mul`, `Pow`"}
"""How sympy writes the arithmetic ops (a difference is a sum, a quotient a power -1)."""

EXACT_ERRORS = {
    "add": "exact; the sum's error is its operands' (then truncated to its bits: 1 ulp)",
    "sub": "exact; as add",
    "mul": "exact; |a| E_b + |b| E_a + E_a E_b (then truncated: 1 ulp)",
    "neg": "exact, 1-Lipschitz",
    "abs": "exact, 1-Lipschitz",
    "relu": "exact, 1-Lipschitz",
    "sign": "exact; jumps by up to 2 where its argument's error can cross 0",
    "square": "as mul (x * x)",
    "cube": "as mul (x * x * x)",
    "div": "as inv (a reciprocal table) and mul; a divider where the table misses the budget",
}
"""What the error model does with each op that is not a table (analysis/precision.py)."""


@dataclass(frozen=True)
class Row:
    """One operator of the table."""

    srcc: str
    pysr: str
    sympy: str
    expression: str
    hardware: str
    cost: OperatorCost | None
    error: str
    guard: str


def _code(names: list[str]) -> str:
    return ", ".join(f"`{name}`" for name in names) or "—"


def _pysr_names(op_name: str) -> list[str]:
    spelled = BINARY_SPELLINGS.get(op_name, op_name)
    aliases = [alias for alias, target in UNARY_ALIASES.items() if target == op_name]
    return [name for name in (spelled, *aliases) if name in PYSR_OPERATORS]


def _sympy_names(op_name: str) -> list[str]:
    return [cls.__name__ for cls, target in SYMPY_UNARY.items() if target == op_name]


def _hardware(model_function: func.FuncOp) -> str:
    """The ops of a compiled smallest model, inputs' rounding and output casts left out."""
    parts = []
    for op in model_function.body.block.ops:
        if isinstance(op, fix.CastOp | fix.ConstantOp | func.ReturnOp):
            continue
        if isinstance(op, fix.LutOp):
            layout = [op.symmetry.data] if op.symmetry.data != "none" else []
            layout += ["interpolated"] if op.interpolated else []
            details = f" ({', '.join(layout)})" if layout else ""
            parts.append(f"`fix.lut` {op.function.data}{details}")
        else:
            parts.append(f"`{op.name}`")
    return ", ".join(dict.fromkeys(parts)) or "wires"


def _error(op_name: str) -> str:
    if op_name in TABLE_FUNCTIONS:
        text = "table: proven max_error + max|f'| × argument error"
        if op_name in HOLDER_HALF:
            text += f", or {HOLDER_HALF[op_name]:.3g}·√(error) where f' is unbounded"
        if op_name in PERIODIC:
            text += "; a quarter-wave table over wide ranges"
        return text
    return EXACT_ERRORS.get(op_name, "exact (see analysis/precision.py)")


def _guard(op_name: str) -> str:
    op = sym.UNARY_OPS.get(op_name)
    if op is None or op.SINGULARITY is None:
        return ""
    if op.SINGULARITY is sym.Singularity.NONZERO:
        return "guarded where its argument reaches 0: |u| >= eps, returns f(±eps) there"
    return "guarded where its argument reaches <= 0: u >= eps, returns f(eps) there"


def _domain(op_name: str) -> str:
    op = sym.UNARY_OPS.get(op_name) or sym.BINARY_OPS.get(op_name)
    doc = (op.__doc__ or "").strip() if op is not None else ""
    return doc.splitlines()[0] if doc else ""


def _measure(name: str) -> tuple[str, str, OperatorCost | None]:
    """The smallest model's expression, its hardware and its cost (none if it fails)."""
    expression, ranges = operator_expression(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SrccWarning)
            model = compile_model(expression, ranges=ranges, precision=PRECISION)
    except SrccError as error:
        return expression, f"not compiled: {error}", None
    cost = OperatorCost(name, expression, model.cost(CLOCK_NS))
    return expression, _hardware(model.firmware), cost


def _rows() -> Iterator[Row]:
    for op_name in sym.BINARY_OPS:
        name = BINARY_SPELLINGS.get(op_name, op_name)
        measured = _measure(name) if name in BINARY_OPERATORS else (f"x0 {name} x1", "", None)
        guard = _guard("inv") if op_name == "div" else ""
        yield Row(
            op_name,
            _code(_pysr_names(op_name)),
            SYMPY_BINARY.get(op_name, "—"),
            *measured,
            _error(op_name),
            guard or _domain(op_name),
        )
    for op_name in sym.UNARY_OPS:
        guard = _guard(op_name) or _domain(op_name)
        yield Row(
            op_name,
            _code(_pysr_names(op_name)),
            _code(_sympy_names(op_name)),
            *_measure(op_name),
            _error(op_name),
            guard,
        )
    for name in DERIVED_UNARY:
        yield Row(
            name,
            _code([name] if name in PYSR_OPERATORS else []),
            "—",
            *_measure(name),
            "as the ops it is built from",
            "",
        )


def _cell(cost: OperatorCost | None, field: str) -> str:
    if cost is None:
        return "—"
    if field == "cycles":
        return str(cost.cycles)
    return str(getattr(cost.report, field))


def _unsupported() -> list[str]:
    """PySR operators no frontend spelling reaches."""
    known = {
        *BINARY_SPELLINGS.values(),
        *sym.UNARY_OPS,
        *sym.BINARY_OPS,
        *UNARY_ALIASES,
        *DERIVED_UNARY,
        "^",
        "pow",
        "safe_pow",
    }
    return [name for name in PYSR_OPERATORS if name not in known]


def render() -> str:
    """The whole of docs/operators.md."""
    lines = [
        "# Operators",
        "",
        "Generated by `python -m srcc.operators_doc > docs/operators.md` from the registries",
        "the compiler uses (do not edit: tests/test_operators_doc.py compares this file with",
        "the generator's output). Each operator's hardware, latency (clock cycles, PySR's",
        "`complexity_of_operators` as `srcc costs` gives it), LUTs and DSPs are those of its",
        f"smallest model (`sin(x0)`, `x0 + x1`) compiled at `{PRECISION}` and estimated at",
        f"{CLOCK_NS:g} ns by srcc's cost model (estimates, not synthesis results).",
        "",
        "| srcc | PySR | sympy | smallest model | hardware | cycles | LUT | DSP | error"
        " | guard, domain |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in _rows():
        cells = [
            f"`{row.srcc}`",
            row.pysr,
            row.sympy,
            f"`{row.expression}`",
            row.hardware,
            _cell(row.cost, "cycles"),
            _cell(row.cost, "lut"),
            _cell(row.cost, "dsp"),
            row.error,
            row.guard,
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    lines += [
        "",
        "Other spellings: `x ** y`, `x ^ y`, `pow(x, y)` and `safe_pow(x, y)` are powers (an",
        "integer exponent multiplies, 0.5 is `sqrt`, others exp(y log x)); `pow_abs(x, y)` is",
        "exp(y log|x|); `log(x, b)` is log(x) / log(b); constants `pi` and `E`.",
        "",
        "PySR operators srcc does not compile yet: "
        + (_code(_unsupported()) if _unsupported() else "none")
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    print(render(), end="")


if __name__ == "__main__":
    main()
