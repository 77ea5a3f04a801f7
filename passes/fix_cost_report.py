"""`fix-cost-report`: annotate every `fix` op with its estimated pipeline stage and delay.

The estimate is `srcc.analysis.schedule.estimate` at the given clock: each op gets
`fix.stage` (the 0-based pipeline stage its result is ready in) and `fix.delay_ns` (its
modelled delay).
"""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.dialects.builtin import FloatAttr, IntegerAttr, f64, i64
from xdsl.passes import ModulePass

from srcc.analysis.schedule import DEFAULT_UNCERTAINTY, estimate


@dataclass(frozen=True)
class FixCostReportPass(ModulePass):
    """Annotate every `fix` op with its estimated pipeline stage and delay."""

    name = "fix-cost-report"

    # `int` too: xDSL's option parser reads `clock_ns=4` as an int.
    clock_ns: float | int = 5.0
    uncertainty: float | int = DEFAULT_UNCERTAINTY

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in op.walk():
            if isinstance(function, func.FuncOp):
                self.annotate(function)

    def annotate(self, function: func.FuncOp) -> None:
        report = estimate(function, float(self.clock_ns), float(self.uncertainty))
        ops = [op for op in function.body.block.ops if not isinstance(op, func.ReturnOp)]
        for op, row in zip(ops, report.per_op, strict=True):
            op.attributes["fix.stage"] = IntegerAttr(row.stage, i64)
            op.attributes["fix.delay_ns"] = FloatAttr(row.delay_ns, f64)
