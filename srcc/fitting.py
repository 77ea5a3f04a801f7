"""`srcc.fit`: search expressions with pyoperon and price each one with srcc.

The search is pyoperon's NSGA-II over two objectives: the fit (R², with linear scaling)
and a size, either the tree's length (`objective="error"`) or the hardware cost that
srcc's own estimate gives it (`"latency"`: estimated cycles along the slowest path at the
chosen precision and clock; `"resources"`: LUT-equivalents summed over the nodes). As the
seed paper did with PySR's per-operator complexities, the hardware cost of a candidate is
composed from the cost of each operator, each compiled alone by srcc (`srcc.costs`): the
search evaluates tens of thousands of candidates, far too many to compile each.

The result is a hall of fame in PySR's format (`Complexity,Loss,Equation`, equations in
PySR syntax, Loss the mean squared error) plus srcc's columns: each equation compiled
with the input ranges calibrated on the data, at `precision` (default `auto`: the default
error budget) and `clock_ns`. `srcc compile HOF.csv` and `srcc.compile(hall)` read it.
"""

from __future__ import annotations

import csv
import math
import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from srcc.analysis.device_model import ULTRASCALE_PLUS
from srcc.errors import SrccError, quoted
from srcc.extras import require

OPERON_SYMBOLS: dict[str, str] = {
    "+": "add",
    "-": "sub",
    "*": "mul",
    "/": "div",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "exp": "exp",
    "log": "log",
    "sqrt": "sqrt",
    "abs": "abs",
    "sinh": "sinh",
    "cosh": "cosh",
    "tanh": "tanh",
    "asin": "asin",
    "acos": "acos",
    "atan": "atan",
    "square": "square",
    "log_abs": "logabs",
    "sqrt_abs": "sqrtabs",
    "log1p": "log1p",
}
"""The PySR operator names `fit` accepts, and pyoperon's symbol for each: the operators
both pyoperon searches with and srcc compiles."""

DEFAULT_OPERATORS = ("+", "-", "*", "/", "sin", "cos", "exp", "square")
OBJECTIVES = ("error", "latency", "resources")
HARDWARE_OBJECTIVE = "srcc-cost"
"""The name under which the hardware objective enters pyoperon's objective list."""

EQUATION_DECIMALS = 8
WEIGHT_EXAMPLE = "0.7310585786*x0"
"""A variable with a weight (how pyoperon writes every variable) is a constant multiply."""

LUTRAM_BITS_PER_LUT = 64
"""A LUT6 holds 64 bits as distributed RAM."""
BRAM18_BITS = 18432

HALL_OF_FAME_COLUMNS = (
    "Complexity",
    "Loss",
    "Equation",
    "latency_cycles",
    "latency_ns",
    "II",
    "LUT",
    "FF",
    "DSP",
    "error_bound",
)


@dataclass
class HallOfFame:
    """Equations found by `fit`, one row each (`HALL_OF_FAME_COLUMNS`), by complexity.

    It reads like `PySRRegressor.equations_` (`columns`, `to_dict("list")`), so
    `srcc.compile(hall, calibrate=X, names=hall.names)` picks and compiles one."""

    rows: list[dict[str, Any]]
    names: list[str]
    ranges: list[tuple[float, float]]
    """Each input's range as calibrated on the data (what the srcc columns assumed)."""
    dropped: list[tuple[str, str]] = field(default_factory=list)
    """Equations srcc could not compile or evaluate, with the reason."""

    @property
    def columns(self) -> list[str]:
        return list(HALL_OF_FAME_COLUMNS)

    def to_dict(self, orient: str = "list") -> dict[str, list[Any]]:
        if orient != "list":
            raise SrccError(f"HallOfFame.to_dict supports orient='list', not {quoted(orient)}")
        return {name: [row[name] for row in self.rows] for name in HALL_OF_FAME_COLUMNS}

    @property
    def equations(self) -> list[str]:
        return [row["Equation"] for row in self.rows]

    def to_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write the CSV; a file is only ever replaced whole."""
        target = Path(path)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with open(partial, "w", encoding="utf-8", newline="") as file:
                writer = csv.DictWriter(file, HALL_OF_FAME_COLUMNS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(self.rows)
            os.replace(partial, target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise SrccError(f"cannot write {target}: {error.strerror}") from None
        return target

    def compile_command(self, path: str) -> str:
        """The `srcc compile` line that builds one of these equations."""
        ranges = " ".join(
            f"--range {name}={lo:.6g}:{hi:.6g}" for name, (lo, hi) in zip(self.names, self.ranges)
        )
        return f"srcc compile {path} --names {','.join(self.names)} {ranges}"


def fit(
    X: Any,
    y: Any,
    *,
    names: Sequence[str] | None = None,
    operators: Sequence[str] = DEFAULT_OPERATORS,
    objective: str = "error",
    max_length: int = 20,
    generations: int = 40,
    population: int = 300,
    seed: int = 0,
    precision: str = "auto",
    clock_ns: float = 5.0,
    max_rows: int = 5000,
) -> HallOfFame:
    """Search expressions y ≈ f(X) with pyoperon; the Pareto front as a priced hall of fame.

    `operators` are PySR names (`OPERON_SYMBOLS`); `objective` the second objective next
    to the fit; at most `max_rows` rows (drawn with `seed`) are searched on; `precision`
    and `clock_ns` price the hardware objective and the srcc columns."""
    rows, targets = training_rows(X, y, max_rows, seed)
    input_names = _input_names(names, rows.shape[1])
    checked_operators = _checked_operators(operators)
    _check_search(objective, max_length, generations, population)
    cost = None
    if objective != "error":
        cost = TreeCost.priced(objective, checked_operators, precision, clock_ns)
    regressor = _regressor(
        cost,
        allowed_symbols=",".join(
            ["constant", "variable", *(OPERON_SYMBOLS[o] for o in checked_operators)]
        ),
        objectives=["r2", "length" if cost is None else HARDWARE_OBJECTIVE],
        optimizer_iterations=10,
        max_length=max_length,
        generations=generations,
        population_size=population,
        random_state=seed,
        n_threads=1,
    )
    regressor.fit(rows, targets)
    front = [
        (int(solution["length"]), _equation(regressor, solution["tree"], input_names))
        for solution in regressor.pareto_front_
    ]
    return price_equations(front, rows, targets, input_names, precision, clock_ns)


def training_rows(X: Any, y: Any, max_rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """X and y as float arrays, at most `max_rows` rows drawn without replacement."""
    rows = np.asarray(X, dtype=np.float64)
    targets = np.asarray(y, dtype=np.float64).reshape(-1)
    if rows.ndim != 2 or len(rows) != len(targets) or len(rows) == 0:
        raise SrccError(
            f"X must be (rows, features) and y one value per row, got {np.shape(X)}"
            f" and {np.shape(y)}"
        )
    if not (np.isfinite(rows).all() and np.isfinite(targets).all()):
        raise SrccError("the data holds NaN or infinite values")
    if max_rows < 1:
        raise SrccError(f"max_rows must be positive, got {max_rows}")
    if len(rows) > max_rows:
        chosen = np.sort(np.random.default_rng(seed).choice(len(rows), max_rows, replace=False))
        rows, targets = rows[chosen], targets[chosen]
    return rows, targets


@dataclass(frozen=True)
class TreeCost:
    """The hardware cost of a pyoperon tree, composed from per-operator srcc estimates:
    latency in cycles along the slowest path (ns per node summed, over the clock), or
    LUT-equivalents summed over the nodes."""

    latency: bool
    clock_ns: float
    node_cost: Mapping[Any, float]
    """pyoperon NodeType → the operator's ns (latency) or LUT-equivalents."""
    weight_cost: float
    """A variable times its weight: a constant multiply."""

    @staticmethod
    def priced(
        objective: str, operators: Sequence[str], precision: str, clock_ns: float
    ) -> TreeCost:
        import srcc
        from srcc.costs import WIDE_RANGE, operator_cost

        operon = require("pyoperon", "srcc fit")
        latency = objective == "latency"

        def price(report: Any) -> float:
            return report.latency_ns if latency else lut_equivalents(report)

        node_cost = {}
        for operator in operators:
            node_type = getattr(operon.NodeType, OPERON_SYMBOLS[operator].capitalize())
            node_cost[node_type] = price(operator_cost(operator, precision, clock_ns).report)
        weighted = srcc.compile(WEIGHT_EXAMPLE, ranges={"x0": WIDE_RANGE}, precision=precision)
        return TreeCost(latency, clock_ns, node_cost, price(weighted.cost(clock_ns)))

    def __call__(self, tree: Any) -> float:
        stack: list[float] = []
        for node in tree.Nodes:  # postfix: operands before their node
            if node.IsConstant:
                stack.append(0.0)
            elif node.IsVariable:
                stack.append(0.0 if node.Value == 1.0 else self.weight_cost)
            else:
                operands = [stack.pop() for _ in range(node.Arity)]
                inner = max(operands) if self.latency else sum(operands)
                stack.append(inner + self.node_cost[node.Type])
        return stack[-1] / self.clock_ns if self.latency else stack[-1]


def lut_equivalents(report: Any) -> float:
    """One resource figure for a cost estimate: LUTs, plus DSPs, LUTRAM bits and BRAM18s
    converted to the LUTs they stand for (a DSP as the device model prices it when a
    constant product may go either way)."""
    memory_bits = report.lutram_bits + report.bram18 * BRAM18_BITS
    luts_per_dsp = ULTRASCALE_PLUS.dsp_lut_equivalent
    return report.lut + luts_per_dsp * report.dsp + memory_bits / LUTRAM_BITS_PER_LUT


def price_equations(
    front: Sequence[tuple[int, str]],
    rows: np.ndarray,
    targets: np.ndarray,
    names: list[str],
    precision: str,
    clock_ns: float,
) -> HallOfFame:
    """Each (complexity, equation) with its loss on the data and srcc's estimates."""
    from srcc.driver import resolve_ranges

    ranges = resolve_ranges(names, None, rows)
    priced: list[dict[str, Any]] = []
    dropped: list[tuple[str, str]] = []
    for complexity, equation in sorted(set(front)):
        try:
            priced.append(
                _priced_row(complexity, equation, rows, targets, names, precision, clock_ns)
            )
        except SrccError as error:
            dropped.append((equation, str(error)))
    return HallOfFame(pareto_rows(priced), names, ranges, dropped)


def pareto_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """As PySR keeps its hall of fame: by complexity, each row with a lower loss than every
    simpler one (so one row per complexity)."""
    front: list[dict[str, Any]] = []
    for row in sorted(rows, key=lambda row: (row["Complexity"], row["Loss"])):
        if not front or row["Loss"] < front[-1]["Loss"]:  # sorted: a tie in complexity loses
            front.append(row)
    return front


def _priced_row(
    complexity: int,
    equation: str,
    rows: np.ndarray,
    targets: np.ndarray,
    names: list[str],
    precision: str,
    clock_ns: float,
) -> dict[str, Any]:
    import srcc

    predicted = srcc.parse(equation, names=names).evaluate(rows)[:, 0]
    loss = float(np.mean((predicted - targets) ** 2))
    if not math.isfinite(loss):
        raise SrccError("not finite on the data")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", srcc.SrccWarning)
        model = srcc.compile(equation, names=names, calibrate=rows, precision=precision)
    cost = model.cost(clock_ns)
    return {
        "Complexity": complexity,
        "Loss": loss,
        "Equation": equation,
        "latency_cycles": cost.latency_cycles,
        "latency_ns": round(cost.latency_ns, 3),
        "II": cost.ii,
        "LUT": cost.lut,
        "FF": cost.ff,
        "DSP": cost.dsp,
        "error_bound": float(model.error_bound[0]),
    }


def _equation(regressor: Any, tree: Any, names: list[str]) -> str:
    with warnings.catch_warnings():  # a constant model is kept, as PySR keeps one
        warnings.filterwarnings("ignore", "Model contains no variables")
        return regressor.get_model_string(tree, EQUATION_DECIMALS, names)


def _regressor(cost: TreeCost | None, **params: Any) -> Any:
    """pyoperon's regressor; with `cost`, its second objective is that hardware cost."""
    operon = require("pyoperon", "srcc fit")
    sklearn = require("pyoperon.sklearn", "srcc fit")

    class HardwareAwareRegressor(sklearn.SymbolicRegressor):  # type: ignore[misc,name-defined]
        def _validate_params(self, resolved: dict[str, Any]) -> None:
            known = [name for name in resolved["objectives"] if name != HARDWARE_OBJECTIVE]
            super()._validate_params({**resolved, "objectives": known})

        def _init_evaluator(self, objective: str, problem: Any, dtable: Any, uncertainty: Any):
            if objective == HARDWARE_OBJECTIVE:
                assert cost is not None
                return operon.UserDefinedEvaluator(
                    problem, lambda _rng, individual: [cost(individual.Genotype)]
                )
            return super()._init_evaluator(objective, problem, dtable, uncertainty)

    return HardwareAwareRegressor(**params)


def _input_names(names: Sequence[str] | None, count: int) -> list[str]:
    if names is None:
        return [f"x{i}" for i in range(count)]
    from srcc.names import check_input_name

    if len(names) != count:
        raise SrccError(f"{len(names)} names given for {count} features")
    return [check_input_name(name) for name in names]


def _checked_operators(operators: Sequence[str]) -> list[str]:
    unknown = [name for name in operators if name not in OPERON_SYMBOLS]
    if unknown:
        raise SrccError(
            f"operator {quoted(unknown[0])} is not one pyoperon searches with and srcc compiles"
            f" (use: {' '.join(OPERON_SYMBOLS)})"
        )
    if not operators:
        raise SrccError("no operators given")
    return list(dict.fromkeys(operators))


def _check_search(objective: str, max_length: int, generations: int, population: int) -> None:
    if objective not in OBJECTIVES:
        raise SrccError(f"unknown objective {quoted(objective)} (use: {', '.join(OBJECTIVES)})")
    for name, value, least in (
        ("max_length", max_length, 2),  # pyoperon's trees start at a node and its operand
        ("generations", generations, 1),
        ("population", population, 1),
    ):
        if value < least:
            raise SrccError(f"{name} must be at least {least}, got {value}")


def read_data(
    path: str, target: str | None, features: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray | None, list[str]]:
    """A numeric CSV with a header: the feature columns (`features`, else every column but
    `target`), the target column (None without `target`) and the feature names."""
    from srcc.frontends.files import read_text

    lines = [row for row in csv.reader(read_text(path).splitlines()) if row]
    if len(lines) < 2:
        raise SrccError("needs a header line and at least one row", where=path)
    header = [name.strip() for name in lines[0]]
    wanted = list(features) if features else [n for n in header if n != target]
    missing = [n for n in [*wanted, *([target] if target else [])] if n not in header]
    if missing:
        raise SrccError(
            f"no column {quoted(missing[0])} (columns: {', '.join(header)})", where=path
        )
    table = _numeric(lines[1:], len(header), path)
    X = table[:, [header.index(n) for n in wanted]]
    y = table[:, header.index(target)] if target else None
    return X, y, wanted


def _numeric(lines: list[list[str]], columns: int, path: str) -> np.ndarray:
    values = np.empty((len(lines), columns))
    for number, line in enumerate(lines, start=2):
        if len(line) != columns:
            raise SrccError(f"expected {columns} fields, got {len(line)}", where=f"{path}:{number}")
        try:
            values[number - 2] = [float(field) for field in line]
        except ValueError as error:
            raise SrccError(str(error), where=f"{path}:{number}") from None
    return values
