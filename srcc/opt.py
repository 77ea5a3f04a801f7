"""`srcc-opt`: xDSL's opt driver with srcc's dialects and passes registered.

A user's mistake (an unknown pass or pass option, an unreadable input file, IR that does
not parse or verify, a pass's precondition, IR a target cannot print) is one
`srcc-opt: error: …` line and exit status 1, with the input's `file:line:col` where xDSL
gives one. Output into a closed pipe ends quietly, as in `srcc`.
"""

import sys

from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.exceptions import (
    ArgSpecParseError,
    DiagnosticException,
    ParseError,
    VerifyException,
)
from xdsl.xdsl_opt_main import xDSLOptMain

from srcc.analysis.range_analysis import describe
from srcc.cli import closed_pipe_exit
from srcc.dialects import get_all_dialects
from srcc.emitters.hls import HlsTarget
from srcc.errors import SrccError
from srcc.pipeline import available_passes

PROG = "srcc-opt"


class SrccOptMain(xDSLOptMain):
    def register_all_dialects(self) -> None:
        super().register_all_dialects()
        for name, factory in get_all_dialects().items():
            if name not in self.ctx.registered_dialect_names:
                self.ctx.register_dialect(name, factory)

    def register_all_passes(self) -> None:
        for name, factory in available_passes().items():
            self.register_pass(name, factory)

    def register_all_targets(self) -> None:
        super().register_all_targets()
        self.available_targets["hls"] = lambda: HlsTarget

    def setup_pipeline(self) -> None:
        try:
            super().setup_pipeline()
        except ArgSpecParseError as error:  # "...:\n<location>\n<spec>\n<carets>\n<message>"
            lines = str(error).strip().splitlines()
            raise SrccError(f"{lines[1]}: {lines[-1].strip()}") from None
        except ValueError as error:  # an unknown pass, or an option it does not take
            raise SrccError(f"-p {self.args.passes!r}: {error}") from None

    def prepare_input(self):  # type: ignore[no-untyped-def]  # xDSL's signature
        try:
            return super().prepare_input()
        except OSError as error:
            raise SrccError(f"cannot read {error.filename}: {error.strerror}") from None
        except ValueError as error:  # a file extension without a frontend
            raise SrccError(f"{self.args.input_file}: {error}") from None

    def prepare_output(self):  # type: ignore[no-untyped-def]  # xDSL's signature
        try:
            return super().prepare_output()
        except OSError as error:
            raise SrccError(f"cannot write {error.filename}: {error.strerror}") from None

    def apply_passes(self, prog: ModuleOp) -> None:
        try:
            super().apply_passes(prog)
        except VerifyException as error:
            if self.args.verify_diagnostics:  # xDSL prints it, with the marked-up module
                raise
            raise SrccError(_verify_error(prog, error)) from None


def _verify_error(module: ModuleOp, error: VerifyException) -> str:
    """`error` as one line that names the failing op and its location, if it has one
    (xDSL marks the op only in a printout of the whole module)."""
    message = _one_line(str(error))
    for op in module.walk():
        try:
            op.verify(verify_nested_ops=False)
        except VerifyException:
            where = describe(op)
            if where == op.name and op.name in message:
                return message
            return f"{where}: {message}"
    return message


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _message(error: BaseException) -> str:
    if isinstance(error, ParseError):
        return f"{error.span.get_location()}: {error.msg}"
    return _one_line(str(error))


def main() -> int:
    try:
        SrccOptMain(description="srcc modular optimizer driver").run()
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
    except (SrccError, ParseError, DiagnosticException) as error:
        print(f"{PROG}: error: {_message(error)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return closed_pipe_exit()
    return 0
