"""`sym-table-override`: fix the table of every op of one function.

`sym-table-override{function="sin" size=1024 domain=-8.0,8.0}` marks every `sym.sin` with
`sym.table_size = 1024` (its table's entries, a power of two) and `sym.domain = [-8.0, 8.0]`
(its argument is clamped into this interval first, in the reference semantics too, and the
table covers exactly it). `lower-sym-to-fix` designs the tables of marked ops from them.
It runs after simplification, so that it marks the ops the rewrites made (a division's
`sym.inv`) and no rewrite drops a mark.
"""

import math
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import builtin
from xdsl.dialects.builtin import IntegerAttr, i64
from xdsl.ir import Attribute
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.precision import TABLE_FUNCTIONS
from srcc.dialects import sym


@dataclass(frozen=True)
class SymTableOverridePass(ModulePass):
    """Mark every op of `function` with the table size and/or domain given."""

    name = "sym-table-override"

    function: str
    size: int | None = None
    domain: tuple[int | float, ...] = ()
    """`lo, hi`."""

    def __post_init__(self) -> None:
        if self.function not in TABLE_FUNCTIONS:
            known = ", ".join(sorted(TABLE_FUNCTIONS))
            raise DiagnosticException(f"{self.function!r} is not a table function ({known})")
        if self.size is not None and (self.size < 2 or self.size & (self.size - 1)):
            raise DiagnosticException(f"table size must be a power of two >= 2, got {self.size}")
        if self.domain and (
            len(self.domain) != 2
            or not all(math.isfinite(bound) for bound in self.domain)
            or self.domain[0] > self.domain[1]
        ):
            raise DiagnosticException(f"domain must be lo,hi with lo <= hi, got {self.domain}")

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        marks: dict[str, Attribute] = {}
        if self.size is not None:
            marks[sym.TABLE_SIZE_ATTR] = IntegerAttr(self.size, i64)
        if self.domain:
            marks[sym.DOMAIN_ATTR] = sym.IntervalAttr(*self.domain)
        for target in op.walk():
            if isinstance(target, sym.UnaryOp) and target.name == f"sym.{self.function}":
                target.attributes.update(marks)
