"""
`sym-canonical-order`: a deterministic operand order for commutative ops.

`sym.add` and `sym.mul` get their operands sorted so that common-subexpression
elimination sees `a * b` and `b * a` as the same op. Non-constants come first, in the
order they are defined (block arguments by index, then op results by position in the
IR); constants come second (`x + 1.0`, `x * 2.0`). Positions only depend on the IR, so
the order is the same on every run.

The order is a whole-module one: positions are numbered once per run, in one walk,
where asking each op for its index in its block would be quadratic.
"""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import BlockArgument, Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import (
    GreedyRewritePatternApplier,
    PatternRewriter,
    PatternRewriteWalker,
    RewritePattern,
    op_type_rewrite_pattern,
)

from srcc.dialects.sym import AddOp, MulOp, constant_value


@dataclass
class SortCommutativeOperands(RewritePattern):
    """Swap the operands of `add` and `mul` that are out of canonical order."""

    positions: dict[Operation, int]
    """Each op's position in a walk of the module, fixed before rewriting."""

    def sort_key(self, value: SSAValue) -> tuple[bool, bool, int]:
        """Constants last; block arguments before op results; then by position."""
        if isinstance(value, BlockArgument):
            return (False, False, value.index)
        assert isinstance(value.owner, Operation)
        return (constant_value(value) is not None, True, self.positions[value.owner])

    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: AddOp | MulOp, rewriter: PatternRewriter, /) -> None:
        if self.sort_key(op.rhs) < self.sort_key(op.lhs):
            op.operands = (op.rhs, op.lhs)
            rewriter.notify_op_modified(op)


class SymCanonicalOrderPass(ModulePass):
    name = "sym-canonical-order"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        positions = {nested: index for index, nested in enumerate(op.walk())}
        pattern = SortCommutativeOperands(positions)
        walker = PatternRewriteWalker(
            GreedyRewritePatternApplier([pattern], dce_enabled=False), apply_recursively=False
        )
        walker.rewrite_module(op)
