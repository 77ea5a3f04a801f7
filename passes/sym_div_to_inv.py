"""`sym-div-to-inv`: `x / y` becomes `x * inv(y)`.

Fixed-point firmware has no cheap divider: the reciprocal becomes a lookup table and the
product one multiplier. Divisions by constants are left to canonicalization (`x * (1/c)`).
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import DivOp, InvOp, MulOp, constant_value


class DivToMulByInverse(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DivOp, rewriter: PatternRewriter, /) -> None:
        if constant_value(op.rhs) is not None:
            return
        inverse = InvOp(op.rhs)
        inverse.location = op.location
        if constant_value(op.lhs) == 1.0:
            rewriter.replace(op, [inverse])
            return
        product = MulOp(op.lhs, inverse)
        product.location = op.location
        rewriter.replace(op, [inverse, product])


class SymDivToInvPass(ModulePass):
    name = "sym-div-to-inv"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        PatternRewriteWalker(DivToMulByInverse()).rewrite_module(op)
