"""The strings srcc writes into generated files, checked against one strict grammar.

Input names, the top function's name, the FPGA part and the clock period reach C++, Tcl,
report.json and the IR. Each is checked here when it arrives, before anything is built or
written, and refused with one error otherwise; no other code pastes a user's string into a
generated file.

An identifier (input or top function name) is ASCII letters and digits in groups joined by
single underscores, starting with a letter (`pt`, `eta_2`, `jet_pt`), at most
`MAX_NAME_LENGTH` characters, and none of the names the C++ around it uses: C++ keywords,
the `ap_types` library's (`ap_*`, `AP_*`), the emitter's (`input_t`, `N_IN`, `srcc`, the
typedefs `fixed_16_6_t` and every name ending in `_t`, locals `t3_mul`, table helpers
`lut_*`, `in0`), and a few the standard headers define (`std`, `main`, `EOF`). An input may
be called `x` or `y`, as the top function's parameters are: the emitter renames the input's
C++ variable (`x_1`); the top function may not.
"""

from __future__ import annotations

import math
import re

from srcc.emitters.hls import CXX_KEYWORDS, TOP_SCOPE_NAMES
from srcc.errors import SrccError, quoted
from srcc.limits import MAX_CLOCK_NS, MAX_NAME_LENGTH, MAX_PART_LENGTH, MIN_CLOCK_NS

IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")
"""Letters and digits in groups joined by single underscores: no `__` or edge `_`, which
C++ reserves or the emitter's include guards (`MODEL_H_`) end with."""

GENERATED = re.compile(r".*_t|t[0-9]+_.*|lut_.*|in[0-9]+|(?i:ap_.*|hls_.*)")
"""Names of the emitter's typedefs, values, table helpers and default inputs, and the
prefixes of the HLS libraries'."""

LIBRARY_NAMES = frozenset(
    {"std", "main", "NULL", "EOF", "assert", "errno", "stdin", "stdout", "stderr"}
)
"""Names the testbench's standard headers define, which a top function must not hide."""

PORTS = frozenset({"x", "y"})
"""The top function's parameters."""

TESTBENCH_LOCALS = frozenset(
    {"inputs", "expected", "rows", "mismatches", "input_line", "expected_line"}
    | {"input_fields", "expected_fields", "field", "want", "got"}
)
"""The testbench's variables, in whose scope it calls the top function."""

PART = re.compile(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*")
"""An FPGA part as AMD spells them: `xcvu9p-flga2104-2L-e`, `xc7z020clg400-1`."""


def check_input_name(name: object) -> str:
    """`name`, if an input may be called so (see the module docstring)."""
    return _check_identifier(name, "input name", frozenset())


def check_top_name(name: object) -> str:
    """`name`, if the top function may be called so (also not the testbench's names)."""
    return _check_identifier(name, "top function name", PORTS | TESTBENCH_LOCALS)


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
        or (name in TOP_SCOPE_NAMES and name not in PORTS)
        or name in LIBRARY_NAMES
        or name in reserved
        or GENERATED.fullmatch(name)
    ):
        raise SrccError(
            f"{what} '{name}' is reserved: the generated C++ uses it (C++ keywords, ap_*, "
            "names ending in _t, t<N>_*, lut_*, in<N>, srcc, std, main; see docs/security.md)"
        )
    return name
