"""Per-operator latency for PySR's `complexity_of_operators` (`srcc.costs`)."""

import ast
import json
import re

import pytest

from srcc.costs import (
    BINARY_OPERATORS,
    UNARY_OPERATORS,
    OperatorCost,
    format_operator_costs,
    measure_operators,
    operator_cost,
    operator_costs,
)
from srcc.errors import SrccError

PRECISION = "ap_fixed<16,6>"
ALWAYS_COMPILED = ("+", "-", "*", "neg", "abs", "relu", "sign", "square", "cube")
DISCRETE = (
    "max", "min", "mod", "cond", "greater", "logical_or", "logical_and", "floor", "ceil", "round"
)  # fmt: skip
"""Operators that lower to comparators, muxes, bit slices and constant multipliers."""
"""Operators that lower without a table: they must always be measured."""


@pytest.fixture(scope="module")
def measured() -> tuple[dict[str, OperatorCost], dict[str, str]]:
    return measure_operators(PRECISION, 5.0)


def left_out(text: str) -> list[str]:
    match = re.search(r"^# not compiled yet, so left out: (.*)$", text, re.MULTILINE)
    return match[1].split(", ") if match else []


def test_pysr_output_is_a_dict_of_positive_ints_over_every_operator(
    measured: tuple[dict[str, OperatorCost], dict[str, str]],
) -> None:
    text = format_operator_costs(*measured, PRECISION, 5.0, "pysr")
    complexities = ast.literal_eval(text)
    assert isinstance(complexities, dict)
    assert all(isinstance(v, int) and v >= 1 for v in complexities.values())
    assert set(complexities) | set(left_out(text)) == {*BINARY_OPERATORS, *UNARY_OPERATORS}
    assert set(ALWAYS_COMPILED) <= set(complexities)
    assert "sin" in UNARY_OPERATORS and "safe_log" in UNARY_OPERATORS


def test_json_output_has_cycles_dsp_and_lut(
    measured: tuple[dict[str, OperatorCost], dict[str, str]],
) -> None:
    data = json.loads(format_operator_costs(*measured, PRECISION, 5.0, "json"))
    assert data["precision"] == PRECISION and data["clock_ns"] == 5.0
    assert "not synthesis results" in data["note"]
    operators = data["operators"]
    assert set(operators) | set(data["not_compiled"]) == {*BINARY_OPERATORS, *UNARY_OPERATORS}
    # A 16 x 16 product is one DSP48E2; an add is a 17-bit carry chain.
    assert operators["*"]["dsp"] == 1 and operators["*"]["lut"] == 0
    assert operators["+"] == {
        "cycles": 1,
        "latency_cycles": 0,
        "latency_ns": 0.755,
        "dsp": 0,
        "lut": 17,
        "ff": 0,
        "bram18": 0,
        "expression": "x0 + x1",
    }


def test_discrete_operators_need_no_dsp_and_no_table(
    measured: tuple[dict[str, OperatorCost], dict[str, str]],
) -> None:
    costs, _ = measured
    for operator in DISCRETE:
        report = costs[operator].report
        assert (report.dsp, report.bram18) == (0, 0), operator
        assert costs[operator].cycles <= 2, operator
    assert costs["floor"].report.lut == 0  # dropping bits is wiring


def test_add_and_mul_cost_one_cycle_as_on_a_vu9p() -> None:
    for operator in ("+", "-", "*"):
        assert operator_cost(operator, PRECISION, 5.0).cycles == 1


def test_a_faster_clock_never_lowers_the_latency() -> None:
    slow = operator_cost("cube", PRECISION, 5.0).report.latency_cycles
    fast = operator_cost("cube", PRECISION, 1.0).report.latency_cycles
    assert fast > slow


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(SrccError, match="pysr or json"):
        operator_costs(fmt="yaml")


def test_both_formats_give_the_divider_beside_the_reciprocal_table(
    measured: tuple[dict[str, OperatorCost], dict[str, str]],
) -> None:
    divider = operator_cost("/", PRECISION, 5.0, divider=True)
    table = measured[0]["/"]
    # A 16-bit quotient is 16 subtract-and-select rows: slower and larger than a table.
    assert divider.cycles > table.cycles and divider.report.lut > table.report.lut
    text = format_operator_costs(*measured, PRECISION, 5.0, "pysr", divider)
    line = f"{divider.cycles} cycles, {divider.report.lut} LUT, 0 DSP"
    assert '# "/" is a reciprocal table and a multiplier; where a table misses' in text
    assert text.splitlines()[1].endswith(line)
    assert ast.literal_eval(text) == ast.literal_eval(
        format_operator_costs(*measured, PRECISION, 5.0, "pysr")
    )
    data = json.loads(format_operator_costs(*measured, PRECISION, 5.0, "json", divider))
    assert data["divider"] == divider.to_dict() and data["operators"]["/"] == table.to_dict()
