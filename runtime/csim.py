"""C simulation without Vitis: the generated firmware compiled with g++ against `ap_fixed.h`.

`run_csim(project_dir)` builds a written project's firmware with its testbench and runs it in
the project directory, as `csim_design` does; `csim_outputs(function, top, inputs_raw)` builds
the firmware with a raw-in/raw-out driver and returns its raw outputs, to compare in bulk with
the emulator. Each program is one translation unit with the project's own includes inlined, so
binaries are cached (srcc.runtime.cxx) by everything they are built from.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from xdsl.dialects import func

from srcc.dialects.fix import FixType
from srcc.emitters.hls import emit_hls, raw_type
from srcc.errors import SrccError
from srcc.runtime.aptypes import ApTypesNotFoundError
from srcc.runtime.cxx import compile_cxx
from srcc.runtime.fixed import as_raw

CSIM_FLAGS = ("-std=c++14", "-O1", "-DNDEBUG")
"""-DNDEBUG: `ap_private.h` asserts on casts that discard more bits than the source has,
though its result is right (docs/ir.md)."""

_INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"\s*$', re.MULTILINE)
_MISMATCH = re.compile(r"^row (\d+) output (\d+): got (-?\d+) expected (-?\d+)$", re.MULTILINE)
_SUMMARY = re.compile(r"^srcc testbench: (\d+) rows, (\d+) mismatches$", re.MULTILINE)


@dataclass(frozen=True)
class Mismatch:
    row: int
    output: int
    got: int
    expected: int
    inputs: tuple[int, ...] = ()
    """The row's raw inputs, where the simulator reports them (RTL simulation does)."""


@dataclass
class CsimResult:
    """What the testbench reported: `passed` iff every output of every row matched."""

    passed: bool
    rows: int
    mismatches: list[Mismatch] = field(default_factory=list)
    log: str = ""


def bundle(files: dict[str, str], *roots: str) -> str:
    """One translation unit: the files `roots` (paths into `files`) with every quoted include
    of another file of `files` inlined once."""
    seen: set[str] = set()

    def expand(path: str) -> str:
        seen.add(path)

        def include(match: re.Match[str]) -> str:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match[1]))
            if target not in files:
                return match[0]
            return "" if target in seen else expand(target)

        return _INCLUDE.sub(include, files[path])

    return "\n".join(expand(root) for root in roots)


def _compile(source: str, ap_types: str | os.PathLike[str] | None) -> Path:
    try:
        return compile_cxx(source, flags=CSIM_FLAGS, ap_types=ap_types)
    except ApTypesNotFoundError as error:
        raise SrccError(str(error)) from None


def _read_sources(project: Path) -> tuple[dict[str, str], str, str]:
    """The project's C++ files by relative path, and the firmware and testbench sources."""
    benches = sorted(project.glob("tb/*_tb.cpp"))
    if not project.is_dir() or len(benches) != 1:
        raise SrccError(f"{project} is not an srcc HLS project (no single tb/<top>_tb.cpp)")
    top = benches[0].name.removesuffix("_tb.cpp")
    files = {
        path.relative_to(project).as_posix(): path.read_text()
        for pattern in ("firmware/*.h", "firmware/*.cpp", "tb/*.h", "tb/*.cpp")
        for path in project.glob(pattern)
    }
    firmware = f"firmware/{top}.cpp"
    if firmware not in files:
        raise SrccError(f"{project} has no {firmware}")
    return files, firmware, f"tb/{top}_tb.cpp"


def parse_testbench_log(log: str, passed: bool) -> CsimResult:
    mismatches = [
        Mismatch(int(row), int(output), int(got), int(expected))
        for row, output, got, expected in _MISMATCH.findall(log)
    ]
    summary = _SUMMARY.search(log)
    rows = int(summary[1]) if summary else 0
    return CsimResult(passed and summary is not None, rows, mismatches, log)


def run_csim(
    project_dir: str | os.PathLike[str], ap_types: str | os.PathLike[str] | None = None
) -> CsimResult:
    """Build a project's firmware and testbench with g++ and run the testbench in the project
    directory (it reads tb_data/); mismatches as the testbench printed them."""
    project = Path(project_dir)
    files, firmware, testbench = _read_sources(project)
    binary = _compile(bundle(files, firmware, testbench), ap_types)
    result = subprocess.run([str(binary)], cwd=project, capture_output=True, text=True)
    return parse_testbench_log(result.stdout + result.stderr, result.returncode == 0)


_DRIVER = """
#include <iostream>
#include <string>

int main() {{
    input_t x[N_IN];
    output_t y[N_OUT];
    std::string field;
    while (std::cin >> field) {{
        for (int i = 0; i < N_IN; ++i) {{
            if (i > 0) std::cin >> field;
            x[i].range() = {input_raw}(field.c_str(), 10);
        }}
        {top}(x, y);
        for (int j = 0; j < N_OUT; ++j) {{
            std::cout << {output_raw}(y[j].range()).to_string(10) << (j + 1 < N_OUT ? ' ' : '\\n');
        }}
    }}
    return 0;
}}
"""


def csim_outputs(
    function: func.FuncOp,
    top: str,
    inputs_raw: np.ndarray,
    ap_types: str | os.PathLike[str] | None = None,
) -> np.ndarray:
    """Raw outputs (rows x outputs) of the emitted firmware of `function` compiled with g++,
    for raw inputs (rows x inputs)."""
    files = emit_hls(function, top)
    # emit_hls checked that the inputs share one type, and so do the outputs.
    input_type: FixType = function.function_type.inputs.data[0]  # type: ignore[assignment]
    output_types: list[FixType] = list(function.function_type.outputs.data)  # type: ignore[arg-type]
    driver = _DRIVER.format(
        top=top, input_raw=raw_type(input_type), output_raw=raw_type(output_types[0])
    )
    files["driver.cpp"] = f'#include "firmware/{top}.cpp"\n{driver}'
    binary = _compile(bundle(files, "driver.cpp"), ap_types)
    rows = np.asarray(inputs_raw, dtype=object).reshape(-1, len(function.args))
    stdin = "\n".join(" ".join(str(int(v)) for v in row) for row in rows) + "\n"
    result = subprocess.run([str(binary)], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the csim driver of {top} failed:\n{result.stderr}")
    values = [int(token) for token in result.stdout.split()]
    return as_raw(values, output_types[0]).reshape(len(rows), len(output_types))


_MANY_DRIVER = """
#include <iostream>
#include <string>

int main() {{
    std::string field;
    int which;
    while (std::cin >> which) {{
        switch (which) {{
{cases}
        }}
    }}
    return 0;
}}
"""

_MANY_CASE = """        case {index}: {{
            {ns}::input_t x[{ns}::n_in];
            {ns}::output_t y[{ns}::n_out];
            for (int i = 0; i < {ns}::n_in; ++i) {{
                std::cin >> field;
                x[i].range() = {input_raw}(field.c_str(), 10);
            }}
            {ns}::{top}(x, y);
            for (int j = 0; j < {ns}::n_out; ++j) {{
                std::cout << {output_raw}(y[j].range()).to_string(10) << ' ';
            }}
            std::cout << '\\n';
            break;
        }}"""


def _namespaced_firmware(function: func.FuncOp, index: int) -> str:
    """One model's firmware inside its own namespace; its top is `m<index>`."""
    top = f"m{index}"
    files = emit_hls(function, top)
    source = bundle(files, f"firmware/{top}.cpp")
    return (
        f"namespace ns{index} {{\n{source}\n"
        "static const int n_in = N_IN;\nstatic const int n_out = N_OUT;\n}\n"
        "#undef N_IN\n#undef N_OUT\n"
    )


def csim_outputs_many(
    functions: list[func.FuncOp],
    inputs_raw: list[np.ndarray],
    ap_types: str | os.PathLike[str] | None = None,
) -> list[np.ndarray]:
    """`csim_outputs` for many functions at once: one g++ run builds them all (each in its
    own namespace), which is what makes fuzzing thousands of models affordable."""
    cases = []
    for index, function in enumerate(functions):
        in_t: FixType = function.function_type.inputs.data[0]  # type: ignore[assignment]
        out_t: FixType = function.function_type.outputs.data[0]  # type: ignore[assignment]
        cases.append(
            _MANY_CASE.format(
                index=index,
                ns=f"ns{index}",
                top=f"m{index}",
                input_raw=raw_type(in_t),
                output_raw=raw_type(out_t),
            )
        )
    parts = [_namespaced_firmware(f, i) for i, f in enumerate(functions)]
    source = "#include <ap_fixed.h>\n#include <ap_int.h>\n" + "\n".join(parts)
    binary = _compile(source + _MANY_DRIVER.format(cases="\n".join(cases)), ap_types)
    lines = []
    for index, rows in enumerate(inputs_raw):
        lines += [f"{index} " + " ".join(str(int(v)) for v in row) for row in rows]
    result = subprocess.run(
        [str(binary)], input="\n".join(lines) + "\n", capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"the csim driver failed:\n{result.stderr}")
    outputs = iter(result.stdout.splitlines())
    return [
        as_raw(
            [int(v) for _ in range(len(rows)) for v in next(outputs).split()],
            function.function_type.outputs.data[0],  # type: ignore[arg-type]
        ).reshape(len(rows), len(function.function_type.outputs.data))
        for function, rows in zip(functions, inputs_raw)
    ]
