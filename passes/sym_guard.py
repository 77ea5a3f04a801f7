"""`sym-guard`: keep functions singular at 0 away from it where their argument reaches it.

`sym-guard{eps=0.01}` marks every `sym.log`, `sym.log_abs`, `sym.inv` and `sym.sqrt` whose
argument range (with the guards upstream in force) reaches the function's singular point
with `sym.guard = eps : f64`; without `eps`, each op gets the default of
`srcc.analysis.guards` (a power of two at most 1/256 of its argument's extent). Ops whose
argument stays clear of 0 are left alone. It runs after `sym-div-to-inv`, so divisions and
negative powers are `sym.inv` by then.
"""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.dialects.builtin import FloatAttr, f64
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.guards import guard_eps, reaches_singularity
from srcc.analysis.range_analysis import ranged_ops
from srcc.dialects import sym


@dataclass(frozen=True)
class SymGuardPass(ModulePass):
    """Guard every op whose argument reaches its singular point."""

    name = "sym-guard"

    eps: float | None = None
    """The half-width of every excluded region; none: each op's default."""

    def __post_init__(self) -> None:
        if self.eps is not None and not 0.0 < self.eps < float("inf"):
            raise DiagnosticException(f"guard eps must be positive and finite, got {self.eps}")

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in op.walk():
            if isinstance(function, func.FuncOp):
                self._guard(function)

    def _guard(self, function: func.FuncOp) -> None:
        for op, args in ranged_ops(function):
            if (
                isinstance(op, sym.UnaryOp)
                and op.guard is None
                and reaches_singularity(op, args[0])
            ):
                eps = guard_eps(op, args[0], self.eps)
                if eps is not None:
                    op.attributes[sym.GUARD_ATTR] = FloatAttr(eps, f64)
