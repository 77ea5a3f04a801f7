"""Lookup-table error and memory: srcc's tables against the left-edge scheme of hls4ml.

For each function and table size (256 ... 4096 cells): the proven max error and the memory
(entries x entry width) of srcc's tables, plain, symmetric, interpolated, and both, next to
the left-edge table hls4ml builds (entry j = f(lo + j*h) truncated to the entry format,
h = (hi - lo) / size, index floor((x - lo) / h) clamped: a multiplier, no bit slice),
whose max error is measured exhaustively on every argument of the grid in the domain.
Then periodic range reduction: sin and cos over several periods by a quarter-wave table
(one period of cells in turns, a quarter stored) against the smallest symmetric table over
the whole domain that is as accurate. Last, the time to design one 1024-cell table.

Run: `python bench/lut.py`.
"""

from __future__ import annotations

import math
import time

import numpy as np

from srcc.analysis.interval import Interval
from srcc.analysis.lut_tables import Table, design_quarter_wave, design_table, turns_constant
from srcc.dialects import sym

ARG_FRAC_BITS = 16
ENTRY_FRAC_BITS = 24
SIZES = (8, 9, 10, 11, 12)
DOMAINS: dict[str, Interval] = {
    "sin": Interval(-4.0, 4.0),
    "cos": Interval(-3.3, 5.0),
    "tan": Interval(-1.5, 1.4),
    "exp": Interval(-3.0, 2.7),
    "log": Interval(0.03, 6.0),
    "log_abs": Interval(-6.0, -0.03),
    "sqrt": Interval(0.0, 7.0),
    "sqrt_abs": Interval(-7.0, 3.0),
    "inv": Interval(0.1, 6.0),
    "sinh": Interval(-3.0, 3.0),
    "cosh": Interval(-2.0, 3.0),
    "tanh": Interval(-4.0, 4.0),
    "asin": Interval(-1.0, 1.0),
    "acos": Interval(-1.0, 0.9),
    "atan": Interval(-5.0, 5.0),
    "gauss": Interval(-3.0, 2.5),
    "erf": Interval(-3.0, 2.5),
    "erfc": Interval(-2.0, 3.0),
    "gamma": Interval(0.25, 4.5),
    "asinh": Interval(-5.0, 4.0),
    "acosh": Interval(1.0, 6.0),
    "atanh": Interval(-0.95, 0.9),
    "atanh_clip": Interval(1.1, 2.95),
}
"""A typical argument range per function."""


def grid(domain: Interval, frac_bits: int) -> np.ndarray:
    """Every multiple of 2**-frac_bits in the domain."""
    first = math.ceil(math.ldexp(domain.lo, frac_bits))
    last = math.floor(math.ldexp(domain.hi, frac_bits))
    return np.ldexp(np.arange(first, last + 1, dtype=np.float64), -frac_bits)


def left_edge_error(
    function: str, domain: Interval, entries: int, arg_frac_bits: int, entry_frac_bits: int
) -> float:
    """Measured max |T(x) - f(x)| of the left-edge table over every grid argument."""
    fn = sym.UNARY_OPS[function].NUMPY_FN
    step = (domain.hi - domain.lo) / entries
    table = np.floor(np.ldexp(fn(domain.lo + step * np.arange(entries)), entry_frac_bits))
    x = grid(domain, arg_frac_bits)
    index = np.clip(np.floor((x - domain.lo) / step).astype(np.int64), 0, entries - 1)
    return float(np.max(np.abs(np.ldexp(table[index], -entry_frac_bits) - fn(x))))


def variants(function: str, log2_cells: int) -> list[Table]:
    """srcc's table: plain, symmetric, interpolated, symmetric and interpolated."""
    return [
        design_table(
            function,
            DOMAINS[function],
            ARG_FRAC_BITS,
            log2_cells,
            ENTRY_FRAC_BITS,
            interpolate=interpolate,
            symmetric=symmetric,
        )
        for interpolate in (False, True)
        for symmetric in (False, True)
    ]


def row(function: str, log2_cells: int) -> str:
    ours = variants(function, log2_cells)
    size = len(ours[0].entries)
    theirs = left_edge_error(function, DOMAINS[function], size, ARG_FRAC_BITS, ENTRY_FRAC_BITS)
    width = ours[0].entry_format.width
    cells = [f"{theirs:9.2e} {size * width:7d}"]
    cells += [f"{table.max_error:9.2e} {table.memory_bits:7d}" for table in ours]
    return f"{function:8s} {1 << log2_cells:5d} | " + " | ".join(cells)


WIDE = Interval(-16.0, 16.0)
"""Five periods: where a quarter-wave table pays."""


def periodic_row(function: str, log2_cells: int) -> str:
    """A quarter-wave table, and the smallest symmetric table over WIDE at least as good."""
    turns = turns_constant(WIDE.magnitude, 2.0**-ENTRY_FRAC_BITS)
    quarter = design_quarter_wave(function, log2_cells, ENTRY_FRAC_BITS, turns)
    for size in range(8, 20):
        whole = design_table(function, WIDE, ARG_FRAC_BITS, size, ENTRY_FRAC_BITS)
        if whole.max_error <= quarter.max_error:
            break
    saved = whole.memory_bits / quarter.memory_bits
    return (
        f"{function:8s} {1 << log2_cells:5d} | {quarter.max_error:9.2e} {quarter.memory_bits:7d}"
        f" | {whole.max_error:9.2e} {whole.memory_bits:7d} | {saved:5.1f}x"
    )


def build_time_ms(function: str, interpolate: bool, repeats: int = 20) -> float:
    """Mean time to design a 1024-cell table (both symmetries tried), bypassing the cache."""
    design = design_table.__wrapped__
    start = time.perf_counter()
    for _ in range(repeats):
        design(
            function,
            DOMAINS[function],
            ARG_FRAC_BITS,
            10,
            ENTRY_FRAC_BITS,
            interpolate=interpolate,
        )
    return (time.perf_counter() - start) / repeats * 1e3


def main() -> None:
    print(
        f"argument grid 2**-{ARG_FRAC_BITS}, entries with {ENTRY_FRAC_BITS} fractional bits;"
        " each pair: max error, memory bits (left-edge at srcc's plain entry count)"
    )
    labels = ("left-edge", "plain", "symmetric", "interp", "interp+sym")
    print(f"{'function':8s} {'cells':>5s} | " + " | ".join(f"{label:17s}" for label in labels))
    for function in DOMAINS:
        for log2_cells in SIZES:
            print(row(function, log2_cells))
    print(f"\nperiodic range reduction over [{WIDE.lo:g}, {WIDE.hi:g}]: max error, memory bits")
    print(f"{'function':8s} {'cells':>5s} | {'quarter-wave':17s} | {'whole domain':17s} | saved")
    for function in ("sin", "cos"):
        for log2_cells in SIZES:
            print(periodic_row(function, log2_cells))
    print("\ndesign time of a 1024-cell table, ms: constant, interpolated")
    for function in DOMAINS:
        constant, linear = build_time_ms(function, False), build_time_ms(function, True)
        print(f"  {function:8s} {constant:6.2f} {linear:6.2f}")


if __name__ == "__main__":
    main()
