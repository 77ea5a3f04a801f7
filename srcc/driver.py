"""`srcc.compile`: a model's input IR, and the one pass pipeline that compiles it.

`compile` builds the input IR (`input_ir`: the frontend's `sym` function, each argument
carrying its name, its declared or calibrated range and the type the user fixed, if any),
turns its keywords into registered passes (`compile_passes`), and runs them as one pipeline
string, the string `srcc compile --print-pipeline` prints: `srcc-opt input.mlir -p
"<pipeline>"` computes the same IR. The pipeline's per-pass callback times each pass and
keeps the IR where a stage ends, for `Model.ir` and the float64 reference.
"""

from __future__ import annotations

import math
import numbers
import os
import time
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr, ModuleOp
from xdsl.ir import Attribute
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import DiagnosticException

from srcc.analysis.guards import needs_guard
from srcc.api import as_rows, diagnostic_to_error, parse
from srcc.dialects import fix, sym
from srcc.errors import SrccError, SrccWarning, quoted
from srcc.frontends.expression import UserFunctions
from srcc.frontends.files import read_sample
from srcc.limits import MAX_TABLE_SIZE
from srcc.model import Model, StageTimer
from srcc.passes import get_all_passes
from srcc.passes.fix_table_storage import FixTableStoragePass
from srcc.passes.lower_sym_to_fix import LowerSymToFixPass
from srcc.passes.simplify import SimplifyPass
from srcc.passes.sym_div_to_inv import SymDivToInvPass
from srcc.passes.sym_guard import SymGuardPass
from srcc.passes.sym_table_override import SymTableOverridePass
from srcc.pipeline import pipeline_text, run_pipeline
from srcc.rewriting import MODES, REWRITES, Candidate, choose

Ranges = Mapping[str, tuple[float, float]] | tuple[float, float] | None
Precision = str | tuple[int, int]

CALIBRATION_MARGIN = 0.1
"""A calibrated range is the sample's [min, max] widened by this fraction of its span."""


def compile(
    source: Any,
    *,
    ranges: Ranges = None,
    calibrate: Any = None,
    precision: Precision = "auto",
    output_error: float | Sequence[float] | None = None,
    max_width: int | None = None,
    max_intermediate_width: int | None = None,
    input_precision: str | Mapping[str, str] | None = None,
    names: Sequence[str] | None = None,
    functions: UserFunctions | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
    luts: Mapping[str, Mapping[str, Any]] | None = None,
    interpolate: bool | None = None,
    max_table_size: int = 1024,
    range_reduction: bool = True,
    guard: float | None = None,
    divider: bool | None = None,
    rewrite: str = "none",
) -> Model:
    """Compile an expression (string, sympy, PySR hall of fame) to fixed-point firmware.

    `max_width` caps the width of inputs, outputs, constants and table entries,
    `max_intermediate_width` that of the values inside the datapath (default: `max_width`);
    `luts` overrides tables per function (`{"sin": {"size": 1024, "range": (-8, 8)}}`;
    arguments outside a given range are clamped into it, in the reference too);
    `interpolate` True/False forces linear interpolation on/off (None: where it pays);
    `range_reduction` lets tables of odd and even functions store half their domain;
    `guard` is the eps of every guard (`srcc.analysis.guards`; None: each one's default),
    which keeps log, log_abs, inv and sqrt away from 0 where their argument reaches it;
    0 guards nothing, so such an op is refused as undefined there. `divider` True computes
    every `x / y` with a fixed-point divider, False as `x * inv(y)` (a table); None (the
    default) chooses per division: the table, unless it misses an output's budget and a
    divider lowers that output's bound (`Model.dividers` says which and why).
    `rewrite="auto"` compiles a few algebraically equal forms (`srcc.rewriting`) and keeps
    the one with the smaller error bound at the given widths (`Model.rewrite` says which)."""
    options: dict[str, Any] = {
        "precision": precision,
        "output_error": output_error,
        "max_width": max_width,
        "max_intermediate_width": max_intermediate_width,
        "luts": luts,
        "interpolate": interpolate,
        "max_table_size": max_table_size,
        "range_reduction": range_reduction,
        "guard": guard,
        "divider": divider,
    }
    compile_passes(**options)  # bad options are reported before the source is read
    if rewrite not in MODES:
        raise SrccError(f"rewrite must be one of {', '.join(MODES)}, got {quoted(rewrite)}")
    timer = StageTimer()
    with timer.stage("parse"):
        module = input_ir(
            source,
            ranges=ranges,
            calibrate=calibrate,
            input_precision=input_precision,
            names=names,
            functions=functions,
            select=select,
            complexity=complexity,
        )
    guarded = guards_needed(module)
    if rewrite == "auto":
        model = choose(module, rewrite_candidates(options, guarded), run)
        model.timings = {**timer.seconds, **model.timings}
    else:
        model = run(module, pipeline_text(compile_passes(**options, guarded=guarded)), timer)
    _warn_missed_budgets(model, _caps(max_width, max_intermediate_width))
    return model


def _caps(max_width: int | None, max_intermediate_width: int | None) -> str | None:
    """The width caps in force, as the budget warning names them."""
    caps = [f"max_width={max_width}"] if max_width else []
    if max_intermediate_width:
        caps.append(f"max_intermediate_width={max_intermediate_width}")
    return " and ".join(caps) or None


def input_ir(
    source: Any,
    *,
    ranges: Ranges = None,
    calibrate: Any = None,
    input_precision: str | Mapping[str, str] | None = None,
    names: Sequence[str] | None = None,
    functions: UserFunctions | None = None,
    select: str = "best",
    complexity: int | Sequence[int] | None = None,
) -> ModuleOp:
    """The IR the pipeline starts from: the frontend's `sym` function, each argument with
    its name, range (`sym.range`) and the type the user fixed (`fix.format`)."""
    order = list(ranges) if isinstance(ranges, Mapping) else []
    program = parse(
        source,
        names=names,
        functions=functions,
        select=select,
        complexity=complexity,
        order=order,
    )
    input_names = program.input_names
    if not input_names:
        raise SrccError("the model has no inputs: every output is a constant")
    bounds = resolve_ranges(input_names, ranges, calibrate)
    types = _input_types(input_names, input_precision)
    _set_argument_facts(program.function, bounds, types)
    return program.module


def compile_passes(
    *,
    precision: Precision = "auto",
    output_error: float | Sequence[float] | None = None,
    max_width: int | None = None,
    max_intermediate_width: int | None = None,
    luts: Mapping[str, Mapping[str, Any]] | None = None,
    interpolate: bool | None = None,
    max_table_size: int = 1024,
    range_reduction: bool = True,
    guard: float | None = None,
    guarded: bool = False,
    divider: bool | None = None,
    rewrites: Sequence[str] = (),
) -> list[ModulePass]:
    """The passes `compile` runs for these keywords, in order. `sym-guard` is among them
    when the input IR has an op to guard (`guarded`, from `guards_needed`) or `guard` is
    given, unless `guard` is 0: models without a singular point keep the pipeline they
    always had. `rewrites` names `sym` passes run after the simplification (then
    `simplify` again)."""
    checked_table_size("max_table_size", max_table_size)
    if divider not in (None, True, False):
        raise SrccError(
            f"divider must be True, False or None (chosen per division), got {divider!r}"
        )
    uniform = _uniform(precision)
    try:
        lowering = LowerSymToFixPass(
            output_error=_budgets(output_error),
            max_width=max_width,
            max_intermediate_width=max_intermediate_width,
            width=None if uniform is None else uniform[0],
            int_bits=None if uniform is None else uniform[1],
            max_table_size=max_table_size,
            interpolate=interpolate,
            range_reduction=range_reduction,
            divider=divider,
        )
        guards = [SymGuardPass(eps=guard)] if _guarding(guard, guarded) else []
    except DiagnosticException as error:
        raise diagnostic_to_error(error) from None
    overrides = [_table_override(function, spec) for function, spec in (luts or {}).items()]
    rewriting = [get_all_passes()[name]()() for name in rewrites]
    return [
        SimplifyPass(),
        *([] if divider else [SymDivToInvPass()]),
        *([*rewriting, SimplifyPass()] if rewriting else []),
        *overrides,
        *guards,
        lowering,
        FixTableStoragePass(),
    ]


def rewrite_candidates(options: Mapping[str, Any], guarded: bool) -> list[Candidate]:
    """The pipelines of `srcc.rewriting.REWRITES` for `compile`'s pipeline keywords."""
    candidates = []
    for rewrites in REWRITES:
        passes = compile_passes(**options, guarded=guarded, rewrites=rewrites)
        lowering = next(i for i, p in enumerate(passes) if isinstance(p, LowerSymToFixPass))
        candidates.append(
            Candidate(rewrites, pipeline_text(passes[:lowering]), pipeline_text(passes))
        )
    return candidates


def _guarding(guard: float | None, guarded: bool) -> bool:
    if guard is None:
        return guarded
    if not 0.0 <= guard < math.inf:
        raise SrccError(f"guard must be a finite eps >= 0 (0: no guards), got {guard}")
    return guard > 0.0


def guards_needed(module: ModuleOp) -> bool:
    """Whether the input IR has an op whose argument reaches its singular point."""
    return needs_guard(_function(module))


def run(module: ModuleOp, pipeline: str, timer: StageTimer | None = None) -> Model:
    """Run `pipeline` on the input IR `module` and read the model off the result."""
    stages = _Stages(timer or StageTimer())
    try:
        run_pipeline(module, pipeline, stages.after_pass)
    except DiagnosticException as error:
        raise diagnostic_to_error(error) from None
    return Model(
        firmware=_function(module),
        reference=_function(stages.modules[SIMPLIFIED]),
        stages=stages.modules,
        timings=stages.timer.seconds,
        pipeline=pipeline,
    )


SIMPLIFIED = "simplified"
_STAGE_BEFORE = {LowerSymToFixPass.name: SIMPLIFIED}
"""The stage whose IR the named pass starts from."""


class _Stages:
    """The pipeline's callback: seconds per pass, and the module where each stage ends (the
    input as `sym`, the IR the lowering starts from, the final `fix`)."""

    def __init__(self, timer: StageTimer):
        self.timer = timer
        self.modules: dict[str, ModuleOp] = {}
        self._since = time.perf_counter()

    def after_pass(
        self, done: ModulePass | None, module: ModuleOp, upcoming: ModulePass | None
    ) -> None:
        now = time.perf_counter()
        if done is None:
            self.modules["sym"] = module.clone()
        else:
            self.timer.add(done.name, now - self._since)
        if upcoming is None:
            self.modules["fix"] = module
        elif upcoming.name in _STAGE_BEFORE:
            self.modules[_STAGE_BEFORE[upcoming.name]] = module.clone()
        self._since = time.perf_counter()
        self.timer.add("snapshots", self._since - now)


def _function(module: ModuleOp) -> func.FuncOp:
    return next(op for op in module.ops if isinstance(op, func.FuncOp))


def _uniform(precision: Precision) -> tuple[int, int] | None:
    """None for `auto`, else the width and integer bits of `ap_fixed<16,6>` or `(16, 6)`."""
    if precision == "auto":
        return None
    if isinstance(precision, tuple):
        return precision
    type_ = fixed_type(precision)
    return type_.width, type_.int_bits


def _budgets(output_error: float | Sequence[float] | None) -> tuple[float, ...]:
    if output_error is None:
        return ()
    if np.isscalar(output_error):
        return (float(output_error),)  # type: ignore[arg-type]
    return tuple(float(budget) for budget in output_error)  # type: ignore[union-attr]


def _table_override(function: str, spec: Mapping[str, Any]) -> SymTableOverridePass:
    unknown = set(spec) - {"size", "range"}
    if unknown:
        raise SrccError(f"--lut {function}: unknown key {sorted(unknown)[0]!r} (size, range)")
    domain = checked_range(f"the {function} table", spec["range"]) if "range" in spec else ()
    size = checked_table_size(f"--lut {function} size", spec["size"]) if "size" in spec else None
    try:
        return SymTableOverridePass(function, size=size, domain=domain)
    except DiagnosticException as error:
        raise SrccError(f"--lut {function}: {error}") from None


InputType = tuple[fix.FixType, fix.Modes | None]
"""A type the user fixed for an input, and the modes values enter it by (None: INPUT_ROUNDING)."""


def _input_types(
    names: list[str], input_precision: str | Mapping[str, str] | None
) -> list[InputType | None]:
    if input_precision is None:
        return [None] * len(names)
    if isinstance(input_precision, str):
        return [_input_type(input_precision)] * len(names)
    unknown = [n for n in input_precision if n not in names]
    if unknown or len(input_precision) != len(names):
        raise SrccError(f"input_precision must give a type for each of {', '.join(names)}")
    return [_input_type(input_precision[n]) for n in names]


def _input_type(text: str) -> InputType:
    """`ap_fixed<8,1>` or, with the modes values enter it by, `ap_fixed<8,1,AP_TRN,AP_SAT>`."""
    try:
        type_, modes = fix.parse_cxx_with_modes(text)
    except ValueError as error:
        raise SrccError(f"input precision {error}") from None
    return _signed(type_, text), modes


def fixed_type(text: str) -> fix.FixType:
    """The signed type a user spells `ap_fixed<16,6>`: formats srcc chooses are signed."""
    try:
        type_ = fix.parse_cxx(text)
    except ValueError as error:
        raise SrccError(f"precision {error}") from None
    return _signed(type_, text)


def _signed(type_: fix.FixType, text: str) -> fix.FixType:
    if not type_.signed:
        raise SrccError(f"precision {text!r} must be a signed ap_fixed<W,I>")
    return type_


def _set_argument_facts(
    function: func.FuncOp, ranges: list[tuple[float, float]], types: list[InputType | None]
) -> None:
    """Record each argument's range (`sym.range`), fixed type (`fix.format`, if any) and the
    modes values enter it by (`fix.modes`, if given)."""
    attrs = []
    for index, ((lo, hi), fixed) in enumerate(zip(ranges, types)):
        entries: dict[str, Attribute] = {}
        if function.arg_attrs is not None:
            entries.update(function.arg_attrs.data[index].data)  # type: ignore[attr-defined]
        entries[sym.RANGE_ATTR] = sym.IntervalAttr(lo, hi)
        if fixed is not None:
            entries[fix.FORMAT_ATTR] = fixed[0]
            if fixed[1] is not None:
                entries[fix.MODES_ATTR] = fix.modes_attr(fixed[1])
        attrs.append(DictionaryAttr(entries))
    function.arg_attrs = ArrayAttr(attrs)


def resolve_ranges(
    names: list[str], ranges: Ranges, calibrate: Any = None, margin: float = CALIBRATION_MARGIN
) -> list[tuple[float, float]]:
    """One (lo, hi) per input from explicit ranges, else from a calibration sample."""
    declared = _declared_ranges(names, ranges)
    if calibrate is not None:
        sample = _calibration_sample(calibrate, names)
        lo, hi = sample.min(axis=0), sample.max(axis=0)
        span = np.maximum(hi - lo, np.maximum(np.abs(hi), 1.0) * 1e-6)
        for i, name in enumerate(names):
            declared.setdefault(
                name, (float(lo[i] - margin * span[i]), float(hi[i] + margin * span[i]))
            )
    missing = [n for n in names if n not in declared]
    if missing:
        raise SrccError(
            f"no range for input {', '.join(missing)}: give ranges (e.g. --range "
            f"{missing[0]}=-1:1) or a calibration sample"
        )
    return [declared[n] for n in names]


def _calibration_sample(calibrate: Any, names: list[str]) -> np.ndarray:
    """The sample (rows x inputs) of an array or a CSV file's path; finite, not empty."""
    if isinstance(calibrate, str | os.PathLike):
        calibrate = read_sample(calibrate)
    sample = as_rows(calibrate, len(names))
    if not len(sample):
        raise SrccError("the calibration sample has no rows")
    bad = np.argwhere(~np.isfinite(sample))
    if len(bad):
        row, column = bad[0]
        raise SrccError(
            f"calibration sample row {row}, input {names[column]}: {sample[row, column]} is not"
            " a finite number"
        )
    return sample


def _declared_ranges(names: list[str], ranges: Ranges) -> dict[str, tuple[float, float]]:
    if ranges is None:
        return {}
    if isinstance(ranges, tuple):
        return {n: checked_range(n, ranges) for n in names}
    unknown = [n for n in ranges if n not in names]
    if unknown:
        raise SrccError(
            f"range given for unknown input {unknown[0]!r} (inputs: {', '.join(names)})"
        )
    return {n: checked_range(n, r) for n, r in ranges.items()}


def checked_table_size(what: str, size: object) -> int:
    """A table size within the limit (the lowering checks that it is a power of two)."""
    if not isinstance(size, numbers.Integral) or not 2 <= size <= MAX_TABLE_SIZE:
        raise SrccError(f"{what} {quoted(size)} is outside 2..{MAX_TABLE_SIZE} (the limit)")
    return int(size)


def checked_range(name: str, bounds: Sequence[float]) -> tuple[float, float]:
    if len(bounds) != 2:
        raise SrccError(f"range of {name} must be (lo, hi), got {bounds!r}")
    lo, hi = float(bounds[0]), float(bounds[1])
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo > hi:
        raise SrccError(f"range of {name} must be finite with lo <= hi, got [{lo}, {hi}]")
    return lo, hi


def _warn_missed_budgets(model: Model, caps: str | None) -> None:
    cause = (
        f"under {caps}"
        if caps
        else "(the input types, the table-size cap or a jump such as sign's binds)"
    )
    for index, (bound, budget) in enumerate(zip(model.error_bound, model.output_error)):
        if bound > budget:
            warnings.warn(
                f"output {index}: error budget {budget:.3g} cannot be met {cause}; "
                f"the bound reached is {bound:.3g}",
                SrccWarning,
                stacklevel=3,
            )
