"""Fixed-point formats for every `sym` value, and the error bound they guarantee.

The error model follows each value's distance from its real counterpart: for a value v
computed as v̂, a bound E_v >= |v̂ - v| over the declared input ranges.

- input: arrives in its own format (its port's type), rounded into it by the input modes
  (`fix.modes`: round to nearest even and saturate unless the user chose),
  then clamped to the declared range (clamp bounds rounded inward), so E = half an ulp of
  each rounding to nearest (one ulp of a truncation), or one ulp when a range end is not on
  the grid; and, where a type the user fixed cannot hold the declared range, at least the
  distance from the range's ends to the values it saturates to. Overflow modes that do not
  saturate (wrap, sat_zero) are refused there: no useful bound covers them;
- constant: the exact distance between c and its quantised value;
- add/sub: E_a + E_b, plus the cast's truncation (one ulp of the result, when the result
  keeps fewer fractional bits than the exact sum);
- mul: |a|max E_b + |b|max E_a + E_a E_b, plus the cast's truncation;
- neg, abs, relu: E_a (they are 1-Lipschitz and exact in fixed point);
- sign: 0 when the computed argument cannot change sign, else 2;
- a function lowered to a lookup table (sin, exp, log, inv, ...): the table's proven error
  over its whole domain plus a sound bound of how far f moves under the argument's error
  (`lut_tables.Propagation`); for a quarter-wave sin/cos table indexed by u = x * ĉ in
  turns, 2π times the error of u (from x's error and ĉ's distance to 1/(2π)).
  Table size follows the value's fractional bits: the smallest power of two whose
  sampling error is within one ulp, capped; interpolation where a plain table cannot
  get there; a quarter-wave table where it needs fewer bits. Each distinct table is
  designed once per model.

Casts truncate (AP_TRN, free in hardware) and wrap (AP_WRAP, free): integer bits come
from each value's range widened by its error bound, so no value can overflow inside the
declared ranges. A value that cannot be negative is unsigned. Under a width cap
(`ErrorModel.capped`) the computed outputs round to nearest (half an ulp) and saturate
(their formats hold their ranges), and a power-of-two top of an input or output may
saturate (one ulp there) where it alone would cost their type an integer bit.

Fractional bits are chosen to meet each output's error budget at a small cost, in a
bounded number of passes over the model (so planning time grows linearly with its size):

1. uniform: the fewest fractional bits that, given to every value, meet the budgets;
2. allocation: one reverse pass gives each value's gain g_v, how much one unit of error
   injected at v adds to the outputs (normalised by their budgets). Minimising the cost
   sum w_v f_v (w_v: `_cost_weights`) subject to sum g_v 2**-f_v <= budget gives
   f_v = ceil(log2(g_v / w_v) + mu), kept within `SPAN` bits below the uniform choice.
   Values the linear model cannot price keep the uniform bits: those without gain, and
   those upstream of a `sign` whose argument cannot yet change sign (a jump);
3. refinement: the slack the allocation leaves on each output is spent, most expensive
   value first, as the gains predict; each round is checked with the exact model (and
   retried with a smaller share of the slack if the check fails).

The searches of steps 1 and 2 (for the uniform bits and for mu) run on the error model
with each table's error estimated from one design (`ErrorModel.estimated_errors`: a
table designed for each candidate would dominate the cost), then confirm the answer, or
raise it, with the exact model: every plan is accepted by the exact model, so every
budget holds.
"""

from __future__ import annotations

import heapq
import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np
from xdsl.dialects import func
from xdsl.ir import Operation, SSAValue
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.composite_tables import formula
from srcc.analysis.error_terms import (
    Sources,
    Span,
    Terms,
    combine,
    derivative_span,
    outward,
    span_mul,
    span_of,
)
from srcc.analysis.fixed_format import (
    common_format,
    entry_layout,
    int_bits_for,
    on_grid,
    power_of_two,
    quantise_nearest,
)
from srcc.analysis.interval import Interval
from srcc.analysis.lut_tables import (
    FINE_ARG_BITS,
    PERIODIC,
    Propagation,
    Table,
    TableFunction,
    cells_for_error,
    design_quarter_wave,
    design_table,
    function_name,
    propagation,
    sampling_error,
    turns_constant,
    turns_error,
)
from srcc.analysis.monotone_search import least_passing
from srcc.analysis.range_analysis import (
    RangeAnalysis,
    argument_pieces,
    describe,
    input_label,
    op_range,
)
from srcc.dialects import fix, sym
from srcc.dialects.fix import FixType, OverflowMode, RoundingMode, fix_type

MIN_FRAC_BITS = -(fix.MAX_WIDTH // 2)
"""Low enough for values near 2**1000 to take coarse grids, high enough that a format's
integer bits (at least 1 - its fractional bits) stay within fix.MAX_WIDTH."""
MAX_FRAC_BITS = 40
SPAN = 15
"""How far below the uniform choice the allocation may take each value."""
MU_RESOLUTION = 1.0 / 16
"""The grid the allocation searches mu on."""
BOXES = 256
"""At most this many sub-boxes of the input ranges tighten the final bound."""
BOX_STEPS = 2**14
"""At most this many steps evaluated over all the sub-boxes: a large model takes fewer, and
one too large for three keeps its interval bound."""
STALL_BOXES = 96
STALL_GAIN = 0.98
"""Branch and bound stops once this many boxes leave the largest bound above this share of
what it was (a bound dominated by a truncation or a table does not shrink)."""
TERMS_SLACK = 1.25
"""A value keeps its error terms while they bound it within this factor of its interval
bound; beyond, the interval bound becomes one new source."""
REFINE_ROUNDS = 3
REFINE_SHARES = (1.0, 0.25, 0.0625)
"""Shares of the slack a refinement round tries to spend, until the exact check passes."""
_SAFETY = 1.0 + 1e-9
"""Absorbs float64 rounding in the bound's own arithmetic."""


TABLE_FUNCTIONS = frozenset(
    "sin cos tan exp log log_abs sqrt sqrt_abs inv sinh cosh tanh asin acos atan gauss "
    "erf erfc gamma asinh acosh atanh atanh_clip".split()
)
"""Unary ops that lower to lookup tables."""


@dataclass(frozen=True)
class TableOptions:
    """How tables are designed: size cap, interpolation, symmetry. What the user fixed
    about one op's table (`sym.table_size`, `sym.domain`) is on the op."""

    max_log2_cells: int = 10
    interpolate: bool | None = None
    """None: interpolate only the tables whose plain form cannot meet their target."""
    symmetric: bool = True


def table_function(op: Operation) -> TableFunction | None:
    """What `op`'s lookup table serves, if it lowers to one: a function's name, or a
    composite's formula."""
    if isinstance(op, sym.CompositeOp):
        return formula(op)
    name = op.name.removeprefix("sym.")
    return name if name in TABLE_FUNCTIONS else None


Fracs = Sequence[int]
"""Fractional bits of every value, indexed as `ErrorModel.values`."""
Gains = list[tuple[int, float]]
"""(operand index, dE_result / dE_operand) of one op."""


def _ulp(frac_bits: int) -> float:
    return math.ldexp(1.0, -frac_bits)


@dataclass(frozen=True, slots=True)
class _Constant:
    result: int
    value: float

    @property
    def operands(self) -> tuple[int, ...]:
        return ()

    def error(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        return constant_error(self.value, frac[self.result])

    def own_error(self, model: ErrorModel, frac: Fracs, bits: int) -> float:
        return constant_error(self.value, bits)

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        return 0.0

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        return []


@dataclass(frozen=True, slots=True)
class _Cast(ABC):
    """An exact op whose result is truncated to its planned bits: the error it propagates
    from its operands plus the truncation."""

    result: int

    @property
    @abstractmethod
    def operands(self) -> tuple[int, ...]: ...

    @abstractmethod
    def full_frac_bits(self, frac: Fracs) -> int:
        """Fractional bits of the op's exact fixed-point result."""

    @abstractmethod
    def propagated(self, model: ErrorModel, errors: list[float]) -> float: ...

    def error(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        bits = frac[self.result]
        cast = model.cast_error(self.result, bits) if bits < self.full_frac_bits(frac) else 0.0
        return (self.propagated(model, errors) + cast) * _SAFETY

    def own_error(self, model: ErrorModel, frac: Fracs, bits: int) -> float:
        if bits >= self.full_frac_bits(frac):
            return 0.0
        return model.cast_error(self.result, bits) * _SAFETY

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        """The part of the bound that is the operands' error passed on; the rest is the op's
        own (its truncation, its table, the jump of its step)."""
        return self.propagated(model, errors)


@dataclass(frozen=True, slots=True)
class _Sum(_Cast):
    a: int
    b: int

    @property
    def operands(self) -> tuple[int, ...]:
        return self.a, self.b

    def full_frac_bits(self, frac: Fracs) -> int:
        return max(frac[self.a], frac[self.b])

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return errors[self.a] + errors[self.b]

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        return [(self.a, _SAFETY), (self.b, _SAFETY)]


@dataclass(frozen=True, slots=True)
class _Product(_Cast):
    a: int
    b: int
    a_magnitude: float
    b_magnitude: float

    @property
    def operands(self) -> tuple[int, ...]:
        return self.a, self.b

    def full_frac_bits(self, frac: Fracs) -> int:
        return frac[self.a] + frac[self.b]

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        ea, eb = errors[self.a], errors[self.b]
        return self.a_magnitude * eb + self.b_magnitude * ea + ea * eb

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        ea, eb = errors[self.a], errors[self.b]
        return [
            (self.a, (self.b_magnitude + eb) * _SAFETY),
            (self.b, (self.a_magnitude + ea) * _SAFETY),
        ]


@dataclass(frozen=True, slots=True)
class _Lipschitz(_Cast):
    """neg, abs, relu: 1-Lipschitz and exact in fixed point."""

    a: int

    @property
    def operands(self) -> tuple[int, ...]:
        return (self.a,)

    def full_frac_bits(self, frac: Fracs) -> int:
        return frac[self.a]

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return errors[self.a]

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        return [(self.a, _SAFETY)]


@dataclass(frozen=True, slots=True)
class _Sign(_Cast):
    a: int
    interval: Interval
    """The argument's range."""

    @property
    def operands(self) -> tuple[int, ...]:
        return (self.a,)

    def full_frac_bits(self, frac: Fracs) -> int:
        return 0

    def can_flip(self, errors: list[float]) -> bool:
        error = errors[self.a]
        return error > 0.0 and self.interval.widen(error).contains(0.0)

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return 2.0 if self.can_flip(errors) else 0.0

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        return 0.0

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        # A jump, not a slope: `ErrorModel.jumps` keeps what feeds it out of the linear model.
        return []

    def pinned(self, errors: list[float]) -> tuple[int, ...]:
        return () if self.can_flip(errors) else (self.a,)


def _step_between(interval: Interval, error: float, period: float, phase: float) -> bool:
    """Whether `interval` widened by `error` holds a point phase + k*period: only there can
    an error move a value across a step of a staircase with that period."""
    if error <= 0.0:
        return False
    wide = interval.widen(error)
    return math.floor((wide.hi - phase) / period) >= math.ceil((wide.lo - phase) / period)


@dataclass(frozen=True, slots=True)
class _MinMax(_Sum):
    """max, min: |max(a', b') - max(a, b)| <= max(E_a, E_b); exact in fixed point. Operands,
    grid and gains are a sum's."""

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return max(errors[self.a], errors[self.b])


@dataclass(frozen=True, slots=True)
class _Staircase(_Cast):
    """floor, ceil, round: integer results, exact in fixed point. Where the argument's error
    can carry it across a step, the result may differ by the step (1) plus that error
    (|floor(a') - floor(a)| < |a' - a| + 1); where it cannot, or the argument is exact,
    the result is exact."""

    a: int
    interval: Interval
    """The argument's range."""
    phase: float
    """Where the steps sit: 0 (at integers: floor, ceil) or 0.5 (half-integers: round)."""

    @property
    def operands(self) -> tuple[int, ...]:
        return (self.a,)

    def full_frac_bits(self, frac: Fracs) -> int:
        return 0

    def can_flip(self, errors: list[float]) -> bool:
        return _step_between(self.interval, errors[self.a], 1.0, self.phase)

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return 1.0 + errors[self.a] if self.can_flip(errors) else 0.0

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        return errors[self.a] if self.can_flip(errors) else 0.0

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        return [(self.a, _SAFETY)] if self.can_flip(errors) else []

    def pinned(self, errors: list[float]) -> tuple[int, ...]:
        return () if self.can_flip(errors) else (self.a,)


@dataclass(frozen=True, slots=True)
class _Compare(_Cast):
    """greater, logical_or, logical_and: a 0/1 result from comparisons of a and b (a > b;
    or each with 0). Where an operand's error can flip a comparison, the result may be off
    by 1; the error of the compared operands is added, so more bits still pay."""

    a: int
    b: int
    tests: tuple[tuple[Interval, tuple[int, ...]], ...]
    """Each comparison: the range of the compared difference and the operands it reads."""

    @property
    def operands(self) -> tuple[int, ...]:
        return self.a, self.b

    def full_frac_bits(self, frac: Fracs) -> int:
        return 0

    def _flips(self, errors: list[float]) -> list[tuple[int, ...]]:
        flipping = []
        for difference, read in self.tests:
            error = sum(errors[i] for i in read)
            if error > 0.0 and difference.widen(error).contains(0.0):
                flipping.append(read)
        return flipping

    def _flipping(self, errors: list[float]) -> set[int]:
        """The operands read by a comparison their errors can flip."""
        return {i for read in self._flips(errors) for i in read}

    def can_flip(self, errors: list[float]) -> bool:
        return bool(self._flips(errors))

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        flipping = self._flipping(errors)
        return 1.0 + sum(errors[i] for i in flipping) if flipping else 0.0

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        return sum(errors[i] for i in self._flipping(errors))

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        return [(i, _SAFETY) for read in self._flips(errors) for i in read]

    def pinned(self, errors: list[float]) -> tuple[int, ...]:
        flipping = self._flipping(errors)
        return tuple(i for i in self.operands if i not in flipping)


@dataclass(frozen=True, slots=True)
class _Select(_Cast):
    """select(c, a, b) (a where c > 0, else b) and cond(c, a) (b = 0): the chosen operand's
    error, plus, where c's error can flip the choice, the largest |a - b| and c's error."""

    c: int
    a: int
    b: int | None
    """None: the constant 0 (`cond`)."""
    condition: Interval
    gap: float
    """max |a - b| over the operands' ranges."""

    @property
    def operands(self) -> tuple[int, ...]:
        return (self.c, self.a) if self.b is None else (self.c, self.a, self.b)

    def _data_error(self, errors: list[float]) -> float:
        return max(errors[self.a], 0.0 if self.b is None else errors[self.b])

    def full_frac_bits(self, frac: Fracs) -> int:
        return frac[self.a] if self.b is None else max(frac[self.a], frac[self.b])

    def can_flip(self, errors: list[float]) -> bool:
        error = errors[self.c]
        return error > 0.0 and self.condition.widen(error).contains(0.0)

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return self.inherited(model, [], errors) + (self.gap if self.can_flip(errors) else 0.0)

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        condition = errors[self.c] if self.can_flip(errors) else 0.0
        return self._data_error(errors) + condition

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        data = [(i, _SAFETY) for i in self.operands[1:]]
        return [(self.c, _SAFETY), *data] if self.can_flip(errors) else data

    def pinned(self, errors: list[float]) -> tuple[int, ...]:
        return () if self.can_flip(errors) else (self.c,)


@dataclass(frozen=True, slots=True)
class _Mod(_Cast):
    """mod(a, c) for a constant c, computed exactly as mod(a, ĉ) (ĉ: c on a finer grid,
    `modulus`): the error of a plus q |c - ĉ| (q the largest quotient); where that can
    carry a across a multiple of c, the result may jump by c, and both results lie in
    [0, max(c, ĉ)): then the bound is max(c, ĉ) plus a's error."""

    a: int
    divisor: float
    interval: Interval

    @property
    def operands(self) -> tuple[int, ...]:
        return (self.a,)

    def modulus(self, frac: Fracs, errors: list[float]) -> Fraction:
        """|ĉ|, the divisor the firmware uses (exact when c is a power of two)."""
        magnitude = self.interval.widen(errors[self.a]).magnitude
        return modulus(self.divisor, magnitude, max(frac[self.a], frac[self.result]))

    def full_frac_bits(self, frac: Fracs) -> int:
        return frac[self.a] if power_of_two(self.divisor) else MAX_FRAC_BITS * 2

    def _drift(self, frac: Fracs, errors: list[float]) -> tuple[float, float]:
        """How far a' mod ĉ may be from a mod c without a jump; the largest result."""
        divisor = abs(self.divisor)
        used = float(self.modulus(frac, errors))
        quotients = self.interval.widen(errors[self.a]).magnitude / min(divisor, used) + 1.0
        return errors[self.a] + quotients * abs(divisor - used), max(divisor, used)

    def can_jump(self, frac: Fracs, errors: list[float]) -> bool:
        drift = self._drift(frac, errors)[0]
        return _step_between(self.interval, 2.0 * drift, abs(self.divisor), 0.0)

    def error(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        drift, largest = self._drift(frac, errors)
        if _step_between(self.interval, 2.0 * drift, abs(self.divisor), 0.0):
            drift = largest + errors[self.a]
        bits = frac[self.result]
        cast = model.cast_error(self.result, bits) if bits < self.full_frac_bits(frac) else 0.0
        return (drift + cast) * _SAFETY

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        return errors[self.a]

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        return [(self.a, _SAFETY)]


@dataclass(frozen=True, slots=True)
class _Quotient(_Cast):
    """a / b with a divider (truncating toward zero, so one ulp of the quotient's own bits):
    |a'/b' - a/b| <= (E_a + max|a/b| E_b) / (min|b| - E_b); none where b' can reach 0."""

    a: int
    b: int
    dividend: Interval
    divisor: Interval

    @property
    def operands(self) -> tuple[int, ...]:
        return self.a, self.b

    def full_frac_bits(self, frac: Fracs) -> int:
        return self._quotient_bits(frac, frac[self.result])

    def _quotient_bits(self, frac: Fracs, bits: int) -> int:
        """The dividend is widened to the result's `bits` first; the quotient keeps them."""
        return max(frac[self.a], bits) + max(-frac[self.b], 0)

    def error(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        truncation = _ulp(self.full_frac_bits(frac))
        return super(_Quotient, self).error(model, frac, errors) + truncation * _SAFETY

    def own_error(self, model: ErrorModel, frac: Fracs, bits: int) -> float:
        """The quotient's truncation toward zero, then the cast's to `bits`."""
        full = self._quotient_bits(frac, bits)
        return (_ulp(full) + (_ulp(bits) if bits < full else 0.0)) * _SAFETY

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        ea, eb = errors[self.a], errors[self.b]
        if self.divisor.widen(eb).contains(0.0):
            return math.inf
        ratio = (self.dividend * self.divisor.reciprocal()).magnitude
        return (ea + ratio * eb) / (self.divisor.mignitude - eb)

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        smallest = self.divisor.mignitude
        ratio = (self.dividend * self.divisor.reciprocal()).magnitude
        return [(self.a, _SAFETY / smallest), (self.b, ratio / smallest * _SAFETY)]


@dataclass(frozen=True, slots=True)
class _ModByVariable(_Cast):
    """mod(a, b) for a variable b, computed exactly as mod(a', b') with a divider: a' - b'q
    with q = floor(a'/b'). Where no integer lies between the possible quotients, the error
    is E_a + max|q| E_b; else both results share b's sign and lie within |b| + E_b of 0,
    which bounds their distance (plus E_a, so more bits still pay). A b' that can reach 0
    has no bound."""

    a: int
    b: int
    dividend: Interval
    divisor: Interval

    @property
    def operands(self) -> tuple[int, ...]:
        return self.a, self.b

    def full_frac_bits(self, frac: Fracs) -> int:
        return max(frac[self.a], frac[self.b])

    def propagated(self, model: ErrorModel, errors: list[float]) -> float:
        ea, eb = errors[self.a], errors[self.b]
        divisor = self.divisor.widen(eb)
        if divisor.contains(0.0):
            return math.inf
        quotients = self.dividend.widen(ea) * divisor.reciprocal()
        if (ea > 0.0 or eb > 0.0) and math.floor(quotients.hi) >= math.ceil(quotients.lo):
            return divisor.magnitude + ea
        return ea + (quotients.magnitude + 1.0) * eb

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        return errors[self.a]

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        quotients = self.dividend.magnitude / max(self.divisor.mignitude, 1e-300) + 1.0
        return [(self.a, _SAFETY), (self.b, quotients * _SAFETY)]


def modulus(divisor: float, magnitude: float, frac_bits: int) -> Fraction:
    """|ĉ| for mod(a, c) with |a| <= magnitude and results kept to `frac_bits`: |c| itself
    when it is a power of two (the low bits of a), else |c| on a grid fine enough that q |c
    - ĉ| stays within an eighth of an ulp for every quotient q."""
    divisor = abs(divisor)
    if power_of_two(divisor):
        return Fraction(divisor)
    quotient_bits = max(math.ceil(math.log2(magnitude / divisor + 1.0)), 0)
    own_bits = math.ceil(-math.log2(divisor)) + 3
    return quantise_nearest(divisor, max(frac_bits + quotient_bits + 3, own_bits))


@dataclass(frozen=True, slots=True)
class _Lookup:
    result: int
    a: int
    function: TableFunction
    domain: Interval
    log2_cells: int | None
    """The table size the user fixed (`sym.table_size`), as log2 of its cells."""
    fixed: bool
    """Whether the user fixed the table's size or domain (`sym.domain`)."""
    guard: float
    """A guard's eps when it splits the domain around 0 (`sym.guard`), else 0."""

    @property
    def operands(self) -> tuple[int, ...]:
        return (self.a,)

    def error(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        table, moves = model.table(self, frac[self.a], frac[self.result])
        return (table.max_error + moves(errors[self.a])) * _SAFETY

    def estimated_error(
        self, model: ErrorModel, frac: Fracs, errors: list[float], reference: Fracs
    ) -> float:
        """An estimate, not a bound, that designs nothing: the table designed for the bits
        of `reference`, its error scaled by the output bits lost or gained."""
        table, moves = model.table(self, reference[self.a], reference[self.result])
        lost = reference[self.result] - frac[self.result]
        return (math.ldexp(table.max_error, lost) + moves(errors[self.a])) * _SAFETY

    def own_error(self, model: ErrorModel, frac: Fracs, bits: int) -> float:
        """An estimate, not a bound (designing tables for every candidate would cost): the
        current table's error plus half an ulp of rounding at `bits`, or what a table
        sized for one ulp at `bits` reaches, whichever is more."""
        current = model.table(self, frac[self.a], frac[self.result])[0].max_error
        if bits >= frac[self.result]:
            return current * _SAFETY
        return max(current + _ulp(bits + 1), 1.5 * _ulp(bits)) * _SAFETY

    def gains(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> Gains:
        moves = model.table(self, frac[self.a], frac[self.result])[1]
        return [(self.a, moves.slope(errors[self.a]) * _SAFETY)]

    def inherited(self, model: ErrorModel, frac: Fracs, errors: list[float]) -> float:
        moves = model.table(self, frac[self.a], frac[self.result])[1]
        return moves(errors[self.a])


@dataclass(frozen=True, slots=True)
class _QuarterWaveMoves:
    """How far a quarter-wave table's output moves under an error of x: 2π times the error
    of u = x ĉ in turns (at most 2, the whole range of sin)."""

    magnitude: float
    turns: Fraction

    def __call__(self, input_error: float) -> float:
        return min(2 * math.pi * turns_error(self.magnitude, input_error, self.turns), 2.0)

    def slope(self, input_error: float) -> float:
        if self(input_error) >= 2.0:
            return 0.0
        # turns_error is linear in the error of x.
        per_error = turns_error(self.magnitude, 1.0, self.turns)
        return 2 * math.pi * (per_error - turns_error(self.magnitude, 0.0, self.turns))


_Step = (
    _Constant
    | _Sum
    | _Product
    | _Lipschitz
    | _Sign
    | _MinMax
    | _Staircase
    | _Compare
    | _Select
    | _Mod
    | _ModByVariable
    | _Quotient
    | _Lookup
)
_Jump = _Sign | _Staircase | _Compare | _Select
"""Steps whose result jumps where an operand crosses a step (`pinned`)."""
_Moves = Propagation | _QuarterWaveMoves


@dataclass
class ErrorModel:
    """Error bounds of one `sym` function under a choice of fractional bits per value.

    Values are indexed: the function's arguments, then each op's result in order."""

    function: func.FuncOp
    ranges: RangeAnalysis
    table_options: TableOptions = field(default_factory=TableOptions)
    capped: bool = False
    """Whether a width cap (`max_width`) binds the inputs and outputs: then their bits are
    dear, so a computed output rounds to nearest (half an ulp, not a truncation's one) and
    saturates (its format holds its range, not the error around it), and an input or
    output may saturate a power-of-two top (one ulp there, one more fractional bit for its
    group)."""
    ops: list[Operation] = field(init=False)
    values: list[SSAValue] = field(init=False)
    outputs: list[int] = field(init=False)
    """Index of each returned value."""
    inputs: int = field(init=False)
    """How many arguments: they are the first values."""
    used_inputs: list[int] = field(init=False)
    """Inputs some op reads: the others never reach the firmware."""
    index: dict[SSAValue, int] = field(init=False)
    steps: list[_Step] = field(init=False)
    """How each op's error follows from its operands', in order."""
    fixed_types: dict[int, FixType] = field(init=False)
    """The inputs whose type the user fixed, by index, and those types."""
    input_modes: fix.Modes = field(init=False)
    """How the inputs' types round and overflow."""
    table_results: set[int] = field(init=False)
    """The values that tables compute."""
    rounded: frozenset[int] = field(init=False)
    """With `capped`, the outputs computed by arithmetic or a table, whose cast rounds to
    nearest and saturates: not an input, a constant, a 0/1 or a selection."""
    saturating: frozenset[int] = field(init=False)
    """The inputs and outputs whose power-of-two top is saturated to one ulp below, so
    that their types need one integer bit fewer (`_saturating`)."""

    def __post_init__(self) -> None:
        block = self.function.body.block
        self.ops = [op for op in block.ops if not isinstance(op, func.ReturnOp)]
        args = list(self.function.args)
        self.fixed_types = {args.index(arg): t for arg, t in fixed_inputs(self.function).items()}
        self.input_modes = fix.input_modes(self.function.arg_attrs, len(args))
        self._check_overflow_modes()
        self.inputs = len(args)
        self.values = [*args, *(op.results[0] for op in self.ops)]
        self.index = {value: i for i, value in enumerate(self.values)}
        self.outputs = [self.index[v] for v in block.last_op.operands]
        self.used_inputs = [i for i, arg in enumerate(args) if arg.uses]
        self.steps = [self._step(op) for op in self.ops]
        self.table_results = {step.result for step in self.steps if isinstance(step, _Lookup)}
        self.rounded = frozenset(
            i
            for i in self.outputs
            if self.capped
            and i >= self.inputs
            and not isinstance(self.steps[i - self.inputs], _Constant | _Jump)
        )
        self.saturating = frozenset(self._saturating()) if self.capped else frozenset()
        self._designs: dict[tuple, tuple[Table, _Moves]] = {}

    def _saturating(self) -> set[int]:
        """Of the inputs (entering by saturation, types not fixed by the user) and the
        rounded outputs, those whose power-of-two top alone asks their port's type for one
        more integer bit: they saturate it, which costs them at most one ulp there and buys
        them one more fractional bit everywhere at the same width."""
        eligible = set(self.rounded)
        if self.input_modes[1] in (OverflowMode.SAT, OverflowMode.SAT_SYM):
            eligible.update(i for i in self.used_inputs if i not in self.fixed_types)
        saturating = set()
        for i in eligible:
            interval = self.ranges[self.values[i]]
            signed = interval.lo < 0
            held = int_bits_for(interval, MAX_FRAC_BITS, signed)
            if int_bits_for(interval, MAX_FRAC_BITS, signed, saturate=True) < held:
                saturating.add(i)
        return saturating

    def _check_overflow_modes(self) -> None:
        """Inputs may enter by wrap or sat_zero only where their type holds the declared
        range: outside it a wrapped or zeroed input has no useful bound."""
        overflow = self.input_modes[1]
        if overflow in (OverflowMode.SAT, OverflowMode.SAT_SYM):
            return
        for index, type_ in self.fixed_types.items():
            declared = self.ranges[self.function.args[index]]
            if not type_.holds(declared):
                outside = "wrap" if overflow == OverflowMode.WRAP else "become 0"
                raise DiagnosticException(
                    f"input {input_label(self.function, index)}: {type_.cxx()} holds "
                    f"[{type_.min_value:.6g}, {type_.max_value:.6g}], not the declared range "
                    f"{declared}; values outside it would {outside} ({overflow.cxx}), which no "
                    "useful error bound covers: use AP_SAT (the bound then counts the "
                    "saturation), a wider type or a narrower range"
                )

    def _step(self, op: Operation) -> _Step:
        result = self.index[op.results[0]]
        operands = [self.index[v] for v in op.operands]
        if isinstance(op, sym.ConstantOp):
            return _Constant(result, op.number)
        if table_function(op) is not None:
            return self._lookup(op, result, operands[0])
        if isinstance(op, sym.AddOp | sym.SubOp):
            return _Sum(result, *operands)
        if isinstance(op, sym.MulOp):
            a, b = op.operands
            return _Product(result, *operands, self.ranges[a].magnitude, self.ranges[b].magnitude)
        if isinstance(op, sym.NegOp | sym.AbsOp | sym.ReluOp):
            return _Lipschitz(result, *operands)
        if isinstance(op, sym.SignOp):
            return _Sign(result, operands[0], self.ranges[op.operands[0]])
        discrete = self._discrete_step(op, result, operands)
        if discrete is not None:
            return discrete
        raise DiagnosticException(f"{describe(op)} has no fixed-point lowering")

    def _discrete_step(self, op: Operation, result: int, operands: list[int]) -> _Step | None:
        """The step of a comparison, selection, staircase or modulo op, if `op` is one."""
        ranges = [self.ranges[v] for v in op.operands]
        if isinstance(op, sym.MaxOp | sym.MinOp):
            return _MinMax(result, *operands)
        if isinstance(op, sym.DivOp):
            return _Quotient(result, *operands, *ranges)
        if isinstance(op, sym.FloorOp | sym.CeilOp | sym.RoundOp):
            return _Staircase(result, operands[0], ranges[0], 0.5 * isinstance(op, sym.RoundOp))
        if isinstance(op, sym.GreaterOp):
            return _Compare(result, *operands, ((ranges[0] - ranges[1], tuple(operands)),))
        if isinstance(op, sym.LogicalAndOp | sym.LogicalOrOp):
            tests = tuple((interval, (i,)) for interval, i in zip(ranges, operands))
            return _Compare(result, *operands, tests)
        if isinstance(op, sym.CondOp):
            return _Select(result, *operands, None, ranges[0], ranges[1].magnitude)
        if isinstance(op, sym.SelectOp):
            gap = (ranges[1] - ranges[2]).magnitude
            return _Select(result, *operands, ranges[0], gap)
        if isinstance(op, sym.ModOp):
            divisor = sym.constant_value(op.operands[1])
            if divisor is None:
                return _ModByVariable(result, *operands, *ranges)
            return _Mod(result, operands[0], divisor, ranges[0])
        return None

    def _lookup(self, op: Operation, result: int, arg: int) -> _Lookup:
        """The table step of a function op: its domain is the one the user fixed, else its
        argument's range, guarded (`argument_pieces`)."""
        assert isinstance(op, sym.UnaryOp)
        function = table_function(op)
        assert function is not None
        domain, size = op.domain, op.table_size
        log2_cells = None if size is None else size.bit_length() - 1
        fixed = domain is not None or size is not None
        if domain is not None and op.guard is None:
            return _Lookup(
                result, arg, function, Interval.from_attr(domain), log2_cells, fixed, 0.0
            )
        pieces = argument_pieces(op, self.ranges[op.arg])
        guard = op.guard if len(pieces) == 2 and op.guard is not None else 0.0
        return _Lookup(result, arg, function, Interval.hull(pieces), log2_cells, fixed, guard)

    def table(self, step: _Lookup, arg_bits: int, out_bits: int) -> tuple[Table, _Moves]:
        """The table of a function op when its argument and result have these bits, and how
        its output moves under argument error; designed once per distinct table."""
        key = (
            step.function,
            step.domain,
            arg_bits,
            out_bits,
            step.log2_cells,
            step.fixed,
            step.guard,
        )
        if key not in self._designs:
            self._check_entry_width(step, out_bits)
            table = self._design(*key)
            if table.turns is not None:
                moves: _Moves = _QuarterWaveMoves(step.domain.magnitude, table.turns)
            else:
                moves = propagation(step.function, table.domain, table.guard)
            self._designs[key] = table, moves
        return self._designs[key]

    def _check_entry_width(self, step: _Lookup, out_bits: int) -> None:
        """Refuse, before designing it, a table whose entries cannot be stored (the planner
        caps table results below this; a uniform precision may not)."""
        values = self.ranges[self.values[step.result]]
        width = entry_layout(values, out_bits)[0] + out_bits
        if width > fix.MAX_TABLE_ENTRY_WIDTH:
            raise DiagnosticException(
                table_too_wide(function_name(step.function), step.domain, width)
            )

    def _design(
        self,
        function: TableFunction,
        domain: Interval,
        arg_bits: int,
        out_bits: int,
        log2_cells: int | None,
        fixed: bool,
        guard: float,
    ) -> Table:
        """A table of `function` over `domain`; `log2_cells` and `fixed`: what the user fixed
        (a fixed size or domain rules out the quarter-wave table); `guard`: see `_Lookup`."""
        options = self.table_options
        target = math.ldexp(1.0, -out_bits)
        interpolate = options.interpolate
        if interpolate is None:
            interpolate = self._plain_falls_short(function, domain, target, guard)
        if log2_cells is None:
            # Sized for a fine argument grid, so one search serves every argument width;
            # design_table then never makes cells narrower than the argument's ulp.
            log2_cells = cells_for_error(
                function,
                domain,
                target,
                options.max_log2_cells,
                interpolate=interpolate,
                symmetric=options.symmetric,
                guard=guard,
            )
        plain = design_table(
            function,
            domain,
            arg_bits,
            log2_cells,
            out_bits,
            interpolate=interpolate,
            symmetric=options.symmetric,
            guard=guard,
        )
        periodic = None if fixed else self._quarter_wave(function, domain, out_bits)
        if periodic is not None and periodic.memory_bits < plain.memory_bits:
            return periodic
        return plain

    def _quarter_wave(
        self, function: TableFunction, domain: Interval, out_bits: int
    ) -> Table | None:
        """The smallest quarter-wave table of sin/cos meeting one ulp of the output, when
        range reduction is on and the domain spans more than a quarter period (so it can save
        entries)."""
        options = self.table_options
        if function not in PERIODIC or not options.symmetric:
            return None
        if domain.magnitude <= math.pi / 2:
            return None
        target = math.ldexp(1.0, -out_bits)
        turns = turns_constant(domain.magnitude, target)
        for log2_cells in range(2, options.max_log2_cells + 3):
            table = design_quarter_wave(function, log2_cells, out_bits, turns)
            if table.max_error <= target:
                return table
        return None

    def _plain_falls_short(
        self, function: TableFunction, domain: Interval, target: float, guard: float
    ) -> bool:
        """Whether the largest plain table still misses `target`: interpolation pays then."""
        largest = self.table_options.max_log2_cells
        error = sampling_error(
            function,
            domain,
            FINE_ARG_BITS,
            largest,
            symmetric=self.table_options.symmetric,
            guard=guard,
        )
        return error > target

    def errors(self, frac: Fracs, every_input: bool = False) -> list[float]:
        """E_v for every value, given every value's fractional bits. Inputs no op reads
        are left at 0 unless `every_input`."""
        errors = self._input_errors(frac, every_input)
        for step in self.steps:
            errors[step.result] = self.saturated(step.result, frac, step.error(self, frac, errors))
        return errors

    def estimated_errors(self, frac: Fracs, reference: Fracs) -> list[float]:
        """`errors`, but tables are not designed for `frac`: their error is estimated from
        those designed for `reference` (`_Lookup.estimated_error`). Not a bound."""
        errors = self._input_errors(frac, every_input=False)
        for step in self.steps:
            if isinstance(step, _Lookup):
                error = step.estimated_error(self, frac, errors, reference)
            else:
                error = step.error(self, frac, errors)
            errors[step.result] = self.saturated(step.result, frac, error)
        return errors

    def _input_errors(self, frac: Fracs, every_input: bool) -> list[float]:
        """A list of errors of every value, holding those of the inputs."""
        errors = [0.0] * len(self.values)
        for i in range(self.inputs) if every_input else self.used_inputs:
            errors[i] = self.input_error(i, frac[i])
        return errors

    def input_error(self, index: int, frac_bits: int, reach: Interval | None = None) -> float:
        """Rounding into the input's own format (its port's type), then the clamp; and
        saturation where a fixed type does not hold the declared range, or at a saturated
        power-of-two top that the input can reach (`reach`: where it lies, by default its
        declared range)."""
        if self.input_modes[0] in (RoundingMode.TRN, RoundingMode.TRN_ZERO):
            rounding = math.ldexp(1.0, -frac_bits)
        else:
            rounding = math.ldexp(1.0, -frac_bits - 1)
        interval = self.ranges[self.values[index]]
        ends_on_grid = on_grid(interval.lo, frac_bits) and on_grid(interval.hi, frac_bits)
        error = rounding if ends_on_grid else max(rounding, math.ldexp(1.0, -frac_bits))
        type_ = self.fixed_types.get(index)
        if type_ is None:
            return max(error, self.saturation_gap(index, frac_bits, reach or interval) * _SAFETY)
        return max(error, saturation_error(type_, self.input_modes[1], interval)) * _SAFETY

    def cast_error(self, index: int, frac_bits: int) -> float:
        """What the cast of value `index` to `frac_bits` fractional bits adds: half an ulp
        where it rounds to nearest (`rounded`), else one (a truncation)."""
        return _ulp(frac_bits) / 2 if index in self.rounded else _ulp(frac_bits)

    def saturation_gap(self, index: int, frac_bits: int, reach: Interval) -> float:
        """How far a value in `reach` can be from where the format of value `index` (at
        `frac_bits`) saturates it: nonzero only near a saturated power-of-two top."""
        if index not in self.saturating:
            return 0.0
        return saturation_error(self.value_format(index, frac_bits), OverflowMode.SAT, reach)

    def saturated(
        self, index: int, frac: Fracs, error: float, reach: Interval | None = None
    ) -> float:
        """A computed output's `error` before its saturating cast, and after: a saturating
        cast moves a value toward the format's range, so it adds nothing but the distance
        from a reference value in `reach` (default: its range) to that range."""
        if index not in self.saturating:
            return error
        interval = reach or self.ranges[self.values[index]]
        return max(error, self.saturation_gap(index, frac[index], interval) * _SAFETY)

    def own_error(self, index: int, frac: Fracs, bits: int) -> float:
        """The error value `index` adds by itself when it keeps `bits` fractional bits and
        every other value keeps its bits in `frac` (an estimate for
        tables)."""
        if index < self.inputs:
            return self.input_error(index, bits)
        return self.steps[index - self.inputs].own_error(self, frac, bits)

    def gains(self, frac: Fracs, errors: list[float]) -> np.ndarray:
        """dE_output / dE_v for every value (rows) and output (columns), linearised at
        `errors`: one reverse pass. A jump that cannot happen counts as flat."""
        gains = np.zeros((len(self.values), len(self.outputs)))
        for column, output in enumerate(self.outputs):
            gains[output, column] += 1.0
        for step in reversed(self.steps):
            row = gains[step.result]
            if not row.any():
                continue
            for operand, slope in step.gains(self, frac, errors):
                if math.isinf(slope):
                    gains[operand] += np.where(row > 0.0, math.inf, 0.0)
                else:
                    gains[operand] += slope * row
        return gains

    def upstream(self, values: Sequence[int]) -> set[int]:
        """`values` and every value they are computed from."""
        upstream = set(values)
        for step in reversed(self.steps):
            if step.result in upstream:
                upstream.update(step.operands)
        return upstream

    def jumps(self, frac: Fracs, errors: list[float]) -> set[int]:
        """Values upstream of a step (sign, floor, a comparison, mod) that their error
        cannot cross at `errors`: more error there may make it jump, which no slope
        predicts."""
        upstream: set[int] = set()
        for step in reversed(self.steps):
            if isinstance(step, _Jump):
                upstream.update(step.pinned(errors))
            elif isinstance(step, _Mod) and not step.can_jump(frac, errors):
                upstream.add(step.a)
            if step.result in upstream:
                upstream.update(step.operands)
        return upstream

    def dominant(self, frac: Fracs, errors: list[float]) -> list[str]:
        """Per output, what contributes most to its bound: the op (or input rounding) whose
        own error, times how much of it reaches the output, is largest; "" for an exact
        output."""
        own = np.zeros(len(self.values))
        for i in self.used_inputs:
            own[i] = errors[i]
        for step in self.steps:
            inherited = step.inherited(self, frac, errors) * _SAFETY
            own[step.result] = max(errors[step.result] - inherited, 0.0)
        contributions = self.gains(frac, errors) * own[:, None]
        names = []
        for column in range(len(self.outputs)):
            best = int(np.argmax(contributions[:, column]))
            names.append(self.describe(best) if contributions[best, column] > 0.0 else "")
        return names

    def describe(self, index: int) -> str:
        """The op's name (`sym.floor`; no location, which printed IR does not keep), or
        `input x0` for an input's rounding."""
        if index < self.inputs:
            name = sym.arg_attribute(self.function.arg_attrs, index, sym.NAME_ATTR)
            return f"input {name.data if name is not None else index}"  # type: ignore[union-attr]
        return self.ops[index - self.inputs].name

    def computed_range(self, index: int, errors: list[float]) -> Interval:
        """Where the computed value of `index` lies: its range widened by its error, but a
        comparison's 0/1 and a selection's operands as they are computed, however far a
        flipped choice is from the reference."""
        step = self.steps[index - self.inputs] if index >= self.inputs else None
        if isinstance(step, _Compare):
            return Interval(0.0, 1.0)
        if isinstance(step, _Select):
            chosen = [self.ranges[self.values[i]].widen(errors[i]) for i in step.operands[1:]]
            if step.b is None:
                chosen.append(Interval.point(0.0))
            return Interval.hull(chosen)
        return self.ranges[self.values[index]].widen(errors[index])

    def moduli(self, frac: Fracs, errors: list[float]) -> dict[Operation, Fraction]:
        """|ĉ| of each mod by a constant: the divisor the firmware uses."""
        return {
            op: step.modulus(frac, errors)
            for op, step in zip(self.ops, self.steps)
            if isinstance(step, _Mod)
        }

    def tables(self, frac: Fracs) -> dict[Operation, Table]:
        return {
            op: self.table(step, frac[step.a], frac[step.result])[0]
            for op, step in zip(self.ops, self.steps)
            if isinstance(step, _Lookup)
        }

    def saturates(self, index: int) -> bool:
        """Whether the cast of value `index` saturates (a rounded output): its format holds
        its range, not the error around it."""
        return index in self.rounded

    def held_range(self, index: int, errors: list[float] | None = None) -> Interval:
        """What the format of value `index` holds: an input's declared range (it is clamped
        into it), a saturated output's range, else its range widened by its error
        (`computed_range`; its range when `errors` is None); a constant c >= 0 stays >= 0."""
        interval = self.ranges[self.values[index]]
        if errors is None or index < self.inputs or self.saturates(index):
            return interval
        computed = self.computed_range(index, errors)
        step = self.steps[index - self.inputs]
        if isinstance(step, _Constant) and step.value >= 0.0:
            return Interval(max(computed.lo, 0.0), computed.hi)
        return computed

    def value_layout(
        self, index: int, frac_bits: int, errors: list[float] | None = None
    ) -> tuple[int, bool]:
        """The integer bits and signedness of value `index`'s format at `frac_bits`: integer
        bits that hold `held_range` (a saturated top excepted), unsigned where it holds no
        negative value (the sign bit would hold nothing; under a width cap it is one more
        fractional bit)."""
        interval = self.held_range(index, errors)
        if index in self.table_results and not self.saturates(index):
            return entry_layout(interval, frac_bits)
        signed = interval.lo < 0
        return int_bits_for(interval, frac_bits, signed, index in self.saturating), signed

    def value_format(
        self, index: int, frac_bits: int, errors: list[float] | None = None
    ) -> FixType:
        int_bits, signed = self.value_layout(index, frac_bits, errors)
        return fix_type(int_bits + frac_bits, int_bits, signed)

    def formats(self, frac: Fracs, errors: list[float]) -> dict[SSAValue, FixType]:
        """Each value's format (`value_format`), holding too a table's entries, which may
        reach beyond its range when the user widened its domain (unless a saturating cast
        takes them into it)."""
        formats = {v: self.value_format(i, frac[i], errors) for i, v in enumerate(self.values)}
        for op, table in self.tables(frac).items():
            fmt = formats[op.results[0]]
            if self.saturates(self.index[op.results[0]]):
                continue
            held = common_format([fmt, table.entry_format])
            formats[op.results[0]] = fix_type(
                held.int_bits + fmt.frac_bits, held.int_bits, held.signed
            )
        return formats

    def cast_modes(self, index: int, fmt: FixType, errors: list[float]) -> fix.Modes:
        """How the exact result of value `index` is cast to `fmt`: a rounded output to
        nearest (ties up, AP_RND), saturating where `fmt` may not hold its computed value;
        the rest truncate and wrap (free)."""
        if index not in self.rounded:
            return fix.DEFAULT_MODES
        holds = fmt.holds(self.computed_range(index, errors))
        return RoundingMode.RND, OverflowMode.WRAP if holds else OverflowMode.SAT

    def output_modes(
        self, formats: dict[SSAValue, FixType], errors: list[float]
    ) -> dict[SSAValue, fix.Modes]:
        """`cast_modes` of every rounded output."""
        return {
            self.values[i]: self.cast_modes(i, formats[self.values[i]], errors)
            for i in self.rounded
        }


def table_too_wide(function: str, domain: Interval, width: int) -> str:
    return (
        f"a table of {function} over {domain} needs {width}-bit entries, and a table's entries "
        f"have at most {fix.MAX_TABLE_ENTRY_WIDTH} bits (fix.MAX_TABLE_ENTRY_WIDTH); narrow the "
        "input ranges (or, under a uniform precision, use fewer fractional bits)"
    )


def saturation_error(type_: FixType, overflow: OverflowMode, declared: Interval) -> float:
    """How far a value of `declared` can be from what `type_` saturates it to (0 when it
    holds the range). AP_SAT_SYM saturates a signed value at -max, not min."""
    low = -type_.max_value if overflow == OverflowMode.SAT_SYM else type_.min_value
    return max(low - declared.lo, declared.hi - type_.max_value, 0.0)


def fixed_inputs(function: func.FuncOp) -> dict[SSAValue, FixType]:
    """The arguments whose type the user fixed (`fix.format`), and those types."""
    fixed = {}
    for index, arg in enumerate(function.args):
        type_ = sym.arg_attribute(function.arg_attrs, index, fix.FORMAT_ATTR)
        if isinstance(type_, FixType):
            fixed[arg] = type_
    return fixed


def constant_error(value: float, frac_bits: int) -> float:
    """|c - ĉ| for c quantised to nearest with `frac_bits` fractional bits."""
    try:
        scaled = math.ldexp(value, frac_bits)
    except OverflowError:
        scaled = math.inf
    if math.isinf(scaled):
        return float(abs(quantise_nearest(value, frac_bits) - Fraction(value))) * _SAFETY
    # Exact in float64: scaling by 2**k and rounding to an integer are exact, and the
    # difference is a multiple of c's ulp smaller than 2**-frac_bits.
    return abs(value - math.ldexp(round(scaled), -frac_bits)) * _SAFETY


@dataclass
class Plan:
    """The chosen formats, the error bound of every value and of every output, the tables,
    and why the bound is what it is: each value's share of it and the values a width cap
    binds."""

    formats: dict[SSAValue, FixType]
    errors: dict[SSAValue, float]
    output_bounds: list[float]
    budgets: list[float]
    tables: dict[Operation, Table] = field(default_factory=dict)
    moduli: dict[Operation, Fraction] = field(default_factory=dict)
    """|ĉ| of each mod by a constant (`ErrorModel.moduli`)."""
    dominant: list[str] = field(default_factory=list)
    """Per output, the op whose error dominates its bound (`ErrorModel.dominant`)."""
    shares: dict[SSAValue, list[float]] = field(default_factory=dict)
    """Per output, the error the value itself adds (its rounding, truncation or table error)
    times its gain to the output: a first-order account of the bound."""
    binding: set[SSAValue] = field(default_factory=set)
    """The values at their width cap: only a wider cap would give them more bits."""
    modes: dict[SSAValue, fix.Modes] = field(default_factory=dict)
    """How the exact results of the rounded outputs are cast (`ErrorModel.cast_modes`)."""
    dividers: dict[Operation, str] = field(default_factory=dict)
    """Each `sym.div` a divider computes instead of a reciprocal table, and why."""


def _cost_weights(model: ErrorModel) -> list[int]:
    """How much one bit of a value costs: more when it feeds multipliers or fills a table."""
    weights = [1] * len(model.values)
    for step in model.steps:
        if isinstance(step, _Product):
            weights[step.a] += 4
            weights[step.b] += 4
        if isinstance(step, _Lookup):
            weights[step.result] += 2**model.table_options.max_log2_cells // 64
    return weights


@dataclass
class _Allocation:
    """f_v = ceil(level_v + mu) within [floor_v, ceiling_v] for the `chosen` values; the
    others keep their bits in `base`."""

    base: list[int]
    chosen: np.ndarray
    level: np.ndarray
    floor: np.ndarray
    ceiling: np.ndarray

    def bits(self, mu: float) -> np.ndarray:
        return np.clip(np.ceil(self.level + mu), self.floor, self.ceiling).astype(int)

    def at(self, mu: float) -> list[int]:
        frac = list(self.base)
        for index, bits in zip(self.chosen.tolist(), self.bits(mu).tolist()):
            frac[index] = bits
        return frac

    def mu_range(self) -> tuple[float, float]:
        """Below the first every chosen value sits at its floor; from the second on, at its
        ceiling."""
        return float(np.min(self.floor - self.level)) - 1.0, float(
            np.max(self.ceiling - self.level)
        )


@dataclass
class Planner:
    """Chooses fractional bits per value to meet per-output error budgets."""

    model: ErrorModel
    budgets: list[float]
    max_width: int | None = None
    """A cap on the width of stored and interface values: inputs, outputs, constants
    and table entries."""
    fixed_inputs: dict[SSAValue, FixType] = field(default_factory=dict)
    max_intermediate_width: int | None = None
    """A cap on the width of every other value, the intermediates inside the datapath
    (None: `max_width`)."""
    targets: list[float] = field(init=False, default_factory=list)
    _outputs: frozenset[int] = field(init=False, default=frozenset())
    _last: tuple[tuple[int, ...], list[float]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._outputs = frozenset(self.model.outputs)

    def plan(self) -> Plan:
        self.targets = list(self.budgets)
        uniform = self._uniform()
        pinned: set[int] = set()
        if uniform is None:
            self.targets = self._reachable_targets()
            uniform = self._uniform()
            assert uniform is not None, "the best bound meets its own loosened target"
            pinned = self._pinned(uniform)
        errors = self._errors(uniform)
        free = [i for i in self._free(uniform, errors) if i not in pinned]
        frac = self._allocate(uniform, errors, free)
        frac = self._refine(frac, uniform, free)
        return self._finish(frac)

    def _reachable_targets(self) -> list[float]:
        """The budgets, loosened to just above the best bound reachable where a budget is
        out of reach (a width cap or a table-size cap binds), so the search still
        minimises cost; the plan then reports the budget as missed."""
        best = self._bounds(self._assign(MAX_FRAC_BITS))
        for output, bound in zip(self.model.outputs, best):
            if not math.isfinite(bound):
                raise DiagnosticException(self._unbounded(output))
        return [max(budget, bound * 1.01) for budget, bound in zip(self.budgets, best)]

    def _pinned(self, uniform: list[int]) -> set[int]:
        """The width-capped values feeding an output whose budget is out of reach, moved in
        `uniform` to all the bits their cap allows (the allocation leaves them there): the
        bound is loose, so bits it calls idle still lower the error a user sees. Uncapped
        values stay free: where no cap binds, a jump, a guard or a table limit puts the
        budget out of reach, and bits up to fix.MAX_WIDTH would buy nothing there."""
        missed = [o for o, b, t in zip(self.model.outputs, self.budgets, self.targets) if t > b]
        upstream = self.model.upstream(missed)
        pinned = {i for i in upstream if self._width_cap(i) is not None}
        for index in pinned:
            uniform[index] = self._cap(index, MAX_FRAC_BITS)
        return pinned

    def _errors(self, frac: Fracs) -> list[float]:
        """The model's errors, remembering the last evaluation (often asked again)."""
        key = tuple(frac)
        if self._last is None or self._last[0] != key:
            self._last = key, self.model.errors(frac)
        return self._last[1]

    def _bounds(self, frac: Fracs) -> list[float]:
        errors = self._errors(frac)
        return [errors[i] for i in self.model.outputs]

    def _meets(self, frac: Fracs) -> bool:
        return all(b <= target for b, target in zip(self._bounds(frac), self.targets))

    def _interface(self, index: int) -> bool:
        """Whether value `index` is stored or crosses the interface (what `max_width`
        caps) rather than an intermediate."""
        model = self.model
        if index < model.inputs or index in self._outputs:
            return True
        return isinstance(model.steps[index - model.inputs], _Constant | _Lookup)

    def _width_cap(self, index: int) -> int | None:
        if self._interface(index) or self.max_intermediate_width is None:
            return self.max_width
        return self.max_intermediate_width

    def _cap(self, index: int, frac_bits: int) -> int:
        value = self.model.values[index]
        if value in self.fixed_inputs:
            return self.fixed_inputs[value].frac_bits
        return max(
            MIN_FRAC_BITS,
            min(frac_bits, self._widest(index) - self.model.value_layout(index, frac_bits)[0]),
        )

    def _widest(self, index: int) -> int:
        """The most bits value `index` may have: its cap (`max_width` or
        `max_intermediate_width`), `fix.MAX_WIDTH`, and for a table's result
        `fix.MAX_TABLE_ENTRY_WIDTH` (its entries have its bits)."""
        cap = self._width_cap(index)
        widest = fix.MAX_WIDTH if cap is None else min(cap, fix.MAX_WIDTH)
        if index in self.model.table_results:
            return min(widest, fix.MAX_TABLE_ENTRY_WIDTH)
        return widest

    def _assign(self, frac_bits: int) -> list[int]:
        return [self._cap(i, frac_bits) for i in range(len(self.model.values))]

    def _uniform(self) -> list[int] | None:
        """The fewest uniform fractional bits meeting the targets (the bound shrinks as bits
        grow), or None if even MAX_FRAC_BITS misses. Tables are designed at a guess (two
        bits finer than the tightest target), the answer predicted from their estimated
        errors, then confirmed (or raised) exactly."""
        guess = math.ceil(-math.log2(min(self.targets, default=1.0))) + 2
        guess = min(max(guess, MIN_FRAC_BITS), MAX_FRAC_BITS)
        reference = self._assign(guess)
        lo, hi = (MIN_FRAC_BITS, guess) if self._meets(reference) else (guess + 1, MAX_FRAC_BITS)
        predicted = least_passing(lambda b: self._predicts(self._assign(b), reference), hi, lo, hi)
        start = hi if predicted is None else predicted
        bits = least_passing(lambda b: self._meets(self._assign(b)), start, start, hi)
        return None if bits is None else self._assign(bits)

    def _predicts(self, frac: Fracs, reference: Fracs) -> bool:
        """Whether the targets look met with table errors estimated from `reference`."""
        errors = self.model.estimated_errors(frac, reference)
        return all(errors[i] <= t for i, t in zip(self.model.outputs, self.targets))

    def _free(self, uniform: list[int], errors: list[float]) -> list[int]:
        """The values whose bits the allocation may lower: read, not fixed by the user, not
        feeding a jump (at the uniform plan, whose `errors` these are)."""
        model = self.model
        fixed = {model.index[v] for v in self.fixed_inputs}
        unread = set(range(model.inputs)) - set(model.used_inputs)
        kept = fixed | unread | model.jumps(uniform, errors)
        return [i for i in range(len(model.values)) if i not in kept]

    def _allocate(self, uniform: list[int], errors: list[float], free: list[int]) -> list[int]:
        """Bits from the gains at the uniform plan: f_v = ceil(log2(g_v / w_v) + mu) within
        [uniform - SPAN, uniform], with the least mu (on a grid of MU_RESOLUTION) that
        meets every target, searched from where the linear model puts it."""
        gains = self.model.gains(uniform, errors)
        score = gains[free] @ (1.0 / np.array(self.targets))
        priced = np.isfinite(score) & (score > 0.0)
        chosen = np.array(free, dtype=int)[priced]
        if not chosen.size:
            return uniform
        ceiling = np.array(uniform)[chosen]
        allocation = _Allocation(
            uniform,
            chosen,
            np.log2(score[priced] / np.array(_cost_weights(self.model))[chosen]),
            np.maximum(ceiling - SPAN, MIN_FRAC_BITS),
            ceiling,
        )
        mu_lo, mu_hi = allocation.mu_range()
        lo, hi = math.floor(mu_lo / MU_RESOLUTION), math.ceil(mu_hi / MU_RESOLUTION)
        predicted = least_passing(
            lambda k: self._predicts(allocation.at(k * MU_RESOLUTION), uniform), hi, lo, hi
        )
        start = hi if predicted is None else predicted
        step = least_passing(
            lambda k: self._meets(allocation.at(k * MU_RESOLUTION)), start, start, hi
        )
        assert step is not None, "at the top of the range the allocation is the uniform plan"
        return allocation.at(step * MU_RESOLUTION)

    def _refine(self, frac: list[int], uniform: list[int], free: list[int]) -> list[int]:
        """Spend the slack left on each output, most expensive value first, as the gains
        predict; each round is checked exactly, with smaller shares of the slack until one
        passes."""
        weights = _cost_weights(self.model)
        order = sorted(free, key=lambda i: -weights[i])
        floors = {i: max(uniform[i] - SPAN, MIN_FRAC_BITS) for i in free}
        for _ in range(REFINE_ROUNDS):
            errors = self._errors(frac)
            slack = [t - errors[o] for o, t in zip(self.model.outputs, self.targets)]
            gains = self.model.gains(frac, errors).tolist()
            proposals = (
                self._lowered(frac, gains, [share * s for s in slack], order, floors)
                for share in REFINE_SHARES
            )
            lowered = next((p for p in proposals if p == frac or self._meets(p)), frac)
            if lowered == frac:
                break
            frac = lowered
        return frac

    def _lowered(
        self,
        frac: list[int],
        gains: list[list[float]],
        slack: list[float],
        order: list[int],
        floors: dict[int, int],
    ) -> list[int]:
        """Each value in `order` lowered as far as the slack left allows, by the gains."""
        frac = list(frac)
        slack = [max(s, 0.0) for s in slack]

        def own(index: int, bits: int) -> float:
            return self.model.own_error(index, frac, bits)

        for index in order:
            affected = [(o, g) for o, g in enumerate(gains[index]) if g > 0.0]
            if frac[index] <= floors[index] or not affected or math.inf in gains[index]:
                continue
            allowance = min(slack[o] / g for o, g in affected)
            now = own(index, frac[index])
            bits = frac[index]
            while bits > floors[index] and own(index, bits - 1) - now <= allowance:
                bits -= 1
            if bits < frac[index]:
                added = own(index, bits) - now
                for o, g in affected:
                    slack[o] = max(slack[o] - g * added, 0.0)
                frac[index] = bits
        return frac

    def _finish(self, frac: list[int]) -> Plan:
        model = self.model
        while True:
            errors = model.errors(frac, every_input=True)
            unbounded = [i for i, error in enumerate(errors) if not math.isfinite(error)]
            if unbounded:
                raise DiagnosticException(self._unbounded(unbounded[0]))
            formats = model.formats(frac, errors)
            formats.update(self.fixed_inputs)
            too_wide: dict[SSAValue, int] = {}
            for value, excess in self._too_wide(formats):
                too_wide[value] = max(excess, too_wide.get(value, 0))
            if not too_wide:
                return Plan(
                    formats,
                    dict(zip(model.values, errors)),
                    subdivided_bounds(model, frac, errors),
                    self.budgets,
                    model.tables(frac),
                    moduli=model.moduli(frac, errors),
                    dominant=model.dominant(frac, errors),
                    shares=error_shares(model, frac, errors),
                    binding=self._binding(formats),
                    modes=model.output_modes(formats, errors),
                )
            for value, excess in too_wide.items():
                index = model.index[value]
                frac[index] -= excess
                if frac[index] < MIN_FRAC_BITS:
                    raise DiagnosticException(self._too_narrow(index, formats[value]))

    def _binding(self, formats: dict[SSAValue, FixType]) -> set[SSAValue]:
        """The values whose format fills their cap."""
        binding = set()
        for index, value in enumerate(self.model.values):
            cap, fmt = self._width_cap(index), formats[value]
            if cap is not None and fmt.width >= cap:
                binding.add(value)
        return binding

    def _too_wide(self, formats: dict[SSAValue, FixType]) -> list[tuple[SSAValue, int]]:
        """Each value wider than its cap, and by how many bits."""
        too_wide = []
        for index, value in enumerate(self.model.values):
            excess = formats[value].width - self._widest(index)
            if excess > 0 and value not in self.fixed_inputs:
                too_wide.append((value, excess))
        return too_wide

    def _unbounded(self, index: int) -> str:
        """Steep slopes (1/x near 0), or a value left coarse because no output feels its
        error (a table clamps it), can give an error beyond float64: no format holds it."""
        return (
            f"a value in {self.model.ranges[self.model.values[index]]} would have an error "
            f"beyond float64, more than srcc's limit of {fix.MAX_WIDTH} integer bits "
            "(fix.MAX_WIDTH) holds; rescale or narrow the input ranges"
        )

    def _too_narrow(self, index: int, fmt: FixType) -> str:
        widest = self._widest(index)
        needs = (
            f"a value in {self.model.ranges[self.model.values[index]]} needs {fmt.int_bits} "
            "integer bits once its error is counted"
        )
        if widest == self._width_cap(index):
            intermediate = not self._interface(index) and self.max_intermediate_width is not None
            name = "max_intermediate_width" if intermediate else "max_width"
            return f"{name}={widest} is too narrow: {needs}; raise {name}"
        if widest == fix.MAX_TABLE_ENTRY_WIDTH:
            limit = f"a table's entries have at most {widest} bits (fix.MAX_TABLE_ENTRY_WIDTH)"
        else:
            limit = f"srcc's limit is {widest} bits (fix.MAX_WIDTH)"
        return f"{needs}, and {limit}; narrow the input ranges"


def subdivided_bounds(model: ErrorModel, frac: Fracs, errors: list[float]) -> list[float]:
    """Each output's bound, tightened: the largest over sub-boxes of the read inputs'
    ranges of the bound with the same formats and tables but each box's own intervals and
    first-order error terms (`_box_errors`), so a product's error scales by the magnitudes
    its operands reach together in that box (over the whole range, intervals pair the
    largest |x**3| with the largest |1/(exp(x) - 1)| although no x reaches both) and
    derivatives that cancel are enclosed tightly enough to cancel. The boxes come from
    branch and bound: the box with the largest bound (relative to the whole range's) is
    halved across the input it spans most of its whole range on, until `_box_budget`
    evaluations are spent or STALL_BOXES of them have not lowered the bound by a factor
    STALL_GAIN. Sound: every point lies in some box, where the error model holds
    as over the whole range."""
    outputs = [errors[i] for i in model.outputs]
    if not model.used_inputs or _box_budget(model) < 3:
        return outputs
    own = _own_spans(model, frac, errors)
    whole = {model.values[i]: model.ranges[model.values[i]] for i in model.used_inputs}

    def bounds(box: dict[SSAValue, Interval], enclosing: list[float]) -> list[float]:
        local = _box_errors(model, frac, errors, box, own)
        return [min(local[i], b) for i, b in zip(model.outputs, enclosing)]

    first = bounds(whole, outputs)
    scales = [b if b > 0.0 else 1.0 for b in first]

    def score(local: list[float]) -> float:
        return max(b / s for b, s in zip(local, scales))

    leaves = [(-score(first), 0, whole, first)]
    improved = (-leaves[0][0], 1)
    for evaluated in range(3, _box_budget(model) + 1, 2):
        worst, _, box, enclosing = leaves[0]
        if -worst < STALL_GAIN * improved[0]:
            improved = (-worst, evaluated)
        halves = _halves(box, whole)
        if worst == 0.0 or halves is None or evaluated - improved[1] > STALL_BOXES:
            break
        low, high = (bounds(half, enclosing) for half in halves)
        heapq.heapreplace(leaves, (-score(low), evaluated - 1, halves[0], low))
        heapq.heappush(leaves, (-score(high), evaluated, halves[1], high))
    return [max(leaf[3][o] for leaf in leaves) for o in range(len(outputs))]


def _box_budget(model: ErrorModel) -> int:
    """How many boxes `subdivided_bounds` may evaluate: BOXES, fewer for a large model
    (BOX_STEPS steps in all), only the whole range and its halves for more than
    log2(BOXES) inputs (too many to halve each once)."""
    if len(model.used_inputs) > math.log2(BOXES):
        return min(3, BOX_STEPS // max(len(model.steps), 1))
    return min(BOXES, BOX_STEPS // max(len(model.steps), 1))


def _halves(
    box: dict[SSAValue, Interval], whole: dict[SSAValue, Interval]
) -> tuple[dict[SSAValue, Interval], dict[SSAValue, Interval]] | None:
    """`box` halved across the input it spans most of its whole range on (None: a point)."""

    def share(value: SSAValue) -> float:
        return (box[value].hi - box[value].lo) / ((whole[value].hi - whole[value].lo) or 1.0)

    widest = max(box, key=share)
    interval = box[widest]
    middle = 0.5 * (interval.lo + interval.hi)
    if not interval.lo < middle < interval.hi:
        return None
    low, high = Interval(interval.lo, middle), Interval(middle, interval.hi)
    return box | {widest: low}, box | {widest: high}


def _box_errors(
    model: ErrorModel,
    frac: Fracs,
    errors: list[float],
    box: dict[SSAValue, Interval],
    own: dict[int, Span],
) -> list[float]:
    """The error model's errors with the intervals of the inputs in `box` (the inputs'
    own errors as over the whole range, but a saturated top only where the box reaches
    it), each tightened by first-order error terms (`error_terms`) where they bound it
    tighter."""
    ranges = dict(box)
    local = list(errors)
    sources = Sources(dict(own), len(model.values))
    for i in model.saturating:
        if i < model.inputs and model.values[i] in box:
            local[i] = model.input_error(i, frac[i], box[model.values[i]])
            sources.spans[i] = (-local[i], local[i])
    terms: list[Terms] = [{i: (1.0, 1.0)} if i in own else {} for i in range(model.inputs)]
    for op, step in zip(model.ops, model.steps):
        ranges[op.results[0]] = op_range(op, [ranges.get(v, model.ranges[v]) for v in op.operands])
        error = _box_step_error(model, frac, local, ranges, op, step)
        error = model.saturated(step.result, frac, error, ranges[op.results[0]])
        followed = None
        if step.result not in model.saturating:
            # A saturating cast moves its value by more than the terms follow.
            followed = _followed_terms(model, frac, local, ranges, op, step, terms, sources)
        bound = math.inf if followed is None else sources.bound(followed) * _SAFETY
        # Terms as loose as the interval bound may still cancel further on.
        if bound <= error * TERMS_SLACK:
            terms.append(sources.capped(followed or {}))
        else:
            terms.append(sources.fresh((-error, error)))
        local[step.result] = min(error, bound)
    return local


def _box_step_error(
    model: ErrorModel,
    frac: Fracs,
    local: list[float],
    ranges: dict[SSAValue, Interval],
    op: Operation,
    step: _Step,
) -> float:
    """One step's interval error with the box's intervals."""
    if isinstance(step, _Product):
        a, b = op.operands
        step = replace(step, a_magnitude=ranges[a].magnitude, b_magnitude=ranges[b].magnitude)
    elif isinstance(step, _Sign):
        step = replace(step, interval=ranges[op.operands[0]])
    elif isinstance(step, _Quotient):
        a, b = op.operands
        step = replace(step, dividend=ranges[a], divisor=ranges[b])
    elif isinstance(step, _Lookup) and not step.fixed:
        table, moves = model.table(step, frac[step.a], frac[step.result])
        if isinstance(moves, Propagation):
            # f moves as its slope where the argument can be in this box (clamped into
            # the table's domain as the lookup clamps it).
            reach = ranges[op.operands[0]].widen(local[step.a])
            reach = reach.clip(table.domain.lo, table.domain.hi)
            # A guarded table: f moves as on |x| >= its guard (`propagation`).
            moved = propagation(step.function, reach, table.guard)(local[step.a])
            return (table.error_within(reach) + moved) * _SAFETY
    return step.error(model, frac, local)


def _own_spans(model: ErrorModel, frac: Fracs, errors: list[float]) -> dict[int, Span]:
    """The span of each value's own error where error terms follow its op (`_followed_terms`):
    an input's rounding, a constant's quantisation, a cast's truncation (one-sided: AP_TRN
    rounds down) or rounding (a rounded output's), a table's error."""
    spans: dict[int, Span] = {}
    for index in model.used_inputs:
        error = errors[index]
        if index not in model.saturating:
            error = min(error, _rounded_input_error(model, index, frac))
        spans[index] = (-error, error)
    for step in model.steps:
        if isinstance(step, _Constant):
            bits = frac[step.result]
            exact = quantise_nearest(step.value, bits) - Fraction(step.value)
            spans[step.result] = outward(float(exact), float(exact))
        elif type(step) in (_Sum, _Product, _Lipschitz):
            cast = step.own_error(model, frac, frac[step.result])
            spans[step.result] = (-cast, cast if step.result in model.rounded else 0.0)
        elif isinstance(step, _Quotient):
            # Truncated toward zero: down or up with the quotient's sign.
            truncation = step.own_error(model, frac, frac[step.result])
            spans[step.result] = (-truncation, truncation)
        elif isinstance(step, _Lookup):
            table = model.table(step, frac[step.a], frac[step.result])[0]
            spans[step.result] = (-table.max_error * _SAFETY, table.max_error * _SAFETY)
    return spans


def _rounded_input_error(model: ErrorModel, index: int, frac: Fracs) -> float:
    """An input's error when it is rounded to nearest and clamped: the rounding, or where a
    range end is off the grid, its distance to the clamp bound rounded inward (an input
    clamped there lies between the two), the lesser of that and an ulp
    (`ErrorModel.input_error`). inf where it is truncated or its type is fixed."""
    truncated = model.input_modes[0] in (RoundingMode.TRN, RoundingMode.TRN_ZERO)
    if index in model.fixed_types or truncated:
        return math.inf
    bits = frac[index]
    rounding = Fraction(2) ** -bits / 2
    interval = model.ranges[model.values[index]]
    scale = Fraction(2) ** bits
    lo, hi = Fraction(interval.lo), Fraction(interval.hi)
    below = Fraction(math.ceil(lo * scale)) / scale - lo
    above = hi - Fraction(math.floor(hi * scale)) / scale
    return float(max(rounding, below, above)) * _SAFETY


def _followed_terms(
    model: ErrorModel,
    frac: Fracs,
    local: list[float],
    ranges: dict[SSAValue, Interval],
    op: Operation,
    step: _Step,
    terms: list[Terms],
    sources: Sources,
) -> Terms | None:
    """The result's error terms: its operands' terms times the enclosure of its partial
    derivative over the operands' reach (their box range widened by their error), plus its
    own source (a table's: its error over the cells the reach indexes); None where the op
    is not one the terms follow."""

    def reach(value: SSAValue) -> Span:
        interval, error = ranges[value], local[model.index[value]]
        return outward(interval.lo - error, interval.hi + error)

    result = step.result
    own = {result: (1.0, 1.0)}
    if isinstance(step, _Constant):
        return own
    if type(step) is _Sum:
        sign = -1.0 if isinstance(op, sym.SubOp) else 1.0
        parts = [((1.0, 1.0), terms[step.a]), ((sign, sign), terms[step.b])]
        return combine([*parts, ((1.0, 1.0), own)])
    if type(step) is _Product:
        # â b̂ - a b = b̂ (â - a) + a (b̂ - b)
        a, b = op.operands
        parts = [(reach(b), terms[step.a]), (span_of(ranges[a]), terms[step.b])]
        return combine([*parts, ((1.0, 1.0), own)])
    if type(step) is _Lipschitz:
        slope = _lipschitz_slope(op, reach(op.operands[0]))
        return combine([(slope, terms[step.a]), ((1.0, 1.0), own)])
    if isinstance(step, _Quotient):
        # â/b̂ - a/b = (â - a)/b̂ - (a/b)(b̂ - b)/b̂
        a, b = op.operands
        lo, hi = reach(b)
        if lo <= 0.0 <= hi:
            return None
        inverse = outward(1.0 / hi, 1.0 / lo)
        ratio = span_mul(span_of(ranges[a]), outward(1.0 / ranges[b].hi, 1.0 / ranges[b].lo))
        slope = span_mul((-ratio[1], -ratio[0]), inverse)
        parts = [(inverse, terms[step.a]), (slope, terms[step.b])]
        return combine([*parts, ((1.0, 1.0), own)])
    if isinstance(step, _Lookup) and not step.fixed and not step.guard:
        table = model.table(step, frac[step.a], frac[step.result])[0]
        argument, domain = ranges[op.operands[0]], table.domain
        if table.turns is not None or not domain.lo <= argument.lo <= argument.hi <= domain.hi:
            # Quarter-wave tables turn x into u first; a reference out of the domain clamps.
            return None
        lo, hi = reach(op.operands[0])
        inside = Interval(max(lo, table.domain.lo), min(hi, table.domain.hi))
        derivative = derivative_span(step.function, inside)
        if derivative is None:
            return None
        if lo < table.domain.lo or hi > table.domain.hi:
            # The lookup clamps x̂ into the domain: f moves by f'(ξ) θ (x̂ - x), θ in [0, 1].
            derivative = (min(derivative[0], 0.0), max(derivative[1], 0.0))
        error = table.error_within(Interval(lo, hi)) * _SAFETY
        sources.spans[result] = (-error, error)
        return combine([(derivative, terms[step.a]), ((1.0, 1.0), own)])
    return None


def _lipschitz_slope(op: Operation, reach: Span) -> Span:
    """Where (g(x̂) - g(x)) / (x̂ - x) lies for neg, abs and relu with x, x̂ in `reach`."""
    if isinstance(op, sym.NegOp):
        return -1.0, -1.0
    lo, hi = reach
    if lo >= 0.0:
        return 1.0, 1.0
    if hi <= 0.0:
        return (-1.0, -1.0) if isinstance(op, sym.AbsOp) else (0.0, 0.0)
    return (-1.0, 1.0) if isinstance(op, sym.AbsOp) else (0.0, 1.0)


def error_shares(
    model: ErrorModel, frac: Fracs, errors: list[float]
) -> dict[SSAValue, list[float]]:
    """Each value's own error times its gain to each output, linearised at `errors`."""
    gains = model.gains(frac, errors)
    shares = {}
    for index, value in enumerate(model.values):
        if index < model.inputs and index not in model.used_inputs:
            continue
        own = model.own_error(index, frac, frac[index])
        shares[value] = (own * gains[index] if own > 0.0 else 0.0 * gains[index]).tolist()
    return shares


def uniform_plan(model: ErrorModel, fmt: FixType) -> Plan:
    """Every value in one format, as hls4ml does; a value that can overflow has no bound."""
    frac = [fmt.frac_bits] * len(model.values)
    errors = model.errors(frac, every_input=True)
    dominant = model.dominant(frac, errors)
    for i in range(len(model.values)):
        if not fmt.holds(model.computed_range(i, errors)):
            errors[i] = math.inf
    for step in model.steps:
        if any(math.isinf(errors[i]) for i in step.operands):
            errors[step.result] = math.inf
    bounds = [errors[i] for i in model.outputs]
    formats = dict.fromkeys(model.values, fmt)
    plan_errors = dict(zip(model.values, errors))
    return Plan(
        formats,
        plan_errors,
        bounds,
        [math.inf] * len(bounds),
        model.tables(frac),
        moduli=model.moduli(frac, errors),
        dominant=dominant,
    )


def default_budgets(model: ErrorModel) -> list[float]:
    """2**-10 of each output's largest magnitude (never 0)."""
    return [
        math.ldexp(max(model.ranges[model.values[i]].magnitude, 2.0**-20), -10)
        for i in model.outputs
    ]
