"""The arithmetic of choosing fixed-point formats (`srcc.dialects.fix.FixType`)."""

from __future__ import annotations

import math
from fractions import Fraction

from srcc.analysis.interval import Interval
from srcc.dialects.fix import FixType


def int_bits_for(interval: Interval, frac_bits: int) -> int:
    """The fewest signed integer bits that hold every value of `interval`."""
    ulp = math.ldexp(1.0, -frac_bits)
    needed = [1 - frac_bits]
    if interval.hi > 0:
        needed.append(math.ceil(math.log2(interval.hi + ulp)) + 1)
    if interval.lo < 0:
        needed.append(math.ceil(math.log2(-interval.lo)) + 1)
    return max(needed)


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
