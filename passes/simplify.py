"""
`simplify`: the algebraic passes plus common-subexpression and dead-code elimination,
repeated until the module stops changing.

Each round folds constants, applies identities, turns divisions by constants and integer
powers into multiplications, sorts commutative operands, then merges equal ops and
removes dead ones.
"""

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass
from xdsl.transforms.common_subexpression_elimination import CommonSubexpressionElimination
from xdsl.transforms.dead_code_elimination import DeadCodeElimination

from srcc.passes.sym_canonical_order import SymCanonicalOrderPass
from srcc.passes.sym_div_by_constant import SymDivByConstantPass
from srcc.passes.sym_expand_powi import SymExpandPowiPass
from srcc.passes.sym_fold import SymFoldPass
from srcc.passes.sym_identities import SymIdentitiesPass

MAX_ROUNDS = 10
"""A bound on rounds; each round's rewrites run to a fixed point, so few are needed."""


def op_count(module: ModuleOp) -> int:
    return sum(1 for _ in module.walk())


class SimplifyPass(ModulePass):
    name = "simplify"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        for _ in range(MAX_ROUNDS):
            if not self.round(ctx, op):
                return

    @staticmethod
    def round(ctx: Context, module: ModuleOp) -> bool:
        """One round of every pass; whether anything changed."""
        changed = False
        for rewrite in (
            SymFoldPass(),
            SymIdentitiesPass(),
            SymDivByConstantPass(),
            SymExpandPowiPass(),
            SymCanonicalOrderPass(),
        ):
            changed |= rewrite.rewrite(module)
        ops_before = op_count(module)
        CommonSubexpressionElimination().apply(ctx, module)
        DeadCodeElimination().apply(ctx, module)
        return changed or op_count(module) != ops_before
