"""The arithmetic of choosing fixed-point formats (`srcc.dialects.fix.FixType`)."""

from __future__ import annotations

import math
from fractions import Fraction

from srcc.analysis.interval import Interval
from srcc.dialects.fix import MAX_TABLE_ENTRY_WIDTH, FixType, fix_type


def int_bits_for(
    interval: Interval, frac_bits: int, signed: bool = True, saturate: bool = False
) -> int:
    """The fewest integer bits (sign included when `signed`; an unsigned format holds no
    negative value) that hold every value of `interval`; with `saturate`, a top that is a
    power of two is not held (a saturating cast takes it to one ulp below)."""
    ulp = math.ldexp(1.0, -frac_bits)
    needed = [1 - frac_bits]
    if interval.hi > 0:
        top = interval.hi if saturate and power_of_two(interval.hi) else interval.hi + ulp
        needed.append(math.ceil(math.log2(top)) + signed)
    if interval.lo < 0:
        needed.append(math.ceil(math.log2(-interval.lo)) + 1)
    return max(needed)


def entry_layout(interval: Interval, frac_bits: int) -> tuple[int, bool]:
    """The integer bits and signedness of table entries over `interval`: unsigned where none
    is negative, unless its raw values would not fit the i64 that entries are stored in."""
    if interval.lo >= 0:
        int_bits = int_bits_for(interval, frac_bits, signed=False)
        if int_bits + frac_bits < MAX_TABLE_ENTRY_WIDTH:
            return int_bits, False
    return int_bits_for(interval, frac_bits), True


def power_of_two(value: float) -> bool:
    """Whether |value| is 2**k for an integer k."""
    return math.frexp(abs(value))[0] == 0.5


def common_format(formats: list[FixType]) -> FixType:
    """The narrowest format holding every value of each of `formats` exactly: signed if one
    of them is, with one more integer bit for an unsigned one then (as ap_fixed's mixed
    rules)."""
    signed = any(f.signed for f in formats)
    int_bits = common_int_bits([(f.int_bits, f.signed) for f in formats])
    frac_bits = max(f.frac_bits for f in formats)
    return fix_type(int_bits + frac_bits, int_bits, signed)


def common_int_bits(layouts: list[tuple[int, bool]]) -> int:
    """The integer bits of `common_format` for formats of these (integer bits, signed)."""
    signed = any(s for _, s in layouts)
    return max(int_bits + (signed and not s) for int_bits, s in layouts)


def on_grid(value: float, frac_bits: int) -> bool:
    """Whether `value` is a multiple of 2**-frac_bits (exactly: scaling a float by a power of
    two is exact unless it overflows, where every float is an integer, or underflows below
    1, where only 0 is)."""
    try:
        scaled = math.ldexp(value, frac_bits)
    except OverflowError:
        return True
    return scaled.is_integer() and (scaled != 0.0 or value == 0.0)


def quantise_nearest(value: float, frac_bits: int) -> Fraction:
    """value rounded to the nearest multiple of 2**-frac_bits (ties to even)."""
    scaled = Fraction(value) * Fraction(2) ** frac_bits
    return Fraction(round(scaled)) / Fraction(2) ** frac_bits


def wrap_into(value: Fraction, type_: FixType) -> Fraction:
    """A value on the type's grid wrapped into its range, as AP_WRAP does (two's complement)."""
    scale = Fraction(2) ** type_.frac_bits
    span = 1 << type_.width
    raw = (int(value * scale) - type_.min_raw) % span + type_.min_raw
    return raw / scale
