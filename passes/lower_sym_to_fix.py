"""Lower `sym` to `fix`: every value gets the format its precision plan chose.

Each `sym` op becomes the exact `fix` op of the same meaning followed, where the exact
result is wider than the planned format, by a `fix.cast` that truncates (AP_TRN) and wraps
(AP_WRAP): both free in hardware, and the plan guarantees the wrap never happens inside
the declared ranges. Inputs are clamped to their declared range (rounded inward) when
their type could hold values outside it, so nothing downstream leaves its analysed range.

The pass `lower-sym-to-fix` runs range analysis and planning itself; `precision` is
`auto` (fractional bits from the error budget, `output_error` absolute per output,
default 2**-10 of each output's magnitude) or a uniform `ap_fixed<W,I>` as hls4ml uses.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from fractions import Fraction

from xdsl.context import Context
from xdsl.dialects import builtin, func
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects import fix, sym
from srcc.passes.fixed_format import quantise_nearest, wrap_into
from srcc.passes.lut_tables import Table
from srcc.passes.precision import (
    ErrorModel,
    Plan,
    Planner,
    TableOptions,
    default_budgets,
    table_function,
    uniform_plan,
)
from srcc.passes.range_analysis import RangeAnalysis


def parse_precision(text: str) -> fix.FixType:
    """The signed type a user spells `ap_fixed<16,6>`: formats srcc chooses are signed."""
    try:
        type_ = fix.parse_cxx(text)
    except ValueError as error:
        raise DiagnosticException(f"precision {error}") from None
    if not type_.signed:
        raise DiagnosticException(f"precision {text!r} must be a signed ap_fixed<W,I>")
    return type_


def make_plan(
    function: func.FuncOp,
    precision: str = "auto",
    output_error: list[float] | None = None,
    max_width: int | None = None,
    input_formats: list[fix.FixType] | None = None,
    table_options: TableOptions | None = None,
) -> Plan:
    """Range analysis, error model and the choice of formats for one `sym` function."""
    model = ErrorModel(function, RangeAnalysis.of(function), table_options or TableOptions())
    if precision != "auto":
        return uniform_plan(model, parse_precision(precision))
    budgets = output_error if output_error is not None else default_budgets(model)
    fixed = dict(zip(function.args, input_formats)) if input_formats else {}
    return Planner(model, budgets, max_width, fixed).plan()


@dataclass
class _Lowering:
    plan: Plan
    clamp_inputs: bool
    block: Block
    values: dict[SSAValue, SSAValue]

    def add(self, op: Operation) -> SSAValue:
        self.block.add_op(op)
        return op.results[0]

    def cast(
        self, value: SSAValue, fmt: fix.FixType, modes: fix.Modes = fix.DEFAULT_MODES
    ) -> SSAValue:
        if value.type == fmt:
            return value
        return self.add(fix.CastOp(value, fmt, *modes))

    def constant(self, value: Fraction, fmt: fix.FixType) -> SSAValue:
        return self.add(fix.ConstantOp.from_value(value, fmt))

    def input(self, arg: SSAValue, fmt: fix.FixType, declared: tuple[float, float]) -> SSAValue:
        if not self.clamp_inputs:
            return arg
        scale = Fraction(2) ** fmt.frac_bits
        lo = Fraction(math.ceil(Fraction(declared[0]) * scale)) / scale
        hi = Fraction(math.floor(Fraction(declared[1]) * scale)) / scale
        value = arg
        if lo > fmt.min_value:
            value = self.cast(self.add(fix.MaxOp(value, self.constant(lo, fmt))), fmt)
        if hi < fmt.max_value:
            value = self.cast(self.add(fix.MinOp(value, self.constant(hi, fmt))), fmt)
        return value

    def lower(self, op: Operation) -> None:
        result = op.results[0]
        fmt = self.plan.formats[result]
        if isinstance(op, sym.ConstantOp):
            # Only a uniform type can be too narrow for a constant: it then wraps, as an
            # ap_fixed constant does, and the plan already counts its outputs as unbounded.
            value = wrap_into(quantise_nearest(op.number, fmt.frac_bits), fmt)
            self.values[result] = self.constant(value, fmt)
            return
        operands = [self.values[v] for v in op.operands]
        if table_function(op) is not None:
            table = self.plan.tables[op]
            arg = operands[0]
            if table.turns is not None:
                arg = self.add(fix.MulOp(arg, self.constant(table.turns, turns_format(table))))
            exact = self.add(lut_op(arg, table))
        else:
            exact = self.add(_FIX_OPS[type(op)](*operands))
        self.values[result] = self.cast(exact, fmt)


_FIX_OPS: dict[type[Operation], type[Operation]] = {
    sym.AddOp: fix.AddOp,
    sym.SubOp: fix.SubOp,
    sym.MulOp: fix.MulOp,
    sym.NegOp: fix.NegOp,
    sym.AbsOp: fix.AbsOp,
    sym.ReluOp: fix.ReluOp,
    sym.SignOp: fix.SignOp,
}


def turns_format(table: Table) -> fix.FixType:
    """The format of a periodic table's constant ĉ ≈ 1/(2π): exact, in [-0.5, 0.5)."""
    assert table.turns is not None
    return fix.FixedType.from_bits(0, table.turns.denominator.bit_length() - 1)


def lut_op(arg: SSAValue, table: Table) -> fix.LutOp:
    return fix.LutOp(
        arg,
        table.entry_format,
        function=table.function,
        shift=table.shift,
        offset=table.offset,
        entries=table.entries,
        mode=fix.LutMode(table.mode),
        symmetry=fix.LutSymmetry(table.symmetry),
        interpolate=table.interpolate,
        max_error=table.max_error,
        lipschitz=min(table.lipschitz, sys.float_info.max),
    )


def common_format(formats: list[fix.FixType]) -> fix.FixType:
    """The narrowest signed format holding every value of each of `formats` (all signed)."""
    return fix.FixedType.from_bits(
        max(f.int_bits for f in formats), max(f.frac_bits for f in formats)
    )


def lower_function(function: func.FuncOp, plan: Plan, clamp_inputs: bool = True) -> func.FuncOp:
    """A new `fix` function computing `function` in the formats of `plan`.

    Its arguments share one type (input_t) and its results another (output_t), as the HLS
    top function's arrays require: each input is rounded (nearest, ties to even, saturating)
    into its own format, each output widened exactly into output_t."""
    args = list(function.args)
    used = [a for a in args if a.uses] or args
    input_t = common_format([plan.formats[a] for a in used])
    block = Block(arg_types=[input_t] * len(args))
    lowering = _Lowering(plan, clamp_inputs, block, {})
    ranges = RangeAnalysis.of(function)
    for arg, new_arg in zip(args, block.args):
        new_arg.name_hint = arg.name_hint
        if not arg.uses:
            continue
        fmt = plan.formats[arg]
        rounded = lowering.cast(new_arg, fmt, fix.INPUT_ROUNDING)
        interval = ranges[arg]
        lowering.values[arg] = lowering.input(rounded, fmt, (interval.lo, interval.hi))
    body_ops = list(function.body.block.ops)
    for op in body_ops[:-1]:
        lowering.lower(op)
    results = body_ops[-1].operands
    output_t = common_format([plan.formats[v] for v in results])
    outputs = [lowering.cast(lowering.values[v], output_t) for v in results]
    block.add_op(func.ReturnOp(*outputs))
    lowered = func.FuncOp(
        function.sym_name.data,
        builtin.FunctionType.from_lists(block.arg_types, [v.type for v in outputs]),
        Region(block),
        arg_attrs=function.arg_attrs,
    )
    return lowered


@dataclass(frozen=True)
class LowerSymToFixPass(ModulePass):
    """Range analysis, precision planning and lowering of every `sym` function to `fix`."""

    name = "lower-sym-to-fix"

    precision: str = "auto"
    output_error: float | None = None
    max_width: int | None = None

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for function in list(op.walk()):
            if not isinstance(function, func.FuncOp):
                continue
            outputs = len(function.function_type.outputs.data)
            budgets = None if self.output_error is None else [self.output_error] * outputs
            plan = make_plan(function, self.precision, budgets, self.max_width)
            lowered = lower_function(function, plan, clamp_inputs=self.precision == "auto")
            function.detach()
            op.body.block.add_op(lowered)
