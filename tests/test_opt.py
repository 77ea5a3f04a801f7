"""The installed `srcc-opt`: every user error is one `srcc-opt: error:` line and exit 1."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRCC_OPT = str(Path(sys.executable).with_name("srcc-opt"))

LOG = """\
func.func @f(%x: f64 {sym.name = "x", sym.range = #sym.interval<-1.0, 1.0>}) -> f64 {
  %0 = sym.log %x
  func.return %0 : f64
}
"""

UNPARSABLE = """\
func.func @f(%x: f64) -> f64 {
  %0 = sym.sin %x %x
  func.return %0 : f64
}
"""

POWI_OF_ONE = """\
func.func @f(%x: f64) -> f64 {
  %0 = sym.powi %x, 1 loc("model.expr":3:7)
  func.return %0 : f64
}
"""

INTEGER_SIN = """\
func.func @f(%x: i32) -> i32 {
  %0 = "sym.sin"(%x) : (i32) -> i32
  func.return %0 : i32
}
"""


def srcc_opt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SRCC_OPT, *args], capture_output=True, text=True, check=False)


@pytest.fixture
def log_ir(tmp_path: Path) -> str:
    path = tmp_path / "log.mlir"
    path.write_text(LOG)
    return str(path)


def test_good_input_runs(log_ir: str) -> None:
    result = srcc_opt(log_ir, "-p", "canonicalize")
    assert (result.returncode, result.stderr) == (0, "")
    assert "%0 = sym.log %x" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "no-such-pass"], "-p 'no-such-pass': Unrecognized passes: ['no-such-pass']"),
        (
            ["-p", "sym-range-analysis{depth=3}"],
            "-p 'sym-range-analysis{depth=3}': Provided arguments [\"depth\"] not found in "
            "expected arguments []",
        ),
        (
            ["-p", "lower-sym-to-fix{max_width=wide}"],
            "-p 'lower-sym-to-fix{max_width=wide}': Incompatible types: given ('wide',), "
            "expected int | None",
        ),
        (["-p", "sym-range-analysis{"], "pass-pipeline:1:20: Expected argument name here"),
        (
            ["-p", "sym-range-analysis"],
            "sym.log is undefined on its argument's range [-1, 1]: it reaches values <= 0; "
            "narrow the input ranges or use log_abs",
        ),
        (["-t", "hls"], "the HLS emitter cannot print sym.log"),
        (
            ["-o", "/nonexistent/out.mlir"],
            "cannot write /nonexistent/out.mlir: No such file or directory",
        ),
    ],
)
def test_bad_pipelines_and_preconditions(log_ir: str, args: list[str], message: str) -> None:
    result = srcc_opt(log_ir, *args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"srcc-opt: error: {message}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (UNPARSABLE, "{path}:3:3: Expected '=' after operation result list"),
        (POWI_OF_ONE, "sym.powi at model.expr:3:7: sym.powi exponent must not be 0 or 1, got 1"),
        (
            INTEGER_SIN,
            "sym.sin: operand 'arg' at position 0 does not verify: "
            "i32 should be of base attribute f64",
        ),
    ],
)
def test_bad_ir(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "input.mlir"
    path.write_text(text)
    result = srcc_opt(str(path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"srcc-opt: error: {message.format(path=path)}\n"


def test_unreadable_inputs(tmp_path: Path) -> None:
    text_file = tmp_path / "model.txt"
    text_file.write_text(LOG)
    for path, message in [
        (tmp_path / "missing.mlir", "No such file or directory"),
        (tmp_path, "Is a directory"),
    ]:
        result = srcc_opt(str(path))
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == f"srcc-opt: error: cannot read {path}: {message}\n"
    result = srcc_opt(str(text_file))
    assert result.stderr == f"srcc-opt: error: {text_file}: Unrecognized file extension 'txt'\n"


def test_closed_pipe_is_quiet(log_ir: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [SRCC_OPT, log_ir], stdout=write_end, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, b"")
