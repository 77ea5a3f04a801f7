"""`srcc.compile` and the `Model` it returns: firmware IR, bit-accurate predictions, bounds."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from xdsl.dialects import builtin, func
from xdsl.utils.exceptions import DiagnosticException

from srcc.api import (
    Program,
    Ranges,
    as_rows,
    checked_range,
    diagnostic_to_error,
    parse,
    resolve_ranges,
    set_input_ranges,
)
from srcc.dialects import fix, sym
from srcc.emitters.project import (
    DEFAULT_CLOCK_NS,
    DEFAULT_PART,
    project_files,
    test_vectors,
    write_project,
)
from srcc.errors import SrccError, SrccWarning
from srcc.passes.interval import Interval
from srcc.passes.lower_sym_to_fix import lower_function, make_plan, parse_precision
from srcc.passes.lut_tables import Table
from srcc.passes.precision import TABLE_FUNCTIONS, Plan, TableOptions
from srcc.passes.range_analysis import input_ranges
from srcc.passes.schedule import CostReport, estimate
from srcc.runtime.csim import CsimResult, Mismatch, csim_outputs
from srcc.runtime.emulator import Emulator, OverflowEvent
from srcc.runtime.fixed import quantize, to_float


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
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per compilation stage (parse, simplify, plan, lower; vectors, emit on write)."""

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
        return [(r.lo, r.hi) for r in input_ranges(self.program.function)]

    def quantize_inputs(self, X: Any, skip_unused: bool = False) -> list[np.ndarray]:
        """Raw input integers, as the firmware receives them. With `skip_unused`, inputs the
        firmware never reads are left at zero (a model over 16 features often uses few)."""
        rows = as_rows(X, len(self.input_types))
        zeros = np.zeros(len(rows), dtype=np.int64)
        return [
            zeros if skip_unused and not used else quantize(rows[:, i], t, *fix.INPUT_ROUNDING)
            for i, (t, used) in enumerate(zip(self.input_types, self._inputs_used))
        ]

    def predict_raw(self, X: Any, report_overflow: bool = False) -> np.ndarray:
        """Raw output integers, rows x outputs, exactly as the firmware computes them."""
        raw = self._emulator.run_raw(
            self.quantize_inputs(X, skip_unused=True), report_overflow=report_overflow
        )
        return np.stack(raw, axis=1)

    def predict(self, X: Any) -> np.ndarray:
        """Output values (float64), rows x outputs, exactly as the firmware computes them."""
        raw = self._emulator.run_raw(self.quantize_inputs(X, skip_unused=True))
        return np.stack([to_float(r, t) for r, t in zip(raw, self.output_types)], axis=1)

    def evaluate(self, X: Any) -> np.ndarray:
        """The float64 reference f(X) that `error_bound` is stated against."""
        return self.program.evaluate(X)

    @property
    def overflow_report(self) -> list[OverflowEvent]:
        """After `predict_raw(X, report_overflow=True)`: rows each cast saturated or wrapped."""
        return self._emulator.overflow_report

    @property
    def tables(self) -> list[dict[str, Any]]:
        """Per lookup table: function, domain, size, entry type, memory bits, max error."""
        return [table_report(table) for table in self.plan.tables.values()]

    def cost(self, clock_ns: float = DEFAULT_CLOCK_NS) -> CostReport:
        """Estimated latency and resources at this clock period (an estimate, not synthesis)."""
        return estimate(self.firmware, clock_ns)

    def report(self, clock_ns: float = DEFAULT_CLOCK_NS) -> dict[str, Any]:
        """Everything `report.json` holds: types, error bounds, tables, cost estimate."""
        return {
            "inputs": [
                {"name": name, "range": list(bounds), "type": fmt.cxx() if used else "unused"}
                for name, bounds, fmt, used in zip(
                    self.input_names, self.ranges, self.input_formats, self._inputs_used
                )
            ],
            "input_t": self.input_types[0].cxx(),
            "outputs": [
                {"type": fmt.cxx(), "error_bound": float(bound), "output_error": budget}
                for fmt, bound, budget in zip(
                    self.output_formats, self.error_bound, self.output_error
                )
            ],
            "output_t": self.output_types[0].cxx(),
            "tables": self.tables,
            "cost": self.cost(clock_ns).to_dict(),
        }

    @property
    def _inputs_used(self) -> list[bool]:
        return [bool(arg.uses) for arg in self.program.function.args]

    @property
    def input_formats(self) -> list[fix.FixType]:
        return [self.plan.formats[arg] for arg in self.program.function.args]

    @property
    def output_formats(self) -> list[fix.FixType]:
        returned = self.program.function.body.block.last_op
        return [self.plan.formats[v] for v in returned.operands]

    def write(
        self,
        directory: str | os.PathLike[str],
        *,
        target: str = "vitis",
        top: str = "model",
        clock_ns: float = DEFAULT_CLOCK_NS,
        part: str = DEFAULT_PART,
        vectors: int = 1000,
        seed: int = 0,
        force: bool = False,
    ) -> Path:
        """Write the HLS project (firmware, testbench and vectors, build_prj.tcl, report.json,
        IR of each stage); nothing is left behind if writing fails."""
        timer = StageTimer()
        with timer.stage("vectors"):
            inputs_raw, expected_raw = test_vectors(self, vectors, seed)
        with timer.stage("emit"):
            files = project_files(
                self.firmware,
                top=top,
                target=target,
                clock_ns=clock_ns,
                part=part,
                inputs_raw=inputs_raw,
                expected_raw=expected_raw,
                report=self.report(clock_ns),
                ir=self.ir,
            )
        with timer.stage("write"):
            written = write_project(directory, files, force=force)
        self.timings.update(timer.seconds)
        return written

    def csim(self, X: Any, ap_types: str | os.PathLike[str] | None = None) -> CsimResult:
        """Run the firmware, compiled with g++ against `ap_fixed.h`, on X and compare it bit
        for bit with `predict_raw(X)`."""
        inputs = np.stack(self.quantize_inputs(X), axis=1)
        got = csim_outputs(self.firmware, "model", inputs, ap_types)
        expected = self.predict_raw(X)
        rows, outputs = np.nonzero(got != expected)
        mismatches = [
            Mismatch(int(r), int(o), int(got[r, o]), int(expected[r, o]))
            for r, o in zip(rows, outputs)
        ]
        return CsimResult(not mismatches, len(inputs), mismatches, "")


def _input_formats(
    names: list[str], input_precision: str | Mapping[str, str] | None
) -> list[fix.FixType] | None:
    if input_precision is None:
        return None
    if isinstance(input_precision, str):
        return [parse_precision(input_precision)] * len(names)
    unknown = [n for n in input_precision if n not in names]
    if unknown or len(input_precision) != len(names):
        raise SrccError(f"input_precision must give a type for each of {', '.join(names)}")
    return [parse_precision(input_precision[n]) for n in names]


def _budgets(output_error: float | Sequence[float] | None, outputs: int) -> list[float] | None:
    if output_error is None:
        return None
    budgets = [float(output_error)] * outputs if np.isscalar(output_error) else list(output_error)
    if len(budgets) != outputs or not all(b > 0 for b in budgets):
        raise SrccError(f"output_error needs {outputs} positive value(s), got {output_error!r}")
    return budgets


def table_report(table: Table) -> dict[str, Any]:
    return {
        "function": table.function,
        "domain": [table.domain.lo, table.domain.hi],
        "entries": len(table.entries),
        "entry_type": table.entry_format.cxx(),
        "memory_bits": table.memory_bits,
        "max_error": table.max_error,
        "interpolate": table.interpolate,
        "symmetry": table.symmetry,
    }


def table_options(
    luts: Mapping[str, Mapping[str, Any]] | None,
    interpolate: bool | None,
    max_table_size: int,
    range_reduction: bool,
) -> TableOptions:
    """The table design choices of `compile`'s keywords; `luts` overrides per function."""
    if max_table_size < 2 or max_table_size & (max_table_size - 1):
        raise SrccError(f"max_table_size must be a power of two >= 2, got {max_table_size}")
    sizes, domains = [], []
    for function, spec in (luts or {}).items():
        if function not in TABLE_FUNCTIONS:
            known = ", ".join(sorted(TABLE_FUNCTIONS))
            raise SrccError(f"--lut {function}: not a table function (one of {known})")
        unknown = set(spec) - {"size", "range"}
        if unknown:
            raise SrccError(f"--lut {function}: unknown key {sorted(unknown)[0]!r} (size, range)")
        if "size" in spec:
            size = int(spec["size"])
            if size < 2 or size & (size - 1):
                raise SrccError(f"--lut {function}: size must be a power of two >= 2, got {size}")
            sizes.append((function, size.bit_length() - 1))
        if "range" in spec:
            lo, hi = checked_range(f"the {function} table", spec["range"])
            domains.append((function, Interval(lo, hi)))
    return TableOptions(
        max_log2_cells=max_table_size.bit_length() - 1,
        interpolate=interpolate,
        symmetric=range_reduction,
        sizes=tuple(sizes),
        domains=tuple(domains),
    )


def clamp_table_domains(function: func.FuncOp, options: TableOptions) -> None:
    """Mark each op whose table domain the user fixed: its argument is clamped into it."""
    for op in function.body.block.ops:
        name = op.name.removeprefix("sym.")
        domain = options.domain(name)
        if domain is not None and isinstance(op, sym.UnaryOp):
            op.attributes[sym.DOMAIN_ATTR] = domain.to_attr()


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
    luts: Mapping[str, Mapping[str, Any]] | None = None,
    interpolate: bool | None = None,
    max_table_size: int = 1024,
    range_reduction: bool = True,
) -> Model:
    """Compile an expression (string, sympy, PySR hall of fame) to fixed-point firmware.

    `luts` overrides tables per function (`{"sin": {"size": 1024, "range": (-8, 8)}}`;
    arguments outside a given range are clamped into it, in the reference too);
    `interpolate` True/False forces linear interpolation on/off (None: where it pays);
    `range_reduction` lets tables of odd and even functions store half their domain."""
    options = table_options(luts, interpolate, max_table_size, range_reduction)
    if max_width is not None and max_width < 2:
        raise SrccError(f"max_width must be at least 2 bits (a sign and one more), got {max_width}")
    timer = StageTimer()
    try:
        with timer.stage("parse"):
            program = parse(
                source, names=names, functions=functions, select=select, complexity=complexity
            )
            ir = {"sym": str(program)}
        with timer.stage("simplify"):
            program.run("simplify,sym-div-to-inv")
            names_ = program.input_names
            if not names_:
                raise SrccError("the model has no inputs: every output is a constant")
            set_input_ranges(program.function, resolve_ranges(names_, ranges, calibrate))
            clamp_table_domains(program.function, options)
            ir["simplified"] = str(program)
        precision = _precision_text(precision)
        with timer.stage("plan"):
            budgets = _budgets(output_error, program.num_outputs)
            plan = make_plan(
                program.function,
                precision,
                budgets,
                max_width,
                _input_formats(names_, input_precision),
                options,
            )
        with timer.stage("lower"):
            firmware = lower_function(program.function, plan, clamp_inputs=precision == "auto")
            firmware.verify()
            ir["fix"] = str(builtin.ModuleOp([firmware]))
    except DiagnosticException as error:
        raise diagnostic_to_error(error) from None
    _warn_missed_budgets(plan, max_width)
    return Model(program, firmware, plan, plan.budgets, ir, timer.seconds)


class StageTimer:
    """Seconds spent in each named stage (for `Model.timings` and bench/compile.py)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def _warn_missed_budgets(plan: Plan, max_width: int | None) -> None:
    cause = (
        f"under max_width={max_width}"
        if max_width
        else "(the input types, the table-size cap or a jump such as sign's binds)"
    )
    for index, (bound, budget) in enumerate(zip(plan.output_bounds, plan.budgets)):
        if bound > budget:
            warnings.warn(
                f"output {index}: error budget {budget:.3g} cannot be met {cause}; "
                f"the bound reached is {bound:.3g}",
                SrccWarning,
                stacklevel=3,
            )
