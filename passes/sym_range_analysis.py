"""`sym-range-analysis`: record the interval of every `sym` value as its `sym.range`."""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.passes import ModulePass

from srcc.analysis.range_analysis import RangeAnalysis
from srcc.dialects import sym


@dataclass(frozen=True)
class SymRangeAnalysisPass(ModulePass):
    """Annotate every `sym` op with the interval of its result (`sym.range`)."""

    name = "sym-range-analysis"

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in op.walk():
            if not isinstance(function, func.FuncOp):
                continue
            analysis = RangeAnalysis.of(function)
            for inner in function.body.block.ops:
                if inner.results:
                    inner.attributes[sym.RANGE_ATTR] = analysis[inner.results[0]].to_attr()
