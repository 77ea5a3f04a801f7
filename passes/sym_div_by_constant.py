"""`sym-div-by-constant`: `x / c` becomes `x * (1/c)`; a multiplier is cheaper than a divider."""

import math

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import ConstantOp, DivOp, MulOp, constant_value


class DivToMulByReciprocal(RewritePattern):
    """`x / c` is `x * (1/c)` when c is non-zero and 1/c is finite."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: DivOp, rewriter: PatternRewriter, /) -> None:
        divisor = constant_value(op.rhs)
        if divisor is None or divisor == 0.0 or not math.isfinite(1.0 / divisor):
            return
        reciprocal = ConstantOp(1.0 / divisor)
        rewriter.replace(op, [reciprocal, MulOp(op.lhs, reciprocal)])


class SymDivByConstantPass(ModulePass):
    name = "sym-div-by-constant"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        self.rewrite(op)

    def rewrite(self, module: ModuleOp) -> bool:
        """Rewrite divisions by constants in place; whether anything changed."""
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([DivToMulByReciprocal()]))
        return walker.rewrite_module(module)
