"""Latency and resources of a `fix` function: ESTIMATES from a per-op delay model.

Nothing here runs a vendor tool. Each `fix` op gets a combinational delay and a resource
count, composed from the building blocks of the device model (`analysis/device_model.py`,
`ULTRASCALE_PLUS`); the function is then scheduled ASAP as an II=1 pipeline: delays
accumulate along every path, and a register (pipeline stage boundary) goes in wherever the
next op would push the accumulated delay past the clock period minus the clock
uncertainty. The figures are data-sheet-level approximations, good for comparing
expressions and for latency-aware symbolic regression; only synthesis gives real numbers.

Per-op model (w: the result width unless said otherwise):

- `fix.add`, `fix.sub`, `fix.neg`: an adder of w bits.
- `fix.min`/`fix.max`: comparator + mux; `fix.sign`: comparator (against 0) + 2-bit mux;
  `fix.abs`: negation + mux selected by the sign bit; `fix.relu`: mux selected by the sign
  bit (no comparator: the sign bit is the comparison).
- `fix.mul` by a constant (through shifts): the constant's shift-add tree or a multiplier
  of the variable's signed width by the constant's, whichever `shift_add_is_cheaper` picks
  (as the RTL lowering does); of two variables: a multiplier of the operands' signed widths
  (an unsigned operand counts one more bit).
- `fix.cast`: truncation (`trn`) and wrapping (`wrap`) are free wires; another rounding
  mode that drops fractional bits adds an adder; another overflow mode that drops range
  adds a comparator over the argument and a mux.
- `fix.shift`, `fix.constant`, and any op whose operands are all constants: free.
- `fix.lut`: index logic (even/odd symmetry: absolute value; quarter: a mirror level;
  clamp, when the argument type can leave the table: comparator + mux; wrap on a size
  that is not a power of two: adder + mux), the read from the storage its `fix.storage`
  names (the device model's rule when it names none), interpolation (a second read, a
  subtractor, a multiplier by the fraction bits, an adder) and a final negation for odd and
  quarter tables.

Flip-flops: every value that crosses a stage boundary costs its width per boundary (inputs
included; constants are wires; outputs are held to the last stage so that all leave
together); logic split across stages costs its result width per internal boundary, except
a multiplier in DSPs and a BRAM read, whose pipeline registers are their own (a table's
interpolation multiplier is not: the table's result is registered in fabric). Latency
counts the register boundaries on the way to the outputs: 0 means purely combinational.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from xdsl.dialects import func
from xdsl.dialects.builtin import StringAttr
from xdsl.ir import Operation, SSAValue
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.device_model import (
    FREE,
    ULTRASCALE_PLUS,
    DeviceModel,
    OpCost,
    adder,
    chain,
    comparator,
    constant_multiplier,
    logic_level,
    multiplier,
    shift_add_is_cheaper,
    table_read,
    table_storage,
)
from srcc.dialects import fix

ESTIMATE_NOTE = (
    "estimates from srcc's per-op delay and resource model (analysis/schedule.py),"
    " not synthesis results"
)


DEFAULT_UNCERTAINTY = 0.125
"""Clock uncertainty as a fraction of the period: Vivado HLS's default (Vitis HLS uses 27%)."""

_EPSILON_NS = 1e-9


# Per-op costs.


def _width(value: SSAValue) -> int:
    type_ = value.type
    assert isinstance(type_, fix.FixType)
    return type_.width


def _signed_width(value: SSAValue) -> int:
    """Bits as a signed multiplier operand: an unsigned one needs one more."""
    type_ = value.type
    assert isinstance(type_, fix.FixType)
    return type_.width + (not type_.signed)


def _result_width(op: Operation) -> int:
    return _width(op.results[0])


def _constant_raw(value: SSAValue) -> int | None:
    """The raw integer of a constant operand, through shifts (which keep the raw bits)."""
    owner = value.owner
    while isinstance(owner, fix.ShiftOp):
        owner = owner.arg.owner
    return owner.raw.data if isinstance(owner, fix.ConstantOp) else None


def _mul_cost(op: Operation, device: DeviceModel) -> OpCost:
    """A product by a constant is the shift-add tree or the multiplier, whichever the
    device model finds cheaper, as `lower-fix-to-hw` builds it by default."""
    assert isinstance(op, fix.MulOp)
    for constant, variable in ((op.lhs, op.rhs), (op.rhs, op.lhs)):
        raw = _constant_raw(constant)
        if raw is None:
            continue
        width = _result_width(op)
        if shift_add_is_cheaper(raw, width, _signed_width(variable), device):
            return constant_multiplier(raw, width, device)
        return multiplier(_signed_width(variable), raw.bit_length() + 1, device)
    return multiplier(_signed_width(op.lhs), _signed_width(op.rhs), device)


def _cast_cost(op: Operation, device: DeviceModel) -> OpCost:
    assert isinstance(op, fix.CastOp)
    source, target = op.arg.type, op.result.type
    assert isinstance(source, fix.FixType) and isinstance(target, fix.FixType)
    cost = FREE
    if op.round_mode is not fix.RoundingMode.TRN and target.frac_bits < source.frac_bits:
        cost = cost.then(adder(target.width, device))
    loses_range = target.value_of(target.max_raw) < source.value_of(source.max_raw) or (
        target.value_of(target.min_raw) > source.value_of(source.min_raw)
    )
    if op.overflow_mode is not fix.OverflowMode.WRAP and loses_range:
        cost = cost.then(comparator(source.width, device).then(logic_level(target.width, device)))
    return cost


def _index_range(op: fix.LutOp) -> tuple[int, int]:
    """The table index j before clamping or wrapping, over every argument value."""
    arg_type = op.arg.type
    assert isinstance(arg_type, fix.FixType)
    low, high = arg_type.min_raw, arg_type.max_raw
    if op.lut_symmetry in (fix.LutSymmetry.EVEN, fix.LutSymmetry.ODD):
        low, high = max(low, 0), max(abs(low), high)
    shift = op.index_shift
    scale: Callable[[int], int] = (lambda r: r >> shift) if shift >= 0 else (lambda r: r << -shift)
    return scale(low) - op.offset.data, scale(high) - op.offset.data


def _lut_cells(op: fix.LutOp) -> int:
    count = len(op.table)
    if op.interpolated:
        return count - 1
    return 4 * count if op.lut_symmetry is fix.LutSymmetry.QUARTER else count


def _lut_index_cost(op: fix.LutOp, device: DeviceModel) -> OpCost:
    cells = _lut_cells(op)
    index_bits = max(1, (cells - 1).bit_length())
    arg_width = _width(op.arg)
    cost = FREE
    if op.lut_symmetry in (fix.LutSymmetry.EVEN, fix.LutSymmetry.ODD):
        cost = cost.then(adder(arg_width, device)).then(logic_level(arg_width, device))
    if op.lut_symmetry is fix.LutSymmetry.QUARTER:
        cost = cost.then(logic_level(index_bits, device))
    low, high = _index_range(op)
    if op.lut_mode is fix.LutMode.CLAMP and (low < 0 or high > cells - 1):
        cost = cost.then(comparator(arg_width, device)).then(logic_level(index_bits, device))
    if op.lut_mode is fix.LutMode.WRAP and cells & (cells - 1):
        cost = cost.then(adder(index_bits, device)).then(logic_level(index_bits, device))
    return cost


def _lut_storage(op: fix.LutOp, device: DeviceModel) -> fix.TableStorage:
    """Where a table is stored: its `fix.storage`, else where the device model puts it."""
    recorded = op.attributes.get(fix.STORAGE_ATTR)
    if isinstance(recorded, StringAttr):
        try:
            return fix.TableStorage(recorded.data)
        except ValueError:
            raise DiagnosticException(f"unknown table storage {recorded.data!r}") from None
    return table_storage(len(op.table), _result_width(op), device)


def _lut_cost(op: Operation, device: DeviceModel) -> OpCost:
    assert isinstance(op, fix.LutOp)
    width = _result_width(op)
    read = table_read(len(op.table), width, _lut_storage(op, device), device)
    cost = _lut_index_cost(op, device).then(read)
    if op.interpolated:
        second_read = OpCost(lut=read.lut, lutram_bits=read.lutram_bits)
        cost = chain(
            cost,
            second_read,
            adder(width + 1, device),
            multiplier(width + 1, op.index_shift, device),
            adder(width, device),
        )
    if op.lut_symmetry in (fix.LutSymmetry.ODD, fix.LutSymmetry.QUARTER):
        cost = cost.then(adder(width, device))
    return cost


def _minmax_cost(op: Operation, device: DeviceModel) -> OpCost:
    return comparator(_result_width(op), device).then(logic_level(_result_width(op), device))


def _abs_cost(op: Operation, device: DeviceModel) -> OpCost:
    return adder(_result_width(op), device).then(logic_level(_result_width(op), device))


def _sign_cost(op: Operation, device: DeviceModel) -> OpCost:
    assert isinstance(op, fix.SignOp)
    return comparator(_width(op.arg), device).then(logic_level(_result_width(op), device))


_OP_COSTS: dict[type[Operation], Callable[[Operation, DeviceModel], OpCost]] = {
    fix.ConstantOp: lambda op, device: FREE,
    fix.ShiftOp: lambda op, device: FREE,
    fix.AddOp: lambda op, device: adder(_result_width(op), device),
    fix.SubOp: lambda op, device: adder(_result_width(op), device),
    fix.NegOp: lambda op, device: adder(_result_width(op), device),
    fix.AbsOp: _abs_cost,
    fix.ReluOp: lambda op, device: logic_level(_result_width(op), device),
    fix.SignOp: _sign_cost,
    fix.MinOp: _minmax_cost,
    fix.MaxOp: _minmax_cost,
    fix.MulOp: _mul_cost,
    fix.CastOp: _cast_cost,
    fix.LutOp: _lut_cost,
}


def op_cost(op: Operation, device: DeviceModel = ULTRASCALE_PLUS) -> OpCost:
    """The modelled delay and resources of one `fix` op on `device`."""
    cost_of = _OP_COSTS.get(type(op))
    if cost_of is None:
        raise DiagnosticException(f"no cost model for {op.name}")
    return cost_of(op, device)


# Scheduling.


class OpEstimate(NamedTuple):
    """One op's row of the report: `stage` is the pipeline stage its result is ready in."""

    name: str
    type: str
    delay_ns: float
    stage: int
    dsp: int
    lut: int


@dataclass
class _Placed:
    op: Operation
    cost: OpCost
    start_stage: int
    stage: int
    time_ns: float
    constant: bool


@dataclass
class _Scheduler:
    budget_ns: float
    device: DeviceModel
    ready: dict[SSAValue, tuple[int, float]] = field(default_factory=dict)
    constants: set[SSAValue] = field(default_factory=set)

    def advance(self, stage: int, time: float, delay: float) -> tuple[int, int, float]:
        """Start stage, end stage and end time of `delay` ns of logic starting at `time`."""
        if delay == 0:
            return stage, stage, time
        if time > 0 and time + delay > self.budget_ns + _EPSILON_NS:
            stage, time = stage + 1, 0.0
        if time + delay <= self.budget_ns + _EPSILON_NS:
            return stage, stage, time + delay
        extra = math.ceil(delay / self.budget_ns - _EPSILON_NS) - 1
        return stage, stage + extra, delay - extra * self.budget_ns

    def place(self, op: Operation) -> _Placed:
        variables = [value for value in op.operands if value not in self.constants]
        if not variables:
            self.constants.update(op.results)
            return _Placed(op, FREE, 0, 0, 0.0, True)
        cost = op_cost(op, self.device)
        stage = max(self.ready[value][0] for value in variables)
        time = max(self.ready[value][1] for value in variables if self.ready[value][0] == stage)
        start, end, end_time = self.advance(stage, time, cost.delay_ns)
        if cost.registered:
            _, end, end_time = self.advance(end + 1, 0.0, cost.after_ns)
        for result in op.results:
            self.ready[result] = (end, end_time)
        return _Placed(op, cost, start, end, end_time, False)


def _schedule(function: func.FuncOp, budget_ns: float, device: DeviceModel) -> list[_Placed]:
    scheduler = _Scheduler(budget_ns, device)
    for arg in function.args:
        scheduler.ready[arg] = (0, 0.0)
    return [
        scheduler.place(op) for op in function.body.block.ops if not isinstance(op, func.ReturnOp)
    ]


def _return_op(function: func.FuncOp) -> func.ReturnOp:
    last = function.body.block.last_op
    assert isinstance(last, func.ReturnOp)
    return last


def _register_bits(function: func.FuncOp, placed: list[_Placed], latency: int) -> int:
    """Flip-flops: each variable's width times the stage boundaries it crosses."""
    produced: dict[SSAValue, int] = {arg: 0 for arg in function.args}
    needed: dict[SSAValue, int] = {}
    bits = 0
    for item in placed:
        if item.constant:
            continue
        produced.update({result: item.stage for result in item.op.results})
        for operand in item.op.operands:
            needed[operand] = max(needed.get(operand, 0), item.start_stage)
        internal = item.stage - item.start_stage - item.cost.registered
        in_dsp = isinstance(item.op, fix.MulOp) and item.cost.dsp > 0
        if internal > 0 and not in_dsp:
            bits += internal * _result_width(item.op)
    for output in _return_op(function).operands:
        needed[output] = latency
    for value, stage in needed.items():
        if value in produced:
            bits += max(0, stage - produced[value]) * _width(value)
    return bits


# The report.


@dataclass
class CostReport:
    """Estimated latency and resources of one function (see the module docstring)."""

    latency_cycles: int
    latency_ns: float
    ii: int
    clock_ns: float
    uncertainty: float
    critical_path_ns: float
    dsp: int
    lut: int
    ff: int
    bram18: int
    lutram_bits: int
    per_op: list[OpEstimate]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready, for report.json."""
        data = asdict(self)
        data["per_op"] = [row._asdict() for row in self.per_op]
        data["note"] = ESTIMATE_NOTE
        return data

    @staticmethod
    def from_dict(data: dict[str, Any]) -> CostReport:
        """The report `to_dict` wrote (report.json), back."""
        fields = {k: v for k, v in data.items() if k not in ("per_op", "note")}
        return CostReport(**fields, per_op=[OpEstimate(**row) for row in data["per_op"]])

    def table(self) -> str:
        """Plain text for `srcc report`."""
        budget = self.clock_ns * (1 - self.uncertainty)
        lines = [
            f"Cost estimate: {ESTIMATE_NOTE}.",
            f"clock {self.clock_ns:g} ns ({budget:.3g} ns after {self.uncertainty:.1%}"
            f" uncertainty), II = {self.ii}",
            f"latency {self.latency_cycles} cycles ({self.latency_ns:.2f} ns),"
            f" longest stage {self.critical_path_ns:.2f} ns",
            f"DSP {self.dsp}  LUT {self.lut}  FF {self.ff}  BRAM18 {self.bram18}"
            f"  LUTRAM {self.lutram_bits} bits",
            "",
            f"{'op':<12} {'type':<20} {'delay ns':>8} {'stage':>5} {'DSP':>4} {'LUT':>5}",
        ]
        lines += [
            f"{row.name:<12} {row.type:<20} {row.delay_ns:>8.3f} {row.stage:>5}"
            f" {row.dsp:>4} {row.lut:>5}"
            for row in self.per_op
        ]
        return "\n".join(lines)


def _check_clock(clock_ns: float, uncertainty: float) -> None:
    if not clock_ns > 0 or not math.isfinite(clock_ns):
        raise DiagnosticException(f"clock period must be a positive number of ns, got {clock_ns}")
    if not 0 <= uncertainty < 1:
        raise DiagnosticException(f"clock uncertainty must be in [0, 1), got {uncertainty}")


def _schedule_function(
    function: func.FuncOp,
    clock_ns: float,
    uncertainty: float,
    device: DeviceModel = ULTRASCALE_PLUS,
) -> list[_Placed]:
    _check_clock(clock_ns, uncertainty)
    return _schedule(function, clock_ns * (1 - uncertainty), device)


def _latency(function: func.FuncOp, placed: list[_Placed]) -> tuple[int, float]:
    """Register boundaries to the outputs, and the outputs' arrival in the last stage."""
    ready = {result: (item.stage, item.time_ns) for item in placed for result in item.op.results}
    ready.update({arg: (0, 0.0) for arg in function.args})
    outputs = [ready[value] for value in _return_op(function).operands]
    cycles = max((stage for stage, _ in outputs), default=0)
    arrival = max((time for stage, time in outputs if stage == cycles), default=0.0)
    return cycles, arrival


def estimate(
    function: func.FuncOp,
    clock_ns: float = 5.0,
    uncertainty: float = DEFAULT_UNCERTAINTY,
    device: DeviceModel = ULTRASCALE_PLUS,
) -> CostReport:
    """Estimated latency (II = 1) and resources of a `fix` function at this clock on
    `device`."""
    placed = _schedule_function(function, clock_ns, uncertainty, device)
    cycles, arrival = _latency(function, placed)
    costs = [item.cost for item in placed]
    return CostReport(
        latency_cycles=cycles,
        latency_ns=round(cycles * clock_ns + arrival, 3),
        ii=1,
        clock_ns=clock_ns,
        uncertainty=uncertainty,
        critical_path_ns=round(max((item.time_ns for item in placed), default=0.0), 3),
        dsp=sum(cost.dsp for cost in costs),
        lut=sum(cost.lut for cost in costs),
        ff=_register_bits(function, placed, cycles),
        bram18=sum(cost.bram18 for cost in costs),
        lutram_bits=sum(cost.lutram_bits for cost in costs),
        per_op=[_row(item) for item in placed],
    )


class OpStages(NamedTuple):
    """Where one op sits in the II=1 pipeline: the stage its logic starts in, the stage its
    result is ready in, and whether it computes a constant (no stage: a wire)."""

    start: int
    end: int
    constant: bool


def pipeline_stages(
    function: func.FuncOp, clock_ns: float = 5.0, uncertainty: float = DEFAULT_UNCERTAINTY
) -> tuple[dict[Operation, OpStages], int]:
    """The stages of every op of the schedule `estimate` reports, and its latency in
    cycles: where the RTL lowering puts its registers."""
    placed = _schedule_function(function, clock_ns, uncertainty)
    cycles, _ = _latency(function, placed)
    stages = {item.op: OpStages(item.start_stage, item.stage, item.constant) for item in placed}
    return stages, cycles


def _row(item: _Placed) -> OpEstimate:
    type_ = item.op.results[0].type
    assert isinstance(type_, fix.FixType)
    return OpEstimate(
        item.op.name,
        type_.cxx(),
        round(item.cost.total_ns, 3),
        item.stage,
        item.cost.dsp,
        item.cost.lut,
    )
