"""The cost model of `srcc.analysis.schedule` (and the device model it is built from) on
hand-written `fix` IR."""

import json

import pytest
from xdsl.dialects import func
from xdsl.dialects.builtin import FloatAttr, ModuleOp, f64
from xdsl.parser import Parser
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.device_model import (
    ULTRASCALE_PLUS,
    bram18_blocks,
    csd_digits,
    dsp_tiles,
    table_storage,
)
from srcc.analysis.schedule import CostReport, estimate
from srcc.dialects import make_context
from srcc.pipeline import run_pipeline

T16 = "!fix.fixed<16, 6>"
T17 = "!fix.fixed<17, 7>"


def parse_function(text: str) -> func.FuncOp:
    module = Parser(make_context(), text).parse_module()
    module.verify()
    function = next(iter(module.ops))
    assert isinstance(function, func.FuncOp)
    return function


def binary(op: str, lhs: str, rhs: str, result: str) -> func.FuncOp:
    return parse_function(
        f"func.func @f(%a: {lhs}, %b: {rhs}) -> {result} {{\n"
        f"  %r = fix.{op} %a, %b : {lhs}, {rhs} -> {result}\n"
        f"  func.return %r : {result}\n}}"
    )


def add_chain(length: int) -> func.FuncOp:
    """x + y + y + ... (length adds), each sum truncated back to 16 bits (a free cast)."""
    lines = [f"func.func @f(%x: {T16}, %y: {T16}) -> {T16} {{"]
    for i in range(length):
        previous = "%x" if i == 0 else f"%c{i - 1}"
        lines.append(f"  %s{i} = fix.add {previous}, %y : {T16}, {T16} -> {T17}")
        lines.append(
            f'  %c{i} = fix.cast %s{i} {{round = "trn", overflow = "wrap"}} : {T17} -> {T16}'
        )
    lines += [f"  func.return %c{length - 1} : {T16}", "}"]
    return parse_function("\n".join(lines))


def table(entries: int, width: int, index_bits: int, storage: str = "") -> func.FuncOp:
    """A table of `entries` entries of `width` bits indexed by all bits of the argument,
    stored where `storage` says (the device model's choice when empty)."""
    arg, result = f"!fix.fixed<{index_bits}, {index_bits}>", f"!fix.fixed<{width}, {width}>"
    values = ", ".join(str(i % (1 << (width - 1))) for i in range(entries))
    return parse_function(
        f"func.func @f(%x: {arg}) -> {result} {{\n"
        f'  %t = fix.lut %x {{function = "f", shift = 0, offset = {-(1 << (index_bits - 1))},'
        f' mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0,'
        f" lipschitz = 0.0, entries = [{values}]}} : {arg} -> {result}"
        + (f' attributes {{fix.storage = "{storage}"}}' if storage else "")
        + f"\n  func.return %t : {result}\n}}"
    )


def test_single_add_and_mul_fit_one_stage_at_5ns() -> None:
    for op, result in (("add", T17), ("mul", "!fix.fixed<32, 12>")):
        report = estimate(binary(op, T16, T16, result), clock_ns=5.0)
        assert report.latency_cycles == 0
        assert [row.stage for row in report.per_op] == [0]
        assert report.ff == 0
        assert report.ii == 1
    add = estimate(binary("add", T16, T16, T17))
    assert add.per_op[0].delay_ns == pytest.approx(0.755)
    assert (add.dsp, add.lut) == (0, 17)
    mul = estimate(binary("mul", T16, T16, "!fix.fixed<32, 12>"))
    assert mul.per_op[0].delay_ns == pytest.approx(2.7)
    assert (mul.dsp, mul.lut) == (1, 0)


def test_add_chain_stages_grow_with_length() -> None:
    latencies = [estimate(add_chain(n)).latency_cycles for n in range(1, 21)]
    assert latencies == sorted(latencies)
    # 0.755 ns an add, 4.375 ns a stage (5 ns minus 12.5%): five adds a stage.
    assert latencies[:6] == [0, 0, 0, 0, 0, 1]
    assert latencies[-1] == 3


def test_add_chain_stages_grow_as_clock_shrinks() -> None:
    chain = add_chain(8)
    clocks = [10.0, 5.0, 4.0, 3.0, 2.0, 1.0]
    latencies = [estimate(chain, clock_ns=clock).latency_cycles for clock in clocks]
    assert latencies == sorted(latencies)
    assert latencies[0] == 0 and latencies[-1] == 7


def test_registers_count_every_live_value_at_each_boundary() -> None:
    report = estimate(add_chain(6))
    assert report.latency_cycles == 1
    # The fifth sum and %y cross the one boundary: 16 bits each.
    assert report.ff == 32
    assert [row.stage for row in report.per_op] == [0] * 10 + [1, 1]
    assert report.latency_ns == pytest.approx(5.0 + 0.755)


def test_dsp_count_follows_the_27x18_tiling() -> None:
    assert dsp_tiles(18, 27) == 1
    assert dsp_tiles(27, 18) == 1
    assert dsp_tiles(30, 30) == 4
    wide = estimate(binary("mul", "!fix.fixed<30, 10>", "!fix.fixed<30, 10>", "!fix.fixed<60, 20>"))
    assert wide.dsp == 4
    # 0.4 + 2.3 + 3 * 1.2 = 6.3 ns: longer than a stage, pipelined inside the DSPs.
    assert wide.latency_cycles == 1 and wide.ff == 0
    small = estimate(binary("mul", "!fix.fixed<8, 2>", "!fix.fixed<8, 2>", "!fix.fixed<16, 4>"))
    assert (small.dsp, small.lut) == (0, 64)


def test_constant_multiplication_is_a_shift_add_tree() -> None:
    # 317 = 256 + 64 - 4 + 1: four CSD digits, three adders, two levels deep.
    assert [d for d in csd_digits(317) if d] == [1, -1, 1, 1]
    assert csd_digits(7) == [-1, 0, 0, 1]
    function = parse_function(
        f"func.func @f(%x: {T16}) -> !fix.fixed<26, 6> {{\n"
        "  %c = fix.constant 0.3095703125 : !fix.fixed<10, 0>\n"
        f"  %p = fix.mul %x, %c : {T16}, !fix.fixed<10, 0> -> !fix.fixed<26, 6>\n"
        "  func.return %p : !fix.fixed<26, 6>\n}"
    )
    report = estimate(function)
    assert report.dsp == 0
    assert report.lut == 3 * 26
    assert report.per_op[1].delay_ns == pytest.approx(2 * (0.5 + 26 * 0.015))


def test_large_table_goes_to_bram_small_one_to_lutram() -> None:
    big = estimate(table(4096, 18, 12))
    assert (big.bram18, big.lutram_bits, big.lut) == (4, 0, 0)
    assert big.latency_cycles == 1
    assert big.ff == 0
    small = estimate(table(256, 10, 8))
    assert (small.bram18, small.lutram_bits) == (0, 2560)
    assert small.lut == 106  # 10 bits x 4 LUT6 (64 entries each) x 2.65, the fitted ROM factor
    assert small.latency_cycles == 0 and small.dsp == 0
    assert bram18_blocks(512, 36) == 1
    assert bram18_blocks(16384, 2) == 2


def test_device_model_puts_tables_over_1024_entries_or_32_kbit_in_bram() -> None:
    assert table_storage(1024, 32) == "lutram"
    assert table_storage(1025, 8) == "bram"
    assert table_storage(1024, 33) == "bram"


def test_recorded_storage_is_what_the_cost_model_prices() -> None:
    assert estimate(table(256, 10, 8, storage="lutram")) == estimate(table(256, 10, 8))
    forced = estimate(table(256, 10, 8, storage="bram"))
    assert (forced.bram18, forced.lutram_bits, forced.lut) == (1, 0, 0)
    assert forced.latency_cycles == 1


def test_clamp_logic_only_when_the_argument_can_leave_the_table() -> None:
    exact = estimate(table(256, 10, 8))
    wider = parse_function(
        "func.func @f(%x: !fix.fixed<10, 10>) -> !fix.fixed<10, 10> {\n"
        '  %t = fix.lut %x {function = "f", shift = 0, offset = -128, mode = "clamp",'
        ' symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0,'
        f" entries = [{', '.join(['1'] * 256)}]}} : !fix.fixed<10, 10> -> !fix.fixed<10, 10>\n"
        "  func.return %t : !fix.fixed<10, 10>\n}"
    )
    clamped = estimate(wider)
    # A 10-bit comparator (ceil(10 x 0.25) = 3 LUTs) and an 8-bit index mux (8 x 0.25 = 2),
    # the per-bit LUT figures fitted to Yosys.
    assert clamped.lut == exact.lut + 3 + 2


def test_report_is_json_and_says_it_is_an_estimate() -> None:
    report = estimate(add_chain(6), clock_ns=2.5)
    assert isinstance(report, CostReport)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["latency_cycles"] == report.latency_cycles
    assert data["clock_ns"] == 2.5
    assert len(data["per_op"]) == 12
    assert data["per_op"][0] == {
        "name": "fix.add",
        "type": "ap_fixed<17,7>",
        "delay_ns": 0.755,
        "stage": 0,
        "dsp": 0,
        "lut": 17,
    }
    text = report.table()
    assert "not synthesis results" in text
    assert "fix.add" in text


def test_bad_clock_is_a_diagnostic() -> None:
    with pytest.raises(DiagnosticException, match="clock period"):
        estimate(add_chain(1), clock_ns=0.0)


def test_device_table_meets_the_field_calibration() -> None:
    budget = 5.0 * (1 - 0.125)
    device = ULTRASCALE_PLUS
    add16 = device.lut_ns + device.route_ns + 16 * device.carry_ns_per_bit
    mul16 = device.route_ns + device.dsp_multiply_ns
    assert add16 < budget and mul16 < budget


def test_pass_annotates_stage_and_delay_with_an_integer_clock() -> None:
    function = add_chain(3)
    module = function.parent_op()
    assert isinstance(module, ModuleOp)
    run_pipeline(module, "fix-cost-report{clock_ns=1}")
    stages = [op.attributes["fix.stage"] for op in function.body.block.ops if op.attributes]
    assert [attr.value.data for attr in stages] == [0, 0, 1, 1, 2, 2]
    first = next(iter(function.body.block.ops))
    assert first.attributes["fix.delay_ns"] == FloatAttr(0.755, f64)
