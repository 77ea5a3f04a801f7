"""
`sym-expand-powi`: integer powers become multiplications by repeated squaring.

`x ** n` for n >= 2 takes about log2(n) squarings plus one multiplication per set bit
of n (`x ** 4`: two, `x ** 5`: three); `x ** -n` is `inv` of `x ** n`. `sym.square` and
`sym.cube` are powers too.
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import CubeOp, InvOp, MulOp, PowiOp, SquareOp


def multiplication_chain(base: SSAValue, exponent: int) -> list[Operation]:
    """Ops computing `base ** exponent` (exponent >= 2), most significant bit first."""
    ops: list[Operation] = []
    value = base
    for bit in bin(exponent)[3:]:
        ops.append(MulOp(value, value))
        value = ops[-1].results[0]
        if bit == "1":
            ops.append(MulOp(base, value))
            value = ops[-1].results[0]
    return ops


def exponent_of(op: PowiOp | SquareOp | CubeOp) -> int:
    if isinstance(op, PowiOp):
        return op.exponent.data
    return 2 if isinstance(op, SquareOp) else 3


class ExpandPower(RewritePattern):
    """`x ** n` becomes a multiplication chain, inverted when n < 0."""

    @op_type_rewrite_pattern
    def match_and_rewrite(
        self, op: PowiOp | SquareOp | CubeOp, rewriter: PatternRewriter, /
    ) -> None:
        exponent = exponent_of(op)
        ops = multiplication_chain(op.arg, abs(exponent)) if abs(exponent) > 1 else []
        if exponent < 0:
            ops.append(InvOp(ops[-1] if ops else op.arg))
        rewriter.replace(op, ops)


class SymExpandPowiPass(ModulePass):
    name = "sym-expand-powi"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        self.rewrite(op)

    def rewrite(self, module: ModuleOp) -> bool:
        """Expand every power in place; whether anything changed."""
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([ExpandPower()]))
        return walker.rewrite_module(module)
