"""Numeric soundness at the edges (issue 12, classes 5, 6 and 9): input types narrower than
the declared range, values and types at srcc's width limits, and domain errors that name
what the user wrote. Each case runs through `srcc compile ... -o DIR` and `srcc.compile`."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from required_tools import require_csim_tools

import srcc
from srcc.analysis.interval import Interval
from srcc.cli import main
from srcc.dialects import fix
from srcc.dialects.fix import OverflowMode, RoundingMode


def compile_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str
) -> tuple[int, str, Path]:
    """`srcc compile ARGV -o DIR`: the exit code, stderr and the project directory."""
    project = tmp_path / "prj"
    code = main(["compile", *argv, "-o", str(project)])
    return code, capsys.readouterr().err, project


def assert_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    """Exit code 1, one `srcc: error:` line holding `message`, nothing written; and the API
    raises the same error."""
    code, err, project = compile_cli(capsys, tmp_path, *argv)
    assert code == 1
    assert err.startswith("srcc: error:") and err.count("\n") == 1, err
    assert message in err
    assert not project.exists()


def written_bound(project: Path) -> float:
    return json.loads((project / "report.json").read_text())["outputs"][0]["error_bound"]


def max_error(model: srcc.Model, lo: float, hi: float, rows: int = 20001) -> float:
    """The largest |predict - f| on a dense grid of [lo, hi], its ends included."""
    points = np.linspace(lo, hi, rows)[:, None]
    return float(np.abs(model.predict(points) - model.evaluate(points)).max())


def compile_quietly(*args: object, **keywords: object) -> srcc.Model:
    """`srcc.compile` with missed-budget warnings silenced (a narrow input type misses them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", srcc.SrccWarning)
        return srcc.compile(*args, **keywords)  # type: ignore[arg-type]


# Class 5: input types narrower than the declared range.


def test_saturating_input_type_counts_saturation_in_the_bound(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["x0", "--range=-3:3", "--input-precision", "ap_fixed<8,1>"]
    code, err, project = compile_cli(capsys, tmp_path, *argv)
    assert code == 0
    assert "error budget 0.00293 cannot be met" in err
    saturated = 3.0 - (1.0 - 2.0**-7)  # x0 = 3 arrives as the type's max, 127/128
    assert saturated <= written_bound(project) <= saturated * 1.001
    model = compile_quietly("x0", ranges=(-3.0, 3.0), input_precision="ap_fixed<8,1>")
    assert max_error(model, -3.0, 3.0) == saturated
    assert saturated <= model.error_bound[0] <= saturated * 1.001


def test_truncating_input_type_counts_a_whole_ulp(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["x0", "--range=-1:0.99", "--input-precision", "ap_fixed<8,1,AP_TRN,AP_SAT>"]
    code, _, project = compile_cli(capsys, tmp_path, *argv)
    assert code == 0
    ulp = 2.0**-7
    assert ulp <= written_bound(project) <= ulp * 1.001
    model = compile_quietly("x0", ranges=(-1.0, 0.99), input_precision=argv[-1])
    assert ulp * 0.99 < max_error(model, -1.0, 0.99) < ulp <= model.error_bound[0]
    types_header = (project / "firmware" / "model_types.h").read_text()
    assert "typedef ap_fixed<8,1,AP_TRN,AP_SAT> x0_t;" in types_header


def test_wrapping_input_type_over_a_wider_range_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    message = "input x0: ap_fixed<8,1> holds [-1, 0.992188], not the declared range [-3, 3]"
    for modes in ("AP_TRN,AP_WRAP", "AP_RND,AP_SAT_ZERO"):
        precision = f"ap_fixed<8,1,{modes}>"
        assert_refused(
            capsys, tmp_path, ["x0", "--range=-3:3", "--input-precision", precision], message
        )
        with pytest.raises(srcc.SrccError, match=r"no useful error bound"):
            srcc.compile("x0", ranges=(-3.0, 3.0), input_precision=precision)
    model = compile_quietly(
        "x0", ranges=(-1.0, 0.5), input_precision="ap_fixed<8,1,AP_TRN,AP_WRAP>"
    )
    assert max_error(model, -1.0, 0.5) < 2.0**-7 <= model.error_bound[0]


def test_input_type_under_a_uniform_precision_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["x0", "--range=-3:3", "--input-precision=ap_fixed<8,1>", "--precision=ap_fixed<16,6>"]
    assert_refused(capsys, tmp_path, argv, "fix the input types (input_precision) only with")
    with pytest.raises(srcc.SrccError, match=r"a uniform precision gives every value one type"):
        srcc.compile("x0", ranges=(-3, 3), input_precision="ap_fixed<8,1>", precision=argv[-1][12:])


def test_input_modes_match_c_simulation() -> None:
    """Inputs of two types entering by truncation and saturation (x1 saturates): the
    firmware's casts into each input's type agree with g++ and ap_fixed.h, and the bound
    holds on a grid of the declared box."""
    require_csim_tools()
    precision = {"x0": "ap_fixed<10,3,AP_TRN,AP_SAT>", "x1": "ap_fixed<8,1,AP_TRN,AP_SAT>"}
    model = compile_quietly("x0*x1 + x1", ranges=(-3.0, 3.0), input_precision=precision)
    grid = np.linspace(-3.0, 3.0, 161)
    X = np.stack(np.meshgrid(grid, grid), axis=-1).reshape(-1, 2)
    assert model.csim(X).passed
    assert np.abs(model.predict(X) - model.evaluate(X)).max() <= model.error_bound[0]


def test_input_types_must_share_their_modes() -> None:
    with pytest.raises(srcc.SrccError, match=r"AP_RND_CONV,AP_SAT and AP_TRN,AP_SAT"):
        srcc.compile(
            "x0 + x1",
            ranges=(-1, 1),
            input_precision={"x0": "ap_fixed<8,2>", "x1": "ap_fixed<8,2,AP_TRN,AP_SAT>"},
        )


EXPRESSIONS = ["x0", "0.75*x0 - x0*x0", "sin(x0)", "x0*x0*x0", "exp(x0)", "sign(x0)"]
ENDS = st.decimals(-8, 8, places=3).map(float)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(EXPRESSIONS),
    ENDS,
    ENDS,
    st.integers(2, 16),
    st.integers(-2, 4),
    st.sampled_from(list(RoundingMode)),
    st.sampled_from(list(OverflowMode)),
)
@example("x0", -3.0, 3.0, 8, 1, RoundingMode.RND_CONV, OverflowMode.SAT)
@example("x0", 5.4, 7.0, 16, 0, RoundingMode.RND, OverflowMode.SAT_SYM)
@example("sin(x0)", -1.0, 1.0, 8, 1, RoundingMode.TRN, OverflowMode.SAT_SYM)
def test_input_type_bound_holds_or_is_refused(
    expression: str,
    lo: float,
    hi: float,
    width: int,
    int_bits: int,
    rounding: RoundingMode,
    overflow: OverflowMode,
) -> None:
    """Over random ranges, input types and modes: the bound covers the error measured on a
    dense grid of the declared range (ends included), or the input is refused because it
    would wrap or zero where no useful bound exists."""
    lo, hi = min(lo, hi), max(lo, hi)
    precision = f"ap_fixed<{width},{int_bits},{rounding.cxx},{overflow.cxx}>"
    type_ = fix.FixedType(width, int_bits)
    if overflow in (OverflowMode.WRAP, OverflowMode.SAT_ZERO) and not type_.holds(Interval(lo, hi)):
        event("refused")
        with pytest.raises(srcc.SrccError, match=r"no useful error bound"):
            srcc.compile(expression, ranges=(lo, hi), input_precision=precision)
        return
    event("saturates" if not type_.holds(Interval(lo, hi)) else "holds the range")
    model = compile_quietly(expression, ranges=(lo, hi), input_precision=precision)
    assert max_error(model, lo, hi) <= model.error_bound[0]


# Class 6: numeric extremes.


def test_exp_over_a_wide_range_compiles_within_the_table_entry_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, project = compile_cli(capsys, tmp_path, "exp(x0)", "--range=-50:50")
    assert code == 0
    tables = json.loads((project / "report.json").read_text())["tables"]
    # e^50 needs 73 integer bits (unsigned); the entries stay within the 64-bit limit.
    assert [t["entry_type"] for t in tables] == ["ap_ufixed<48,73>"]
    model = compile_quietly("exp(x0)", ranges=(-50, 50))
    assert max_error(model, -50.0, 50.0) <= model.error_bound[0]


@pytest.mark.parametrize(
    ("expression", "lo", "hi", "precision", "width"),
    [
        ("exp(x0)", -1, 1, "ap_fixed<200,100>", 103),
        ("exp(x0)", -700, 700, "auto", 499),
    ],
)
def test_tables_beyond_the_entry_limit_are_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    expression: str,
    lo: float,
    hi: float,
    precision: str,
    width: int,
) -> None:
    message = (
        f"a table of exp over [{lo}, {hi}] needs {width}-bit entries, and a table's entries "
        "have at most 64 bits (fix.MAX_TABLE_ENTRY_WIDTH)"
    )
    argv = [expression, f"--range={lo}:{hi}", f"--precision={precision}"]
    assert_refused(capsys, tmp_path, argv, message)
    with pytest.raises(srcc.SrccError) as raised:
        srcc.compile(expression, ranges=(lo, hi), precision=precision)
    assert message in str(raised.value)


def test_ranges_near_1e300_compile_and_predict_wide_values(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, project = compile_cli(capsys, tmp_path, "0.5*x0 + x1", "--range=-1e300:1e300")
    assert code == 0
    model = srcc.compile("0.5*x0 + x1", ranges=(-1e300, 1e300))
    assert written_bound(project) == model.error_bound[0]
    assert max(t.int_bits for t in model.value_types) == 999
    rng = np.random.default_rng(0)
    X = np.vstack([rng.uniform(-1e300, 1e300, (2000, 2)), [[1e300, 1e300], [-1e300, -1e300]]])
    assert np.abs(model.predict(X) - model.evaluate(X)).max() <= model.error_bound[0]
    raw = model.predict_raw(X)
    assert raw.dtype == object and max(abs(int(r)) for r in raw.ravel()) > 2**900


@pytest.mark.parametrize(
    ("expression", "lo", "hi"),
    [
        ("-(x0 / x1)", 477734.4644727933, 477734.4644727933),
        ("1/x0", -114613.41345575685, -114613.41345575685),
        ("1/x0", 477734.4644727933, 477734.4644727933 + 1e-9),
        ("sin(x0)", 1e5, 1e5 + 1e-6),
        ("sqrt(x0)^1e-3", 1e300, 1e300),
    ],
)
def test_narrow_ranges_far_from_zero_compile_within_their_bound(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, expression: str, lo: float, hi: float
) -> None:
    """Zero-width and tiny ranges far from 0: table cells on a fine grid there once had
    indices beyond int64 or float64 (an OverflowError)."""
    code, _, project = compile_cli(capsys, tmp_path, expression, f"--range={lo!r}:{hi!r}")
    assert code == 0
    model = compile_quietly(expression, ranges=(lo, hi))
    assert written_bound(project) == model.error_bound[0]
    points = np.linspace(lo, hi, 101)[:, None].repeat(len(model.input_names), axis=1)
    assert np.abs(model.predict(points) - model.evaluate(points)).max() <= model.error_bound[0]


@pytest.mark.parametrize(
    ("expression", "lo", "hi"),
    [
        ("-(x2 * x0^-1)", -2.220446049250313e-16, -2.220446049250313e-16),
        ("1/x0", 1e-13, 2e-13),
        ("x0**-1", -3e-13, -1e-13),
        ("log(x0)", 1e-13, 1e-12),
    ],
)
def test_ranges_just_beside_a_singularity_compile_within_their_bound(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, expression: str, lo: float, hi: float
) -> None:
    """Ranges within 1e-12 of a table function's pole: the table analysis once counted the
    pole as inside them (a ValueError), though range analysis had proved it outside."""
    code, _, project = compile_cli(capsys, tmp_path, expression, f"--range={lo!r}:{hi!r}")
    assert code == 0
    model = compile_quietly(expression, ranges=(lo, hi))
    assert written_bound(project) == model.error_bound[0]
    points = np.linspace(lo, hi, 1001)[:, None].repeat(len(model.input_names), axis=1)
    assert np.abs(model.predict(points) - model.evaluate(points)).max() <= model.error_bound[0]


def test_errors_beyond_float64_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """x0**3 feeds only a table that clamps it, so the planner leaves it as coarse as the
    output (~1e156) allows: its error overflows float64 (once an OverflowError)."""
    expression, bound = "-x0^-2 + sin(x0**3)", 8.468889827873635e-79
    message = (
        "a value in [6.07407e-235, 6.07407e-235] would have an error beyond float64, more "
        "than srcc's limit of 1024 integer bits (fix.MAX_WIDTH) holds"
    )
    assert_refused(capsys, tmp_path, [expression, f"--range={bound!r}:{bound!r}"], message)
    with pytest.raises(srcc.SrccError, match=r"error beyond float64"):
        srcc.compile(expression, ranges=(bound, bound))


def test_values_beyond_the_width_limit_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    message = "beyond ±2**1023: its type would need more integer bits than srcc's limit of 1024"
    for expression, bound in (("x0*x0", 1e300), ("x0", 1e308), ("sinh(x0)", 1000.0)):
        assert_refused(capsys, tmp_path, [expression, f"--range={-bound}:{bound}"], message)
        with pytest.raises(srcc.SrccError, match=r"fix.MAX_WIDTH"):
            srcc.compile(expression, ranges=(-bound, bound))


def test_types_beyond_the_width_limit_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    message = "integer bits 9000 beyond srcc's limit of 1024 (fix.MAX_WIDTH"
    assert_refused(
        capsys, tmp_path, ["x0", "--range=0:1", "--input-precision", "ap_fixed<4,9000>"], message
    )
    assert_refused(capsys, tmp_path, ["x0", "--range=0:1", "--precision=ap_fixed<4,9000>"], message)
    with pytest.raises(srcc.SrccError, match=r"integer bits 9000 beyond"):
        srcc.compile("x0", ranges=(0, 1), input_precision="ap_fixed<4,9000>")
    exact = "sym.mul at <expr>:1:1: its exact result is fix.fixed<2048, 1024>: width 2048 beyond"
    assert_refused(
        capsys, tmp_path, ["x0*x1", "--range=-1:1", "--precision=ap_fixed<1024,512>"], exact
    )
    with pytest.raises(srcc.SrccError, match=r"width 2048 beyond srcc's limit of 1024"):
        srcc.compile("x0*x1", ranges=(-1, 1), precision="ap_fixed<1024,512>")


def test_huge_and_tiny_constants(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for expression, lo, hi in (("x0*1e300", -1.0, 1.0), ("x0*1e-300 + x0", -1.0, 1.0)):
        code, _, _ = compile_cli(capsys, tmp_path / expression, expression, f"--range={lo}:{hi}")
        assert code == 0
        model = srcc.compile(expression, ranges=(lo, hi))
        assert max_error(model, lo, hi) <= model.error_bound[0] <= model.output_error[0]
    assert_refused(capsys, tmp_path, ["x0*1e308", "--range=-1:1"], "sym.constant at <expr>:1:4")


def test_a_design_at_the_width_limit_matches_c_simulation() -> None:
    """A product exactly fix.MAX_WIDTH bits wide, and inputs wider than 64 bits, computed bit
    for bit as g++ with the real ap_fixed.h computes them."""
    require_csim_tools()
    model = srcc.compile(
        "x0*x1 - x0", ranges=(-(2.0**200), 2.0**200), precision="ap_fixed<512,256>"
    )
    widths = [op.results[0].type.width for op in model.firmware.body.block.ops if op.results]
    assert max(widths) == fix.MAX_WIDTH
    rng = np.random.default_rng(1)
    X = rng.uniform(-(2.0**200), 2.0**200, (200, 2)) * rng.uniform(0, 1, (200, 1)) ** 8
    X = np.vstack([X, [[2.0**200, 2.0**200], [-(2.0**200), 2.0**-200], [0.0, 0.0]]])
    result = model.csim(X)
    assert result.passed and result.rows == len(X), result.mismatches[:3]


# Class 9: domain errors name what the user wrote (with guards off: by default, singular
# points in range are guarded, tests/test_special_functions.py).


@pytest.mark.parametrize(
    ("expression", "lo", "hi", "message"),
    [
        ("log_abs(x0)", -1, 1, "so the logarithm's argument cannot reach 0"),
        ("x0**-3", -1, 1, "so the divisor (of 1/u, a division or a negative power) cannot"),
        ("1/x0", -1, 1, "so the divisor (of 1/u, a division or a negative power) cannot"),
        ("x0**1.5", -1, 1, "a non-integer power x ** y (computed as exp(y * log(x))) needs a"),
        ("pow(x0, x1)", 0, 1, "positive base range, and the base's range is [0, 1]; narrow"),
        ("x0**2.5", -2, -1, "[-2, -1]; narrow the input ranges, or use pow_abs(x, y) = |x| ** y"),
        ("pow_abs(x0, 2.5)", -1, 1, "pow_abs(x, y) (computed as exp(y * log(|x|))) needs a base"),
        ("log(x0)", 0, 1, "it reaches values <= 0; narrow the input ranges or use log_abs"),
        ("sqrt(x0)", -1, 1, "it reaches values < 0; narrow the input ranges or use sqrt_abs"),
    ],
)
def test_domain_errors_name_the_argument(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    expression: str,
    lo: float,
    hi: float,
    message: str,
) -> None:
    assert_refused(capsys, tmp_path, [expression, f"--range={lo}:{hi}", "--guard", "0"], message)
    with pytest.raises(srcc.SrccError) as raised:
        srcc.compile(expression, ranges=(lo, hi), guard=0)
    assert message in str(raised.value)
    assert "divisor" not in str(raised.value) or "/" in expression or "**-" in expression


def test_non_integer_power_of_a_positive_base_compiles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = compile_cli(capsys, tmp_path, "x0**1.5", "--range=0.5:4")
    assert code == 0
    model = srcc.compile("x0**1.5", ranges=(0.5, 4.0))
    assert max_error(model, 0.5, 4.0) <= model.error_bound[0] <= model.output_error[0]
