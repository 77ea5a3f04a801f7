"""Choosing among a sweep's rows: Pareto fronts, their plots, and `--pick` rules.

A rule is `min|max FIELD [where FIELD OP NUMBER [and FIELD OP NUMBER]...]`, with OP one of
`<= < >= > ==`, read by a small tokenizer and parser (never evaluated as Python):
`"min latency where error<=0.01"`, `"max accuracy where luts < 2000 and dsp <= 4"`.
FIELD is a numeric column of sweep.csv or an alias (`ALIASES`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from srcc.errors import SrccError, quoted
from srcc.extras import require

NUMERIC_FIELDS = (
    "complexity",
    "latency_cycles",
    "latency_ns",
    "ii",
    "lut",
    "ff",
    "dsp",
    "bram18",
    "lutram_bits",
    "error_bound",
    "loss",
    "firmware_error",
    "accuracy",
    "roc_auc",
    "seconds",
    "rtlsim_latency",
    *(f"measured_{resource}" for resource in ("lut", "ff", "dsp", "bram18", "carry", "lutram")),
)
ALIASES = {"latency": "latency_ns", "luts": "lut", "cycles": "latency_cycles"}
"""Rule names for columns; `error` is the plotted error (`error_column`)."""

COMPARISONS = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "==": lambda a, b: a == b,
}
_TOKEN = re.compile(
    r"\s*(<=|>=|==|<|>|[A-Za-z_][A-Za-z0-9_]*|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
)


@dataclass(frozen=True)
class Condition:
    field: str
    comparison: str
    value: float

    def holds(self, row: dict[str, Any]) -> bool:
        value = row.get(self.field)
        return _is_number(value) and COMPARISONS[self.comparison](value, self.value)


@dataclass(frozen=True)
class PickRule:
    """`min FIELD where ...`: the row with the smallest (or largest) FIELD among those
    that meet every condition."""

    goal: str
    field: str
    conditions: tuple[Condition, ...]

    def choose(self, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
        eligible = [
            row
            for row in rows
            if not row.get("failure")
            and _is_number(row.get(self.field))
            and all(condition.holds(row) for condition in self.conditions)
        ]
        if not eligible:
            raise SrccError(f"--pick: no row meets {self}")
        sign = 1 if self.goal == "min" else -1
        return min(eligible, key=lambda row: (sign * row[self.field], row["latency_ns"]))

    def __str__(self) -> str:
        where = " and ".join(f"{c.field}{c.comparison}{c.value:g}" for c in self.conditions)
        return f"{self.goal} {self.field}" + (f" where {where}" if where else "")


def parse_rule(text: str, error_field: str) -> PickRule:
    """The rule in `text`; `error` names `error_field`. SrccError on anything else."""
    tokens = _tokens(text)
    position = 0

    def take(what: str) -> str:
        nonlocal position
        if position >= len(tokens):
            raise SrccError(f"--pick {quoted(text)}: expected {what} at the end")
        position += 1
        return tokens[position - 1]

    goal = take("min or max")
    if goal not in ("min", "max"):
        raise SrccError(f"--pick {quoted(text)}: a rule starts with min or max, not {quoted(goal)}")
    field = _field(take("a field"), text, error_field)
    conditions: list[Condition] = []
    if position < len(tokens):
        keyword = "where"
        while position < len(tokens):
            if take(keyword) != keyword:
                raise SrccError(
                    f"--pick {quoted(text)}: expected {quoted(keyword)}"
                    f" at {quoted(tokens[position - 1])}"
                )
            name = _field(take("a field"), text, error_field)
            comparison = take("a comparison")
            if comparison not in COMPARISONS:
                raise SrccError(
                    f"--pick {quoted(text)}: {quoted(comparison)} is not one of <= < >= > =="
                )
            conditions.append(Condition(name, comparison, _number(take("a number"), text)))
            keyword = "and"
    return PickRule(goal, field, tuple(conditions))


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None:
            raise SrccError(f"--pick {quoted(text)}: cannot read {quoted(text[position:].strip())}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def _field(name: str, text: str, error_field: str) -> str:
    field = error_field if name == "error" else ALIASES.get(name, name)
    if field not in NUMERIC_FIELDS:
        known = ", ".join(["error", *ALIASES, *NUMERIC_FIELDS])
        raise SrccError(f"--pick {quoted(text)}: unknown field {quoted(name)} (fields: {known})")
    return field


def _number(token: str, text: str) -> float:
    try:
        return float(token)
    except ValueError:
        raise SrccError(f"--pick {quoted(text)}: {quoted(token)} is not a number") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _comparable(rows: Sequence[dict[str, Any]], x: str, y: str) -> list[dict[str, Any]]:
    """The rows that did not fail and have numbers for x and y."""
    return [
        r for r in rows if not r.get("failure") and _is_number(r.get(x)) and _is_number(r.get(y))
    ]


def pareto_front(rows: Sequence[dict[str, Any]], x: str, y: str) -> list[dict[str, Any]]:
    """The rows, of those that did not fail, no other row beats on both x and y (both
    minimised), by increasing x."""
    points = _comparable(rows, x, y)
    front: list[dict[str, Any]] = []
    for row in sorted(points, key=lambda r: (r[x], r[y])):
        if not front or row[y] < front[-1][y]:
            front.append(row)
    return front


AXIS_LABELS = {
    "latency_ns": "estimated latency (ns)",
    "lut": "estimated LUTs",
    "measured_lut": "LUTs measured by Yosys (synth_xilinx)",
    "error_bound": "proven error bound (absolute, output units)",
    "loss": "mean squared error vs target on the data (output units²)",
}


def plot_front(rows: Sequence[dict[str, Any]], x: str, y: str, path: Path, title: str) -> Path:
    """Every row that did not fail as a grey point, the Pareto front in colour, y on a log
    scale."""
    require("matplotlib", "the sweep's plots")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = _comparable(rows, x, y)
    front = pareto_front(points, x, y)
    figure, axes = plt.subplots(figsize=(6.4, 4.4), dpi=120)
    axes.scatter([r[x] for r in points], [r[y] for r in points], s=14, c="0.7", label="all")
    axes.step(
        [r[x] for r in front],
        [r[y] for r in front],
        where="post",
        color="tab:red",
        marker="o",
        label="Pareto front",
    )
    if all(r[y] > 0 for r in points) and points:
        axes.set_yscale("log")
    axes.set_xlabel(AXIS_LABELS[x])
    axes.set_ylabel(AXIS_LABELS[y])
    axes.set_title(title)
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path
