"""Sound interval arithmetic on float64 bounds.

Every result is rounded outward (by a few ulps, more than libm's error), so an interval
computed here always contains the exact real image of its operands' intervals.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from srcc.dialects.sym import IntervalAttr

_ULPS = 2
"""libm's sin, exp, ... are within one ulp; two ulps outward covers them."""


def down(x: float) -> float:
    """A float no larger than x, allowing for a couple of ulps of rounding error in x."""
    for _ in range(_ULPS):
        x = math.nextafter(x, -math.inf)
    return x


def up(x: float) -> float:
    """A float no smaller than x, allowing for a couple of ulps of rounding error in x."""
    for _ in range(_ULPS):
        x = math.nextafter(x, math.inf)
    return x


def _exact_hull(exact: list[Fraction]) -> Interval:
    """The hull of exact rationals, each rounded outward only if float64 cannot hold it."""
    lo, hi = min(exact), max(exact)
    lo_f, hi_f = float(lo), float(hi)
    if Fraction(lo_f) > lo:
        lo_f = math.nextafter(lo_f, -math.inf)
    if Fraction(hi_f) < hi:
        hi_f = math.nextafter(hi_f, math.inf)
    return Interval(lo_f, hi_f)


@dataclass(frozen=True)
class Interval:
    """The closed interval [lo, hi]."""

    lo: float
    hi: float

    def __post_init__(self) -> None:
        if not self.lo <= self.hi:
            raise ValueError(f"empty or NaN interval [{self.lo}, {self.hi}]")

    @staticmethod
    def point(x: float) -> Interval:
        return Interval(x, x)

    @staticmethod
    def from_attr(attr: IntervalAttr) -> Interval:
        """The interval an IR attribute (`sym.range`, `sym.domain`) holds."""
        return Interval(attr.lo, attr.hi)

    def to_attr(self) -> IntervalAttr:
        """The IR attribute `#sym.interval<lo, hi>` of this interval."""
        return IntervalAttr(self.lo, self.hi)

    @staticmethod
    def hull(intervals: list[Interval]) -> Interval:
        """The smallest interval holding every one of `intervals`."""
        return Interval(min(i.lo for i in intervals), max(i.hi for i in intervals))

    @staticmethod
    def around(values: list[float]) -> Interval:
        """The smallest interval holding `values`, rounded outward."""
        return Interval(down(min(values)), up(max(values)))

    def __str__(self) -> str:
        return f"[{self.lo:.6g}, {self.hi:.6g}]"

    @property
    def magnitude(self) -> float:
        """max |x| over the interval."""
        return max(abs(self.lo), abs(self.hi))

    @property
    def mignitude(self) -> float:
        """min |x| over the interval."""
        return 0.0 if self.contains(0.0) else min(abs(self.lo), abs(self.hi))

    def contains(self, x: float) -> bool:
        return self.lo <= x <= self.hi

    def widen(self, amount: float) -> Interval:
        return _exact_hull(
            [Fraction(self.lo) - Fraction(amount), Fraction(self.hi) + Fraction(amount)]
        )

    def clip(self, lo: float, hi: float) -> Interval:
        """Drop what rounding added beyond the function's known image [lo, hi]."""
        return Interval(min(max(self.lo, lo), hi), max(min(self.hi, hi), lo))

    def __add__(self, other: Interval) -> Interval:
        return _exact_hull(
            [Fraction(self.lo) + Fraction(other.lo), Fraction(self.hi) + Fraction(other.hi)]
        )

    def __sub__(self, other: Interval) -> Interval:
        return _exact_hull(
            [Fraction(self.lo) - Fraction(other.hi), Fraction(self.hi) - Fraction(other.lo)]
        )

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        ends = [Fraction(a) * Fraction(b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return _exact_hull(ends)

    def abs(self) -> Interval:
        return Interval(self.mignitude, self.magnitude)

    def reciprocal(self) -> Interval:
        """1/x for an interval that excludes 0."""
        return _exact_hull([1 / Fraction(self.hi), 1 / Fraction(self.lo)])

    def powi(self, n: int) -> Interval:
        """x**n; for n < 0 the interval must exclude 0."""
        base = self.abs() if n % 2 == 0 else self
        if n < 0:
            base = base.reciprocal()
        n = abs(n)
        return _exact_hull([Fraction(base.lo) ** n, Fraction(base.hi) ** n])

    def monotone(self, fn: Callable[[float], float], increasing: bool = True) -> Interval:
        """The image under a monotone function, evaluated at the ends."""
        a, b = fn(self.lo), fn(self.hi)
        return Interval.around([a, b] if increasing else [b, a])

    def periodic_extrema(
        self, fn: Callable[[float], float], period: float, peaks: tuple[float, ...]
    ) -> Interval:
        """The image under a smooth periodic function whose extrema sit at `peaks` + k*period."""
        values = [fn(self.lo), fn(self.hi)]
        for peak in peaks:
            first = math.ceil((self.lo - peak) / period)
            if peak + first * period <= self.hi:
                values.append(fn(peak + first * period))
        return Interval.around(values)
