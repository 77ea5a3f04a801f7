"""The strings srcc writes into generated files, checked against one strict grammar.

Input names, the top function's name, the FPGA part and the clock period reach C++, Tcl,
report.json and the IR. Each is checked here when it arrives, before anything is built or
written, and refused with one error otherwise; no other code pastes a user's string into a
generated file.

An identifier (input or top function name) is ASCII letters and digits in groups joined by
single underscores, starting with a letter (`pt`, `eta_2`, `jet_pt`), at most
`MAX_NAME_LENGTH` characters, and none of the names the C++ around it uses: C++ keywords,
the `ap_types` library's (`ap_*`, `AP_*`), the emitter's (`N_IN`, `srcc`, the typedefs
`fixed_16_6_t` and every name ending in `_t`, locals `t3_mul`, table helpers `lut_*`), and a
few the standard headers define (`std`, `main`, `EOF`). An input is also not a name whose
port typedef `<name>_t` the standard headers define (`size`, `int8`).

`port_names` names the firmware's ports, for the Verilog module and the HLS top function
alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from xdsl.dialects import func
from xdsl.dialects.builtin import StringAttr

from srcc.dialects import sym
from srcc.errors import SrccError, quoted
from srcc.limits import MAX_CLOCK_NS, MAX_NAME_LENGTH, MAX_PART_LENGTH, MIN_CLOCK_NS

CXX_KEYWORDS = frozenset(
    "alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t "
    "char16_t char32_t class compl concept const consteval constexpr constinit const_cast "
    "continue co_await co_return co_yield decltype default delete do double dynamic_cast else "
    "enum explicit export extern false float for friend goto if inline int long mutable "
    "namespace new noexcept not not_eq nullptr operator or or_eq private protected public "
    "register reinterpret_cast requires return short signed sizeof static static_assert "
    "static_cast struct switch template this thread_local throw true try typedef typeid "
    "typename union unsigned using virtual void volatile wchar_t while xor xor_eq".split()
)
TOP_SCOPE_NAMES = frozenset({"N_IN", "N_OUT", "srcc"})
"""Names the firmware's files define or use around the statements of the top function."""

CLOCK_PORT = "clk"
OUTPUT_PREFIX = "y"

IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")
"""Letters and digits in groups joined by single underscores: no `__` or edge `_`, which
C++ reserves or the emitter's include guards (`MODEL_H_`) end with."""

GENERATED = re.compile(r".*_t|t[0-9]+_.*|lut_.*|(?i:ap_.*|hls_.*)")
"""Names of the emitter's typedefs, values and table helpers, and the prefixes of the HLS
libraries'."""

LIBRARY_TYPEDEFS = re.compile(
    r"u?int(?:_least|_fast)?[0-9]+_t|u?int(?:max|ptr)_t|(?:s?size|ptrdiff|max_align|nullptr"
    r"|char[0-9]+|wint|wctype|mbstate|fpos|l?l?div|time|clock|clockid|timer|off|off64|pid|uid"
    r"|gid|id|mode|dev|ino|nlink|blksize|blkcnt|suseconds|useconds|key|locale|pthread"
    r"|sig_atomic|sigset|socklen|caddr|daddr|loff|quad|u_quad|fsid|float|double|register"
    r"|u_char|u_short|u_int|u_long)_t"
)
"""`_t` names the standard C and C++ headers define, which a port's typedef must not be."""

LIBRARY_NAMES = frozenset(
    {"std", "main", "NULL", "EOF", "assert", "errno", "stdin", "stdout", "stderr"}
)
"""Names the testbench's standard headers define, which a top function must not hide."""

TESTBENCH_NAMES = frozenset(
    {"inputs", "expected", "rows", "mismatches", "input_line", "expected_line"}
    | {"input_fields", "expected_fields", "field", "fields", "matches", "want", "got"}
)
"""The testbench's function and variables, in whose scope it calls the top function."""

PART = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*")
"""An FPGA part as AMD spells them: `xcvu9p-flga2104-2L-e`, `xc7z020clg400-1`."""


def check_input_name(name: object) -> str:
    """`name`, if an input may be called so (see the module docstring)."""
    checked = _check_identifier(name, "input name", frozenset())
    if LIBRARY_TYPEDEFS.fullmatch(f"{checked}_t"):
        raise SrccError(
            f"input name '{checked}' is reserved: its port type {checked}_t is a standard C type"
        )
    return checked


def check_top_name(name: object) -> str:
    """`name`, if the top function may be called so (also not the testbench's names)."""
    return _check_identifier(name, "top function name", TESTBENCH_NAMES)


def check_part(part: object) -> str:
    if not isinstance(part, str) or len(part) > MAX_PART_LENGTH or not PART.fullmatch(part):
        raise SrccError(
            f"part {quoted(part)} is not an FPGA part name (letters and digits joined by '-' or"
            f" '_', at most {MAX_PART_LENGTH} characters, as xcvu9p-flga2104-2L-e)"
        )
    return part


def check_clock(clock_ns: object) -> float:
    """The clock period, a number of ns in [MIN_CLOCK_NS, MAX_CLOCK_NS]."""
    try:
        value = float(clock_ns)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = math.nan
    if isinstance(clock_ns, str) or not MIN_CLOCK_NS <= value <= MAX_CLOCK_NS:
        raise SrccError(
            f"clock period {quoted(clock_ns)} ns is outside the limits"
            f" [{MIN_CLOCK_NS:g}, {MAX_CLOCK_NS:g}] ns"
        )
    return value


def _check_identifier(name: object, what: str, reserved: frozenset[str]) -> str:
    if not isinstance(name, str) or len(name) > MAX_NAME_LENGTH or not IDENTIFIER.fullmatch(name):
        raise SrccError(
            f"{what} {quoted(name)} is not an identifier (ASCII letters and digits, groups joined"
            f" by single '_', starting with a letter, at most {MAX_NAME_LENGTH} characters)"
        )
    if (
        name in CXX_KEYWORDS
        or name in TOP_SCOPE_NAMES
        or name in LIBRARY_NAMES
        or name in reserved
        or GENERATED.fullmatch(name)
    ):
        raise SrccError(
            f"{what} '{name}' is reserved: the generated C++ uses it (C++ keywords, ap_*, "
            "names ending in _t, t<N>_*, lut_*, srcc, std, main; see docs/security.md)"
        )
    return name


def port_names(function: func.FuncOp) -> tuple[str, list[str], list[str]]:
    """The clock's, the inputs' and the outputs' port names of the firmware: an input's
    `sym.name` or `x<i>`, the outputs `y<j>`, each made unique (`y0_`). The Verilog module's
    ports, and what the HLS top function's parameters are named after."""
    inputs = []
    for index, attrs in enumerate(
        function.arg_attrs.data if function.arg_attrs else [None] * len(function.args)
    ):
        name = attrs.data.get(sym.NAME_ATTR) if attrs is not None else None
        inputs.append(name.data if isinstance(name, StringAttr) else f"x{index}")
    outputs = [f"{OUTPUT_PREFIX}{j}" for j in range(len(function.function_type.outputs))]
    clock, *names = _unique([CLOCK_PORT, *inputs, *outputs])
    return clock, names[: len(inputs)], names[len(inputs) :]


def _unique(names: Sequence[str]) -> list[str]:
    """`names` with a `_` appended to each one already taken."""
    taken: set[str] = set()
    unique = []
    for name in names:
        while name in taken:
            name += "_"
        taken.add(name)
        unique.append(name)
    return unique
