"""First-order error terms: error bounds that keep track of where each error comes from.

An interval bound adds the magnitudes of its operands' errors, so an error that reaches a
value by two paths counts twice even where the paths cancel (x - x*(1 + 2**-k), sin(a)/a
near a = 0, (s/r)**12 - (s/r)**6). Here a value's error e_v = v̂ - v is held as

    e_v = sum over sources s of c_{v,s} * d_s

where each source d_s is one op's own error (an input's rounding, a constant's
quantisation, a cast's truncation, a table's error), known only to lie in its span
[lo_s, hi_s], and each coefficient c_{v,s} is an interval that holds, everywhere in the box
of inputs analysed, how much of d_s reaches v. Each op passes its operands' terms on scaled
by an interval enclosure of its partial derivative (the mean-value form: f(x̂) - f(x) =
f'(ξ)(x̂ - x) for some ξ between x and x̂, so the enclosure is taken over the operand's range
widened by its error), then adds its own source. The same source reaching a value by two
paths then meets itself, and cancels as far as the coefficients' signs and widths allow.
Nothing is dropped: the mean-value form is exact, the enclosures are sound, so the
bound max |sum c_s d_s| over the coefficients and spans is a bound.

A source whose value depends on others (a remainder: an op the terms cannot follow, or
terms folded to keep their number capped) is bounded over every combination of the
sources, as if independent: the true errors are one of those combinations, so the bound
still holds. A truncation's span is one-sided ([-ulp, 0]), so truncations that reach a
value with opposite signs cancel, and those with the same sign add as they do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from srcc.analysis.interval import Interval
from srcc.analysis.lut_tables import slope_image

Span = tuple[float, float]
"""A closed interval [lo, hi] as a pair of floats (cheaper than `Interval` here)."""

MAX_TERMS = 24
"""At most this many sources per value; the smallest of the others fold into one."""
_REL = 2.0**-50
"""Relative outward rounding of every span operation (float64 rounds within 2**-53)."""
_TINY = 1e-300
"""Absolute outward rounding: a product may underflow."""
_WHOLE: Span = (-math.inf, math.inf)

SLOPE_SIGN = {
    "sin": 1.0,
    "cos": -1.0,
    "tan": 1.0,
    "exp": 1.0,
    "log": 1.0,
    "log_abs": 1.0,
    "sqrt": 1.0,
    "inv": -1.0,
    "sinh": 1.0,
    "cosh": 1.0,
    "tanh": 1.0,
    "asin": 1.0,
    "acos": -1.0,
    "atan": 1.0,
    "gauss": -1.0,
    "erf": 1.0,
    "erfc": -1.0,
    "gamma": 1.0,
    "asinh": 1.0,
    "acosh": 1.0,
    "atanh": 1.0,
}
"""f' = sign * the slope curve of `lut_tables.FUNCTIONS` (given there up to sign) on the
whole of f's domain; functions whose slope changes sign with a branch are left out."""


def outward(lo: float, hi: float) -> Span:
    """[lo, hi] rounded outward past float64's rounding of the operation that gave it."""
    if math.isnan(lo) or math.isnan(hi):
        return _WHOLE
    return lo - abs(lo) * _REL - _TINY, hi + abs(hi) * _REL + _TINY


def span_mul(a: Span, b: Span) -> Span:
    if a == (0.0, 0.0) or b == (0.0, 0.0):
        return 0.0, 0.0
    ends = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return outward(min(ends), max(ends))


def span_add(a: Span, b: Span) -> Span:
    return outward(a[0] + b[0], a[1] + b[1])


def span_of(interval: Interval) -> Span:
    return interval.lo, interval.hi


def derivative_span(function: str, reach: Interval) -> Span | None:
    """An enclosure of f' over `reach`, or None where f has no sign-exact slope curve or
    its slope is unbounded there."""
    sign = SLOPE_SIGN.get(function)
    if sign is None:
        return None
    lo, hi = slope_image(function, reach)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    return (lo, hi) if sign > 0 else (-hi, -lo)


Terms = dict[int, Span]
"""Coefficient of each source reaching a value."""


@dataclass
class Sources:
    """The spans of the error sources of one box: each op's own error (by the index of its
    value) and the remainders added while analysing the box (after them)."""

    spans: dict[int, Span]
    next_id: int
    """The id the next remainder takes."""

    def fresh(self, span: Span) -> Terms:
        """Terms of a new source with this span."""
        source = self.next_id
        self.next_id += 1
        self.spans[source] = span
        return {source: (1.0, 1.0)}

    def error_span(self, terms: Terms) -> Span:
        """Where sum c_s d_s lies, over every coefficient and source value."""
        total = (0.0, 0.0)
        for source, coefficient in terms.items():
            total = span_add(total, span_mul(coefficient, self.spans[source]))
        return total

    def bound(self, terms: Terms) -> float:
        """max |sum c_s d_s|."""
        lo, hi = self.error_span(terms)
        return max(-lo, hi, 0.0)

    def capped(self, terms: Terms) -> Terms:
        """`terms`, with all but the MAX_TERMS - 1 largest folded into one new source."""
        if len(terms) <= MAX_TERMS:
            return terms
        parts = {s: span_mul(c, self.spans[s]) for s, c in terms.items()}
        ranked = sorted(parts, key=lambda s: max(-parts[s][0], parts[s][1]), reverse=True)
        kept = {s: terms[s] for s in ranked[: MAX_TERMS - 1]}
        folded = (0.0, 0.0)
        for source in ranked[MAX_TERMS - 1 :]:
            folded = span_add(folded, parts[source])
        return kept | self.fresh(folded)


def combine(parts: list[tuple[Span, Terms]]) -> Terms:
    """sum k_i * terms_i: each operand's terms scaled by its partial derivative's span."""
    combined: Terms = {}
    for factor, terms in parts:
        for source, coefficient in terms.items():
            scaled = span_mul(factor, coefficient)
            if source in combined:
                scaled = span_add(combined[source], scaled)
            combined[source] = scaled
    return combined
