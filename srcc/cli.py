"""The `srcc` command: compile expressions to fixed-point firmware."""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from xdsl.utils.exceptions import DiagnosticException

from srcc.errors import SrccError, SrccWarning, quoted

BROKEN_PIPE_STATUS = 128 + 13
"""A command killed by SIGPIPE exits so (as `cat` would, seen from the shell)."""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, except that an argument beginning with '-' is an option only if it is one
    of the command's options: `-h`, `-o DIR` (or `-oDIR`), `--NAME` (or an unambiguous
    abbreviation) and `--NAME=VALUE`. Any other, such as `-0.5*x0+x1`, is a positional
    argument, and an option's value may begin with '-' (`--range -3:3`)."""

    def __init__(self, **kwargs: Any):
        self._takes_value: dict[str, bool] = {}  # before super(), which adds -h
        self._commands: argparse.Action | None = None
        super().__init__(**kwargs)

    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*names, **kwargs)
        for name in action.option_strings:
            self._takes_value[name] = action.nargs is None
        return action

    def error(self, message: str) -> NoReturn:
        """A usage error is bad input like any other: one `srcc: error:` line, exit 1."""
        raise SrccError(f"{message} (see {self.prog} --help)")

    def add_subparsers(self, **kwargs: Any) -> Any:
        self._commands = super().add_subparsers(**kwargs)
        return self._commands

    def options_first(self, argv: Sequence[str]) -> list[str]:
        """`argv` rewritten for argparse: after the command name, the options (each with
        its value attached), then `--` and the positional arguments."""
        choices = self._commands.choices if self._commands is not None else None
        command = choices.get(argv[0]) if choices and argv else None
        if not isinstance(command, _ArgumentParser):
            return list(argv)
        return [argv[0], *command._options_then_positionals(argv[1:])]

    def _options_then_positionals(self, argv: Sequence[str]) -> list[str]:
        options: list[str] = []
        positionals: list[str] = []
        rest = iter(argv)
        for arg in rest:
            if arg == "--":
                positionals.extend(rest)
                break
            if not self._is_option(arg):
                positionals.append(arg)
            elif self._value_follows(arg):
                value = next(rest, None)
                options.append(arg if value is None else _attach(arg, value))
            else:
                options.append(arg)
            if options and _attached_value(options[-1]) == "--":
                # argparse would drop a value of '--' and leave the option an empty list.
                raise SrccError(f"{options[-1][:-2].rstrip('=')} needs a value, not '--'")
        return [*options, "--", *positionals] if positionals else options

    def _is_option(self, arg: str) -> bool:
        return arg.startswith("--") or arg[:2] in self._takes_value

    def _value_follows(self, option: str) -> bool:
        """Whether `option` (an option argument) takes its value from the next argument."""
        if not option.startswith("--"):
            return option in self._takes_value and self._takes_value[option]
        if "=" in option:
            return False
        if option in self._takes_value:
            return self._takes_value[option]
        matches = [name for name in self._takes_value if name.startswith(option)]
        return len(matches) == 1 and self._takes_value[matches[0]]


def _attached_value(option: str) -> str | None:
    """The value in `--NAME=VALUE` or `-oVALUE`, else None."""
    if option.startswith("--"):
        _, equals, value = option.partition("=")
        return value if equals else None
    return option[2:] or None


def _attach(option: str, value: str) -> str:
    return f"{option}={value}" if option.startswith("--") else option + value


def _range_arg(text: str) -> tuple[str | None, tuple[float, float]]:
    """`x0=-4:4` → ("x0", (-4, 4)); `-3:3` → (None, (-3, 3)) for every input."""
    name, _, bounds = text.rpartition("=")
    lo, sep, hi = bounds.partition(":")
    try:
        if not sep:
            raise ValueError
        return (name or None), (float(lo), float(hi))
    except ValueError:
        raise SrccError(f"--range {text!r} is not of the form NAME=LO:HI or LO:HI") from None


def _ranges(args: argparse.Namespace) -> Any:
    pairs = [_range_arg(text) for text in args.range]
    everywhere = [bounds for name, bounds in pairs if name is None]
    named = {name: bounds for name, bounds in pairs if name is not None}
    if everywhere and named:
        raise SrccError("give either one --range LO:HI for all inputs or NAME=LO:HI ranges")
    if everywhere:
        return everywhere[-1]
    return named or None


def _output_error(text: str | None) -> Any:
    if text is None:
        return None
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        raise SrccError(f"--output-error {text!r} is not a number or comma list") from None
    return values[0] if len(values) == 1 else values


def _source(args: argparse.Namespace) -> Any:
    return args.source[0] if len(args.source) == 1 else list(args.source)


def _parse_options(args: argparse.Namespace) -> dict[str, Any]:
    complexity = None
    if args.complexity:
        try:
            complexity = [int(c) for c in args.complexity.split(",")]
        except ValueError:
            message = f"--complexity {quoted(args.complexity)} is not an integer or comma list"
            raise SrccError(message) from None
        complexity = complexity[0] if len(complexity) == 1 else complexity
    return {
        "names": args.names.split(",") if args.names else None,
        "functions": args.operator or None,
        "select": args.select,
        "complexity": complexity,
    }


def _lut_arg(text: str) -> tuple[str, dict[str, Any]]:
    """`sin:size=1024,range=-8:8` → ("sin", {"size": 1024, "range": (-8.0, 8.0)})."""
    function, _, settings = text.partition(":")
    spec: dict[str, Any] = {}
    for item in filter(None, settings.split(",")):
        key, _, value = item.partition("=")
        try:
            if key == "size":
                spec["size"] = int(value)
            elif key == "range":
                lo, _, hi = value.partition(":")
                spec["range"] = (float(lo), float(hi))
            else:
                raise SrccError(f"--lut {text!r}: unknown key {key!r} (size, range)")
        except ValueError:
            raise SrccError(f"--lut {text!r}: cannot read {item!r}") from None
    return function.strip(), spec


def _input_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of `srcc.driver.input_ir`: what the input IR records."""
    return {
        "ranges": _ranges(args),
        "calibrate": args.calibrate,
        "input_precision": args.input_precision,
        **_parse_options(args),
    }


def _pipeline_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of `srcc.driver.compile_passes`: what the pipeline's options say."""
    return {
        "precision": args.precision,
        "output_error": _output_error(args.output_error),
        "max_width": args.max_width,
        "max_intermediate_width": args.max_intermediate_width,
        "luts": dict(_lut_arg(text) for text in args.lut) or None,
        "interpolate": args.interpolate,
        "max_table_size": args.max_table_size,
        "range_reduction": args.range_reduction,
        "divider": args.divider,
        "guard": args.guard,
    }


def _compile_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of `srcc.compile` beyond the input's and the pipeline's."""
    return {"rewrite": args.rewrite}


def _compile_model(args: argparse.Namespace) -> Any:
    import srcc

    return srcc.compile(
        _source(args), **_input_options(args), **_pipeline_options(args), **_compile_options(args)
    )


def _summary(model: Any, directory: Any) -> str:
    lines = [f"wrote {directory}"]
    for index, (fmt, bound) in enumerate(zip(model.output_formats, model.error_bound)):
        lines.append(f"  output {index}: {fmt.cxx()}, error bound {bound:.3g}")
    lines += [f"  guard {guard.describe()}" for guard in model.guards]
    return "\n".join(lines)


def _cmd_compile(args: argparse.Namespace) -> int:
    import srcc
    from srcc.driver import compile_passes, guards_needed, input_ir
    from srcc.pipeline import pipeline_text

    if args.print_pipeline and args.rewrite == "auto":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SrccWarning)  # the pipeline is what was asked
            print(_compile_model(args).pipeline)
        return 0
    if args.print_pipeline:
        module = input_ir(_source(args), **_input_options(args))
        print(
            pipeline_text(compile_passes(**_pipeline_options(args), guarded=guards_needed(module)))
        )
        return 0
    if args.emit == "input":
        _print_ir(str(input_ir(_source(args), **_input_options(args))))
        return 0
    if args.emit == "sym":
        program = srcc.parse(_source(args), **_parse_options(args)).run("simplify")
        print(program)
        return 0
    if args.output is not None:
        from srcc.model import check_project_settings

        check_project_settings(args.top, args.part, args.clock, args.vectors)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SrccWarning)
        model = _compile_model(args)
    for warning in caught:
        print(f"srcc: warning: {warning.message}", file=sys.stderr)
    if args.output is not None:
        written = model.write(
            args.output,
            target=args.target,
            top=args.top,
            clock_ns=args.clock,
            part=args.part,
            vectors=args.vectors,
            force=args.force,
            constant_multipliers=args.constant_multipliers,
        )
        print(_summary(model, written))
        return 0
    if args.emit == "hls":
        from srcc.emitters.hls import emit_hls
        from srcc.names import check_top_name

        check_top_name(args.top)
        for path, text in emit_hls(model.firmware, args.top, args.target).items():
            print(f"// ==== {path} ====\n{text}")
        return 0
    _print_ir(model.ir["fix"])
    return 0


def _print_ir(text: str) -> None:
    """IR as `srcc-opt` prints it, so that the two tools' outputs compare byte for byte."""
    print(f"{text}\n")


def _cmd_csim(args: argparse.Namespace) -> int:
    from srcc.runtime.aptypes import ApTypesNotFoundError
    from srcc.runtime.csim import run_csim

    _require_project(args.directory, ("firmware",))
    try:
        result = run_csim(args.directory, args.ap_types)
    except ApTypesNotFoundError as error:
        raise SrccError(str(error).splitlines()[0]) from None
    for mismatch in result.mismatches:
        print(
            f"row {mismatch.row} output {mismatch.output}: "
            f"got {mismatch.got} expected {mismatch.expected}"
        )
    verdict = "passed" if result.passed else "FAILED"
    print(f"csim {verdict}: {result.rows} rows, {len(result.mismatches)} mismatches")
    return 0 if result.passed else 1


def _require_project(directory: str, sources: tuple[str, ...] = ("firmware", "rtl")) -> Path:
    path = Path(directory)
    if not (path / "report.json").is_file() or not any((path / s).is_dir() for s in sources):
        wanted = " or ".join(f"{s}/" for s in sources)
        raise SrccError(f"{directory} is not an srcc project (no report.json and {wanted})")
    return path


def _cmd_rtlsim(args: argparse.Namespace) -> int:
    from srcc.runtime.rtlsim import run_rtlsim

    _require_project(args.directory, ("rtl",))
    result = run_rtlsim(args.directory)
    for mismatch in result.mismatches:
        print(
            f"row {mismatch.row} output {mismatch.output}: "
            f"got {mismatch.got} expected {mismatch.expected}"
            f" (raw inputs {' '.join(map(str, mismatch.inputs))})"
        )
    verdict = "passed" if result.passed else "FAILED"
    measured = "none" if result.measured_latency is None else result.measured_latency
    print(
        f"rtlsim {verdict}: {result.rows} rows, {result.mismatch_count} mismatches;"
        f" latency {result.latency} cycles (measured {measured}), II {result.ii}"
    )
    return 0 if result.passed else 1


def _cmd_report(args: argparse.Namespace) -> int:
    from srcc.frontends.files import read_text
    from srcc.report import render_report

    path = _require_project(args.directory) / "report.json"
    try:
        report = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise SrccError(f"{path} is not valid JSON: {error}") from None
    try:
        text = render_report(report)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        message = f"{path} is not a report srcc wrote ({type(error).__name__}: {quoted(error)})"
        raise SrccError(message) from None
    print(text)
    return 0


def _cmd_synth(args: argparse.Namespace) -> int:
    from srcc.report import render_measured
    from srcc.runtime.synth import REPORT_FILE, synth_project

    path = Path(args.directory)
    if not (path / REPORT_FILE).is_file():
        raise SrccError(f"{args.directory} is not an srcc project (no {REPORT_FILE})")
    synth_project(path, args.part)
    report = json.loads((path / REPORT_FILE).read_text())
    print("\n".join(render_measured(report)))
    return 0


def _cmd_costs(args: argparse.Namespace) -> int:
    from srcc.costs import operator_costs

    print(operator_costs(args.precision, args.clock, args.format))
    return 0


def _cmd_fit(args: argparse.Namespace) -> int:
    import srcc
    from srcc.fitting import read_data

    features = args.features.split(",") if args.features else None
    X, y, names = read_data(args.data, args.target, features)
    hall = srcc.fit(
        X,
        y,
        names=names,
        operators=[name.strip() for name in args.operators.split(",")],
        objective=args.objective,
        max_length=args.max_length,
        generations=args.generations,
        population=args.population,
        seed=args.seed,
        precision=args.precision,
        clock_ns=args.clock,
        max_rows=args.max_rows,
    )
    if not hall.rows:
        raise SrccError("no equation found that srcc compiles")
    hall.to_csv(args.output)
    for row in hall.rows:
        print(
            f"{row['Complexity']:4d}  loss {row['Loss']:<10.4g} {row['latency_cycles']} cycles"
            f"  LUT {row['LUT']:<5d} DSP {row['DSP']}  {row['Equation']}"
        )
    for equation, reason in hall.dropped:
        print(f"srcc: warning: left out {equation}: {reason}", file=sys.stderr)
    print(f"wrote {args.output}; compile one with:\n  {hall.compile_command(args.output)}")
    return 0


def _add_fit_parser(commands: Any) -> None:
    from srcc.fitting import DEFAULT_OPERATORS, OBJECTIVES

    fit = commands.add_parser(
        "fit", help="search expressions for a data set with pyoperon (extra srcc[fit])"
    )
    fit.add_argument("data", help="CSV with a header line: feature columns and the target")
    fit.add_argument("--target", required=True, help="the column to fit")
    fit.add_argument("-o", "--output", default="hall_of_fame.csv", help="hall-of-fame CSV")
    fit.add_argument("--features", help="comma-separated feature columns (default: all others)")
    fit.add_argument("--operators", default=",".join(DEFAULT_OPERATORS), help="PySR operator names")
    fit.add_argument("--objective", choices=OBJECTIVES, default="error")
    fit.add_argument("--max-length", type=int, default=20, help="nodes per expression")
    fit.add_argument("--generations", type=int, default=40)
    fit.add_argument("--population", type=int, default=300)
    fit.add_argument("--seed", type=int, default=0)
    fit.add_argument("--max-rows", type=int, default=5000, help="rows searched on (subsample)")
    fit.add_argument("--precision", default="auto", help="prices objective and srcc columns")
    fit.add_argument("--clock", type=float, default=5.0, help="clock period in ns")
    fit.set_defaults(run=_cmd_fit)


def _cmd_sweep(args: argparse.Namespace) -> int:
    import srcc
    from srcc.sweeping import settings_grid

    names, ranges, data = _sweep_inputs(args)
    result = srcc.sweep(
        args.hall,
        args.output,
        names=names,
        ranges=ranges,
        settings=settings_grid(
            args.precision or ["auto"], args.max_width or [None], args.clock or [5.0]
        ),
        data=data,
        csim=args.csim,
        rtlsim=args.rtlsim,
        synth=args.synth,
        scheduler=args.scheduler,
        workers=args.workers,
        pick=args.pick,
        progress=True,
    )
    failed = sum(1 for row in result.rows if row["failure"])
    print(f"wrote {result.directory}: {len(result.rows)} rows, {failed} failed")
    if result.picked is not None:
        picked = result.picked
        print(
            f"picked {picked['equation']} at {picked['precision']}: "
            f"{picked['latency_ns']} ns, {picked['lut']} LUT, "
            f"{result.error_field} {picked[result.error_field]:.3g}"
            f" -> {result.directory / 'picked'}"
        )
    return 0


def _sweep_inputs(args: argparse.Namespace) -> tuple[list[str], Any, Any]:
    """Input names (--names, else the data's columns), declared ranges and the data (X, y)
    if given."""
    from srcc.fitting import read_data

    data = None
    names = args.names.split(",") if args.names else None
    if args.data is not None:
        if args.target is None:
            raise SrccError("--data needs --target COLUMN")
        features = args.features.split(",") if args.features else names
        X, y, names = read_data(args.data, args.target, features)
        data = (X, y)
    if names is None:
        raise SrccError("give the input names with --names (or --data and --target)")
    return names, _ranges(args), data


COMPILE_DESCRIPTION = """\
Compile expressions or PySR halls of fame to fixed-point firmware.

An argument beginning with '-' is an option only if it is one listed below (-h, -o DIR
or -oDIR, --NAME VALUE or --NAME=VALUE); any other is an expression, and an option's
value may begin with '-':  srcc compile -0.5*x0+x1 --range -1:1
After '--', every argument is an expression or a file."""


def _parser() -> _ArgumentParser:
    parser = _ArgumentParser(
        prog="srcc",
        description="Compile symbolic-regression expressions to fixed-point FPGA firmware.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    compile_ = commands.add_parser(
        "compile",
        help="compile an expression or hall of fame",
        description=COMPILE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compile_.add_argument(
        "source",
        nargs="+",
        help="expression(s), or files by suffix: PySR halls of fame (.csv), expressions one per"
        " line (.txt, .expr); one output each",
    )
    compile_.add_argument(
        "--emit",
        choices=["input", "sym", "fix", "hls"],
        default="fix",
        help="what to print (no -o): the pipeline's input IR, the simplified sym IR, the fix IR,"
        " the C++",
    )
    compile_.add_argument(
        "--print-pipeline",
        action="store_true",
        help="print the pass pipeline these options make (srcc-opt -p takes it) and stop",
    )
    compile_.add_argument("-o", "--output", help="write the HLS project to this directory")
    compile_.add_argument("--force", action="store_true", help="replace an existing -o DIR")
    compile_.add_argument(
        "--target",
        choices=["vitis", "vivado", "verilog"],
        default="vitis",
        help="HLS project for Vitis or Vivado HLS, or an RTL project (SystemVerilog)",
    )
    compile_.add_argument(
        "--constant-multipliers",
        choices=["auto", "dsp", "shift-add"],
        default="auto",
        help="RTL: products by constants as multipliers, shift-add trees, or the cheaper",
    )
    compile_.add_argument("--top", default="model", help="name of the HLS top function")
    compile_.add_argument("--clock", type=float, default=5.0, help="clock period in ns")
    compile_.add_argument("--part", default="xcvu9p-flga2104-2L-e", help="FPGA part")
    compile_.add_argument("--vectors", type=int, default=1000, help="testbench vectors")
    compile_.add_argument("--names", help="comma-separated input names (default x0..xN)")
    compile_.add_argument(
        "--operator", action="append", default=[], help="user operator NAME(u)=EXPR"
    )
    compile_.add_argument("--select", choices=["best", "accuracy"], default="best")
    compile_.add_argument("--complexity", help="pick this complexity (comma list: per output)")
    compile_.add_argument(
        "--range", action="append", default=[], help="input range NAME=LO:HI, or LO:HI for all"
    )
    compile_.add_argument("--precision", default="auto", help="auto, or ap_fixed<W,I> everywhere")
    compile_.add_argument("--output-error", help="absolute error budget per output")
    compile_.add_argument(
        "--max-width", type=int, help="cap on the width of inputs, outputs, constants, tables"
    )
    compile_.add_argument(
        "--max-intermediate-width",
        type=int,
        help="cap on the width of values inside the datapath (default: --max-width)",
    )
    compile_.add_argument(
        "--input-precision",
        help="ap_fixed<W,I> for every input, or ap_fixed<W,I,Q,O> with the rounding and "
        "overflow modes values enter it by (default AP_RND_CONV,AP_SAT)",
    )
    compile_.add_argument("--calibrate", help="numeric CSV sample (rows x inputs) for ranges")
    compile_.add_argument(
        "--lut", action="append", default=[], help="table override FUNC:size=N,range=LO:HI"
    )
    compile_.add_argument(
        "--interpolate",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="linear interpolation in every table (default: where it pays)",
    )
    compile_.add_argument("--max-table-size", type=int, default=1024, help="entries per table")
    compile_.add_argument(
        "--range-reduction",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="tables of odd/even functions store half their domain",
    )
    compile_.add_argument(
        "--divider",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="every x / y with a fixed-point divider, or (--no-divider) as x * inv(y), a "
        "table (default: the table, unless it misses the budget and a divider does better)",
    )
    compile_.add_argument(
        "--rewrite",
        choices=("none", "auto"),
        default="none",
        help="auto: compile a few algebraically equal forms (factored, reciprocals or"
        " exponentials joined, reordered by magnitude, ratios offset) and keep the one with the"
        " smaller error bound, or the cheaper where bounds tie",
    )
    compile_.add_argument(
        "--guard",
        type=float,
        metavar="EPS",
        help="keep log, log_abs, 1/u and sqrt at least EPS from 0 where their argument reaches"
        " it (default: 1/256 of the argument's extent, rounded down to a power of two; 0:"
        " no guards, such ops are refused)",
    )
    compile_.set_defaults(run=_cmd_compile)

    csim = commands.add_parser("csim", help="C-simulate a written project with g++")
    csim.add_argument("directory")
    csim.add_argument("--ap-types", help="directory holding ap_fixed.h")
    csim.set_defaults(run=_cmd_csim)

    rtlsim = commands.add_parser(
        "rtlsim", help="co-simulate a written RTL project with Verilator, bit for bit"
    )
    rtlsim.add_argument("directory")
    rtlsim.set_defaults(run=_cmd_rtlsim)

    report = commands.add_parser("report", help="print a project's types, bounds and costs")
    report.add_argument("directory")
    report.set_defaults(run=_cmd_report)

    synth = commands.add_parser(
        "synth", help="synthesize a Verilog project with Yosys; measured resources into report.json"
    )
    synth.add_argument("directory")
    synth.add_argument(
        "--part", default="xcvu9p-flga2104-2L-e", help="FPGA part (its family: xcup, xcu, xc7)"
    )
    synth.set_defaults(run=_cmd_synth)

    costs = commands.add_parser("costs", help="per-operator latency for latency-aware SR")
    costs.add_argument("--precision", default="ap_fixed<16,6>")
    costs.add_argument("--clock", type=float, default=5.0, help="clock period in ns")
    costs.add_argument("--format", choices=["pysr", "json"], default="pysr")
    costs.set_defaults(run=_cmd_costs)

    _add_fit_parser(commands)

    sweep = commands.add_parser(
        "sweep", help="compile every equation of a hall of fame under every setting, on Dask"
    )
    sweep.add_argument("hall", help="PySR hall-of-fame CSV")
    sweep.add_argument("-o", "--output", required=True, help="directory for the results")
    sweep.add_argument("--names", help="comma-separated input names")
    sweep.add_argument(
        "--range", action="append", default=[], help="input range NAME=LO:HI, or LO:HI for all"
    )
    sweep.add_argument("--precision", action="append", help="auto or ap_fixed<W,I> (repeat)")
    sweep.add_argument("--max-width", action="append", type=int, help="width cap (repeat)")
    sweep.add_argument("--clock", action="append", type=float, help="clock in ns (repeat)")
    sweep.add_argument("--csim", action="store_true", help="C-simulate every model")
    sweep.add_argument(
        "--rtlsim", action="store_true", help="simulate every model's Verilog (Verilator)"
    )
    sweep.add_argument(
        "--synth", action="store_true", help="synthesize every model's Verilog (Yosys)"
    )
    sweep.add_argument("--data", help="CSV with a header: measured error on it")
    sweep.add_argument("--target", help="the data's target column")
    sweep.add_argument("--features", help="the data's input columns (default: --names)")
    sweep.add_argument("--scheduler", help="address of a running Dask scheduler")
    sweep.add_argument("--workers", type=int, help="local workers (default: CPU count)")
    sweep.add_argument("--pick", help="rule, e.g. 'min latency where error<=0.01'")
    sweep.set_defaults(run=_cmd_sweep)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(parser.options_first(sys.argv[1:] if argv is None else argv))
        status = args.run(args)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
        return status
    except SrccError as error:
        print(error.render(), file=sys.stderr)
    except DiagnosticException as error:
        from srcc.api import diagnostic_to_error

        print(diagnostic_to_error(error).render(), file=sys.stderr)
    except BrokenPipeError:
        return closed_pipe_exit()
    return 1


def closed_pipe_exit() -> int:
    """The exit status after stdout's reader went away (`srcc report DIR | head -1`): quiet,
    as a command killed by SIGPIPE. The rest of the output goes to /dev/null, where
    Python's flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return BROKEN_PIPE_STATUS


if __name__ == "__main__":
    sys.exit(main())
