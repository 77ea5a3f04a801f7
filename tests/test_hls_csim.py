"""The emitted HLS C++, compiled with g++ against the real `ap_fixed.h`, against the emulator.

Hand-built `fix` functions cover every op, every cast mode and every `fix.lut` mode on
exhaustive inputs; compiled models cover the whole pipeline. Every case compiles once (binaries
are cached by source in srcc.runtime.cxx) and all cases build concurrently in one fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from required_tools import require_csim_tools
from xdsl.dialects.builtin import FunctionType
from xdsl.dialects.func import FuncOp, ReturnOp
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.parser import Parser

import srcc
from srcc.dialects import fix, make_context
from srcc.dialects.fix import FixedType, FixType, UFixedType
from srcc.emitters import project
from srcc.emitters.hls import emit_hls
from srcc.errors import SrccError
from srcc.runtime.csim import csim_outputs, csim_outputs_many, run_csim
from srcc.runtime.emulator import Emulator

require_csim_tools()

WIDE = FixedType(40, 20)
"""Every hand-built output is cast (exactly) into this type."""


class FunctionBuilder:
    """A `fix` function under construction: ops appended in order, outputs cast to one type."""

    def __init__(self, input_type: FixType, inputs: int):
        self.input_type = input_type
        self.block = Block(arg_types=[input_type] * inputs)
        self.outputs: list[SSAValue] = []

    @property
    def args(self) -> tuple[SSAValue, ...]:
        return self.block.args

    def add(self, op: Operation) -> SSAValue:
        self.block.add_op(op)
        return op.results[0]

    def cast(self, value: SSAValue, type_: FixType, modes: fix.Modes = fix.DEFAULT_MODES):
        return self.add(fix.CastOp(value, type_, *modes))

    def output(self, value: SSAValue) -> None:
        self.outputs.append(value)

    def finish(self, output_type: FixType = WIDE) -> FuncOp:
        results = [
            value if value.type == output_type else self.cast(value, output_type)
            for value in self.outputs
        ]
        self.block.add_op(ReturnOp(*results))
        function_type = FunctionType.from_lists(
            [self.input_type] * len(self.block.args), [output_type] * len(results)
        )
        function = FuncOp("model", function_type, Region(self.block))
        function.verify()
        return function


def all_raws(type_: FixType) -> np.ndarray:
    return np.arange(type_.min_raw, type_.max_raw + 1, dtype=np.int64)


def exhaustive_pairs(type_: FixType) -> np.ndarray:
    a, b = np.meshgrid(all_raws(type_), all_raws(type_), indexing="ij")
    return np.stack([a.ravel(), b.ravel()], axis=1)


def ops_function() -> FuncOp:
    f = FunctionBuilder(FixedType(8, 3), 2)
    a, b = f.args
    u = f.cast(b, UFixedType(6, 2))
    v = f.cast(a, UFixedType(5, 3))
    c = f.add(fix.ConstantOp.from_value(-0.75, FixedType(8, 2)))
    for x, y in [(a, b), (a, u), (u, v), (a, c)]:
        for binary in (fix.AddOp, fix.SubOp, fix.MulOp, fix.MinOp, fix.MaxOp):
            f.output(f.add(binary(x, y)))
    for x in (a, u):
        for unary in (fix.NegOp, fix.AbsOp, fix.ReluOp, fix.SignOp):
            f.output(f.add(unary(x)))
    for x, amount in [(a, -3), (u, 4), (c, 0)]:
        f.output(f.add(fix.ShiftOp(x, amount)))
    f.output(f.add(fix.MulOp(f.add(fix.ShiftOp(a, 2)), c)))
    return f.finish()


def casts_function() -> FuncOp:
    f = FunctionBuilder(FixedType(8, 3), 2)
    a, b = f.args
    product = f.add(fix.MulOp(a, b))
    unsigned = f.cast(product, UFixedType(12, 5))
    for source in (product, unsigned):
        for destination in (FixedType(6, 2), UFixedType(5, 1), FixedType(4, -1)):
            for round in fix.RoundingMode:
                for overflow in fix.OverflowMode:
                    f.output(f.cast(source, destination, (round, overflow)))
    tiny = f.cast(a, FixedType(6, -5))
    f.output(f.cast(tiny, UFixedType(11, 16), (fix.RoundingMode.RND, fix.OverflowMode.SAT)))
    f.output(f.cast(a, FixedType(12, 3), (fix.RoundingMode.RND_CONV, fix.OverflowMode.SAT_SYM)))
    return f.finish()


CONSTANTS: list[tuple[Fraction, FixType]] = [
    (Fraction(-3, 4), FixedType(8, 2)),
    (Fraction(48), UFixedType(4, 6)),
    (Fraction(-1, 32), FixedType(4, -2)),
    (Fraction(2**39) - Fraction(1, 2**60), FixedType(100, 40)),
    (Fraction(-(2**39)), FixedType(100, 40)),
    (Fraction(2**59 - 1, 2**56), FixedType(60, 4)),
]
CONSTANTS_OUT = FixedType(114, 44)


def constants_case() -> tuple[FuncOp, np.ndarray, np.ndarray]:
    """Every constant, and every constant times the input, against exact rationals (the
    emulator's exact path does not take scalar constants)."""
    f = FunctionBuilder(FixedType(8, 3), 1)
    (a,) = f.args
    for value, type_ in CONSTANTS:
        constant = f.add(fix.ConstantOp.from_value(value, type_))
        f.output(constant)
        f.output(f.add(fix.MulOp(a, constant)))
    inputs = all_raws(FixedType(8, 3))
    scale = 2**CONSTANTS_OUT.frac_bits
    expected = [
        [int(v * scale) for value, _ in CONSTANTS for v in (value, Fraction(int(r), 32) * value)]
        for r in inputs
    ]
    return f.finish(CONSTANTS_OUT), inputs[:, None], np.array(expected, dtype=object)


LUT_RESULT = FixedType(10, 2)

LUT_CASES: list[tuple[str, int, int, int, dict[str, object]]] = [
    # (argument, shift, offset, entries, options)
    ("a", -2, -8, 16, {}),
    ("a", -1, 3, 8, {"mode": "wrap"}),
    ("a", -1, -2, 6, {"mode": "wrap"}),
    ("a", -2, 0, 10, {"symmetry": "even"}),
    ("a", -2, 1, 12, {"symmetry": "odd"}),
    ("a", -3, 0, 4, {"mode": "wrap", "symmetry": "quarter"}),
    ("a", -2, 5, 3, {"mode": "wrap", "symmetry": "quarter"}),
    ("a", -1, -4, 9, {"interpolate": True}),
    ("a", -2, 2, 9, {"mode": "wrap", "interpolate": True}),
    ("a", -3, -1, 7, {"interpolate": True, "mode": "wrap"}),
    ("a", -2, 0, 6, {"symmetry": "even", "interpolate": True}),
    ("a", -1, 1, 5, {"symmetry": "odd", "interpolate": True}),
    ("a", -2, 1, 6, {"mode": "wrap", "symmetry": "even"}),
    ("a", -1, 0, 4, {"mode": "wrap", "symmetry": "odd"}),
    ("a", -2, 0, 5, {"mode": "wrap", "symmetry": "even", "interpolate": True}),
    ("a", -1, 2, 9, {"mode": "wrap", "symmetry": "odd", "interpolate": True}),
    ("a", 0, 0, 1, {}),
    ("a", 1, -3, 2, {"interpolate": True}),
    ("narrow", -3, -2, 5, {}),
    ("narrow", -5, -20, 40, {}),
    ("narrow", -4, 3, 12, {"mode": "wrap"}),
    ("narrow", 2, -1, 3, {}),
    ("narrow", 2, -1, 3, {"symmetry": "odd"}),
    ("unsigned", -2, 2, 16, {}),
    ("unsigned", -3, 0, 8, {"mode": "wrap", "interpolate": True}),
    ("unsigned", -1, -1, 5, {"symmetry": "even"}),
    ("unsigned", -2, 0, 6, {"mode": "wrap", "symmetry": "quarter"}),
]


def luts_function(unsigned_result: bool = False) -> FuncOp:
    f = FunctionBuilder(FixedType(10, 3), 1)
    (a,) = f.args
    args = {"a": a, "narrow": f.cast(a, FixedType(4, 1)), "unsigned": f.cast(a, UFixedType(8, 2))}
    rng = np.random.default_rng(7)
    result = UFixedType(9, 1) if unsigned_result else LUT_RESULT
    for index, (arg, shift, offset, count, options) in enumerate(LUT_CASES):
        if unsigned_result and options.get("symmetry") in ("odd", "quarter"):
            continue
        entries = rng.integers(result.min_raw + 1, result.max_raw + 1, size=count)
        lut = fix.LutOp(
            args[arg],
            result,
            function=f"case{index}",
            shift=shift,
            offset=offset,
            entries=[int(e) for e in entries],
            **options,  # type: ignore[arg-type]
        )
        f.output(f.add(lut))
    return f.finish()


def model_case(expression: str | list[str], ranges: tuple[float, float], precision: str):
    model = srcc.compile(expression, ranges=ranges, precision=precision)
    inputs, expected = project.test_vectors(model, rows=1500, seed=3)
    lo, hi = ranges
    outside = np.random.default_rng(5).uniform(2 * lo, 2 * hi, size=(500, len(model.input_types)))
    inputs = np.concatenate([inputs, np.stack(model.quantize_inputs(outside), axis=1)])
    expected = np.concatenate([expected, model.predict_raw(outside)])
    return model.firmware, inputs, expected


MODELS = {
    "poly2": ("0.31*x0*x1 - 1.2*x0^2 + 0.25", (-4.0, 4.0)),
    "cubic": ("x0^3 - 2.5*x0*x1 + x1/3 - 0.7", (-2.0, 2.0)),
    "product": ("(x0 + 1.5)*(x1 - 0.5)*x2/7 + x2^2", (-3.0, 3.0)),
    "shared": (["x0*x1 + 0.5*x2", "x0*x1 - x2"], (-2.0, 2.0)),
    "composite": (["x0**3/(exp(x0) - 1)", "1/(exp(x0*x1) + 1)", "cos(x1)*sin(x1)*3"], (0.5, 3.0)),
}
PRECISIONS = ("auto", "ap_fixed<16,6>")


def hand_built_case(function: FuncOp, inputs: np.ndarray) -> tuple[FuncOp, np.ndarray, np.ndarray]:
    columns = [inputs[:, i] for i in range(inputs.shape[1])]
    return function, inputs, np.stack(Emulator(function).run_raw(columns), axis=1)


CASES: dict[str, Callable[[], tuple[FuncOp, np.ndarray, np.ndarray]]] = {
    "ops": lambda: hand_built_case(ops_function(), exhaustive_pairs(FixedType(8, 3))),
    "casts": lambda: hand_built_case(casts_function(), exhaustive_pairs(FixedType(8, 3))),
    "constants": constants_case,
    "luts": lambda: hand_built_case(luts_function(), all_raws(FixedType(10, 3))[:, None]),
    "luts-unsigned": lambda: hand_built_case(
        luts_function(unsigned_result=True), all_raws(FixedType(10, 3))[:, None]
    ),
    **{
        f"{name}-{precision}": (
            lambda expression=expression, ranges=ranges, precision=precision: model_case(
                expression, ranges, precision
            )
        )
        for name, (expression, ranges) in MODELS.items()
        for precision in PRECISIONS
    },
}


@pytest.fixture(scope="module")
def simulated() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per case: the C++ outputs and the emulator's, computed concurrently (g++ is slow)."""

    def run(make: Callable[[], tuple[FuncOp, np.ndarray, np.ndarray]]):
        function, inputs, expected = make()
        return csim_outputs(function, "model", inputs), expected

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = {name: pool.submit(run, make) for name, make in CASES.items()}
        return {name: future.result() for name, future in results.items()}


@pytest.mark.parametrize("case", CASES)
def test_csim_matches_emulator(case: str, simulated: dict[str, tuple[np.ndarray, np.ndarray]]):
    got, expected = simulated[case]
    assert got.shape == expected.shape
    assert len(got) >= 256
    mismatched = np.argwhere(got != expected)
    assert len(mismatched) == 0, f"{len(mismatched)} mismatches, first at (row, output) " + (
        f"{tuple(mismatched[0])}: got {got[tuple(mismatched[0])]}"
        f" expected {expected[tuple(mismatched[0])]}"
    )


def test_model_cases_check_enough_vectors(simulated: dict[str, tuple[np.ndarray, np.ndarray]]):
    for name in MODELS:
        for precision in PRECISIONS:
            got, _ = simulated[f"{name}-{precision}"]
            assert len(got) == 2000


def test_lut_cases_cover_every_mode():
    covered = {
        (options.get("mode", "clamp"), options.get("symmetry", "none"), options.get("interpolate"))
        for *_, options in LUT_CASES
    }
    wanted = {
        (mode, symmetry, interpolate)
        for mode in fix.LutMode
        for symmetry in ("none", "even", "odd")
        for interpolate in (None, True)
    }
    assert wanted | {("wrap", "quarter", None)} == covered


@pytest.fixture(scope="module")
def poly_model() -> srcc.Model:
    return srcc.compile(MODELS["poly2"][0], ranges=MODELS["poly2"][1])


def write_poly_project(model: srcc.Model, directory: Path, target: str = "vitis") -> Path:
    inputs, expected = project.test_vectors(model, rows=300, seed=11)
    # Every raw value of the input type once: the testbench must read each decimal exactly.
    sweep = all_raws(model.input_types[0])
    every = np.stack([sweep, sweep[::-1]], axis=1)
    inputs = np.concatenate([inputs, every])
    expected = np.concatenate(
        [expected, np.stack(Emulator(model.firmware).run_raw([every[:, 0], every[:, 1]]), 1)]
    )
    files = project.project_files(
        model.firmware,
        top="poly",
        target=target,
        inputs_raw=inputs,
        expected_raw=expected,
        report={"outputs": 1},
        ir=model.ir,
    )
    return project.write_project(directory, files)


def test_project_csim_passes(poly_model: srcc.Model, tmp_path: Path):
    directory = write_poly_project(poly_model, tmp_path / "prj")
    result = run_csim(directory)
    assert result.passed, result.log
    assert result.rows == 300 + 2**14
    assert result.mismatches == []
    assert (directory / "ir" / "fix.mlir").read_text() == poly_model.ir["fix"] + "\n"
    assert '"outputs": 1' in (directory / "report.json").read_text()


def test_corrupted_expected_fails_with_the_mismatch(poly_model: srcc.Model, tmp_path: Path):
    directory = write_poly_project(poly_model, tmp_path / "prj", target="vivado")
    expected_path = directory / "tb_data" / "expected.dat"
    lines = expected_path.read_text().splitlines()
    original = int(lines[3])
    lines[3] = str(original + 1)
    expected_path.write_text("\n".join(lines) + "\n")
    result = run_csim(directory)
    assert not result.passed
    assert result.rows == 300 + 2**14
    assert [(m.row, m.output, m.got, m.expected) for m in result.mismatches] == [
        (3, 0, original, original + 1)
    ]
    assert f"row 3 output 0: got {original} expected {original + 1}" in result.log


def test_test_vectors_cover_corners(poly_model: srcc.Model):
    inputs, expected = project.test_vectors(poly_model, rows=100, seed=1)
    low, high = poly_model.quantize_inputs(np.array([[-4.0, -4.0], [4.0, 4.0]]))[0]
    assert inputs.shape == (100, 2) and expected.shape == (100, 1)
    corners = {tuple(row) for row in inputs[:4].tolist()}
    assert corners == {(low, low), (low, high), (high, low), (high, high)}
    assert np.all((inputs >= low) & (inputs <= high))


def test_build_script_per_target(poly_model: srcc.Model):
    inputs, expected = project.test_vectors(poly_model, rows=10, seed=1)
    vitis = project.project_files(
        poly_model.firmware, top="poly", inputs_raw=inputs, expected_raw=expected, clock_ns=3.3
    )
    vivado = project.project_files(
        poly_model.firmware,
        top="poly",
        target="vivado",
        part="xc7z020clg400-1",
        inputs_raw=inputs,
        expected_raw=expected,
    )
    assert 'open_solution -reset "solution1" -flow_target vivado' in vitis["build_prj.tcl"]
    assert "set clock_ns 3.3" in vitis["build_prj.tcl"]
    assert "set part {xcvu9p-flga2104-2L-e}" in vitis["build_prj.tcl"]
    assert "-flow_target" not in vivado["build_prj.tcl"]
    assert "set part {xc7z020clg400-1}" in vivado["build_prj.tcl"]
    for step in (
        "csim_design",
        "csynth_design",
        "cosim_design",
        "export_design",
        "add_files -tb tb_data",
    ):
        assert step in vitis["build_prj.tcl"] and step in vivado["build_prj.tcl"]
    assert sorted(vitis) == [
        "README.md",
        "build_prj.tcl",
        "firmware/poly.cpp",
        "firmware/poly.h",
        "firmware/poly_types.h",
        "tb/poly_tb.cpp",
        "tb_data/expected.dat",
        "tb_data/inputs.dat",
    ]


def test_inputs_file_holds_exact_decimals():
    type_ = FixedType(8, 3)
    text = project.inputs_file(np.array([[-128, 127], [1, 0]]), [type_, type_])
    assert text == "-4.0 3.96875\n0.03125 0.0\n"


def spelled_rows(raw: np.ndarray, types: list[FixType]) -> str:
    return "".join(
        " ".join(fix.raw_decimal(int(r), t.frac_bits) for r, t in zip(row, types)) + "\n"
        for row in raw.tolist()
    )


@pytest.mark.parametrize(
    "types",
    [
        [FixedType(8, 3), UFixedType(16, 1), FixedType(12, 2)],  # int64 digits, padded
        [FixedType(8, 3), UFixedType(16, 1), FixedType(6, 8)],  # a type with no fraction
    ],
)
def test_inputs_file_spells_each_input_in_its_own_type(types: list[FixType]):
    raw = np.array([[-128, 65535, -32], [1, 1, 31], [0, 0, 0]])
    text = project.inputs_file(raw, types)
    assert text.splitlines()[1].split()[:2] == ["0.03125", "0.000030517578125"]
    assert text == spelled_rows(raw, types)


@pytest.mark.parametrize("frac_bits", [1, 7, 18, 19, 40, 0, -2])
def test_inputs_file_spells_each_value_as_raw_decimal(frac_bits: int):
    # Up to 18 fractional bits the digits are computed in int64 arrays; beyond, per value.
    raw = np.random.default_rng(frac_bits + 2).integers(-(2**61), 2**61, size=(40, 7))
    raw[0, :3] = [0, 1, -1]
    raw[1] = raw[1] >> 50
    text = project.inputs_file(raw, [FixedType(80, 80 - frac_bits)] * raw.shape[1])
    lines = [" ".join(fix.raw_decimal(r, frac_bits) for r in row) for row in raw.tolist()]
    assert text == "".join(line + "\n" for line in lines)


@pytest.mark.parametrize("bits", [1, 20, 61, 63])
def test_expected_file_spells_each_integer(bits: int):
    # Within 2**62 the digits are computed in int64 arrays; beyond, per value.
    raw = np.random.default_rng(bits).integers(-(2**bits), 2**bits, size=(30, 5))
    raw[0, :3] = [0, 1, -1]
    lines = [" ".join(str(r) for r in row) for row in raw.tolist()]
    assert project.expected_file(raw) == "".join(line + "\n" for line in lines)


def test_write_refuses_non_empty_directory(tmp_path: Path):
    directory = tmp_path / "prj"
    directory.mkdir()
    (directory / "old.txt").write_text("old")
    with pytest.raises(SrccError, match="exists and is not empty"):
        project.write_project(directory, {"a.txt": "new"})
    assert (directory / "old.txt").read_text() == "old"
    with pytest.raises(SrccError, match="only a directory srcc wrote.*no .srcc-manifest.json"):
        project.write_project(directory, {"a.txt": "new"}, force=True)
    (directory / "old.txt").unlink()
    project.write_project(directory, {"old.txt": "old"})
    project.write_project(directory, {"sub/a.txt": "new"}, force=True)
    assert sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*")) == [
        project.MANIFEST,
        "sub",
        "sub/a.txt",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prj"]


def test_write_into_empty_directory(tmp_path: Path):
    (tmp_path / "prj").mkdir()
    project.write_project(tmp_path / "prj", {"a.txt": "new"})
    assert (tmp_path / "prj" / "a.txt").read_text() == "new"


def test_failure_mid_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    written: list[str] = []
    write_file = project._write_file

    def failing(root: Path, path: str, text: str) -> None:
        if len(written) == 2:
            raise OSError("disk full")
        written.append(path)
        write_file(root, path, text)

    project.write_project(tmp_path / "kept", {"old.txt": "old"})
    monkeypatch.setattr(project, "_write_file", failing)
    files = {f"f{i}.txt": "x" for i in range(4)}
    with pytest.raises(SrccError, match="cannot write the project .*: disk full"):
        project.write_project(tmp_path / "prj", files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
    written.clear()
    with pytest.raises(SrccError, match="disk full"):
        project.write_project(tmp_path / "kept", files, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
    assert (tmp_path / "kept" / "old.txt").read_text() == "old"


def test_missing_headers_is_one_clear_line(tmp_path: Path, poly_model: srcc.Model):
    with pytest.raises(SrccError) as raised:
        csim_outputs(poly_model.firmware, "model", np.zeros((1, 2)), ap_types=tmp_path)
    assert "\n" not in str(raised.value) and "ap_fixed.h" in str(raised.value)


def test_run_csim_on_a_directory_without_a_project(tmp_path: Path):
    with pytest.raises(SrccError, match="not an srcc HLS project"):
        run_csim(tmp_path)


MIXED_PORTS = """
func.func @model(%g: !fix.ufixed<16, 1> {sym.name = "G", fix.modes = ["trn", "sat"]},
                 %m: !fix.fixed<8, 4> {sym.name = "int", fix.modes = ["trn", "sat"]},
                 %f: !fix.fixed<6, -1> {sym.name = "fixed_8_4", fix.modes = ["trn", "sat"]},
                 %y: !fix.fixed<5, 2> {sym.name = "y0", fix.modes = ["trn", "sat"]})
    -> (!fix.fixed<12, 5>, !fix.ufixed<9, 3>, !fix.fixed<65, 12>) {
  %p = fix.mul %g, %m : !fix.ufixed<16, 1>, !fix.fixed<8, 4> -> !fix.fixed<24, 5>
  %q = fix.add %p, %f : !fix.fixed<24, 5>, !fix.fixed<6, -1> -> !fix.fixed<25, 6>
  %o0 = fix.cast %q {round = "rnd", overflow = "sat"} : !fix.fixed<25, 6> -> !fix.fixed<12, 5>
  %t = fix.lut %y {function = "sin", shift = -2, offset = 0, mode = "wrap", symmetry = "quarter",
                   interpolate = false, max_error = 0.1, lipschitz = 1.0,
                   entries = [25, 71, 106, 125]} : !fix.fixed<5, 2> -> !fix.fixed<8, 1>
  %r = fix.add %t, %y : !fix.fixed<8, 1>, !fix.fixed<5, 2> -> !fix.fixed<10, 3>
  %o1 = fix.cast %r {round = "trn", overflow = "sat"} : !fix.fixed<10, 3> -> !fix.ufixed<9, 3>
  %w = fix.mul %q, %p : !fix.fixed<25, 6>, !fix.fixed<24, 5> -> !fix.fixed<49, 11>
  %o2 = fix.mul %w, %g : !fix.fixed<49, 11>, !fix.ufixed<16, 1> -> !fix.fixed<65, 12>
  func.return %o0, %o1, %o2 : !fix.fixed<12, 5>, !fix.ufixed<9, 3>, !fix.fixed<65, 12>
}
"""
"""Inputs of four types entering by AP_TRN and AP_SAT, named a C++ keyword, a value typedef
and an output port; three outputs of different types, one wider than 64 bits."""


def mixed_ports_case() -> tuple[FuncOp, np.ndarray, np.ndarray]:
    module = Parser(make_context(), MIXED_PORTS).parse_module()
    module.verify()
    function = next(op for op in module.ops if isinstance(op, FuncOp))
    types: list[FixType] = list(function.function_type.inputs.data)  # type: ignore[arg-type]
    rng = np.random.default_rng(13)
    random = [rng.integers(t.min_raw, t.max_raw + 1, size=2000) for t in types]
    ends = [np.array([t.min_raw, t.max_raw, t.min_raw, t.max_raw, 0]) for t in types]
    inputs = np.stack([np.concatenate([e, r]) for e, r in zip(ends, random)], axis=1)
    return hand_built_case(function, inputs)


def assert_bit_equal(got: np.ndarray, expected: np.ndarray) -> None:
    assert got.shape == expected.shape
    mismatched = np.argwhere(got != expected)
    assert len(mismatched) == 0, f"{len(mismatched)} mismatches, first at {mismatched[0]}"


def test_mixed_ports_signature():
    function, _, _ = mixed_ports_case()
    header = emit_hls(function, "model")["firmware/model.h"]
    assert (
        "void model(const G_t G, const int_1_t int_1, const fixed_8_4_1_t fixed_8_4_1,"
        " const y0_t y0, y0_1_t &y0_1, y1_t &y1, y2_t &y2);"
    ) in header


def test_mixed_ports_csim_outputs():
    function, inputs, expected = mixed_ports_case()
    assert_bit_equal(csim_outputs(function, "model", inputs), expected)


def test_mixed_ports_csim_outputs_many():
    mixed, mixed_inputs, mixed_expected = mixed_ports_case()
    ops, ops_inputs, ops_expected = hand_built_case(
        ops_function(), exhaustive_pairs(FixedType(8, 3))[::7]
    )
    got = csim_outputs_many([mixed, ops, mixed], [mixed_inputs, ops_inputs, mixed_inputs[:9]])
    for result, wanted in zip(got, [mixed_expected, ops_expected, mixed_expected[:9]]):
        assert_bit_equal(result, wanted)


def test_mixed_ports_project_testbench(tmp_path: Path):
    function, inputs, expected = mixed_ports_case()
    files = project.project_files(function, top="mixed", inputs_raw=inputs, expected_raw=expected)
    assert "`void mixed(const G_t G, const int_1_t int_1," in files["README.md"]
    assert "  - `G_t` = `ap_ufixed<16,1,AP_TRN,AP_SAT>`\n" in files["README.md"]
    assert "  - `y2_t` = `ap_fixed<65,12>`\n" in files["README.md"]
    first = [
        fix.raw_decimal(int(raw), t.frac_bits)
        for raw, t in zip(
            inputs[0], [UFixedType(16, 1), FixedType(8, 4), FixedType(6, -1), FixedType(5, 2)]
        )
    ]
    assert files["tb_data/inputs.dat"].splitlines()[0] == " ".join(first)
    directory = project.write_project(tmp_path / "prj", files)
    result = run_csim(directory)
    assert result.passed, result.log
    assert result.rows == len(inputs)
    expected_path = directory / "tb_data" / "expected.dat"
    lines = expected_path.read_text().splitlines()
    row = lines[5].split()
    row[2] = str(int(row[2]) + 1)
    lines[5] = " ".join(row)
    expected_path.write_text("\n".join(lines) + "\n")
    failed = run_csim(directory)
    assert not failed.passed
    assert [(m.row, m.output, m.expected) for m in failed.mismatches] == [(5, 2, int(row[2]))]
