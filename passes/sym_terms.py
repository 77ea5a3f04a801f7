"""Sums and products of `sym` as flat lists, for the passes that rewrite them
(`sym-factor`, `sym-join-inv`, `sym-merge-exp`, `sym-reassociate`, `sym-offset-ratio`).

A tree is followed through the ops only it reads: an operand with other users is a value
of its own (CSE shared it), so it stays a leaf and the rewrite leaves it computed once
(`monomial` also sees through a shared power of one base).
Walks are iterative: a 10,000-term sum is 10,000 levels deep.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.ir import Operation, SSAValue
from xdsl.pattern_rewriter import PatternRewriter

from srcc.dialects.sym import AddOp, ConstantOp, MulOp, NegOp, SubOp
from srcc.passes.canonicalization.sym import multiplication_chain


@dataclass
class Term:
    """`(-1 if negative) * coefficient * product(base ** power)`, one term of a flattened
    sum: `value` is the term as the sum read it."""

    negative: bool
    value: SSAValue
    coefficient: float
    powers: Counter[SSAValue]


def product_factors(value: SSAValue) -> list[SSAValue]:
    """The leaves of the `mul` tree rooted at `value`, left to right."""
    leaves: list[SSAValue] = []
    pending = [value]
    while pending:
        current = pending.pop()
        owner = current.owner
        if isinstance(owner, MulOp) and (current is value or current.has_one_use()):
            pending += [owner.rhs, owner.lhs]
        else:
            leaves.append(current)
    return leaves


def signed_terms(value: SSAValue) -> list[tuple[bool, SSAValue]]:
    """The leaves of the `add`/`sub`/`neg` tree rooted at `value`, each with whether it is
    subtracted, left to right."""
    leaves: list[tuple[bool, SSAValue]] = []
    pending = [(False, value)]
    while pending:
        negative, current = pending.pop()
        owner = current.owner
        inner = current is value or current.has_one_use()
        if inner and isinstance(owner, AddOp):
            pending += [(negative, owner.rhs), (negative, owner.lhs)]
        elif inner and isinstance(owner, SubOp):
            pending += [(not negative, owner.rhs), (negative, owner.lhs)]
        elif inner and isinstance(owner, NegOp):
            pending.append((not negative, owner.arg))
        else:
            leaves.append((negative, current))
    return leaves


def sum_terms(value: SSAValue) -> list[Term]:
    """The flattened sum rooted at `value`, each term a monomial (`monomial`)."""
    monomials: dict[SSAValue, tuple[float, Counter[SSAValue]]] = {}
    return [
        Term(negative, term, *monomial(term, monomials)) for negative, term in signed_terms(value)
    ]


def monomial(
    value: SSAValue, known: dict[SSAValue, tuple[float, Counter[SSAValue]]]
) -> tuple[float, Counter[SSAValue]]:
    """`value` as `coefficient * product(base ** power)`, remembered in `known` (so
    `x**1024` costs ten steps, not 1024). A `mul` read elsewhere too stays a base unless it
    is a power of one base: `u = s*t` shared is `u`, and `u*u` shared is still `u**2`."""
    pending = [value]
    while pending:
        current = pending[-1]
        if current in known:
            pending.pop()
            continue
        owner = current.owner
        if isinstance(owner, ConstantOp):
            known[current] = owner.number, Counter()
        elif not isinstance(owner, MulOp):
            known[current] = 1.0, Counter([current])
        elif owner.lhs in known and owner.rhs in known:
            (a, a_powers), (b, b_powers) = known[owner.lhs], known[owner.rhs]
            powers = a_powers + b_powers
            shared = current.has_more_than_one_use() and len(powers) > 1
            known[current] = (1.0, Counter([current])) if shared else (a * b, powers)
        else:
            pending += [owner.lhs, owner.rhs]
            continue
        pending.pop()
    return known[value]


def is_sum_root(op: Operation) -> bool:
    """Whether `op` (an `add` or `sub`) is the top of its sum: no single `add`, `sub` or
    `neg` reads it alone."""
    result = op.results[0]
    use = result.get_unique_use()
    return use is None or not isinstance(use.operation, AddOp | SubOp | NegOp)


def is_product_root(op: MulOp) -> bool:
    """Whether `op` is the top of its product: no single `mul` reads it alone."""
    use = op.result.get_unique_use()
    return use is None or not isinstance(use.operation, MulOp)


def product(factors: Sequence[SSAValue], ops: list[Operation]) -> SSAValue:
    """`factors` multiplied left to right, the new ops appended to `ops`."""
    result = factors[0]
    for factor in factors[1:]:
        ops.append(MulOp(result, factor))
        result = ops[-1].results[0]
    return result


def power_product(coefficient: float, powers: Counter[SSAValue], ops: list[Operation]) -> SSAValue:
    """`coefficient * product(base ** power)`, each power by repeated squaring (the chains
    CSE then shares with other powers of the same base), new ops appended."""
    factors = []
    for base, power in powers.items():
        if power == 1:
            factors.append(base)
        elif power > 1:
            ops += multiplication_chain(base, power)
            factors.append(ops[-1].results[0])
    if coefficient != 1.0 or not factors:
        ops.append(ConstantOp(coefficient))
        factors.append(ops[-1].results[0])
    return product(factors, ops)


def signed_sum(terms: Sequence[tuple[bool, SSAValue]], ops: list[Operation]) -> SSAValue:
    """The sum of `terms` (each subtracted or added) left to right, new ops appended."""
    negative, result = terms[0]
    if negative:
        ops.append(NegOp(result))
        result = ops[-1].results[0]
    for negative, term in terms[1:]:
        ops.append(SubOp(result, term) if negative else AddOp(result, term))
        result = ops[-1].results[0]
    return result


def owned(leaves: list[SSAValue], kind: type[Operation]) -> list[int]:
    """The positions in `leaves` (a product's) of the results of `kind` ops that nothing
    outside the product reads: rewriting them leaves no op computed twice."""
    counts = Counter(leaves)
    return [
        index
        for index, leaf in enumerate(leaves)
        if isinstance(leaf.owner, kind) and counts[leaf] == leaf.uses.get_length()
    ]


def replace_product(
    rewriter: PatternRewriter,
    op: MulOp,
    leaves: list[SSAValue],
    merged: list[int],
    ops: list[Operation],
) -> None:
    """Replace the product `op` of `leaves` by the last of `ops` (what the `merged` leaves
    became) times the other leaves, in their order, at the first merged leaf's place."""
    value = ops[-1].results[0]
    kept = [
        value if i == merged[0] else leaf
        for i, leaf in enumerate(leaves)
        if i == merged[0] or i not in merged
    ]
    product(kept, ops)
    for new in ops:
        new.location = op.location
    rewriter.replace(op, ops)
