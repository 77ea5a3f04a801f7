"""One way to lower: `srcc compile`, `srcc.compile` and `srcc-opt` run the same pipeline, and
a `Model` is read entirely from the IR that pipeline produces."""

import json
from pathlib import Path

import numpy as np
import pytest
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.parser import Parser
from xdsl.passes import PassPipeline

import srcc
from srcc.cli import main
from srcc.dialects import make_context
from srcc.driver import compile_passes, input_ir, run
from srcc.model import Model
from srcc.opt import SrccOptMain
from srcc.pipeline import available_passes, pipeline_text

CASES = {
    "auto": ["sin(x0)*x1 + x0/x1", "cos(3*x1) - x0", "--range=0.5:2", "--output-error=1e-4,3e-3"],
    "tables": [
        "sin(x0)*x1 + exp(-x1**2)",
        "--range=-2:2",
        "--lut",
        "sin:size=256,range=-1.5:1.5",
        "--lut",
        "exp:size=64",
        "--max-width=20",
        "--no-range-reduction",
        "--interpolate",
    ],
    "uniform": ["x0*x1 + 0.3*x2 - x0", "--range=-4:4", "--precision", "ap_fixed<18,6>"],
    "fixed inputs": [
        "x0*x1 + 0.25",
        "--range=-1:1",
        "--input-precision",
        "ap_fixed<10,2>",
        "--max-table-size=64",
    ],
}


def srcc_output(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["compile", *argv]) == 0
    return capsys.readouterr().out


def parse_module(text: str) -> ModuleOp:
    return Parser(make_context(), text).parse_module()


@pytest.mark.parametrize("case", sorted(CASES))
def test_srcc_opt_runs_the_printed_pipeline_to_the_same_ir(
    case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = CASES[case]
    pipeline = srcc_output(capsys, *argv, "--print-pipeline").strip()
    source = tmp_path / "input.mlir"
    source.write_text(srcc_output(capsys, *argv, "--emit", "input"))
    compiled = srcc_output(capsys, *argv, "--emit", "fix")
    SrccOptMain(args=[str(source), "-p", pipeline]).run()
    assert capsys.readouterr().out == compiled


def test_a_written_project_replays_its_own_pipeline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = srcc.compile("sin(x0)*x1 + exp(-x1**2)", ranges=(-2, 2), luts={"sin": {"size": 256}})
    project = model.write(tmp_path / "prj")
    report = json.loads((project / "report.json").read_text())
    assert report["pipeline"] == model.pipeline
    assert 'sym-table-override{function="sin" size=256}' in model.pipeline
    SrccOptMain(args=[str(project / "ir" / "sym.mlir"), "-p", report["pipeline"]]).run()
    assert capsys.readouterr().out.rstrip("\n") == (project / "ir" / "fix.mlir").read_text().rstrip(
        "\n"
    )


def test_pipeline_text_reads_back_into_the_same_passes() -> None:
    passes = compile_passes(
        output_error=[1e-5, 0.25, 3.0],
        max_width=20,
        max_intermediate_width=32,
        luts={"sin": {"size": 128, "range": (-0.5, 1e-7)}},
        interpolate=False,
        max_table_size=256,
        range_reduction=False,
    )
    text = pipeline_text(passes)
    assert text == (
        'simplify,sym-div-to-inv,sym-table-override{function="sin" size=128 domain=-0.5,1.0e-07},'
        "sym-composite{max_table_size=256 max_width=20},"
        "lower-sym-to-fix{output_error=1.0e-05,0.25,3.0 max_width=20 max_intermediate_width=32"
        " max_table_size=256"
        " interpolate=false range_reduction=false},fix-table-storage"
    )
    assert PassPipeline.parse_spec(available_passes(), text).passes == tuple(passes)


def test_uniform_precision_is_width_and_int_bits() -> None:
    assert pipeline_text(compile_passes(precision="ap_fixed<16,6>")) == pipeline_text(
        compile_passes(precision=(16, 6))
    )
    with pytest.raises(srcc.SrccError, match=r"not of the form ap_fixed<W,I>"):
        compile_passes(precision="fixed<16,6>")


def test_compile_is_the_input_ir_through_the_pipeline() -> None:
    model = srcc.compile("sin(x0) + x0*x1", ranges=(-2, 2), output_error=1e-3)
    again = run(
        input_ir("sin(x0) + x0*x1", ranges=(-2, 2)),
        pipeline_text(compile_passes(output_error=1e-3)),
    )
    assert again.ir == model.ir
    assert list(model.ir) == ["sym", "simplified", "fix"]
    assert model.ir["sym"] == str(input_ir("sin(x0) + x0*x1", ranges=(-2, 2)))


def test_timings_name_the_frontend_and_each_pass(tmp_path: Path) -> None:
    model = srcc.compile("x0/x1", ranges=(1, 2), luts={"inv": {"size": 32}})
    assert set(model.timings) == {
        "parse",
        "simplify",
        "sym-div-to-inv",
        "sym-table-override",
        "sym-composite",
        "lower-sym-to-fix",
        "fix-table-storage",
        "snapshots",
    }
    model.write(tmp_path / "prj")
    assert {"vectors", "emit", "write"} <= set(model.timings)
    assert all(seconds >= 0 for seconds in model.timings.values())


def test_a_model_is_read_from_its_ir_alone() -> None:
    """A Model built from the printed fix and simplified IR, parsed back, reports and
    predicts exactly as the compiled one."""
    model = srcc.compile(
        ["sin(x0)*x1 + x0/x1", "exp(-x1**2)"], ranges=(0.5, 2), luts={"sin": {"range": (0, 1.5)}}
    )
    firmware, reference = (
        next(op for op in parse_module(model.ir[stage]).ops if isinstance(op, func.FuncOp))
        for stage in ("fix", "simplified")
    )
    reread = Model(firmware, reference, pipeline=model.pipeline)
    assert reread.report() == model.report()
    X = np.random.default_rng(1).uniform(0, 2.5, size=(500, 2))
    assert np.array_equal(reread.predict_raw(X), model.predict_raw(X))
    assert np.array_equal(reread.evaluate(X), model.evaluate(X))
    tables = model.tables
    assert [t["function"] for t in tables] == ["sin", "inv", "exp(-u*u)"]
    assert tables[0]["domain"] == [0.0, 1.5]
    assert {t["storage"] for t in tables} == {"lutram"}
    assert np.all(model.error_bound <= model.output_error)
