"""The bit-accurate emulator: runs a `fix`-level `func.func` on numpy raw integers.

`Emulator(func)` compiles the function once into a list of steps, one closure per op, each
specialised for its types: int64 when every intermediate of the op stays below 2**62, the
exact object path (Python ints) otherwise. `run_raw` then evaluates the steps on blocks of
rows small enough to stay in cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Operation, SSAValue

from srcc.dialects import fix
from srcc.dialects.fix import (
    FixType,
    LutMode,
    LutSymmetry,
    OverflowMode,
    RoundingMode,
)
from srcc.runtime.fixed import (
    as_exact,
    cast,
    cast_counting,
    is_exact,
    quantize,
    to_float,
)

Raw = np.ndarray
Kernel = Callable[..., Raw]

BLOCK_ROWS = 1 << 14
"""Rows per block: a block's intermediates stay in the CPU cache."""


@dataclass(frozen=True)
class OverflowEvent:
    """How many rows of the last run a `fix.cast` saturated or wrapped."""

    op: fix.CastOp
    overflow: OverflowMode
    rows: int


@dataclass(frozen=True)
class Step:
    kernel: Kernel
    operands: tuple[int, ...]
    result: int
    cast: fix.CastOp | None = None


def _type(value: SSAValue) -> FixType:
    assert isinstance(value.type, FixType), f"not a fix type: {value.type}"
    return value.type


def _kind(raw: Raw, exact: bool) -> Raw:
    """`raw` on the path an op runs on (int64 results of exact ops are converted back)."""
    return as_exact(raw) if exact else raw


def _finish(raw: Raw, type_: FixType) -> Raw:
    if is_exact(type_.width):
        return as_exact(np.asarray(raw))
    return raw.astype(np.int64) if isinstance(raw, np.ndarray) and raw.dtype == object else raw


def _aligned(exact: bool, shift_a: int, shift_b: int) -> Callable[[Raw, Raw], tuple[Raw, Raw]]:
    def align(a: Raw, b: Raw) -> tuple[Raw, Raw]:
        a, b = _kind(a, exact), _kind(b, exact)
        return (a << shift_a if shift_a else a), (b << shift_b if shift_b else b)

    return align


def _binary_kernel(op: fix.BinaryOp) -> Kernel:
    lhs, rhs, out = _type(op.lhs), _type(op.rhs), _type(op.result)
    exact = is_exact(out.width)
    if isinstance(op, fix.MulOp):
        combine: Callable[[Raw, Raw], Raw] = np.multiply
        align = _aligned(exact, 0, 0)
    else:
        frac = max(lhs.frac_bits, rhs.frac_bits)
        align = _aligned(exact, frac - lhs.frac_bits, frac - rhs.frac_bits)
        combine = {
            fix.AddOp: np.add,
            fix.SubOp: np.subtract,
            fix.MinOp: np.minimum,
            fix.MaxOp: np.maximum,
        }[type(op)]

    def kernel(a: Raw, b: Raw) -> Raw:
        return _finish(combine(*align(a, b)), out)

    return kernel


def _unary_kernel(op: fix.UnaryOp) -> Kernel:
    out = _type(op.result)
    exact = is_exact(out.width)
    fn: Callable[[Raw], Raw] = {
        fix.NegOp: np.negative,
        fix.AbsOp: np.abs,
        fix.ReluOp: lambda a: np.maximum(a, 0),
        fix.SignOp: np.sign,
    }[type(op)]

    def kernel(a: Raw) -> Raw:
        return _finish(fn(_kind(a, exact)), out)

    return kernel


def _fast_cast_kernel(
    src: FixType, dst: FixType, round: RoundingMode, overflow: OverflowMode
) -> Kernel | None:
    """Specialised int64 kernels for the common casts; None when the general one is needed."""
    shift = src.frac_bits - dst.frac_bits
    if is_exact(max(src.width + max(-shift, 0), dst.width) + 1) or shift > 62:
        return None
    if round not in (RoundingMode.TRN, RoundingMode.RND):
        return None
    if overflow not in (OverflowMode.WRAP, OverflowMode.SAT):
        return None
    bias = (1 << (shift - 1)) if round is RoundingMode.RND and shift > 0 else 0
    low, high = dst.min_raw, dst.max_raw
    sign_shift = 64 - dst.width

    def quantise(a: Raw) -> Raw:
        if shift > 0:
            return (a + bias) >> shift if bias else a >> shift
        return a << -shift if shift else a

    if overflow is OverflowMode.SAT:
        return lambda a: np.clip(quantise(a), low, high)
    if dst.signed:
        return lambda a: (quantise(a) << sign_shift) >> sign_shift
    return lambda a: quantise(a) & high


def _cast_kernel(op: fix.CastOp) -> Kernel:
    src, dst = _type(op.arg), _type(op.result)
    round, overflow = op.modes
    fast = _fast_cast_kernel(src, dst, round, overflow)
    if fast is not None:
        return fast
    return lambda a: cast(np.asarray(a), src, dst, round, overflow)


def _shift_kernel(op: fix.ShiftOp) -> Kernel:
    return lambda a: a


def _constant_kernel(op: fix.ConstantOp) -> Kernel:
    raw = op.raw.data
    value = raw if is_exact(op.type.width) else np.int64(raw)
    return lambda: value


@dataclass(frozen=True)
class _LutPlan:
    """Everything `fix.lut` needs at run time, precomputed from its properties."""

    entries: Raw
    k: int
    offset: int
    mode: LutMode
    symmetry: LutSymmetry
    interpolate: bool
    exact: bool


def _lut_plan(op: fix.LutOp) -> _LutPlan:
    arg, out = _type(op.arg), _type(op.result)
    k = op.index_shift
    table = list(op.table)
    index_bits = max(arg.width + max(-k, 0), op.offset.data.bit_length() + 1) + 2
    exact_values = is_exact(out.width + max(k, 0) + 2)
    entries = np.array(table, dtype=object if exact_values else np.int64)
    return _LutPlan(
        entries=entries,
        k=k,
        offset=op.offset.data,
        mode=op.lut_mode,
        symmetry=op.lut_symmetry,
        interpolate=op.interpolated,
        exact=is_exact(index_bits),
    )


def _lut_cells(plan: _LutPlan, r: Raw) -> tuple[Raw, Raw]:
    """Steps 1 and 2 of docs/ir.md: the cell number j and the bits below it."""
    u = np.abs(r) if plan.symmetry in (LutSymmetry.EVEN, LutSymmetry.ODD) else r
    if plan.k > 0:
        q, frac = u >> plan.k, u & ((1 << plan.k) - 1)
    else:
        q, frac = u << -plan.k, None
    return q - plan.offset, frac


def _lut_index(plan: _LutPlan, j: Raw, cells: int) -> Raw:
    if plan.mode is LutMode.CLAMP:
        return np.minimum(np.maximum(j, 0), cells - 1)
    return j % cells


def _lut_lookup(plan: _LutPlan, j: Raw) -> Raw:
    if plan.symmetry is not LutSymmetry.QUARTER:
        return plan.entries[_lut_index(plan, j, len(plan.entries)).astype(np.int64)]
    quarter = len(plan.entries)
    j = (j % (4 * quarter)).astype(np.int64)
    quadrant, p = j // quarter, j % quarter
    y = plan.entries[np.where(quadrant % 2 == 1, quarter - 1 - p, p)]
    return np.where(quadrant >= 2, -y, y)


def _lut_interpolate(plan: _LutPlan, j: Raw, frac: Raw) -> Raw:
    cells = len(plan.entries) - 1
    index = _lut_index(plan, j, cells).astype(np.int64)
    left, right = plan.entries[index], plan.entries[index + 1]
    frac = _kind(frac, plan.entries.dtype == object)
    y = left + (((right - left) * frac) >> plan.k)
    if plan.mode is LutMode.CLAMP:
        y = np.where(j < 0, plan.entries[0], np.where(j > cells - 1, plan.entries[cells], y))
    return y


def _lut_kernel(op: fix.LutOp) -> Kernel:
    plan = _lut_plan(op)
    out = _type(op.result)

    def kernel(r: Raw) -> Raw:
        r = _kind(np.asarray(r), plan.exact)
        j, frac = _lut_cells(plan, r)
        if plan.interpolate:
            y = _lut_interpolate(plan, j, frac)
        else:
            y = _lut_lookup(plan, j)
        if plan.symmetry is LutSymmetry.ODD:
            y = np.where(r < 0, -y, y)
        return _finish(np.asarray(y), out)

    return kernel


_KERNELS: dict[type[Operation], Callable[..., Kernel]] = {
    fix.ConstantOp: _constant_kernel,
    fix.AddOp: _binary_kernel,
    fix.SubOp: _binary_kernel,
    fix.MulOp: _binary_kernel,
    fix.MinOp: _binary_kernel,
    fix.MaxOp: _binary_kernel,
    fix.NegOp: _unary_kernel,
    fix.AbsOp: _unary_kernel,
    fix.ReluOp: _unary_kernel,
    fix.SignOp: _unary_kernel,
    fix.ShiftOp: _shift_kernel,
    fix.CastOp: _cast_kernel,
    fix.LutOp: _lut_kernel,
}


class Emulator:
    """A compiled `fix`-level function, run on raw integers, vectorised over rows."""

    def __init__(self, func: FuncOp):
        self.func = func
        self.input_types = [_type(arg) for arg in func.body.block.args]
        slots: dict[SSAValue, int] = {arg: i for i, arg in enumerate(func.body.block.args)}
        self.steps: list[Step] = []
        self.outputs: list[int] = []
        self.output_types: list[FixType] = []
        for op in func.body.block.ops:
            if isinstance(op, ReturnOp):
                self.outputs = [slots[value] for value in op.arguments]
                self.output_types = [_type(value) for value in op.arguments]
                continue
            make = _KERNELS.get(type(op))
            if make is None:
                raise ValueError(f"the emulator cannot run {op.name}")
            slots[op.results[0]] = len(slots)
            self.steps.append(
                Step(
                    make(op),
                    tuple(slots[value] for value in op.operands),
                    slots[op.results[0]],
                    op if isinstance(op, fix.CastOp) else None,
                )
            )
        self.slot_count = len(slots)
        self.overflow_report: list[OverflowEvent] = []

    def run_raw(self, raw_inputs: Sequence[Raw], report_overflow: bool = False) -> list[Raw]:
        """The raw outputs for raw inputs (one array per argument, one element per row).
        With `report_overflow`, `overflow_report` then lists how many rows each cast with
        `wrap` or a saturating mode pushed out of range."""
        inputs = [np.asarray(raw) for raw in raw_inputs]
        if len(inputs) != len(self.input_types):
            raise ValueError(f"expected {len(self.input_types)} inputs, got {len(inputs)}")
        rows = len(inputs[0]) if inputs else 1
        if report_overflow:
            self.overflow_report = []
            return self._run_block(inputs, rows, self.overflow_report)
        if rows <= BLOCK_ROWS:
            return self._run_block(inputs, rows, None)
        blocks = [
            self._run_block([raw[start : start + BLOCK_ROWS] for raw in inputs], None, None)
            for start in range(0, rows, BLOCK_ROWS)
        ]
        return [np.concatenate(outputs) for outputs in zip(*blocks, strict=True)]

    def run(self, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Float outputs for float inputs, quantised into the input types as the firmware's
        inputs are (by the inputs' `fix.modes`, `INPUT_ROUNDING` by default)."""
        modes = fix.input_modes(self.func.arg_attrs, len(self.input_types))
        raw_inputs = [quantize(x, t, *modes) for x, t in zip(inputs, self.input_types, strict=True)]
        outputs = self.run_raw(raw_inputs)
        return [to_float(raw, t) for raw, t in zip(outputs, self.output_types, strict=True)]

    def _run_block(
        self, inputs: list[Raw], rows: int | None, report: list[OverflowEvent] | None
    ) -> list[Raw]:
        values: list[Raw | None] = [*inputs, *([None] * (self.slot_count - len(inputs)))]
        for step in self.steps:
            operands = [values[i] for i in step.operands]
            if report is not None and step.cast is not None:
                values[step.result] = self._reporting_cast(step.cast, operands[0], report)
            else:
                values[step.result] = step.kernel(*operands)
        length = len(inputs[0]) if inputs else rows
        return [_rows(values[i], length) for i in self.outputs]

    @staticmethod
    def _reporting_cast(op: fix.CastOp, raw: Raw, report: list[OverflowEvent]) -> Raw:
        result, outside = cast_counting(np.asarray(raw), _type(op.arg), _type(op.result), *op.modes)
        report.append(OverflowEvent(op, op.overflow_mode, int(np.count_nonzero(outside))))
        return result


def _rows(value: Raw | None, rows: int | None) -> Raw:
    """An output as one element per row (constants are computed once, as scalars)."""
    array = np.asarray(value)
    if array.ndim == 0:
        return np.full(rows or 1, array.item(), dtype=array.dtype)
    return array
