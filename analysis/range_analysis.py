"""Range analysis of `sym` IR: a sound interval for every value.

Ranges start at the inputs' `sym.range` argument attributes (`#sym.interval<lo, hi>`) and
flow forward through the single-block DAG. An op applied where it is undefined (log of a
value that can be <= 0, division by an interval holding 0, asin outside [-1, 1], tan across
a pole) stops compilation with a diagnostic that names the op, its source location and its
interval.

The pass `sym-range-analysis` (srcc.passes.sym_range_analysis) records each op's interval
as its `sym.range` attribute, so lit tests can read it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import Operation, SSAValue
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.interval import Interval
from srcc.dialects import fix, sym


def describe(op: Operation) -> str:
    """`sym.log at <expr>:1:5`: how diagnostics name an op."""
    where = op.location
    if isinstance(where, FileLineColLoc):
        return f"{op.name} at {where.filename.data}:{where.line.data}:{where.column.data}"
    return op.name


def _undefined(op: Operation, arg: Interval, why: str, fix: str) -> DiagnosticException:
    return DiagnosticException(
        f"{describe(op)} is undefined on its argument's range {arg}: {why}; {fix}"
    )


def _require_nonzero(op: Operation, arg: Interval, what: str) -> None:
    """`what` names the argument as the user wrote it: the divisor, the logarithm's argument."""
    if arg.contains(0.0):
        raise _undefined(
            op, arg, "it contains 0", f"narrow the input ranges so {what} cannot reach 0"
        )


def _require_positive(op: Operation, arg: Interval, strict: bool) -> None:
    if arg.lo < 0.0 or (strict and arg.lo <= 0.0):
        bound = "<= 0" if strict else "< 0"
        alt = "log_abs" if strict else "sqrt_abs"
        raise _undefined(
            op, arg, f"it reaches values {bound}", f"narrow the input ranges or use {alt}"
        )


def _require_power_base(op: Operation, arg: Interval, strict: bool) -> None:
    """The base of x ** y (exp(y * log x), `strict`) or of pow_abs(x, y) (exp(y * log|x|))."""
    if arg.lo > 0.0 if strict else not arg.contains(0.0):
        return
    power, log, need = (
        ("a non-integer power x ** y", "log(x)", "a positive base range")
        if strict
        else ("pow_abs(x, y)", "log(|x|)", "a base range without 0")
    )
    usable_abs = strict and not arg.contains(0.0)
    alternative = ", or use pow_abs(x, y) = |x| ** y" if usable_abs else ""
    raise DiagnosticException(
        f"{describe(op)}: {power} (computed as exp(y * {log})) needs {need}, and the base's "
        f"range is {arg}; narrow the input ranges{alternative}"
    )


def _require_unit(op: Operation, arg: Interval) -> None:
    if arg.lo < -1.0 or arg.hi > 1.0:
        raise _undefined(
            op, arg, "it leaves [-1, 1]", "narrow the input ranges or clamp the argument"
        )


def _tan(op: Operation, arg: Interval) -> Interval:
    first_pole = math.ceil((arg.lo - math.pi / 2) / math.pi) * math.pi + math.pi / 2
    if first_pole <= arg.hi + 1e-12:
        raise _undefined(
            op, arg, f"it reaches the pole of tan at {first_pole:.6g}", "narrow the input ranges"
        )
    return arg.monotone(math.tan)


def _log(op: Operation, arg: Interval) -> Interval:
    if sym.POWER_BASE_ATTR in op.attributes:
        _require_power_base(op, arg, strict=True)
    _require_positive(op, arg, strict=True)
    return arg.monotone(math.log)


def _sqrt(op: Operation, arg: Interval) -> Interval:
    _require_positive(op, arg, strict=False)
    return arg.monotone(math.sqrt).clip(0.0, math.inf)


def _log_abs(op: Operation, arg: Interval) -> Interval:
    if sym.POWER_BASE_ATTR in op.attributes:
        _require_power_base(op, arg, strict=False)
    _require_nonzero(op, arg, "the logarithm's argument")
    return arg.abs().monotone(math.log)


def _inv(op: Operation, arg: Interval) -> Interval:
    _require_nonzero(op, arg, "the divisor (of 1/u, a division or a negative power)")
    return arg.reciprocal()


def _asin(op: Operation, arg: Interval) -> Interval:
    _require_unit(op, arg)
    return arg.monotone(math.asin).clip(-math.pi / 2, math.pi / 2)


def _acos(op: Operation, arg: Interval) -> Interval:
    _require_unit(op, arg)
    return arg.monotone(math.acos, increasing=False).clip(0.0, math.pi)


def _sign(op: Operation, arg: Interval) -> Interval:
    return Interval(float(np.sign(arg.lo)), float(np.sign(arg.hi)))


def _gauss(op: Operation, arg: Interval) -> Interval:
    return arg.abs().monotone(lambda u: math.exp(-u * u), increasing=False).clip(0.0, 1.0)


def _cosh(op: Operation, arg: Interval) -> Interval:
    return arg.abs().monotone(math.cosh).clip(1.0, math.inf)


def _exp(op: Operation, arg: Interval) -> Interval:
    if arg.hi > 709.0:
        raise _undefined(op, arg, "exp overflows float64 above 709", "narrow the input ranges")
    return arg.monotone(math.exp).clip(0.0, math.inf)


GAMMA_MINIMUM = 1.4616321449683623
"""Where gamma has its one minimum over x > 0 (the zero of the digamma function)."""
GAMMA_OVERFLOW = 171.0
"""gamma overflows float64 a little above this argument."""


def _gamma(op: Operation, arg: Interval) -> Interval:
    if arg.lo <= 0.0:
        raise _undefined(
            op,
            arg,
            "gamma has poles at 0, -1, -2, ... and srcc tabulates it over positive arguments",
            "narrow the input ranges so the argument stays above 0",
        )
    if arg.hi > GAMMA_OVERFLOW:
        raise _undefined(
            op, arg, f"gamma overflows float64 above {GAMMA_OVERFLOW:g}", "narrow the input ranges"
        )
    points = [arg.lo, arg.hi] + ([GAMMA_MINIMUM] if arg.contains(GAMMA_MINIMUM) else [])
    return Interval.around([math.gamma(x) for x in points]).clip(0.0, math.inf)


def _acosh(op: Operation, arg: Interval) -> Interval:
    if arg.lo < 1.0:
        raise _undefined(op, arg, "it reaches values < 1", "narrow the input ranges")
    return arg.monotone(math.acosh).clip(0.0, math.inf)


def _atanh(op: Operation, arg: Interval) -> Interval:
    if arg.lo <= -1.0 or arg.hi >= 1.0:
        raise _undefined(
            op, arg, "it reaches the poles of atanh at -1 or 1", "narrow the input ranges"
        )
    return arg.monotone(math.atanh)


def _atanh_clip(op: Operation, arg: Interval) -> Interval:
    """atanh((x + 1) mod 2 - 1): the branch of atanh between two odd integers."""
    first_pole = 2 * math.ceil((arg.lo - 1.0) / 2) + 1
    if first_pole <= arg.hi:
        raise _undefined(
            op, arg, f"it reaches the pole of atanh_clip at {first_pole}", "narrow the input ranges"
        )
    shift = first_pole - 1
    return Interval.around([math.atanh(arg.lo - shift), math.atanh(arg.hi - shift)])


UNARY_RULES: dict[type[Operation], Callable[[Operation, Interval], Interval]] = {
    sym.NegOp: lambda op, a: -a,
    sym.SinOp: lambda op, a: a.periodic_extrema(
        math.sin, 2 * math.pi, (math.pi / 2, -math.pi / 2)
    ).clip(-1.0, 1.0),
    sym.CosOp: lambda op, a: a.periodic_extrema(math.cos, 2 * math.pi, (0.0, math.pi)).clip(
        -1.0, 1.0
    ),
    sym.TanOp: _tan,
    sym.ExpOp: _exp,
    sym.LogOp: _log,
    sym.SqrtOp: _sqrt,
    sym.AbsOp: lambda op, a: a.abs(),
    sym.SinhOp: lambda op, a: a.monotone(math.sinh),
    sym.CoshOp: _cosh,
    sym.TanhOp: lambda op, a: a.monotone(math.tanh).clip(-1.0, 1.0),
    sym.AsinOp: _asin,
    sym.AcosOp: _acos,
    sym.AtanOp: lambda op, a: a.monotone(math.atan).clip(-math.pi / 2, math.pi / 2),
    sym.SquareOp: lambda op, a: a.powi(2),
    sym.CubeOp: lambda op, a: a.powi(3),
    sym.InvOp: _inv,
    sym.SignOp: _sign,
    sym.ReluOp: lambda op, a: Interval(max(a.lo, 0.0), max(a.hi, 0.0)),
    sym.LogAbsOp: _log_abs,
    sym.SqrtAbsOp: lambda op, a: a.abs().monotone(math.sqrt).clip(0.0, math.inf),
    sym.GaussOp: _gauss,
    sym.FloorOp: lambda op, a: Interval(math.floor(a.lo), math.floor(a.hi)),
    sym.CeilOp: lambda op, a: Interval(math.ceil(a.lo), math.ceil(a.hi)),
    sym.RoundOp: lambda op, a: Interval(round(a.lo), round(a.hi)),
    sym.ErfOp: lambda op, a: a.monotone(math.erf).clip(-1.0, 1.0),
    sym.ErfcOp: lambda op, a: a.monotone(math.erfc, increasing=False).clip(0.0, 2.0),
    sym.GammaOp: _gamma,
    sym.AsinhOp: lambda op, a: a.monotone(math.asinh),
    sym.AcoshOp: _acosh,
    sym.AtanhOp: _atanh,
    sym.AtanhClipOp: _atanh_clip,
}


def _div(op: Operation, lhs: Interval, rhs: Interval) -> Interval:
    _require_nonzero(op, rhs, "the divisor")
    return lhs * rhs.reciprocal()


def _mod(op: Operation, lhs: Interval, rhs: Interval) -> Interval:
    """[0, b) for a positive divisor, (b, 0] for a negative one; a itself when it already
    lies there."""
    _require_nonzero(op, rhs, "the divisor of mod")
    if rhs.lo > 0.0:
        if lhs.lo >= 0.0 and lhs.hi < rhs.lo:
            return lhs
        return Interval(0.0, rhs.hi)
    if lhs.hi <= 0.0 and lhs.lo > rhs.hi:
        return lhs
    return Interval(rhs.lo, 0.0)


def _truth(always: bool, never: bool) -> Interval:
    """The range of a 0/1 value that is 1 whenever `always` and 0 whenever `never`."""
    return Interval.point(1.0) if always else Interval.point(0.0) if never else Interval(0.0, 1.0)


def _select(condition: Interval, lhs: Interval, rhs: Interval) -> Interval:
    """`lhs` where the condition is > 0, else `rhs`."""
    if condition.lo > 0.0:
        return lhs
    if condition.hi <= 0.0:
        return rhs
    return Interval.hull([lhs, rhs])


def _either_positive(a: Interval, b: Interval) -> Interval:
    return _truth(a.lo > 0.0 or b.lo > 0.0, a.hi <= 0.0 and b.hi <= 0.0)


def _both_positive(a: Interval, b: Interval) -> Interval:
    return _truth(a.lo > 0.0 and b.lo > 0.0, a.hi <= 0.0 or b.hi <= 0.0)


BINARY_RULES: dict[type[Operation], Callable[[Operation, Interval, Interval], Interval]] = {
    sym.AddOp: lambda op, a, b: a + b,
    sym.SubOp: lambda op, a, b: a - b,
    sym.MulOp: lambda op, a, b: a * b,
    sym.DivOp: _div,
    sym.MaxOp: lambda op, a, b: Interval(max(a.lo, b.lo), max(a.hi, b.hi)),
    sym.MinOp: lambda op, a, b: Interval(min(a.lo, b.lo), min(a.hi, b.hi)),
    sym.ModOp: _mod,
    sym.CondOp: lambda op, a, b: _select(a, b, Interval.point(0.0)),
    sym.GreaterOp: lambda op, a, b: _truth(a.lo > b.hi, a.hi <= b.lo),
    sym.LogicalOrOp: lambda op, a, b: _either_positive(a, b),
    sym.LogicalAndOp: lambda op, a, b: _both_positive(a, b),
}


def argument_pieces(op: sym.UnaryOp, arg: Interval) -> list[Interval]:
    """The argument's interval after the op's `sym.domain` clamp and its guard: two pieces,
    one each side of 0, when a guard moves arguments near 0 to -eps or eps."""
    domain = op.domain
    if domain is not None:
        arg = arg.clip(domain.lo, domain.hi)
    eps = op.guard
    if eps is None:
        return [arg]
    if op.SINGULARITY is not sym.Singularity.NONZERO:
        return [Interval(max(arg.lo, eps), max(arg.hi, eps))]
    pieces = []
    if arg.lo < 0.0:
        pieces.append(Interval(min(arg.lo, -eps), min(arg.hi, -eps)))
    if arg.hi >= 0.0:
        pieces.append(Interval(max(arg.lo, eps), max(arg.hi, eps)))
    return pieces


def op_range(op: Operation, args: list[Interval]) -> Interval:
    """The interval of `op`'s result given its operands' intervals."""
    if isinstance(op, sym.ConstantOp):
        return Interval.point(op.number)
    if isinstance(op, sym.PowiOp):
        if op.exponent.data < 0:
            _require_nonzero(op, args[0], "the base of a negative power")
        return args[0].powi(op.exponent.data)
    if type(op) in UNARY_RULES:
        assert isinstance(op, sym.UnaryOp)
        rule = UNARY_RULES[type(op)]
        return Interval.hull([rule(op, piece) for piece in argument_pieces(op, args[0])])
    if isinstance(op, sym.MulOp) and op.lhs is op.rhs:
        return args[0].powi(2)
    if type(op) in BINARY_RULES:
        return BINARY_RULES[type(op)](op, args[0], args[1])
    if isinstance(op, sym.SelectOp):
        return _select(*args)
    raise DiagnosticException(f"range analysis does not know {op.name}")


MAX_MAGNITUDE = math.ldexp(1.0, fix.MAX_WIDTH - 1)
"""Every value's range lies within ±2**(MAX_WIDTH - 1): the integer bits of a `fix` type,
sign included, are at most `fix.MAX_WIDTH`."""


def _check_magnitude(what: str, interval: Interval) -> None:
    if not interval.magnitude < MAX_MAGNITUDE:
        raise DiagnosticException(
            f"{what} reaches {interval}, beyond ±2**{fix.MAX_WIDTH - 1}: its type would need "
            f"more integer bits than srcc's limit of {fix.MAX_WIDTH} (fix.MAX_WIDTH); "
            "narrow the input ranges or rescale the expression"
        )


def input_label(function: func.FuncOp, index: int) -> str:
    """An argument's name (`sym.name`), or `argument N`."""
    name = sym.arg_attribute(function.arg_attrs, index, sym.NAME_ATTR)
    return name.data if name is not None else f"argument {index}"  # type: ignore[attr-defined]


def input_ranges(function: func.FuncOp) -> list[Interval]:
    """The declared range of every argument; a diagnostic names any argument without one."""
    ranges = []
    for index in range(len(function.args)):
        declared = sym.arg_attribute(function.arg_attrs, index, sym.RANGE_ATTR)
        if not isinstance(declared, sym.IntervalAttr):
            label = input_label(function, index)
            if declared is not None:
                raise DiagnosticException(
                    f"input {label}: {sym.RANGE_ATTR} must be a #sym.interval<lo, hi>, "
                    f"not {declared}"
                )
            raise DiagnosticException(
                f"input {label} has no range: give one (e.g. --range {label}=-1:1) "
                "or calibrate on a sample"
            )
        ranges.append(Interval.from_attr(declared))
    return ranges


def ranged_ops(
    function: func.FuncOp, ranges: dict[SSAValue, Interval] | None = None
) -> Iterator[tuple[Operation, list[Interval]]]:
    """Each op before the return with its operands' intervals, in order; `ranges`, if
    given, receives every value's interval. An op's own interval is computed when the walk
    resumes, so a caller may first mark the op (a guard)."""
    ranges = {} if ranges is None else ranges
    ranges.update(zip(function.args, input_ranges(function)))
    for index, interval in enumerate(ranges.values()):
        _check_magnitude(f"input {input_label(function, index)}", interval)
    for op in function.body.block.ops:
        if isinstance(op, func.ReturnOp):
            return
        args = [ranges[v] for v in op.operands]
        yield op, args
        try:
            interval = op_range(op, args)
        except OverflowError:
            interval = Interval(-math.inf, math.inf)
        _check_magnitude(f"the value of {describe(op)}", interval)
        ranges[op.results[0]] = interval


BOX_EVALUATIONS = 1 << 16
"""At most this many op evaluations refine the ranges over sub-boxes (`_refined`)."""
MAX_BOXES = 256


@dataclass
class RangeAnalysis:
    """The interval of every value of one `func.func`."""

    ranges: dict[SSAValue, Interval]

    @staticmethod
    def of(function: func.FuncOp) -> RangeAnalysis:
        ranges: dict[SSAValue, Interval] = {}
        for _ in ranged_ops(function, ranges):
            pass
        return RangeAnalysis(_refined(function, ranges))

    def __getitem__(self, value: SSAValue) -> Interval:
        return self.ranges[value]


def _refined(function: func.FuncOp, ranges: dict[SSAValue, Interval]) -> dict[SSAValue, Interval]:
    """`ranges` tightened to the hull of each value's intervals over sub-boxes of the
    inputs' ranges. Intervals lose the correlation of a value used twice: over the whole
    range `(u + v) / (1 + u*v)` for u, v in [-0.9, 0.9] reaches +-9.5 where the function
    stays within +-1, and the value's type would carry 3 integer bits it never uses. Sound:
    every point lies in some box, where interval arithmetic holds as over the whole range."""
    ops = [op for op in function.body.block.ops if not isinstance(op, func.ReturnOp)]
    boxes = min(MAX_BOXES, BOX_EVALUATIONS // max(len(ops), 1))
    inputs = [arg for arg in _repeated_inputs(function, ops) if ranges[arg].hi > ranges[arg].lo]
    pieces = math.floor(boxes ** (1 / len(inputs))) if inputs else 1
    if pieces < 2:
        return ranges
    grids = [np.linspace(ranges[arg].lo, ranges[arg].hi, pieces + 1) for arg in inputs]
    hulls: dict[SSAValue, list[float]] = {}
    for corner in np.ndindex(*[pieces] * len(inputs)):
        box = dict(ranges)
        box.update(
            (arg, Interval(float(grid[j]), float(grid[j + 1])))
            for arg, grid, j in zip(inputs, grids, corner)
        )
        for op in ops:
            value = op.results[0]
            try:
                interval = op_range(op, [box[v] for v in op.operands])
            except OverflowError:
                interval = ranges[value]
            box[value] = interval
            hull = hulls.setdefault(value, [math.inf, -math.inf])
            hull[0], hull[1] = min(hull[0], interval.lo), max(hull[1], interval.hi)
    refined = dict(ranges)
    for value, (lo, hi) in hulls.items():
        whole = ranges[value]
        refined[value] = Interval(max(lo, whole.lo), min(hi, whole.hi))
    return refined


def _repeated_inputs(function: func.FuncOp, ops: list[Operation]) -> list[SSAValue]:
    """The inputs that reach some op through two of its operands: interval arithmetic is
    exact, to rounding, on an expression that uses each input once, so only splitting
    these tightens it."""
    reaches: dict[SSAValue, int] = {arg: 1 << i for i, arg in enumerate(function.args)}
    repeated = 0
    for op in ops:
        seen = 0
        for operand in op.operands:
            mask = reaches.get(operand, 0)
            repeated |= seen & mask
            seen |= mask
        reaches[op.results[0]] = seen
    return [arg for i, arg in enumerate(function.args) if repeated >> i & 1]
