"""Lookup tables for the unary `sym` ops that lower to `fix.lut`, with proven error bounds.

A table serves one function f on one domain D = [lo, hi] (the argument's interval from
range analysis) for arguments on the grid of 2**-F (F = the argument's fractional bits).
Cells are 2**shift wide and aligned to multiples of 2**shift, so the index is a bit slice
(`floor(x / 2**shift) - offset`, docs/ir.md). Symmetric tables (`even`, `odd`) cover |x|
only: they are chosen when D straddles 0 and they meet a smaller error or the same error
with fewer entries.

What `Table.max_error` proves. Let R be the table's reference interval (`Table.domain`:
D, or [-m, m] for a symmetric table with m = max|D|, or, for interpolated tables, D
widened to the outer cell edges where f is still defined) and clamp_R(x) the nearest point
of R. Then for every argument value x̂ on the grid of 2**-F that the argument format can
hold, inside D or not, the output T(x̂) of `fix.lut` (exact raw-integer semantics of
docs/ir.md, `clamp` mode) satisfies

    |T(x̂) - f(clamp_R(x̂))| <= max_error.

So for a computed argument x̂ of a real x in D with |x̂ - x| <= E, the table's output is
within max_error + propagate(f, Table.domain, E) of f(x).

How. Each cell's image of f is enclosed by evaluating f at the cell's ends and at every
critical point of f inside the cell (float64, widened outward by more than libm's error).
A constant table stores the middle of that enclosure (the minimax constant of the cell,
never worse than f at the cell midpoint), rounded to nearest: its error is half the
enclosure's width plus the rounding. An interpolated table stores f at cell edges rounded
up, so that the stored error (in [0, 1) ulp) and the lookup's floor of the interpolation
product (in (-1, 0] ulp) cancel on average; per cell the error of the linear interpolant
is the intersection of two enclosures: the entries' errors at the cell ends plus
h**2/8 * max|f''| over the cell, and the interpolant's range minus f's image (which stays
finite where f'' is unbounded, at the ends of sqrt and asin); the worst cells are bounded
again in pieces. Measured errors come within a few percent of these bounds.

Sizes. `log2_cells` caps the cell count (an interpolated table stores one entry more than
its cells). Cells are never narrower than the argument's ulp (two ulps when
interpolating): a domain that few ulps wide gets fewer cells, one per grid value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

import numpy as np

from srcc.analysis.fixed_format import entry_layout
from srcc.analysis.interval import Interval
from srcc.analysis.monotone_search import least_passing
from srcc.dialects import sym
from srcc.dialects.fix import FixType, fix_type

Array = np.ndarray

_VALUE_REL = 64 * float(np.finfo(float).eps)
"""Relative widening of float64 values of f: numpy's libm is within a few ulps, and
gauss = exp(-x*x) inherits x*x's rounding times x**2 (below 64 ulps wherever the value
exceeds the absolute widening)."""
_VALUE_ABS = 1e-25
_DERIVATIVE_REL = 1e-12
"""Relative widening of f' and f'' images: their formulas avoid cancellation."""
_SAFETY = 1.0 + 1e-12
"""Absorbs float64 rounding in the bound's own arithmetic."""
_SLACK = 1e-12
"""Critical points this close to a cell (relative) count as inside it: a harmless extra."""


@dataclass(frozen=True)
class Extrema:
    """Where a curve may have interior extrema or singularities: fixed points, and
    `peaks` + k * `period` for every integer k."""

    points: tuple[float, ...] = ()
    period: float = 0.0
    peaks: tuple[float, ...] = ()


@dataclass(frozen=True)
class Curve:
    """A float64 function with the points where it can turn."""

    fn: Callable[[Array], Array]
    extrema: Extrema = Extrema()
    enclosure: Callable[[Array, Array], tuple[Array, Array]] | None = None
    """Sound enclosures of the curve over each [lo, hi], for a curve whose turning points
    are unknown (a composite's, `srcc.analysis.composite_tables`): `image` uses it instead
    of the curve's values at the ends and at `extrema`."""


@dataclass(frozen=True)
class Elementary:
    """A tabulated function: its value, first and second derivatives, and parity."""

    value: Extrema
    slope: Curve
    curvature: Curve
    parity: str


_TWO_PI = 2 * math.pi
_SIN_PEAKS = Extrema(period=_TWO_PI, peaks=(math.pi / 2, -math.pi / 2))
_COS_PEAKS = Extrema(period=_TWO_PI, peaks=(0.0, math.pi))
_AT_ZERO = Extrema(points=(0.0,))


def _one_minus_square(x: Array) -> Array:
    """1 - x**2 without cancellation near |x| = 1."""
    return (1.0 - x) * (1.0 + x)


def _sech2(x: Array) -> Array:
    return 1.0 / np.square(np.cosh(x))


def _tan_slope(x: Array) -> Array:
    return 1.0 + np.square(np.tan(x))


_TWO_OVER_ROOT_PI = 2.0 / math.sqrt(math.pi)


def _erf_slope(x: Array) -> Array:
    return _TWO_OVER_ROOT_PI * np.exp(-np.square(x))


def _erf_curvature(x: Array) -> Array:
    return 2.0 * x * _erf_slope(x)


_DIGAMMA_SHIFT = 16.0
"""The recurrences lift x to at least this, where the asymptotic series below are within
1e-14 relative (their first omitted terms are below 1e-13 / x**10)."""


def _polygammas(x: Array) -> tuple[Array, Array]:
    """digamma and trigamma of x > 0, NaN elsewhere (numpy has neither): the recurrences
    psi(x) = psi(x + 1) - 1/x and psi_1(x) = psi_1(x + 1) + 1/x**2 up to _DIGAMMA_SHIFT,
    then their asymptotic series."""
    x = np.where(np.asarray(x) > 0.0, x, np.nan)
    digamma, trigamma = np.zeros_like(x), np.zeros_like(x)
    low = x < _DIGAMMA_SHIFT
    while low.any():
        digamma[low] -= 1.0 / x[low]
        trigamma[low] += 1.0 / np.square(x[low])
        x[low] += 1.0
        low = x < _DIGAMMA_SHIFT
    r = 1.0 / np.square(x)
    digamma += np.log(x) - 0.5 / x - r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r / 240)))
    trigamma += (1.0 + (0.5 + (1 / 6 - r * (1 / 30 - r * (1 / 42 - r / 30))) / x) / x) / x
    return digamma, trigamma


def _gamma_slope(x: Array) -> Array:
    digamma, _ = _polygammas(x)
    return sym.GammaOp.NUMPY_FN(x) * digamma


def _gamma_curvature(x: Array) -> Array:
    digamma, trigamma = _polygammas(x)
    return sym.GammaOp.NUMPY_FN(x) * (np.square(digamma) + trigamma)


GAMMA_MINIMUM = 1.4616321449683623
"""Where gamma is least over x > 0 (the zero of digamma)."""
GAMMA_CURVATURE_MINIMUM = 1.7410436637669236
"""Where gamma's second derivative is least over x > 0 (the zero of the third; mpmath)."""


def _atanh_clip_branch(x: Array) -> Array:
    """(x + 1) mod 2 - 1: the argument of atanh on x's branch."""
    return np.mod(x + 1.0, 2.0) - 1.0


def _atanh_clip_curvature(x: Array) -> Array:
    u = _atanh_clip_branch(x)
    return 2.0 * u / np.square(_one_minus_square(u))


_ATANH_CLIP_POLES = Extrema(period=2.0, peaks=(1.0,))


FUNCTIONS: dict[str, Elementary] = {
    "sin": Elementary(_SIN_PEAKS, Curve(np.cos, _COS_PEAKS), Curve(np.sin, _SIN_PEAKS), "odd"),
    "cos": Elementary(_COS_PEAKS, Curve(np.sin, _SIN_PEAKS), Curve(np.cos, _COS_PEAKS), "even"),
    "tan": Elementary(
        Extrema(),
        Curve(_tan_slope, Extrema(period=math.pi, peaks=(0.0,))),
        Curve(lambda x: 2.0 * np.tan(x) * _tan_slope(x)),
        "odd",
    ),
    "exp": Elementary(Extrema(), Curve(np.exp), Curve(np.exp), "none"),
    "log": Elementary(
        Extrema(), Curve(lambda x: 1.0 / x), Curve(lambda x: 1.0 / np.square(x)), "none"
    ),
    "log_abs": Elementary(
        _AT_ZERO,
        Curve(lambda x: 1.0 / x, _AT_ZERO),
        Curve(lambda x: 1.0 / np.square(x), _AT_ZERO),
        "even",
    ),
    "sqrt": Elementary(
        Extrema(), Curve(lambda x: 0.5 / np.sqrt(x)), Curve(lambda x: 0.25 * x**-1.5), "none"
    ),
    "sqrt_abs": Elementary(
        _AT_ZERO,
        Curve(lambda x: 0.5 / np.sqrt(np.abs(x)), _AT_ZERO),
        Curve(lambda x: 0.25 * np.abs(x) ** -1.5, _AT_ZERO),
        "even",
    ),
    "inv": Elementary(
        _AT_ZERO,
        Curve(lambda x: 1.0 / np.square(x), _AT_ZERO),
        Curve(lambda x: 2.0 / x**3, _AT_ZERO),
        "odd",
    ),
    "sinh": Elementary(Extrema(), Curve(np.cosh, _AT_ZERO), Curve(np.sinh), "odd"),
    "cosh": Elementary(_AT_ZERO, Curve(np.sinh), Curve(np.cosh, _AT_ZERO), "even"),
    "tanh": Elementary(
        Extrema(),
        Curve(_sech2, _AT_ZERO),
        Curve(
            lambda x: 2.0 * np.tanh(x) * _sech2(x),
            Extrema(points=(math.atanh(3**-0.5), -math.atanh(3**-0.5))),
        ),
        "odd",
    ),
    "asin": Elementary(
        Extrema(),
        Curve(lambda x: 1.0 / np.sqrt(_one_minus_square(x)), _AT_ZERO),
        Curve(lambda x: x * _one_minus_square(x) ** -1.5),
        "odd",
    ),
    "acos": Elementary(
        Extrema(),
        Curve(lambda x: 1.0 / np.sqrt(_one_minus_square(x)), _AT_ZERO),
        Curve(lambda x: x * _one_minus_square(x) ** -1.5),
        "none",
    ),
    "atan": Elementary(
        Extrema(),
        Curve(lambda x: 1.0 / (1.0 + np.square(x)), _AT_ZERO),
        Curve(
            lambda x: 2.0 * x / np.square(1.0 + np.square(x)), Extrema(points=(3**-0.5, -(3**-0.5)))
        ),
        "odd",
    ),
    "gauss": Elementary(
        _AT_ZERO,
        Curve(lambda x: 2.0 * x * np.exp(-np.square(x)), Extrema(points=(0.5**0.5, -(0.5**0.5)))),
        Curve(
            lambda x: (4.0 * np.square(x) - 2.0) * np.exp(-np.square(x)),
            Extrema(points=(0.0, 1.5**0.5, -(1.5**0.5))),
        ),
        "even",
    ),
    "erf": Elementary(
        Extrema(),
        Curve(_erf_slope, _AT_ZERO),
        Curve(_erf_curvature, Extrema(points=(0.5**0.5, -(0.5**0.5)))),
        "odd",
    ),
    "erfc": Elementary(
        Extrema(),
        Curve(_erf_slope, _AT_ZERO),
        Curve(_erf_curvature, Extrema(points=(0.5**0.5, -(0.5**0.5)))),
        "none",
    ),
    "gamma": Elementary(
        Extrema(points=(GAMMA_MINIMUM,)),
        Curve(_gamma_slope),
        Curve(_gamma_curvature, Extrema(points=(GAMMA_CURVATURE_MINIMUM,))),
        "none",
    ),
    "asinh": Elementary(
        Extrema(),
        Curve(lambda x: 1.0 / np.sqrt(1.0 + np.square(x)), _AT_ZERO),
        Curve(lambda x: x * (1.0 + np.square(x)) ** -1.5, Extrema(points=(0.5**0.5, -(0.5**0.5)))),
        "odd",
    ),
    "acosh": Elementary(
        Extrema(),
        Curve(lambda x: 1.0 / np.sqrt((x - 1.0) * (x + 1.0))),
        Curve(lambda x: x * ((x - 1.0) * (x + 1.0)) ** -1.5),
        "none",
    ),
    "atanh": Elementary(
        Extrema(),
        Curve(lambda x: 1.0 / _one_minus_square(x), _AT_ZERO),
        Curve(lambda x: 2.0 * x / np.square(_one_minus_square(x))),
        "odd",
    ),
    "atanh_clip": Elementary(
        _ATANH_CLIP_POLES,
        Curve(
            lambda x: 1.0 / _one_minus_square(_atanh_clip_branch(x)),
            Extrema(period=2.0, peaks=(0.0, 1.0)),
        ),
        Curve(_atanh_clip_curvature, _ATANH_CLIP_POLES),
        "odd",
    ),
}
"""Every unary op that lowers to a table. Derivatives may be given up to sign (only their
magnitudes are used); their `Extrema` hold the zeros of the next derivative and the
singular points."""

HOLDER_HALF = {"sqrt": 1.0, "sqrt_abs": 1.0, "acosh": math.sqrt(2.0)}
"""Functions with |f(a) - f(b)| <= c sqrt|a - b|, by c (their derivative is unbounded at 0,
or at 1 for acosh, where acosh(1 + d) <= sqrt(2 d))."""


@dataclass(frozen=True)
class Formula:
    """A tabulated function given by its curves, not by name: a composite of elementary
    functions and arithmetic (`srcc.analysis.composite_tables`). `key` identifies it."""

    key: str
    name: str = field(compare=False)
    """What reports and `fix.lut` call it."""
    value: Curve = field(compare=False)
    slope: Curve = field(compare=False)
    curvature: Curve = field(compare=False)
    parity: str = field(default="none", compare=False)


TableFunction = str | Formula
"""What a table serves: an elementary function by name (`FUNCTIONS`), or a `Formula`."""


def function_name(function: TableFunction) -> str:
    return function if isinstance(function, str) else function.name


def _derivatives(function: TableFunction) -> Elementary:
    if isinstance(function, str):
        return FUNCTIONS[function]
    return Elementary(Extrema(), function.slope, function.curvature, function.parity)


def _value_curve(function: TableFunction) -> Curve:
    if isinstance(function, Formula):
        return function.value
    return Curve(sym.UNARY_OPS[function].NUMPY_FN, FUNCTIONS[function].value)


def _turning_points(extrema: Extrema, lo: Array, hi: Array) -> list[tuple[Array, Array]]:
    """Each candidate turning point: where it lies inside [lo, hi], and its value in each
    of those cells (only candidates inside some cell: the others add nothing)."""
    candidates = []
    for point in extrema.points:
        slack = _SLACK * abs(point)  # relative: a domain near 0 need not hold 0
        inside = (lo <= point + slack) & (point - slack <= hi)
        if inside.any():
            candidates.append((inside, np.full(np.count_nonzero(inside), point)))
    for peak in extrema.peaks:
        turns = np.ceil((lo - peak) / extrema.period - _SLACK)
        x = peak + turns * extrema.period
        inside = x <= hi + _SLACK * (1.0 + np.abs(x))
        if inside.any():
            candidates.append((inside, x[inside]))
    return candidates


def _widen(low: Array, high: Array, rel: float, floor: float) -> tuple[Array, Array]:
    """Each bound moved outward; infinite ones stay (callers that pass them ignore the
    invalid inf - inf computed, then discarded, here)."""
    low = np.where(np.isfinite(low), low - (rel * np.abs(low) + floor), low)
    high = np.where(np.isfinite(high), high + (rel * np.abs(high) + floor), high)
    return low, high


def image(
    curve: Curve,
    lo: Array,
    hi: Array,
    rel: float = _VALUE_REL,
    floor: float = _VALUE_ABS,
    ends: tuple[Array, Array] | None = None,
) -> tuple[Array, Array]:
    """Enclosures [low, high] of the curve over each [lo, hi] (NaN counts as unbounded).
    `ends`: the curve at lo and at hi, when the caller has them. Call it under
    `np.errstate(all="ignore")`: f may overflow or be undefined on the way (one context
    around a whole design, as the many small calls of a design make it costly)."""
    if curve.enclosure is not None:
        return _widen(*curve.enclosure(lo, hi), rel, floor)
    if ends is None:
        at_lo = curve.fn(lo)
        ends = at_lo, at_lo if hi is lo else curve.fn(hi)
    low, high = np.minimum(*ends), np.maximum(*ends)
    for inside, x in _turning_points(curve.extrema, lo, hi):
        at_x = curve.fn(x)
        low[inside] = np.minimum(low[inside], at_x)
        high[inside] = np.maximum(high[inside], at_x)
    undefined = np.isnan(low)
    low, high = np.where(undefined, -np.inf, low), np.where(undefined, np.inf, high)
    return _widen(low, high, rel, floor)


def _magnitude(
    curve: Curve, lo: Array, hi: Array, ends: tuple[Array, Array] | None = None
) -> Array:
    """max |curve| over each [lo, hi], rounded up."""
    low, high = image(curve, lo, hi, _DERIVATIVE_REL, 0.0, ends)
    return np.maximum(np.abs(low), np.abs(high))


def _check_domain(function: TableFunction, domain: Interval) -> None:
    """Range analysis keeps singularities out of table domains; this catches misuse."""
    if isinstance(function, str) and function not in FUNCTIONS:
        raise ValueError(f"no lookup table for {function}")
    with np.errstate(all="ignore"):
        low, high = image(_value_curve(function), np.array([domain.lo]), np.array([domain.hi]))
    crosses_pole = _branch(function, domain.lo) != _branch(function, domain.hi)
    if not (np.isfinite(low[0]) and np.isfinite(high[0])) or crosses_pole:
        raise ValueError(f"{function} is singular or undefined on {domain}")


BRANCHES = {"tan": (math.pi, math.pi / 2), "atanh_clip": (2.0, 1.0)}
"""Functions whose poles repeat, by (period, first pole): x's branch is the number of
poles below it."""


def _branch(function: TableFunction, x: float) -> int:
    if function not in BRANCHES:
        return 0
    period, pole = BRANCHES[function]
    return math.floor((x + pole) / period)


@lru_cache(maxsize=1024)
def lipschitz(function: TableFunction, interval: Interval) -> float:
    """A sound bound of |f'| over the interval (inf where f' is unbounded)."""
    slope = _derivatives(function).slope
    with np.errstate(all="ignore"):
        bound = _magnitude(slope, np.array([interval.lo]), np.array([interval.hi]))[0]
    return math.inf if math.isnan(bound) else float(bound)


def slope_image(function: str, interval: Interval) -> tuple[float, float]:
    """An enclosure of the slope curve over the interval (f' up to sign: see `FUNCTIONS`;
    infinite ends where it is unbounded)."""
    slope = FUNCTIONS[function].slope
    with np.errstate(all="ignore"):
        low, high = image(slope, np.array([interval.lo]), np.array([interval.hi]), _DERIVATIVE_REL)
    return float(low[0]), float(high[0])


@dataclass(frozen=True)
class Propagation:
    """How far f can move over an interval when its argument moves by E: the least of the
    Lipschitz bound L·E, the Hölder bound c·sqrt(E) of sqrt, sqrt_abs and acosh (whose slope
    is unbounded at an end) and the width of f's image. Each piece is concave in E, and so
    is their minimum: `slope(E)` bounds how fast the bound grows beyond E. From E = `reach`
    on, only the image width holds (an odd function guarded away from 0 jumps across)."""

    lipschitz: float
    image_width: float
    holder: float
    """c of the Hölder bound, 0 without one."""
    reach: float = math.inf

    def __call__(self, input_error: float) -> float:
        if input_error == 0.0:
            return 0.0
        return min(value for value, _ in self._pieces(input_error)) * _SAFETY

    def slope(self, input_error: float) -> float:
        """The derivative in E of the bound's active piece at `input_error` (at 0, where
        every piece but the image width vanishes, the Lipschitz bound's)."""
        if input_error == 0.0:
            return self.lipschitz * _SAFETY
        return min(self._pieces(input_error))[1] * _SAFETY

    def _pieces(self, input_error: float) -> list[tuple[float, float]]:
        """(value, slope) of each bound at E > 0."""
        pieces = [(self.image_width, 0.0)]
        if input_error >= self.reach:
            return pieces
        pieces.append((self.lipschitz * input_error, self.lipschitz))
        if self.holder:
            root = math.sqrt(input_error)
            pieces.append((self.holder * root, 0.5 * self.holder / root))
        return pieces


@lru_cache(maxsize=4096)
def propagation(function: TableFunction, interval: Interval, guard: float = 0.0) -> Propagation:
    """The propagation bounds of f over the interval (for a table's output, pass
    `Table.domain` and `Table.guard`). With a guard, over the arguments of the interval at
    least `guard` away from 0, f even or odd: |x̂| - |x| is at most x̂ - x, so f moves as on
    [guard, m]; an odd f's sign follows x̂'s, which errors of `guard` or more can flip."""
    # An interval inside the excluded region is clamped to the guard: f is taken there.
    side = interval if guard == 0.0 else Interval(guard, max(guard, interval.magnitude))
    with np.errstate(all="ignore"):
        low, high = image(_value_curve(function), np.array([side.lo]), np.array([side.hi]))
    width, reach = float(high[0] - low[0]), math.inf
    if guard and _derivatives(function).parity == "odd":
        width, reach = 2.0 * max(abs(float(low[0])), abs(float(high[0]))), guard
    return Propagation(lipschitz(function, side), width, HOLDER_HALF.get(function, 0.0), reach)


def propagate(function: TableFunction, interval: Interval, input_error: float) -> float:
    """A sound bound of |f(x̂) - f(x)| for x̂, x in the interval with |x̂ - x| <= input_error
    (see `Propagation`). For a table's output, pass `Table.domain`."""
    return propagation(function, interval)(input_error)


@dataclass(frozen=True)
class Table:
    """One `fix.lut` table (field meanings as in docs/ir.md) and its proven bounds."""

    function: str
    shift: int
    offset: int
    mode: str
    symmetry: str
    interpolate: bool
    entries: tuple[int, ...]
    entry_format: FixType
    max_error: float
    """|T(x̂) - f(clamp(x̂))| for every grid argument x̂; see the module docstring."""
    lipschitz: float
    """max |f'| over `domain` (inf for sqrt reaching 0): for reports; use `propagate`."""
    domain: Interval
    """The reference interval R of `max_error`; propagate input error over this one."""
    arg_frac_bits: int
    """The argument grid the bound holds for."""
    turns: Fraction | None = None
    """Periodic tables only: the constant ĉ ≈ 1/(2π) that turns the argument x into the
    table's argument u = x * ĉ, in turns (the table wraps, so only u mod 1 matters)."""
    guard: float = 0.0
    """Guarded tables only (an even or odd table of a function singular at 0): the reference
    clamps |x| to at least this, keeping x's sign (0 counts as positive), at most the
    guard's eps; `max_error` holds against f(that)."""
    error_profile: tuple[float, ...] = ()
    """The bound of `max_error` per block of `profile_cells` consecutive cells (on the
    table's side: |x| for a symmetric table); empty where only `max_error` is known."""
    profile_cells: int = 1

    @property
    def memory_bits(self) -> int:
        return len(self.entries) * self.entry_format.width

    def error_within(self, reach: Interval) -> float:
        """The bound of `max_error` for arguments in `reach` alone: a table over a range
        where f bends hard (1/x near its small end) is far more accurate elsewhere."""
        if not self.error_profile:
            return self.max_error
        lo, hi = reach.lo, reach.hi
        if self.symmetry != "none":
            lo, hi = (0.0 if lo <= 0.0 <= hi else min(abs(lo), abs(hi))), reach.magnitude
        width = math.ldexp(1.0, self.shift)
        last = len(self.error_profile) - 1
        first_block, last_block = (
            min(max((math.floor(x / width) - self.offset) // self.profile_cells, 0), last)
            for x in (lo, hi)
        )
        return max(self.error_profile[first_block : last_block + 1])


@dataclass(frozen=True)
class _Cells:
    """A layout on the table's side of the argument (x itself, or |x| if symmetric)."""

    shift: int
    offset: int
    count: int
    reference: Interval
    """Arguments outside clamp to this interval in the reference f(clamp(x))."""


def _grid(value: float, frac_bits: int, rounding: Callable[[Fraction], int]) -> int:
    # Exact: value * 2**frac_bits may be beyond float64 for a wide domain on a fine grid.
    return rounding(Fraction(value) * Fraction(2) ** frac_bits)


def _constant_cells(domain: Interval, frac_bits: int, log2_cells: int) -> _Cells:
    """The narrowest power-of-two cells (at least one ulp) whose count fits 2**log2_cells.

    The last grid value may be left out, on the right edge of the last cell, when that
    saves a doubling: it clamps into the last cell (a domain like [-4, 4] then takes
    2**n cells of 8 / 2**n, not 2**n + 1)."""
    first = _grid(domain.lo, frac_bits, math.ceil)
    last = max(_grid(domain.hi, frac_bits, math.floor), first)
    below = 0
    while True:
        for end in (last, max(last - 1, first)):
            count = (end >> below) - (first >> below) + 1
            fits = count <= _cell_limit(log2_cells, first < 0 <= end)
            if fits and _exact_edges(first >> below, count):
                return _Cells(below - frac_bits, first >> below, count, domain)
        below += 1


def _cell_limit(log2_cells: int, straddles_zero: bool) -> int:
    """Aligned cells never straddle 0: a domain that does needs two at least."""
    return max(1 << log2_cells, 2 if straddles_zero else 1)


def _exact_edges(offset: int, count: int) -> bool:
    """Whether the edge indices `offset` to `offset + count` are exact float64 integers.

    The edges are computed as index * cell width in numpy: a narrow domain far from 0 (a
    zero-width range at 4e5) on a fine grid would have indices beyond int64, so its cells
    are made wider instead (about as wide as the float64 ulp of the domain's ends, which no
    grid argument of a float range resolves further)."""
    return -(2**53) <= offset and offset + count <= 2**53


def _linear_cells(
    function: TableFunction, domain: Interval, frac_bits: int, log2_cells: int
) -> _Cells:
    """Cells at least two ulps wide (the lookup interpolates with the bits below the index)
    whose edges enclose the domain; the reference extends to edges where f is defined."""
    limit = _cell_limit(log2_cells, domain.lo < 0.0 < domain.hi)
    # Edge indices within float64's exact integers, whatever the domain's distance from 0.
    shift = max(1 - frac_bits, math.frexp(domain.magnitude)[1] - 53)
    width = domain.hi - domain.lo
    if width > 0.0:
        # Narrower cells cannot fit: the edges span at least the width over the cell width.
        shift = max(shift, math.floor(math.log2(width / limit)) - 1)
    first, last = _edge_span(domain, shift)
    while last - first > limit:
        shift += 1
        first, last = _edge_span(domain, shift)
    last = max(last, first + 1)
    lo, hi = math.ldexp(first, shift), math.ldexp(last, shift)
    reference = Interval(
        lo if _extends(function, domain, lo) else domain.lo,
        hi if _extends(function, domain, hi) else domain.hi,
    )
    return _Cells(shift, first, last - first, reference)


def _edge_span(domain: Interval, shift: int) -> tuple[int, int]:
    return math.floor(math.ldexp(domain.lo, -shift)), math.ceil(math.ldexp(domain.hi, -shift))


def _extends(function: TableFunction, domain: Interval, edge: float) -> bool:
    """Whether f is defined and smooth from the domain out to `edge`."""
    with np.errstate(all="ignore"):
        finite = bool(np.isfinite(_value_curve(function).fn(np.array([edge]))[0]))
        if isinstance(function, Formula):
            # No known poles: the enclosure between the domain and the edge finds them.
            low, high = image(
                function.value, np.array([min(edge, domain.lo)]), np.array([max(edge, domain.hi)])
            )
            finite = finite and bool(np.isfinite(low[0]) and np.isfinite(high[0]))
    same_branch = _branch(function, edge) == _branch(function, domain.lo)
    return finite and same_branch


@lru_cache(maxsize=1024)  # the same cells serve every entry width
def _constant_images(function: TableFunction, cells: _Cells, frac_bits: int) -> tuple[Array, Array]:
    """Enclosures of f over each cell's grid arguments, the end cells reaching the
    reference's ends (where arguments beyond them clamp)."""
    ulp = math.ldexp(1.0, -frac_bits)
    width = math.ldexp(1.0, cells.shift)
    starts = (cells.offset + np.arange(cells.count)) * width
    lo = np.maximum(starts, cells.reference.lo)
    hi = np.minimum(starts + (width - ulp), cells.reference.hi)
    lo[0], hi[-1] = cells.reference.lo, cells.reference.hi
    with np.errstate(all="ignore"):
        low, high = image(_value_curve(function), lo, hi)
    return _read_only(low), _read_only(high)


def _constant_entries(
    function: TableFunction, cells: _Cells, frac_bits: int, entry_frac_bits: int
) -> tuple[Array, float]:
    """Raw entries (the middle of each cell's image, rounded to nearest) and each cell's
    error."""
    low, high = _constant_images(function, cells, frac_bits)
    raw = np.rint(np.ldexp(0.5 * (low + high), entry_frac_bits))
    values = np.ldexp(raw, -entry_frac_bits)
    return raw, np.maximum(values - low, high - values)


@lru_cache(maxsize=1024)  # the same cells serve every argument width
def _linear_entries(
    function: TableFunction, cells: _Cells, entry_frac_bits: int | None
) -> tuple[Array, float]:
    """Raw entries at cell edges (rounded up) and each cell's error of the truncated
    interpolation (read-only).

    With `entry_frac_bits` None the entries are exact float64 values (no rounding, no
    truncation): the sampling error alone."""
    width = math.ldexp(1.0, cells.shift)
    edges = (cells.offset + np.arange(cells.count + 1)) * width
    exact = _value_curve(function).fn(np.clip(edges, cells.reference.lo, cells.reference.hi))
    if entry_frac_bits is None:
        raw, values, ulp = exact, exact, 0.0
    else:
        raw = np.ceil(np.ldexp(exact, entry_frac_bits))
        values, ulp = np.ldexp(raw, -entry_frac_bits), math.ldexp(1.0, -entry_frac_bits)
    return _read_only(raw), _interpolation_error(function, cells, edges, values, ulp)


def _read_only(array: Array) -> Array:
    """A cached result, protected from callers that would change it in place."""
    array.flags.writeable = False
    return array


PROFILE_BLOCKS = 256
"""At most this many blocks of cells in `Table.error_profile`."""


def _profile(cell_errors: Array, bound: Callable[[Array], Array]) -> tuple[tuple[float, ...], int]:
    """`Table.error_profile` and `profile_cells` of per-cell errors: each block's largest,
    through `bound` (the same safety terms as `max_error`)."""
    per_block = -(-cell_errors.size // PROFILE_BLOCKS)
    padded = np.resize(cell_errors, -(-cell_errors.size // per_block) * per_block)
    padded[cell_errors.size :] = 0.0
    blocks = bound(padded.reshape(-1, per_block).max(axis=1))
    return tuple(map(float, blocks.tolist())), per_block


def _interpolation_error(
    function: TableFunction, cells: _Cells, edges: Array, values: Array, ulp: float
) -> Array:
    """Per cell, a bound of the largest of D and ulp - D over the cell, where D = P(x) -
    f(clamp(x)) for x in the cell and P is the exact linear interpolation of the stored
    values; the largest of them is exact to the enclosures' precision.

    Each cell's enclosure of D: the coarse one, tightened in pieces for the worst cells,
    widened by the check at the cell ends. Tightening only lowers a cell's error, so a
    worst cell is tightened only while its coarse error exceeds the largest one known:
    the most promising first, then whichever still can."""
    geometry = _geometry(function, cells)
    with np.errstate(all="ignore"):
        slope = (values[1:] - values[:-1]) / geometry.step
        p_lo = values[:-1] + slope * (geometry.lo - edges[:-1])
        p_hi = values[:-1] + slope * (geometry.hi - edges[:-1])
        below, above = geometry.cells.deviation(p_lo, p_hi)
        ends = geometry.cells.ends
        end_below = np.minimum(
            np.minimum(values[:-1], p_lo) - ends[_HIGH_AT_LO],
            np.minimum(values[1:], p_hi) - ends[_HIGH_AT_HI],
        )
        end_above = np.maximum(
            np.maximum(values[:-1], p_lo) - ends[_LOW_AT_LO],
            np.maximum(values[1:], p_hi) - ends[_LOW_AT_HI],
        )

        def error(cells: Array, below: Array, above: Array) -> Array:
            return np.maximum(
                np.maximum(above, end_above[cells]), ulp - np.minimum(below, end_below[cells])
            )

        worst = _worst_cells(below, above)
        coarse = error(np.arange(below.size), below, above)
        others = np.ones(below.size, dtype=bool)
        others[worst] = False
        largest = float(coarse[others].max()) if others.any() else -math.inf
        worst = worst[np.argsort(-coarse[worst], kind="stable")]
        for batch in (worst[:_FIRST_REFINED], worst[_FIRST_REFINED:]):
            batch = batch[coarse[batch] > largest]
            if batch.size:
                fine_below, fine_above = geometry.pieces(function, batch).deviation(
                    p_lo[batch, None] + (p_hi - p_lo)[batch, None] * _STEPS
                )
                fine = error(
                    batch,
                    np.maximum(below[batch], fine_below.min(axis=-1)),
                    np.minimum(above[batch], fine_above.max(axis=-1)),
                )
                coarse[batch] = np.minimum(coarse[batch], fine)
                largest = max(largest, float(fine.max()))
    return _read_only(coarse)


_FIRST_REFINED = 4
"""How many of the worst cells are tightened first; most often the largest error is among
them and the others' coarse errors are already below it."""

_LOW_AT_LO, _HIGH_AT_LO, _LOW_AT_HI, _HIGH_AT_HI = range(4)
"""Rows of `_Spans.ends`: the enclosure of f at each span's start and at its end."""


@dataclass(frozen=True)
class _Spans:
    """Intervals [x0, x1] (cells, or pieces of cells along the last axis) with what the
    enclosure of P - f over each needs besides P: f's enclosure at the ends, f's image
    and the sag of f's chord, h**2/8 max|f''|."""

    ends: Array
    sag: Array
    low: Array
    high: Array

    def deviation(self, p0: Array, p1: Array | None = None) -> tuple[Array, Array]:
        """Enclosures of P - f over each span, P linear from p0 at x0 to p1 at x1: the
        tighter of (P - f at the ends, widened by the sag) and (P's range minus f's image).
        With p1 None, p0 holds P at every edge of the pieces along the last axis."""
        if p1 is None:
            p0, p1 = p0[..., :-1], p0[..., 1:]
        ends = self.ends
        below = np.maximum(
            np.minimum(p0 - ends[_HIGH_AT_LO], p1 - ends[_HIGH_AT_HI]) - self.sag,
            np.minimum(p0, p1) - self.high,
        )
        above = np.minimum(
            np.maximum(p0 - ends[_LOW_AT_LO], p1 - ends[_LOW_AT_HI]) + self.sag,
            np.maximum(p0, p1) - self.low,
        )
        return below, above


def _spans(function: TableFunction, x: Array) -> _Spans:
    """The spans between consecutive points of x along its last axis."""
    value = _value_curve(function)
    at_x = value.fn(x)
    curvature = _derivatives(function).curvature.fn(x)
    x0, x1 = x[..., :-1], x[..., 1:]
    sag = (
        np.square(x1 - x0)
        / 8.0
        * _magnitude(
            _derivatives(function).curvature, x0, x1, (curvature[..., :-1], curvature[..., 1:])
        )
    )
    # f's enclosure at each point and its image over each span, in one call.
    points = x.shape[-1]
    low, high = image(
        value,
        np.concatenate([x, x0], axis=-1),
        np.concatenate([x, x1], axis=-1),
        ends=(
            np.concatenate([at_x, at_x[..., :-1]], axis=-1),
            np.concatenate([at_x, at_x[..., 1:]], axis=-1),
        ),
    )
    low, span_low = low[..., :points], low[..., points:]
    high, span_high = high[..., :points], high[..., points:]
    return _Spans(
        np.stack([low[..., :-1], high[..., :-1], low[..., 1:], high[..., 1:]]),
        np.where(np.isnan(sag), np.inf, sag),
        span_low,
        span_high,
    )


@dataclass(frozen=True)
class _Geometry:
    """What the interpolation error of a layout needs that does not depend on its entries
    (shared by every entry width): the clamped cell ends and the cells' spans."""

    lo: Array
    hi: Array
    step: Array
    cells: _Spans

    def pieces(self, function: TableFunction, batch: Array) -> _Spans:
        """The spans of the pieces of each cell in the batch, one row per cell."""
        lo, hi = self.lo[batch], self.hi[batch]
        xs = lo[:, None] + (hi - lo)[:, None] * _STEPS
        xs[:, -1] = hi
        return _spans(function, xs)


@lru_cache(maxsize=1024)
def _geometry(function: TableFunction, cells: _Cells) -> _Geometry:
    width = math.ldexp(1.0, cells.shift)
    edges = (cells.offset + np.arange(cells.count + 1)) * width
    # The clamped edges: each cell's ends (no edge but the outer ones lies outside).
    x = np.clip(edges, cells.reference.lo, cells.reference.hi)
    with np.errstate(all="ignore"):
        return _Geometry(x[:-1], x[1:], edges[1:] - edges[:-1], _spans(function, x))


_PIECES = 64
"""The worst cells are bounded again in this many pieces, each with its own max|f''|:
this tightens cells where f'' varies fast (log near 0), and where f'' is unbounded (sqrt
at 0, asin at 1) the chord's sag then holds on all but the piece at the singularity,
whose image is small."""
_STEPS = np.linspace(0.0, 1.0, _PIECES + 1)
_REFINED_CELLS = 32


def _worst_cells(below: Array, above: Array) -> Array:
    """Indices of the cells with the largest coarse bounds (unbounded ones first)."""
    spread = np.maximum(above, -below)
    count = min(_REFINED_CELLS, spread.size)
    return np.argpartition(spread, spread.size - count)[spread.size - count :]


def _entry_format(values: Array, entry_frac_bits: int, negated: bool) -> FixType:
    low, high = float(values.min()), float(values.max())
    if negated:
        low, high = min(low, -high), max(high, -low)
    int_bits, signed = entry_layout(Interval(low, high), entry_frac_bits)
    return fix_type(int_bits + entry_frac_bits, int_bits, signed)


def _design(
    function: TableFunction,
    domain: Interval,
    arg_frac_bits: int,
    log2_cells: int,
    entry_frac_bits: int,
    interpolate: bool,
    symmetry: str,
    guard: float,
) -> Table:
    side = _side(domain, symmetry, guard)
    if interpolate:
        cells = _linear_cells(function, side, arg_frac_bits, log2_cells)
        raw, cell_errors = _linear_entries(function, cells, entry_frac_bits)
    else:
        cells = _constant_cells(side, arg_frac_bits, log2_cells)
        raw, cell_errors = _constant_entries(function, cells, arg_frac_bits, entry_frac_bits)
    values = np.ldexp(raw, -entry_frac_bits)
    scale = float(np.max(np.abs(values)))
    profile, profile_cells = _profile(
        cell_errors, lambda errors: errors * _SAFETY + 4 * _VALUE_REL * scale
    )
    reference = cells.reference
    if symmetry != "none":
        reference = Interval(-reference.hi, reference.hi)
    guarded_side = cells.reference if guard else reference
    return Table(
        function=function_name(function),
        shift=cells.shift,
        offset=cells.offset,
        mode="clamp",
        symmetry=symmetry,
        interpolate=interpolate,
        entries=tuple(map(int, raw.tolist())),
        entry_format=_entry_format(values, entry_frac_bits, symmetry == "odd"),
        max_error=max(profile),
        lipschitz=lipschitz(function, guarded_side),
        domain=reference,
        arg_frac_bits=arg_frac_bits,
        guard=cells.reference.lo if guard else 0.0,
        error_profile=profile,
        profile_cells=profile_cells,
    )


def _side(domain: Interval, symmetry: str, guard: float) -> Interval:
    """The arguments a layout's cells cover: the domain, |x| for a symmetric one, and
    |x| >= guard for a guarded one."""
    if symmetry == "none":
        return domain
    return Interval(guard, max(domain.magnitude, guard))


def _symmetries(
    function: TableFunction, domain: Interval, symmetric: bool, guard: float
) -> list[str]:
    """The layouts to try; a guarded table, whose domain has a hole around 0, needs the
    function's symmetry."""
    parity = _derivatives(function).parity
    if guard:
        return [parity]
    if symmetric and parity != "none" and domain.lo < 0.0 < domain.hi:
        return ["none", parity]
    return ["none"]


def _checked(function: TableFunction, domain: Interval, guard: float) -> None:
    _check_domain(function, _side(domain, "guarded", guard) if guard else domain)


PERIODIC = {"sin": 0, "cos": 1}
"""Functions with a quarter-wave table, and how many quarter periods cos leads sin by."""


TURNS_MAX_FRAC_BITS = 53
"""ĉ is rounded from float64's 1/(2π): a finer grid would not make it closer."""


def turns_constant(x_magnitude: float, target: float) -> Fraction:
    """ĉ ≈ 1/(2π) on a grid fine enough that |x| * |ĉ - 1/(2π)| * 2π stays below target/8
    (as far as float64's 1/(2π) allows)."""
    needed = math.log2(max(x_magnitude, 1.0)) + math.log2(2 * math.pi * 8) - math.log2(target)
    frac_bits = min(math.ceil(needed) + 1, TURNS_MAX_FRAC_BITS)
    scale = 1 << max(frac_bits, 4)
    return Fraction(round(scale / (2 * math.pi)), scale)


def turns_error(x_magnitude: float, x_error: float, turns: Fraction) -> float:
    """A bound of |x̂ ĉ - x/(2π)| for |x| <= x_magnitude and |x̂ - x| <= x_error."""
    constant_error = abs(float(turns) - 1 / (2 * math.pi)) + 1e-17
    return (float(turns) * x_error + x_magnitude * constant_error) * _SAFETY


@lru_cache(maxsize=1024)
def design_quarter_wave(
    function: str, log2_cells: int, entry_frac_bits: int, turns: Fraction
) -> Table:
    """sin or cos by a quarter-wave table: the argument u = x * ĉ in turns indexes one period
    of 2**log2_cells cells (wrap mode, a bit slice of u's fractional bits); the first
    quarter is stored, the others mirror and negate it. `max_error` bounds |T(u) -
    sin(2πu)| (or cos) for every real u; the caller adds 2π times the error of u."""
    cells = 1 << log2_cells
    stored = cells // 4
    edges = np.arange(stored + 1) * (2 * math.pi / cells)
    low, high = _widen(np.sin(edges[:-1]), np.sin(edges[1:]), _VALUE_REL, _VALUE_ABS)
    raw = np.rint(np.ldexp((low + high) / 2, entry_frac_bits))
    values = np.ldexp(raw, -entry_frac_bits)
    error = float(np.max(np.maximum(np.abs(values - low), np.abs(values - high))))
    return Table(
        function=function,
        shift=-log2_cells,
        offset=-PERIODIC[function] * stored,
        mode="wrap",
        symmetry="quarter",
        interpolate=False,
        entries=tuple(map(int, raw.tolist())),
        entry_format=_entry_format(values, entry_frac_bits, negated=True),
        # The float64 cell edges may sit an ulp off 2πp/N: sin moves by less than 1e-15.
        max_error=error * _SAFETY + 1e-15,
        lipschitz=2 * math.pi,
        domain=Interval(0.0, 1.0),
        arg_frac_bits=log2_cells,
        turns=turns,
    )


@lru_cache(maxsize=4096)
def design_table(
    function: TableFunction,
    domain: Interval,
    arg_frac_bits: int,
    log2_cells: int,
    entry_frac_bits: int,
    *,
    interpolate: bool = False,
    symmetric: bool = True,
    guard: float = 0.0,
) -> Table:
    """The table of at most 2**log2_cells cells for f on `domain` with the smallest proven
    error (then the least memory), over plain and, if `symmetric`, even/odd layouts. With a
    `guard` (f even or odd, singular at 0), an even/odd table of |x| >= guard."""
    _checked(function, domain, guard)
    candidates = [
        _design(
            function,
            domain,
            arg_frac_bits,
            log2_cells,
            entry_frac_bits,
            interpolate,
            symmetry,
            guard,
        )
        for symmetry in _symmetries(function, domain, symmetric, guard)
    ]
    return min(candidates, key=lambda table: (table.max_error, table.memory_bits))


@lru_cache(maxsize=4096)
def sampling_error(
    function: TableFunction,
    domain: Interval,
    arg_frac_bits: int,
    log2_cells: int,
    *,
    interpolate: bool = False,
    symmetric: bool = True,
    guard: float = 0.0,
) -> float:
    """The proven error of the best table of 2**log2_cells cells with exact entries."""
    errors = []
    for symmetry in _symmetries(function, domain, symmetric, guard):
        side = _side(domain, symmetry, guard)
        if interpolate:
            cells = _linear_cells(function, side, arg_frac_bits, log2_cells)
            errors.append(float(_linear_entries(function, cells, None)[1].max()))
        else:
            cells = _constant_cells(side, arg_frac_bits, log2_cells)
            low, high = _constant_images(function, cells, arg_frac_bits)
            errors.append(float(np.max(high - low)) / 2)
    return min(errors) * _SAFETY


FINE_ARG_BITS = 60
"""The argument grid tables are sized for: fine enough to stand for every real argument."""


@lru_cache(maxsize=4096)
def cells_for_error(
    function: TableFunction,
    domain: Interval,
    target: float,
    max_log2_cells: int,
    *,
    arg_frac_bits: int = FINE_ARG_BITS,
    interpolate: bool = False,
    symmetric: bool = True,
    guard: float = 0.0,
) -> int:
    """The smallest log2 cell count whose sampling error (exact entries) is within
    `target`, or `max_log2_cells` if none is."""
    _checked(function, domain, guard)

    def error(log2_cells: int) -> float:
        return sampling_error(
            function,
            domain,
            arg_frac_bits,
            log2_cells,
            interpolate=interpolate,
            symmetric=symmetric,
            guard=guard,
        )

    # The sampling error shrinks as cells are added, about halving per doubling (a
    # quarter when interpolating): the error at a pivot predicts the count (the plain
    # pivot is the largest table, whose error decides whether to interpolate), and the
    # search confirms it. Only the size is chosen here; the bound of the table actually
    # built is computed afresh, so it stays sound.
    pivot = max_log2_cells // 2 if interpolate else max_log2_cells
    at_pivot = error(pivot)
    per_doubling = 2.0 if interpolate else 1.0
    spare = math.log2(target / at_pivot) / per_doubling if at_pivot > 0.0 else math.inf
    guess = pivot - math.floor(max(min(spare, max_log2_cells), -max_log2_cells))
    least = least_passing(lambda n: error(n) <= target, guess, 0, max_log2_cells)
    return max_log2_cells if least is None else least
