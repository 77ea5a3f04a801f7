"""`sym-fold`: exact constant folding of `sym` ops whose operands are all constants."""

import numpy as np
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

from srcc.dialects.sym import BinaryOp, ConstantOp, PowiOp, UnaryOp, constant_value


def fold(op: UnaryOp | BinaryOp | PowiOp, *operands: float) -> float | None:
    """What `op` computes from constant operands, by its own `evaluate`; None if not finite."""
    with np.errstate(all="ignore"):
        value = float(op.evaluate(*(np.float64(operand) for operand in operands)))
    return value if np.isfinite(value) else None


class FoldConstantOperands(RewritePattern):
    """An op of constants becomes the constant it computes, when that is finite."""

    @op_type_rewrite_pattern
    def match_and_rewrite(
        self, op: UnaryOp | BinaryOp | PowiOp, rewriter: PatternRewriter, /
    ) -> None:
        operands = [constant_value(operand) for operand in op.operands]
        if any(operand is None for operand in operands):
            return
        if (value := fold(op, *operands)) is not None:
            rewriter.replace(op, ConstantOp(value))


class SymFoldPass(ModulePass):
    name = "sym-fold"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        self.rewrite(op)

    def rewrite(self, module: ModuleOp) -> bool:
        """Fold `module` in place; whether anything changed."""
        walker = PatternRewriteWalker(GreedyRewritePatternApplier([FoldConstantOperands()]))
        return walker.rewrite_module(module)
