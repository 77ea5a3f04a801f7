"""Lookup tables: proven error bounds hold on every argument, and beat the left-edge scheme.

Tables run through the emulator's `fix.lut` (the exact raw-integer semantics of
docs/ir.md). The reference is numpy float64, allowed a margin of 1e-15 relative for its
own rounding (libm is within an ulp, 2.2e-16 relative).
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects.builtin import FunctionType
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Block, Region

from srcc.analysis.fixed_format import int_bits_for
from srcc.analysis.interval import Interval
from srcc.analysis.lut_tables import (
    FUNCTIONS,
    Table,
    cells_for_error,
    design_table,
    lipschitz,
    propagate,
    sampling_error,
)
from srcc.dialects import fix, sym
from srcc.passes.lower_sym_to_fix import lut_op
from srcc.runtime.emulator import Emulator

REFERENCE_MARGIN = 1e-15


def _load_bench() -> object:
    path = Path(__file__).resolve().parents[1] / "bench" / "lut.py"
    spec = importlib.util.spec_from_file_location("bench_lut", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_lut"] = module
    spec.loader.exec_module(module)
    return module


BENCH = _load_bench()
DOMAINS: dict[str, Interval] = BENCH.DOMAINS  # type: ignore[attr-defined]


def arg_type(domain: Interval, frac_bits: int) -> fix.FixedType:
    int_bits = int_bits_for(domain, frac_bits)
    return fix.FixedType(int_bits + frac_bits, int_bits)


def run_table(table: Table, arg: fix.FixedType, raw: np.ndarray) -> np.ndarray:
    """The table's outputs (real values) for raw arguments, by the emulator's `fix.lut`."""
    block = Block(arg_types=[arg])
    lut = lut_op(block.args[0], table)
    result = lut.result.type
    block.add_ops([lut, ReturnOp(lut)])
    function = FuncOp("lut", FunctionType.from_lists([arg], [result]), Region(block))
    function.verify()
    outputs = Emulator(function).run_raw([raw])[0]
    return np.ldexp(np.asarray(outputs, dtype=np.float64), -table.entry_format.frac_bits)


def worst_excess(table: Table, arg: fix.FixedType) -> float:
    """max over every value of the argument type of |T(x) - f(clamp(x))| - max_error."""
    raw = np.arange(arg.min_raw, arg.max_raw + 1, dtype=np.int64)
    x = np.ldexp(raw.astype(np.float64), -arg.frac_bits)
    reference = sym.UNARY_OPS[table.function].NUMPY_FN(np.clip(x, table.domain.lo, table.domain.hi))
    error = np.abs(run_table(table, arg, raw) - reference)
    return float(np.max(error - REFERENCE_MARGIN * np.abs(reference))) - table.max_error


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_bound_holds_on_every_argument(function: str) -> None:
    domain = DOMAINS[function]
    failures = []
    for frac_bits in (6, 10):
        arg = arg_type(domain, frac_bits)
        assert arg.width <= 16
        for log2_cells in (3, 6, 9):
            for entry_frac_bits in (6, 12):
                for interpolate in (False, True):
                    for symmetric in (False, True):
                        table = design_table(
                            function,
                            domain,
                            frac_bits,
                            log2_cells,
                            entry_frac_bits,
                            interpolate=interpolate,
                            symmetric=symmetric,
                        )
                        excess = worst_excess(table, arg)
                        if excess > 0:
                            failures.append((table, excess))
    assert not failures, failures[:3]


@pytest.mark.parametrize(
    ("function", "domain", "guard"),
    [("log_abs", Interval(-3.0, 5.0), 2.0**-5), ("inv", Interval(-2.0, 0.75), 2.0**-3)],
)
def test_guarded_bound_holds_on_every_argument(function: str, domain: Interval, guard: float):
    """A guarded table holds its bound against f(x) with |x| clamped to at least its
    `guard` (the sign kept, 0 counted positive), on every argument, 0 included."""
    op = sym.UNARY_OPS[function]
    assert op.SINGULARITY is not None
    for frac_bits in (6, 10):
        arg = arg_type(domain, frac_bits)
        raw = np.arange(arg.min_raw, arg.max_raw + 1, dtype=np.int64)
        x = np.ldexp(raw.astype(np.float64), -arg.frac_bits)
        for interpolate in (False, True):
            table = design_table(
                function, domain, frac_bits, 6, 10, interpolate=interpolate, guard=guard
            )
            assert table.symmetry == FUNCTIONS[function].parity and 0 < table.guard <= guard
            clamped = np.clip(x, table.domain.lo, table.domain.hi)
            reference = op.NUMPY_FN(sym.guarded(clamped, table.guard, op.SINGULARITY))
            error = np.abs(run_table(table, arg, raw) - reference)
            assert np.max(error - REFERENCE_MARGIN * np.abs(reference)) <= table.max_error


def test_symmetry_is_used_when_it_pays() -> None:
    sin = design_table("sin", Interval(-4.0, 4.0), 12, 10, 14)
    plain = design_table("sin", Interval(-4.0, 4.0), 12, 10, 14, symmetric=False)
    assert (sin.symmetry, plain.symmetry) == ("odd", "none")
    assert sin.max_error < 0.5 * plain.max_error
    assert design_table("exp", Interval(-4.0, 4.0), 12, 10, 14).symmetry == "none"
    assert design_table("cos", Interval(0.5, 3.0), 12, 10, 14).symmetry == "none"


def test_layout_is_a_bit_slice_of_the_grid() -> None:
    table = design_table("sin", Interval(-4.0, 4.0), 12, 10, 14, symmetric=False)
    # 1024 cells of 2**-7 cover [-4, 4); the argument 4.0 clamps into the last cell.
    assert (table.shift, table.offset, len(table.entries)) == (-7, -512, 1024)
    assert table.entry_format.int_bits == 2


def test_small_domain_tabulates_every_argument_exactly() -> None:
    table = design_table("exp", Interval(-1.0, 1.0), 4, 10, 12)
    assert table.shift == -4 and len(table.entries) == 33
    # Only the entries' rounding (half an ulp of 2**-12) remains.
    assert table.max_error <= 0.5001 * 2.0**-12


def test_interpolation_is_far_more_accurate() -> None:
    constant = design_table("gauss", Interval(-3.0, 3.0), 16, 10, 24)
    linear = design_table("gauss", Interval(-3.0, 3.0), 16, 10, 24, interpolate=True)
    assert linear.interpolate and linear.shift == constant.shift
    assert linear.max_error < constant.max_error / 100


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_half_the_error_of_left_edge_tables(function: str) -> None:
    """At equal domain and entry count, against hls4ml's left-edge, floor-indexed table.

    Both errors are first order in the cell width h, and the best constant on a cell is
    half as far from f as its left edge, so ours is half theirs when our power-of-two cells
    fit the domain exactly; they overhang it by at most one cell per end, hence N / (N - 2).
    sqrt's error grows as sqrt(h) near 0, where halving is out of reach: there 0.6."""
    domain = DOMAINS[function]
    ratio = 0.6 if function in ("sqrt", "sqrt_abs") else 0.5
    for log2_cells in (8, 10):
        ours = design_table(function, domain, 12, log2_cells, 20)
        count = len(ours.entries)
        theirs = BENCH.left_edge_error(function, domain, count, 12, 20)  # type: ignore[attr-defined]
        assert ours.max_error <= ratio * theirs * count / (count - 2), (log2_cells, count)


@pytest.mark.parametrize("interpolate", [False, True])
def test_cells_for_error_is_the_smallest_size_meeting_the_target(interpolate: bool) -> None:
    domain, target = Interval(-2.0, 3.0), 1e-3
    size = cells_for_error("tanh", domain, target, 16, interpolate=interpolate)
    error = sampling_error("tanh", domain, 60, size, interpolate=interpolate)
    coarser = sampling_error("tanh", domain, 60, size - 1, interpolate=interpolate)
    assert error <= target < coarser
    assert cells_for_error("tanh", domain, 1e-30, 12) == 12


def _sample_intervals(function: str, rng: np.random.Generator) -> list[Interval]:
    domain = DOMAINS[function]
    intervals = [domain]
    for _ in range(5):
        lo, hi = np.sort(rng.uniform(domain.lo, domain.hi, 2))
        intervals.append(Interval(float(lo), float(hi)))
    return intervals


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_lipschitz_bounds_every_secant(function: str) -> None:
    rng = np.random.default_rng(1)
    fn = sym.UNARY_OPS[function].NUMPY_FN
    for interval in _sample_intervals(function, rng):
        x = np.unique(
            np.concatenate(
                [[interval.lo, interval.hi], rng.uniform(interval.lo, interval.hi, 100_000)]
            )
        )
        y = fn(x)
        rounding = 4e-16 * np.maximum(np.abs(y[1:]), np.abs(y[:-1]))
        secants = (np.abs(np.diff(y)) - rounding) / np.diff(x)
        assert np.max(secants) <= lipschitz(function, interval), interval


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_propagate_bounds_every_perturbation(function: str) -> None:
    rng = np.random.default_rng(2)
    fn = sym.UNARY_OPS[function].NUMPY_FN
    for interval in _sample_intervals(function, rng):
        for input_error in (1e-6, 1e-3, 0.1):
            x = rng.uniform(interval.lo, interval.hi, 100_000)
            moved = np.clip(
                x + rng.uniform(-input_error, input_error, x.size), interval.lo, interval.hi
            )
            y, y_moved = fn(x), fn(moved)
            change = np.abs(y_moved - y) - 4e-16 * np.maximum(np.abs(y), np.abs(y_moved))
            assert np.max(change) <= propagate(function, interval, input_error), interval


def test_sqrt_at_zero_propagates_by_hoelder() -> None:
    interval = Interval(0.0, 4.0)
    assert lipschitz("sqrt", interval) == math.inf
    assert propagate("sqrt", interval, 1e-6) == pytest.approx(1e-3, rel=1e-9)
    assert propagate("sqrt", Interval(1.0, 4.0), 1e-6) == pytest.approx(0.5e-6, rel=1e-9)


def test_singular_domains_are_refused() -> None:
    for function, domain in (
        ("log", Interval(0.0, 1.0)),
        ("inv", Interval(-1.0, 1.0)),
        ("tan", Interval(1.0, 2.0)),
        ("asin", Interval(0.0, 1.5)),
    ):
        with pytest.raises(ValueError):
            design_table(function, domain, 10, 8, 12)


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_error_within_a_reach_bounds_the_arguments_in_it(function: str) -> None:
    """`Table.error_within` holds on every argument inside the reach asked about, and is
    never above `max_error`."""
    domain = DOMAINS[function]
    arg = arg_type(domain, 10)
    raw = np.arange(arg.min_raw, arg.max_raw + 1, dtype=np.int64)
    x = np.ldexp(raw.astype(np.float64), -arg.frac_bits)
    edges = np.linspace(domain.lo, domain.hi, 9)
    for interpolate in (False, True):
        for symmetric in (False, True):
            table = design_table(
                function, domain, 10, 7, 12, interpolate=interpolate, symmetric=symmetric
            )
            clamped = np.clip(x, table.domain.lo, table.domain.hi)
            reference = sym.UNARY_OPS[function].NUMPY_FN(clamped)
            excess = np.abs(run_table(table, arg, raw) - reference)
            excess -= REFERENCE_MARGIN * np.abs(reference)
            for lo, hi in zip(edges[:-1], edges[1:]):
                within = table.error_within(Interval(float(lo), float(hi)))
                inside = (x >= lo) & (x <= hi)
                assert within <= table.max_error
                assert np.max(excess[inside], initial=0.0) <= within, (table.symmetry, lo, hi)


def test_error_within_is_far_below_max_error_where_f_is_gentle() -> None:
    table = design_table("inv", Interval(0.1, 3.0), 12, 8, 14, interpolate=True)
    gentle = table.error_within(Interval(2.0, 3.0))
    assert table.error_within(Interval(0.1, 0.2)) == table.max_error
    assert gentle < table.max_error / 20
