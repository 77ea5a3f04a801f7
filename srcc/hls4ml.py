"""hls4ml's `convert_from_symbolic_expression`, built by srcc: change one import.

    from srcc.hls4ml import convert_from_symbolic_expression  # was: from hls4ml.converters

takes the arguments of hls4ml 1.x's function and returns a `SymbolicModel` with hls4ml's
`compile()`, `predict()`, `write()` and `build()`. What differs (the README lists it too):

- `precision` is, as in hls4ml, one type for every value; `"auto"` lets srcc choose a type
  per value from the error budget instead.
- srcc needs input ranges for its tables and its error bound. hls4ml's inputs are of type
  `precision`; by default srcc takes the middle half of that type's range (at its very
  edges, rounding an input may saturate, and the bound would be infinite). `ranges=`
  (srcc's keyword, as `srcc.compile` takes it) sets them: give the real ones.
- Every function is a lookup table in srcc, with a proven error; `lut_functions` set a
  function's table size and domain (`table_size`, `range_start`, `range_end`), and
  `use_built_in_lut_functions`, `hls_include_path` and `hls_libs_path` change nothing
  (no HLS math library is used).
- `predict()` is srcc's bit-accurate emulator: it needs no C++ build, so `compile()` only
  writes the project. `build(csim=True, synth=False)` C-simulates with g++ (the project's
  testbench, and `input_data_tb` if given, bit for bit against the emulator); synthesis,
  co-simulation and export run `build_prj.tcl` with `vitis_hls` or `vivado_hls`, which must
  be on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from srcc.driver import Ranges
from srcc.driver import compile as compile_model
from srcc.errors import SrccError, quoted
from srcc.model import Model

COMPILERS = {"vivado_hls": "vivado", "vitis_hls": "vitis"}


class SymbolicModel:
    """What `convert_from_symbolic_expression` returns: an srcc `Model` (`.model`) with
    hls4ml's methods."""

    def __init__(
        self,
        model: Model,
        *,
        output_dir: str,
        project_name: str,
        compiler: str,
        part: str | None,
        clock_period: float,
        input_data_tb: str | None,
        output_data_tb: str | None,
    ):
        self.model = model
        self.output_dir = Path(output_dir)
        self.project_name = project_name
        self.compiler = compiler
        self.part = part
        self.clock_period = clock_period
        self.input_data_tb = input_data_tb
        self.output_data_tb = output_data_tb

    def write(self) -> Path:
        """Write the HLS project to `output_dir` (replacing it)."""
        extra = {} if self.part is None else {"part": self.part}
        return self.model.write(
            self.output_dir,
            target=COMPILERS[self.compiler],
            top=self.project_name,
            clock_ns=self.clock_period,
            force=True,
            **extra,
        )

    def compile(self) -> None:
        """As hls4ml: make the model ready to predict. srcc's emulator needs no build, so
        this writes the project."""
        self.write()

    def predict(self, X: Any) -> np.ndarray:
        """Outputs (rows x expressions), exactly as the firmware computes them."""
        return self.model.predict(X)

    def build(
        self,
        reset: bool = False,
        csim: bool = True,
        synth: bool = True,
        cosim: bool = False,
        validation: bool = False,
        export: bool = False,
        vsynth: bool = False,
    ) -> dict[str, Any]:
        """C simulation with g++ (`csim`), and with a vendor tool on PATH, synthesis,
        co-simulation and export (`synth`, `cosim`, `export`). Returns what ran: the C
        simulation's verdicts, srcc's cost estimate, the vendor tool's log file."""
        if validation or vsynth:
            raise SrccError("build(validation=..., vsynth=...) is not supported by srcc")
        if reset or not (self.output_dir / "report.json").is_file():
            self.write()
        report: dict[str, Any] = {"EstimatedCost": self.model.cost(self.clock_period).to_dict()}
        if csim:
            report["CSimResults"] = self._csim()
        if synth or cosim or export:
            report["VendorLog"] = str(self._vendor_build())
        return report

    def _csim(self) -> dict[str, Any]:
        from srcc.runtime.csim import run_csim

        testbench = run_csim(self.output_dir)
        results: dict[str, Any] = {"testbench_passed": testbench.passed, "rows": testbench.rows}
        if self.input_data_tb is not None:
            inputs = _load_array(self.input_data_tb)
            results["input_data_tb_passed"] = self.model.csim(inputs).passed
            if self.output_data_tb is not None:
                expected = _load_array(self.output_data_tb).reshape(len(inputs), -1)
                difference = self.model.predict(inputs) - expected
                results["max_abs_error_vs_output_data_tb"] = float(np.abs(difference).max())
        return results

    def _vendor_build(self) -> Path:
        tool = shutil.which(self.compiler)
        if tool is None:
            raise SrccError(
                f"synthesis needs {self.compiler} on PATH; build(csim=True, synth=False) "
                "C-simulates with g++ alone"
            )
        log = self.output_dir / "vendor_build.log"
        with open(log, "w", encoding="utf-8") as out:
            subprocess.run(
                [tool, "-f", "build_prj.tcl"], cwd=self.output_dir, stdout=out, stderr=out
            )
        return log


def convert_from_symbolic_expression(
    expr: Any,
    n_symbols: int | None = None,
    lut_functions: Mapping[str, Mapping[str, Any]] | None = None,
    use_built_in_lut_functions: bool = False,
    output_dir: str = "my-hls-test",
    project_name: str = "myproject",
    input_data_tb: str | None = None,
    output_data_tb: str | None = None,
    precision: str = "ap_fixed<16,6>",
    part: str | None = None,
    clock_period: float = 5,
    compiler: str = "vivado_hls",
    hls_include_path: str | None = None,
    hls_libs_path: str | None = None,
    *,
    ranges: Ranges = None,
) -> SymbolicModel:
    """An srcc model of `expr` (a string or sympy expression, or a list: one output each,
    over inputs `x0, x1, ...`) with hls4ml's interface; see the module docstring."""
    if compiler not in COMPILERS:
        raise SrccError(f"compiler {quoted(compiler)}: use {' or '.join(COMPILERS)}")
    expressions = list(expr) if isinstance(expr, list | tuple | set) else [expr]
    names = None if n_symbols is None else [f"x{i}" for i in range(n_symbols)]
    functions, luts = _lut_functions(lut_functions or {})
    model = compile_model(
        [str(e) if isinstance(e, sympy.Basic) else e for e in expressions],
        names=names,
        ranges=ranges if ranges is not None else _type_range(precision),
        precision=precision,
        functions=functions,
        luts=luts,
    )
    return SymbolicModel(
        model,
        output_dir=output_dir,
        project_name=project_name,
        compiler=compiler,
        part=part,
        clock_period=clock_period,
        input_data_tb=input_data_tb,
        output_data_tb=output_data_tb,
    )


def _type_range(precision: str) -> tuple[float, float]:
    """The middle half of what an input of type `precision` holds (the module docstring
    says why not all of it)."""
    from srcc.driver import fixed_type

    if precision == "auto":
        raise SrccError("precision='auto' needs ranges= (hls4ml's inputs have no range)")
    type_ = fixed_type(precision)
    return type_.min_value / 2, type_.max_value / 2


def _lut_functions(
    specs: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """hls4ml's LUT functions as srcc user operators and table settings."""
    functions: dict[str, Any] = {}
    luts: dict[str, dict[str, Any]] = {}
    for name, spec in specs.items():
        math_func = spec["math_func"]
        if math_func in luts:
            raise SrccError(f"lut_functions: two tables for {math_func}; srcc keeps one")
        function = getattr(sympy, str(math_func), None)
        if not isinstance(function, type) or not issubclass(function, sympy.Function):
            raise SrccError(f"lut_functions[{quoted(name)}]: unknown math_func {quoted(math_func)}")
        functions[name] = function
        luts[math_func] = {
            "size": int(spec["table_size"]),
            "range": (float(spec["range_start"]), float(spec["range_end"])),
        }
    return functions, luts


def _load_array(path: str) -> np.ndarray:
    try:
        return np.load(path) if path.endswith(".npy") else np.loadtxt(path, ndmin=2)
    except (OSError, ValueError) as error:
        raise SrccError(f"cannot read {path}: {error}") from None
