"""Hostile and careless input (issue 12): one test per class, each through the command line
and the Python API. Every refusal is one `srcc: error:` line, exit code 1, nothing written
and no traceback."""

import ast
import errno
import json
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import sympy

import srcc
from srcc.cli import main
from srcc.costs import operator_costs
from srcc.emitters import project
from srcc.emitters.project import MANIFEST
from srcc.limits import MAX_TABLE_SIZE, MAX_VECTORS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIRS = ("srcc", "dialects", "passes", "analysis", "runtime")
TEXT_EVALUATORS = frozenset({"eval", "exec", "sympify", "_sympify", "parse_expr", "S"})
"""Calls that run Python on text: sympy's `sympify` (also as `S(...)`) and `parse_expr`
evaluate their string argument."""

HALL_OF_FAME = "Complexity,Loss,Equation\n1,0.5,x0\n3,0.1,sin(x0)\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one error line `srcc argv` prints, having exited 1 and printed nothing else."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err.startswith("srcc: error: ") and "Traceback" not in err
    return err.splitlines()[0]


def tree(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))


# --- 1. code execution ---------------------------------------------------------------------

ESCAPES = [
    'g(u)=__import__("os").system("touch PWNED")',
    "g(u)=u.__class__.__base__",
    "g(u)=exec(u)",
    "g(u)=eval(u)",
    "g(u)=(lambda: 0)()",
]


@pytest.mark.parametrize("definition", ESCAPES)
def test_class1_operator_bodies_are_parsed_never_evaluated(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    definition: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    line = refused(capsys, "compile", "g(x0)", "--range=-1:1", "--operator", definition)
    assert "operator 'g'" in line
    with pytest.raises(srcc.SrccError, match="operator 'g'"):
        srcc.compile("g(x0)", ranges=(-1, 1), functions=[definition])
    # A callable's result is never parsed: a string it returns is refused, not evaluated.
    with pytest.raises(srcc.SrccError, match="gives a str, not a sympy expression"):
        srcc.compile("g(x0)", ranges=(-1, 1), functions={"g": lambda u: definition[5:]})
    assert list(tmp_path.iterdir()) == []


def test_class1_operator_definition_means_the_same_on_cli_and_api(
    capsys: pytest.CaptureFixture[str],
) -> None:
    definition = "gauss2(u)=exp(-u**2)"
    code, out, _ = run(capsys, "compile", "gauss2(x0)", "--range=-1:1", "--operator", definition)
    assert code == 0
    from_text = srcc.compile("gauss2(x0)", ranges=(-1, 1), functions=[definition])
    from_callable = srcc.compile(
        "gauss2(x0)", ranges=(-1, 1), functions={"gauss2": lambda u: sympy.exp(-(u**2))}
    )
    assert out == from_text.ir["fix"] + "\n\n"
    X = np.linspace(-1, 1, 101)[:, None]
    np.testing.assert_array_equal(from_text.predict(X), from_callable.predict(X))


def _evaluating_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else None
            if isinstance(function, ast.Name):
                name = function.id
            if name in TEXT_EVALUATORS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}(")
    return found


def test_class1_package_source_never_evaluates_text() -> None:
    sources = [path for folder in PACKAGE_DIRS for path in sorted((ROOT / folder).rglob("*.py"))]
    assert len(sources) > 40
    assert [call for path in sources for call in _evaluating_calls(path)] == []


# --- 2. injection into generated files ------------------------------------------------------

BAD_NAMES = [
    "fixed_13_2_t",
    "input_t",
    "delta_t",
    "ap_int",
    "AP_TRN",
    "int",
    "N_IN",
    "srcc",
    "t3_mul",
    "lut_sin",
    "a\nb",
    'a"b',
    "a b",
    "_x",
    "a__b",
    "pt_",
    "α",
    "a" * 65,
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_class2_input_and_top_names_are_identifiers_nothing_generated_uses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "prj"
    line = refused(capsys, "compile", "a", "--range=-1:1", "--names", f"a,{name}", "-o", str(out))
    assert "input name" in line and "\n" not in line.removesuffix("\n")
    line = refused(capsys, "compile", "x0", "--range=-1:1", "--top", name, "-o", str(out))
    assert "top function name" in line
    with pytest.raises(srcc.SrccError, match="input name"):
        srcc.compile("a", ranges=(-1, 1), names=["a", name])
    model = srcc.compile("x0", ranges=(-1, 1))
    with pytest.raises(srcc.SrccError, match="top function name"):
        model.write(out, top=name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["size", "int8", "uint_least16", "time"])
def test_class2_an_input_whose_port_type_is_a_standard_type_is_refused(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    line = refused(capsys, "compile", "a", "--range=-1:1", "--names", f"a,{name}")
    assert f"input name '{name}' is reserved: its port type {name}_t is a standard C type" in line


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--part", 'xcvu9p"; exec rm -rf ~; "', "is not an FPGA part name"),
        ("--part", "xcvu9p}\nexec whoami\n{", "is not an FPGA part name"),
        ("--part", "[exec whoami]", "is not an FPGA part name"),
        ("--part", "", "is not an FPGA part name"),
        ("--top", "rows", "is reserved"),
        ("--top", "fields", "is reserved"),
        ("--top", "main", "is reserved"),
        ("--clock", "inf", "outside the limits"),
        ("--clock", "nan", "outside the limits"),
        ("--clock", "0", "outside the limits"),
        ("--clock", "1e-300", "outside the limits"),
    ],
)
def test_class2_part_top_and_clock_are_checked_before_writing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, value: str, message: str
) -> None:
    out = tmp_path / "prj"
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(out), f"{option}={value}")
    assert message in line
    keyword = {"--part": "part", "--top": "top", "--clock": "clock_ns"}[option]
    setting = float(value) if option == "--clock" else value
    with pytest.raises(srcc.SrccError, match=message):
        srcc.compile("x0", ranges=(-1, 1)).write(out, **{keyword: setting})
    assert list(tmp_path.iterdir()) == []


def test_class2_accepted_names_reach_files_verbatim(tmp_path: Path) -> None:
    model = srcc.compile("jet_pt * eta2 + x", ranges=(-1, 1), names=["jet_pt", "eta2", "x"])
    written = model.write(tmp_path / "prj", top="trigger_v2", part="xc7z020clg400-1", clock_ns=4)
    assert "set part {xc7z020clg400-1}" in (written / "build_prj.tcl").read_text()
    firmware = (written / "firmware/trigger_v2.cpp").read_text()
    signature = "void trigger_v2(const jet_pt_t jet_pt, const eta2_t eta2, const x_t x, y0_t &y0)"
    assert f"{signature} {{" in firmware
    names = [entry["name"] for entry in json.loads((written / "report.json").read_text())["inputs"]]
    assert names == ["jet_pt", "eta2", "x"]


# --- 3. data loss ---------------------------------------------------------------------------


def test_class3_force_replaces_only_a_directory_srcc_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "prj"
    argv = ["compile", "x0", "--range=-1:1", "--vectors", "8", "-o", str(out), "--force"]
    assert run(capsys, *argv)[0] == 0
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert sorted([*listed, MANIFEST]) == [p for p in tree(out) if (out / p).is_file()]
    (out / "notes.txt").write_text("mine")
    (out / "firmware" / "mine.cpp").write_text("mine")
    line = refused(capsys, *argv)
    assert "would delete what srcc did not write" in line
    assert "'firmware/mine.cpp', 'notes.txt'" in line
    with pytest.raises(srcc.SrccError, match="would delete what srcc did not write"):
        srcc.compile("x0", ranges=(-1, 1)).write(out, vectors=8, force=True)
    assert (out / "notes.txt").read_text() == "mine" == (out / "firmware/mine.cpp").read_text()
    (out / "notes.txt").unlink()
    (out / "firmware" / "mine.cpp").unlink()
    assert run(capsys, *argv)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prj"]


def test_class3_force_refuses_a_directory_without_manifest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work")
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(home), "--force")
    assert f"has no {MANIFEST}" in line
    (home / MANIFEST).write_text('{"files": "thesis.tex"}')  # not a list: not srcc's
    assert f"has no {MANIFEST}" in refused(
        capsys, "compile", "x0", "--range=-1:1", "-o", str(home), "--force"
    )
    assert (home / "thesis.tex").read_text() == "years of work"


# --- 4. ambiguous sources --------------------------------------------------------------------


def test_class4_a_source_is_a_file_only_by_its_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x0").write_text(HALL_OF_FAME)
    Path("hof").write_text(HALL_OF_FAME)
    code, out, _ = run(capsys, "compile", "x0", "--range=-1:1", "--emit", "input")
    assert code == 0 and "sym.sin" not in out and "func.return %x0" in out
    assert srcc.parse("x0").input_names == ["x0"]
    # Without names, `hof` is the expression of one input, hof (issue 13, point 5) ...
    assert srcc.parse("hof").input_names == ["hof"]
    # ... and where it is no input, the error says a file of that name was not read.
    line = refused(capsys, "compile", "hof", "--names", "x0", "--range=-1:1")
    assert "unknown variable 'hof'" in line and "read as an expression" in line
    Path("hof.csv").write_text(HALL_OF_FAME)
    code, out, _ = run(capsys, "compile", "hof.csv", "--range=-1:1", "--emit", "input")
    assert code == 0 and "sym.sin" in out
    assert "sym.sin" in str(srcc.parse(Path("hof")))  # a Path is a file, whatever its name


# --- 6. numeric extremes on the command line -------------------------------------------------


@pytest.mark.parametrize("vectors", ["-5", "0", str(MAX_VECTORS + 1)])
def test_class6_vector_counts_outside_the_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, vectors: str
) -> None:
    out = tmp_path / "prj"
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(out), "--vectors", vectors)
    assert f"1 to {MAX_VECTORS} (the limit)" in line
    with pytest.raises(srcc.SrccError, match="the limit"):
        srcc.compile("x0", ranges=(-1, 1)).write(out, vectors=int(vectors))
    assert list(tmp_path.iterdir()) == []


def test_class6_operator_costs_check_their_settings(capsys: pytest.CaptureFixture[str]) -> None:
    assert "is not of the form" in refused(capsys, "costs", "--precision", "garbage")
    assert "outside the limits" in refused(capsys, "costs", "--clock", "0")
    with pytest.raises(srcc.SrccError, match="is not of the form"):
        operator_costs("garbage", 5.0)
    with pytest.raises(srcc.SrccError, match="outside the limits"):
        operator_costs("ap_fixed<16,6>", 0.0)


def test_class6_table_size_limit_is_checked_before_any_allocation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tracemalloc.start()
    line = refused(capsys, "compile", "sin(x0)", "--range=-1:1", "--max-table-size", str(2**30))
    with pytest.raises(srcc.SrccError, match=f"outside 2..{MAX_TABLE_SIZE} \\(the limit\\)"):
        srcc.compile("sin(x0)", ranges=(-1, 1), luts={"sin": {"size": 2**30}})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert f"outside 2..{MAX_TABLE_SIZE} (the limit)" in line
    assert peak < 2**26  # a table of 2**30 entries would take gigabytes


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_class6_calibration_sample_must_be_finite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str
) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_text(f"0.1,0.2\n0.3,{value}\n")
    line = refused(capsys, "compile", "x0*x1", "--calibrate", str(sample))
    assert line == f"srcc: error: {sample}:2: {value} is not a finite number"
    X = np.array([[0.1, 0.2], [0.3, float(value)]])
    with pytest.raises(srcc.SrccError, match=f"row 1, input x1: {value} is not a finite"):
        srcc.compile("x0*x1", calibrate=X)


# --- 7. malformed files ----------------------------------------------------------------------

MALFORMED_HALLS = [
    (b"Complexity,Loss,Equation\n1,nan,x0\n", ":2: loss 'nan' is not a finite number >= 0"),
    (b"Complexity,Loss,Equation\n1,0.1,x0\n3,inf,x0\n", ":3: loss 'inf' is not a finite"),
    (b"Complexity,Loss,Equation\n1,-0.5,x0\n", ":2: loss '-0.5' is not a finite number >= 0"),
    (b"Complexity,Loss,Equation\n1,0.5,x0\n1,0.2,x0*2\n", ":3: complexity 1 appears twice"),
    (b"Complexity,Equation\n1,x0\n", ": missing column(s) loss (found: complexity, equation)"),
    (b"Complexity,Loss,Equation\n1,0.5\n", ":2: expected 3 fields, got 2"),
    (b"Complexity,Loss,Equation\n1,0.5,x0\n2,0.1,x0\xff\n", ":3: byte 0xff is not UTF-8"),
    (b"", ": empty file"),
    (b"\n \n", ": empty file"),
    (b"Complexity,Loss,Equation\n", ": no equations (only a header)"),
    (b"Complexity,Loss,Equation\n-1,0.5,x0\n", ":2: complexity '-1' is not a whole number"),
    (b"Complexity,Loss,Equation\n1,0.5,x0 +\n", ":2: syntax error"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED_HALLS)
def test_class7_malformed_hall_of_fame(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "hof.csv"
    path.write_bytes(content)
    line = refused(capsys, "compile", str(path), "--range=-1:1")
    assert line.startswith(f"srcc: error: {path}{message}")
    with pytest.raises(srcc.SrccError) as raised:
        srcc.compile(str(path), ranges=(-1, 1))
    assert f"{raised.value.where}: {raised.value.message}".startswith(f"{path}{message}")


def test_class7_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "hof.csv"
    path.write_bytes(b"\xef\xbb\xbf" + HALL_OF_FAME.encode())
    model = srcc.compile(str(path), ranges=(-1, 1), select="accuracy")
    assert "fix.lut" in model.ir["fix"]


MALFORMED_SAMPLES = [
    (b"0.1,0.2\n0.3\n", ":2: 1 values, but the first row has 2"),
    (b"pt,eta\n0.1,0.2\n", ":1: 'pt' is not a number"),
    (b"0.1,0.2\n\xff,1\n", ":2: byte 0xff is not UTF-8 text"),
    (b"", ": the calibration sample holds no numbers"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED_SAMPLES)
def test_class7_malformed_calibration_sample(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "sample.csv"
    path.write_bytes(content)
    assert refused(capsys, "compile", "x0*x1", "--calibrate", str(path)) == (
        f"srcc: error: {path}{message}"
    )
    with pytest.raises(srcc.SrccError) as raised:
        srcc.compile("x0*x1", calibrate=path)
    assert f"{raised.value.where}: {raised.value.message}" == f"{path}{message}"
    path.write_bytes(b"\xef\xbb\xbf0.5,-1\n-0.5,1\n")
    assert srcc.compile("x0*x1", calibrate=str(path)).ranges == [(-0.6, 0.6), (-1.2, 1.2)]


# --- 8. file-system errors -------------------------------------------------------------------


def test_class8_output_path_that_is_a_file_or_under_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("keep")
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(blocker))
    assert "exists and is not a directory" in line
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(blocker / "a" / "prj"))
    assert line.startswith(f"srcc: error: cannot create the output directory {blocker / 'a'}")
    with pytest.raises(srcc.SrccError, match="cannot write the project to .*: Not a directory"):
        srcc.compile("x0", ranges=(-1, 1)).write(blocker / "prj")
    assert tree(tmp_path) == ["file"] and blocker.read_text() == "keep"


def test_class8_full_disk_leaves_nothing_half_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new" / "deeper" / "prj"
    kept = tmp_path / "kept"
    srcc.compile("x0", ranges=(-1, 1)).write(kept, vectors=8)
    before = {p: (kept / p).read_bytes() for p in tree(kept) if (kept / p).is_file()}
    write_file = project._write_file
    calls: list[str] = []

    def fills_up(root: Path, path: str, text: str) -> None:
        calls.append(path)
        if len(calls) % 3 == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        write_file(root, path, text)

    monkeypatch.setattr(project, "_write_file", fills_up)
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(out))
    assert line == f"srcc: error: cannot write the project to {out}: No space left on device"
    with pytest.raises(srcc.SrccError, match="No space left on device"):
        srcc.compile("x0", ranges=(-1, 1)).write(kept, vectors=8, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
    assert {p: (kept / p).read_bytes() for p in tree(kept) if (kept / p).is_file()} == before


def test_class8_unwritable_output_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", denied)
    line = refused(capsys, "compile", "x0", "--range=-1:1", "-o", str(tmp_path / "prj"))
    assert line == f"srcc: error: cannot write the project to {tmp_path / 'prj'}: Permission denied"
    assert list(tmp_path.iterdir()) == []
