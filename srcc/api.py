"""The public Python API: `srcc.parse` and `srcc.compile`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from xdsl.dialects import builtin, func
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects import sym
from srcc.errors import SrccError
from srcc.frontends import build_module
from srcc.pipeline import run_pipeline

Ranges = Mapping[str, tuple[float, float]] | tuple[float, float] | None

CALIBRATION_MARGIN = 0.1
"""A calibrated range is the sample's [min, max] widened by this fraction of its span."""


class Program:
    """`sym` IR of one model, on which pass pipelines run as in `srcc-opt`."""

    def __init__(self, module: builtin.ModuleOp):
        self.module = module

    @property
    def function(self) -> func.FuncOp:
        return next(op for op in self.module.ops if isinstance(op, func.FuncOp))

    @property
    def input_names(self) -> list[str]:
        return [
            sym.arg_attribute(self.function.arg_attrs, i, sym.NAME_ATTR).data
            for i in range(len(self.function.args))
        ]

    @property
    def num_outputs(self) -> int:
        return len(self.function.function_type.outputs.data)

    def run(self, pipeline: str) -> Program:
        """Apply a pipeline (`"simplify,cse"`) in place; returns self for chaining."""
        run_pipeline(self.module, pipeline)
        return self

    def evaluate(self, X: np.ndarray) -> np.ndarray:
        """float64 value of every output, rows x outputs, for inputs rows x inputs."""
        from srcc.runtime.evaluate import evaluate

        return evaluate(self.function, as_rows(X, len(self.function.args)))

    def __str__(self) -> str:
        return str(self.module)


def parse(
    source: Any,
    *,
    names: Sequence[str] | None = None,
    functions: Mapping[str, Callable[[Any], Any]] | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
) -> Program:
    """Build `sym` IR from an expression string, sympy expression(s) or PySR hall of fame."""
    module = build_module(
        source, names=names, functions=functions, select=select, complexity=complexity
    )
    return Program(module)


def as_rows(X: Any, columns: int) -> np.ndarray:
    rows = np.asarray(X, dtype=np.float64)
    if rows.ndim == 1:
        rows = rows.reshape(-1, columns) if columns > 1 else rows.reshape(-1, 1)
    if rows.ndim != 2 or rows.shape[1] != columns:
        raise SrccError(f"expected inputs of shape (rows, {columns}), got {np.shape(X)}")
    return rows


def resolve_ranges(
    names: list[str], ranges: Ranges, calibrate: Any = None, margin: float = CALIBRATION_MARGIN
) -> list[tuple[float, float]]:
    """One (lo, hi) per input from explicit ranges, else from a calibration sample."""
    declared = _declared_ranges(names, ranges)
    if calibrate is not None:
        sample = as_rows(calibrate, len(names))
        lo, hi = sample.min(axis=0), sample.max(axis=0)
        span = np.maximum(hi - lo, np.maximum(np.abs(hi), 1.0) * 1e-6)
        for i, name in enumerate(names):
            declared.setdefault(
                name, (float(lo[i] - margin * span[i]), float(hi[i] + margin * span[i]))
            )
    missing = [n for n in names if n not in declared]
    if missing:
        raise SrccError(
            f"no range for input {', '.join(missing)}: give ranges (e.g. --range "
            f"{missing[0]}=-1:1) or a calibration sample"
        )
    return [declared[n] for n in names]


def _declared_ranges(names: list[str], ranges: Ranges) -> dict[str, tuple[float, float]]:
    if ranges is None:
        return {}
    if isinstance(ranges, tuple):
        return {n: checked_range(n, ranges) for n in names}
    unknown = [n for n in ranges if n not in names]
    if unknown:
        raise SrccError(
            f"range given for unknown input {unknown[0]!r} (inputs: {', '.join(names)})"
        )
    return {n: checked_range(n, r) for n, r in ranges.items()}


def checked_range(name: str, bounds: Sequence[float]) -> tuple[float, float]:
    if len(bounds) != 2:
        raise SrccError(f"range of {name} must be (lo, hi), got {bounds!r}")
    lo, hi = float(bounds[0]), float(bounds[1])
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo > hi:
        raise SrccError(f"range of {name} must be finite with lo <= hi, got [{lo}, {hi}]")
    return lo, hi


def set_input_ranges(function: func.FuncOp, ranges: list[tuple[float, float]]) -> None:
    """Record each argument's declared range as its `sym.range` attribute."""
    attrs = []
    for index, (lo, hi) in enumerate(ranges):
        entries = dict(function.arg_attrs.data[index].data) if function.arg_attrs else {}
        entries[sym.RANGE_ATTR] = sym.IntervalAttr(lo, hi)
        attrs.append(DictionaryAttr(entries))
    function.arg_attrs = ArrayAttr(attrs)


def diagnostic_to_error(error: DiagnosticException) -> SrccError:
    """A pass's diagnostic, as the one-line user error it is."""
    return SrccError(str(error).strip().splitlines()[0])
