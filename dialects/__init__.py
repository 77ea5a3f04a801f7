"""xDSL dialects of srcc: `sym` (real-valued expressions) and `fix` (fixed-point datapath)."""

from collections.abc import Callable

from xdsl.context import Context
from xdsl.dialects.builtin import Builtin
from xdsl.dialects.func import Func
from xdsl.ir import Dialect


def get_all_dialects() -> dict[str, Callable[[], Dialect]]:
    """srcc's own dialects by name, imported on first use."""

    def get_sym() -> Dialect:
        from srcc.dialects.sym import Sym

        return Sym

    def get_fix() -> Dialect:
        from srcc.dialects.fix import Fix

        return Fix

    return {"sym": get_sym, "fix": get_fix}


def make_context() -> Context:
    """A context that knows builtin, func and every srcc dialect."""
    ctx = Context()
    ctx.load_dialect(Builtin)
    ctx.load_dialect(Func)
    for name, factory in get_all_dialects().items():
        ctx.register_dialect(name, factory)
    return ctx
