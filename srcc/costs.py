"""Per-operator latency for latency-aware symbolic regression (PySR `complexity_of_operators`).

Each operator is compiled alone, in the smallest model that uses it (`x0 + x1`, `sin(x0)`),
at one uniform precision, on an input range where it is defined and stays inside that
precision; its estimated latency (`srcc.analysis.schedule`, an estimate, not a synthesis
result) in whole clock cycles, the last partly used one included, becomes its complexity
(at least 1: PySR needs positive complexities).
Operators that srcc cannot lower yet are listed apart instead of given a made-up figure.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from srcc.analysis.schedule import ESTIMATE_NOTE, CostReport
from srcc.dialects.sym import UNARY_OPS
from srcc.driver import compile as compile_model
from srcc.driver import fixed_type
from srcc.errors import SrccError
from srcc.frontends.expression import BINARY_FUNCTIONS, DERIVED_UNARY, UNARY_ALIASES
from srcc.names import check_clock

Range = tuple[float, float]

BINARY_OPERATORS = ("+", "-", "*", "/", *sorted(BINARY_FUNCTIONS))
"""PySR's binary operators, spelled as PySR spells them (`max`, `greater`, `mod`, ...)."""

MOD_DIVISOR = 0.75
"""`mod`'s smallest model divides by this constant (a variable divisor has no lowering)."""

PYSR_ALIASES = tuple(name for name in UNARY_ALIASES if name.startswith("safe_"))
"""Unary names PySR uses for ops srcc also knows under another name."""

UNARY_OPERATORS = (*UNARY_OPS, *PYSR_ALIASES, *DERIVED_UNARY)
"""Every unary operator name srcc compiles that PySR or a PySR user writes."""

WIDE_RANGE: Range = (-4.0, 4.0)
POSITIVE_RANGE: Range = (0.1, 4.0)
DIVISOR_RANGE: Range = (0.5, 4.0)
_EPSILON = 1e-9
POSITIVE_DOMAIN = frozenset(
    {"log", "sqrt", "inv", "log_abs", "log10", "log2", "log1p", "log10_abs", "log2_abs"}
    | {"logm10", "logm2", "gamma"}
)
OPERATOR_RANGES: dict[str, Range] = {
    "asin": (-0.9, 0.9),
    "acos": (-0.9, 0.9),
    "tan": (-1.4, 1.4),
    "exp": (-4.0, 3.0),
    "cube": (-3.0, 3.0),
    "atanh": (-0.9, 0.9),
    "atanh_clip": (-0.9, 0.9),
    "acosh": (1.0, 4.0),
    "safe_acosh": (1.0, 4.0),
}
"""Input ranges where an operator is defined and its result fits `ap_fixed<16,6>`. Others:
POSITIVE_RANGE for POSITIVE_DOMAIN and the `safe_` forms, else WIDE_RANGE; a divisor
takes DIVISOR_RANGE."""


def operator_range(operator: str) -> Range:
    """The input range of `operator`'s smallest model."""
    if operator in OPERATOR_RANGES:
        return OPERATOR_RANGES[operator]
    if operator in POSITIVE_DOMAIN or operator.startswith("safe_"):
        return POSITIVE_RANGE
    return WIDE_RANGE


@dataclass(frozen=True)
class OperatorCost:
    """One operator's smallest model: its expression and estimated cost."""

    operator: str
    expression: str
    report: CostReport

    @property
    def cycles(self) -> int:
        """The complexity PySR gets: clock cycles from inputs to a registered output, so
        the last, partly used stage counts too (one for a lone add); at least 1."""
        report = self.report
        return max(1, math.ceil(report.latency_ns / report.clock_ns - _EPSILON))

    def to_dict(self) -> dict[str, object]:
        return {
            "cycles": self.cycles,
            "latency_cycles": self.report.latency_cycles,
            "latency_ns": self.report.latency_ns,
            "dsp": self.report.dsp,
            "lut": self.report.lut,
            "ff": self.report.ff,
            "bram18": self.report.bram18,
            "expression": self.expression,
        }


def operator_expression(operator: str) -> tuple[str, dict[str, Range]]:
    """The smallest model that uses `operator`, and its input ranges."""
    if operator == "mod":
        return f"mod(x0, {MOD_DIVISOR})", {"x0": WIDE_RANGE}
    if operator in BINARY_FUNCTIONS:
        return f"{operator}(x0, x1)", {"x0": WIDE_RANGE, "x1": WIDE_RANGE}
    if operator in BINARY_OPERATORS:
        divisor = DIVISOR_RANGE if operator == "/" else WIDE_RANGE
        return f"x0 {operator} x1", {"x0": WIDE_RANGE, "x1": divisor}
    return f"{operator}(x0)", {"x0": operator_range(operator)}


def operator_cost(
    operator: str, precision: str, clock_ns: float, divider: bool | None = None
) -> OperatorCost:
    """Compile `operator`'s smallest model and estimate it; SrccError if it cannot lower.
    `divider`: as `srcc.compile`'s (under a uniform precision, None keeps `/` a table)."""
    expression, ranges = operator_expression(operator)
    model = compile_model(expression, ranges=ranges, precision=precision, divider=divider)
    return OperatorCost(operator, expression, model.cost(clock_ns))


def measure_operators(
    precision: str, clock_ns: float
) -> tuple[dict[str, OperatorCost], dict[str, str]]:
    """Costs of every operator that compiles, and why each other one does not."""
    costs: dict[str, OperatorCost] = {}
    failures: dict[str, str] = {}
    for operator in (*BINARY_OPERATORS, *UNARY_OPERATORS):
        try:
            costs[operator] = operator_cost(operator, precision, clock_ns)
        except SrccError as error:
            failures[operator] = str(error)
    return costs, failures


def operator_costs(
    precision: str = "ap_fixed<16,6>", clock_ns: float = 5.0, fmt: str = "pysr"
) -> str:
    """Per-operator latency as a PySR `complexity_of_operators` dict literal, or as JSON."""
    _check_format(fmt)
    fixed_type(precision)
    check_clock(clock_ns)
    costs, failures = measure_operators(precision, clock_ns)
    divider = operator_cost("/", precision, clock_ns, divider=True)
    return format_operator_costs(costs, failures, precision, clock_ns, fmt, divider)


def format_operator_costs(
    costs: dict[str, OperatorCost],
    failures: dict[str, str],
    precision: str,
    clock_ns: float,
    fmt: str = "pysr",
    divider: OperatorCost | None = None,
) -> str:
    """`pysr`: comment lines, then `{"+": 1, "sin": 2, ...}` (`ast.literal_eval` reads it;
    PySR evaluates each key in Julia, so keep only the operators you pass to PySR).
    `json`: cycles, latency, DSP and LUT of each operator, and the ones that did not compile.
    `divider`: the cost of `/` computed by a divider (`operator_cost(..., divider=True)`),
    which both formats give beside `/`'s, a reciprocal table and a multiplier.
    """
    _check_format(fmt)
    if fmt == "json":
        return _as_json(costs, failures, precision, clock_ns, divider)
    return _as_pysr(costs, failures, precision, clock_ns, divider)


def _check_format(fmt: str) -> None:
    if fmt not in ("pysr", "json"):
        raise SrccError(f"unknown operator-cost format {fmt!r} (pysr or json)")


def _as_json(
    costs: dict[str, OperatorCost],
    failures: dict[str, str],
    precision: str,
    clock_ns: float,
    divider: OperatorCost | None,
) -> str:
    data = {
        "precision": precision,
        "clock_ns": clock_ns,
        "note": ESTIMATE_NOTE,
        "operators": {name: cost.to_dict() for name, cost in costs.items()},
        "not_compiled": failures,
        **({"divider": divider.to_dict()} if divider else {}),
    }
    return json.dumps(data, indent=2)


DIVIDER_NOTE = (
    '"/" is a reciprocal table and a multiplier; where a table misses the budget srcc uses a'
    " divider (always with --divider)"
)


def _as_pysr(
    costs: dict[str, OperatorCost],
    failures: dict[str, str],
    precision: str,
    clock_ns: float,
    divider: OperatorCost | None,
) -> str:
    lines = [f"# latency in cycles at {precision}, {clock_ns:g} ns clock: {ESTIMATE_NOTE}"]
    if failures:
        lines.append(f"# not compiled yet, so left out: {', '.join(failures)}")
    if divider:
        report = divider.report
        lines.append(
            f"# {DIVIDER_NOTE}: {divider.cycles} cycles, {report.lut} LUT, {report.dsp} DSP"
        )
    entries = ", ".join(f"{json.dumps(name)}: {cost.cycles}" for name, cost in costs.items())
    lines.append(f"{{{entries}}}")
    return "\n".join(lines) + "\n"
