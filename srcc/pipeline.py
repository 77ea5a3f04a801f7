"""Pass pipelines by name, exactly as `srcc-opt -p` runs them, and printed back as text."""

from collections.abc import Callable, Sequence

from xdsl.dialects.builtin import ModuleOp
from xdsl.passes import ModulePass, PassPipeline, PassPipelineCallbackType
from xdsl.transforms import get_all_passes as get_xdsl_passes
from xdsl.utils.arg_spec import ParameterType
from xdsl.utils.exceptions import DiagnosticException

from srcc.dialects import make_context
from srcc.dialects.sym import float_literal
from srcc.passes import get_all_passes


def available_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    """xDSL's passes and srcc's, by name: what a pipeline string may use."""
    return {**get_xdsl_passes(), **get_all_passes()}


def run_pipeline(
    module: ModuleOp, spec: str, callback: PassPipelineCallbackType | None = None
) -> None:
    """Apply a pipeline such as `"simplify,cse"` to `module` in place, verifying after;
    `callback` runs before the first pass and after each (xDSL's `PassPipeline` callback)."""
    if not spec:
        return
    try:
        pipeline = PassPipeline.parse_spec(available_passes(), spec, callback)
    except ValueError as error:
        raise DiagnosticException(f"bad pipeline {spec!r}: {error}") from None
    pipeline.apply(make_context(), module)
    module.verify()


def pipeline_text(passes: Sequence[ModulePass]) -> str:
    """The pipeline string of `passes`, options that differ from their defaults included,
    which `run_pipeline` and `srcc-opt -p` read back into the same passes."""
    return ",".join(_pass_text(pass_) for pass_ in passes)


def _pass_text(pass_: ModulePass) -> str:
    spec = pass_.spec()
    if not spec.parameters:
        return spec.name
    options = " ".join(
        f"{key}={','.join(_value_text(value) for value in values)}" if values else key
        for key, values in spec.parameters.items()
    )
    return f"{spec.name}{{{options}}}"


def _value_text(value: ParameterType) -> str:
    """An option value as xDSL's pipeline lexer reads it back: a float always has a point
    (`1e-05` would read as the int 1 followed by a name)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float_literal(value)
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
