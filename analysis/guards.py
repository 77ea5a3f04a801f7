"""Guards: functions singular at 0 kept computable over ranges that reach 0.

`log(u)`, `log|u|`, `1/u` (so `u**-k` and divisions) and `sqrt(u)` (PySR's `safe_log`,
`safe_sqrt`, `safe_pow` return NaN off their domain) have no fixed-point value, or none at
all, near 0. When an op's argument range reaches its singular point, `sym-guard` keeps the
argument at least eps away from 0 (`sym.guard`, semantics in `sym.Singularity`): the range
analysis, the table and the types then see only the guarded arguments, and the float64
reference applies the same guard, so bounds are proven as usual. Inputs whose guarded
argument lies in the excluded region (|u| < eps, or u < eps for log and sqrt) are where the
model differs from the unguarded expression: the error bound holds everywhere else.

By default eps is the largest power of two at most 1/256 of the argument's extent (its
largest magnitude, or its upper end for log and sqrt).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from xdsl.dialects import func
from xdsl.ir import Operation
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.interval import Interval
from srcc.analysis.range_analysis import describe, ranged_ops
from srcc.dialects import sym

GUARD_FRACTION = 256
"""The default eps is at most the argument's extent over this."""


def reaches_singularity(op: sym.UnaryOp, arg: Interval) -> bool:
    """Whether the op's argument, after its `sym.domain` clamp, reaches the point where the
    function is singular or undefined."""
    singularity = op.SINGULARITY
    if singularity is None:
        return False
    domain = op.domain
    if domain is not None:
        arg = arg.clip(domain.lo, domain.hi)
    if singularity is sym.Singularity.NONZERO:
        return arg.contains(0.0)
    if singularity is sym.Singularity.POSITIVE:
        return arg.lo <= 0.0
    return arg.lo < 0.0


def extent(op: sym.UnaryOp, arg: Interval) -> float:
    """How far the guarded argument reaches from 0: its largest magnitude, or its upper end
    for a function defined only above 0."""
    return arg.magnitude if op.SINGULARITY is sym.Singularity.NONZERO else arg.hi


def default_eps(reach: float) -> float:
    """The largest power of two at most reach / GUARD_FRACTION."""
    return math.ldexp(1.0, math.floor(math.log2(reach / GUARD_FRACTION)))


def guard_eps(op: sym.UnaryOp, arg: Interval, eps: float | None) -> float | None:
    """The eps `sym-guard` gives an op whose argument reaches its singular point (`eps`, or
    the default), None when no eps leaves any argument (log of a range <= 0): range
    analysis then reports the op as undefined."""
    reach = extent(op, arg)
    if reach <= 0.0:
        return None
    if eps is None:
        return default_eps(reach)
    if eps >= reach:
        raise DiagnosticException(
            f"guard eps {eps:g} of {describe(op)} leaves nothing of its argument's range "
            f"{arg}: give an eps below {reach:g}"
        )
    return eps


def needs_guard(function: func.FuncOp) -> bool:
    """Whether some op of the function reaches its singular point (a division or a negative
    power by a range holding 0 too: they become `inv`), so that `sym-guard` has work.
    Stops at the first op range analysis rejects for another reason (its diagnostic then
    comes from the pipeline)."""
    try:
        return any(_singular(op, args) for op, args in ranged_ops(function))
    except DiagnosticException:
        return False


def _singular(op: Operation, args: list[Interval]) -> bool:
    if isinstance(op, sym.UnaryOp):
        return op.guard is None and reaches_singularity(op, args[0])
    if isinstance(op, sym.DivOp):
        return args[1].contains(0.0)
    return isinstance(op, sym.PowiOp) and op.exponent.data < 0 and args[0].contains(0.0)


@dataclass(frozen=True)
class Guard:
    """One guard as reports give it: the op, the region of its argument it excludes, and
    what the op returns there."""

    operator: str
    """The op and where it came from: `sym.log_abs at <expr>:1:9`."""
    function: str
    eps: float
    excluded: tuple[float, float]
    """The excluded region of the argument: (-eps, eps), or [lo, eps) for log and sqrt."""
    returns: str
    """The value the op computes for arguments in the excluded region."""
    around_zero: bool
    """Whether the region is (-eps, eps) (log_abs, inv), not [lo, eps)."""

    def excludes(self, argument: np.ndarray) -> np.ndarray:
        """Which argument values lie in the excluded region."""
        if self.around_zero:
            return np.abs(argument) < self.eps
        return argument < self.eps

    def to_dict(self) -> dict[str, object]:
        return {
            "operator": self.operator,
            "function": self.function,
            "eps": self.eps,
            "excluded": list(self.excluded),
            "returns": self.returns,
        }

    def describe(self) -> str:
        lo, hi = self.excluded
        opening = "(" if self.around_zero else "["
        return f"{self.operator}: argument in {opening}{lo:.4g}, {hi:.4g}) returns {self.returns}"


def guards(function: func.FuncOp) -> list[Guard]:
    """The guards of a `sym` function (its ops carrying `sym.guard`), in op order."""
    return [
        _guard(op, args[0], op.guard)
        for op, args in ranged_ops(function)
        if isinstance(op, sym.UnaryOp) and op.guard is not None
    ]


def guarded_ops(function: func.FuncOp) -> list[sym.UnaryOp]:
    """The ops of a `sym` function that carry `sym.guard`, in op order (as `guards`)."""
    return [
        op for op in function.body.block.ops if isinstance(op, sym.UnaryOp) and op.guard is not None
    ]


def _guard(op: sym.UnaryOp, arg: Interval, eps: float) -> Guard:
    function = op.name.removeprefix("sym.")
    at_eps = float(op.NUMPY_FN(np.array([eps]))[0])
    if op.SINGULARITY is sym.Singularity.NONZERO:
        excluded = (-eps, eps)
        at_minus_eps = float(op.NUMPY_FN(np.array([-eps]))[0])
        if at_minus_eps == at_eps:
            returns = f"{function}(eps) = {at_eps:.6g}"
        else:
            returns = (
                f"{function}(eps) = {at_eps:.6g} for arguments >= 0, "
                f"{function}(-eps) = {at_minus_eps:.6g} below"
            )
    else:
        excluded = (min(arg.lo, eps), eps)
        returns = f"{function}(eps) = {at_eps:.6g}"
    around_zero = op.SINGULARITY is sym.Singularity.NONZERO
    return Guard(describe(op), function, eps, excluded, returns, around_zero)
