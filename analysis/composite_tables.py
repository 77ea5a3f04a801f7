"""One table for a whole `sym.composite`: sound enclosures of its function f, of f' and f''.

A `sym.composite` body is a chain of arithmetic (add, sub, mul, div, neg, integer powers)
and elementary functions of one argument u. Its table is designed as an elementary
function's is (`lut_tables`), except that no hand-written list says where f, f' and f''
turn: each of them is enclosed over a cell by second-order forward differentiation in
interval arithmetic, vectorised over the cells. An elementary function g contributes the
enclosures `lut_tables.image` already proves for g, g' and g'' (FUNCTIONS' slope and
curvature, signed here); + - * / and powers are interval operations rounded outward by one
ulp (IEEE results are within half an ulp).

Over a cell [a, b]:

- f: where the enclosure of f' keeps one sign, f is monotone and its image lies between
  the enclosures of f(a) and f(b); elsewhere it is the tighter of the plain interval value
  and the mean-value form f(m) + f'([a, b]) [a - m, b - m];
- f': the tighter of its interval value and f'(m) + f''([a, b]) [a - m, b - m];
- f'': its interval value (it only bounds an interpolated cell's sag).

An interval wider than a table's cell (a whole domain, for the Lipschitz bound or the range
of the result) is cut into `_PIECES` pieces first. Every enclosure is sound; where an
operation is undefined or overflows on an interval (1/u across 0, log below 0), it is
unbounded, and a composite with an unbounded enclosure over its domain is not tabulated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from xdsl.ir import Operation, SSAValue

from srcc.analysis.fixed_format import int_bits_for
from srcc.analysis.interval import Interval
from srcc.analysis.lut_tables import (
    BRANCHES,
    FINE_ARG_BITS,
    FUNCTIONS,
    PERIODIC,
    Curve,
    Formula,
    image,
    lipschitz,
    sampling_error,
)
from srcc.dialects import sym

Array = np.ndarray
Bounds = tuple[Array, Array]
"""An interval per element: lows and highs."""

SIGNS: dict[str, tuple[float, float]] = {
    "sin": (1.0, -1.0),
    "cos": (-1.0, -1.0),
    "tan": (1.0, 1.0),
    "exp": (1.0, 1.0),
    "log": (1.0, -1.0),
    "sqrt": (1.0, -1.0),
    "inv": (-1.0, 1.0),
    "sinh": (1.0, 1.0),
    "cosh": (1.0, 1.0),
    "tanh": (1.0, -1.0),
    "asin": (1.0, 1.0),
    "acos": (-1.0, -1.0),
    "atan": (1.0, -1.0),
    "gauss": (-1.0, 1.0),
    "erf": (1.0, -1.0),
    "erfc": (-1.0, 1.0),
    "asinh": (1.0, -1.0),
    "acosh": (1.0, -1.0),
    "atanh": (1.0, 1.0),
}
"""The elementary functions a composite may hold, with the signs that turn FUNCTIONS'
slope and curvature (given up to sign there) into f' and f''."""

_DERIVATIVE_REL = 1e-12
"""Relative widening of the enclosures of g' and g'' (as `lut_tables` widens them)."""
_PIECES = 1024
"""Pieces an interval is cut into when few intervals are enclosed at once."""


@dataclass(frozen=True)
class _Step:
    """One operation of a composite's body: `kind` on the results of earlier steps (step 0
    is the argument u)."""

    kind: str
    operands: tuple[int, ...] = ()
    constant: float = 0.0
    exponent: int = 0
    function: str = ""


_USER_FACTS = (sym.DOMAIN_ATTR, sym.TABLE_SIZE_ATTR, sym.GUARD_ATTR)
"""What a user fixed about one function's own table: such an op keeps it."""
_BINARY = {sym.AddOp: "add", sym.SubOp: "sub", sym.MulOp: "mul", sym.DivOp: "div"}
_POWERS = {sym.SquareOp: 2, sym.CubeOp: 3}


def fusable(op: Operation) -> bool:
    """Whether `op` may be part of a composite's body: smooth arithmetic or an elementary
    function, with no clamp, table size or guard the user fixed."""
    if isinstance(op, sym.UnaryOp):
        if any(key in op.attributes for key in _USER_FACTS):
            return False
        return (
            isinstance(op, sym.NegOp)
            or op.name.removeprefix("sym.") in SIGNS
            or (type(op) in _POWERS)
        )
    return type(op) in _BINARY or isinstance(op, sym.PowiOp)


def tabulated(op: Operation) -> bool:
    """Whether `op` is an elementary function (a table of its own outside a composite)."""
    return isinstance(op, sym.UnaryOp) and op.name.removeprefix("sym.") in SIGNS


def _steps(op: sym.CompositeOp) -> tuple[_Step, ...]:
    index: dict[SSAValue, int] = {op.parameter: 0}
    steps = [_Step("arg")]
    for inner in op.body.block.ops:
        if isinstance(inner, sym.YieldOp):
            break
        operands = tuple(index[v] for v in inner.operands)
        if isinstance(inner, sym.ConstantOp):
            step = _Step("constant", constant=inner.number)
        elif type(inner) in _BINARY:
            step = _Step(_BINARY[type(inner)], operands)
        elif isinstance(inner, sym.PowiOp):
            step = _Step("powi", operands, exponent=inner.exponent.data)
        elif type(inner) in _POWERS:
            step = _Step("powi", operands, exponent=_POWERS[type(inner)])
        elif isinstance(inner, sym.NegOp):
            step = _Step("neg", operands)
        else:
            step = _Step("function", operands, function=inner.name.removeprefix("sym."))
        index[inner.results[0]] = len(steps)
        steps.append(step)
    steps.append(_Step("yield", (index[op.returned],)))
    return tuple(steps)


def _key(steps: tuple[_Step, ...]) -> str:
    """The body as one line, one step each: identical bodies share their tables."""
    parts = []
    for step in steps[1:]:
        detail = {
            "constant": sym.float_literal(step.constant),
            "powi": str(step.exponent),
            "function": step.function,
        }.get(step.kind, "")
        parts.append(" ".join([step.kind, detail, *map(str, step.operands)]).replace("  ", " "))
    return "; ".join(parts)


_NAME_PART = 40
"""Longer subexpressions of a composite's name print as `…`."""


_SUM, _PRODUCT, _ATOM = range(3)
"""How tightly an infix text binds: an operand binding less than its place needs is
parenthesised."""


def _name(steps: tuple[_Step, ...]) -> str:
    """The body in infix, u its argument (subexpressions beyond `_NAME_PART` elided)."""
    texts = [("u", _ATOM)]

    def operand(i: int, binding: int) -> str:
        text, binds = texts[i]
        return f"({text})" if binds < binding else text

    for step in steps[1:-1]:
        ops = step.operands
        if step.kind == "constant":
            value = step.constant
            entry = (sym.float_literal(value), _ATOM if value >= 0.0 else _SUM)
        elif step.kind in ("add", "sub"):
            sign = "+" if step.kind == "add" else "-"
            right = operand(ops[1], _PRODUCT)
            negative = steps[ops[1]].kind == "constant" and steps[ops[1]].constant < 0.0
            if negative:  # a + -c reads a - c
                sign, right = "-+"[sign == "-"], sym.float_literal(-steps[ops[1]].constant)
            entry = (f"{operand(ops[0], _SUM)} {sign} {right}", _SUM)
        elif step.kind in ("mul", "div"):
            sign = "*" if step.kind == "mul" else "/"
            entry = (f"{operand(ops[0], _PRODUCT)}{sign}{operand(ops[1], _ATOM)}", _PRODUCT)
        elif step.kind == "powi":
            entry = (f"{operand(ops[0], _ATOM)}**{step.exponent}", _PRODUCT)
        elif step.kind == "neg":
            entry = (f"-{operand(ops[0], _PRODUCT)}", _SUM)
        else:
            entry = (f"{step.function}({texts[ops[0]][0]})", _ATOM)
        texts.append(entry if len(entry[0]) <= _NAME_PART else ("…", _ATOM))
    return texts[steps[-1].operands[0]][0]


def _out(low: Array, high: Array) -> Bounds:
    """Rounded outward by one ulp; NaN (an undefined operation) becomes unbounded."""
    low = np.where(np.isnan(low), -np.inf, np.nextafter(low, -np.inf))
    high = np.where(np.isnan(high), np.inf, np.nextafter(high, np.inf))
    return low, high


def _add(a: Bounds, b: Bounds) -> Bounds:
    return _out(a[0] + b[0], a[1] + b[1])


def _neg(a: Bounds) -> Bounds:
    return -a[1], -a[0]


def _mul(a: Bounds, b: Bounds) -> Bounds:
    # 0 * inf is NaN: the extended product is 0 there, which fmin/fmax take by skipping it.
    products = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return _out(np.fmin.reduce(products), np.fmax.reduce(products))


def _scale(a: Bounds, factor: float) -> Bounds:
    low, high = a[0] * factor, a[1] * factor
    return _out(np.minimum(low, high), np.maximum(low, high))


def _magnitudes(a: Bounds) -> Bounds:
    """min |x| and max |x|."""
    least = np.where(a[0] > 0.0, a[0], np.where(a[1] < 0.0, -a[1], 0.0))
    return least, np.maximum(np.abs(a[0]), np.abs(a[1]))


def _reciprocal(a: Bounds) -> Bounds:
    excludes_zero = (a[0] > 0.0) | (a[1] < 0.0)
    with np.errstate(divide="ignore"):
        low, high = _out(1.0 / a[1], 1.0 / a[0])
    return np.where(excludes_zero, low, -np.inf), np.where(excludes_zero, high, np.inf)


_POW_REL = 64 * float(np.finfo(float).eps)
"""Relative widening of powers: libm's pow is within a few ulps."""


def _power(a: Bounds, n: int) -> Bounds:
    """a**n for an integer n (n = 0 gives 1)."""
    if n == 0:
        return np.ones_like(a[0]), np.ones_like(a[1])
    if n < 0:
        return _reciprocal(_power(a, -n))
    if n == 1:
        return a
    if n % 2 == 0:
        a = _magnitudes(a)
    low, high = np.power(a[0], n), np.power(a[1], n)
    return (
        np.where(np.isnan(low), -np.inf, low - (np.abs(low) * _POW_REL + 1e-300)),
        np.where(np.isnan(high), np.inf, high + (np.abs(high) * _POW_REL + 1e-300)),
    )


def _signed_image(curve: Curve, a: Bounds, sign: float) -> Bounds:
    low, high = image(curve, a[0], a[1], _DERIVATIVE_REL, 0.0)
    return (low, high) if sign > 0.0 else (-high, -low)


Jet = list[Bounds]
"""A value and its first `order` derivatives in u."""


def _function_jet(name: str, a: Jet, order: int) -> Jet:
    """g(a) by the chain rule: (g(a), g'(a) a', g''(a) a'**2 + g'(a) a'')."""
    elementary = FUNCTIONS[name]
    value = Curve(sym.UNARY_OPS[name].NUMPY_FN, elementary.value)
    jet = [image(value, a[0][0], a[0][1])]
    if order >= 1:
        slope_sign, curvature_sign = SIGNS[name]
        slope = _signed_image(elementary.slope, a[0], slope_sign)
        jet.append(_mul(slope, a[1]))
        if order >= 2:
            curvature = _signed_image(elementary.curvature, a[0], curvature_sign)
            jet.append(_add(_mul(curvature, _power(a[1], 2)), _mul(slope, a[2])))
    if name in BRANCHES:
        # FUNCTIONS list no poles of tan: an interval across one is unbounded.
        period, pole = BRANCHES[name]
        across = np.floor((a[0][0] + pole) / period) != np.floor((a[0][1] + pole) / period)
        jet = [
            (np.where(across, -np.inf, low), np.where(across, np.inf, high)) for low, high in jet
        ]
    return jet


def _product_jet(a: Jet, b: Jet, order: int, same: bool) -> Jet:
    """a b: (a b, a' b + a b', a'' b + 2 a' b' + a b''); for a a, a**2's own rules."""
    if same:
        return _power_jet(a, 2, order)
    jet = [_mul(a[0], b[0])]
    if order >= 1:
        jet.append(_add(_mul(a[1], b[0]), _mul(a[0], b[1])))
        if order >= 2:
            cross = _scale(_mul(a[1], b[1]), 2.0)
            jet.append(_add(_add(_mul(a[2], b[0]), cross), _mul(a[0], b[2])))
    return jet


def _power_jet(a: Jet, n: int, order: int) -> Jet:
    """a**n: (a**n, n a**(n-1) a', n (n-1) a**(n-2) a'**2 + n a**(n-1) a'')."""
    jet = [_power(a[0], n)]
    if order >= 1:
        outer = _scale(_power(a[0], n - 1), float(n))
        jet.append(_mul(outer, a[1]))
        if order >= 2:
            second = _scale(_power(a[0], n - 2), float(n * (n - 1)))
            jet.append(_add(_mul(second, _power(a[1], 2)), _mul(outer, a[2])))
    return jet


def _jets(steps: tuple[_Step, ...], lo: Array, hi: Array, order: int) -> Jet:
    """f and its first `order` derivatives over each [lo, hi]."""
    zero = np.zeros_like(lo)
    jets: list[Jet] = [[(lo, hi), (zero + 1.0, zero + 1.0), (zero, zero)][: order + 1]]
    for step in steps[1:-1]:
        ops = [jets[i] for i in step.operands]
        if step.kind == "constant":
            point = (zero + step.constant, zero + step.constant)
            jet = [point, *[(zero, zero)] * order]
        elif step.kind == "add":
            jet = [_add(x, y) for x, y in zip(*ops)]
        elif step.kind == "sub":
            jet = [_add(x, _neg(y)) for x, y in zip(*ops)]
        elif step.kind == "neg":
            jet = [_neg(x) for x in ops[0]]
        elif step.kind == "mul":
            jet = _product_jet(ops[0], ops[1], order, step.operands[0] == step.operands[1])
        elif step.kind == "div":
            jet = _product_jet(ops[0], _function_jet("inv", ops[1], order), order, False)
        elif step.kind == "powi":
            jet = _power_jet(ops[0], step.exponent, order)
        else:
            jet = _function_jet(step.function, ops[0], order)
        jets.append(jet)
    return jets[steps[-1].operands[0]]


def _pieces(lo: Array, hi: Array) -> Bounds:
    """Each [lo, hi] cut into pieces along a new last axis when there are few of them (a
    piece's edges are its neighbours', so the pieces cover the interval)."""
    count = max(1, _PIECES // max(lo.size, 1))
    if count == 1:
        return lo[..., None], hi[..., None]
    steps = np.linspace(0.0, 1.0, count + 1)
    with np.errstate(invalid="ignore"):
        edges = lo[..., None] + (hi - lo)[..., None] * steps
    edges[..., 0], edges[..., -1] = lo, hi
    return edges[..., :-1], edges[..., 1:]


def _centre(lo: Array, hi: Array) -> tuple[Array, Array]:
    """A point m of each [lo, hi] and an upper bound of max(m - lo, hi - m)."""
    middle = np.clip(0.5 * (lo + hi), lo, hi)
    radius = np.nextafter(np.maximum(middle - lo, hi - middle), np.inf)
    return middle, radius


def _centred(at_middle: Bounds, slope: Bounds, radius: Array) -> Bounds:
    """The mean-value form f(m) + f'([lo, hi]) [-r, r]."""
    with np.errstate(invalid="ignore"):
        spread = np.nextafter(np.maximum(np.abs(slope[0]), np.abs(slope[1])) * radius, np.inf)
    spread = np.where(np.isnan(spread), np.inf, spread)
    return _out(at_middle[0] - spread, at_middle[1] + spread)


@dataclass(frozen=True)
class _Enclosures:
    """f, f' and f'' of one composite over arrays of intervals."""

    steps: tuple[_Step, ...]

    def points(self, x: Array, order: int) -> Jet:
        return _jets(self.steps, x, x, order)

    def value(self, lo: Array, hi: Array) -> Bounds:
        with np.errstate(all="ignore"):
            lo, hi = _pieces(np.asarray(lo, float), np.asarray(hi, float))
            plain, slope = _jets(self.steps, lo, hi, 1)
            middle, radius = _centre(lo, hi)
            ends = np.stack([lo, hi, middle])
            at_ends = self.points(ends, 0)[0]
            centred = _centred((at_ends[0][2], at_ends[1][2]), slope, radius)
            monotone = (slope[0] >= 0.0) | (slope[1] <= 0.0)
            low = np.where(
                monotone,
                np.minimum(at_ends[0][0], at_ends[0][1]),
                np.maximum(plain[0], centred[0]),
            )
            high = np.where(
                monotone,
                np.maximum(at_ends[1][0], at_ends[1][1]),
                np.minimum(plain[1], centred[1]),
            )
        return low.min(axis=-1), high.max(axis=-1)

    def slope(self, lo: Array, hi: Array) -> Bounds:
        with np.errstate(all="ignore"):
            lo, hi = _pieces(np.asarray(lo, float), np.asarray(hi, float))
            plain = _jets(self.steps, lo, hi, 2)
            middle, radius = _centre(lo, hi)
            at_middle = self.points(middle, 1)[1]
            centred = _centred(at_middle, plain[2], radius)
            low = np.maximum(plain[1][0], centred[0])
            high = np.minimum(plain[1][1], centred[1])
        return low.min(axis=-1), high.max(axis=-1)

    def curvature(self, lo: Array, hi: Array) -> Bounds:
        with np.errstate(all="ignore"):
            lo, hi = _pieces(np.asarray(lo, float), np.asarray(hi, float))
            low, high = _jets(self.steps, lo, hi, 2)[2]
        return low.min(axis=-1), high.max(axis=-1)

    def evaluate(self, x: Array) -> Array:
        """f in float64 (the table's entries are rounded from it; `value` bounds them)."""
        return self.values(x, {})[self.steps[-1].operands[0]]

    def values(self, x: Array, replaced: dict[int, Array]) -> list[Array]:
        """Every step's float64 value, those of `replaced` by the arrays given."""
        values: list[Array] = [np.asarray(x, float)]
        with np.errstate(all="ignore"):
            for index, step in enumerate(self.steps[1:-1], start=1):
                if index in replaced:
                    values.append(replaced[index])
                    continue
                ops = [values[i] for i in step.operands]
                values.append(_FLOAT[step.kind](step, *ops))
        return values


_FLOAT = {
    "constant": lambda step: np.float64(step.constant),
    "add": lambda step, a, b: a + b,
    "sub": lambda step, a, b: a - b,
    "mul": lambda step, a, b: a * b,
    "div": lambda step, a, b: a / b,
    "neg": lambda step, a: -a,
    "powi": lambda step, a: np.power(a, float(step.exponent)),
    "function": lambda step, a: sym.UNARY_OPS[step.function].NUMPY_FN(a),
}


def _midpoint(enclose: _Enclosures, order: int) -> Curve:
    """A derivative's curve: its value (a point of its enclosure) and its enclosure."""
    bounds = enclose.slope if order == 1 else enclose.curvature

    def fn(x: Array) -> Array:
        low, high = bounds(np.asarray(x, float), np.asarray(x, float))
        return 0.5 * (low + high)

    return Curve(fn, enclosure=bounds)


_EVEN, _ODD, _NEITHER = "even", "odd", "none"


def _parity(steps: tuple[_Step, ...]) -> str:
    """Whether the body is even or odd in u, by the parity rules of each step."""
    parities = [_ODD]
    for step in steps[1:-1]:
        ops = [parities[i] for i in step.operands]
        if step.kind == "constant":
            parity = _EVEN
        elif step.kind in ("add", "sub"):
            parity = ops[0] if ops[0] == ops[1] else _NEITHER
        elif step.kind in ("mul", "div"):
            parity = _NEITHER if _NEITHER in ops else _EVEN if ops[0] == ops[1] else _ODD
        elif step.kind == "powi":
            parity = _EVEN if ops[0] != _NEITHER and step.exponent % 2 == 0 else ops[0]
        elif step.kind == "neg" or ops[0] == _EVEN:
            parity = ops[0]
        else:  # g(h) for an odd h: g's own parity
            parity = FUNCTIONS[step.function].parity if ops[0] == _ODD else _NEITHER
        parities.append(parity)
    return parities[steps[-1].operands[0]]


@lru_cache(maxsize=1024)
def _formula(steps: tuple[_Step, ...]) -> Formula:
    enclose = _Enclosures(steps)
    value = Curve(enclose.evaluate, enclosure=enclose.value)
    return Formula(
        _key(steps),
        _name(steps),
        value,
        _midpoint(enclose, 1),
        _midpoint(enclose, 2),
        _parity(steps),
    )


def formula(op: sym.CompositeOp) -> Formula:
    """The tabulated function of a `sym.composite`."""
    return _formula(_steps(op))


def composite_range(op: sym.CompositeOp, arg: Interval) -> Interval:
    """An enclosure of the composite's values for arguments in `arg`; unbounded where its
    body is undefined or overflows."""
    low, high = formula(op).value.enclosure(np.array([arg.lo]), np.array([arg.hi]))  # type: ignore[misc]
    return Interval(float(low[0]), float(high[0]))


def fuses(
    op: sym.CompositeOp,
    domain: Interval,
    tables: list[Interval],
    max_log2_cells: int,
    max_width: int | None,
) -> bool:
    """Whether one table should serve the composite on `domain` instead of the chain of
    tables it replaces (`tables`: the argument range of each function of the body, in
    order). It must be bounded, with a bounded slope, there (no pole); then the error of its
    largest interpolated table (plus half an ulp of `max_width`-bit entries) is compared with
    the chain's: each of its tables' own error the same way, times how much of it reaches
    the composite's value (sampled: this chooses, it proves nothing). Either is planned
    later as it is, with its own proven bound. A chain whose sin or cos spans more than a
    period keeps its quarter-wave table."""
    function = formula(op)
    if domain.lo == domain.hi or any(part.lo == part.hi for part in tables):
        return False
    image_of = _image(function.value, domain)
    if not (math.isfinite(image_of.lo) and math.isfinite(image_of.hi)):
        return False
    if not math.isfinite(lipschitz(function, domain)):
        return False
    steps = _steps(op)
    functions = [step.function for step in steps if step.kind == "function"]
    if any(
        name in PERIODIC and part.hi - part.lo > _PERIOD for name, part in zip(functions, tables)
    ):
        # A quarter-wave table of sin or cos holds a quarter period however many periods
        # its argument spans; a table of the composite grows with them.
        return False
    chain = 0.0
    for name, part, gain in zip(functions, tables, _gains(steps, domain)):
        value = Curve(sym.UNARY_OPS[name].NUMPY_FN, FUNCTIONS[name].value)
        error = _largest_table_error(name, part, max_log2_cells)
        chain += (error + _entry_rounding(_image(value, part), max_width)) * gain
    fused = _largest_table_error(function, domain, max_log2_cells)
    return math.isfinite(fused) and fused + _entry_rounding(image_of, max_width) <= chain * _TIE


def _image(curve: Curve, domain: Interval) -> Interval:
    with np.errstate(all="ignore"):
        low, high = image(curve, np.array([domain.lo]), np.array([domain.hi]))
    return Interval(float(low[0]), float(high[0]))


def _largest_table_error(function: Formula | str, domain: Interval, max_log2_cells: int) -> float:
    """inf where no interpolated table can be laid out (a domain too narrow for float64)."""
    try:
        return sampling_error(function, domain, FINE_ARG_BITS, max_log2_cells, interpolate=True)
    except ValueError:
        return math.inf


def _entry_rounding(values: Interval, max_width: int | None) -> float:
    """Half an ulp of a `max_width`-bit table entry holding `values` (0 without a cap)."""
    if max_width is None:
        return 0.0
    return math.ldexp(0.5, int_bits_for(values, FINE_ARG_BITS) - max_width)


_PERIOD = 2 * math.pi
_TIE = 1.25
"""A fused table a little less accurate than the chain still wins: it saves the chain's
other ops, and its enclosures (of a function whose turning points are unknown) are a few
percent looser than an elementary function's, for the same table."""
_GAIN_SAMPLES = 1025


def _gains(steps: tuple[_Step, ...], domain: Interval) -> list[float]:
    """For each function of the body, the largest |d f / d g| over a grid of the domain,
    g the function's value: by a small change of g, on the float64 values."""
    x = np.linspace(domain.lo, domain.hi, _GAIN_SAMPLES)
    enclose = _Enclosures(steps)
    values = enclose.values(x, {})
    result = values[steps[-1].operands[0]]
    gains = []
    for index, step in enumerate(steps):
        if step.kind != "function":
            continue
        delta = math.ldexp(max(float(np.max(np.abs(values[index]))), 2.0**-40), -24)
        moved = enclose.values(x, {index: values[index] + delta})
        with np.errstate(all="ignore"):
            change = np.abs(moved[steps[-1].operands[0]] - result) / delta
        gains.append(float(np.nanmax(change)) if np.isfinite(change).any() else math.inf)
    return gains
