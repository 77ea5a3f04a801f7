"""Ground truth: runtime/fixed.py and the emulator against g++ with the real `ap_fixed.h`.

Each test generates one C++ program holding many cases (one function per case), feeds it
raw operands on stdin and compares the raw results bit for bit. Programs are cached by
source hash (srcc.runtime.cxx), and the cases come from fixed seeds, so reruns skip g++.
"""

from __future__ import annotations

import random
import struct
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pytest
from required_tools import require_csim_tools
from xdsl.dialects.builtin import FunctionType
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Block, Operation, Region, SSAValue

from srcc.dialects import fix
from srcc.dialects.fix import FixType, OverflowMode, RoundingMode, fix_type
from srcc.runtime.cxx import run_cxx
from srcc.runtime.emulator import Emulator
from srcc.runtime.fixed import cast, cast_counting, quantize

require_csim_tools()

ROWS = 64
PARALLEL = 2
# -O0: these programs are compile-bound. NDEBUG: ap_private asserts when a cast discards more
# bits than the source has; the header's result is still right (the tests check it).
CXX_FLAGS = ("-std=c++14", "-O0", "-DNDEBUG")

PRELUDE = r"""
#include <ap_fixed.h>
#include <cstdint>
#include <cstring>
#include <iostream>

template <typename T> T read_raw() {
  ap_uint<T::width + 32> acc = 0;
  for (int k = 0; k < (T::width + 31) / 32; ++k) {
    unsigned long chunk;
    std::cin >> chunk;
    acc <<= 32;
    acc |= ap_uint<T::width + 32>(chunk);
  }
  T x;
  x.range() = ap_uint<T::width>(acc);
  return x;
}

template <typename T> void print_raw(const T& x) {
  ap_uint<T::width + 32> acc = ap_uint<T::width>(x.range());
  unsigned long chunks[(T::width + 31) / 32];
  for (int k = (T::width + 31) / 32 - 1; k >= 0; --k) {
    chunks[k] = acc.range(31, 0).to_ulong();
    acc >>= 32;
  }
  for (int k = 0; k < (T::width + 31) / 32; ++k) std::cout << chunks[k] << ' ';
}

template <typename T> void print_type() {
  T all_ones;
  all_ones.range() = ~ap_uint<T::width>(0);
  std::cout << T::width << ' ' << T::iwidth << ' ' << (all_ones < 0) << ' ';
}

double read_double() {
  unsigned long long bits;
  std::cin >> bits;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}
"""


def chunks(raw: int, width: int) -> list[int]:
    count = (width + 31) // 32
    bits = raw & ((1 << width) - 1)
    return [(bits >> (32 * (count - 1 - k))) & 0xFFFFFFFF for k in range(count)]


def from_chunks(tokens: Sequence[str], type_: FixType) -> int:
    bits = 0
    for token in tokens:
        bits = (bits << 32) | int(token)
    if type_.signed and bits >> (type_.width - 1):
        bits -= 1 << type_.width
    return bits


@dataclass
class Case:
    """One C++ function: read operands (raw, or doubles), compute `expr` into `y`, print y.
    With `print_type`, the function first prints y's width, integer bits and sign."""

    operand_types: list[FixType]
    result_type: FixType
    statement: str
    rows: list[list[int]] | list[float]
    print_type: bool = False
    doubles: bool = False
    outputs: list[int] = field(default_factory=list)
    cxx_result_type: tuple[int, int, bool] | None = None

    def cxx(self, index: int) -> str:
        reads = (
            ["double a = read_double();"]
            if self.doubles
            else [
                f"{t.cxx()} {name} = read_raw<{t.cxx()}>();"
                for name, t in zip("abc", self.operand_types, strict=False)
            ]
        )
        type_line = "    if (row == 0) print_type<decltype(y)>();\n" if self.print_type else ""
        return (
            f"void case_{index}() {{\n  int n; std::cin >> n;\n"
            f"  for (int row = 0; row < n; ++row) {{\n    {' '.join(reads)}\n"
            f"    {self.statement}\n{type_line}    print_raw(y);\n  }}\n"
            f"  std::cout << '\\n';\n}}\n"
        )

    def stdin(self) -> str:
        if self.doubles:
            values = [struct.unpack("<Q", struct.pack("<d", x))[0] for x in self.rows]
            return f"{len(values)} {' '.join(map(str, values))}\n"
        words = [
            str(word)
            for row in self.rows
            for raw, t in zip(row, self.operand_types, strict=True)  # type: ignore[arg-type]
            for word in chunks(raw, t.width)
        ]
        return f"{len(self.rows)} {' '.join(words)}\n"

    def parse(self, line: str) -> None:
        tokens = line.split()
        if self.print_type:
            width, int_bits, signed = int(tokens[0]), int(tokens[1]), tokens[2] == "1"
            self.cxx_result_type = (width, int_bits, signed)
            tokens = tokens[3:]
        count = (self.result_type.width + 31) // 32
        self.outputs = [
            from_chunks(tokens[i : i + count], self.result_type)
            for i in range(0, len(tokens), count)
        ]


def run_program(cases: list[Case]) -> None:
    """Compile cases into one program, run it once, store each case's raw outputs."""
    source = PRELUDE + "".join(case.cxx(i) for i, case in enumerate(cases))
    source += "int main() {\n" + "".join(f"  case_{i}();\n" for i in range(len(cases))) + "}\n"
    stdout = run_cxx(source, "".join(case.stdin() for case in cases), flags=CXX_FLAGS)
    for case, line in zip(cases, stdout.split("\n"), strict=False):
        case.parse(line)
    assert all(len(case.outputs) == len(case.rows) for case in cases)


def run_cases(cases: list[Case]) -> None:
    """`run_program` on PARALLEL slices of the cases at once (g++ dominates the time)."""
    with ThreadPoolExecutor(PARALLEL) as pool:
        list(pool.map(run_program, [cases[i::PARALLEL] for i in range(PARALLEL)]))


def random_type(rng: random.Random, max_width: int = 60, signed: bool | None = None) -> FixType:
    width = rng.randint(1, max_width)
    int_bits = rng.randint(-8, width + 8)
    return fix_type(width, int_bits, rng.random() < 0.5 if signed is None else signed)


def random_raws(rng: random.Random, type_: FixType, count: int) -> list[int]:
    """Extremes, zero and small values first, then uniform ones."""
    low, high = type_.min_raw, type_.max_raw
    special = [low, high, 0, 1, -1, low + 1, high - 1, high // 2, low // 2]
    values = [v for v in special if low <= v <= high]
    return values + [rng.randint(low, high) for _ in range(count - len(values))]


def single_op_func(
    arg_types: Sequence[FixType], build: Callable[[Sequence[SSAValue]], Operation]
) -> FuncOp:
    block = Block(arg_types=arg_types)
    op = build(block.args)
    block.add_ops([op, ReturnOp(op.results[0])])
    signature = FunctionType.from_lists(arg_types, [op.results[0].type])
    return FuncOp("f", signature, Region(block))


def emulate(func: FuncOp, rows: Sequence[Sequence[int]], arg_types: Sequence[FixType]) -> list:
    columns = [
        np.array([row[i] for row in rows], dtype=object if t.width > 62 else np.int64)
        for i, t in enumerate(arg_types)
    ]
    return [int(v) for v in Emulator(func).run_raw(columns)[0]]


def _binary_case(rng: random.Random, op: str, max_width: int) -> tuple[Case, FuncOp]:
    a, b = random_type(rng, max_width), random_type(rng, max_width)
    op_class = {
        "add": fix.AddOp,
        "sub": fix.SubOp,
        "mul": fix.MulOp,
        "min": fix.MinOp,
        "max": fix.MaxOp,
    }[op]
    func = single_op_func([a, b], lambda args: op_class(args[0], args[1]))
    result = func.body.block.first_op.results[0].type  # type: ignore[union-attr]
    r = result.cxx()
    statement = {
        "add": "auto y = a + b;",
        "sub": "auto y = a - b;",
        "mul": "auto y = a * b;",
        # Compare in the result type: ap_fixed's own signed/unsigned comparison can be wrong.
        "min": f"{r} ra = a, rb = b; {r} y = ra < rb ? ra : rb;",
        "max": f"{r} ra = a, rb = b; {r} y = ra > rb ? ra : rb;",
    }[op]
    rows = [list(r) for r in zip(random_raws(rng, a, ROWS), random_raws(rng, b, ROWS)[::-1])]
    case = Case([a, b], result, statement, rows, print_type=True)
    return case, func


def _unary_case(rng: random.Random, op: str, max_width: int) -> tuple[Case, FuncOp]:
    a = random_type(rng, max_width)
    amount = rng.randint(-10, 10)
    build: dict[str, Callable[[Sequence[SSAValue]], Operation]] = {
        "neg": lambda args: fix.NegOp(args[0]),
        "abs": lambda args: fix.AbsOp(args[0]),
        "relu": lambda args: fix.ReluOp(args[0]),
        "sign": lambda args: fix.SignOp(args[0]),
        "shift": lambda args: fix.ShiftOp(args[0], amount),
    }
    func = single_op_func([a], build[op])
    r = func.body.block.first_op.results[0].type.cxx()  # type: ignore[union-attr]
    statement = {
        "neg": "auto y = -a;",
        "abs": f"{r} y = a < 0 ? {r}(-a) : {r}(a);",
        "relu": f"{r} y = a > 0 ? {r}(a) : {r}(0);",
        "sign": f"{r} y = a > 0 ? {r}(1) : (a < 0 ? {r}(-1) : {r}(0));",
        "shift": f"{r} y; y.range() = a.range();",
    }[op]
    result = func.body.block.first_op.results[0].type  # type: ignore[union-attr]
    rows = [[raw] for raw in random_raws(rng, a, ROWS)]
    return Case([a], result, statement, rows, print_type=True), func


OPS = ["add", "sub", "mul", "min", "max", "neg", "abs", "relu", "sign", "shift"]


def test_ops_against_ap_fixed() -> None:
    """Every exact op: result raw and (for add/sub/mul/neg) the C++ result type."""
    rng = random.Random(1)
    cases: list[tuple[Case, FuncOp]] = []
    for op in OPS:
        make = _binary_case if op in ("add", "sub", "mul", "min", "max") else _unary_case
        cases += [make(rng, op, 60) for _ in range(5)]
        cases += [make(rng, op, 90)]
    run_cases([case for case, _ in cases])
    for case, func in cases:
        op = func.body.block.first_op
        assert op is not None
        r = case.result_type
        assert case.cxx_result_type == (r.width, r.int_bits, r.signed), op
        expected = emulate(func, case.rows, case.operand_types)  # type: ignore[arg-type]
        assert case.outputs == expected, f"{op}: {case.operand_types}"


def _cast_case(
    rng: random.Random, round: RoundingMode, overflow: OverflowMode, max_width: int
) -> Case:
    src, dst = random_type(rng, max_width), random_type(rng, max_width)
    if rng.random() < 0.3:  # nearby types, where rounding and overflow interact most
        dst = fix_type(
            max(1, src.width + rng.randint(-4, 2)), src.int_bits + rng.randint(-3, 1), dst.signed
        )
    rows = [[raw] for raw in random_raws(rng, src, ROWS)]
    statement = f"{dst.cxx((round, overflow))} y = a;"
    return Case([src], dst, statement, rows)


def test_cast_against_ap_fixed() -> None:
    """Every rounding x overflow mode, random types (widths 1..60 and some over 64)."""
    rng = random.Random(2)
    cases = [
        (round, overflow, _cast_case(rng, round, overflow, width))
        for round in RoundingMode
        for overflow in OverflowMode
        for width in (60, 60, 12, 100)
    ]
    run_cases([case for _, _, case in cases])
    for round, overflow, case in cases:
        src, dst = case.operand_types[0], case.result_type
        raws = np.array([row[0] for row in case.rows], dtype=object)  # type: ignore[index]
        by_fixed = [int(v) for v in cast(raws, src, dst, round, overflow)]
        assert by_fixed == case.outputs, f"{round} {overflow} {src} -> {dst}"
        func = single_op_func(
            [src], lambda args, d=dst, q=round, o=overflow: fix.CastOp(args[0], d, q, o)
        )
        by_emulator = emulate(func, case.rows, [src])  # type: ignore[arg-type]
        assert by_emulator == case.outputs, f"emulator {round} {overflow} {src} -> {dst}"


def random_doubles(rng: random.Random, type_: FixType, count: int) -> list[float]:
    lsb, top = 2.0**-type_.frac_bits, 2.0**type_.int_bits
    special = [0.0, -0.0, lsb / 2, -lsb / 2, 1.5 * lsb, -2.5 * lsb, top, -top, top * 3]
    special += [1e-310, -1e-310, 1e300, -1e300, float("inf"), float("-inf"), 5e-324]
    grid = [rng.randint(-(2**20), 2**20) * lsb / 4 for _ in range(count // 2)]
    spread = [rng.uniform(-1.5, 1.5) * top for _ in range(count - len(special) - len(grid))]
    return special + grid + spread


def test_quantize_against_ap_fixed() -> None:
    """double -> ap_fixed, every mode: exact binary value rounded (widths up to 100)."""
    rng = random.Random(3)
    cases = []
    for round in RoundingMode:
        for overflow in OverflowMode:
            for width in (60, 8, 100):
                dst = random_type(rng, width)
                rows = random_doubles(rng, dst, ROWS)
                statement = f"{dst.cxx((round, overflow))} y = a;"
                cases.append((round, overflow, Case([], dst, statement, rows, doubles=True)))
    run_cases([case for _, _, case in cases])
    for round, overflow, case in cases:
        got = [int(v) for v in quantize(np.array(case.rows), case.result_type, round, overflow)]
        assert got == case.outputs, f"{round} {overflow} {case.result_type}"


def test_cast_overflow_report() -> None:
    src, dst = fix.FixedType(8, 4), fix.FixedType(4, 2)
    raws = np.arange(-128, 128)
    _, outside = cast_counting(raws, src, dst, RoundingMode.RND, OverflowMode.SAT)
    values = raws / 16
    rounded = np.floor(values * 4 + 0.5)
    assert int(np.count_nonzero(outside)) == int(np.count_nonzero((rounded < -8) | (rounded > 7)))
    func = single_op_func(
        [src], lambda args: fix.CastOp(args[0], dst, RoundingMode.RND, OverflowMode.SAT)
    )
    emulator = Emulator(func)
    emulator.run_raw([raws], report_overflow=True)
    assert [event.rows for event in emulator.overflow_report] == [int(outside.sum())]


@dataclass(frozen=True)
class Lut:
    arg: FixType
    result: FixType
    shift: int
    offset: int
    entries: tuple[int, ...]
    mode: str = "clamp"
    symmetry: str = "none"
    interpolate: bool = False

    def op(self, arg: SSAValue) -> fix.LutOp:
        return fix.LutOp(
            arg,
            self.result,
            function="f",
            shift=self.shift,
            offset=self.offset,
            entries=self.entries,
            mode=self.mode,
            symmetry=self.symmetry,
            interpolate=self.interpolate,
        )


def lut_reference(lut: Lut, r: int) -> int:
    """docs/ir.md's `fix.lut` semantics, step by step, on one raw argument."""
    k = lut.arg.frac_bits + lut.shift
    u = abs(r) if lut.symmetry in ("even", "odd") else r
    q, frac = (u >> k, u & ((1 << k) - 1)) if k > 0 else (u << -k, 0)
    j, entries = q - lut.offset, lut.entries
    if lut.interpolate:
        cells = len(entries) - 1
        if lut.mode == "clamp" and j < 0:
            y = entries[0]
        elif lut.mode == "clamp" and j > cells - 1:
            y = entries[cells]
        else:
            j %= cells
            y = entries[j] + (entries[j + 1] - entries[j]) * frac // 2**k
    elif lut.symmetry == "quarter":
        quarter = len(entries)
        quadrant, p = divmod(j % (4 * quarter), quarter)
        y = entries[p if quadrant % 2 == 0 else quarter - 1 - p]
        y = -y if quadrant >= 2 else y
    else:
        cells = len(entries)
        y = entries[min(max(j, 0), cells - 1) if lut.mode == "clamp" else j % cells]
    return -y if lut.symmetry == "odd" and r < 0 else y


LUTS = [
    Lut(fix.FixedType(8, 3), fix.FixedType(8, 1), -2, -8, tuple(range(-60, 60, 8)), "clamp"),
    Lut(fix.FixedType(8, 3), fix.FixedType(8, 1), -1, 3, (5, -7, 9, 100), "wrap"),
    Lut(fix.UFixedType(7, 2), fix.UFixedType(6, 6), -3, 0, (1, 4, 9, 16, 25), "clamp", "even"),
    Lut(fix.FixedType(9, 2), fix.FixedType(10, 2), -2, 0, (0, 90, 180, 250), "clamp", "odd"),
    Lut(
        fix.FixedType(10, 4),
        fix.FixedType(8, 1),
        -1,
        0,
        (12, 37, 60, 81, 98, 112, 122, 127),
        "wrap",
        "quarter",
    ),
    Lut(
        fix.FixedType(10, 3),
        fix.FixedType(12, 2),
        -1,
        -4,
        (0, 300, 500, -200, 40, 41, 2047),
        "clamp",
        "none",
        True,
    ),
    Lut(
        fix.FixedType(10, 3),
        fix.FixedType(12, 2),
        0,
        0,
        (0, 800, 900, 1000, 0),
        "wrap",
        "odd",
        True,
    ),
    Lut(fix.FixedType(6, 8), fix.FixedType(5, 0), 3, -2, (1, -3, 7, -15, 15), "clamp"),
    Lut(
        fix.FixedType(12, 4),
        fix.FixedType(16, 1),
        -5,
        0,
        (32767, 30000, 20000, 9000, 2000),
        "clamp",
        "even",
        True,
    ),
]


def _all_raws(type_: FixType) -> list[int]:
    return list(range(type_.min_raw, type_.max_raw + 1))


@pytest.mark.parametrize("lut", LUTS, ids=lambda lut: f"{lut.mode}-{lut.symmetry}")
def test_lut_emulator_matches_spec(lut: Lut) -> None:
    raws = _all_raws(lut.arg)
    func = single_op_func([lut.arg], lambda args: lut.op(args[0]))
    assert emulate(func, [[r] for r in raws], [lut.arg]) == [lut_reference(lut, r) for r in raws]


def test_lut_exact_path_matches_spec() -> None:
    """A 70-bit argument and a wide offset take the object path."""
    rng = random.Random(4)
    arg = fix.FixedType(70, 30)
    lut = Lut(arg, fix.FixedType(16, 2), -22, -(2**40) + 3, (7, -100, 3000, 20), "clamp")
    raws = random_raws(rng, arg, 200) + [-(2**40) * 2**62 + k * 2**62 for k in range(8)]
    func = single_op_func([arg], lambda args: lut.op(args[0]))
    assert emulate(func, [[r] for r in raws], [arg]) == [lut_reference(lut, r) for r in raws]


def _lut_statement(lut: Lut) -> str:
    """The lookup as firmware would do it: the index is a bit slice of the argument."""
    k, a, r = lut.arg.frac_bits + lut.shift, lut.arg, lut.result
    wide = f"ap_fixed<{a.width + 1}, {a.int_bits + 1}>"
    folded = f"(a < 0 ? {wide}(-a) : {wide}(a))" if lut.symmetry in ("even", "odd") else "a"
    bits = f"{wide} u = {folded}; long long v = (long long)(u.range().to_uint64() << "
    bits += f"{63 - a.width}) >> {63 - a.width};"
    split = f"long long j = (v >> {k}) - ({lut.offset}); long long f = v & {(1 << k) - 1};"
    if k <= 0:
        split = f"long long j = v * {2**-k} - ({lut.offset}); long long f = 0;"
    n = len(lut.entries)
    table = f"static const long long T[] = {{{', '.join(map(str, lut.entries))}}};"
    if lut.interpolate:
        cells = n - 1
        wrap = f"long long i = ((j % {cells}) + {cells}) % {cells};"
        clamp = f"long long i = j < 0 ? 0 : (j > {cells - 1} ? {cells - 1} : j);"
        look = f"long long t = T[i] + (((T[i + 1] - T[i]) * f) >> {k});"
        if lut.mode == "clamp":
            look += f" if (j < 0) t = T[0]; if (j > {cells - 1}) t = T[{cells}];"
        index = (wrap if lut.mode == "wrap" else clamp) + " " + look
    elif lut.symmetry == "quarter":
        index = (
            f"long long w = ((j % {4 * n}) + {4 * n}) % {4 * n}; long long p = w % {n};"
            f" long long t = T[(w / {n}) % 2 ? {n - 1} - p : p]; if (w >= {2 * n}) t = -t;"
        )
    elif lut.mode == "wrap":
        index = f"long long t = T[((j % {n}) + {n}) % {n}];"
    else:
        index = f"long long t = T[j < 0 ? 0 : (j > {n - 1} ? {n - 1} : j)];"
    odd = " if (a < 0) t = -t;" if lut.symmetry == "odd" else ""
    store = f"{r.cxx()} y_; y_.range() = ap_uint<{r.width}>((unsigned long long)t);"
    return f"{table} {bits} {split} {index}{odd} {store} {r.cxx()} y = y_;"


def test_lut_cxx_rendering() -> None:
    cases = [
        Case([lut.arg], lut.result, _lut_statement(lut), [[r] for r in _all_raws(lut.arg)])
        for lut in LUTS
    ]
    run_cases(cases)
    for lut, case in zip(LUTS, cases, strict=True):
        assert case.outputs == [lut_reference(lut, r) for r in _all_raws(lut.arg)], lut
