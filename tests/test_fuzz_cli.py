"""Fuzz the `srcc` command: random argument vectors from its real flags with random and
garbage values, random expressions with random ranges and precisions, and random mutations
of a valid hall of fame. Property: exit code 0 or 1, never a traceback, nothing touched
outside the output directory, done within `CASE_SECONDS`.

Cases run in-process (`srcc.cli.main`, in a fresh temporary working directory each); a few
fixed ones run the installed command in a subprocess. `bench/fuzz_cli.py` runs the same
cases at a larger count.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srcc.cli import _parser, main
from srcc.dialects.sym import UNARY_OPS
from srcc.frontends.expression import DERIVED_UNARY, UNARY_ALIASES

SRCC = str(Path(sys.executable).with_name("srcc"))
CASE_SECONDS = 60
"""A case still running after this long is a hang: the test fails."""
OUTPUT = "out"
"""The output directory a case may write (relative to its working directory)."""
HALL = "hof.csv"
SAMPLE = "sample.csv"
VALID_HALL = (
    "Complexity,Loss,Equation\n"
    "1,0.2491,0.11\n"
    "3,0.1710,x1*0.45\n"
    "5,0.1021,sin(x1 - 0.7)\n"
    "7,0.0703,sin(x1*-1.8 + x2 - 0.7)\n"
    "9,0.0458,sin(x1*-1.8 + x0*0.4 + x2 - 0.7)\n"
)
VALID_SAMPLE = "0.5,-1,2\n-0.25,0.75,1\n1,0,-2\n"

VARIABLES = ("x0", "x1", "x2")
BOUNDED = ["sin", "cos", "tanh", "atan", "gauss", "sign", "abs", "relu", "neg", "Abs", "g"]
"""Functions (and the user operator `g`) whose values grow at most linearly."""
UNBOUNDED = sorted({*UNARY_OPS, *UNARY_ALIASES, *DERIVED_UNARY} - set(BOUNDED))

garbage = st.text(min_size=0, max_size=12) | st.sampled_from(
    ["", "-", "--", "nan", "inf", "-inf", "1e999", "0x10", "'", '"', "\n", "{", "}", "$(id)"]
)
constants = st.sampled_from(["0", "1", "-1", "0.5", "3", "-7.25", "1e-3"])


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children)
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(BOUNDED), children).map("{0[0]}({0[1]})".format),
        st.tuples(st.sampled_from(UNBOUNDED), children).map("{0[0]}({0[1]})".format),
        children.map(lambda c: f"-{c}"),
    )


leaves = st.one_of(
    st.sampled_from(VARIABLES),
    constants,
    st.tuples(st.sampled_from(UNBOUNDED), st.sampled_from(VARIABLES)).map("{0[0]}({0[1]})".format),
    st.tuples(st.sampled_from(VARIABLES), st.sampled_from(["^", "**"]), st.integers(-2, 3)).map(
        "{0[0]}{0[1]}{0[2]}".format
    ),
)
expressions = st.recursive(leaves, _combine, max_leaves=6)
"""Every function name srcc knows (and `g`, a user operator) of any expression: values
beyond int64, beyond srcc's width limit, or undefined on the range."""


def _ranges(bound: float) -> st.SearchStrategy[str]:
    """`LO:HI` with LO in [-bound, bound], as wide as `bound`, tiny, or empty."""
    width = st.floats(0, bound) | st.floats(0, 1e-6) | st.just(0.0)
    return st.tuples(st.floats(-bound, bound), width).map(lambda t: f"{t[0]!r}:{t[0] + t[1]!r}")


small_ranges = st.tuples(st.integers(-32, 31), st.integers(1, 32), st.sampled_from([4, 64])).map(
    lambda t: f"{t[0] / t[2]:g}:{min(t[0] + t[1], 32) / t[2]:g}"
)
"""Ranges within [-8, 8], where most expressions compile."""
ranges = small_ranges | _ranges(1e6)


def _wild_combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    power = st.tuples(
        children, st.sampled_from(["^", "**"]), children | st.integers(-3, 9).map(str)
    )
    return _combine(children) | power.map("({0[0]}){0[1]}{0[2]}".format)


wild_expressions = st.recursive(leaves, _wild_combine, max_leaves=8)
"""The test's expressions, larger, with powers of anything to anything."""
wild_ranges = ranges | _ranges(1e300)

fixed_types = st.tuples(st.integers(-2, 40), st.integers(-8, 20)).map(
    lambda t: f"ap_fixed<{t[0]},{t[1]}>"
)

FLAG_VALUES: dict[str, st.SearchStrategy[str]] = {
    "--emit": st.sampled_from(["input", "sym", "fix", "hls"]),
    "--target": st.sampled_from(["vitis", "vivado"]),
    "--top": st.sampled_from(["model", "top2", "int", "fixed_8_2_t", "a b"]),
    "--clock": st.sampled_from(["5", "2.5", "0", "-1", "1e9"]),
    "--part": st.sampled_from(["xcvu9p-flga2104-2L-e", "xc7z020clg400-1", 'a"b', "x}y"]),
    "--vectors": st.sampled_from(["1", "3", "50", "0", "-5", "1e3"]),
    "--names": st.sampled_from(["a,b,c", "x0,x1,x2", "pt", "a,a", "x,y,z", "in0,b,c"]),
    "--operator": st.sampled_from(["g(u)=u*u", "g(u)=exp(-u**2)", "g(u)=open(u)", "g(u)=v"]),
    "--select": st.sampled_from(["best", "accuracy"]),
    "--complexity": st.sampled_from(["1", "3", "5,7", "2"]),
    "--range": ranges | st.tuples(st.sampled_from(VARIABLES), ranges).map("=".join),
    "--precision": st.just("auto") | fixed_types,
    "--output-error": st.sampled_from(["1e-3", "0.1", "1e-9", "0", "-1", "1e-3,1e-2"]),
    "--max-width": st.integers(-2, 40).map(str),
    "--input-precision": fixed_types,
    "--calibrate": st.sampled_from([SAMPLE, "missing.csv", HALL]),
    "--lut": st.sampled_from(["sin:size=64", "exp:range=-2:2", "cos:size=7", "sin:x=1"]),
    "--max-table-size": st.sampled_from(["2", "64", "1024", "1000", str(2**30), "-4"]),
}
"""Plausible, edge and wrong values for the options that take one."""


def compile_flags() -> dict[str, bool]:
    """The real options of `srcc compile`: option string -> whether it takes a value."""
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    compile_ = commands.choices["compile"]  # type: ignore[index]
    return {
        name: action.nargs is None
        for action in compile_._actions
        for name in action.option_strings
        if name not in ("-h", "--help")
    }


FLAGS = compile_flags()


@st.composite
def flag(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(FLAGS)))
    if not FLAGS[name]:
        return [name]
    if name in ("-o", "--output"):
        return [name, OUTPUT]
    plausible = FLAG_VALUES.get(name, garbage)
    value = draw(st.one_of(plausible, plausible, plausible, garbage))  # 3 in 4 plausible
    return [f"{name}={value}"] if draw(st.booleans()) else [name, value]


@st.composite
def compile_argv(
    draw: st.DrawFn, sources: st.SearchStrategy[list[str]], ranges: st.SearchStrategy[str]
) -> list[str]:
    """`compile` with `sources` and random flags (a range three times in four); the sources
    come first, or last after `--` (as an expression starting with `-` must)."""
    options = []
    if draw(st.integers(0, 3)):
        options.append(f"--range={draw(ranges)}")
    for option in draw(st.lists(flag(), max_size=4)):
        options += option
    if draw(st.booleans()):
        options += ["-o", OUTPUT, "--vectors", "20"]
    if draw(st.booleans()):
        return ["compile", *draw(sources), *options]
    return ["compile", *options, "--", *draw(sources)]


@st.composite
def mutated_hall(draw: st.DrawFn) -> bytes:
    """The valid hall of fame with a few bytes, fields or lines changed."""
    data = bytearray(VALID_HALL.encode())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["byte", "delete", "insert", "line", "field"]))
        start = draw(st.sampled_from([0, HEADER_BYTES, HEADER_BYTES, HEADER_BYTES]))
        at = draw(st.integers(start, len(data)))
        if kind == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=6))
        elif kind == "line":
            lines = bytes(data).split(b"\n")
            lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(LINES)))
            data = bytearray(b"\n".join(lines))
        else:
            data[at:at] = draw(st.sampled_from(FRAGMENTS))
    return bytes(data)


HEADER_BYTES = VALID_HALL.index("\n") + 1
"""Three in four mutations spare the header, so that most reach the equations."""
FRAGMENTS = [b",nan", b",-1", b",inf", b",", b'"', b"\xef\xbb\xbf"]
LINES = [b"3,0.05,x0", b"11,nan,x0", b"13,-2,x2", b"15,inf,x1", b"x,y,z", b"", b"1,0.1"]


def cli_cases(
    expressions: st.SearchStrategy[str], ranges: st.SearchStrategy[str]
) -> st.SearchStrategy[tuple[list[str], bytes]]:
    valid = st.lists(expressions, min_size=1, max_size=2)
    sources = st.one_of(valid, valid, st.just([HALL]), st.lists(garbage, max_size=2))
    return st.one_of(
        st.tuples(compile_argv(sources, ranges), st.just(VALID_HALL.encode())),
        st.tuples(compile_argv(st.just([HALL]), ranges), mutated_hall()),
        st.tuples(st.sampled_from(["report", "csim", "costs"]), st.lists(garbage, max_size=3)).map(
            lambda t: ([t[0], *t[1]], VALID_HALL.encode())
        ),
    )


cases = cli_cases(expressions, ranges)
wild_cases = cli_cases(wild_expressions, wild_ranges)
"""(argv, hall-of-fame bytes) pairs: the hall is written to `hof.csv` in the working
directory, beside `sample.csv`, before `srcc argv` runs there."""


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` but the output directory, with a file's bytes."""
    found: dict[str, bytes | None] = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if relative != OUTPUT and not relative.startswith(OUTPUT + "/"):
            found[relative] = path.read_bytes() if path.is_file() else None
    return found


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"a case ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_case(argv: list[str], hall: bytes) -> tuple[int, str]:
    """Run `srcc argv` in a fresh directory holding `hof.csv` and `sample.csv`; assert the
    property; return the exit code and the first line of the error output."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / HALL).write_bytes(hall)
        (root / SAMPLE).write_text(VALID_SAMPLE)
        before = _snapshot(root)
        stdout, stderr = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(root)
        try:
            with (
                _time_limit(CASE_SECONDS),
                contextlib.redirect_stdout(stdout),
                contextlib.redirect_stderr(stderr),
                warnings.catch_warnings(),
            ):
                warnings.simplefilter("ignore")
                code = main(argv)
        except SystemExit as exit_:  # --help prints and exits, as argparse does
            code = exit_.code
        finally:
            os.chdir(cwd)
        err = stderr.getvalue()
        assert code in (0, 1), (argv, code, err)
        assert "Traceback" not in err, (argv, err)
        lines = err.splitlines()
        assert all(line.startswith(("srcc: error: ", "srcc: warning: ", "  ")) for line in lines)
        assert (code == 1) == any(line.startswith("srcc: error: ") for line in lines), (argv, err)
        assert _snapshot(root) == before, argv
    return code, err.partition("\n")[0]


@settings(
    max_examples=int(os.environ.get("SRCC_FUZZ_CLI_EXAMPLES", "1000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases)
def test_fuzz_cli_in_process(case: tuple[list[str], bytes]) -> None:
    check_case(*case)


@pytest.mark.parametrize(
    "argv",
    [
        ["compile", "g(x0)", "--range=-1:1", "--operator", "g(u)=__import__('os')"],
        ["compile", "sin(x0)", "--range=-1:1", "--max-table-size", str(2**30)],
        ["compile", "x0", "--range=-1:1", "--vectors", "-5", "-o", OUTPUT],
        ["compile"],
        ["frobnicate", "--x"],
    ],
)
def test_fuzz_cli_subprocess_cases(tmp_path: Path, argv: list[str]) -> None:
    result = subprocess.run(
        [SRCC, *argv], cwd=tmp_path, capture_output=True, text=True, timeout=CASE_SECONDS
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("srcc: error: ") and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
