"""The `srcc` command: outputs, and one clear error line for each kind of bad input."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from srcc.cli import main

SRCC = str(Path(sys.executable).with_name("srcc"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_emit_sym_simplifies(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compile", "x0*x1 + x1*x0 + 0*x2 + x3**4", "--emit", "sym")
    assert code == 0
    assert out.count("sym.mul %x0, %x1") == 1
    assert "sym.mul %x1, %x0" not in out
    assert out.count("sym.mul %x3, %x3") == 1
    assert "sym.constant 0.0" not in out
    assert out.count("sym.mul") == 4  # x0*x1, its doubling, x3*x3, (x3*x3)**2


def test_emit_fix_prints_typed_ir(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compile", "0.5*x0*x1 + x1", "--range=-4:4", "--emit", "fix")
    assert code == 0
    assert "func.func @model(%x0: !fix.fixed<" in out
    assert "fix.mul" in out


def test_an_expression_may_begin_with_a_minus(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compile", "-0.5*x0+x1", "--range=-1:1", "--emit", "sym")
    assert code == 0
    assert "%0 = sym.constant -0.5\n    %1 = sym.mul %x0, %0\n" in out


def test_an_option_value_may_begin_with_a_minus(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compile", "-x0", "--range", "-3:3", "--emit", "fix")
    assert code == 0
    assert "sym.range = #sym.interval<-3.0, 3.0>" in out
    assert "fix.neg" in out


def test_options_around_dash_expressions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "compile", "--emit=sym", "--", "-x0", "--x1")
    assert code == 0
    assert "-> (f64, f64)" in out
    project = tmp_path / "prj"
    code, out, _ = run(capsys, "compile", "-x0*x1", f"-o{project}", "--range", "-1:1")
    assert code == 0
    assert out.startswith(f"wrote {project}\n")


def test_the_installed_command_compiles_a_leading_minus() -> None:
    result = subprocess.run(
        [SRCC, "compile", "-0.5*x0+x1", "--range", "-1:1", "--emit", "fix"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "func.func @model(%x0: !fix.fixed<" in result.stdout


def test_output_into_a_closed_pipe_is_quiet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = tmp_path / "prj"
    assert run(capsys, "compile", "x0*x1", "--range=-1:1", "-o", str(project))[0] == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        for argv in (
            ["report", str(project)],
            ["compile", "x0*x1", "--range=-1:1", "--emit", "fix"],
        ):
            closed = subprocess.run(
                [SRCC, *argv], stdout=write_end, stderr=subprocess.PIPE, check=False
            )
            assert (closed.returncode, closed.stderr) == (141, b"")
    finally:
        os.close(write_end)


def test_names_and_per_input_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "compile",
        "pt*eta",
        "--names",
        "pt,eta",
        "--range",
        "pt=0:100",
        "--range",
        "eta=-2.5:2.5",
    )
    assert code == 0
    assert 'sym.name = "pt"' in out


def test_names_come_from_the_expression_in_range_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["compile", "(2.2 - x/11) + 7*cos(y)", "--range", "y=-4:4", "--range", "x=-4:4"]
    code, out, _ = run(capsys, *argv, "--emit", "input")
    assert code == 0
    assert out.index('sym.name = "y"') < out.index('sym.name = "x"')


def test_hall_of_fame_inputs_stay_x0_to_xn(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hall = tmp_path / "hall_of_fame.csv"
    hall.write_text('Complexity,Loss,Equation\n3,0.5,"x0 + y"\n')
    code, _, err = run(capsys, "compile", str(hall), "--range=-1:1")
    assert code == 1
    assert "unknown variable 'y' (without names, inputs are x0, x1, ...)" in err


def test_guard_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "prj"
    argv = ["compile", "log_abs(x0)", "--range=-2:2", "--guard", "0.0625", "-o", str(project)]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "  guard sym.log_abs at <expr>:1:1: argument in (-0.0625, 0.0625)" in out
    code, out, _ = run(capsys, "report", str(project))
    assert code == 0
    assert (
        "pipeline simplify,sym-div-to-inv,sym-guard{eps=0.0625},sym-composite,lower-sym-to-fix"
        in out
    )
    assert "returns log_abs(eps) = -2.77259" in out


def test_expression_file_gives_one_output_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "model.txt"
    source.write_text("x0 + x1\n\nx0 * x1\n")
    code, out, _ = run(capsys, "compile", str(source), "--emit", "sym")
    assert code == 0
    assert "-> (f64, f64)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sin(x0"], "srcc: error: syntax error: '(' was never closed\n  sin(x0\n     ^"),
        (["frobnicate(x0)", "--range=-1:1"], "srcc: error: unknown function 'frobnicate'"),
        (["x0 + y", "--names", "x0"], "srcc: error: unknown variable 'y'"),
        (["x0 + nan", "--range=-1:1"], "srcc: error:"),
        (["x0 * 1e999", "--range=-1:1"], "srcc: error:"),
        (["log(x0 - 2)", "--range=-1:1"], "srcc: error: sym.log at <expr>:1:1 is undefined"),
        (["gamma(x0)", "--range=-1:1"], "srcc: error: sym.gamma at <expr>:1:1 is undefined"),
        (["atanh(2*x0)", "--range=-1:1"], "srcc: error: sym.atanh at <expr>:1:1 is undefin"),
        (["log(x0)", "--range=-1:1", "--guard", "2"], "srcc: error: guard eps 2 of sym.log"),
        (["asin(2*x0)", "--range=-1:1"], "srcc: error: sym.asin at <expr>:1:1 is undefined"),
        (["x0 + x1", "--range", "x0=-1:1"], "srcc: error: no range for input x1"),
        (["x0", "--range", "x0=1"], "srcc: error: --range 'x0=1' is not of the form"),
        (["x0", "--range", "x9=0:1"], "srcc: error: range given for unknown input 'x9'"),
        (["x0", "--range=-1:1", "--precision", "float"], "srcc: error: precision 'float'"),
        (["x0", "--range=-1:1", "--output-error", "tiny"], "srcc: error: --output-error"),
        (["x0", "--range=2:1"], "srcc: error: range of x0 must be finite with lo <= hi"),
    ],
)
def test_bad_input_gives_one_error_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "compile", *argv)
    assert code == 1
    assert out == ""
    assert err.startswith(message)
    assert "Traceback" not in err


def test_bad_hall_of_fame_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    no_columns = tmp_path / "cols.csv"
    no_columns.write_text("a,b\n1,2\n")
    for path, message in [
        (empty, "empty"),
        (no_columns, "missing column(s) complexity, loss, equation"),
    ]:
        code, _, err = run(capsys, "compile", str(path), "--emit", "sym")
        assert code == 1
        assert err.startswith("srcc: error:") and message in err


def test_unknown_complexity_lists_the_available_ones(capsys: pytest.CaptureFixture[str]) -> None:
    hof = Path(__file__).parent.parent / "examples" / "hall_of_fame.csv"
    code, _, err = run(capsys, "compile", str(hof), "--complexity", "4", "--emit", "sym")
    assert code == 1
    assert err.startswith("srcc: error:") and "1, 3, 5" in err


def test_the_installed_command_prints_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "srcc", "compile", "sin(x0", "--emit", "sym"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == "srcc: error: syntax error: '(' was never closed"


def test_project_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "prj"
    code, out, _ = run(capsys, "compile", "sin(x0)*x1 + 0.3", "--range=-2:2", "-o", str(project))
    assert code == 0
    assert out.startswith(f"wrote {project}\n  output 0: ap_fixed<")
    assert (project / "firmware" / "model.cpp").is_file()
    assert (project / "build_prj.tcl").is_file()
    code, out, _ = run(capsys, "csim", str(project))
    assert code == 0
    assert out.strip() == "csim passed: 1000 rows, 0 mismatches"
    code, out, _ = run(capsys, "report", str(project))
    assert code == 0
    assert "error bound" in out and "not synthesis results" in out and "sin" in out
    assert (
        out.splitlines()[0] == "pipeline simplify,sym-div-to-inv,sym-composite,lower-sym-to-fix,"
        "fix-table-storage"
    )


def test_csim_lists_mismatches(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "prj"
    assert run(capsys, "compile", "x0*x1", "--range=-2:2", "-o", str(project))[0] == 0
    expected = project / "tb_data" / "expected.dat"
    lines = expected.read_text().splitlines()
    lines[2] = str(int(lines[2]) + 1)
    expected.write_text("\n".join(lines) + "\n")
    code, out, _ = run(capsys, "csim", str(project))
    assert code == 1
    assert f"row 2 output 0: got {int(lines[2]) - 1} expected {lines[2]}" in out
    assert out.splitlines()[-1] == "csim FAILED: 1000 rows, 1 mismatches"


def test_existing_project_needs_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "prj"
    assert run(capsys, "compile", "x0", "--range=-1:1", "-o", str(project))[0] == 0
    code, out, err = run(capsys, "compile", "x0", "--range=-1:1", "-o", str(project))
    assert code == 1 and out == ""
    assert err.startswith(f"srcc: error: output directory {project} exists")
    assert run(capsys, "compile", "x0", "--range=-1:1", "-o", str(project), "--force")[0] == 0


def test_failed_compile_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "prj"
    code, _, err = run(capsys, "compile", "log(x0 - 2)", "--range=-1:1", "-o", str(project))
    assert code == 1 and err.startswith("srcc: error:")
    assert list(tmp_path.iterdir()) == []


def test_emit_hls_prints_the_firmware(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compile", "x0*x1", "--range=-1:1", "--emit", "hls")
    assert code == 0
    assert "// ==== firmware/model.cpp ====" in out
    assert "#pragma HLS PIPELINE II=1" in out


def test_costs_prints_a_pysr_dict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "costs", "--precision", "ap_fixed<16,6>", "--clock", "5")
    assert code == 0
    body = "\n".join(line for line in out.splitlines() if not line.startswith("#"))
    costs = ast.literal_eval(body)
    assert costs["+"] >= 1 and costs["sin"] >= costs["+"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compile", "sin(x0)", "--range=-1:1", "--lut", "frob:size=8"], "--lut frob"),
        (["compile", "sin(x0)", "--range=-1:1", "--lut", "sin:size=100"], "power of two"),
        (["compile", "sin(x0)", "--range=-1:1", "--lut", "sin:depth=3"], "unknown key"),
        (["compile", "sin(x0)", "--range=-1:1", "--max-table-size", "1000"], "power of two"),
        (["compile", "3 + 4"], "no inputs"),
        (["csim", "/nonexistent/project"], "is not an srcc project"),
        (["report", "/nonexistent/project"], "is not an srcc project"),
        (["compile", "x0", "--calibrate", "/nonexistent.csv"], "cannot read /nonexistent.csv"),
        (["compile", "x0*x1", "--range=-1:1", "--max-width", "1"], "at least 2 bits"),
        (
            ["compile", "x0*x1", "--range=-1:1", "--max-intermediate-width", "1"],
            "max_intermediate_width must be at least 2 bits",
        ),
        (["compile", "x0*x1+0.3", "--range=-1:1", "--max-width", "2"], "max_width=2 is too narrow"),
    ],
)
def test_more_bad_input(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("srcc: error:") and message in err
    assert len(err.strip().splitlines()) == 1


def test_calibration_sample_gives_ranges(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_text("0.0,1.0\n2.0,-1.0\n1.0,0.5\n")
    code, out, _ = run(capsys, "compile", "x0*x1", "--calibrate", str(sample))
    assert code == 0
    assert "sym.range = #sym.interval<-0.2, 2.2>" in out
