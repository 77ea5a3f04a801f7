"""Pass pipelines by name, exactly as `srcc-opt -p` runs them."""

from collections.abc import Callable

from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass, PassPipeline
from xdsl.transforms import get_all_passes as get_xdsl_passes
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects import make_context
from srcc.passes import get_all_passes


def available_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    """xDSL's passes and srcc's, by name: what a pipeline string may use."""
    return {**get_xdsl_passes(), **get_all_passes()}


def run_pipeline(module: ModuleOp, spec: str) -> None:
    """Apply a pipeline such as `"simplify,cse"` to `module` in place, verifying after."""
    if not spec:
        return
    try:
        pipeline = PassPipeline.parse_spec(available_passes(), spec)
    except ValueError as error:
        raise DiagnosticException(f"bad pipeline {spec!r}: {error}") from None
    pipeline.apply(make_context(), module)
    module.verify()
