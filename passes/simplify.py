"""
`simplify`: `canonicalize`, `sym-canonical-order` and `cse`, repeated until the module
stops changing.

`canonicalize` applies the ops' canonicalization patterns (`srcc.passes.canonicalization.sym`:
folding, identities, division by constants, power expansion) and removes dead ops;
`sym-canonical-order` sorts commutative operands so that `cse` merges `a * b` with `b * a`.
A merge can expose more patterns (`a * b - b * a` is `p - p`, then `0`), and moves
values, which the next sort puts back in order: hence the rounds.
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.transforms.canonicalize import CanonicalizePass
from xdsl.transforms.common_subexpression_elimination import CommonSubexpressionElimination

from srcc.passes.sym_canonical_order import SymCanonicalOrderPass

MAX_ROUNDS = 10
"""A bound on rounds; each pass runs to its own fixed point, so few are needed."""

ROUND: tuple[ModulePass, ...] = (
    CanonicalizePass(),
    SymCanonicalOrderPass(),
    CommonSubexpressionElimination(),
)


def ops_and_operands(module: ModuleOp) -> list[tuple[Operation | SSAValue, ...]]:
    """Every op, in order, with its operands.

    The passes of a round change a module only by replacing, erasing or moving ops and by
    changing operands, so this tells whether a round changed anything: ten times cheaper
    than comparing with a clone.
    """
    return [(op, *op.operands) for op in module.walk()]


class SimplifyPass(ModulePass):
    name = "simplify"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for _ in range(MAX_ROUNDS):
            before = ops_and_operands(op)
            for rewrite in ROUND:
                rewrite.apply(ctx, op)
            if ops_and_operands(op) == before:
                return
