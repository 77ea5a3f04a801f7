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
from srcc.emitters.hls import Port, emit_hls, hls_ports, raw_type
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
    std::string fields[N_IN];
    while (std::cin >> fields[0]) {{
        for (int i = 1; i < N_IN; ++i) std::cin >> fields[i];
{call}
        std::cout << '\\n';
    }}
    return 0;
}}
"""


def _call(top: str, ports: tuple[list[Port], list[Port]], indent: str, scope: str = "") -> str:
    """Statements that call the top function (in namespace `scope`) on the raw inputs in
    `fields` and print its raw outputs, each followed by a space."""
    inputs, outputs = ports
    arguments = [
        f"{scope}srcc::from_raw<{scope}{port.typedef}>({raw_type(port.type)}(fields[{i}].c_str(),"
        " 10))"
        for i, port in enumerate(inputs)
    ]
    results = [f"out_{j}" for j in range(len(outputs))]
    lines = [f"{scope}{port.typedef} {result};" for port, result in zip(outputs, results)]
    lines.append(f"{scope}{top}({', '.join([*arguments, *results])});")
    lines += [
        f"std::cout << {raw_type(port.type)}({result}.range()).to_string(10) << ' ';"
        for port, result in zip(outputs, results)
    ]
    return "\n".join(f"{indent}{line}" for line in lines)


def _raw_outputs(stdout_lines: list[str], output_types: list[FixType]) -> np.ndarray:
    """rows x outputs raw integers, each column in its output's type."""
    values = [[int(token) for token in line.split()] for line in stdout_lines]
    columns = np.array(values, dtype=object).reshape(len(values), len(output_types))
    return np.stack(
        [as_raw(list(columns[:, j]), type_) for j, type_ in enumerate(output_types)], axis=1
    )


def _output_types(function: func.FuncOp) -> list[FixType]:
    return list(function.function_type.outputs.data)  # type: ignore[arg-type]


def _input_lines(rows: np.ndarray) -> list[str]:
    return [" ".join(str(int(v)) for v in row) for row in rows]


def csim_outputs(
    function: func.FuncOp,
    top: str,
    inputs_raw: np.ndarray,
    ap_types: str | os.PathLike[str] | None = None,
) -> np.ndarray:
    """Raw outputs (rows x outputs, each in its output's type) of the emitted firmware of
    `function` compiled with g++, for raw inputs (rows x inputs, each in its argument's
    type)."""
    files = emit_hls(function, top)
    driver = _DRIVER.format(call=_call(top, hls_ports(function, top), " " * 8))
    files["driver.cpp"] = f'#include "firmware/{top}.cpp"\n{driver}'
    binary = _compile(bundle(files, "driver.cpp"), ap_types)
    rows = np.asarray(inputs_raw, dtype=object).reshape(-1, len(function.args))
    stdin = "\n".join(_input_lines(rows)) + "\n"
    result = subprocess.run([str(binary)], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the csim driver of {top} failed:\n{result.stderr}")
    return _raw_outputs(result.stdout.splitlines(), _output_types(function))


_MANY_DRIVER = """
#include <iostream>
#include <string>

int main() {{
    int which;
    while (std::cin >> which) {{
        switch (which) {{
{cases}
        }}
        std::cout << '\\n';
    }}
    return 0;
}}
"""

_MANY_CASE = """        case {index}: {{
            std::string fields[{inputs}];
            for (int i = 0; i < {inputs}; ++i) std::cin >> fields[i];
{call}
            break;
        }}"""


def _namespaced_firmware(function: func.FuncOp, index: int) -> str:
    """One model's firmware inside its own namespace; its top is `m<index>`."""
    top = f"m{index}"
    files = emit_hls(function, top)
    source = bundle(files, f"firmware/{top}.cpp")
    return f"namespace ns{index} {{\n{source}\n}}\n#undef N_IN\n#undef N_OUT\n"


def csim_outputs_many(
    functions: list[func.FuncOp],
    inputs_raw: list[np.ndarray],
    ap_types: str | os.PathLike[str] | None = None,
) -> list[np.ndarray]:
    """`csim_outputs` for many functions at once: one g++ run builds them all (each in its
    own namespace), which is what makes fuzzing thousands of models affordable."""
    cases = [
        _MANY_CASE.format(
            index=index,
            inputs=len(function.args),
            call=_call(f"m{index}", hls_ports(function, f"m{index}"), " " * 12, f"ns{index}::"),
        )
        for index, function in enumerate(functions)
    ]
    parts = [_namespaced_firmware(f, i) for i, f in enumerate(functions)]
    source = "#include <ap_fixed.h>\n#include <ap_int.h>\n" + "\n".join(parts)
    binary = _compile(source + _MANY_DRIVER.format(cases="\n".join(cases)), ap_types)
    lines = []
    for index, rows in enumerate(inputs_raw):
        lines += [f"{index} {line}" for line in _input_lines(rows)]
    result = subprocess.run(
        [str(binary)], input="\n".join(lines) + "\n", capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"the csim driver failed:\n{result.stderr}")
    outputs = result.stdout.splitlines()
    results, start = [], 0
    for function, rows in zip(functions, inputs_raw):
        results.append(_raw_outputs(outputs[start : start + len(rows)], _output_types(function)))
        start += len(rows)
    return results
