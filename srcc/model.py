"""`srcc.compile` and the `Model` it returns: firmware IR, bit-accurate predictions, bounds."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from xdsl.dialects import builtin, func
from xdsl.utils.exceptions import DiagnosticException

from srcc.api import (
    Program,
    Ranges,
    _as_rows,
    diagnostic_to_error,
    parse,
    resolve_ranges,
    set_input_ranges,
)
from srcc.dialects import fix
from srcc.errors import SrccError, SrccWarning
from srcc.passes.fixed_format import Format
from srcc.passes.lower_sym_to_fix import lower_function, make_plan, parse_format
from srcc.passes.precision import Plan
from srcc.runtime.emulator import Emulator
from srcc.runtime.fixed import quantize, to_float

INPUT_ROUNDING = ("rnd_conv", "sat")
"""How floats enter the firmware: round to nearest (ties to even), saturate."""


@dataclass
class Model:
    """A compiled model: its IR at every stage and a bit-accurate emulator of the firmware."""

    program: Program
    """The `sym` IR after simplification, with input ranges."""
    firmware: func.FuncOp
    """The `fix` function the HLS C++ is printed from."""
    plan: Plan
    output_error: list[float]
    ir: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._emulator = Emulator(self.firmware)

    @property
    def input_names(self) -> list[str]:
        return self.program.input_names

    @property
    def input_types(self) -> list[fix.FixType]:
        return list(self.firmware.function_type.inputs.data)

    @property
    def output_types(self) -> list[fix.FixType]:
        return list(self.firmware.function_type.outputs.data)

    @property
    def error_bound(self) -> np.ndarray:
        """Per output: a proven bound of |predict(X) - f(X)| over the declared ranges."""
        return np.array(self.plan.output_bounds)

    @property
    def ranges(self) -> list[tuple[float, float]]:
        attrs = self.program.function.arg_attrs
        return [
            tuple(float(b.value.data) for b in entry.data["sym.range"].data)  # type: ignore[misc]
            for entry in attrs.data
        ]

    def quantize_inputs(self, X: Any) -> list[np.ndarray]:
        """Raw input integers, as the firmware receives them."""
        rows = _as_rows(X, len(self.input_types))
        return [quantize(rows[:, i], t, *INPUT_ROUNDING) for i, t in enumerate(self.input_types)]

    def predict_raw(self, X: Any, report_overflow: bool = False) -> np.ndarray:
        """Raw output integers, rows x outputs, exactly as the firmware computes them."""
        raw = self._emulator.run_raw(self.quantize_inputs(X), report_overflow=report_overflow)
        return np.stack(raw, axis=1)

    def predict(self, X: Any) -> np.ndarray:
        """Output values (float64), rows x outputs, exactly as the firmware computes them."""
        raw = self._emulator.run_raw(self.quantize_inputs(X))
        return np.stack([to_float(r, t) for r, t in zip(raw, self.output_types)], axis=1)

    def evaluate(self, X: Any) -> np.ndarray:
        """The float64 reference f(X) that `error_bound` is stated against."""
        return self.program.evaluate(X)

    @property
    def overflow_report(self) -> Any:
        return self._emulator.overflow_report


def _input_formats(
    names: list[str], input_precision: str | Mapping[str, str] | None
) -> list[Format] | None:
    if input_precision is None:
        return None
    if isinstance(input_precision, str):
        return [parse_format(input_precision)] * len(names)
    unknown = [n for n in input_precision if n not in names]
    if unknown or len(input_precision) != len(names):
        raise SrccError(f"input_precision must give a type for each of {', '.join(names)}")
    return [parse_format(input_precision[n]) for n in names]


def _budgets(output_error: float | Sequence[float] | None, outputs: int) -> list[float] | None:
    if output_error is None:
        return None
    budgets = [float(output_error)] * outputs if np.isscalar(output_error) else list(output_error)
    if len(budgets) != outputs or not all(b > 0 for b in budgets):
        raise SrccError(f"output_error needs {outputs} positive value(s), got {output_error!r}")
    return budgets


def _precision_text(precision: str | tuple[int, int]) -> str:
    if isinstance(precision, tuple):
        return f"ap_fixed<{precision[0]},{precision[1]}>"
    return precision


def compile(
    source: Any,
    *,
    ranges: Ranges = None,
    calibrate: Any = None,
    precision: str | tuple[int, int] = "auto",
    output_error: float | Sequence[float] | None = None,
    max_width: int | None = None,
    input_precision: str | Mapping[str, str] | None = None,
    names: Sequence[str] | None = None,
    functions: Mapping[str, Callable[[Any], Any]] | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
) -> Model:
    """Compile an expression (string, sympy, PySR hall of fame) to fixed-point firmware."""
    program = parse(source, names=names, functions=functions, select=select, complexity=complexity)
    ir = {"sym": str(program)}
    program.run("simplify")
    set_input_ranges(program.function, resolve_ranges(program.input_names, ranges, calibrate))
    ir["simplified"] = str(program)
    precision = _precision_text(precision)
    try:
        plan = make_plan(
            program.function,
            precision,
            _budgets(output_error, program.num_outputs),
            max_width,
            _input_formats(program.input_names, input_precision),
        )
        firmware = lower_function(program.function, plan, clamp_inputs=precision == "auto")
    except DiagnosticException as error:
        raise diagnostic_to_error(error) from None
    module = builtin.ModuleOp([firmware])
    firmware.verify()
    ir["fix"] = str(module)
    _warn_missed_budgets(plan, max_width)
    return Model(program, firmware, plan, plan.budgets, ir)


def _warn_missed_budgets(plan: Plan, max_width: int | None) -> None:
    cause = f"under max_width={max_width}" if max_width else "with the table-size cap"
    for index, (bound, budget) in enumerate(zip(plan.output_bounds, plan.budgets)):
        if bound > budget:
            warnings.warn(
                f"output {index}: error budget {budget:.3g} cannot be met {cause}; "
                f"the bound reached is {bound:.3g}",
                SrccWarning,
                stacklevel=3,
            )
