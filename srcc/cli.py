"""The `srcc` command: compile expressions to fixed-point firmware."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

import sympy
from xdsl.utils.exceptions import DiagnosticException

from srcc.errors import SrccError


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


def _operator_arg(text: str) -> tuple[str, Callable[[Any], Any]]:
    """`gauss2(u)=exp(-u**2)` → ("gauss2", u ↦ exp(-u**2))."""
    head, sep, body = text.partition("=")
    name, _, rest = head.partition("(")
    param = rest.rstrip().removesuffix(")").strip()
    if not sep or not name.strip().isidentifier() or not param.isidentifier():
        raise SrccError(f"--operator {text!r} is not of the form NAME(u)=EXPR")
    symbol = sympy.Symbol(param)
    try:
        expr = sympy.sympify(body, locals={param: symbol})
    except (sympy.SympifyError, SyntaxError, TypeError) as error:
        raise SrccError(f"--operator {text!r}: cannot parse {body!r}: {error}") from None
    return name.strip(), lambda arg: expr.subs(symbol, arg)


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
        complexity = [int(c) for c in args.complexity.split(",")]
        complexity = complexity[0] if len(complexity) == 1 else complexity
    return {
        "names": args.names.split(",") if args.names else None,
        "functions": dict(_operator_arg(text) for text in args.operator) or None,
        "select": args.select,
        "complexity": complexity,
    }


def _cmd_compile(args: argparse.Namespace) -> int:
    import srcc

    options = _parse_options(args)
    if args.emit == "sym":
        program = srcc.parse(_source(args), **options).run("simplify")
        print(program)
        return 0
    model = srcc.compile(
        _source(args),
        ranges=_ranges(args),
        precision=args.precision,
        output_error=_output_error(args.output_error),
        max_width=args.max_width,
        input_precision=args.input_precision,
        **options,
    )
    print(model.ir["fix"])
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="srcc",
        description="Compile symbolic-regression expressions to fixed-point FPGA firmware.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    compile_ = commands.add_parser("compile", help="compile an expression or hall of fame")
    compile_.add_argument(
        "source", nargs="+", help="expression(s), or PySR hall-of-fame CSV file(s): one output each"
    )
    compile_.add_argument("--emit", choices=["sym", "fix"], default="fix", help="what to print")
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
    compile_.add_argument("--max-width", type=int, help="cap on every value's width in bits")
    compile_.add_argument("--input-precision", help="ap_fixed<W,I> for every input")
    compile_.set_defaults(run=_cmd_compile)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except SrccError as error:
        print(error.render(), file=sys.stderr)
    except DiagnosticException as error:
        print(f"srcc: error: {str(error).strip().splitlines()[0]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
