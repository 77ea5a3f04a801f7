"""Fixed-point formats (`ap_fixed<W, I>`) and the arithmetic of choosing them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from srcc.passes.interval import Interval


@dataclass(frozen=True)
class Format:
    """`ap_fixed<width, int_bits>`: int_bits includes the sign bit."""

    int_bits: int
    frac_bits: int

    @property
    def width(self) -> int:
        return self.int_bits + self.frac_bits

    @property
    def ulp(self) -> float:
        return math.ldexp(1.0, -self.frac_bits)

    @property
    def max_value(self) -> float:
        return math.ldexp(1.0, self.int_bits - 1) - self.ulp

    @property
    def min_value(self) -> float:
        return -math.ldexp(1.0, self.int_bits - 1)

    def holds(self, interval: Interval) -> bool:
        return self.min_value <= interval.lo and interval.hi <= self.max_value

    def __str__(self) -> str:
        return f"ap_fixed<{self.width},{self.int_bits}>"


def int_bits_for(interval: Interval, frac_bits: int) -> int:
    """The fewest signed integer bits that hold every value of `interval`."""
    ulp = math.ldexp(1.0, -frac_bits)
    needed = [1 - frac_bits]
    if interval.hi > 0:
        needed.append(math.ceil(math.log2(interval.hi + ulp)) + 1)
    if interval.lo < 0:
        needed.append(math.ceil(math.log2(-interval.lo)) + 1)
    return max(needed)


def quantise_nearest(value: float, frac_bits: int) -> Fraction:
    """value rounded to the nearest multiple of 2**-frac_bits (ties to even)."""
    scaled = Fraction(value) * Fraction(2) ** frac_bits
    return Fraction(round(scaled)) / Fraction(2) ** frac_bits


def wrap_into(value: Fraction, fmt: Format) -> Fraction:
    """A value on fmt's grid wrapped into fmt's range, as AP_WRAP does (two's complement)."""
    scale = Fraction(2) ** fmt.frac_bits
    span = 1 << fmt.width
    raw = (int(value * scale) + span // 2) % span - span // 2
    return raw / scale
