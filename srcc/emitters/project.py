"""The HLS project around the firmware: testbench, test vectors, build script, README.

`project_files(...)` returns every file of a project (relative path -> text); `write_project`
writes them all or nothing. The layout:

    firmware/<top>.h, <top>.cpp, <top>_types.h   the firmware (srcc.emitters.hls)
    tb/<top>_tb.cpp                               runs every row of tb_data, compares raw bits
    tb_data/inputs.dat                            a row of N_IN exact input values per line
    tb_data/expected.dat                          the emulator's raw output integers per row
    build_prj.tcl                                 csim, csynth, cosim, export (vitis_hls -f ...)
    report.json, ir/<stage>.mlir, README.md
    .srcc-manifest.json                           the files above: what --force may replace
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

import numpy as np
from xdsl.dialects import func

from srcc.dialects import fix
from srcc.dialects.fix import DEFAULT_MODES, FixType, raw_decimal
from srcc.emitters.hls import TARGETS, Port, emit_hls, hls_ports, raw_type, top_signature
from srcc.errors import SrccError

DEFAULT_PART = "xcvu9p-flga2104-2L-e"
DEFAULT_CLOCK_NS = 5.0
MAX_CORNERS = 256
"""Test vectors include every corner of the input box when there are at most this many."""


class VectorSource(Protocol):
    """What `test_vectors` needs of a model (`srcc.Model` has it)."""

    @property
    def ranges(self) -> list[tuple[float, float]]: ...

    def quantize_inputs(self, X: Any) -> list[np.ndarray]: ...

    def predict_raw(self, X: Any) -> np.ndarray: ...


def _corners(ranges: np.ndarray, rows: int) -> np.ndarray:
    """The range ends of every input: all corners of the box, or each input's two ends with
    the others at their midpoints when there are too many corners."""
    count = len(ranges)
    if 2**count <= min(MAX_CORNERS, rows):
        bits = (np.arange(2**count)[:, None] >> np.arange(count)) & 1
        return np.where(bits == 1, ranges[:, 1], ranges[:, 0])
    middle = ranges.mean(axis=1)
    # Only the rows kept are built: 2 * count rows of count inputs grow as count**2.
    ends = np.repeat(middle[None, :], min(2 * count, rows), axis=0)
    for row in range(len(ends)):
        index, end = divmod(row, 2)
        ends[row, index] = ranges[index, end]
    return ends


def test_vectors(model: VectorSource, rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Raw inputs (rows x inputs) and the raw outputs the emulator computes for them (rows x
    outputs): the corners and range ends of the input box, then uniform random points."""
    ranges = np.array(model.ranges, dtype=np.float64)
    corners = _corners(ranges, rows)
    rng = np.random.default_rng(seed)
    points = rng.uniform(ranges[:, 0], ranges[:, 1], size=(rows - len(corners), len(ranges)))
    X = np.concatenate([corners, points])
    inputs_raw = np.stack(model.quantize_inputs(X), axis=1)
    return inputs_raw, model.predict_raw(X)


test_vectors.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def _data_file(rows: np.ndarray, format_value: Any) -> str:
    return "".join(" ".join(map(format_value, row)) + "\n" for row in rows.tolist())


def inputs_file(inputs_raw: np.ndarray, input_types: list[FixType]) -> str:
    """tb_data/inputs.dat: the exact decimal value of every raw input, each in its own type."""
    columns = [
        _decimal_chars(inputs_raw[:, column], type_.frac_bits)
        for column, type_ in enumerate(input_types)
    ]
    if all(chars is not None for chars in columns):
        longest = max(chars.shape[1] for chars in columns)  # type: ignore[union-attr]
        padded = [
            np.pad(chars, ((0, 0), (0, longest - chars.shape[1])), constant_values=_NO_CHAR)  # type: ignore[union-attr]
            for chars in columns
        ]
        return _text_rows(np.stack(padded, axis=1))
    decimals = [
        {value: raw_decimal(value, type_.frac_bits) for value in np.unique(column).tolist()}
        for column, type_ in zip(inputs_raw.T, input_types)
    ]
    return "".join(
        " ".join(spelled[value] for spelled, value in zip(decimals, row)) + "\n"
        for row in inputs_raw.tolist()
    )


def _decimal_chars(raw: np.ndarray, frac_bits: int) -> np.ndarray | None:
    """The exact decimal of each raw value (rows x characters), or None where array
    arithmetic cannot spell them."""
    # Each distinct raw value is spelled once: a wide model repeats them many times.
    values, where = np.unique(raw, return_inverse=True)
    if not (0 < frac_bits <= _INT64_DECIMALS and _digits_fit(values)):
        return None
    magnitude = np.abs(values)
    fraction = (magnitude & ((1 << frac_bits) - 1)) * 5**frac_bits
    chars = np.concatenate(
        [
            _signs(values),
            _whole_digits(magnitude >> frac_bits),
            np.full((len(values), 1), ord("."), dtype=np.uint8),
            _fraction_digits(fraction, frac_bits),
        ],
        axis=1,
    )
    return chars[where.reshape(-1)]


def expected_file(expected_raw: np.ndarray) -> str:
    """tb_data/expected.dat: raw output integers."""
    values, where = np.unique(expected_raw, return_inverse=True)
    if _digits_fit(values):
        chars = np.concatenate([_signs(values), _whole_digits(np.abs(values))], axis=1)
        return _text_rows(chars[where.reshape(expected_raw.shape)])
    return _data_file(expected_raw, str)


# Files of many numbers are spelled with array arithmetic: each number a row of ASCII
# codes, `_NO_CHAR` where it is shorter than the longest.
_NO_CHAR = 0
_ZERO = ord("0")
_INT64_DECIMALS = 18
"""Up to this many fractional bits, the decimal digits of a fraction, (2**s - 1) * 5**s <
10**s, fit in int64."""


def _digits_fit(values: np.ndarray) -> bool:
    """Whether sorted `values` are int64 far enough from its ends for `abs` and the digits."""
    return (
        values.dtype == np.int64 and len(values) > 0 and -(2**62) < values[0] <= values[-1] < 2**62
    )


def _signs(values: np.ndarray) -> np.ndarray:
    return np.where(values < 0, ord("-"), _NO_CHAR).astype(np.uint8)[:, None]


def _digits(numbers: np.ndarray, count: int) -> np.ndarray:
    """The last `count` decimal digits of each number, most significant first."""
    digits = np.empty((len(numbers), count), dtype=np.uint8)
    rest = numbers
    for column in range(count - 1, -1, -1):
        rest, digits[:, column] = np.divmod(rest, 10)
    return digits + np.uint8(_ZERO)


def _whole_digits(numbers: np.ndarray) -> np.ndarray:
    """Each number without leading zeros (0 is "0")."""
    digits = _digits(numbers, len(str(int(numbers.max()))))
    significant = digits != _ZERO
    significant[:, -1] = True
    first = np.argmax(significant, axis=1)
    digits[np.arange(digits.shape[1]) < first[:, None]] = _NO_CHAR
    return digits


def _fraction_digits(numerators: np.ndarray, count: int) -> np.ndarray:
    """The digits of numerator / 10**count after the point, without trailing zeros (0 is
    "0")."""
    digits = _digits(numerators, count)
    significant = digits != _ZERO
    significant[:, 0] = True
    last = count - 1 - np.argmax(significant[:, ::-1], axis=1)
    digits[np.arange(count) > last[:, None]] = _NO_CHAR
    return digits


def _text_rows(chars: np.ndarray) -> str:
    """rows x columns x characters -> the values of each row separated by spaces, a line
    per row."""
    rows, columns, _ = chars.shape
    separators = np.full((rows, columns, 1), ord(" "), dtype=np.uint8)
    separators[:, -1] = ord("\n")
    text = np.concatenate([chars, separators], axis=2).ravel()
    return text[text != _NO_CHAR].tobytes().decode("ascii")


TESTBENCH = """\
// Testbench of `{top}`, generated by srcc: runs the firmware on every row of
// tb_data/inputs.dat and compares its raw outputs, bit for bit, with tb_data/expected.dat.
// Exit code 0 iff every output of every row matches.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "../firmware/{top}.h"

// Whether the raw bits `got` of output `output` are the decimal `field`; says so if not.
template <typename Raw>
bool matches(long row, int output, const Raw& got, const std::string& field) {{
    Raw want(field.c_str(), 10);
    if (got == want) return true;
    std::cout << "row " << row << " output " << output << ": got " << got.to_string(10)
              << " expected " << want.to_string(10) << std::endl;
    return false;
}}

int main() {{
    std::ifstream inputs("tb_data/inputs.dat");
    std::ifstream expected("tb_data/expected.dat");
    if (!inputs || !expected) {{
        std::cerr << "cannot open tb_data/inputs.dat and tb_data/expected.dat" << std::endl;
        return 2;
    }}
    long rows = 0;
    long mismatches = 0;
    std::string input_line;
    std::string expected_line;
    while (std::getline(inputs, input_line) && std::getline(expected, expected_line)) {{
        std::istringstream input_fields(input_line);
        std::istringstream expected_fields(expected_line);
        std::string fields[N_IN];
        for (int i = 0; i < N_IN; ++i) input_fields >> fields[i];
{outputs}
        {top}(
{arguments});
        std::string field;
{checks}
        ++rows;
    }}
    std::cout << "srcc testbench: " << rows << " rows, " << mismatches << " mismatches"
              << std::endl;
    return (rows > 0 && mismatches == 0) ? 0 : 1;
}}
"""


def testbench(top: str, ports: tuple[list[Port], list[Port]]) -> str:
    """tb/<top>_tb.cpp: each input built from its decimal in its port type (rounding by the
    inputs' modes, as `Model.predict` does), each output's raw bits compared in its own type."""
    inputs, outputs = ports
    indent = " " * 8
    arguments = [f"{port.typedef}(fields[{i}].c_str(), 10)" for i, port in enumerate(inputs)]
    checks = [
        f"{indent}expected_fields >> field;\n"
        f"{indent}if (!matches(rows, {j}, {raw_type(port.type)}({port.name}.range()), field))"
        " ++mismatches;"
        for j, port in enumerate(outputs)
    ]
    return TESTBENCH.format(
        top=top,
        outputs="\n".join(f"{indent}{port.typedef} {port.name};" for port in outputs),
        arguments=",\n".join(f"{indent}    {a}" for a in [*arguments, *(p.name for p in outputs)]),
        checks="\n".join(checks),
    )


BUILD_SCRIPT = """\
# HLS project of `{top}`, generated by srcc. Run: {tool} -f build_prj.tcl
set part {{{part}}}
set clock_ns {clock_ns}

open_project -reset {top}_prj
set_top {top}
add_files firmware/{top}.cpp -cflags "{cflags}"
add_files -tb tb/{top}_tb.cpp -cflags "{cflags}"
add_files -tb tb_data
open_solution -reset "solution1"{flow}
set_part $part
create_clock -period $clock_ns -name default
csim_design
csynth_design
cosim_design
export_design -format ip_catalog
exit
"""


def build_script(top: str, target: str, part: str, clock_ns: float) -> str:
    """build_prj.tcl for `vitis_hls -f` or `vivado_hls -f`."""
    vitis = target == "vitis"
    return BUILD_SCRIPT.format(
        top=top,
        tool="vitis_hls" if vitis else "vivado_hls",
        part=part,
        clock_ns=f"{clock_ns:g}",
        cflags="-std=c++14" if vitis else "-std=c++0x",
        flow=" -flow_target vivado" if vitis else "",
    )


README = """\
# `{top}`: HLS project generated by srcc

- `firmware/`: the model as HLS C++ (`{top}.cpp`, `{top}.h`, `{top}_types.h`), pipelined at
  II=1, with one `ap_vld` port per input and per output, each of its own type:
  `{signature}`
{port_types}
- `tb/{top}_tb.cpp`: runs the firmware on the {rows} rows of `tb_data/inputs.dat` and compares
  every raw output, bit for bit, with `tb_data/expected.dat` (computed by srcc's emulator).
- `build_prj.tcl`: C simulation, synthesis, co-simulation and IP export for part `{part}` at
  {clock_ns} ns: `{tool} -f build_prj.tcl`.
- `srcc csim <this directory>` runs the testbench with g++, without {tool}.
- `report.json` and `ir/` (when present): srcc's report on the model, and its IR per stage.
"""


def readme(
    function: func.FuncOp,
    ports: tuple[list[Port], list[Port]],
    top: str,
    target: str,
    part: str,
    clock_ns: float,
    rows: int,
) -> str:
    inputs, outputs = ports
    modes = fix.input_modes(function.arg_attrs, len(function.args))
    port_types = "\n".join(
        f"  - `{port.typedef}` = `{port.type.cxx(mode)}`"
        for port, mode in [*((p, modes) for p in inputs), *((p, DEFAULT_MODES) for p in outputs)]
    )
    return README.format(
        top=top,
        signature=top_signature(top, ports),
        port_types=port_types,
        rows=rows,
        part=part,
        clock_ns=f"{clock_ns:g}",
        tool="vitis_hls" if target == "vitis" else "vivado_hls",
    )


def project_files(
    firmware: func.FuncOp,
    *,
    top: str = "model",
    target: str = "vitis",
    clock_ns: float = DEFAULT_CLOCK_NS,
    part: str = DEFAULT_PART,
    inputs_raw: np.ndarray,
    expected_raw: np.ndarray,
    report: Mapping[str, Any] | None = None,
    ir: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every file of the HLS project of `firmware` (relative path -> text)."""
    if target not in TARGETS:
        raise SrccError(f"unknown HLS target {target!r}; expected one of {', '.join(TARGETS)}")
    if not clock_ns > 0:
        raise SrccError(f"the clock period must be positive, got {clock_ns} ns")
    files = emit_hls(firmware, top, target)
    ports = hls_ports(firmware, top)
    inputs = np.asarray(inputs_raw).reshape(-1, len(ports[0]))
    expected = np.asarray(expected_raw).reshape(-1, len(ports[1]))
    if len(inputs) != len(expected):
        raise SrccError(f"{len(inputs)} input rows but {len(expected)} expected output rows")
    files[f"tb/{top}_tb.cpp"] = testbench(top, ports)
    files["tb_data/inputs.dat"] = inputs_file(inputs, [port.type for port in ports[0]])
    files["tb_data/expected.dat"] = expected_file(expected)
    files["build_prj.tcl"] = build_script(top, target, part, clock_ns)
    files["README.md"] = readme(firmware, ports, top, target, part, clock_ns, len(inputs))
    if report is not None:
        files["report.json"] = json.dumps(report, indent=2) + "\n"
    for stage, text in (ir or {}).items():
        files[f"ir/{stage}.mlir"] = text + "\n"
    return files


def _check_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"project file paths must be relative and inside it, got {path!r}")
    return relative


def _write_file(root: Path, path: str, text: str) -> None:
    target = root / _check_relative(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


MANIFEST = ".srcc-manifest.json"
"""Written into every project: the list of its files. `force` replaces a directory only when
it holds nothing but the files its manifest lists, so it never deletes a user's file."""

FOREIGN_SHOWN = 5
"""Entries a refusal names, of those srcc did not write."""


def manifest(paths: Iterable[str]) -> str:
    return json.dumps({"written_by": "srcc", "files": sorted(paths)}, indent=2) + "\n"


def _listed_files(directory: Path) -> set[str] | None:
    """The files `directory`'s manifest lists, or None if it has no readable manifest."""
    try:
        listed = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(listed, list) or not all(isinstance(path, str) for path in listed):
        return None
    return {*listed, MANIFEST}


def _foreign_entries(directory: Path, listed: set[str]) -> list[str]:
    """What `directory` holds besides the files in `listed` and their folders: any other
    file, folder or symbolic link (a foreign folder is named once, not walked)."""
    folders = {str(parent) for path in listed for parent in PurePosixPath(path).parents}
    foreign: list[str] = []
    for root, dirs, names in os.walk(directory):
        relative = PurePosixPath(Path(root).relative_to(directory).as_posix())
        for name in list(dirs):
            path = str(relative / name)
            if path not in folders or (Path(root) / name).is_symlink():
                foreign.append(path + "/")
                dirs.remove(name)
        for name in names:
            path = str(relative / name)
            if path not in listed or (Path(root) / name).is_symlink():
                foreign.append(path)
    return sorted(foreign)


def _check_destination(directory: Path, force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise SrccError(f"output path {directory} exists and is not a directory")
    if not directory.is_dir() or not any(directory.iterdir()):
        return
    if not force:
        raise SrccError(
            f"output directory {directory} exists and is not empty"
            " (choose another, or overwrite it with --force / force=True)"
        )
    listed = _listed_files(directory)
    if listed is None:
        raise SrccError(
            f"--force replaces only a directory srcc wrote, and {directory} has no {MANIFEST}"
            " listing srcc's files: choose another output directory, or empty it yourself"
        )
    foreign = _foreign_entries(directory, listed)
    if foreign:
        shown = ", ".join(repr(path) for path in foreign[:FOREIGN_SHOWN])
        more = len(foreign) - FOREIGN_SHOWN
        raise SrccError(
            f"--force would delete what srcc did not write in {directory}: {shown}"
            f"{f' and {more} more' if more > 0 else ''}; move them away or choose another"
            " output directory"
        )


def write_project(
    directory: str | os.PathLike[str], files: Mapping[str, str], *, force: bool = False
) -> Path:
    """Write `files` and their manifest into `directory`, all or nothing: into a temporary
    sibling first, renamed into place at the end. A non-empty `directory` is refused unless
    `force`, and then replaced only if it holds nothing but a project srcc wrote."""
    destination = Path(directory)
    _check_destination(destination, force)
    contents = {**files, MANIFEST: manifest(files)}
    created = _make_folders(destination.parent)
    try:
        _write_atomically(destination, contents, force)
    except BaseException as error:
        for folder in reversed(created):
            _remove_if_empty(folder)
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            raise SrccError(f"cannot write the project to {destination}: {reason}") from None
        raise
    return destination


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the folders created, outermost first."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    if not missing:
        return []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        for created in missing:
            _remove_if_empty(created)
        reason = error.strerror or str(error)
        raise SrccError(f"cannot create the output directory {folder}: {reason}") from None
    return missing[::-1]


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty or gone: someone else's now
        folder.rmdir()


def _write_atomically(destination: Path, files: Mapping[str, str], force: bool) -> None:
    staging = destination.parent / f".{destination.name}.srcc-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        for path, text in files.items():
            _write_file(staging, path, text)
        # Checked again: files may have appeared in the destination while these were written.
        _check_destination(destination, force)
        _move_into_place(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _move_into_place(staging: Path, destination: Path) -> None:
    if not destination.exists():
        os.replace(staging, destination)
        return
    retired = destination.parent / f".{destination.name}.srcc-old-{secrets.token_hex(4)}"
    os.replace(destination, retired)
    try:
        os.replace(staging, destination)
    except BaseException:
        os.replace(retired, destination)
        raise
    shutil.rmtree(retired, ignore_errors=True)
