"""`sym-composite`: one table for a whole chain of one value.

A function of one value only (an input, or a value computed from several) that holds an
elementary function and more arithmetic, such as `x**3/(exp(x) - 1)` of the input x or
`1/(exp(u) - 1)` of u = E/(k*T), costs a table per function and rounds at every step
when each op lowers on its own. This pass replaces each maximal such subexpression by one
`sym.composite` whose body it is, which `lower-sym-to-fix` turns into one `fix.lut` of the
whole function, designed and proven by `srcc.analysis.composite_tables`.

A subexpression is extended through an op only if every op that reads its result is in
the same chain (a value that other chains read too is computed once, as before, and they
start from it), and only through smooth ops: add, sub, mul, div, neg, integer powers, and
the elementary functions of `composite_tables.SIGNS` that carry no clamp, size or guard
fixed by the user. Product trees are reassociated first so that factors that are
functions of one value and hold such a function multiply together (3*p*cos(t)*sin(t)
holds the chain cos(t)*sin(t) of t). A chain is fused when it holds one such function and
at least one more op that is not a constant or a negation, has at most `MAX_BODY` ops,
and `composite_tables.fuses` accepts it: its function and slope are bounded over the
value's range and its largest table is at least as accurate as the chain's tables, as
far as they reach the result; otherwise the chain stays as it was.

    %0 = sym.exp %x                        %3 = sym.composite %x {
    %1 = sym.constant -1.0                 ^bb0(%u: f64):
    %2 = sym.add %0, %1             ->       %0 = sym.exp %u
    %3 = sym.inv %2                          ...
                                             sym.yield %3
                                           }
"""

from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.dialects.builtin import f64
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.composite_tables import fusable, fuses, tabulated
from srcc.analysis.range_analysis import RangeAnalysis
from srcc.dialects import sym

MAX_BODY = 64
"""The most ops a composite's body holds: its enclosures cost time in proportion, and
lose tightness to repeated uses of the argument as bodies grow."""


def _readers(value: SSAValue) -> set[Operation]:
    return {use.operation for use in value.uses}


ROUNDS = 4
"""Walks that may split chains at shared values before every shared value is split."""


@dataclass
class _Chains:
    """Which one value each op's result is a function of, in one walk of the block."""

    source: dict[SSAValue, SSAValue] = field(default_factory=dict)
    shared: set[SSAValue] = field(default_factory=set)
    """Values that their readers see as themselves, not as their source: read by ops of
    different chains, so computed once for all."""

    def walk(self, ops: list[Operation]) -> None:
        """Each op's source. A value read by several ops joins their chain when all of them
        turn out to be in one chain (ending at one op); where they do not, it is shared and
        the walk repeats (at most `ROUNDS` times, then every value read by several ops is
        shared)."""
        for round_ in range(ROUNDS + 1):
            self.source.clear()
            for op in ops:
                self.add(op)
            roots = self.roots(ops)
            several = [op.results[0] for op in ops if len(_readers(op.results[0])) > 1]
            split = [
                v
                for v in several
                if v not in self.shared and self.source[v] is not v and roots[v.owner] is None
            ]
            if not split:
                return
            self.shared.update(several if round_ == ROUNDS - 1 else split)

    def roots(self, ops: list[Operation]) -> dict[Operation, Operation | None]:
        """The op each op's chain ends at (None where its readers' chains end at different
        ops, or it ends one itself while others read it too: it must be shared)."""
        roots: dict[Operation, Operation | None] = {}
        for op in reversed(ops):
            readers = _readers(op.results[0])
            if self.is_root(op):
                roots[op] = op if len(readers) == 1 else None
            else:
                ends = {roots.get(reader) for reader in readers}
                roots[op] = ends.pop() if len(ends) == 1 else None
        return roots

    def leaf(self, value: SSAValue) -> SSAValue:
        """What a reader of `value` sees it as a function of: its source when it can join
        the reader's chain (a smooth op not shared), else itself."""
        owner = value.owner
        if isinstance(owner, Operation) and fusable(owner) and value not in self.shared:
            return self.source[value]
        return value

    def add(self, op: Operation) -> None:
        result = op.results[0]
        if not fusable(op):
            self.source[result] = result
            return
        leaves = {self.leaf(v) for v in op.operands if sym.constant_value(v) is None}
        self.source[result] = leaves.pop() if len(leaves) == 1 else result

    def is_root(self, op: Operation) -> bool:
        """Whether `op` ends a chain: a function of one other value that some reader does
        not extend."""
        result = op.results[0]
        source = self.source[result]
        if source is result:
            return False
        return any(
            not fusable(reader) or self.source[reader.results[0]] is not source
            for reader in _readers(result)
        )

    def cone(self, root: Operation) -> list[Operation]:
        """The ops of the chain that ends at `root`, constants included."""
        source = self.source[root.results[0]]
        cone, stack = {root}, [root]
        while stack:
            for value in stack.pop().operands:
                owner = value.owner
                if value is source or not isinstance(owner, Operation) or owner in cone:
                    continue
                if isinstance(owner, sym.ConstantOp) or self.source.get(value) is source:
                    cone.add(owner)
                    if not isinstance(owner, sym.ConstantOp):
                        stack.append(owner)
        return list(cone)


def _qualifies(cone: list[Operation]) -> bool:
    tables = sum(tabulated(op) for op in cone)
    others = sum(not isinstance(op, sym.ConstantOp | sym.NegOp) for op in cone)
    return tables >= 1 and others >= 2 and len(cone) <= MAX_BODY


def _composite(source: SSAValue, cone: list[Operation], root: Operation) -> sym.CompositeOp:
    """A `sym.composite` of `source` whose body is a copy of the cone's ops."""
    block = Block(arg_types=[f64])
    mapping: dict[SSAValue, SSAValue] = {source: block.args[0]}
    for op in cone:
        block.add_op(op.clone(value_mapper=mapping))
    block.add_op(sym.YieldOp(mapping[root.results[0]]))
    composite = sym.CompositeOp(source, Region(block))
    composite.location = root.location
    return composite


def _replace(composite: sym.CompositeOp, cone: list[Operation], root: Operation) -> None:
    Rewriter.insert_op(composite, InsertPoint.before(root))
    root.results[0].replace_all_uses_with(composite.result)
    for op in reversed(cone):
        if not op.results[0].uses:
            Rewriter.erase_op(op)


def _body(function: func.FuncOp) -> list[Operation]:
    return [op for op in function.body.block.ops if not isinstance(op, func.ReturnOp)]


def _product_factor(value: SSAValue) -> bool:
    """Whether `value` is read once, by a product."""
    uses = list(value.uses)
    return len(uses) == 1 and isinstance(uses[0].operation, sym.MulOp)


def _factors(root: sym.MulOp) -> tuple[list[SSAValue], list[sym.MulOp]]:
    """The factors of the product tree whose root is `root` (through products that only
    the tree reads), in order, and the tree's products."""
    factors, products, stack = [], [], [root.results[0]]
    while stack:
        value = stack.pop()
        owner = value.owner
        if isinstance(owner, sym.MulOp) and (owner is root or _product_factor(value)):
            products.append(owner)
            stack += [owner.rhs, owner.lhs]
        else:
            factors.append(value)
    return factors, products


def _regrouped(factors: list[SSAValue], chains: _Chains) -> list[list[SSAValue]] | None:
    """The factors in groups by the one value each is a function of, those that hold a
    function first (so that their product is a chain: cos(t) * sin(t) of
    3 * p * cos(t) * sin(t)), constants last; None when no group of several holds a
    function."""
    groups: dict[SSAValue, list[SSAValue]] = {}
    for factor in factors:
        if sym.constant_value(factor) is None:
            groups.setdefault(chains.source.get(factor, factor), []).append(factor)
    chained = [
        group
        for group in groups.values()
        if len(group) > 1
        and any(isinstance(f.owner, Operation) and tabulated(f.owner) for f in group)
    ]
    if not chained:
        return None
    # The other groups stay together too: x * x is a square, whose range is >= 0.
    others = [group for group in groups.values() if not any(group is c for c in chained)]
    constants = [[factor] for factor in factors if sym.constant_value(factor) is not None]
    return [*chained, *others, *constants]


def _already(
    groups: list[list[SSAValue]], factors: list[SSAValue], products: list[sym.MulOp]
) -> bool:
    """Whether the tree multiplies the groups in this order already, left to right."""
    in_tree = {product.result for product in products}
    left_to_right = all(product.rhs not in in_tree for product in products)
    return left_to_right and [f for group in groups for f in group] == factors


def _multiply(values: list[SSAValue], before: Operation) -> SSAValue:
    product = values[0]
    for value in values[1:]:
        mul = sym.MulOp(product, value)
        mul.location = before.location
        Rewriter.insert_op(mul, InsertPoint.before(before))
        product = mul.result
    return product


def regroup_products(function: func.FuncOp, chains: _Chains) -> bool:
    """Reassociate each product tree so that the factors that are functions of one value
    multiply first, where they hold a function: their product is then a chain. `chains`:
    the function's; whether anything changed."""
    changed = False
    roots = [
        op for op in _body(function) if isinstance(op, sym.MulOp) and not _product_factor(op.result)
    ]
    for root in roots:
        factors, products = _factors(root)
        groups = _regrouped(factors, chains)
        if groups is None or len(groups) == 1 or _already(groups, factors, products):
            continue
        product = _multiply([_multiply(group, root) for group in groups], root)
        root.result.replace_all_uses_with(product)
        for old in products:
            if not old.result.uses:
                Rewriter.erase_op(old)
        changed = True
    return changed


def fuse_chains(function: func.FuncOp, max_log2_cells: int, max_width: int | None) -> None:
    """Replace each chain of `function` that qualifies by one `sym.composite`."""
    chains = _Chains()
    chains.walk(_body(function))
    if regroup_products(function, chains):
        chains = _Chains()
        chains.walk(_body(function))
    ops = _body(function)
    position = {op: index for index, op in enumerate(ops)}
    cones = [sorted(chains.cone(op), key=position.__getitem__) for op in ops if chains.is_root(op)]
    cones = [cone for cone in cones if _qualifies(cone)]
    if not cones:
        return
    ranges = RangeAnalysis.of(function)
    # Last chain first: an earlier chain's result may be a later one's source, and stays
    # the value the later one read until the earlier one is replaced.
    for cone in reversed(cones):
        root = cone[-1]
        source = chains.source[root.results[0]]
        composite = _composite(source, cone, root)
        tables = [ranges[op.operands[0]] for op in cone if tabulated(op)]
        if fuses(composite, ranges[source], tables, max_log2_cells, max_width):
            _replace(composite, cone, root)


@dataclass(frozen=True)
class SymCompositePass(ModulePass):
    """Fuse each chain of one value into one `sym.composite` (one table)."""

    name = "sym-composite"

    max_table_size: int = 1024
    """Entries per table, a power of two: the largest table `fuses` compares."""
    max_width: int | None = None
    """The width of table entries (`lower-sym-to-fix`'s cap), whose rounding `fuses` counts."""

    def __post_init__(self) -> None:
        size = self.max_table_size
        if size < 2 or size & (size - 1):
            raise DiagnosticException(f"max_table_size must be a power of two >= 2, got {size}")

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in [f for f in op.ops if isinstance(f, func.FuncOp)]:
            fuse_chains(function, self.max_table_size.bit_length() - 1, self.max_width)
