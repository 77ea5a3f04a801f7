"""`lower-fix-to-hw`: a `fix` function becomes an `hw.module` of `comb` logic and `seq`
registers, bit for bit what the emulator computes.

Every `fix` value becomes a signless integer of its type's width holding its raw bits
(two's complement for `fixed`, plain binary for `ufixed`); signedness stays in the `fix`
types the lowering reads. Exact ops (`add`, `sub`, `mul`, `neg`, `abs`, `min`, `max`)
align their operands to the result's binary point and width, by shifts and sign or zero
extension, then compute in the result width, which holds the exact result; `fix.shift`
is a wire. `fix.gt` compares its operands aligned to their common type, `fix.select` is a
mux of them aligned to the result, `fix.div` an unsigned divider of their magnitudes
(signed by the operands' signs, 0 for a zero divisor as in the emulator). `fix.cast` is
explicit logic: the discarded bits decide the rounding increment of each mode, comparators
and muxes the saturation. `fix.lut` is its index arithmetic (the
symmetry fold, the bit slice, the clamp or wrap, the quarter-wave mirror) around
`hw.array_get` of an `hw.array_create` of `hw.constant` entries; interpolation reads two
such arrays, multiplies the difference by the bits below the index and shifts.

A product by a constant is a multiplier (`comb.mul`) or a canonical-signed-digit shift-add
tree: `constant_multipliers` is `dsp`, `shift-add`, or `auto`, where the device model
chooses per constant (`shift_add_is_cheaper`).

Registers (`seq.compreg` on the `clk` port) go at the stage boundaries of the schedule
that `srcc.analysis.schedule.estimate` reports at `clock_ns`: a value crosses one register
per stage between the op that makes it and each op that reads it, an op that spans stages
is followed by as many registers, and every output is held to the last stage. The module
takes a new input every clock (II = 1) and presents its outputs `latency` clocks later.

Ports: `clk`, then one input per argument named after its `sym.name`, then one output
`y<j>` per result, each of its type's width (names made unique by a `_` suffix).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import builtin, comb, func, hw, seq
from xdsl.dialects.builtin import IntegerAttr, IntegerType, StringAttr, i32
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import Rewriter
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.device_model import csd_digits, shift_add_is_cheaper
from srcc.analysis.schedule import DEFAULT_UNCERTAINTY, OpStages, pipeline_stages
from srcc.dialects import fix
from srcc.dialects.fix import FixType, LutMode, LutSymmetry, OverflowMode, RoundingMode
from srcc.names import port_names
from srcc.runtime.fixed import overflow_bounds

CONSTANT_MULTIPLIERS = ("auto", "dsp", "shift-add")
"""How a product by a constant is built: chosen per constant by the device model, always a
multiplier, always a shift-add tree."""


def _int(width: int) -> IntegerType:
    return IntegerType(width)


def _width(value: SSAValue) -> int:
    type_ = value.type
    assert isinstance(type_, IntegerType)
    return type_.width.data


def _fix_type(value: SSAValue) -> FixType:
    type_ = value.type
    assert isinstance(type_, FixType)
    return type_


def _is_power_of_two(count: int) -> bool:
    return count & (count - 1) == 0


def _index_bits(count: int) -> int:
    """The index width `hw.array_get` takes for an array of `count` elements."""
    return (count - 1).bit_length()


@dataclass
class _Logic:
    """Appends integer logic to a block: the bit-level vocabulary the op lowerings share.
    A signal is an SSA value of a signless integer type."""

    block: Block

    def add(self, op: Operation) -> SSAValue:
        self.block.add_op(op)
        return op.results[0]

    def constant(self, value: int, width: int) -> SSAValue:
        value %= 1 << width
        if value >= 1 << (width - 1):
            value -= 1 << width  # the attribute holds the two's complement reading
        return self.add(hw.ConstantOp(value, _int(width)))

    def extract(self, signal: SSAValue, low: int, width: int) -> SSAValue:
        if low == 0 and width == _width(signal):
            return signal
        return self.add(comb.ExtractOp(signal, IntegerAttr(low, i32), _int(width)))

    def concat(self, *parts: SSAValue) -> SSAValue:
        """Most significant part first."""
        if len(parts) == 1:
            return parts[0]
        return self.add(comb.ConcatOp(parts, _int(sum(_width(part) for part in parts))))

    def top_bit(self, signal: SSAValue) -> SSAValue:
        return self.extract(signal, _width(signal) - 1, 1)

    def sign(self, signal: SSAValue, signed: bool) -> SSAValue:
        """1 iff the signal, read as `signed` says, is negative."""
        return self.top_bit(signal) if signed else self.constant(0, 1)

    def resize(self, signal: SSAValue, signed: bool, width: int) -> SSAValue:
        """Truncated or extended (sign or zero, as `signed` says) to `width` bits."""
        have = _width(signal)
        if width <= have:
            return self.extract(signal, 0, width)
        if signed:
            top = self.top_bit(signal)
            fill = self.add(comb.ReplicateOp(top, _int(width - have))) if width - have > 1 else top
        else:
            fill = self.constant(0, width - have)
        return self.concat(fill, signal)

    def shift_left(self, signal: SSAValue, amount: int) -> SSAValue:
        """`amount` zero bits appended below: the width grows by `amount`."""
        return self.concat(signal, self.constant(0, amount)) if amount > 0 else signal

    def binary(self, op: type[comb.BinCombOperation], lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        return self.add(op(lhs, rhs))

    def sum(self, *terms: SSAValue) -> SSAValue:
        return self.add(comb.AddOp(terms)) if len(terms) > 1 else terms[0]

    def negate(self, signal: SSAValue) -> SSAValue:
        return self.binary(comb.SubOp, self.constant(0, _width(signal)), signal)

    def magnitude(self, signal: SSAValue, signed: bool) -> SSAValue:
        """|signal| in its width, read unsigned (|min| = 2**(W-1) fits)."""
        if not signed:
            return signal
        return self.mux(self.top_bit(signal), self.negate(signal), signal)

    def compare(self, predicate: str, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        return self.add(comb.ICmpOp(lhs, rhs, predicate))

    def mux(self, condition: SSAValue, if_true: SSAValue, if_false: SSAValue) -> SSAValue:
        return self.add(comb.MuxOp(condition, if_true, if_false))

    def all_of(self, *bits: SSAValue) -> SSAValue:
        return self.add(comb.AndOp(bits)) if len(bits) > 1 else bits[0]

    def any_of(self, *bits: SSAValue) -> SSAValue:
        return self.add(comb.OrOp(bits)) if len(bits) > 1 else bits[0]

    def invert(self, bit: SSAValue) -> SSAValue:
        return self.add(comb.XorOp([bit, self.constant(1, 1)]))

    def table(self, entries: Sequence[int], index: SSAValue, width: int) -> SSAValue:
        """entries[index] (an index beyond the table never occurs)."""
        if len(entries) == 1:
            return self.constant(entries[0], width)
        # hw.array_create lists its elements from the highest index down.
        elements = [self.constant(entry, width) for entry in reversed(entries)]
        array = self.add(hw.ArrayCreateOp(*elements))
        return self.add(hw.ArrayGetOp(array, self.resize(index, False, _index_bits(len(entries)))))


@dataclass
class _Fixed:
    """Fixed-point arithmetic on signals holding raw bits of `fix` types."""

    logic: _Logic
    constant_multipliers: str

    def align(self, signal: SSAValue, type_: FixType, target: FixType) -> SSAValue:
        """A value of `type_` on `target`'s binary point and width (which must hold it)."""
        shifted = self.logic.shift_left(signal, target.frac_bits - type_.frac_bits)
        return self.logic.resize(shifted, type_.signed, target.width)

    def binary(self, op: fix.BinaryOp, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        lhs_type, rhs_type, out = _fix_type(op.lhs), _fix_type(op.rhs), _fix_type(op.result)
        if isinstance(op, fix.MulOp):
            return self.multiply(op, lhs, rhs)
        a, b = self.align(lhs, lhs_type, out), self.align(rhs, rhs_type, out)
        if isinstance(op, fix.AddOp):
            return self.logic.sum(a, b)
        if isinstance(op, fix.SubOp):
            return self.logic.binary(comb.SubOp, a, b)
        predicate = "slt" if out.signed else "ult"
        less = self.logic.compare(predicate, a, b)
        return (
            self.logic.mux(less, a, b) if isinstance(op, fix.MinOp) else self.logic.mux(less, b, a)
        )

    def multiply(self, op: fix.MulOp, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        """The product in the result width: both operands extended to it, so its low bits are
        the exact product; a constant operand may make it a shift-add tree."""
        out = _fix_type(op.result)
        operands = [(op.lhs, lhs), (op.rhs, rhs)]
        for index, (value, _) in enumerate(operands):
            raw = _constant_raw(value)
            variable, signal = operands[1 - index]
            if raw is not None and self.uses_shift_add(raw, out, _fix_type(variable)):
                extended = self.logic.resize(signal, _fix_type(variable).signed, out.width)
                return self.shift_add(extended, raw)
        a = self.logic.resize(lhs, _fix_type(op.lhs).signed, out.width)
        b = self.logic.resize(rhs, _fix_type(op.rhs).signed, out.width)
        return self.logic.add(comb.MulOp([a, b]))

    def greater(self, op: fix.GtOp, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        """lhs > rhs, both on their common (min/max) type's binary point and width."""
        common = fix.minmax_result_type(_fix_type(op.lhs), _fix_type(op.rhs))
        a = self.align(lhs, _fix_type(op.lhs), common)
        b = self.align(rhs, _fix_type(op.rhs), common)
        return self.logic.compare("sgt" if common.signed else "ugt", a, b)

    def select(
        self, op: fix.SelectOp, condition: SSAValue, lhs: SSAValue, rhs: SSAValue
    ) -> SSAValue:
        out = _fix_type(op.result)
        a = self.align(lhs, _fix_type(op.lhs), out)
        b = self.align(rhs, _fix_type(op.rhs), out)
        return self.logic.mux(condition, a, b)

    def divide(self, op: fix.DivOp, lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        """(lhs << max(F2, 0)) / rhs truncated toward zero, as the emulator computes it: the
        magnitudes divided (`comb.divu`; a `comb.divs` inside a mux or any unsigned operand
        would be exported as an unsigned Verilog division), negated where the signs differ;
        0 where rhs is 0, as the emulator's integer division gives."""
        logic = self.logic
        lhs_type, rhs_type, out = _fix_type(op.lhs), _fix_type(op.rhs), _fix_type(op.result)
        dividend = logic.shift_left(lhs, max(rhs_type.frac_bits, 0))
        width = max(_width(dividend), rhs_type.width)
        magnitudes = [
            logic.magnitude(logic.resize(signal, type_.signed, width), type_.signed)
            for signal, type_ in ((dividend, lhs_type), (rhs, rhs_type))
        ]
        quotient = logic.resize(logic.binary(comb.DivUOp, *magnitudes), False, out.width)
        if out.signed:
            negative = logic.add(
                comb.XorOp([logic.sign(lhs, lhs_type.signed), logic.sign(rhs, rhs_type.signed)])
            )
            quotient = logic.mux(negative, logic.negate(quotient), quotient)
        zero = logic.compare("eq", rhs, logic.constant(0, rhs_type.width))
        return logic.mux(zero, logic.constant(0, out.width), quotient)

    def uses_shift_add(self, raw: int, out: FixType, variable: FixType) -> bool:
        if self.constant_multipliers == "auto":
            return shift_add_is_cheaper(raw, out.width, variable.width + (not variable.signed))
        return self.constant_multipliers == "shift-add"

    def shift_add(self, signal: SSAValue, raw: int) -> SSAValue:
        """signal * raw as a balanced tree of adders over the canonical signed digits of raw,
        in the signal's width (modulo 2**width, as the multiplier is)."""
        width = _width(signal)
        terms: list[tuple[int, SSAValue]] = [
            (digit, self.logic.extract(self.logic.shift_left(signal, position), 0, width))
            for position, digit in enumerate(csd_digits(raw))
            if digit and position < width
        ]
        if not terms:
            return self.logic.constant(0, width)
        while len(terms) > 1:
            paired = []
            for (sign_a, a), (sign_b, b) in zip(terms[0::2], terms[1::2]):
                if sign_a == sign_b:
                    paired.append((sign_a, self.logic.sum(a, b)))
                else:
                    positive, negative = (a, b) if sign_a > 0 else (b, a)
                    paired.append((1, self.logic.binary(comb.SubOp, positive, negative)))
            terms = paired + terms[len(terms) - len(terms) % 2 :]
        sign, total = terms[0]
        return total if sign > 0 else self.logic.negate(total)

    def unary(self, op: fix.UnaryOp, arg: SSAValue) -> SSAValue:
        source, out = _fix_type(op.arg), _fix_type(op.result)
        logic = self.logic
        if isinstance(op, fix.SignOp):
            zero = logic.compare("eq", arg, logic.constant(0, source.width))
            nonnegative = logic.mux(zero, logic.constant(0, 2), logic.constant(1, 2))
            return logic.mux(logic.sign(arg, source.signed), logic.constant(-1, 2), nonnegative)
        if isinstance(op, fix.ReluOp):
            if not source.signed:
                return arg
            return logic.mux(logic.top_bit(arg), logic.constant(0, out.width), arg)
        extended = logic.resize(arg, source.signed, out.width)
        if isinstance(op, fix.NegOp):
            return logic.negate(extended)
        assert isinstance(op, fix.AbsOp)
        if not source.signed:
            return extended
        return logic.mux(logic.top_bit(arg), logic.negate(extended), extended)

    def cast(self, op: fix.CastOp, arg: SSAValue) -> SSAValue:
        source, target = _fix_type(op.arg), _fix_type(op.result)
        shift = source.frac_bits - target.frac_bits
        if shift <= 0:
            rounded = self.logic.shift_left(arg, -shift)
            low, high = source.min_raw << -shift, source.max_raw << -shift
        else:
            rounded = self.round(arg, source, shift, op.round_mode)
            rounds_up = op.round_mode is not RoundingMode.TRN
            low, high = source.min_raw >> shift, (source.max_raw >> shift) + rounds_up
        return self.overflow(rounded, source.signed, (low, high), target, op.overflow_mode)

    def round(self, arg: SSAValue, source: FixType, shift: int, mode: RoundingMode) -> SSAValue:
        """arg / 2**shift rounded by `mode` (as `srcc.runtime.fixed.round_shift`), one bit
        wider than the floor when the mode can round up; read with the source's sign."""
        logic = self.logic
        extended = logic.resize(arg, source.signed, max(source.width, shift + 1))
        floor = logic.extract(extended, shift, _width(extended) - shift)
        if mode is RoundingMode.TRN:
            return floor
        discarded = logic.extract(extended, 0, shift)
        increment = self.rounding_increment(
            mode, discarded, lambda: logic.sign(arg, source.signed), floor
        )
        width = _width(floor) + 1
        return logic.sum(
            logic.resize(floor, source.signed, width), logic.resize(increment, False, width)
        )

    def rounding_increment(
        self,
        mode: RoundingMode,
        discarded: SSAValue,
        negative: Callable[[], SSAValue],
        floor: SSAValue,
    ) -> SSAValue:
        """Whether `mode` rounds the floor up (`srcc.runtime.fixed.rounding_increment`);
        `negative` makes the sign bit when a mode needs it."""
        logic = self.logic
        width = _width(discarded)
        if mode is RoundingMode.RND:
            return logic.top_bit(discarded)  # discarded >= half
        if mode is RoundingMode.TRN_ZERO:
            inexact = logic.compare("ne", discarded, logic.constant(0, width))
            return logic.all_of(inexact, negative())
        half = logic.constant(1 << (width - 1), width)
        above_half = logic.compare("ugt", discarded, half)
        if mode is RoundingMode.RND_MIN_INF:
            return above_half
        at_half = logic.compare("eq", discarded, half)
        if mode is RoundingMode.RND_ZERO:
            tie_up = negative()
        elif mode is RoundingMode.RND_INF:
            tie_up = logic.invert(negative())
        else:
            assert mode is RoundingMode.RND_CONV
            tie_up = logic.extract(floor, 0, 1)  # odd
        return logic.any_of(above_half, logic.all_of(at_half, tie_up))

    def overflow(
        self,
        value: SSAValue,
        signed: bool,
        reach: tuple[int, int],
        target: FixType,
        mode: OverflowMode,
    ) -> SSAValue:
        """A rounded integer (`reach`: the range it can take) into `target`'s raw range by
        the overflow mode (`srcc.runtime.fixed.handle_overflow`)."""
        logic = self.logic
        wrapped = logic.resize(value, signed, target.width)
        if mode is OverflowMode.WRAP:
            return wrapped
        low, high = overflow_bounds(target, mode, signed)
        if reach[0] >= low and reach[1] <= high:
            return wrapped
        width = max(_width(value) + (not signed), target.width + 1) + 1
        wide = logic.resize(value, signed, width)
        below = logic.compare("slt", wide, logic.constant(low, width))
        above = logic.compare("sgt", wide, logic.constant(high, width))
        if mode is OverflowMode.SAT_ZERO:
            outside = logic.any_of(below, above)
            return logic.mux(outside, logic.constant(0, target.width), wrapped)
        clipped = logic.mux(above, logic.constant(high, target.width), wrapped)
        return logic.mux(below, logic.constant(low, target.width), clipped)


def _constant_raw(value: SSAValue) -> int | None:
    """The raw integer of a constant operand, through shifts (which keep the raw bits)."""
    owner = value.owner
    while isinstance(owner, fix.ShiftOp):
        owner = owner.arg.owner
    return owner.raw.data if isinstance(owner, fix.ConstantOp) else None


@dataclass
class _Table:
    """The lowering of one `fix.lut` (semantics in docs/ir.md, steps 1-5)."""

    op: fix.LutOp
    logic: _Logic

    @property
    def entries(self) -> tuple[int, ...]:
        return self.op.table

    @property
    def out(self) -> FixType:
        return _fix_type(self.op.result)

    def lower(self, arg: SSAValue) -> SSAValue:
        op, logic = self.op, self.logic
        source = _fix_type(op.arg)
        folds = op.lut_symmetry in (LutSymmetry.EVEN, LutSymmetry.ODD)
        magnitude, signed = (
            (logic.magnitude(arg, source.signed), False) if folds else (arg, source.signed)
        )
        cell, frac, reach = self.cell(magnitude, signed, source, folds)
        if op.interpolated:
            assert frac is not None
            result = self.interpolate(cell, frac, reach)
        else:
            result = self.lookup(cell, reach)
        if op.lut_symmetry is LutSymmetry.ODD and source.signed:
            result = logic.mux(logic.top_bit(arg), logic.negate(result), result)
        return result

    def cell(
        self, u: SSAValue, signed: bool, source: FixType, folds: bool
    ) -> tuple[SSAValue, SSAValue | None, tuple[int, int]]:
        """The cell number j = floor(u / 2**k) - offset (signed), the k bits below it (for
        interpolation), and the range j can take."""
        logic, k, offset = self.logic, self.op.index_shift, self.op.offset.data
        low = 0 if folds else source.min_raw
        high = max(-source.min_raw, source.max_raw) if folds else source.max_raw
        frac = None
        if k > 0:
            extended = logic.resize(u, signed, max(_width(u), k + 1))
            quotient = logic.extract(extended, k, _width(extended) - k)
            if self.op.interpolated:
                frac = logic.extract(extended, 0, k)
            low, high = low >> k, high >> k
        else:
            quotient = logic.shift_left(u, -k)
            low, high = low << -k, high << -k
        width = max(_width(quotient) + (not signed), abs(offset).bit_length() + 1) + 1
        j = logic.resize(quotient, signed, width)
        if offset:
            j = logic.binary(comb.SubOp, j, logic.constant(offset, width))
        return j, frac, (low - offset, high - offset)

    def index(self, j: SSAValue, reach: tuple[int, int], cells: int) -> SSAValue:
        """j clamped into [0, cells - 1] or taken modulo cells, as the table's mode says."""
        logic, width = self.logic, _width(j)
        if self.op.lut_mode is LutMode.WRAP:
            return self.modulo(j, cells)
        if reach[1] > cells - 1:
            last = logic.constant(cells - 1, width)
            j = logic.mux(logic.compare("sgt", j, last), last, j)
        if reach[0] < 0:
            j = logic.mux(logic.top_bit(j), logic.constant(0, width), j)
        return j

    def modulo(self, j: SSAValue, count: int) -> SSAValue:
        """j mod count, in [0, count): the low bits for a power of two, else a signed
        remainder moved up by count when negative."""
        logic = self.logic
        width = max(_width(j), count.bit_length() + 1)
        j = logic.resize(j, True, width)
        if _is_power_of_two(count):
            return logic.resize(logic.extract(j, 0, max(1, _index_bits(count))), False, width)
        divisor = logic.constant(count, width)
        remainder = logic.binary(comb.ModSOp, j, divisor)
        return logic.mux(logic.top_bit(remainder), logic.sum(remainder, divisor), remainder)

    def lookup(self, j: SSAValue, reach: tuple[int, int]) -> SSAValue:
        logic, entries, width = self.logic, self.entries, self.out.width
        if self.op.lut_symmetry is not LutSymmetry.QUARTER:
            return logic.table(entries, self.index(j, reach, len(entries)), width)
        quarter = len(entries)
        position = self.modulo(j, 4 * quarter)
        size = _width(position)
        if _is_power_of_two(quarter):
            bits = _index_bits(quarter)
            p = logic.resize(logic.extract(position, 0, max(bits, 1)), False, size)
            quadrant = logic.extract(position, bits, 2)
        else:
            p = logic.binary(comb.ModUOp, position, logic.constant(quarter, size))
            quadrant = logic.extract(
                logic.binary(comb.DivUOp, position, logic.constant(quarter, size)), 0, 2
            )
        mirrored = logic.binary(comb.SubOp, logic.constant(quarter - 1, size), p)
        index = logic.mux(logic.extract(quadrant, 0, 1), mirrored, p)
        value = logic.table(entries, index, width)
        return logic.mux(logic.extract(quadrant, 1, 1), logic.negate(value), value)

    def interpolate(self, j: SSAValue, frac: SSAValue, reach: tuple[int, int]) -> SSAValue:
        """entries[j] + floor((entries[j+1] - entries[j]) * frac / 2**k), the end entries
        where a clamped j leaves the table."""
        logic, entries, width = self.logic, self.entries, self.out.width
        k = _width(frac)
        cells = len(entries) - 1
        index = self.index(j, reach, cells)
        left = logic.table(entries[:-1], index, width)
        right = logic.table(entries[1:], index, width)
        product_width = width + k + 2
        signed = self.out.signed
        difference = logic.binary(
            comb.SubOp,
            logic.resize(right, signed, width + 1),
            logic.resize(left, signed, width + 1),
        )
        product = logic.add(
            comb.MulOp(
                [
                    logic.resize(difference, True, product_width),
                    logic.resize(frac, False, product_width),
                ]
            )
        )
        step = logic.extract(product, k, width)
        result = logic.sum(left, step)
        if self.op.lut_mode is LutMode.CLAMP:
            if reach[1] > cells - 1:
                beyond = logic.compare("sgt", j, logic.constant(cells - 1, _width(j)))
                result = logic.mux(beyond, logic.constant(entries[cells], width), result)
            if reach[0] < 0:
                result = logic.mux(logic.top_bit(j), logic.constant(entries[0], width), result)
        return result


@dataclass
class _Pipeline:
    """Signals per `fix` value, delayed through registers to the stage that reads them."""

    logic: _Logic
    clock: SSAValue
    ready: dict[SSAValue, int | None] = field(default_factory=dict)
    signals: dict[tuple[SSAValue, int], SSAValue] = field(default_factory=dict)

    def define(self, value: SSAValue, signal: SSAValue, stage: int | None) -> None:
        """`stage` None: a constant, the same wire in every stage."""
        self.ready[value] = stage
        self.signals[value, stage or 0] = signal

    def at(self, value: SSAValue, stage: int) -> SSAValue:
        ready = self.ready[value]
        if ready is None:
            return self.signals[value, 0]
        if stage < ready:
            raise DiagnosticException(f"a value of stage {ready} is read in stage {stage}")
        if (value, stage) not in self.signals:
            earlier = self.at(value, stage - 1)
            self.signals[value, stage] = self.logic.add(seq.CompRegOp(earlier, self.clock))
        return self.signals[value, stage]

    def registered(self, signal: SSAValue, cycles: int) -> SSAValue:
        for _ in range(cycles):
            signal = self.logic.add(seq.CompRegOp(signal, self.clock))
        return signal


def _lower_op(op: Operation, operands: list[SSAValue], fixed: _Fixed) -> SSAValue:
    if isinstance(op, fix.ConstantOp):
        return fixed.logic.constant(op.raw.data, op.type.width)
    if isinstance(op, fix.ShiftOp):
        return operands[0]
    if isinstance(op, fix.AddOp | fix.SubOp | fix.MulOp | fix.MinOp | fix.MaxOp):
        return fixed.binary(op, *operands)
    if isinstance(op, fix.GtOp):
        return fixed.greater(op, *operands)
    if isinstance(op, fix.SelectOp):
        return fixed.select(op, *operands)
    if isinstance(op, fix.DivOp):
        return fixed.divide(op, *operands)
    if isinstance(op, fix.NegOp | fix.AbsOp | fix.ReluOp | fix.SignOp):
        return fixed.unary(op, operands[0])
    if isinstance(op, fix.CastOp):
        return fixed.cast(op, operands[0])
    if isinstance(op, fix.LutOp):
        return _Table(op, fixed.logic).lower(operands[0])
    raise DiagnosticException(f"lower-fix-to-hw cannot lower {op.name} to hardware")


def lower_function(
    function: func.FuncOp,
    clock_ns: float = 5.0,
    uncertainty: float = DEFAULT_UNCERTAINTY,
    constant_multipliers: str = "auto",
) -> hw.HWModuleOp:
    """The `hw.module` of a `fix` function (see the module docstring)."""
    if constant_multipliers not in CONSTANT_MULTIPLIERS:
        raise DiagnosticException(
            f"constant_multipliers must be one of {', '.join(CONSTANT_MULTIPLIERS)},"
            f" got {constant_multipliers!r}"
        )
    stages, latency = pipeline_stages(function, clock_ns, uncertainty)
    clock_name, input_names, output_names = port_names(function)
    input_types = [_int(_fix_type(arg).width) for arg in function.args]
    output_types = [_int(t.width) for t in function.function_type.outputs.data]  # type: ignore[attr-defined]
    block = Block(arg_types=[seq.ClockType(), *input_types])
    for arg, name in zip(block.args, [clock_name, *input_names]):
        arg.name_hint = name  # the printed IR reads like the Verilog; an invalid hint is dropped
    logic = _Logic(block)
    pipeline = _Pipeline(logic, block.args[0])
    for arg, signal in zip(function.args, block.args[1:]):
        pipeline.define(arg, signal, 0)
    fixed = _Fixed(logic, constant_multipliers)
    body = list(function.body.block.ops)
    for op in body[:-1]:
        placed: OpStages = stages[op]
        start = None if placed.constant else placed.start
        operands = [pipeline.at(value, start or 0) for value in op.operands]
        signal = _lower_op(op, operands, fixed)
        if start is not None:
            signal = pipeline.registered(signal, placed.end - placed.start)
        pipeline.define(op.results[0], signal, None if start is None else placed.end)
    returned = body[-1]
    assert isinstance(returned, func.ReturnOp)
    block.add_op(hw.OutputOp([pipeline.at(value, latency) for value in returned.arguments]))
    ports = [
        hw.ModulePort(StringAttr(name), type_, hw.DirectionAttr(direction))
        for names, types, direction in (
            ([clock_name, *input_names], [seq.ClockType(), *input_types], hw.Direction.INPUT),
            (output_names, output_types, hw.Direction.OUTPUT),
        )
        for name, type_ in zip(names, types)
    ]
    module = hw.HWModuleOp(
        StringAttr(function.sym_name.data),
        hw.ModuleType(builtin.ArrayAttr(ports)),
        Region(block),
    )
    module.attributes["srcc.latency"] = IntegerAttr(latency, 64)
    return module


@dataclass(frozen=True)
class LowerFixToHwPass(ModulePass):
    """Every `fix` function becomes an `hw.module` pipelined at `clock_ns` (II = 1)."""

    name = "lower-fix-to-hw"

    # `int` too: xDSL's option parser reads `clock_ns=4` as an int.
    clock_ns: float | int = 5.0
    uncertainty: float | int = DEFAULT_UNCERTAINTY
    constant_multipliers: str = "auto"

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in [f for f in op.ops if isinstance(f, func.FuncOp)]:
            module = lower_function(
                function, float(self.clock_ns), float(self.uncertainty), self.constant_multipliers
            )
            Rewriter.replace_op(function, module)
